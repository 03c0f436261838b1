"""Every focusable control has a meaningful, distinct, translated accessible name (what a screen reader says).

The walk (``area_walk.walk_areas``) shows every area and tab the signed-in profile sees — the coordinator's, a
participant's and a facilitator's — and fails listing each visible, enabled control that Tab reaches and that has
no accessible name (``accessibility_audit.unnamed_controls``). Names come from a label's buddy (a form row) or from
``setAccessibleName`` set in the widget's ``retranslate``; so within one page the fields, lists and tables that
mean different things must not share a name (seven facilitator pickers once all read "Choose a facilitator"), and
after a switch to English no name may stay Norwegian. The main dialogs are opened and checked the same way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import shiboken6
from accessibility_audit import accessible_name, describe, focusable_controls, unnamed_controls
from area_walk import walk_areas
from coordinator_dialogs import smaller_dialogs
from journal_ui_helpers import a_coach, act_as, busiest_participant
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QTabBar, QWidget

from tillitsleder import i18n

ROOT = Path(__file__).resolve().parents[2]


class Audit:
    """What one walk saw: every focusable control (by place) and the unnamed ones."""

    def __init__(self) -> None:
        self.controls: dict[int, tuple[str, QWidget]] = {}
        self.unnamed: dict[int, tuple[str, QWidget]] = {}
        self.duplicates: list[str] = []

    def visit(self, where: str, page: QWidget) -> None:
        controls = focusable_controls(page)
        for widget in controls:
            self.controls.setdefault(id(widget), (where, widget))
        for widget in [*unnamed_controls(page), *unlabelled_combos(controls)]:
            self.unnamed.setdefault(id(widget), (where, widget))
        self.duplicates.extend(f"{where}: {problem}" for problem in shared_names(controls))

    def report(self) -> str:
        unnamed = [f"{where}: {describe(widget)}" for where, widget in self.unnamed.values()]
        return "\n".join(
            [
                f"{len(unnamed)} controls without an accessible name:",
                *unnamed,
                f"{len(self.duplicates)} names shared by different controls of one page:",
                *self.duplicates,
            ]
        )


def declared_name(widget: QWidget) -> str:
    """The name given on purpose: ``setAccessibleName`` or the text of the label whose buddy the widget is (as Qt
    looks for it: among the widget's siblings)."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    parent = widget.parentWidget()
    siblings = parent.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly) if parent else []
    for label in siblings:
        if label.buddy() is widget:
            return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    return ""


def unlabelled_combos(controls: list[QWidget]) -> list[QWidget]:
    """Combo boxes with neither a buddy label nor a name: on Linux a screen reader reads their current item as
    the name (which the audit counts as named), on Windows nothing at all."""
    return [widget for widget in controls if isinstance(widget, QComboBox) and not declared_name(widget)]


def shared_names(controls: list[QWidget]) -> list[str]:
    """The names that two or more fields, lists or tables of one page share (buttons may: "Save" in two forms
    reads fine beside its form, and a button's name is its text)."""
    by_name: dict[str, list[QWidget]] = defaultdict(list)
    for widget in controls:
        name = declared_name(widget) if isinstance(widget, QComboBox) else accessible_name(widget)
        if name and not isinstance(widget, QAbstractButton | QTabBar):
            by_name[name].append(widget)
    return [
        f"{name!r} names {', '.join(describe(w) for w in widgets)}"
        for name, widgets in by_name.items()
        if len(widgets) > 1
    ]


def walk(qtbot, window) -> Audit:
    audit = Audit()

    def visit(where: str, page: QWidget) -> None:
        qtbot.wait(30)
        audit.visit(where, page)

    walk_areas(qtbot, window, visit)
    return audit


def test_every_control_the_coordinator_reaches_has_a_distinct_name(qtbot, opened_window) -> None:
    window = opened_window
    window.switcher.switch("nb")
    audit = walk(qtbot, window)
    print(f"coordinator: {len(audit.unnamed)} unnamed of {len(audit.controls)} focusable controls")
    assert not audit.unnamed and not audit.duplicates, audit.report()


def test_a_participant_and_a_facilitator_reach_only_named_controls(qtbot, opened_window) -> None:
    window = opened_window
    window.switcher.switch("nb")
    found = {}
    for role, info in (("participant", busiest_participant(window.db)), ("facilitator", a_coach(window.db))):
        act_as(window, info)
        audit = walk(qtbot, window)
        print(f"{role}: {len(audit.unnamed)} unnamed of {len(audit.controls)} focusable controls")
        found[role] = audit
    for role, audit in found.items():
        assert not audit.unnamed and not audit.duplicates, f"{role}:\n{audit.report()}"


