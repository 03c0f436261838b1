"""Contrast and colour: every colour the app sets meets WCAG AA (4.5:1) in a light, a dark and a high-contrast
palette, no colour is named outside ``ui/colours.py``, and no state is shown by colour alone.

- ``ui.colours.pairs`` lists every text/background pair the app can draw; each must reach 4.5:1 per palette.
- The walk (``area_walk.walk_areas``) shows every area and tab on the demo under each palette and reads what is
  really drawn (``contrast_audit.low_contrast``: item view cells and headers, labels, text fields).
- A source scan finds no colour literal (``#hex``, ``QColor("…")``/``QColor(0, …)``, ``Qt.GlobalColor``,
  ``rgb()``, a named colour in a style sheet) in ``ui/`` outside ``ui/colours.py`` and ``ui/palettes.py``.
- Withdrawn and completed people in the register carry a word; flagged members on the group board an icon and
  their reasons; over-capacity roster months a mark, and the flags name exactly the marked months.

Before this work (commit 0045a61), with the colours the app set then: of its text/background pairs 4 were below
4.5:1 on the light palette ("Well mixed" 4.29, the verify dialog's "valid" 4.46, completion's "at risk" on an
alternate row 4.37, skipped series dates 1.73), 24 on the dark one and 23 under high contrast; the walk (which opens
no dialogs) found 1 kind of pair on the light palette and 27 on the dark one (register cells, totals, legend and
names, completion states, group cards' score lines and flagged members, workload marks). Now none anywhere.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from area_walk import walk_areas
from contrast_audit import kinds, low_contrast
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from tillitsleder.attendance.register import RegisterParticipant
from ui import colours, palettes
from ui.main_window import MainWindow

UI = Path(__file__).resolve().parents[2] / "ui"
ALLOWED = {"colours.py", "palettes.py"}


@pytest.fixture
def palette_named(qapp) -> Iterator:
    """Set one of ``ui.palettes`` on the application; the original palette comes back afterwards."""
    original = QPalette(qapp.palette())

    def use(name: str) -> QPalette:
        palettes.apply(name)
        qapp.processEvents()
        return qapp.palette()

    yield use
    QApplication.setPalette(original)
    qapp.processEvents()


# --- the pairs ui/colours.py lists ------------------------------------------------------------------------


@pytest.mark.parametrize("name", palettes.NAMES)
def test_every_pair_the_app_sets_reaches_aa(qapp, name: str) -> None:
    palette = palettes.palette_named(name)
    scheme = colours.scheme(palette)
    assert scheme.kind == name
    listed = colours.pairs(palette)
    assert len(listed) >= len(colours.roles())  # every role, text roles once per surface they sit on
    low = [(role, t.name(), b.name(), round(colours.contrast_ratio(t, b), 2)) for role, t, b in listed
           if colours.contrast_ratio(t, b) < colours.AA]  # fmt: skip
    assert not low, low


def test_contrast_ratio_is_wcags() -> None:
    assert colours.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert colours.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert colours.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    # the figures for the old colours on the light window
    assert colours.contrast_ratio("#2e7d6b", "#efefef") == pytest.approx(4.29, abs=0.01)  # "Well mixed"
    assert colours.contrast_ratio("#2e7d32", "#efefef") == pytest.approx(4.46, abs=0.01)  # "valid"


def test_the_kind_of_palette_is_read_from_the_palette(qapp) -> None:
    windows_white = palettes.light_palette()  # Windows' "High contrast white": black on white, purple selection
    for role, value in (("Window", "#ffffff"), ("Base", "#ffffff"), ("Button", "#ffffff"),
                        ("Highlight", "#37006e"), ("HighlightedText", "#ffffff")):  # fmt: skip
        windows_white.setColor(getattr(QPalette.ColorRole, role), value)
    assert colours.kind_of(windows_white) == colours.HIGH_CONTRAST
    assert colours.kind_of(palettes.light_palette()) == colours.LIGHT
    assert colours.kind_of(palettes.dark_palette()) == colours.DARK
    # under high contrast a fill is the palette's own: nothing set, text in the palette's text colour
    hc = colours.scheme(palettes.high_contrast_palette())
    assert hc.brushes("status.present") == (None, None) and hc.fill("at_risk") is None
    assert hc.text("warning") == palettes.high_contrast_palette().color(QPalette.ColorRole.WindowText)
    assert hc.fill("search.mark") == palettes.high_contrast_palette().color(QPalette.ColorRole.Highlight)
    # the platform's contrast preference (Qt 6.10+) turns any palette to the palette's own colours
    assert colours.prefer_high_contrast(True)
    try:
        assert colours.scheme(palettes.light_palette()).kind == colours.HIGH_CONTRAST
    finally:
        assert colours.prefer_high_contrast(False)
    assert colours.scheme(palettes.light_palette()).kind == colours.LIGHT


# --- the walk ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", palettes.NAMES)
def test_every_area_draws_its_text_at_aa_contrast(qtbot, opened_window: MainWindow, palette_named, name) -> None:
    window = opened_window
    palette_named(name)
    assert colours.scheme().kind == name
    found: dict[str, list] = {}
    checked: list[str] = []

    def visit(where: str, widget) -> None:
        qtbot.wait(60)
        low = low_contrast(window, checked)
        if low:
            found[where] = low

    places = walk_areas(qtbot, window, visit)
    assert len(places) >= 18
    report = "\n".join(f"{where}: {sorted(kinds(lows))}" for where, lows in found.items())
    assert not found, report
    # the walk read the colours the app sets, where it sets them (none are set under high contrast)
    coloured = {what for what in checked if what.endswith(("cell", "header"))}
    if name != "high-contrast":
        register = {"attendanceGrid cell", "attendanceTotals cell", "attendanceGrid header"}
        assert register | {"groupMembers cell"} <= coloured
        assert "completionTable cell" in coloured


def test_the_walk_reader_finds_a_fill_without_its_ink(qtbot, palette_named) -> None:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    palette_named("dark")
    model = QStandardItemModel(1, 2)
    filled = QStandardItem("T")
    filled.setBackground(QColor("#cfe8cf"))  # a light fill, the dark palette's light text
    model.setItem(0, 0, filled)
    model.setItem(0, 1, QStandardItem("ok"))
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    low = low_contrast(view)
    assert [(what, text, background) for what, text, background, _r in low] == [
        ("QTableView cell", "#e6e6e6", "#cfe8cf")
    ]


@pytest.mark.parametrize("name", palettes.NAMES)
def test_dialog_colours_reach_aa(qtbot, palette_named, name) -> None:
    """What the walk does not open: the verify dialog's states, the series preview's skipped and warned dates, the
    journal's paper and the draft banner."""
    from datetime import date

    from tillitsleder.certificates.register import Verification, VerificationState
    from tillitsleder.sessions.scheduling import Occurrence
    from ui.certificates.verify_dialog import VerifyDialog
    from ui.journal.draft_banner import DraftBanner
    from ui.journal.writing_view import WritingView
    from ui.sessions.series_box import SeriesBox

    palette_named(name)
    dialog = VerifyDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    for state in VerificationState:
        dialog._show(Verification(state))
        assert dialog.state.property("colourRole") == f"verify.{state.value}"
        assert not low_contrast(dialog), (state, low_contrast(dialog))
    box = SeriesBox(date(2026, 1, 5))
    qtbot.addWidget(box)
    box.show()
    conflict = SimpleNamespace(text=lambda: "x")
    box.show_preview(
        [Occurrence(date(2026, 1, 5), False, False), Occurrence(date(2026, 1, 12), True, True),
         Occurrence(date(2026, 1, 19), False, False, (conflict,))]
    )  # fmt: skip
    assert "skipped" in box.preview.item(1).text()
    assert not low_contrast(box)
    banner = DraftBanner()
    qtbot.addWidget(banner)
    banner.show()
    banner.text.setText("You have an unsaved draft.")
    assert not low_contrast(banner)
    view = WritingView()
    qtbot.addWidget(view)
    view.show()
    assert view.editor.property("colourRole") == "paper"
    assert not low_contrast(view)


