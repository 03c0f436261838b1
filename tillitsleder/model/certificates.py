"""Issued certificates (kursbevis): frozen PDF bytes with a hash and a verification code."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tillitsleder.model.base import Base, UTCDateTime, enum_check, utcnow
from tillitsleder.model.enums import CertificateStatus


class Certificate(Base):
    __tablename__ = "certificate"
    __table_args__ = (
        UniqueConstraint("enrolment_id", "version"),
        enum_check("status", CertificateStatus),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("length(sha256) = 64", name="sha256_hex"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="RESTRICT"), index=True)
    version: Mapped[int] = mapped_column(default=1)
    verification_code: Mapped[str] = mapped_column(String(32), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    language: Mapped[str] = mapped_column(String(8))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=CertificateStatus.VALID.value)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id", ondelete="RESTRICT"))
