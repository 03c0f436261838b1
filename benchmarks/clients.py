"""Thirty people at once: simulated clients in separate processes against one PostgreSQL database.

    python benchmarks/clients.py [--postgresql ADMIN_URL] [--clients 30] [--seconds 60] [--logins] [--json FILE]

Each client is a process of its own (multiprocessing, spawn) that opens the database, signs in as its role and
works through the app's service layer (``_client_worker``): coordinators mark attendance in the hot part of the
newest cohort's register, participants write journal entries with their unlocked profiles, facilitators record
group meetings with three-step notes. The database is the Oslo-scale one ``oslo_scale.py`` builds on the same
cluster (built here first if missing). With ``--logins`` every client connects with a login of its own, made by
``tillitsleder.server.logins.add_user`` after ``tillitsleder server init``; without it, every client uses the
admin URL (the report says which mode ran).

Afterwards it reports throughput (operations per second per kind and in all), the 95th percentile latency per
kind, refused conflicts (``ChangedElsewhere``, where that error exists: coordinators then hand back the cell
versions they read), other errors by type, and lost updates,
verified against the database: every journal entry and meeting a client was told it saved is there; per
attendance cell the stored value is the last acknowledged one (or one written concurrently with it); each
meeting's notes are the last ones acknowledged for it. Lost updates must be 0.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _client_worker import run_client  # noqa: E402
from _clients_report import report, verify  # noqa: E402
from _oslo_build import build, is_built, server_database  # noqa: E402
from _oslo_data import Scale  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from tillitsleder.enums import Role  # noqa: E402
from tillitsleder.model import (  # noqa: E402
    AttendanceStatus,
    Cohort,
    Enrolment,
    Facilitator,
    GroupRound,
    Profile,
    ReflectionGroup,
    RoleAssignment,
    Session,
    group_member,
)
from tillitsleder.storage.database import open_database  # noqa: E402

WORK = Path(os.environ.get("TMPDIR", "/tmp")) / "tillitsleder-oslo"


def plan_clients(url: str, count: int, seconds: float) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Who the clients are: 40 % participants, 30 % facilitators (as many as have profiles), the rest coordinators."""
    db = open_database(url)
    db.backup_on_close = False
    try:
        with db.read() as s:
            cohort = s.scalar(select(func.max(Cohort.id)))
            programme = s.scalar(select(Cohort.programme_id).where(Cohort.id == cohort))
            sessions = s.scalars(
                select(Session.id)
                .where(Session.cohort_id == cohort, Session.status != "cancelled")
                .order_by(Session.starts_at)
            ).all()
            enrolments = s.scalars(
                select(Enrolment.id).where(Enrolment.cohort_id == cohort).order_by(Enrolment.id)
            ).all()
            statuses = s.scalars(select(AttendanceStatus.id).where(AttendanceStatus.programme_id == programme)).all()
            participants = s.execute(
                select(Profile.id, Profile.person_id).where(Profile.role == Role.PARTICIPANT.value).order_by(Profile.id)
            ).all()
            facilitators = s.execute(
                select(Profile.id, Profile.person_id, Facilitator.id, ReflectionGroup.id)
                .join(Facilitator, Facilitator.person_id == Profile.person_id)
                .join(ReflectionGroup, ReflectionGroup.facilitator_id == Facilitator.id)
                .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
                .where(Profile.role == Role.FACILITATOR.value, GroupRound.cohort_id == cohort)
                .order_by(ReflectionGroup.id)
            ).all()
            members = {
                group: s.scalars(select(group_member.c.enrolment_id).where(group_member.c.group_id == group)).all()
                for *_rest, group in facilitators
            }
            coordinators = s.scalars(select(RoleAssignment.person_id).where(RoleAssignment.role == "coordinator")).all()
    finally:
        db.close()
    # The hot part of the register: the last five held sessions and the next five, every participant.
    held_until = len(sessions) - 10  # the newest cohort's last ten sessions are still to come
    hot_sessions = sessions[max(0, held_until - 5) : held_until + 5]
    cells = [(e, s) for s in hot_sessions for e in enrolments]
    n_participants = min(len(participants), round(count * 0.4))
    seen: set[int] = set()
    facilitator_rows = [f for f in facilitators if not (f[0] in seen or seen.add(f[0]))]  # one group each
    n_facilitators = min(len(facilitator_rows), round(count * 0.3))
    n_coordinators = count - n_participants - n_facilitators
    specs: list[dict[str, Any]] = []
    for i in range(n_coordinators):
        specs.append({"kind": "coordinator", "cohort_id": cohort, "cells": cells, "statuses": statuses,
                      "person_id": coordinators[i % len(coordinators)] if coordinators else None})  # fmt: skip
    for profile_id, person_id in participants[:n_participants]:
        specs.append({"kind": "participant", "profile_id": profile_id, "person_id": person_id})
    for profile_id, person_id, facilitator_id, group in facilitator_rows[:n_facilitators]:
        specs.append({"kind": "facilitator", "profile_id": profile_id, "person_id": person_id,
                      "facilitator_id": facilitator_id, "group_id": group, "members": members[group]})  # fmt: skip
    for i, spec in enumerate(specs):
        spec.update(client=i, seconds=seconds, url=url)
    return specs, {"cohort_id": cohort, "cells": len(cells)}