def test_the_app_follows_a_palette_change_at_run_time(qtbot, opened_window: MainWindow, palette_named) -> None:
    window = opened_window
    window.nav.setCurrentRow(window.row_of("AttendancePage"))
    page = window.current_page()
    qtbot.waitUntil(lambda: page.isVisible() and not page._stale, timeout=20_000)
    from ui.attendance.register_view import RegisterView

    view = page.findChild(RegisterView)
    qtbot.waitUntil(lambda: view.model() is not None and view.model().rowCount() > 0, timeout=20_000)
    model = view.model()
    cell = next(
        model.index(r, c) for r in range(model.rowCount()) for c in range(2, model.columnCount())
        if model.index(r, c).data(Qt.ItemDataRole.BackgroundRole) is not None
    )  # fmt: skip
    light_fill = cell.data(Qt.ItemDataRole.BackgroundRole).color()
    light_ink = cell.data(Qt.ItemDataRole.ForegroundRole).color()
    assert colours.relative_luminance(light_fill) > colours.relative_luminance(light_ink)
    light_sheet = window.styleSheet()
    palette_named("dark")
    dark_fill = cell.data(Qt.ItemDataRole.BackgroundRole).color()
    dark_ink = cell.data(Qt.ItemDataRole.ForegroundRole).color()
    assert dark_fill != light_fill and colours.relative_luminance(dark_fill) < colours.relative_luminance(dark_ink)
    assert colours.contrast_ratio(dark_ink, dark_fill) >= colours.AA
    assert window.styleSheet() != light_sheet and colours.scheme().css_text("warning") in window.styleSheet()
    palette_named("high-contrast")
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is None  # the palette's own base and text
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is None


