"""``tillitsleder server init | add-user | list-users | remove-user | whoami``: a shared PostgreSQL deployment.

- ``init --db URL`` migrates the database and (re)applies the group roles, grants and row-level security policies;
  run it again after every upgrade.
- ``add-user --db URL --person ID|EMAIL --role ROLE [--login NAME] [--no-password]`` creates the person's login
  and prints its one-time password (none with ``--no-password``: single sign-on through Kerberos/GSSAPI or a
  certificate, configured in ``pg_hba.conf``).
- ``list-users --db URL`` prints login, role and person; ``remove-user --db URL LOGIN`` drops a login.
- ``whoami --db URL`` prints whom the URL signs in as (the profile the app takes from the login).

``--db`` is the administrator's URL for all but ``whoami``; libpq's usual ways of giving a password
(``PGPASSWORD``, ``~/.pgpass``) work as everywhere.
"""

from __future__ import annotations

import argparse

from tillitsleder.commands import fail
from tillitsleder.i18n import _, format_number
from tillitsleder.model.enums import Role


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    server = commands.add_parser(
        "server",
        parents=[common],
        help=_("a shared PostgreSQL database: set-up and logins"),
        description=_(
            "Set up a PostgreSQL database for many people, each signing in as themselves, with who sees what "
            "enforced by the database; add, list and remove their logins. --db is the administrator's URL."
        ),
    )
    actions = server.add_subparsers(dest="server_action", metavar=_("ACTION"), required=True, parser_class=type(server))
    init = actions.add_parser(
        "init",
        parents=[common],
        help=_("create or update the schema, roles, grants and policies"),
        description=_(
            "Migrate the database and apply the roles, grants and row-level security; run it again after every upgrade."
        ),
    )
    init.set_defaults(handler=run_init)
    add = actions.add_parser(
        "add-user",
        parents=[common],
        help=_("create a person's login"),
        description=_(
            "Create a login for a person in a role and print its one-time password. With --no-password the login "
            "has none: it signs in with Kerberos/GSSAPI or a certificate as pg_hba.conf allows, and its name must "
            "be the mapped name of the person's principal."
        ),
    )
    add.add_argument("--person", metavar=_("ID|EMAIL"), help=_("the person (optional for a coordinator)"))
    add.add_argument("--role", required=True, choices=[role.value for role in Role], help=_("the login's role"))
    add.add_argument("--login", metavar=_("NAME"), help=_("the login name (default: from the e-mail address)"))
    add.add_argument("--no-password", dest="password", action="store_false", help=_("no password: single sign-on only"))
    add.set_defaults(handler=run_add_user)
    listing = actions.add_parser(
        "list-users", parents=[common], help=_("list the logins"), description=_("Print every login of the database.")
    )
    listing.set_defaults(handler=run_list_users)
    remove = actions.add_parser(
        "remove-user",
        parents=[common],
        help=_("remove a login"),
        description=_("Drop a login; what it owns passes to the administrator."),
    )
    remove.add_argument("login", metavar=_("LOGIN"), help=_("the login name"))
    remove.set_defaults(handler=run_remove_user)
    whoami = actions.add_parser(
        "whoami",
        parents=[common],
        help=_("show whom the URL signs in as"),
        description=_("Print the login, role and person the database URL signs in as."),
    )
    whoami.set_defaults(handler=run_whoami)


def _url(args: argparse.Namespace) -> str | None:
    return args.db or None


def run_init(args: argparse.Namespace) -> int:
    from tillitsleder.server.setup import init_server

    if (url := _url(args)) is None:
        return fail(_("Give the database server's URL with --db postgresql://HOST/DATABASE."))
    summary = init_server(url)
    print(
        _("The database is set up for sign-in: {tables} tables, {policies} policies.").format(
            tables=format_number(summary.tables), policies=format_number(summary.policies)
        )
    )
    return 0


def run_add_user(args: argparse.Namespace) -> int:
    from tillitsleder.server.logins import add_user

    if (url := _url(args)) is None:
        return fail(_("Give the database server's URL with --db postgresql://HOST/DATABASE."))
    made = add_user(url, person=args.person, role=Role(args.role), login=args.login, password=args.password)
    print(_("Login created: {login}").format(login=made.login))
    if made.password is not None:
        print(
            _("One-time password (shown only now; give it to the person in a safe way): {password}").format(
                password=made.password
            )
        )
    else:
        print(_("No password: the login signs in only as pg_hba.conf allows (Kerberos/GSSAPI or a certificate)."))
    return 0


def run_list_users(args: argparse.Namespace) -> int:
    from tillitsleder.server.logins import list_users

    if (url := _url(args)) is None:
        return fail(_("Give the database server's URL with --db postgresql://HOST/DATABASE."))
    users = list_users(url)
    if not users:
        print(_("No logins yet."))
        return 0
    width = max(len(user.login) for user in users)
    for user in users:
        print(f"{user.login.ljust(width)}  {user.role.label():<24}  {user.name or '—'}")
    return 0


def run_remove_user(args: argparse.Namespace) -> int:
    from tillitsleder.server.logins import remove_user

    if (url := _url(args)) is None:
        return fail(_("Give the database server's URL with --db postgresql://HOST/DATABASE."))
    remove_user(url, args.login)
    print(_("Login removed: {login}").format(login=args.login))
    return 0


def run_whoami(args: argparse.Namespace) -> int:
    from tillitsleder.server.connection import require_server_url
    from tillitsleder.server.identity import signed_in_at

    if (url := _url(args)) is None:
        return fail(_("Give the database server's URL with --db postgresql://HOST/DATABASE."))
    require_server_url(url)
    who = signed_in_at(url)
    print(
        _("Signed in as {login}: {role}, {name}").format(
            login=who.login,
            role=who.role.label(),
            name=who.name or (_("the administrator") if who.administrator else "—"),
        )
    )
    return 0
