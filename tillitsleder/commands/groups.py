"""``tillitsleder groups propose --cohort ID|NAME --size N|MIN-MAX [--seed S] [--save [--name NAME]] --db PATH``:
reflection groups for a cohort, printed with each member's unit and each group's score; ``--save`` stores
them as the cohort's next round."""

from __future__ import annotations

import argparse

from tillitsleder.commands import fail, require_db_argument
from tillitsleder.i18n import _, format_number, ngettext


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


def run_propose(args: argparse.Namespace) -> int:
    from pathlib import Path

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
        db = open_database(Path(args.db), create=False)
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
