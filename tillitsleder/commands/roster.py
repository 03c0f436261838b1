"""``tillitsleder roster propose --pool CODE --semester N [--cohort ID|NAME] [--save] --db PATH``.

Prints each facilitator of the pool with what the rota proposes for them, their hours per month against their
capacity, and the flags (nobody free, own unit, over capacity). ``--save`` stores the proposal in one go.
"""

from __future__ import annotations

import argparse

from tillitsleder.commands import fail, require_db_argument
from tillitsleder.i18n import _, format_hours, format_number, ngettext
from tillitsleder.storage.locations import database_target


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser(
        "roster",
        parents=[common],
        help=_("facilitator rosters"),
        description=_("Facilitator rosters for a pool such as F16 or F7."),
    )
    actions = group.add_subparsers(dest="action", metavar=_("ACTION"), required=True, parser_class=type(group))
    propose = actions.add_parser(
        "propose",
        parents=[common],
        help=_("propose a pool's facilitators for a semester's sessions and reflection groups"),
        description=_(
            "Propose facilitators from a pool for the sessions and reflection groups of one programme semester, "
            "respecting unavailable dates and monthly capacity. Nothing is stored without --save."
        ),
    )
    propose.add_argument("--pool", required=True, metavar=_("CODE"), help=_("the pool's code, such as F16"))
    propose.add_argument(
        "--semester", required=True, type=int, metavar="N", help=_("the programme's semester, counted from 1")
    )
    propose.add_argument("--cohort", metavar=_("ID|NAME"), help=_("only this cohort (default: all the pool's cohorts)"))
    propose.add_argument("--save", action="store_true", help=_("store the proposed assignments"))
    propose.set_defaults(handler=run_propose)


def run_propose(args: argparse.Namespace) -> int:
    from tillitsleder.errors import TillitslederError
    from tillitsleder.facilitators import pools as facilitator_pools
    from tillitsleder.facilitators import roster
    from tillitsleder.facilitators.rota import month_label, period_label
    from tillitsleder.lookups import find_cohort
    from tillitsleder.storage import open_database

    missing = require_db_argument(args)
    if missing is not None:
        return missing
    if args.semester < 1:
        return fail(_("Semesters are counted from 1."))
    try:
        db = open_database(database_target(args.db), create=False)
        try:
            pool = facilitator_pools.find_pool(db, args.pool)
            cohort_id = find_cohort(db, args.cohort).id if args.cohort else None
            proposal = roster.propose_roster(db, pool.id, args.semester, cohort_id)
            saved = roster.save_roster(db, proposal) if args.save else None
        finally:
            db.close()
    except TillitslederError as error:
        return fail(str(error), error.exit_code)
    print(
        _("Roster for {pool}, semester {number} ({period})").format(
            pool=proposal.pool_code, number=args.semester, period=period_label(proposal.first_day, proposal.last_day)
        )
    )
    for plan in proposal.facilitators:
        unit = f" ({plan.unit})" if plan.unit else ""
        print()
        print(
            _("{name}{unit}: {hours} hours proposed, capacity {capacity} hours a month").format(
                name=plan.name,
                unit=unit,
                hours=format_number(plan.proposed_hours),
                capacity=format_number(plan.capacity),
            )
        )
        for a in plan.assignments:
            print(f"  - {period_label(a.first_day, a.last_day)}  {a.label} · {a.cohort} · {format_hours(a.hours)}")
        loads = [
            f"{month_label(m)} {format_number(h)}{' !' if h > plan.capacity else ''}"
            for m, h in zip(proposal.months, plan.hours, strict=True)
        ]
        print("  " + _("Load per month: {months}").format(months=", ".join(loads)))
    for a in proposal.unassigned:
        print(_("Unassigned: {what} ({when})").format(what=a.label, when=period_label(a.first_day, a.last_day)))
    if proposal.flags:
        print()
        print(ngettext("{n} flag:", "{n} flags:", len(proposal.flags)).format(n=format_number(len(proposal.flags))))
        for flag in proposal.flags:
            print(f"  ! {flag.text()}")
    count = len(proposal.assignments) - len(proposal.unassigned)
    print()
    if saved is not None:
        print(ngettext("{n} assignment saved.", "{n} assignments saved.", saved).format(n=format_number(saved)))
    else:
        print(
            ngettext(
                "{n} assignment proposed; add --save to store it.",
                "{n} assignments proposed; add --save to store them.",
                count,
            ).format(n=format_number(count))
        )
    return 0
