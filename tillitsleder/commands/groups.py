"""``tillitsleder groups propose --cohort ID|NAME --size N|MIN-MAX [--seed S] [--save [--name NAME]] --db PATH``:
reflection groups for a cohort, printed with each member's unit and each group's score; ``--save`` stores
them as the cohort's next round. ``groups rename`` and ``groups delete`` change a saved round; delete says what
it would take with it and deletes only with ``--yes``."""

from __future__ import annotations

import argparse

from tillitsleder.commands import fail, require_db_argument
from tillitsleder.i18n import _, format_number, ngettext
from tillitsleder.storage.locations import database_target


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    groups = commands.add_parser(
        "groups", parents=[common], help=_("reflection groups"), description=_("Compose reflection groups.")
    )
    actions = groups.add_subparsers(dest="groups_action", metavar=_("ACTION"), required=True, parser_class=type(groups))
    command = actions.add_parser(
        "propose",
        parents=[common],
        help=_("propose reflection groups across units for a cohort"),
        description=_(
            "Propose reflection groups for a cohort's participants: people from the same unit apart where the "
            "numbers allow, departments and leader levels balanced, few pairs who met in an earlier round. "
            "The same input and seed give the same groups."
        ),
    )
    command.add_argument("--cohort", required=True, metavar=_("ID|NAME"), help=_("the cohort's id or name"))
    command.add_argument(
        "--size",
        required=True,
        metavar=_("N|MIN-MAX"),
        help=_("the group size: a target such as 6 (allows 5 to 7) or a range such as 5-8"),
    )
    command.add_argument("--seed", type=int, default=0, metavar=_("S"), help=_("another seed gives other groups"))
    command.add_argument("--save", action="store_true", help=_("store the groups as the cohort's next round"))
    command.add_argument("--name", default="", metavar=_("NAME"), help=_("the round's name (with --save)"))
    command.set_defaults(handler=run_propose)
    _register_round_edits(actions, common)


def _register_round_edits(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    rename = actions.add_parser(
        "rename",
        parents=[common],
        help=_("rename a saved round of groups"),
        description=_("Give a saved round of reflection groups another name."),
    )
    delete = actions.add_parser(
        "delete",
        parents=[common],
        help=_("delete a saved round of groups"),
        description=_(
            "Delete a saved round of reflection groups with its groups and memberships. Without --yes it only "
            "says what would be deleted, including the groups' meetings and notes."
        ),
    )
    for command in (rename, delete):
        command.add_argument("--cohort", required=True, metavar=_("ID|NAME"), help=_("the cohort's id or name"))
        command.add_argument("--round", required=True, metavar=_("N|NAME"), help=_("the round's number or its name"))
    rename.add_argument("--name", required=True, metavar=_("NAME"), help=_("the round's new name"))
    delete.add_argument(
        "--yes", action="store_true", help=_("delete it, with everything listed (meetings and notes too)")
    )
    rename.set_defaults(handler=run_rename)
    delete.set_defaults(handler=run_delete)


def run_propose(args: argparse.Namespace) -> int:
    from tillitsleder.errors import TillitslederError
    from tillitsleder.groups import rounds as groups
    from tillitsleder.groups.scoring import SizeRange, summary
    from tillitsleder.lookups import find_cohort
    from tillitsleder.storage import open_database

    missing = require_db_argument(args)
    if missing is not None:
        return missing
    if args.name and not args.save:
        return fail(_("A round's name is only used with --save."))
    try:
        bounds = SizeRange.parse(args.size)
        db = open_database(database_target(args.db), create=False)
        try:
            cohort = find_cohort(db, args.cohort)
            board = groups.propose_board(db, cohort.id, bounds, args.seed)
            saved = groups.save_round(db, board, args.name) if args.save else None
        finally:
            db.close()
    except TillitslederError as error:
        return fail(str(error), error.exit_code)
    scores = board.scores()
    people = sum(len(group.members) for group in board.groups)
    print(
        _("{cohort}: {people} in {groups} of {sizes} people (seed {seed}).").format(
            cohort=board.cohort_name,
            people=ngettext("{n} participant", "{n} participants", people).format(n=format_number(people)),
            groups=ngettext("{n} group", "{n} groups", len(board.groups)).format(n=len(board.groups)),
            sizes=bounds.label(),
            seed=args.seed,
        )
    )
    same_unit = sum(score.same_unit_pairs for score in scores)
    repeated = sum(score.repeated_pairs for score in scores)
    print(
        _("Pairs from the same unit: {same}. Pairs who met in an earlier round: {repeated}.").format(
            same=same_unit, repeated=repeated
        )
    )
    width = max((len(p.name) for p in board.people.values()), default=10) + 2
    for group, score in zip(board.groups, scores, strict=True):
        size = ngettext("{n} person", "{n} people", score.size).format(n=score.size)
        print()
        print(f"{group.name} · {size} · {summary(score)}")
        for member in group.members:
            person = board.people[member]
            place = ", ".join(part for part in (person.unit, person.department) if part) or _("no unit")
            print(f"  {person.name:<{width}}{place}")
        for reason in board.reasons(score):
            print(f"  ! {reason}")
    if saved is not None:
        print()
        print(_("Saved as “{name}” (round {number}).").format(name=saved.name, number=saved.number))
    return 0


def _with_round(args: argparse.Namespace, work):
    """Open the database, find the cohort and its round, run ``work(db, round_info)``; an exit code on a mistake."""
    from tillitsleder.errors import TillitslederError
    from tillitsleder.groups.round_edits import find_round
    from tillitsleder.lookups import find_cohort
    from tillitsleder.storage import open_database

    missing = require_db_argument(args)
    if missing is not None:
        return missing
    try:
        db = open_database(database_target(args.db), create=False)
        try:
            found = find_round(db, find_cohort(db, args.cohort).id, args.round)
            return work(db, found)
        finally:
            db.close()
    except TillitslederError as error:
        return fail(str(error), error.exit_code)


def run_rename(args: argparse.Namespace) -> int:
    from tillitsleder.groups.round_edits import rename_round

    def work(db, found) -> int:
        renamed = rename_round(db, found.id, args.name)
        print(_("Round {number} is now called “{name}”.").format(number=renamed.number, name=renamed.name))
        return 0

    return _with_round(args, work)


def run_delete(args: argparse.Namespace) -> int:
    from tillitsleder.groups.round_edits import delete_round, round_contents

    def work(db, found) -> int:
        if not args.yes:
            print(_("Deleting “{name}” (round {number}) would delete:").format(name=found.name, number=found.number))
            for loss in round_contents(db, found.id).losses():
                print(f"  - {loss}")
            return fail(_("Nothing was deleted; add --yes to delete it."))
        deleted = delete_round(db, found.id, force=True)
        print(_("Deleted “{name}” (round {number}):").format(name=found.name, number=found.number))
        for loss in deleted.losses():
            print(f"  - {loss}")
        return 0

    return _with_round(args, work)
