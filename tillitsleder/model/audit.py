"""The audit trails: who did what to which record, and who read whose personal data, and when. Never holds journal
or note content."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from tillitsleder.model.base import Base, UTCDateTime, nonblank_check, utcnow


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (nonblank_check("action"), Index("ix_audit_event_entity", "entity", "entity_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None]
    # A short machine-readable summary (JSON); free text from users never goes here.
    detail: Mapped[str] = mapped_column(Text, default="{}")


class ReadEvent(Base):
    """One read of personal data by someone other than its subject (a report, an export, a shared journal entry,
    a group's notes). Append-only: triggers in the database refuse UPDATE and DELETE. Never holds content."""

    __tablename__ = "read_event"
    __table_args__ = (nonblank_check("kind"), Index("ix_read_event_actor", "actor_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # No foreign keys: the trail outlives the rows it names (a deleted cohort, an erased person).
    actor_id: Mapped[int | None]
    actor_role: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None]


class ReadEventSubject(Base):
    """A person a read was about: one row per person, so the trail can be filtered by whom it concerns."""

    __tablename__ = "read_event_subject"

    event_id: Mapped[int] = mapped_column(ForeignKey("read_event.id", ondelete="RESTRICT"), primary_key=True)
    person_id: Mapped[int] = mapped_column(primary_key=True, index=True)


APPEND_ONLY_TABLES = ("read_event", "read_event_subject")


APPEND_ONLY_FUNCTION = (
    "CREATE OR REPLACE FUNCTION tillitsleder_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only'; END $$"
)


def append_only_triggers(table: str, dialect: str = "sqlite") -> list[str]:
    """The engine-specific SQL that makes ``table`` append-only (used by the model and by migration 0010): two
    row triggers refusing UPDATE and DELETE; on PostgreSQL through the function ``APPEND_ONLY_FUNCTION`` makes."""
    if dialect == "postgresql":
        return [APPEND_ONLY_FUNCTION] + [
            f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION tillitsleder_append_only()"
            for verb in ("UPDATE", "DELETE")
        ]
    return [
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        for verb in ("UPDATE", "DELETE")
    ]


def _add_triggers(table, connection, **_kw) -> None:
    if connection.dialect.name in ("sqlite", "postgresql"):
        for statement in append_only_triggers(table.name, connection.dialect.name):
            connection.exec_driver_sql(statement)


for _table in (ReadEvent.__table__, ReadEventSubject.__table__):
    event.listen(_table, "after_create", _add_triggers)
