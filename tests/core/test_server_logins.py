"""``server init | add-user | list-users | remove-user | whoami`` and the profile that follows from the login.

On a server database made by ``server_deployment`` (the demo, ``server init``, three logins): the command line's
messages and exit codes, ``init`` run again, and the app's own services run on each login's connection — the
participant unlocks their profile with the passphrase and writes an entry shared with their coach, the coach reads
it on their connection, the database refusing everything else. PostgreSQL only.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import postgresql_server as pg
import psycopg
import pytest
import server_deployment
from cli_run import run_cli
from sqlalchemy import select, update

from tillitsleder import profiles
from tillitsleder.access import COORDINATOR
from tillitsleder.demo.journal import DEMO_PASSPHRASE
from tillitsleder.errors import Forbidden, StorageError
from tillitsleder.group_notes.meeting_edits import MeetingDraft, save_meeting
from tillitsleder.journal import entries, shared_with_me
from tillitsleder.model import GroupMeeting, Session, group_member
from tillitsleder.model.enums import JournalSharing, Role
from tillitsleder.server import setup
from tillitsleder.server.connection import BrokenOff, admin_transaction
from tillitsleder.server.identity import actor_for_connection, signed_in
from tillitsleder.server.logins import add_user, list_users, remove_user
from tillitsleder.server.setup import init_server
from tillitsleder.storage import open_database
from tillitsleder.storage.failures import REFUSED_MESSAGE, as_storage_error


@pytest.fixture(scope="module")
def deployment(suite_day: date) -> Iterator[server_deployment.Deployment]:
    yield from server_deployment.for_module(suite_day)


def policy_count(deployment) -> int:
    with deployment.admin() as admin:
        return admin.execute("SELECT count(*) FROM pg_policies WHERE policyname LIKE 'tillitsleder_%'").fetchone()[0]


def test_init_runs_again_and_replaces_what_it_made(deployment, capsys):
    before = policy_count(deployment)
    code, out, err = run_cli(capsys, "server", "init", "--db", deployment.admin_url)
    assert (code, err) == (0, "")
    assert "policies" in out
    assert policy_count(deployment) == before > 100
    assert init_server(deployment.admin_url).policies == before


def test_a_transaction_the_server_breaks_off_is_not_called_a_failure_to_connect(deployment):
    with pytest.raises(BrokenOff) as broken, admin_transaction(deployment.admin_url) as connection:
        connection.execute("SELECT pg_terminate_backend(pg_backend_pid())")  # as a restart or a dropped network does
    assert broken.value.detail == "57P01" and "nothing was changed; run it again" in broken.value.user_message()
    elsewhere = deployment.admin_url.replace(deployment.name, deployment.name + "_missing")
    with pytest.raises(StorageError, match="Cannot connect") as refused, admin_transaction(elsewhere):
        pass
    assert not isinstance(refused.value, BrokenOff)


def test_init_runs_its_transaction_again_when_the_server_broke_it_off(deployment, monkeypatch):
    planned, plan = [], setup.plan

    def plan_then_break_off_once(connection):
        planned.append(connection.info.backend_pid)
        if len(planned) == 1:
            connection.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        return plan(connection)

    before = policy_count(deployment)
    monkeypatch.setattr(setup, "plan", plan_then_break_off_once)
    assert init_server(deployment.admin_url).policies == before == policy_count(deployment)
    assert len(planned) == 2 and planned[0] != planned[1]  # a new connection, a whole new transaction


def test_init_tunes_the_planner_for_ssds_on_its_own_database(deployment):
    with deployment.admin() as admin:
        settings = admin.execute(
            "SELECT s.setconfig FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase "
            "WHERE d.datname = current_database() AND s.setrole = 0"
        ).fetchone()
    assert settings is not None and "random_page_cost=1.1" in settings[0]


def test_add_list_and_remove_a_login_from_the_command_line(deployment, capsys):
    with deployment.admin() as admin:
        person, email = admin.execute(
            "SELECT id, email FROM person WHERE email IS NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()
    login = f"cli_{deployment.name}"
    code, out, err = run_cli(
        capsys,
        "server",
        "add-user",
        "--db",
        deployment.admin_url,
        "--person",
        email,
        "--role",
        "participant",
        "--login",
        login,
    )
    assert (code, err) == (0, "")
    password = out.strip().splitlines()[-1].rsplit(" ", 1)[-1]
    with psycopg.connect(pg.url_for(deployment.name, user=login, password=password)) as connection:
        assert connection.execute("SELECT tillitsleder_person_id()").fetchone()[0] == person
    code, out, _err = run_cli(capsys, "server", "list-users", "--db", deployment.admin_url)
    assert code == 0 and login in out and "Participant" in out
    code, out, err = run_cli(capsys, "server", "remove-user", "--db", deployment.admin_url, login)
    assert (code, err) == (0, "")
    with deployment.admin() as admin:
        assert admin.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s", (login,)).fetchone()[0] == 0
        assert admin.execute("SELECT count(*) FROM server_login WHERE login = %s", (login,)).fetchone()[0] == 0


def test_a_login_without_password_is_made_for_single_sign_on(deployment):
    made = add_user(
        deployment.admin_url, person=None, role=Role.COORDINATOR, login=f"sso_{deployment.name}", password=False
    )
    try:
        assert made.password is None
        with deployment.admin() as admin:
            row = admin.execute(
                "SELECT rolcanlogin, rolpassword IS NULL FROM pg_authid WHERE rolname = %s", (made.login,)
            ).fetchone()
        assert row == (True, True)
        assert made.login in {user.login for user in list_users(deployment.admin_url)}
    finally:
        remove_user(deployment.admin_url, made.login)


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["--person", "nobody@example.invalid", "--role", "participant"], 3, "There is no person"),
        (["--role", "participant"], 2, "needs a person"),
        (["--role", "coordinator", "--login", "bad name!"], 2, "cannot be a login name"),
    ],
)
def test_add_user_refuses_with_one_sentence(deployment, capsys, arguments, code, message):
    result, out, err = run_cli(capsys, "server", "add-user", "--db", deployment.admin_url, *arguments)
    assert (result, out) == (code, "")
    assert message in err and "SELECT" not in err


def test_a_duplicate_login_an_unknown_login_and_a_file_are_refused(deployment, capsys):
    taken = deployment.logins[Role.PARTICIPANT].login
    code, _out, err = run_cli(
        capsys, "server", "add-user", "--db", deployment.admin_url, "--role", "coordinator", "--login", taken
    )
    assert code == 2 and "exists already" in err
    code, _out, err = run_cli(capsys, "server", "remove-user", "--db", deployment.admin_url, "no_such_login")
    assert code == 3 and "There is no login" in err
    code, _out, err = run_cli(capsys, "server", "init", "--db", "/tmp/not-a-server.sqlite3")
    assert code == 2 and "is not a PostgreSQL server URL" in err


def test_a_login_may_not_set_up_the_server_or_add_logins(deployment, capsys):
    url = deployment.url(Role.COORDINATOR)
    code, _out, err = run_cli(capsys, "server", "add-user", "--db", url, "--role", "coordinator", "--login", "x_y_z")
    assert code == 4 and "may not do this" in err
    code, _out, err = run_cli(capsys, "server", "init", "--db", url)
    assert code == 4 and "may not do this" in err


def test_the_profile_follows_from_the_login(deployment, capsys):
    for role in (Role.PARTICIPANT, Role.FACILITATOR, Role.COORDINATOR):
        db = open_database(deployment.url(role))
        try:
            who = signed_in(db)
            assert who is not None and who.login == deployment.logins[role].login and who.role is role
            actor = actor_for_connection(db)
            assert actor == (COORDINATOR if role is Role.COORDINATOR else profiles.Actor(role, deployment.person(role)))
        finally:
            db.close()
    admin = open_database(deployment.admin_url)
    try:
        assert signed_in(admin).administrator and actor_for_connection(admin) == COORDINATOR  # type: ignore[union-attr]
    finally:
        admin.close()
    code, out, _err = run_cli(capsys, "server", "whoami", "--db", deployment.url(Role.FACILITATOR))
    assert code == 0 and deployment.logins[Role.FACILITATOR].login in out and "Facilitator" in out


def test_a_login_the_database_does_not_list_is_refused(deployment):
    stranger = f"stranger_{deployment.name}"
    with deployment.admin() as admin:
        admin.execute(f"CREATE ROLE \"{stranger}\" LOGIN PASSWORD 'stranger-password' IN ROLE tillitsleder_participant")
    try:
        db = open_database(pg.url_for(deployment.name, user=stranger, password="stranger-password"))
        try:
            with pytest.raises(Forbidden):
                actor_for_connection(db)
        finally:
            db.close()
    finally:
        with deployment.admin() as admin:
            admin.execute(f'DROP ROLE "{stranger}"')


def test_journal_services_work_on_each_login_and_stay_end_to_end_encrypted(deployment, clock_day):
    participant = open_database(deployment.url(Role.PARTICIPANT))
    coach = open_database(deployment.url(Role.FACILITATOR))
    try:
        author = deployment.person(Role.PARTICIPANT)
        info = profiles.profile_for(participant, author, Role.PARTICIPANT)
        assert info is not None
        me = profiles.unlock(participant, info.id, DEMO_PASSPHRASE)  # the passphrase still unlocks the keys
        with deployment.admin() as admin:
            written = admin.execute("SELECT count(*) FROM journal_entry WHERE author_id = %s", (author,)).fetchone()[0]
        assert len(entries.list_entries(participant, me)) == written
        draft = entries.EntryDraft(clock_day, "Skrevet ved eget skrivebord.", sharing=JournalSharing.COACH)
        made = entries.create_entry(participant, me, draft)
        coach_info = profiles.profile_for(coach, deployment.person(Role.FACILITATOR), Role.FACILITATOR)
        assert coach_info is not None
        reader = profiles.unlock(coach, coach_info.id, DEMO_PASSPHRASE)
        shared = {entry.entry_id: entry for entry in shared_with_me.shared_with_me(coach, reader, today=clock_day)}
        assert shared[made.id].text == "Skrevet ved eget skrivebord."
        with deployment.admin() as admin:
            content = admin.execute("SELECT content FROM journal_entry WHERE id = %s", (made.id,)).fetchone()[0]
        assert b"Skrevet" not in content  # ciphertext on the server, as in a file
    finally:
        participant.close()
        coach.close()


def test_a_refusal_by_the_database_reads_as_one_sentence(deployment):
    participant = open_database(deployment.url(Role.PARTICIPANT))
    try:
        with pytest.raises(Exception) as caught, participant.session() as s:
            s.execute(update(Session).values(title=Session.title))
    finally:
        participant.close()
    # The session turns the driver's refusal into the one sentence itself; the bare driver error reads the same.
    error = caught.value
    assert isinstance(error, StorageError) and error.message == REFUSED_MESSAGE
    assert as_storage_error(error.__cause__).message == REFUSED_MESSAGE
    assert "UPDATE" not in error.user_message()


def test_the_coordinator_records_a_meeting_but_reads_no_note_content(deployment):
    coordinator = open_database(deployment.url(Role.COORDINATOR))
    try:
        with coordinator.read() as s:
            group_id, enrolment_id = s.execute(select(group_member.c.group_id, group_member.c.enrolment_id)).first()
        made = save_meeting(
            coordinator, COORDINATOR, group_id, MeetingDraft(date(2026, 11, 2), attendee_ids=(enrolment_id,))
        )
        with coordinator.read() as s:
            assert s.scalar(select(GroupMeeting.held_on).where(GroupMeeting.id == made)) == date(2026, 11, 2)
    finally:
        coordinator.close()


def test_the_command_line_acts_only_for_a_coordinator_login(deployment, capsys):
    code, out, err = run_cli(capsys, "units", "list", "--db", deployment.url(Role.PARTICIPANT))
    assert (code, out) == (4, "")
    assert "acts as the programme coordinator" in err and deployment.logins[Role.PARTICIPANT].login in err


def test_init_sets_up_an_empty_database_and_restores_what_an_upgrade_left_without_policies(deployment):
    name = pg.unique_name("empty")
    url = pg.create_database(name)
    try:
        summary = init_server(url)
        with psycopg.connect(url, autocommit=True) as admin:
            assert admin.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
            # As after an upgrade that added a table: no policy, no grant, no row-level security yet.
            admin.execute("DROP POLICY IF EXISTS tillitsleder_participant_select_1 ON journal_entry")
            admin.execute("REVOKE ALL ON journal_entry FROM tillitsleder_participant")
            admin.execute("ALTER TABLE journal_entry NO FORCE ROW LEVEL SECURITY")
            assert init_server(url) == summary
            forced = admin.execute(
                "SELECT relforcerowsecurity FROM pg_class WHERE relname = 'journal_entry'"
            ).fetchone()
            assert forced == (True,)
            granted = admin.execute(
                "SELECT has_table_privilege('tillitsleder_participant', 'journal_entry', 'INSERT')"
            ).fetchone()
            assert granted == (True,)
    finally:
        pg.drop_database(name)


def test_the_command_line_goes_by_the_login_a_participants_is_refused_a_coordinators_may(deployment, capsys):
    code, _out, err = run_cli(capsys, "units", "list", "--db", deployment.url(Role.PARTICIPANT))
    assert code != 0 and "acts as the programme coordinator" in err and "Traceback" not in err
    code, out, err = run_cli(capsys, "units", "list", "--db", deployment.url(Role.COORDINATOR))
    assert code == 0, err
    assert out.strip()