def same_in_both_languages() -> set[str]:
    """The texts that read the same in Norwegian and English ("Logo", "Status")."""
    from babel.messages.pofile import read_po

    with (ROOT / "resources" / "i18n" / "nb" / "LC_MESSAGES" / "tillitsleder.po").open("rb") as handle:
        return {m.id for m in read_po(handle) if isinstance(m.id, str) and m.id == m.string}


def test_a_language_switch_renames_every_control(qtbot, opened_window) -> None:
    """A name set once (in ``__init__``, not in ``retranslate``) keeps the language it was built in: after the walk
    in Norwegian and a switch to English, every name a control reads must have changed, but for texts that are the
    same in both languages and names that come from data (a person's name in a list's current item)."""
    window = opened_window
    window.switcher.switch("nb")
    audit = walk(qtbot, window)
    alive = {key: widget for key, (_where, widget) in audit.controls.items() if shiboken6.isValid(widget)}
    norwegian = {key: accessible_name(widget) for key, widget in alive.items()}
    given = {key for key, widget in alive.items() if widget.accessibleName()}
    assert len(given) > 40  # search fields, tables, lists, pickers …
    window.switcher.switch("en")
    qtbot.wait(50)
    neutral = same_in_both_languages()
    stale = []
    for key, widget in alive.items():
        if not shiboken6.isValid(widget):
            continue  # rebuilt since (a list's rows, a card)
        english = accessible_name(widget)
        if not english or english != norwegian[key] or english in neutral:
            continue
        if key in given or i18n.gettext_in("nb", english) != english:  # a name we set, or a label's text
            stale.append(f"{audit.controls[key][0]}: {describe(widget)} keeps {english!r}")
    assert not stale, "\n".join(stale)


# --- mnemonics ---------------------------------------------------------------------------------------------------


def mnemonic(text: str) -> str:
    """The key of a text's ``&`` mnemonic (lower case), or ""."""
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).lower() if match else ""


