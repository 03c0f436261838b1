"""Scheduling sessions: local time across DST, series with holidays, conflicts, reschedule/cancel/held, audit."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import insert, select

from tillitsleder import model as m
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.sessions import scheduling as svc
from tillitsleder.sessions.conflicts import ConflictKind
from tillitsleder.sessions.series import HolidayRule, Repeat, SeriesPattern, nth_weekday, series_days
from tillitsleder.storage import Database


@pytest.fixture
def org(db: Database) -> dict[str, int]:
    """A municipality with one programme (2026–2027, Europe/Oslo), two cohorts, two facilitators, two venues."""
    with db.session() as s:

        def add(model, **values) -> int:
            return s.execute(insert(model).values(**values).returning(model.id)).scalar_one()

        municipality = add(m.Municipality, name="Bydel Test", country="NO", timezone="Europe/Oslo")
        programme = add(
            m.Programme, municipality_id=municipality, name="Tillit", start_date=date(2026, 1, 5),
            end_date=date(2027, 6, 20), timezone="Europe/Oslo",
        )  # fmt: skip
        module = add(m.Module, programme_id=programme, title="Relasjonskompetanse", session_type="fagdag")
        cohort_a = add(m.Cohort, programme_id=programme, name="Kull A", start_date=date(2026, 1, 5))
        cohort_b = add(m.Cohort, programme_id=programme, name="Kull B", start_date=date(2026, 1, 5))
        pool = add(m.FacilitatorPool, municipality_id=municipality, code="F16", name="Lean", kind="lean")
        pool7 = add(m.FacilitatorPool, municipality_id=municipality, code="F7", name="Innovasjon", kind="innovation")
        kari = add(m.Person, first_name="Kari", last_name="Nordmann", email="kari@example.no")
        ola = add(m.Person, first_name="Ola", last_name="Ås", email="ola@example.no")
        return {
            "programme": programme, "module": module, "a": cohort_a, "b": cohort_b,
            "kari": add(m.Facilitator, pool_id=pool, person_id=kari),
            "kari_f7": add(m.Facilitator, pool_id=pool7, person_id=kari),
            "ola": add(m.Facilitator, pool_id=pool, person_id=ola),
            "hall": add(m.Venue, name="Storsalen", address="Ekebergveien 243"),
            "room": add(m.Venue, name="Møterom"),
        }  # fmt: skip


def plan(org, cohort="a", day=date(2026, 3, 10), start=time(9), end=time(12), **kw) -> svc.SessionPlan:
    kw.setdefault("title", "Temasamling")
    return svc.SessionPlan(org[cohort], day, start, end, **kw)


def test_local_times_are_stored_as_utc_on_both_sides_of_dst(db, org) -> None:
    march = svc.schedule_session(db, plan(org, day=date(2026, 3, 27), start=time(9), end=time(15))).session_ids[0]
    after = svc.schedule_session(db, plan(org, day=date(2026, 3, 30), start=time(9), end=time(15))).session_ids[0]
    november = svc.schedule_session(db, plan(org, day=date(2026, 11, 2), start=time(9), end=time(15))).session_ids[0]
    with db.read() as s:
        stored = {i: s.get(m.Session, i).starts_at for i in (march, after, november)}
    assert stored[march] == datetime(2026, 3, 27, 8, 0, tzinfo=UTC)  # CET, before the change on 29 March
    assert stored[after] == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # CEST
    assert stored[november] == datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # CET again
    details = svc.session_details(db, after)
    assert (details.plan.day, details.plan.start, details.plan.end) == (date(2026, 3, 30), time(9), time(15))


def test_a_new_session_takes_title_and_type_from_its_module_and_gets_a_uid(db, org) -> None:
    result = svc.schedule_session(db, plan(org, title="", module_id=org["module"], venue_name="Sentralen"))
    details = svc.session_details(db, result.session_ids[0])
    assert details.plan.title == "Relasjonskompetanse" and details.plan.session_type == "fagdag"
    assert details.ical_uid.endswith("@tillitsleder") and details.sequence == 0 and details.status == "planned"
    with db.read() as s:
        venue = s.scalar(select(m.Venue).where(m.Venue.name == "Sentralen"))
        assert details.plan.venue_id == venue.id
        actions = s.scalars(select(m.AuditEvent.action).order_by(m.AuditEvent.id)).all()
    assert actions == ["venue.created", "session.scheduled"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end": time(8)}, "end"),
        ({"title": "  "}, "title"),
        ({"session_type": "party"}, "type"),
        ({"facilitator_ids": (999,)}, "facilitators"),
        ({"venue_id": 999}, "venue"),
    ],
)
def test_invalid_plans_are_refused_and_nothing_is_written(db, org, change, field) -> None:
    with pytest.raises(ValidationError) as error:
        svc.schedule_session(db, plan(org, **change))
    assert error.value.fields["field"] == field
    with db.read() as s:
        assert s.scalar(select(m.Session.id)) is None


def test_series_weekly_count_skips_holidays_and_keeps_one_series_id(db, org) -> None:
    # Thursdays from 26 March 2026: 2 April is Maundy Thursday and 14 May Ascension Day in Norway.
    pattern = SeriesPattern(Repeat.WEEKLY, 1, count=8, holidays=HolidayRule.SKIP)
    result = svc.schedule_series(db, plan(org, day=date(2026, 3, 26)), pattern)
    assert len(result.session_ids) == 8
    assert result.skipped_days == (date(2026, 4, 2), date(2026, 5, 14))
    with db.read() as s:
        rows = s.scalars(select(m.Session).order_by(m.Session.starts_at)).all()
        assert {r.series_id for r in rows} == {result.series_id}
        assert len({r.ical_uid for r in rows}) == 8
    days = [svc.session_details(db, i).plan.day for i in result.session_ids]
    assert date(2026, 4, 2) not in days and days[-1] == date(2026, 5, 28)
    assert not result.conflicts


def test_series_flagging_holidays_keeps_them_with_a_warning(db, org) -> None:
    pattern = SeriesPattern(Repeat.WEEKLY, 1, until=date(2026, 4, 16), holidays=HolidayRule.FLAG)
    result = svc.schedule_series(db, plan(org, day=date(2026, 3, 26)), pattern)
    assert len(result.session_ids) == 4 and not result.skipped_days
    assert [(c.kind, c.day) for c in result.conflicts] == [(ConflictKind.DAY_OFF, date(2026, 4, 2))]


def test_series_every_two_weeks_and_monthly_on_the_same_weekday() -> None:
    fortnight = series_days(date(2026, 9, 1), SeriesPattern(Repeat.WEEKLY, 2, count=3))
    assert [d.day for d in fortnight] == [date(2026, 9, 1), date(2026, 9, 15), date(2026, 9, 29)]
    monthly = series_days(date(2026, 9, 8), SeriesPattern(Repeat.MONTHLY, 1, count=4))  # 2nd Tuesday
    assert [d.day for d in monthly] == [date(2026, 9, 8), date(2026, 10, 13), date(2026, 11, 10), date(2026, 12, 8)]
    last = series_days(date(2026, 9, 29), SeriesPattern(Repeat.MONTHLY, 1, count=2))  # 5th → last Tuesday
    assert [d.day for d in last] == [date(2026, 9, 29), date(2026, 10, 27)]
    assert nth_weekday(2026, 3, 6, -1) == date(2026, 3, 29)


def test_series_patterns_are_validated() -> None:
    with pytest.raises(ValidationError):
        series_days(date(2026, 9, 1), SeriesPattern(count=3, until=date(2026, 10, 1)))
    with pytest.raises(ValidationError):
        series_days(date(2026, 9, 1), SeriesPattern(count=0))
    with pytest.raises(ValidationError):
        series_days(date(2026, 9, 5), SeriesPattern(count=3))  # Saturdays only, all skipped


def test_preview_series_shows_conflicts_per_date_before_saving(db, org) -> None:
    svc.schedule_session(db, plan(org, "b", day=date(2026, 9, 15), facilitator_ids=(org["ola"],)))
    occurrences = svc.preview_series(
        db, plan(org, day=date(2026, 9, 1), facilitator_ids=(org["ola"],)), SeriesPattern(Repeat.WEEKLY, 1, count=3)
    )
    assert [(o.day, [c.kind for c in o.conflicts]) for o in occurrences] == [
        (date(2026, 9, 1), []),
        (date(2026, 9, 8), []),
        (date(2026, 9, 15), [ConflictKind.FACILITATOR_BUSY]),
    ]
    with db.read() as s:
        assert len(s.scalars(select(m.Session.id)).all()) == 1


def test_facilitator_and_venue_double_bookings_across_cohorts_are_reported(db, org) -> None:
    svc.schedule_session(db, plan(org, "b", start=time(10), end=time(14), facilitator_ids=(org["kari"],),
                                  venue_id=org["hall"]))  # fmt: skip
    wanted = plan(org, "a", start=time(9), end=time(11), facilitator_ids=(org["kari_f7"], org["ola"]),
                  venue_id=org["hall"])  # fmt: skip
    conflicts = svc.check_conflicts(db, wanted)
    assert [(c.kind, c.name, c.other_cohort) for c in conflicts] == [
        (ConflictKind.FACILITATOR_BUSY, "Kari Nordmann", "Kull B"),  # the same person, through another pool
        (ConflictKind.VENUE_BUSY, "Storsalen", "Kull B"),
    ]
    assert conflicts[0].message() == (
        "Kari Nordmann already facilitates “Temasamling” (Kull B) on 10 Mar 2026, 10:00–14:00."
    )
    saved = svc.schedule_session(db, wanted)  # a warning, not a refusal
    assert len(saved.conflicts) == 2


def test_adjacent_sessions_and_cancelled_ones_do_not_conflict(db, org) -> None:
    first = svc.schedule_session(db, plan(org, "b", start=time(9), end=time(12), facilitator_ids=(org["kari"],),
                                          venue_id=org["hall"]))  # fmt: skip
    after = plan(org, "a", start=time(12), end=time(15), facilitator_ids=(org["kari"],), venue_id=org["hall"])
    assert svc.check_conflicts(db, after) == []
    overlapping = plan(org, "a", start=time(11), end=time(13), venue_id=org["hall"])
    assert [c.kind for c in svc.check_conflicts(db, overlapping)] == [ConflictKind.VENUE_BUSY]
    svc.cancel_session(db, first.session_ids[0], "Sykdom")
    assert svc.check_conflicts(db, overlapping) == []


def test_outside_the_programme_on_a_day_off_and_facilitator_away(db, org) -> None:
    with db.session() as s:
        s.add(m.FacilitatorUnavailability(facilitator_id=org["ola"], first_day=date(2027, 7, 1),
                                          last_day=date(2027, 7, 31), reason="Ferie"))  # fmt: skip
    conflicts = svc.check_conflicts(db, plan(org, day=date(2027, 7, 17), facilitator_ids=(org["ola"],)))
    assert [c.kind for c in conflicts] == [
        ConflictKind.FACILITATOR_AWAY, ConflictKind.OUTSIDE_PROGRAMME, ConflictKind.DAY_OFF,
    ]  # fmt: skip
    assert "outside the programme’s dates (5 Jan 2026 – 20 Jun 2027)" in conflicts[1].message()


def test_reschedule_raises_sequence_keeps_uid_and_ignores_itself(db, org) -> None:
    session_id = svc.schedule_session(db, plan(org, venue_id=org["hall"])).session_ids[0]
    before = svc.session_details(db, session_id)
    with db.read() as s:
        updated_before = s.get(m.Session, session_id).updated_at
    moved = svc.reschedule_session(db, session_id, plan(org, day=date(2026, 3, 12), venue_id=org["room"],
                                                        facilitator_ids=(org["ola"],)))  # fmt: skip
    assert moved.changed and moved.conflicts == ()
    after = svc.session_details(db, session_id)
    assert after.ical_uid == before.ical_uid and after.sequence == before.sequence + 1
    assert after.plan.day == date(2026, 3, 12) and after.plan.facilitator_ids == (org["ola"],)
    with db.read() as s:
        updated = s.get(m.Session, session_id).updated_at
    assert updated > updated_before
    unchanged = svc.reschedule_session(db, session_id, after.plan)
    assert not unchanged.changed and svc.session_details(db, session_id).sequence == after.sequence


def test_cancel_needs_a_reason_raises_sequence_and_keeps_the_reason_out_of_the_audit(db, org) -> None:
    session_id = svc.schedule_session(db, plan(org)).session_ids[0]
    with pytest.raises(ValidationError):
        svc.cancel_session(db, session_id, "   ")
    svc.cancel_session(db, session_id, "Foreleser syk")
    details = svc.session_details(db, session_id)
    assert (details.status, details.sequence, details.cancel_reason) == ("cancelled", 1, "Foreleser syk")
    with pytest.raises(ValidationError):
        svc.cancel_session(db, session_id, "igjen")
    with pytest.raises(ValidationError):
        svc.reschedule_session(db, session_id, plan(org, day=date(2026, 3, 11)))
    with db.read() as s:
        event = s.execute(
            select(m.AuditEvent.entity_id, m.AuditEvent.detail).where(m.AuditEvent.action == "session.cancelled")
        ).one()
    assert event.entity_id == session_id and json.loads(event.detail) == {"sequence": 1}


def test_mark_held_only_once_started_and_only_when_planned(db, org) -> None:
    session_id = svc.schedule_session(db, plan(org)).session_ids[0]
    with pytest.raises(ValidationError):
        svc.mark_held(db, session_id, now=datetime(2026, 3, 9, tzinfo=UTC))
    svc.mark_held(db, session_id, now=datetime(2026, 3, 10, 12, tzinfo=UTC))
    assert svc.session_details(db, session_id).status == "held"
    with pytest.raises(ValidationError):
        svc.mark_held(db, session_id, now=datetime(2026, 3, 10, 12, tzinfo=UTC))
    with pytest.raises(ValidationError):
        svc.cancel_session(db, session_id, "for sent")


def test_form_options_and_lookups(db, org) -> None:
    options = svc.form_options(db, org["a"])
    assert options.cohort_name == "Kull A" and options.frame.zone == "Europe/Oslo"
    assert [o.label for o in options.facilitators] == ["Kari Nordmann (F16)", "Kari Nordmann (F7)", "Ola Ås (F16)"]
    assert [v.label for v in options.venues] == ["Møterom", "Storsalen"]
    assert svc.find_facilitator(db, "OLA@example.no").id == org["ola"]
    assert svc.find_facilitator(db, str(org["kari"])).label == "Kari Nordmann"
    with pytest.raises(NotFound):
        svc.find_facilitator(db, "nobody@example.no")
    with pytest.raises(NotFound):
        svc.form_options(db, 999)
