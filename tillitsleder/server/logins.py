"""``tillitsleder server add-user | list-users | remove-user``: one PostgreSQL login per person.

``add_user`` creates a LOGIN role that is a member of the group role for ``role`` (made by ``server init``) and
the ``server_login`` row that ties it to the person, in one transaction. With ``password=True`` it sets a random
one-time password — sent to the server only as a SCRAM-SHA-256 verifier computed here, so the password itself is
never in a statement or a server log — and returns it once; with ``password=False`` the login has no password and
signs in with whatever ``pg_hba.conf`` allows (Kerberos/GSSAPI or a client certificate: the login name must then be
the principal's mapped name). ``remove_user`` reassigns and drops what the login owns, deletes its row and drops it.
Only logins listed in ``server_login`` are ever dropped.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC

import psycopg
from psycopg import sql

from tillitsleder import clock
from tillitsleder.errors import NotFound, ValidationError
from tillitsleder.i18n import N_
from tillitsleder.model.enums import Role
from tillitsleder.server.connection import admin_transaction
from tillitsleder.server.postgresql_ddl import GROUP_ROLES

LOGIN_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$")
PASSWORD_BYTES = 18  # 24 characters of URL-safe base64: 144 random bits


@dataclass(frozen=True)
class NewLogin:
    """A login made by ``add_user``: its name and the one-time password (``None`` without one)."""

    login: str
    password: str | None
    person_id: int | None = None
    role: Role = Role.PARTICIPANT


@dataclass(frozen=True)
class ServerUser:
    login: str
    role: Role
    person_id: int | None
    name: str | None  # None for a coordinator login not tied to a person


def add_user(
    admin_url: str,
    *,
    person: str | int | None,
    role: Role,
    login: str | None = None,
    password: bool = True,
) -> NewLogin:
    """Create the login for ``person`` (an id or an e-mail address) in ``role``; see the module's docstring."""
    role = Role(role)
    if login is not None and not LOGIN_PATTERN.match(login):
        raise ValidationError(
            N_("“{login}” cannot be a login name: use letters, digits and . _ - @, at most 63 characters."),
            login=login,
        )
    with admin_transaction(admin_url) as connection:
        _require_init(connection)
        person_id, email, first, last = _find_person(connection, person, role)
        if login is None:
            login = _free_login(connection, _suggested_login(email, first, last, role))
        elif _login_taken(connection, login):
            raise ValidationError(N_("The login “{login}” exists already; choose another name."), login=login)
        secret = secrets.token_urlsafe(PASSWORD_BYTES) if password else None
        statement = sql.SQL("CREATE ROLE {} LOGIN IN ROLE {}").format(
            sql.Identifier(login), sql.Identifier(GROUP_ROLES[role])
        )
        if secret is not None:
            verifier = connection.pgconn.encrypt_password(secret.encode(), login.encode(), b"scram-sha-256")
            statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(verifier.decode("ascii")))
        connection.execute(statement)
        connection.execute(
            "INSERT INTO server_login (login, person_id, role, created_at) VALUES (%s, %s, %s, %s)",
            (login, person_id, role.value, clock.now().astimezone(UTC).replace(tzinfo=None)),
        )
    return NewLogin(login, secret, person_id, role)


def list_users(admin_url: str) -> list[ServerUser]:
    """Every login of this database, by role then name."""
    with admin_transaction(admin_url) as connection:
        rows = connection.execute(
            "SELECT l.login, l.role, l.person_id, p.first_name, p.last_name FROM server_login l "
            "LEFT JOIN person p ON p.id = l.person_id ORDER BY l.role, p.last_name, p.first_name, l.login"
        ).fetchall()
    return [
        ServerUser(login, Role(role), person_id, f"{first} {last}" if person_id is not None else None)
        for login, role, person_id, first, last in rows
    ]


def remove_user(admin_url: str, login: str) -> None:
    """Drop ``login`` (listed in ``server_login``): what it owns goes to the administrator, then its row and role."""
    with admin_transaction(admin_url) as connection:
        if connection.execute("SELECT 1 FROM server_login WHERE login = %s", (login,)).fetchone() is None:
            raise NotFound(N_("There is no login “{login}” in this database."), login=login)
        connection.execute("DELETE FROM server_login WHERE login = %s", (login,))
        if connection.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", (login,)).fetchone():
            role = sql.Identifier(login)
            connection.execute(sql.SQL("REASSIGN OWNED BY {} TO CURRENT_USER").format(role))
            connection.execute(sql.SQL("DROP OWNED BY {}").format(role))
            connection.execute(sql.SQL("DROP ROLE {}").format(role))


# --- Helpers --------------------------------------------------------------------------------------------------


def _require_init(connection: psycopg.Connection) -> None:
    found = connection.execute(
        "SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = ANY(%s)", (list(GROUP_ROLES.values()),)
    ).fetchone()
    table = connection.execute("SELECT to_regclass('server_login')").fetchone()
    if not found or found[0] != len(GROUP_ROLES) or not table or table[0] is None:
        raise ValidationError(N_("This database is not set up for sign-in yet: run “tillitsleder server init” first."))


def _find_person(
    connection: psycopg.Connection, person: str | int | None, role: Role
) -> tuple[int | None, str | None, str, str]:
    if person is None or str(person).strip() == "":
        if role is Role.COORDINATOR:
            return None, None, "", ""
        raise ValidationError(N_("A facilitator or participant login needs a person: give --person ID|EMAIL."))
    text = str(person).strip()
    if text.isdigit():
        row = connection.execute("SELECT id, email, first_name, last_name FROM person WHERE id = %s", (int(text),))
    else:
        row = connection.execute(
            "SELECT id, email, first_name, last_name FROM person WHERE lower(email) = lower(%s)", (text,)
        )
    found = row.fetchone()
    if found is None:
        raise NotFound(N_("There is no person with the id or e-mail address “{value}”."), value=text)
    return found[0], found[1], found[2], found[3]


def _login_taken(connection: psycopg.Connection, login: str) -> bool:
    in_cluster = connection.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", (login,)).fetchone()
    here = connection.execute("SELECT 1 FROM server_login WHERE login = %s", (login,)).fetchone()
    return bool(in_cluster or here)


def _suggested_login(email: str | None, first: str, last: str, role: Role) -> str:
    base = email.split("@", 1)[0] if email else f"{first}.{last}".strip(".") or role.value
    folded = unicodedata.normalize("NFKD", base.lower().replace("ø", "o").replace("æ", "ae").replace("đ", "d"))
    text = re.sub(r"[^a-z0-9_.-]", "", folded.encode("ascii", "ignore").decode("ascii")).strip(".-")
    if not text or not (text[0].isalpha() or text[0] == "_"):
        text = f"tl_{text}"
    return text[:56]


def _free_login(connection: psycopg.Connection, base: str) -> str:
    login, number = base, 1
    while _login_taken(connection, login):
        number += 1
        login = f"{base}{number}"
    return login