def mnemonics(window) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The keys of the visible form labels, and of everything else that answers Alt+key (the menu bar, buttons,
    group boxes, tabs), in ``window`` as shown now."""
    labels: dict[str, list[str]] = defaultdict(list)
    others: dict[str, list[str]] = defaultdict(list)
    for action in window.menuBar().actions():
        if action.isVisible() and (key := mnemonic(action.text())):
            others[key].append(f"menu {action.text()!r}")
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None and (key := mnemonic(label.text())):
            labels[key].append(f"label {label.text()!r}")
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and (key := mnemonic(button.text())):
            others[key].append(f"button {button.text()!r}")
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for index in range(bar.count()):
                if key := mnemonic(bar.tabText(index)):
                    others[key].append(f"tab {bar.tabText(index)!r}")
    return labels, others


@pytest.mark.parametrize("language", ["nb", "en"])
def test_form_label_mnemonics_do_not_clash(qtbot, opened_window, language: str) -> None:
    """Alt+key on a form label goes to its field; two labels (or a label and a menu) with the same key on one
    page would make the key ambiguous. A label's key that a button also uses is listed, not failed: the buttons'
    keys belong to the keyboard work."""
    window = opened_window
    window.switcher.switch(language)
    clashes: list[str] = []
    with_buttons: list[str] = []

    def visit(where: str, _page: QWidget) -> None:
        qtbot.wait(30)
        labels, others = mnemonics(window)
        for key, texts in labels.items():
            menus = [text for text in others.get(key, []) if text.startswith("menu")]
            if len(texts) > 1 or menus:
                clashes.append(f"{where}: Alt+{key} for {texts + menus}")
            elif key in others:
                with_buttons.append(f"{where}: Alt+{key} for {texts + others[key]}")

    walk_areas(qtbot, window, visit)
    print(f"{language}: a form label's key also on a button:", *sorted(set(with_buttons)), sep="\n  ")
    assert not clashes, "\n".join(clashes)


# --- the main dialogs ------------------------------------------------------------------------------------------


def dialog_problems(qtbot, dialog: QWidget, where: str) -> list[str]:
    """Unnamed controls and shared names in ``dialog`` as it is shown now."""
    if not dialog.isVisible():
        dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(30)
    audit = Audit()
    audit.visit(where, dialog)
    assert audit.controls, f"{where}: nothing to check"
    return [f"{where}: {describe(w)} has no name" for _w, w in audit.unnamed.values()] + audit.duplicates


def test_the_main_dialogs_name_every_control(qtbot, opened_window, tmp_path) -> None:
    from sqlalchemy import select

    from tillitsleder import model as m
    from tillitsleder.enrolment.cohorts import unit_options
    from ui.profiles.passphrase_dialogs import ChangePassphraseDialog
    from ui.restore_dialog import RestoreDialog
    from ui.sessions.session_dialog import Mode, SessionDialog

    window = opened_window
    window.switcher.switch("nb")
    db = window.db
    with db.read() as s:
        cohort_id = window.selection.current
        session_id = s.scalar(select(m.Session.id).where(m.Session.cohort_id == cohort_id).limit(1))
    problems: list[str] = []

    page = window.page_of("ParticipantsPage")
    window.nav.setCurrentRow(window.row_of("ParticipantsPage"))
    qtbot.waitUntil(lambda: page.enrolments.model is not None and page.enrolments.model.total > 0)
    page.enrol()
    enrol = page.dialog
    problems += dialog_problems(qtbot, enrol, "Enrol (new person)")
    enrol.existing_choice.setChecked(True)
    problems += dialog_problems(qtbot, enrol, "Enrol (someone registered)")
    enrol.reject()

    page.enrolments.table.selectRow(0)
    page.change_status()
    problems += dialog_problems(qtbot, page.dialog, "Change status")
    page.dialog.reject()

    units = [u.name for u in unit_options(db, cohort_id)]
    rows = [["Fornavn", "Etternavn", "E-post", "Enhet"], ["Åse", "Ny", "ase@example.no", units[0]],
            ["Per", "Ny", "per@example.no", "Enhet som ikke finnes"]]  # fmt: skip
    (tmp_path / "liste.csv").write_text("\r\n".join(";".join(row) for row in rows), encoding="utf-8")
    page.import_participants()
    wizard = page.dialog
    problems += dialog_problems(qtbot, wizard, "Import: file")
    wizard.file_page.path.setText(str(tmp_path / "liste.csv"))
    for name in ("mapping_page", "units_page", "preview_page"):
        wizard.next()
        qtbot.waitUntil(lambda name=name: wizard.currentPage() is getattr(wizard, name), timeout=10_000)
        problems += dialog_problems(qtbot, wizard, f"Import: {name}")
    wizard.reject()

    for mode, args in ((Mode.NEW, {}), (Mode.SERIES, {}), (Mode.RESCHEDULE, {"session_id": session_id})):
        dialog = SessionDialog(db, cohort_id, mode, **args)
        qtbot.addWidget(dialog)
        problems += dialog_problems(qtbot, dialog, f"Session ({mode.name.lower()})")
        dialog.reject()

    participant = busiest_participant(db)
    window.profiles.unlock_profile(participant)
    unlock = window.profiles.dialog
    problems += dialog_problems(qtbot, unlock, "Unlock")
    unlock.recovery_button.click()
    problems += dialog_problems(qtbot, unlock, "Unlock with the recovery key")
    unlock.reject()

    change = ChangePassphraseDialog(db, window.profiles.current.info)
    qtbot.addWidget(change)
    problems += dialog_problems(qtbot, change, "Change passphrase")
    change.reject()

    restore = RestoreDialog(db.path)
    qtbot.addWidget(restore)
    problems += dialog_problems(qtbot, restore, "Restore")
    restore.reject()
    problems += other_dialog_problems(qtbot, db, cohort_id, session_id)
    assert not problems, "\n".join(problems)


def other_dialog_problems(qtbot, db, cohort_id: int, session_id: int) -> list[str]:
    """The smaller dialogs: new cohort, cancel a session, attendance statuses, verify, pools, profiles …"""
    problems = []
    for where, dialog in smaller_dialogs(db, cohort_id).items():
        qtbot.addWidget(dialog)
        problems += dialog_problems(qtbot, dialog, where)
        dialog.reject()
    return problems


def test_alt_and_a_label_key_moves_to_its_field(qtbot, opened_window) -> None:
    """The mnemonics really work: on the Settings area, Alt+M (“Data&mappe:”) and Alt+I (“&Innstillingsfil:”) put
    the cursor in the path they name, and a screen reader reads the label as the field's name."""
    from PySide6.QtTest import QTest

    window = opened_window
    window.switcher.switch("nb")
    window.nav.setCurrentRow(window.row_of("SettingsPage"))
    page = window.page_of("SettingsPage")
    qtbot.waitUntil(page.data_path.isVisible)
    window.activateWindow()
    for key, field, name in (
        (Qt.Key.Key_M, page.data_path, "Datamappe"),
        (Qt.Key.Key_I, page.settings_path, "Innstillingsfil:"),
        (Qt.Key.Key_D, page.database_path, "Database:"),
    ):
        QTest.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda field=field: field.hasFocus(), timeout=2_000)
        assert accessible_name(field) == name
