"""The coordinator's smaller dialogs, built on an open demo database: for the walks that check every dialog
(accessible names in ``test_accessible_names.py``, the language in ``test_dialog_languages.py``)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def smaller_dialogs(db, cohort_id: int) -> dict[str, QDialog]:
    """New cohort, cancel a session, attendance statuses, verify, a pool, an assignment, deleting a cohort, and
    choosing a profile, by name; built now, in the current language."""
    from sqlalchemy import select

    from tillitsleder import model as m
    from tillitsleder import profiles
    from ui.attendance.statuses_dialog import StatusesDialog
    from ui.certificates.verify_dialog import VerifyDialog
    from ui.enrolment.cohort_dialog import NewCohortDialog
    from ui.facilitators.assign_dialog import AssignDialog
    from ui.facilitators.pools_tab import PoolDialog
    from ui.privacy.deletion_dialog import DeletionDialog
    from ui.profiles.chooser import ProfileChooser
    from ui.sessions.cancel_dialog import CancelDialog

    with db.read() as s:
        programme_id = s.scalar(select(m.Cohort.programme_id).where(m.Cohort.id == cohort_id))
        session_id = s.scalar(select(m.Session.id).where(m.Session.cohort_id == cohort_id).limit(1))
        facilitator_id = s.scalar(select(m.Facilitator.id).limit(1))
    return {
        "New cohort": NewCohortDialog(db),
        "Cancel session": CancelDialog(db, session_id),
        "Attendance statuses": StatusesDialog(db, programme_id),
        "Verify certificate": VerifyDialog(db),
        "Facilitator pool": PoolDialog(None),
        "Assign facilitator": AssignDialog(db, facilitator_id),
        "Delete cohort": DeletionDialog(db, "cohort", cohort_id),
        "Open as": ProfileChooser(profiles.list_profiles(db)),
    }
