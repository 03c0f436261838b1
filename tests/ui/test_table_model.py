"""``SpecTableModel`` without a window: lazy pages, sorting and searching in SQL, roles, translated headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tillitsleder import i18n, lookups
from tillitsleder.lists import areas as listings
from tillitsleder.lists import tables
from tillitsleder.storage import Database, open_database
from ui.table_model import ID_ROLE, PAGE_SIZE, RAW_ROLE, SpecTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def big_db(big_db_path: Path) -> Iterator[Database]:
    db = open_database(big_db_path, create=False)
    yield db
    db.close()


@pytest.fixture
def cohort_id(big_db: Database) -> int:
    return lookups.cohort_options(big_db)[0].id


@pytest.fixture
def fetch_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every ``fetch_rows`` call the model makes, with its keyword arguments."""
    calls: list[dict] = []
    real = tables.fetch_rows

    def spy(db, spec, params=None, **kwargs):
        calls.append({"spec": spec.key, "params": dict(params or {}), **kwargs})
        return real(db, spec, params, **kwargs)

    monkeypatch.setattr(tables, "fetch_rows", spy)
    return calls


def enrolments(db: Database, cohort_id: int, **kwargs) -> SpecTableModel:
    return SpecTableModel(db, listings.ENROLMENTS, {"cohort_id": cohort_id}, **kwargs)


def column_values(model: SpecTableModel, key: str, role=DISPLAY) -> list:
    column = model.column_index(key)
    return [model.index(row, column).data(role) for row in range(model.rowCount())]


def test_rows_arrive_in_pages_as_the_view_asks(big_db, cohort_id, fetch_calls) -> None:
    model = enrolments(big_db, cohort_id)
    assert model.total == 450
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    model.fetchMore()
    assert model.rowCount() == 450
    assert not model.canFetchMore()
    assert [call["offset"] for call in fetch_calls] == [0, 200, 400]
    assert all(call["limit"] == PAGE_SIZE for call in fetch_calls)


def test_the_model_passes_qts_model_checks(big_db, cohort_id, qtmodeltester) -> None:
    model = enrolments(big_db, cohort_id)
    qtmodeltester.check(model, force_py=True)


def test_sorting_asks_the_database(big_db, cohort_id, fetch_calls) -> None:
    model = enrolments(big_db, cohort_id)
    fetch_calls.clear()
    model.sort(model.column_index("first_name"), Qt.SortOrder.DescendingOrder)
    assert fetch_calls == [
        {
            "spec": "enrolments",
            "params": {"cohort_id": cohort_id},
            "search": "",
            "sort": "first_name",
            "descending": True,
            "offset": 0,
            "limit": PAGE_SIZE,
        }
    ]
    expected = tables.fetch_rows(big_db, listings.ENROLMENTS, {"cohort_id": cohort_id}, sort="first_name",
                                 descending=True, limit=PAGE_SIZE)  # fmt: skip
    assert column_values(model, "first_name", RAW_ROLE) == [row[1] for row in expected]
    assert model.sort_order == Qt.SortOrder.DescendingOrder
    # Sorting again the same way does not query again.
    queries = len(fetch_calls)
    model.sort(model.column_index("first_name"), Qt.SortOrder.DescendingOrder)
    assert len(fetch_calls) == queries


def test_search_filters_in_sql_and_keeps_the_sort(big_db, cohort_id, fetch_calls) -> None:
    model = enrolments(big_db, cohort_id)
    model.sort(model.column_index("last_name"), Qt.SortOrder.DescendingOrder)
    totals: list[int] = []
    model.totalChanged.connect(totals.append)
    model.set_search("  Sámi ")
    expected = tables.count_rows(big_db, listings.ENROLMENTS, {"cohort_id": cohort_id}, "Sámi")
    assert 0 < expected < 450
    assert model.total == model.rowCount() == expected
    assert totals == [expected]
    assert fetch_calls[-1]["search"] == "Sámi"
    assert fetch_calls[-1]["sort"] == "last_name"
    assert set(column_values(model, "first_name")) == {"Sámi"}
    model.set_search("no such person")
    assert model.total == model.rowCount() == 0
    assert not model.canFetchMore()


def test_params_switch_the_list(big_db, cohort_id, demo_template) -> None:
    model = enrolments(big_db, cohort_id)
    model.set_params(cohort_id=cohort_id + 999)
    assert model.total == model.rowCount() == 0
    model.set_params(cohort_id=cohort_id)
    assert model.total == 450


def test_roles_give_text_alignment_id_and_raw_value(big_db, cohort_id) -> None:
    model = enrolments(big_db, cohort_id)
    attendance = model.column_index("attendance")
    last_name = model.column_index("last_name")
    row = tables.fetch_rows(big_db, listings.ENROLMENTS, {"cohort_id": cohort_id}, limit=1)[0]
    assert model.index(0, last_name).data(ID_ROLE) == row[-1] == model.row_id(0)
    assert model.index(0, attendance).data(RAW_ROLE) == row[attendance]
    assert model.index(0, attendance).data(DISPLAY) == tables.format_cell(listings.ENROLMENTS.columns[attendance],
                                                                         row[attendance])  # fmt: skip
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert model.index(0, attendance).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(0, last_name).data(Qt.ItemDataRole.TextAlignmentRole) != right
    assert model.headerData(attendance, Qt.Orientation.Vertical) is None


def test_headers_and_cells_follow_a_language_switch(big_db, cohort_id, qtbot) -> None:
    model = enrolments(big_db, cohort_id)
    last_name = model.column_index("last_name")
    since = model.column_index("since")
    assert model.headerData(last_name, Qt.Orientation.Horizontal) == "Last name"
    english_date = model.index(0, since).data(DISPLAY)
    i18n.set_language("nb")
    with qtbot.waitSignal(model.headerDataChanged), qtbot.waitSignal(model.dataChanged):
        model.retranslate()
    assert model.headerData(last_name, Qt.Orientation.Horizontal) == i18n._("Last name") == "Etternavn"
    norwegian_date = model.index(0, since).data(DISPLAY)
    assert norwegian_date == i18n.format_date(model.index(0, since).data(RAW_ROLE))
    assert norwegian_date != english_date


def test_a_missing_database_reports_instead_of_raising(tmp_path, qtbot) -> None:
    db = open_database(tmp_path / "gone.sqlite3")
    model = SpecTableModel(db, listings.PROGRAMMES)
    assert model.total == 0
    db.close()
    (tmp_path / "gone.sqlite3").unlink()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"gone.sqlite3{suffix}").unlink(missing_ok=True)
    (tmp_path / "gone.sqlite3").mkdir()  # now a folder: SQLite cannot open it
    with qtbot.waitSignal(model.loadFailed) as blocker:
        model.refresh()
    assert blocker.args[0]
    assert model.rowCount() == 0
