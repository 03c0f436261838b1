"""The dialogs in every language: opened after a switch in Settings, none shows a text left from another language.

The area walk (``test_language_walk.py``) sees the pages; this opens the dialogs a coordinator meets (enrol, a new
session and a series, the import wizard, restore, new cohort, cancel a session, attendance statuses, verify a
certificate, a facilitator pool, an assignment, deleting a cohort, choosing a profile) and checks each visible text
against all five catalogs (``language_leftovers``), with the demo's own data left aside.
"""

from __future__ import annotations

import pytest
from catalog_status import language_params
from coordinator_dialogs import smaller_dialogs
from language_leftovers import LeftoverFinder, demo_texts, normalise, visible_texts
from test_language_walk import choose_in_settings

from tillitsleder import i18n


def _dialogs(qtbot, window):
    """(name, dialog) for each dialog, built now (in the current language)."""
    from ui.restore_dialog import RestoreDialog
    from ui.sessions.session_dialog import Mode, SessionDialog

    db, cohort_id = window.db, window.selection.current
    page = window.page_of("ParticipantsPage")
    window.nav.setCurrentRow(window.row_of("ParticipantsPage"))
    qtbot.waitUntil(lambda: page.enrolments.model is not None and page.enrolments.model.total > 0, timeout=20_000)
    page.enrol()
    yield "Enrol participant", page.dialog
    page.import_participants()
    yield "Import participants", page.dialog
    for name, dialog in {
        "New session": SessionDialog(db, cohort_id, Mode.NEW),
        "Series of sessions": SessionDialog(db, cohort_id, Mode.SERIES),
        "Restore": RestoreDialog(db.path),
        **smaller_dialogs(db, cohort_id),
    }.items():
        qtbot.addWidget(dialog)
        yield name, dialog


@pytest.mark.parametrize("language", [p for p in language_params() if p.values[0] != "en"])
def test_every_dialog_speaks_the_chosen_language(qtbot, opened_window, demo_db_path, language) -> None:
    window = opened_window
    choose_in_settings(qtbot, window, language)
    finder = LeftoverFinder(language, ignored=demo_texts(demo_db_path) | set(map(normalise, i18n.LANGUAGES.values())))
    leftovers: dict[str, str] = {}
    seen = 0
    for name, dialog in _dialogs(qtbot, window):
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(30)
        texts = visible_texts(dialog)
        seen += len(texts)
        for kind, text in texts:
            if (why := finder.problem(text)) is not None:
                leftovers.setdefault(f"{kind} {normalise(text)!r}", f"{name}: {why}")
        dialog.reject()
    assert seen > 100, "the dialogs showed too little to judge"
    assert not leftovers, f"{len(leftovers)} texts not in {language}:\n" + "\n".join(
        f"  {text} — {where}" for text, where in sorted(leftovers.items())
    )
