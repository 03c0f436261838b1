"""Server logins: on a shared PostgreSQL database, which database login is which person, in which role.

``tillitsleder server add-user`` writes a row when it creates the login role; the row-level security policies look
the connected ``current_user`` up here to know whose rows it may see, and the app takes its profile from it. The
table exists on SQLite too (one schema for both engines) and stays empty there.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tillitsleder.model.base import Base, UTCDateTime, enum_check, utcnow
from tillitsleder.model.enums import Role


class ServerLogin(Base):
    __tablename__ = "server_login"
    __table_args__ = (
        enum_check("role", Role),
        CheckConstraint("role = 'coordinator' OR person_id IS NOT NULL", name="person_unless_coordinator"),
    )

    login: Mapped[str] = mapped_column(String(63), primary_key=True)  # PostgreSQL's longest role name
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