# --- no colour outside ui/colours.py -----------------------------------------------------------------------

_HEX = re.compile(r"(?<![\w&])#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b")
_NAMED_IN_SHEET = re.compile(
    r"(?<![-\w])(?:background(?:-color)?|(?:selection-(?:background-)?)?color|border(?:-\w+)?)\s*:[^;{}]*?"
    r"\b(red|green|blue|black|white|gr[ae]y|orange|yellow|pink|purple|navy|maroon|silver|darkred|lightgr[ae]y)\b",
    re.IGNORECASE,
)
_CODE = [
    (re.compile(r"QColor\(\s*(?:[\"']|\d)"), "QColor with a literal"),
    (re.compile(r"Qt\.GlobalColor\b"), "Qt.GlobalColor"),
    (re.compile(r"\bQt\.(?:red|green|blue|black|white|gray|darkGray|lightGray|yellow|cyan|magenta|darkRed)\b"),
     "a Qt global colour"),
    (re.compile(r"QColor\.from(?:Rgb|Hsv|Hsl|Cmyk)F?\(\s*\d"), "QColor.from… with literals"),
    (re.compile(r"\brgba?\(\s*\d"), "rgb()"),
]  # fmt: skip


def colour_literals(path: Path) -> list[str]:
    """Colour literals in one source file: in its strings (hex, rgb(), named colours in style sheets) and code."""
    source = path.read_text(encoding="utf-8")
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING or token.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            for pattern in (_HEX, _NAMED_IN_SHEET, _CODE[4][0]):
                for match in pattern.finditer(token.string):
                    found.append(f"{path.name}:{token.start[0]}: {match.group(0)!r}")
    for number, line in enumerate(source.splitlines(), start=1):
        code = line.split("#", 1)[0] if not line.lstrip().startswith(("'", '"')) else line
        for pattern, what in _CODE[:4]:
            if pattern.search(code):
                found.append(f"{path.name}:{number}: {what}")
    return found


