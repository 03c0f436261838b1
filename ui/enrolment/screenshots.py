"""Screenshots of the enrolment area and the import wizard on a fresh demo database, for review and docs.

    QT_QPA_PLATFORM=offscreen python -m ui.enrolment.screenshots docs/screenshots [--lang nb]

Writes ``enrolment-page``, ``enrolment-status``, ``enrolment-enrol``, ``import-file``, ``import-mapping`` and
``import-preview`` (``-<lang>.png``). The participant list imported is invented: a Windows-1252 CSV with
semicolons (UTF-8 with BOM, as Excel saves it), one heading the app does not know and three rows with problems.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize, QTimer
from PySide6.QtWidgets import QApplication

FIRST = ("Ingrid", "Máret", "Jonas", "Sigrid", "Ahmed", "Åsa", "Ole", "Kristine", "Nils", "Łucja", "Eirik", "Sunniva")
LAST = ("Haugen", "Sara", "Bakke", "Nilsen", "Rahimi", "Lindqvist", "Ødegård", "Strand", "Gaup", "Nowak", "Moe", "Dahl")


def sample_list(folder: Path, units: list[str]) -> Path:
    rows = [["Fornavn", "Etternavn", "E-post", "Enhet", "Tittel hos oss", "Ansattnummer", "Merknad"]]
    for i in range(24):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 5) % len(LAST)]
        mail = f"{first}.{last}{i}@bydel-nordstrand.oslo.kommune.no".lower().translate(str.maketrans("åøæáł", "aoeal"))
        rows.append(
            [first, last, mail, units[i % len(units)], "Enhetsleder" if i % 3 else "Fagleder", f"{70100 + i}", ""]
        )
    rows.append(["", "Berg", "berg@bydel-nordstrand.oslo.kommune.no", units[0], "Teamleder", "70200", ""])
    rows.append(["Per", "Holm", "per.holm@", units[1], "Fagleder", "70201", ""])
    rows.append(
        ["Liv", "Aas", "liv.aas@bydel-nordstrand.oslo.kommune.no", "Nordstrand bad", "Enhetsleder", "70202", ""]
    )
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path = folder / "deltakere-kull-2.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


def _settle(app: QApplication, ms: int = 200) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def _until(app: QApplication, condition, limit_ms: int = 10_000) -> None:
    waited = 0
    while not condition() and waited < limit_ms:
        _settle(app, 50)
        waited += 50


def take(output: Path, language: str) -> list[Path]:
    os.environ.setdefault("TILLITSLEDER_CONFIG_DIR", tempfile.mkdtemp(prefix="tillitsleder-shots-config-"))
    from tillitsleder.services.enrolment import unit_options
    from ui.app import create_application
    from ui.database_actions import create_demo
    from ui.main_window import MainWindow
    from ui.translator import LanguageSwitcher

    app = create_application()
    switcher = LanguageSwitcher(app)
    switcher.install(language)
    window = MainWindow(switcher)
    window.resize(QSize(1280, 800))
    window.show()
    window._adopt(create_demo(Path(tempfile.mkdtemp(prefix="tillitsleder-shots-"))))
    window.nav.setCurrentRow(1)
    page = window.current_page()
    _settle(app, 400)
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget, name: str) -> None:
        path = output / f"{name}-{language}.png"
        widget.grab().save(str(path))
        written.append(path)

    save(window, "enrolment-page")
    page.enrolments.table.selectRow(3)
    page.change_status()
    _settle(app)
    save(page.dialog, "enrolment-status")
    page.dialog.reject()
    page.enrol()
    _settle(app)
    save(page.dialog, "enrolment-enrol")
    page.dialog.reject()

    units = [u.name for u in unit_options(window.db, page.selection.current)]
    path = sample_list(Path(tempfile.mkdtemp(prefix="tillitsleder-shots-list-")), units)
    page.import_participants()
    wizard = page.dialog
    wizard.file_page.path.setText(str(path))
    _settle(app)
    save(wizard, "import-file")
    wizard.next()
    _until(app, lambda: wizard.currentPage() is wizard.mapping_page)
    _settle(app)
    save(wizard, "import-mapping")
    combos = wizard.mapping_page.combos
    combos[4].setCurrentIndex(combos[4].findData("position"))
    wizard.next()
    _until(app, lambda: wizard.currentPage() is wizard.preview_page)
    wizard.preview_page.attention_only.setChecked(False)
    wizard.preview_page.view.scrollToBottom()
    _settle(app)
    save(wizard, "import-preview")
    wizard.reject()
    window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--lang", default="nb")
    args = parser.parse_args(argv)
    for path in take(args.output, args.lang):
        print(path, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
