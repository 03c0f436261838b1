"""Group meetings and three-step notes: who sees and edits what, carry-over of open actions, validation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from engine_data import built
from sqlalchemy import func, select

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.errors import Forbidden, NotFound, ValidationError
from tillitsleder.group_notes.access import GroupAccess
from tillitsleder.group_notes.meeting_edits import (
    ActionDraft,
    MeetingDraft,
    StepDraft,
    delete_meeting,
    save_meeting,
)
from tillitsleder.group_notes.meetings import (
    list_groups,
    list_meetings,
    load_meeting,
    new_meeting,
    shareable_themes,
)
from tillitsleder.model import (
    Cohort,
    Enrolment,
    Facilitator,
    FacilitatorAssignment,
    FacilitatorPool,
    GroupAction,
    GroupMeeting,
    GroupNote,
    GroupRound,
    Municipality,
    Person,
    Programme,
    ReflectionGroup,
    group_member,
)
from tillitsleder.model.enums import ActionStatus, AssignmentKind, DialogueStep
from tillitsleder.storage import Database

CANARY = "CANARY-kanarifugl-7731"


@dataclass
class World:
    cohort: int
    group_a: int
    group_b: int
    members_a: list[int]  # enrolment ids
    members_b: list[int]
    member_person: int  # a member of group A
    other_member_person: int  # a member of group B only
    outsider_person: int  # enrolled in the cohort, in no group
    facilitator_a: int  # person id: group A's facilitator
    assigned_a: int  # person id: assigned to group A by a facilitator assignment
    facilitator_b: int  # person id: group B's facilitator
    facilitator_a_row: int  # facilitator.id of facilitator_a


def build_world(db: Database) -> World:
    with db.session() as s:
        town = Municipality(name="Bydel Nordstrand")
        s.add(town)
        s.flush()
        programme = Programme(
            municipality_id=town.id, name="LUP", start_date=date(2026, 1, 1), end_date=date(2027, 12, 31)
        )
        s.add(programme)
        s.flush()
        cohort = Cohort(programme_id=programme.id, name="Kull 1", start_date=date(2026, 1, 1))
        s.add(cohort)
        s.flush()
        people = [Person(first_name=f"Leder{i}", last_name=f"Ås{i}") for i in range(7)]
        staff = [Person(first_name=f"Fasilitator{i}", last_name="Ødegård") for i in range(3)]
        s.add_all(people + staff)
        s.flush()
        enrolments = [
            Enrolment(cohort_id=cohort.id, person_id=p.id, status_since=date(2026, 1, 1), enrolled_on=date(2026, 1, 1))
            for p in people
        ]
        s.add_all(enrolments)
        pool = FacilitatorPool(municipality_id=town.id, code="F16", name="Lean", kind="lean")
        s.add(pool)
        s.flush()
        facilitators = [Facilitator(pool_id=pool.id, person_id=p.id) for p in staff]
        s.add_all(facilitators)
        s.flush()
        round_ = GroupRound(cohort_id=cohort.id, number=1, name="Runde 1")
        s.add(round_)
        s.flush()
        a = ReflectionGroup(round_id=round_.id, name="Gruppe A", facilitator_id=facilitators[0].id)
        b = ReflectionGroup(round_id=round_.id, name="Gruppe B", facilitator_id=facilitators[2].id)
        s.add_all([a, b])
        s.flush()
        s.add(
            FacilitatorAssignment(
                facilitator_id=facilitators[1].id,
                kind=AssignmentKind.GROUP.value,
                group_id=a.id,
                starts_on=date(2026, 1, 1),
            )  # fmt: skip
        )
        members_a, members_b = [e.id for e in enrolments[:3]], [e.id for e in enrolments[3:6]]
        s.execute(
            group_member.insert(),
            [{"group_id": a.id, "enrolment_id": e} for e in members_a]
            + [{"group_id": b.id, "enrolment_id": e} for e in members_b],
        )
        return World(
            cohort.id, a.id, b.id, members_a, members_b, people[0].id, people[3].id, people[6].id,
            staff[0].id, staff[1].id, staff[2].id, facilitators[0].id,
        )  # fmt: skip


def _fill_world_template(database: Database):
    """Two groups built once per module (migrating a database is the slow part); each test gets a copy."""
    built = build_world(database)
    return built


@pytest.fixture
def world_template(database_copy) -> tuple[str, dict]:
    return built(database_copy, __name__ + "-world_template", _fill_world_template)


@pytest.fixture
def db_target(world_template) -> str:
    return world_template[0]


@pytest.fixture
def world(world_template: tuple[Path, World]) -> World:
    return world_template[1]


def full_draft(w: World, day: date = date(2026, 2, 2), **changes) -> MeetingDraft:
    values = {
        "held_on": day,
        "attendee_ids": tuple(w.members_a[:2]),
        "facilitator_id": w.facilitator_a_row,
        "notes": (
            StepDraft(DialogueStep.OWN_REFLECTION, "Hva gir tillit?", 5, f"Stille skriving {CANARY}"),
            StepDraft(DialogueStep.SMALL_GROUP, "Del i par", 20, "Samtale om kontroll", "Kontroll", False),
            StepDraft(DialogueStep.LARGE_GROUP, "Oppsummer", 15, "Felles bilde", "Tillit i praksis", True),
        ),
        "actions": (ActionDraft(f"Prøve ut {CANARY}", w.members_a[0], date(2026, 3, 1)),),
    }
    values.update(changes)
    return MeetingDraft(**values)


@pytest.fixture
def meeting(db, world: World) -> int:
    return save_meeting(db, Actor.facilitator(world.facilitator_a), world.group_a, full_draft(world))


# --- who sees what ----------------------------------------------------------------------------------------------


def test_coordinator_sees_meta_only(db, world: World, meeting: int) -> None:
    view = load_meeting(db, COORDINATOR, meeting)
    assert view.access is GroupAccess.META
    assert view.held_on == date(2026, 2, 2)
    assert view.attendee_ids == frozenset(world.members_a[:2])
    assert view.shareable_themes == ("Tillit i praksis",)  # "Kontroll" is not marked shareable
    assert view.notes == () and view.actions == () and view.carried_over == ()
    assert CANARY not in repr(view)
    assert [row.shareable_themes for row in list_meetings(db, COORDINATOR, world.group_a)] == [("Tillit i praksis",)]


@pytest.mark.parametrize("who", ["facilitator_a", "assigned_a"])
def test_the_groups_facilitators_read_and_edit_the_notes(db, world: World, meeting: int, who: str) -> None:
    actor = Actor.facilitator(getattr(world, who))
    view = load_meeting(db, actor, meeting)
    assert view.access is GroupAccess.EDIT
    assert CANARY in view.notes[0].content
    assert [n.step for n in view.notes] == list(DialogueStep)
    assert view.actions[0].owner_name == "Leder0 Ås0"
    draft = full_draft(world, notes=(StepDraft(DialogueStep.LARGE_GROUP, content="Ny tekst"),))
    save_meeting(db, actor, world.group_a, draft, meeting)
    assert load_meeting(db, actor, meeting).notes[2].content == "Ny tekst"


def test_a_member_reads_but_may_not_edit(db, world: World, meeting: int) -> None:
    actor = Actor.participant(world.member_person)
    view = load_meeting(db, actor, meeting)
    assert view.access is GroupAccess.READ and CANARY in view.notes[0].content and view.actions
    with pytest.raises(Forbidden):
        save_meeting(db, actor, world.group_a, full_draft(world), meeting)
    with pytest.raises(Forbidden):
        save_meeting(db, actor, world.group_a, full_draft(world, notes=None, actions=None), meeting)
    with pytest.raises(Forbidden):
        delete_meeting(db, actor, meeting)


@pytest.mark.parametrize(
    "actor",
    [
        lambda w: Actor.facilitator(w.facilitator_b),
        lambda w: Actor.participant(w.other_member_person),
        lambda w: Actor.participant(w.outsider_person),
        lambda w: Actor.facilitator(w.outsider_person),  # not a facilitator at all
    ],
    ids=["facilitator-of-another-group", "member-of-another-group", "in-no-group", "unknown-facilitator"],
)
def test_others_see_nothing_of_the_group(db, world: World, meeting: int, actor) -> None:
    someone = actor(world)
    for call in (
        lambda: load_meeting(db, someone, meeting),
        lambda: list_meetings(db, someone, world.group_a),
        lambda: new_meeting(db, someone, world.group_a, date(2026, 3, 3)),
        lambda: save_meeting(db, someone, world.group_a, full_draft(world), meeting),
        lambda: save_meeting(db, someone, world.group_a, full_draft(world, notes=None, actions=None)),
        lambda: delete_meeting(db, someone, meeting),
        lambda: shareable_themes(db, someone),
    ):
        with pytest.raises(Forbidden) as caught:
            call()
        assert CANARY not in str(caught.value) and CANARY not in (caught.value.detail or "")
    assert world.group_a not in [g.id for g in list_groups(db, someone, world.cohort)]


def test_each_actor_lists_only_their_groups(db, world: World) -> None:
    def names(actor: Actor) -> list[str]:
        return [g.name for g in list_groups(db, actor, world.cohort)]

    assert names(COORDINATOR) == ["Gruppe A", "Gruppe B"]
    assert names(Actor.facilitator(world.assigned_a)) == ["Gruppe A"]
    assert names(Actor.facilitator(world.facilitator_b)) == ["Gruppe B"]
    assert names(Actor.participant(world.member_person)) == ["Gruppe A"]
    assert names(Actor.participant(world.outsider_person)) == []


def test_coordinator_records_meetings_but_not_their_notes(db, world: World, meeting: int) -> None:
    meta = full_draft(world, date(2026, 4, 4), notes=None, actions=None)
    planned = save_meeting(db, COORDINATOR, world.group_a, meta)
    assert load_meeting(db, COORDINATOR, planned).held_on == date(2026, 4, 4)
    with pytest.raises(Forbidden):
        save_meeting(db, COORDINATOR, world.group_a, full_draft(world), planned)
    with pytest.raises(Forbidden):
        save_meeting(db, COORDINATOR, world.group_a, full_draft(world, notes=None))
    with pytest.raises(Forbidden):
        delete_meeting(db, COORDINATOR, meeting)  # it holds notes the coordinator cannot see
    delete_meeting(db, COORDINATOR, planned)  # an empty one may go
    with pytest.raises(NotFound):
        load_meeting(db, COORDINATOR, planned)
    # Re-dating the meeting with notes keeps them.
    save_meeting(db, COORDINATOR, world.group_a, full_draft(world, date(2026, 2, 3), notes=None, actions=None), meeting)
    assert CANARY in load_meeting(db, Actor.facilitator(world.facilitator_a), meeting).notes[0].content


def test_shareable_themes_across_groups_carry_no_names(db, world: World, meeting: int) -> None:
    actor_b = Actor.facilitator(world.facilitator_b)
    notes = (
        StepDraft(
            DialogueStep.LARGE_GROUP, content=f"Leder3 sa {CANARY}", theme=" Tillit i praksis ", theme_shareable=True
        ),
    )
    save_meeting(db, actor_b, world.group_b, MeetingDraft(date(2026, 2, 9), tuple(world.members_b), notes=notes))
    themes = shareable_themes(db, COORDINATOR, world.cohort)
    assert [(t.theme, t.meetings) for t in themes] == [("Tillit i praksis", 2)]
    assert shareable_themes(db, COORDINATOR) == themes
    assert "Leder" not in repr(themes) and CANARY not in repr(themes) and "Gruppe" not in repr(themes)


# --- carry-over -------------------------------------------------------------------------------------------------


def test_open_actions_carry_over_until_done_or_dropped(db, world: World, meeting: int) -> None:
    facilitator = Actor.facilitator(world.facilitator_a)
    first = load_meeting(db, facilitator, meeting).actions[0]
    assert first.status is ActionStatus.OPEN
    # A new meeting shows the open action for follow-up.
    fresh = new_meeting(db, facilitator, world.group_a, date(2026, 3, 2))
    assert [a.id for a in fresh.carried_over] == [first.id]
    # Save the next meeting with follow-up "in progress": still carried to the one after.
    follow = ActionDraft(
        first.description, first.owner_enrolment_id, first.due_on, "in_progress", "Godt i gang", first.id
    )
    second = save_meeting(db, facilitator, world.group_a, full_draft(world, date(2026, 3, 2), actions=(follow,)))
    assert [a.id for a in load_meeting(db, facilitator, second).carried_over] == [first.id]
    assert load_meeting(db, facilitator, second).carried_over[0].follow_up == "Godt i gang"
    assert len(load_meeting(db, facilitator, meeting).actions) == 1  # the carried action stays the first meeting's
    # The earlier meeting does not see actions agreed later.
    assert load_meeting(db, facilitator, meeting).carried_over == ()
    third = save_meeting(db, facilitator, world.group_a, full_draft(world, date(2026, 4, 6), actions=()))
    assert [a.id for a in load_meeting(db, facilitator, third).carried_over] == [first.id]
    done = ActionDraft(first.description, first.owner_enrolment_id, first.due_on, ActionStatus.DONE, "Gjort", first.id)
    save_meeting(db, facilitator, world.group_a, full_draft(world, date(2026, 4, 6), actions=(done,)), third)
    assert load_meeting(db, facilitator, third).carried_over == ()
    assert new_meeting(db, facilitator, world.group_a, date(2026, 5, 4)).carried_over == ()
    # A member reads the carried-over actions too.
    assert load_meeting(db, Actor.participant(world.member_person), second).carried_over == ()


def test_actions_left_out_of_the_draft_are_deleted_but_carried_ones_stay(db, world: World, meeting: int) -> None:
    facilitator = Actor.facilitator(world.facilitator_a)
    second = save_meeting(db, facilitator, world.group_a, full_draft(world, date(2026, 3, 2), actions=()))
    assert load_meeting(db, facilitator, second).carried_over  # not deleted by leaving it out
    save_meeting(db, facilitator, world.group_a, full_draft(world, actions=()), meeting)
    with db.read() as s:
        assert s.scalar(select(func.count(GroupAction.id))) == 0


def test_actions_of_another_group_cannot_be_updated(db, world: World, meeting: int) -> None:
    theirs = load_meeting(db, Actor.facilitator(world.facilitator_a), meeting).actions[0]
    other = save_meeting(
        db, Actor.facilitator(world.facilitator_b), world.group_b, MeetingDraft(date(2026, 2, 9), notes=(), actions=())
    )
    hijack = ActionDraft("Kapret", None, None, "dropped", "", theirs.id)
    with pytest.raises(NotFound):
        save_meeting(
            db, Actor.facilitator(world.facilitator_b), world.group_b,
            MeetingDraft(date(2026, 2, 9), actions=(hijack,)), other,
        )  # fmt: skip
    assert load_meeting(db, Actor.facilitator(world.facilitator_a), meeting).actions[0].status is ActionStatus.OPEN


# --- validation ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"held_on": None}, "held_on"),
        ({"notes": (StepDraft(DialogueStep.OWN_REFLECTION, time_box_minutes=0),)}, "time_box"),
        ({"notes": (StepDraft(DialogueStep.SMALL_GROUP, time_box_minutes=-5),)}, "time_box"),
        ({"actions": (ActionDraft("Noe", owner_enrolment_id=4),)}, "owner"),  # enrolment 4 is in group B
        ({"actions": (ActionDraft("   "),)}, "description"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(db, world: World, changes: dict, field: str) -> None:
    facilitator = Actor.facilitator(world.facilitator_a)
    with pytest.raises(ValidationError) as caught:
        save_meeting(db, facilitator, world.group_a, full_draft(world, **changes))
    assert caught.value.fields.get("field") == field
    assert caught.value.user_message()
    with db.read() as s:
        assert s.scalar(select(func.count(GroupMeeting.id))) == 0
        assert s.scalar(select(func.count(GroupNote.id))) == 0


def test_attendees_and_steps_are_checked(db, world: World, meeting: int) -> None:
    facilitator = Actor.facilitator(world.facilitator_a)
    with pytest.raises(ValidationError):
        save_meeting(db, facilitator, world.group_a, full_draft(world, attendee_ids=(world.members_b[0],)), meeting)
    twice = (StepDraft(DialogueStep.SMALL_GROUP), StepDraft(DialogueStep.SMALL_GROUP))
    with pytest.raises(ValidationError):
        save_meeting(db, facilitator, world.group_a, full_draft(world, notes=twice), meeting)
    with pytest.raises(ValidationError):
        save_meeting(db, facilitator, world.group_a, full_draft(world, notes=(StepDraft("chat"),)), meeting)
    shareable_without_theme = (StepDraft(DialogueStep.LARGE_GROUP, theme=" ", theme_shareable=True),)
    with pytest.raises(ValidationError):
        save_meeting(db, facilitator, world.group_a, full_draft(world, notes=shareable_without_theme), meeting)
    assert CANARY in load_meeting(db, facilitator, meeting).notes[0].content  # unchanged after every refusal


def test_new_meeting_has_the_method_defaults(db, world: World) -> None:
    view = new_meeting(db, Actor.facilitator(world.facilitator_a), world.group_a, date(2026, 2, 2))
    assert view.id is None and view.attendee_ids == frozenset(world.members_a)
    assert [(n.step, n.time_box_minutes) for n in view.notes] == [
        (DialogueStep.OWN_REFLECTION, 5),
        (DialogueStep.SMALL_GROUP, 20),
        (DialogueStep.LARGE_GROUP, 15),
    ]
    assert view.facilitator_name == "Fasilitator0 Ødegård"
    assert new_meeting(db, COORDINATOR, world.group_a, date(2026, 2, 2)).notes == ()


def test_demo_groups_follow_the_table(demo_db) -> None:
    with demo_db.read() as s:
        group = s.scalars(select(ReflectionGroup).order_by(ReflectionGroup.id)).first()
        person_id = s.scalar(select(Facilitator.person_id).where(Facilitator.id == group.facilitator_id))
        cohort_id, group_id = group.round.cohort_id, group.id
        meeting_id = s.scalar(select(GroupMeeting.id).where(GroupMeeting.group_id == group.id))
    view = load_meeting(demo_db, Actor.facilitator(person_id), meeting_id)
    assert all(note.content for note in view.notes)
    assert [g.id for g in list_groups(demo_db, Actor.facilitator(person_id), cohort_id)] == [group_id]
    themes = shareable_themes(demo_db, COORDINATOR, cohort_id)
    assert themes and all(t.meetings >= 1 for t in themes)