def test_no_colour_is_named_outside_ui_colours() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name in ALLOWED and path.parent == UI:
            continue
        found += colour_literals(path)
    assert not found, "\n".join(found)


def test_the_source_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'A = "#9a3b00"\nB = QColor("#fff")\nC = QColor(0, 0, 0)\nD = Qt.GlobalColor.red\n'
        'E = "QLabel { color: red; }"\nF = "x { background: rgb(1, 2, 3); }"\nG = f"<b style=\'color:#abc\'>{x}</b>"\n'
        'H = "QLabel#deadbeef { color: palette(text); }"  # an object name and a palette role are fine\n',
        encoding="utf-8",
    )
    lines = {entry.split(":")[1] for entry in colour_literals(sample)}
    assert lines == {"1", "2", "3", "4", "5", "6", "7"}, colour_literals(sample)


# --- not by colour alone -----------------------------------------------------------------------------------


def test_withdrawn_and_completed_people_carry_a_word_in_the_register(qapp) -> None:
    from dataclasses import replace

    from test_attendance_grid import Recorder, small_register

    from tillitsleder.i18n import set_language
    from ui.attendance.register_model import RegisterModel

    base = small_register()
    people = [
        RegisterParticipant(1, "Kari", "Nordmann", "active"),
        RegisterParticipant(2, "Ola", "Berg", "withdrawn"),
        RegisterParticipant(3, "Siv", "Lund", "completed"),
    ]
    register = replace(base, participants=people)
    model = RegisterModel(register, save=Recorder())
    names = [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)]
    assert names == [people[0].name, f"{people[1].name} (withdrawn)", f"{people[2].name} (completed)"]
    grey = model.headerData(1, Qt.Orientation.Vertical, Qt.ItemDataRole.ForegroundRole)
    assert grey.color() == colours.scheme().text("inactive")  # grey as well as the word
    set_language("nb")
    model = RegisterModel(register, save=Recorder())
    assert model.headerData(1, Qt.Orientation.Vertical) == f"{people[1].name} (trukket seg)"
    assert model.headerData(2, Qt.Orientation.Vertical) == f"{people[2].name} (fullført)"


def test_every_register_fill_comes_with_its_ink(qapp) -> None:
    from test_attendance_grid import Recorder, small_register

    from ui.attendance.register_model import FIRST_SESSION, RegisterModel

    model = RegisterModel(small_register(), save=Recorder())
    model.set_cells([(1, FIRST_SESSION, 14), (1, FIRST_SESSION + 1, 14)])  # at risk: the totals cell is filled
    filled = 0
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            fill = index.data(Qt.ItemDataRole.BackgroundRole)
            if fill is not None:
                filled += 1
                ink = index.data(Qt.ItemDataRole.ForegroundRole)
                assert ink is not None and colours.contrast_ratio(ink.color(), fill.color()) >= colours.AA
    assert filled >= 5  # a status, the cancelled column, the at-risk totals


def test_completion_states_keep_their_words(qapp) -> None:
    from tillitsleder.completion.evaluation import CompletionState
    from ui.reports.completion_model import CompletionModel

    model = CompletionModel()
    rows = [SimpleNamespace(state=state, name="X", unit="", attendance_so_far=None, journal_entries=None,
                            reasons=[], signed_off_at=None, enrolment_id=i)
            for i, state in enumerate(CompletionState)]  # fmt: skip
    model.set_rows(rows)
    for number, row in enumerate(rows):
        assert model.index(number, 4).data() == row.state.label()
        ink = model.index(number, 4).data(Qt.ItemDataRole.ForegroundRole).color()
        assert colours.contrast_ratio(ink, QApplication.palette().color(QPalette.ColorRole.Base)) >= colours.AA