def sign_in_each(admin_url: str, specs: list[dict[str, Any]]) -> str:
    """``--logins``: the server's roles and policies, then a login of its own for every client."""
    try:
        from tillitsleder.server.logins import add_user  # on branch ``server``, not merged yet
    except ImportError as missing:
        raise SystemExit(
            "--logins: tillitsleder.server.logins is not in this checkout (branch 'server' not merged yet)"
        ) from missing
    import subprocess

    init = subprocess.run([sys.executable, "-m", "tillitsleder", "server", "init", "--db", admin_url],
                          capture_output=True, text=True)  # fmt: skip
    if init.returncode:
        raise SystemExit(f"tillitsleder server init failed ({init.returncode}): {init.stderr.strip()[-400:]}")
    made: dict[tuple[int, str], Any] = {}
    for spec in specs:
        key = (spec["person_id"], spec["kind"])
        if key not in made:
            made[key] = add_user(admin_url, person=spec["person_id"], role=Role(spec["kind"]))
        login = made[key]
        spec["url"] = (
            make_url(admin_url).set(username=login.login, password=login.password).render_as_string(hide_password=False)
        )
    return f"own logins ({len(made)} made by server.logins.add_user)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgresql", default=os.environ.get("TILLITSLEDER_TEST_POSTGRESQL"),
                        help="admin URL of a PostgreSQL cluster (default $TILLITSLEDER_TEST_POSTGRESQL)")  # fmt: skip
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--scale", type=float, default=1.0, help="size of the database built if missing")
    parser.add_argument("--logins", action="store_true", help="each client signs in with a login of its own")
    parser.add_argument("--json", type=Path, default=WORK / "clients.json")
    args = parser.parse_args()
    if not args.postgresql:
        print("clients.py needs PostgreSQL: --postgresql URL or $TILLITSLEDER_TEST_POSTGRESQL "
              "(scripts/postgresql_cluster.sh start); skipped")  # fmt: skip
        return 0
    scale = Scale() if args.scale == 1.0 else Scale().scaled(args.scale)
    name = "tillitsleder_oslo" if args.scale == 1.0 else f"tillitsleder_oslo_{int(args.scale * 1000)}"
    url = server_database(args.postgresql, name, fresh=False)
    if not is_built(url, scale):
        print(f"building the Oslo-scale database ({scale})")
        server_database(args.postgresql, name, fresh=True)
        build(url, scale)
    specs, shape = plan_clients(url, args.clients, args.seconds)
    mode = sign_in_each(url, specs) if args.logins else "admin URL for every client (no --logins)"
    kinds = {kind: sum(1 for s in specs if s["kind"] == kind) for kind in ("coordinator", "participant", "facilitator")}
    print(f"{len(specs)} clients ({kinds}), {args.seconds:.0f} s, sign-in: {mode}; {os.cpu_count()} cores shared "
          f"with the database server and other work")  # fmt: skip
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(specs) + 1)
    out = Path(tempfile.mkdtemp(prefix="tillitsleder-clients-"))
    processes = [context.Process(target=run_client, args=(spec, barrier, str(out / f"{spec['client']}.json")))
                 for spec in specs]  # fmt: skip
    for process in processes:
        process.start()
    barrier.wait()
    began = time.monotonic()
    for process in processes:
        process.join()
    wall = time.monotonic() - began
    records = [json.loads((out / f"{spec['client']}.json").read_text(encoding="utf-8")) for spec in specs]
    spans = [(op["t0"], op["t1"]) for record in records for op in record["ops"]]
    if spans:  # the working window, without the processes' start-up and exit
        wall = max(t1 for _t0, t1 in spans) - min(t0 for t0, _t1 in spans)
    checks = verify(url, specs, records)
    figures = report(records, checks, wall=wall, mode=mode, shape=shape, seconds=args.seconds)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(f"figures: {args.json}")
    return 1 if checks["lost_updates"] else 0


if __name__ == "__main__":
    sys.exit(main())
