"""The access export's readable summary: a PDF in the person's language, on the shared page layout.

It names the person and their details, their enrolments, attendance, reflection groups, facilitator roles and
certificates, counts every kind of row the export holds, and says why the journal is not in it. Text is in the
summary's language whatever language the app shows (its own translations and Babel locale).
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from datetime import date, datetime
from functools import cache

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer
from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from tillitsleder import clock
from tillitsleder.enums import CertificateStatus, EnrolmentStatus
from tillitsleder.i18n import DOMAIN, LANGUAGES, N_, format_date, format_number
from tillitsleder.model import (
    Attendance,
    AttendanceStatus,
    Certificate,
    Cohort,
    Department,
    Enrolment,
    FacilitatorPool,
    GroupRound,
    Person,
    Programme,
    ReflectionGroup,
    Session,
    Unit,
)
from tillitsleder.pdf.layout import build_document, data_table, para, styles
from tillitsleder.privacy.plan_text import TABLE_LABELS
from tillitsleder.resources import resource_path

JOURNAL_NOTE = N_(
    "Your learning journal is not in this export. It is encrypted so that only you (and the readers you chose to "
    "share entries with) can read it, and nobody else — not the programme coordinator — can export it. Export "
    "it yourself: sign in to your own profile in Tillitsleder, open your journal and choose Export."
)
CONTENT_NOTE = N_(
    "The text of your commitments and of your reflection group's notes and actions is not in this export either: "
    "the coordinator may not read it. You can read it in your own profile, and the group's facilitator can help."
)


@cache
def translator(language: str) -> Callable[[str], str]:
    catalog = gettext.translation(DOMAIN, localedir=str(resource_path("i18n")), languages=[language], fallback=True)
    return catalog.gettext


def person_language(s: OrmSession, person_id: int) -> str | None:
    """The language of the person's latest certificate, if they have one in a language the app speaks."""
    language = s.scalar(
        select(Certificate.language)
        .join(Enrolment, Enrolment.id == Certificate.enrolment_id)
        .where(Enrolment.person_id == person_id)
        .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        .limit(1)
    )
    return language if language in LANGUAGES else None


def render_summary(s: OrmSession, person_id: int, data: dict[str, list[dict]], language: str) -> bytes:
    """The summary PDF's bytes."""
    t = translator(language)
    lang = language if language in LANGUAGES else "en"

    def day(value: date | datetime | None) -> str:
        return format_date(value, language=lang)

    def number(value: int) -> str:
        return format_number(value, language=lang)

    st = styles()
    person = s.get(Person, person_id)
    assert person is not None
    unit = s.execute(select(Unit.name, Department.name).join(Department).where(Unit.id == person.unit_id)).first()
    story: list[Flowable] = [
        para(t(N_("Personal data held about you")), st.title),
        para(
            t(
                N_(
                    "This summary shows what Tillitsleder holds about {name} on {date}. The municipality that runs "
                    "the programme is the controller. The file personal-data.json beside it holds every row in full."
                )
            ).format(name=person.full_name, date=day(clock.today())),
            st.body,
        ),
        para(t(N_("Your details")), st.heading),
        data_table(
            [t(N_("Field")), t(N_("Value"))],
            [
                [t(N_("Name")), person.full_name],
                [t(N_("E-mail")), person.email or ""],
                [t(N_("Employee number")), person.employee_number or ""],
                [t(N_("Unit")), f"{unit[0]} ({unit[1]})" if unit else ""],
                [t(N_("Position")), person.position or ""],
            ],
            [45 * mm, None],
            s=st,
        ),
    ]
    enrolments = s.execute(
        select(Enrolment, Cohort.name, Programme.name)
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .join(Programme, Programme.id == Cohort.programme_id)
        .where(Enrolment.person_id == person_id)
        .order_by(Enrolment.enrolled_on)
    ).all()
    if enrolments:
        story += [
            para(t(N_("Enrolments")), st.heading),
            data_table(
                [t(N_("Programme")), t(N_("Cohort")), t(N_("Enrolled")), t(N_("Status")), t(N_("Since"))],
                [
                    [programme, cohort, day(e.enrolled_on), t(EnrolmentStatus(e.status)._label), day(e.status_since)]
                    for e, cohort, programme in enrolments
                ],
                s=st,
            ),
        ]
    attendance = s.execute(
        select(Session.starts_at, Session.title, AttendanceStatus.label)
        .join(Attendance, Attendance.session_id == Session.id)
        .join(AttendanceStatus, AttendanceStatus.id == Attendance.status_id)
        .join(Enrolment, Enrolment.id == Attendance.enrolment_id)
        .where(Enrolment.person_id == person_id)
        .order_by(Session.starts_at)
    ).all()
    if attendance:
        story += [
            para(t(N_("Attendance")), st.heading),
            data_table(
                [t(N_("Date")), t(N_("Session")), t(N_("Registered as"))],
                [[day(when), title, label] for when, title, label in attendance],
                [30 * mm, None, 45 * mm],
                s=st,
            ),
        ]
    group_ids = [row["group_id"] for row in data.get("group_member", [])]
    groups = s.execute(
        select(GroupRound.name, ReflectionGroup.name)
        .join(GroupRound, GroupRound.id == ReflectionGroup.round_id)
        .where(ReflectionGroup.id.in_(group_ids))
        .order_by(GroupRound.number, ReflectionGroup.name)
    ).all()
    if groups:
        story += [
            para(t(N_("Reflection groups")), st.heading),
            data_table([t(N_("Round")), t(N_("Group"))], [list(row) for row in groups], s=st),
        ]
    pool_ids = [row["pool_id"] for row in data.get("facilitator", [])]
    pools = s.scalars(select(FacilitatorPool.name).where(FacilitatorPool.id.in_(pool_ids))).all()
    if pools:
        story += [para(t(N_("Facilitator pools")), st.heading), para(", ".join(pools), st.body)]
    certificates = data.get("certificate", [])
    if certificates:
        story += [
            para(t(N_("Certificates")), st.heading),
            data_table(
                [t(N_("Issued")), t(N_("Version")), t(N_("Verification code")), t(N_("Status"))],
                [
                    [
                        day(datetime.fromisoformat(c["issued_at"])),
                        number(c["version"]),
                        c["verification_code"],
                        t(CertificateStatus(c["status"])._label),
                    ]
                    for c in certificates
                ],
                s=st,
            ),
        ]
    story += [
        para(t(N_("What the export holds")), st.heading),
        data_table(
            [t(N_("Kind of data")), t(N_("Rows"))],
            [
                [t(TABLE_LABELS[name]) if name in TABLE_LABELS else name, number(len(rows))]
                for name, rows in data.items()
            ],
            [None, 25 * mm],
            s=st,
        ),
        Spacer(1, 4 * mm),
        KeepTogether(
            [
                para(t(N_("Your learning journal")), st.heading),
                para(t(JOURNAL_NOTE), st.body),
                Spacer(1, 2 * mm),
                para(t(CONTENT_NOTE), st.body),
            ]
        ),
    ]
    out = io.BytesIO()
    title = t(N_("Personal data held about you"))
    build_document(
        out,
        story,
        title=title,
        header=f"{title} · {person.full_name}",
        footer=day(clock.today()),
        page_text=lambda n, total: t(N_("Page {number} of {total}")).format(number=number(n), total=number(total)),
        language=language,
    )
    return out.getvalue()