def test_flagged_members_on_the_board_get_an_icon_and_their_reasons(qtbot, tab) -> None:
    from test_group_board import propose

    propose(qtbot, tab)
    card = tab.cards[0]
    members = card.members
    assert all(members.item(r).icon().isNull() for r in range(members.count()))  # well mixed: none flagged
    source, target = tab.cards[0], tab.cards[1]
    mover = source.members.item(0).data(Qt.ItemDataRole.UserRole)
    assert tab.move(mover, 1)
    flagged = [target.members.item(r) for r in range(target.members.count())]
    marked = [item for item in flagged if not item.icon().isNull()]
    assert marked, "someone from the same unit is now in the group"
    for item in marked:
        assert "Same unit as" in item.toolTip()
        assert "Same unit as" in item.data(Qt.ItemDataRole.AccessibleDescriptionRole)
        assert item.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert target.score_label.property("colourRole") == "warning"
    assert tab.cards[2].score_label.property("colourRole") == "good"


def test_over_capacity_months_are_marked_and_named_alike(qtbot, demo_db_path: Path) -> None:
    from tillitsleder.facilitators import roster
    from tillitsleder.facilitators.rota import FlagKind
    from tillitsleder.storage import open_database
    from ui.facilitators.roster_tab import RosterTab

    db = open_database(demo_db_path)
    try:
        tab = RosterTab()
        qtbot.addWidget(tab)
        tab.set_database(db)
        checked = 0
        for index in range(tab.pool.count()):
            pool_id = tab.pool.itemData(index)
            for semester in (1, 2, 3):
                proposal = roster.propose_roster(db, pool_id, semester)
                tab.show_proposal(proposal)
                model = tab.loads
                marked = {
                    (model.data(model.index(r, 0)), c - 2)
                    for r in range(model.rowCount()) for c in range(2, model.columnCount()) if model.is_marked(r, c)
                }  # fmt: skip
                over = [f for f in proposal.flags if f.kind is FlagKind.OVER_CAPACITY]
                named = {(f.facilitator, proposal.months.index(f.month)) for f in over}
                assert marked == named and len(over) == len(named), (pool_id, semester)
                for plan in proposal.facilitators:
                    for i, hours in enumerate(plan.hours):
                        assert (hours > plan.capacity) == ((plan.name, i) in marked)
                for r in range(model.rowCount()):
                    for c in range(2, model.columnCount()):
                        if model.is_marked(r, c):
                            index = model.index(r, c)
                            assert index.data(Qt.ItemDataRole.DecorationRole) is not None
                            assert index.data(Qt.ItemDataRole.ToolTipRole) == "Over capacity this month."
                checked += len(marked)
        assert checked >= 7  # the demo's pools have months over capacity (seven in one semester of one pool)
    finally:
        db.close()


@pytest.fixture
def tab(qtbot, tmp_path: Path):
    """The group board on the board tests' cohort (16 people, four units)."""
    from test_group_board import board_tab, build

    from tillitsleder.storage import open_database

    path = tmp_path / "board.db"
    build(path)
    db = open_database(path)
    widget = board_tab(qtbot, db)
    yield widget
    db.close()


def test_search_marks_follow_the_palette(qtbot, palette_named) -> None:
    from ui.journal.highlight import highlight_editor, highlighted_html
    from ui.journal.reader import EntryReader

    reader = EntryReader()
    qtbot.addWidget(reader)
    reader.text.setPlainText("tillit og ansvar")
    highlight_editor(reader.text, [(0, 6)])
    selections = reader.text.extraSelections()
    light = QColor(selections[0].format.background().color())
    assert light == colours.scheme().fill("search.mark")
    palette_named("dark")
    selections = reader.text.extraSelections()
    selection = selections[0]
    fill, ink = QColor(selection.format.background().color()), QColor(selection.format.foreground().color())
    assert fill == colours.scheme().fill("search.mark") != light
    assert colours.contrast_ratio(ink, fill) >= colours.AA
    assert colours.scheme().pair("search.mark").background in highlighted_html("tillit", [(0, 3)])
