"""The demo's finished earlier cohort: same programme, every session held, most completed and signed off, a few
not — and the reasons show (low attendance, a required module missed, withdrew)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from tillitsleder.completion.evaluation import CompletionState, evaluate_cohort
from tillitsleder.model import Cohort, Session
from tillitsleder.model.enums import SessionStatus


def test_the_earlier_cohort_has_finished_with_most_completed(demo_db, clock_day: date) -> None:
    today = clock_day  # the day the demo is built for: the suite's day
    with demo_db.read() as s:
        cohorts = s.execute(select(Cohort.id, Cohort.programme_id, Cohort.start_date, Cohort.end_date)).all()
        earlier = next(c for c in cohorts if c.end_date < today)
        current = next(c for c in cohorts if c.id != earlier.id)
        statuses = set(s.scalars(select(Session.status).where(Session.cohort_id == earlier.id)))
    assert earlier.programme_id == current.programme_id and earlier.start_date < current.start_date
    assert (today - earlier.start_date).days > 700 and statuses == {SessionStatus.HELD.value}
    results = evaluate_cohort(demo_db, earlier.id, today=today)
    states = Counter(r.state for r in results)
    assert states[CompletionState.COMPLETED] >= 0.75 * len(results)
    assert states[CompletionState.ON_TRACK] == 1 and states[CompletionState.AT_RISK] == 0
    completed = [r for r in results if r.state is CompletionState.COMPLETED]
    assert all(r.signed_off_by == "Hilde Bækkelund" and r.enrolment_status == "completed" for r in completed)
    waiting = next(r for r in results if r.state is CompletionState.ON_TRACK)
    assert waiting.reasons == ["Waiting for the coordinator's sign-off."] and waiting.eligible is False
    reasons = " ".join(reason for r in results if r.state is CompletionState.CANNOT_COMPLETE for reason in r.reasons)
    for shown in ("of planned sessions; the minimum is 80%.", "Required module “Fagdag", "Withdrew from the programme"):
        assert shown in reasons
    names = " ".join(r.name for r in results)
    assert any(ch in names for ch in "áŋčđšŧž") and any(ch in names for ch in "łćğş")
