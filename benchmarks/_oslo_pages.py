"""Every list page's first screen, as the UI reads it (a helper module of ``oslo_scale.py``).

Each entry makes the very core calls the page makes when it is first shown: a ``ListPanel`` over a
``TableSpec`` counts the rows and fetches the first page sorted by the spec's default (``SpecTableModel._reload``:
``tables.count_rows`` then ``tables.fetch_rows``); other pages call their service (the register, the journal
workspace's backend, the organisation tree, the read audit …). ``Context`` names whose screen it is: the
newest cohort (a full register), a finished cohort (its certificates), a participant with a real profile and
real entries, and a facilitator of one of the newest cohort's groups.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.lists import tables
from tillitsleder.lists.areas import ALL_SPECS
from tillitsleder.profiles import UnlockedProfile
from tillitsleder.storage.database import Database


@dataclass(frozen=True)
class Context:
    cohort_id: int  # the newest cohort: sessions still planned, a full register
    finished_cohort_id: int  # a cohort that has ended: certificates issued
    programme_id: int
    participant: UnlockedProfile
    facilitator: Actor
    group_id: int  # one of the facilitator's groups


def first_page(db: Database, key: str, **params: Any) -> list[tuple[Any, ...]]:
    """What ``SpecTableModel`` reads when a list is first shown: the count, then the first page."""
    spec = ALL_SPECS[key]
    total = tables.count_rows(db, spec, params)
    return tables.fetch_rows(db, spec, params) if total else []


def _programmes(db: Database, ctx: Context):
    from tillitsleder.attendance.register import sessions_to_register

    return first_page(db, "programmes"), sessions_to_register(db)


def _curriculum(db: Database, ctx: Context):
    from tillitsleder.curriculum import load_curriculum

    return load_curriculum(db, ctx.programme_id)


def _cohort_picker(db: Database, ctx: Context):
    from tillitsleder.lookups import cohort_options

    return cohort_options(db)


def _participants(db: Database, ctx: Context):
    from tillitsleder.enrolment.cohorts import department_options

    return department_options(db, ctx.cohort_id), first_page(db, "enrolments", cohort_id=ctx.cohort_id)


def _register(db: Database, ctx: Context):
    from tillitsleder.attendance.register import load_register

    return load_register(db, ctx.cohort_id)  # the grid's display figures are computed in ui/, from this


def _sessions(db: Database, ctx: Context):
    return first_page(db, "sessions", cohort_id=ctx.cohort_id)


def _groups(db: Database, ctx: Context):
    from tillitsleder.group_notes.meetings import list_groups, shareable_themes

    return (
        first_page(db, "groups", cohort_id=ctx.cohort_id),
        list_groups(db, COORDINATOR, ctx.cohort_id),
        shareable_themes(db, COORDINATOR, ctx.cohort_id),
    )


def _group_meetings(db: Database, ctx: Context):
    return first_page(db, "group_meetings", cohort_id=ctx.cohort_id)


def _group_notes_facilitator(db: Database, ctx: Context):
    from tillitsleder.group_notes.meetings import list_groups, list_meetings

    return list_groups(db, ctx.facilitator, ctx.cohort_id), list_meetings(db, ctx.facilitator, ctx.group_id)


def _facilitators(db: Database, ctx: Context):
    from tillitsleder.facilitators.pools import list_pools

    return first_page(db, "facilitators"), list_pools(db)


def _my_assignments(db: Database, ctx: Context):
    from tillitsleder.facilitators.my_assignments import my_assignments

    return my_assignments(db, ctx.facilitator)


def _certificates(db: Database, ctx: Context):
    return first_page(db, "certificates", cohort_id=ctx.finished_cohort_id)


def _journal_counts(db: Database, ctx: Context):
    return first_page(db, "journal_counts", cohort_id=ctx.cohort_id)


def _journal_participant(db: Database, ctx: Context):
    from tillitsleder.journal import commitments
    from tillitsleder.journal.entries import list_drafts, list_entries

    me = ctx.participant
    me.entry_cache.clear()  # the first screen after unlocking decrypts every entry
    return list_entries(db, me), commitments.list_commitments(db, me, me.person_id), list_drafts(db, me)


def _organisation(db: Database, ctx: Context):
    from tillitsleder.organisation import organisation_tree

    return organisation_tree(db)


def _read_audit(db: Database, ctx: Context):
    from tillitsleder.privacy.read_audit import ReadFilter, audit_people, read_page

    first = ReadFilter(limit=tables.PAGE_SIZE)  # the tab's first load: the people filters, the count and a page
    return audit_people(db), read_page(db, first)


PAGES: dict[str, Callable[[Database, Context], Any]] = {
    "programmes (+ to be registered)": _programmes,
    "curriculum": _curriculum,
    "cohort picker": _cohort_picker,
    "participants (enrolments)": _participants,
    "attendance register": _register,
    "sessions": _sessions,
    "groups (list + meetings panel)": _groups,
    "group meetings (list)": _group_meetings,
    "group notes (facilitator)": _group_notes_facilitator,
    "facilitators (+ pools)": _facilitators,
    "my assignments (facilitator)": _my_assignments,
    "certificates (finished cohort)": _certificates,
    "journal counts (coordinator)": _journal_counts,
    "journal (participant, decrypts)": _journal_participant,
    "organisation tree": _organisation,
    "read audit": _read_audit,
}
