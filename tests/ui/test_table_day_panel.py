"""The table-day panel: seat a cohort, save it, and save the table lists as a PDF that names everyone."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from roster_testdata import world_template  # noqa: E402

from tillitsleder.storage import open_database  # noqa: E402
from tillitsleder.table_day import plans as td  # noqa: E402
from ui.table_day.panel import TableDayPanel  # noqa: E402


@pytest.fixture(scope="session")
def _template(tmp_path_factory):
    return world_template(tmp_path_factory)


def test_seat_save_and_pdf(qtbot, _template, tmp_path) -> None:
    path = tmp_path / "world.sqlite3"
    shutil.copyfile(_template[0], path)
    db = open_database(path)
    try:
        panel = TableDayPanel()
        qtbot.addWidget(panel)
        panel.set_database(db, _template[1].cohort_id)
        assert not panel.pdf.isEnabled()
        panel.name.setText("Chefsdagen")
        panel.size.setValue(6)
        panel.table_names.setPlainText("Eldkvarn\nStrykjärnet\n")
        panel.propose.click()  # seated off the GUI thread
        qtbot.waitUntil(lambda: panel.model.rowCount() == 7, timeout=20_000)
        assert panel.model.data(panel.model.index(0, 0)) == "Eldkvarn"
        assert "40 people" in panel.summary.text() and "0 pairs" in panel.summary.text()
        panel.save.click()
        qtbot.waitUntil(lambda: "Saved." in panel.summary.text(), timeout=20_000)
        assert [o.label for o in td.table_day_options(db)] == ["Chefsdagen"]
        target = tmp_path / "lists.pdf"
        with qtbot.waitSignal(panel.save_pdf(str(target)).succeeded, timeout=20_000):
            pass
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, check=True, text=True).stdout
        assert all(m.name in text for t in panel.view.tables for m in t.members)
    finally:
        db.close()


def test_the_panel_limit_matches_the_service() -> None:
    from tillitsleder.table_day.plans import MAX_TABLE_SIZE as service_limit
    from ui.table_day.panel import MAX_TABLE_SIZE

    assert MAX_TABLE_SIZE == service_limit
