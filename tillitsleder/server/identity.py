"""Who is signed in: on a shared PostgreSQL database the app's profile follows from the connection's login.

``signed_in(db)`` reads the ``server_login`` row of ``session_user`` (row-level security lets every login read its
own row): the login, its role, its person and their name; ``signed_in_at(url)`` asks a server URL once.
``actor_for_connection(db)`` turns it into the ``Actor`` the services take; ``require_coordinator_login`` stops
the command line (which acts as the coordinator) for other logins. The database's administrator (the owner who ran
``server init``, who sees every row anyway) acts as the coordinator; any other login without a row is refused. On
SQLite there is no login: the profile chooser decides, and ``signed_in`` returns ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import literal_column, select, text

from tillitsleder.access import COORDINATOR, Actor
from tillitsleder.errors import Forbidden
from tillitsleder.i18n import N_
from tillitsleder.model import Person, ServerLogin
from tillitsleder.model.enums import Role
from tillitsleder.storage.database import Database, open_database

SESSION_USER = literal_column("session_user")
# PostgreSQL only: whether the connected login sees every row anyway (superuser, BYPASSRLS, or owns the tables).
ADMINISTRATOR = text(
    "SELECT r.rolsuper OR r.rolbypassrls OR pg_catalog.pg_has_role(session_user, t.tableowner, 'MEMBER') "
    "FROM pg_catalog.pg_roles r, pg_catalog.pg_tables t WHERE r.rolname = session_user "
    "AND t.tablename = 'server_login' AND t.schemaname = current_schema()"
)


@dataclass(frozen=True)
class SignedIn:
    """The login a server connection signed in as. ``person_id``/``name`` are ``None`` for the administrator and
    for a coordinator login not tied to a person."""

    login: str
    role: Role
    person_id: int | None
    name: str | None
    administrator: bool = False

    @property
    def actor(self) -> Actor:
        if self.role is Role.COORDINATOR:
            return COORDINATOR
        assert self.person_id is not None
        return Actor(self.role, self.person_id)


def is_server_database(db: Database) -> bool:
    return db.engine.dialect.name == "postgresql"


def signed_in(db: Database) -> SignedIn | None:
    """The login ``db`` is connected as (``None`` on SQLite); ``Forbidden`` for a login this database does not
    know."""
    if not is_server_database(db):
        return None
    with db.read() as s:
        login = s.scalar(select(SESSION_USER))
        row = s.execute(
            select(ServerLogin.role, ServerLogin.person_id, Person.first_name, Person.last_name)
            .outerjoin(Person, Person.id == ServerLogin.person_id)
            .where(ServerLogin.login == SESSION_USER)
        ).first()
        administrator = row is None and bool(s.scalar(ADMINISTRATOR))
    if row is None:
        if administrator:
            return SignedIn(str(login), Role.COORDINATOR, None, None, administrator=True)
        raise Forbidden(
            N_("The login “{login}” has no access to this database; ask the administrator to add you."),
            login=str(login),
        )
    name = f"{row.first_name} {row.last_name}" if row.person_id is not None and row.first_name else None
    return SignedIn(str(login), Role(row.role), row.person_id, name)


def signed_in_at(url: str) -> SignedIn:
    """The login the server ``url`` signs in as, on a connection of its own that is closed again."""
    db = open_database(url)
    try:
        who = signed_in(db)
    finally:
        db.close()
    assert who is not None, "signed_in_at takes a server URL"
    return who


def require_coordinator_login(url: str) -> SignedIn:
    """The command line acts as the coordinator: ``Forbidden`` unless ``url`` signs in as one (or as the
    administrator)."""
    who = signed_in_at(url)
    if who.role is not Role.COORDINATOR:
        raise Forbidden(
            N_("The command line acts as the programme coordinator; the login “{login}” is signed in as {role}."),
            login=who.login,
            role=who.role.label(),
        )
    return who


def actor_for_connection(db: Database) -> Actor:
    """The ``Actor`` for service calls on ``db``: from the login on a server, the coordinator on SQLite (as the
    CLI acts there)."""
    who = signed_in(db)
    return COORDINATOR if who is None else who.actor
