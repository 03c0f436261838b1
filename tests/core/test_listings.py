"""The coordinator's lists: every spec runs, sorts and searches in SQL, pages, and shows only what it may."""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

import pytest
from sqlalchemy import func, select

from tillitsleder import i18n
from tillitsleder.i18n import floor_share
from tillitsleder.lists.areas import ALL_SPECS, ENROLMENTS, GROUP_MEETINGS, JOURNAL_COUNTS, SESSIONS
from tillitsleder.lists.tables import count_rows, fetch_rows, format_row
from tillitsleder.lookups import cohort_options, find_cohort, programme_options
from tillitsleder.model import Attendance, AttendanceStatus, Cohort, Enrolment, GroupNote, Programme, Session


def _params(db, spec) -> dict[str, int]:
    with db.read() as session:
        ids = {"programme_id": session.scalar(select(Programme.id)), "cohort_id": session.scalar(select(Cohort.id))}
    return {name: ids[name] for name in spec.parameters}


@pytest.mark.parametrize("key", sorted(ALL_SPECS))
def test_every_list_counts_pages_and_sorts_both_ways(demo_db, key: str) -> None:
    spec = ALL_SPECS[key]
    params = _params(demo_db, spec)
    total = count_rows(demo_db, spec, params)
    if key != "certificates":  # the demo has issued none yet
        assert total > 0
    first = fetch_rows(demo_db, spec, params, limit=5)
    rest = fetch_rows(demo_db, spec, params, offset=5, limit=10_000)
    assert len(first) + len(rest) == total
    for column in spec.columns:
        ascending = fetch_rows(demo_db, spec, params, sort=column.key, limit=10_000)
        descending = fetch_rows(demo_db, spec, params, sort=column.key, descending=True, limit=10_000)
        assert len(ascending) == len(descending) == total
        index = spec.columns.index(column)
        values = [row[index] for row in ascending if row[index] is not None]
        assert values == sorted(values), column.key
        assert [row[index] for row in descending if row[index] is not None] == sorted(values, reverse=True)
    for row in first:
        assert len(format_row(spec, row)) == len(spec.columns)


def test_search_matches_every_word_case_insensitively(demo_db) -> None:
    params = _params(demo_db, ENROLMENTS)
    everyone = fetch_rows(demo_db, ENROLMENTS, params, limit=1000)
    some = [row for row in everyone if row[2] == "Oppvekst"]
    found = fetch_rows(demo_db, ENROLMENTS, params, search="oppVEKST", limit=1000)
    assert {r[-1] for r in found} >= {r[-1] for r in some}
    one = some[0]
    narrowed = fetch_rows(demo_db, ENROLMENTS, params, search=f"{one[1]} {one[0]}", limit=1000)
    assert one[-1] in {r[-1] for r in narrowed} and len(narrowed) < len(everyone)
    assert count_rows(demo_db, ENROLMENTS, params, search="100%_\\") == 0


def test_attendance_so_far_is_weighted_over_held_sessions(demo_db) -> None:
    params = _params(demo_db, ENROLMENTS)
    with demo_db.read() as session:
        held = session.scalar(
            select(func.count(Session.id)).where(Session.cohort_id == params["cohort_id"], Session.status == "held")
        )
        weights: dict[int, Fraction] = defaultdict(Fraction)
        rows = session.execute(
            select(Attendance.enrolment_id, AttendanceStatus.weight)
            .join(AttendanceStatus, AttendanceStatus.id == Attendance.status_id)
            .join(Session, Session.id == Attendance.session_id)
            .where(Session.status == "held")
        )
        for enrolment_id, weight in rows:
            weights[enrolment_id] += Fraction(weight)
    index = [c.key for c in ENROLMENTS.columns].index("attendance")
    for row in fetch_rows(demo_db, ENROLMENTS, params, limit=1000):
        assert row[index] == floor_share(weights[row[-1]] / held)  # exact, rounded down to 0.1 % as shown


def test_coordinator_sees_group_meta_but_never_note_content_or_private_themes(demo_db) -> None:
    params = _params(demo_db, GROUP_MEETINGS)
    with demo_db.read() as session:
        notes = session.execute(select(GroupNote.content, GroupNote.theme, GroupNote.theme_shareable)).all()
    shown = " ".join(" ".join(str(v) for v in row) for row in fetch_rows(demo_db, GROUP_MEETINGS, params, limit=1000))
    assert any(shareable and theme in shown for _, theme, shareable in notes)
    for content, theme, shareable in notes:
        assert content not in shown
        if theme and not shareable:
            assert theme not in shown


def test_journal_counts_only_where_the_participant_allows(demo_db) -> None:
    params = _params(demo_db, JOURNAL_COUNTS)
    with demo_db.read() as session:
        allowed = dict(session.execute(select(Enrolment.id, Enrolment.journal_count_visible)).all())
    rows = fetch_rows(demo_db, JOURNAL_COUNTS, params, limit=1000)
    index = [c.key for c in JOURNAL_COUNTS.columns].index("entries")
    assert any(allowed[row[-1]] for row in rows) and not all(allowed[row[-1]] for row in rows)
    for row in rows:
        if not allowed[row[-1]]:
            assert row[index] is None
        else:
            assert row[index] is not None


def test_cells_are_formatted_in_the_current_language(demo_db) -> None:
    params = _params(demo_db, SESSIONS)
    row = fetch_rows(demo_db, SESSIONS, params, limit=1)[0]
    i18n.set_language("nb")
    norwegian = format_row(SESSIONS, row)
    i18n.set_language("en")
    english = format_row(SESSIONS, row)
    assert norwegian != english
    assert norwegian[2] == "Temasamling" or norwegian[2] != english[2]


def test_lookups_name_cohorts_by_id_or_name(demo_db) -> None:
    (programme,) = programme_options(demo_db)
    cohorts = cohort_options(demo_db, programme.id)
    assert cohorts
    assert find_cohort(demo_db, str(cohorts[0].id)) == cohorts[0]
    assert find_cohort(demo_db, cohorts[0].label.upper()) == cohorts[0]
    from tillitsleder.errors import NotFound

    with pytest.raises(NotFound):
        find_cohort(demo_db, "Kull 99")
