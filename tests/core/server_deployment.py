"""A shared deployment for the server tests: the demo on its own PostgreSQL database, ``server init`` run, and a
participant, a facilitator and a coordinator login made by ``add_user`` with their printed passwords.

The facilitator is the coach with the most journal entries shared with them; the participant is the author of the
most entries among those they coach, so both sides of sharing are there. Logins belong to the whole cluster, so
their names carry the test process's id and ``close`` removes them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import postgresql_server as pg
import psycopg
import pytest

from tillitsleder.demo.builder import create_demo_database
from tillitsleder.model.enums import Role
from tillitsleder.server.logins import NewLogin, add_user, remove_user
from tillitsleder.server.setup import init_server


@dataclass
class Deployment:
    name: str
    admin_url: str
    logins: dict[Role, NewLogin] = field(default_factory=dict)
    more_logins: list[str] = field(default_factory=list)  # made by tests; removed with the others

    def url(self, role: Role) -> str:
        login = self.logins[role]
        return pg.url_for(self.name, user=login.login, password=login.password)

    def person(self, role: Role) -> int | None:
        return self.logins[role].person_id

    def connect(self, role: Role) -> psycopg.Connection:
        """A plain psycopg connection as ``role``'s login, with the password ``add_user`` printed."""
        return psycopg.connect(self.url(role))

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.admin_url, autocommit=True)

    def close(self) -> None:
        for login in [made.login for made in self.logins.values()] + self.more_logins:
            try:
                remove_user(self.admin_url, login)
            except Exception:  # noqa: BLE001 - a test may have removed it already
                pass
        pg.drop_database(self.name)


def for_module(day: date) -> Iterator[Deployment]:
    """A module fixture's body: skipped without the PostgreSQL test server; the database and logins go afterwards."""
    if not pg.available():
        pytest.skip("needs the PostgreSQL test server")
    made = build(day)
    try:
        yield made
    finally:
        made.close()


def build(day: date) -> Deployment:
    name = pg.unique_name("server")
    url = pg.create_database(name)
    create_demo_database(url, today=day)
    init_server(url)
    deployment = Deployment(name, url)
    with deployment.admin() as admin:
        coach, participant = _people(admin)
    suffix = f"_{os.getpid()}_{name.rsplit('_', 1)[-1]}"
    deployment.logins[Role.PARTICIPANT] = add_user(url, person=participant, role=Role.PARTICIPANT, login="p" + suffix)
    deployment.logins[Role.FACILITATOR] = add_user(url, person=coach, role=Role.FACILITATOR, login="f" + suffix)
    deployment.logins[Role.COORDINATOR] = add_user(url, person=None, role=Role.COORDINATOR, login="c" + suffix)
    return deployment


def _people(admin: psycopg.Connection) -> tuple[int, int]:
    coach = admin.execute(
        "SELECT p.person_id FROM journal_grant g JOIN profile p ON p.id = g.profile_id "
        "WHERE p.role = 'facilitator' GROUP BY p.person_id ORDER BY count(*) DESC, p.person_id LIMIT 1"
    ).fetchone()
    assert coach is not None, "the demo shares entries with a coach"
    author = admin.execute(
        "SELECT e.author_id FROM journal_entry e JOIN journal_grant g ON g.entry_id = e.id "
        "JOIN profile p ON p.id = g.profile_id WHERE p.person_id = %s "
        "GROUP BY e.author_id ORDER BY (SELECT count(*) FROM journal_entry o WHERE o.author_id = e.author_id) DESC, "
        "e.author_id LIMIT 1",
        (coach[0],),
    ).fetchone()
    assert author is not None
    return coach[0], author[0]
