"""One look for forms and buttons: labels end with a colon, tool bars look like push buttons, numbers align right.

Label style: Windows (and Qt's own form dialogs, and KDE) end a field's label with a colon, in English as in the
Norwegian Windows UI ("Navn:", "Passord:"); QFormLayout adds none itself. ``form_labels`` holds the rule, and
``conftest.form_label_style`` applies it to every window of every UI test; this file walks every area and tab on
the demo database and opens the forms reachable from them, and shows the check can fail.
"""

from __future__ import annotations

from form_labels import label_problems
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.curriculum.forms import tool_bar
from ui.main_window import MainWindow
from ui.style import style_sheet


def _visit_everything(qtbot, window: MainWindow) -> None:
    for row in range(len(window.areas)):
        window.nav.setCurrentRow(row)
        page = window.current_page()
        qtbot.waitUntil(lambda page=page: page.isVisible() and not page._stale)
        tabs = getattr(page, "tabs", None)
        for index in range(tabs.count() if tabs is not None else 0):
            if tabs.isTabVisible(index):
                tabs.setCurrentIndex(index)
                qtbot.waitUntil(tabs.widget(index).isVisible)


def test_every_form_label_in_every_area_and_its_dialogs_ends_with_a_colon(qtbot, opened_window: MainWindow) -> None:
    from ui.facilitators.assign_dialog import AssignDialog
    from ui.facilitators.pools_tab import PoolDialog

    window = opened_window
    _visit_everything(qtbot, window)
    programmes = window.page_of("ProgrammesPage")
    forms = [programmes.new_programme(), programmes.edit_programme(), programmes.duplicate_programme()]
    forms += [programmes.editor.add_module(), programmes.editor.add_semester()]
    participants = window.page_of("ParticipantsPage")
    participants.new_cohort()
    forms.append(participants.dialog)
    participants.enrol()
    forms.append(participants.dialog)
    facilitators = window.page_of("FacilitatorsPage")
    facilitators.pools.table.selectRow(0)
    forms += [PoolDialog(None, facilitators), AssignDialog(window.db, facilitators.pools.selected().id, facilitators)]
    forms.append(window.page_of("CertificatesPage").completion.rules_dialog())
    assert all(form is not None for form in forms)
    for form in forms:
        form.show()
        assert form.findChildren(QFormLayout), type(form).__name__
    for language in ("en", "nb"):
        window.switcher.switch(language)
        qtbot.wait(20)
        problems = [problem for widget in QApplication.topLevelWidgets() for problem in label_problems(widget)]
        assert problems == [], language
    for form in forms:
        form.close()


def test_a_label_without_the_colon_is_found(qtbot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    form.addRow(QLabel("Name:"), QLineEdit())
    form.addRow(QLabel("&Date"), QLineEdit())  # the mnemonic does not count as text
    buddy = QLabel("Seats", root)
    buddy.setBuddy(QLineEdit(root))
    assert sorted(label_problems(root)) == ["'&Date' in QWidget", "'Seats' in QWidget"]
    buddy.setText("Seats:")
    form.itemAt(1, QFormLayout.ItemRole.LabelRole).widget().setText("&Date:")
    assert label_problems(root) == []


def test_tool_bar_buttons_are_framed_like_push_buttons(qtbot) -> None:
    """The Programmes area's tool bars draw their buttons with a push button's frame, not flat."""
    window = QWidget()
    window.setStyleSheet(style_sheet())
    qtbot.addWidget(window)
    action = QAction("New programme…", window)
    bar = tool_bar(action)
    assert bar.objectName() == "actionBar"
    layout = QVBoxLayout(window)
    layout.addWidget(bar)
    layout.addWidget(QPushButton("New cohort…"))
    window.show()
    qtbot.waitExposed(window)
    button = bar.widgetForAction(action)
    image = button.grab().toImage()
    middle = image.height() // 2
    frame = image.pixelColor(0, middle)
    inside = image.pixelColor(4, middle)
    assert frame != inside  # a border around the button, as around a push button
    mid = bar.palette().color(bar.palette().ColorRole.Mid)
    assert abs(frame.red() - mid.red()) <= 2 and abs(frame.blue() - mid.blue()) <= 2  # the frame is palette(mid)


def test_the_workload_table_right_aligns_its_numbers(qtbot, opened_window: MainWindow) -> None:
    page = opened_window.page_of("FacilitatorsPage")
    opened_window.nav.setCurrentRow(opened_window.row_of("FacilitatorsPage"))
    page.tabs.setCurrentWidget(page.workload)
    model = page.workload.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    role = Qt.ItemDataRole.TextAlignmentRole
    assert model.data(model.index(0, 0), role) == left  # the facilitator's name
    assert model.data(model.index(0, 1), role) == left  # the unit
    for column in range(2, model.columnCount()):  # hours a month, then one column a month
        assert model.data(model.index(0, column), role) == right, column
        assert model.headerData(column, Qt.Orientation.Horizontal, role) == right
