"""Modules of a programme: add, change, move (positions stay 0..n-1), delete (never orphaning sessions)."""

from __future__ import annotations

from dataclasses import asdict, replace

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session as OrmSession

from tillitsleder.audit import audit
from tillitsleder.curriculum.rules import (
    check_id_free,
    check_semester_of,
    clean_module,
    module_columns,
    module_data,
    module_or_fail,
    programme_or_fail,
)
from tillitsleder.curriculum.values import DeletedModule, ModuleData
from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model import Module, Semester, Session
from tillitsleder.storage.database import Database
from tillitsleder.versions import check_seen, saving

# --- Modules ------------------------------------------------------------------------------------------------


def _module_count(s: OrmSession, programme_id: int) -> int:
    return int(s.scalar(select(func.count(Module.id)).where(Module.programme_id == programme_id)) or 0)


def _open_gap(s: OrmSession, programme_id: int, position: int) -> None:
    """Shift modules at ``position`` and after one place down (from the end: no intermediate clash)."""
    s.execute(
        update(Module)
        .where(Module.programme_id == programme_id, Module.position >= position)
        .values(position=Module.position + 1)
    )


def _close_gaps(s: OrmSession, programme_id: int) -> None:
    s.flush()
    ids = s.scalars(select(Module.id).where(Module.programme_id == programme_id).order_by(Module.position, Module.id))
    for position, module_id in enumerate(ids.all()):
        s.execute(update(Module).where(Module.id == module_id, Module.position != position).values(position=position))
    s.expire_all()


def add_module(db: Database, programme_id: int, data: ModuleData, position: int | None = None) -> int:
    """Add a module at ``position`` (default: the end); returns its id."""
    data = clean_module(data)
    with db.session() as s:
        programme_or_fail(s, programme_id)
        check_semester_of(s, programme_id, data.semester_id)
        count = _module_count(s, programme_id)
        position = count if position is None else max(0, min(position, count))
        _open_gap(s, programme_id, position)
        module = Module(programme_id=programme_id, position=position, **module_columns(data))
        s.add(module)
        s.flush()
        audit(s, "module.added", "module", module.id, programme=programme_id, position=position)
        return module.id


def get_module(db: Database, module_id: int) -> ModuleData:
    with db.read() as s:
        return module_data(module_or_fail(s, module_id))


def _module_values(module: Module) -> dict[str, object]:
    return asdict(module_data(module))


def update_module(db: Database, module_id: int, data: ModuleData) -> int:
    """Save a module's fields; returns its new version. Refused (``ChangedElsewhere``) if it changed since
    ``data.version`` was read."""
    seen, data = data.version, clean_module(data)
    with saving(db, Module, module_id, entity="module", values=_module_values) as s:
        module = module_or_fail(s, module_id)
        check_seen(s, module, seen, entity="module", values=_module_values)
        check_semester_of(s, module.programme_id, data.semester_id)
        for name, value in module_columns(data).items():
            setattr(module, name, value)
        audit(s, "module.updated", "module", module_id)
        s.flush()
        return module.version


def move_module(db: Database, module_id: int, new_position: int) -> int:
    """Move a module to ``new_position`` (clamped); the others close up. Returns the old position."""
    with db.session() as s:
        module = module_or_fail(s, module_id)
        programme_id, old = module.programme_id, module.position
        count = _module_count(s, programme_id)
        new_position = max(0, min(new_position, count - 1))
        ordered = [
            i
            for i in s.scalars(
                select(Module.id).where(Module.programme_id == programme_id).order_by(Module.position, Module.id)
            )
            if i != module_id
        ]
        ordered.insert(new_position, module_id)
        # Two steps so no two rows ever share a position while the order changes.
        s.execute(update(Module).where(Module.programme_id == programme_id).values(position=Module.position + count))
        for position, moved_id in enumerate(ordered):
            s.execute(update(Module).where(Module.id == moved_id).values(position=position))
        s.expire_all()
        audit(s, "module.moved", "module", module_id, old=old, new=new_position)
        return old


def delete_module(db: Database, module_id: int, *, detach_sessions: bool = False) -> DeletedModule:
    """Delete a module. A module that sessions use is refused unless ``detach_sessions``: then the sessions
    stay in the calendar without a module. Returns what ``restore_module`` needs."""
    with db.session() as s:
        module = module_or_fail(s, module_id)
        session_ids = tuple(s.scalars(select(Session.id).where(Session.module_id == module_id).order_by(Session.id)))
        if session_ids and not detach_sessions:
            raise ValidationError(
                N_(
                    "“{title}” is used by {count} sessions and cannot be deleted. Move the sessions to another "
                    "module first, or delete it and keep the sessions without a module."
                ),
                title=module.title,
                count=len(session_ids),
            )
        s.execute(update(Session).where(Session.module_id == module_id).values(module_id=None))
        snapshot = DeletedModule(module_id, module.programme_id, module.position, module_data(module), session_ids)
        s.delete(module)
        _close_gaps(s, snapshot.programme_id)
        audit(s, "module.deleted", "module", module_id, sessions=list(session_ids))
        return snapshot


def restore_module(db: Database, snapshot: DeletedModule) -> int:
    """Put a deleted module back at its place with its id, and re-attach the sessions it had."""
    with db.session() as s:
        programme_or_fail(s, snapshot.programme_id)
        check_id_free(s, Module, snapshot.id)
        data = snapshot.data
        if data.semester_id is not None and s.get(Semester, data.semester_id) is None:
            data = replace(data, semester_id=None)
        position = max(0, min(snapshot.position, _module_count(s, snapshot.programme_id)))
        _open_gap(s, snapshot.programme_id, position)
        row = {"id": snapshot.id, "programme_id": snapshot.programme_id, "position": position}
        s.execute(insert(Module), [row | module_columns(data)])
        if snapshot.detached_session_ids:
            s.execute(
                update(Session)
                .where(Session.id.in_(snapshot.detached_session_ids), Session.module_id.is_(None))
                .values(module_id=snapshot.id)
            )
        audit(s, "module.restored", "module", snapshot.id)
    return snapshot.id
