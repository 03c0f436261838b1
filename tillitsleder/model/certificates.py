"""Certificates (kursbevis): templates per programme and language, and issued certificates kept as frozen PDF
bytes with their SHA-256 and a verification code."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tillitsleder.model.base import Base, UTCDateTime, enum_check, nonblank_check, utcnow
from tillitsleder.model.enums import CertificateStatus
from tillitsleder.model.versioned import HasVersion, UpdatedBy


class CertificateTemplate(HasVersion, UpdatedBy, Base):
    """How a programme's certificates look in one language. Text fields may hold ``{placeholders}``."""

    __tablename__ = "certificate_template"
    __table_args__ = (UniqueConstraint("programme_id", "language"), nonblank_check("title"))

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    show_modules: Mapped[bool] = mapped_column(default=True)
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    background: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    signatories: Mapped[list[CertificateSignatory]] = relationship(
        back_populates="template", order_by="CertificateSignatory.position", cascade="all, delete-orphan"
    )


class CertificateSignatory(Base):
    """One of the (one or two) people who sign a template's certificates."""

    __tablename__ = "certificate_signatory"
    __table_args__ = (
        UniqueConstraint("template_id", "position"),
        CheckConstraint("position BETWEEN 1 AND 2", name="position_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("certificate_template.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    image: Mapped[bytes | None] = mapped_column(LargeBinary)

    template: Mapped[CertificateTemplate] = relationship(back_populates="signatories")


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
    # The name as printed, so verifying says whom the paper names even after the person was renamed.
    holder_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # Why this version was issued (a reissue's reason; empty for a first issue).
    issue_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
