"""Records several people edit: a version counter, and who saved last and when (revision 0014).

``HasVersion`` gives a table a ``version`` column that SQLAlchemy uses as the mapper's ``version_id_col``: every
ORM UPDATE (and DELETE) of such a row says ``… WHERE version = :loaded`` and sets ``version = :loaded + 1``, so a
save that lost the race to another connection's commit changes nothing and raises ``StaleDataError`` (turned into
``ChangedElsewhere`` by ``tillitsleder.versions`` and ``Database.session``). ``UpdatedBy`` adds the person who
saved last (a foreign key to ``person``, set to NULL when that person is erased) and ``UpdatedAt`` the moment.

Both are stamped in one place, ``before_flush`` below: every new or changed row of a class with ``UpdatedBy``
gets ``updated_by_id`` from the session's acting person (``ACTING_PERSON`` in ``Session.info``; ``None`` for the
coordinator's desktop profile, which is no person) and, with ``UpdatedAt``, the app clock's moment.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, event
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column

from tillitsleder.model.base import UTCDateTime, utcnow

# ``Session.info`` key: the id of the person whose save this session is (None: the coordinator or the CLI).
ACTING_PERSON = "tillitsleder_acting_person"


class HasVersion:
    """A version counter the ORM checks and bumps on every UPDATE and DELETE of the row."""

    version: Mapped[int] = mapped_column(default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:  # noqa: N805 - a declarative directive takes the class
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class UpdatedBy:
    """The person who saved the row last (None: the coordinator, or someone since erased)."""

    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))


class UpdatedAt:
    """When the row was saved last (the app's clock)."""

    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


@event.listens_for(Session, "before_flush")
def _stamp(session: Session, _context, _instances) -> None:
    acting = session.info.get(ACTING_PERSON)
    for row in list(session.new) + [row for row in session.dirty if session.is_modified(row)]:
        if isinstance(row, UpdatedBy):
            row.updated_by_id = acting
        if isinstance(row, UpdatedAt) and row in session.dirty:
            row.updated_at = utcnow()
