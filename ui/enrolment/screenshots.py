"""Screenshots of the enrolment area and the import wizard on a fresh demo database, for review and docs.

    QT_QPA_PLATFORM=offscreen python -m ui.enrolment.screenshots docs/screenshots [--lang nb]

Writes ``enrolment-page``, ``enrolment-status``, ``enrolment-enrol``, ``import-file``, ``import-mapping``,
``import-units`` and ``import-preview`` (``-<lang>.png``). The participant list imported is invented: a CSV with
semicolons (UTF-8 with BOM, as Excel saves it), one heading the app does not know, two rows with problems and
one in a unit the demo has not registered (left empty in the units step).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
from pathlib import Path

from ui.screenshot_support import demo_window, settle, until

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


def take(output: Path, language: str) -> list[Path]:
    from tillitsleder.enrolment.cohorts import unit_options

    app, _switcher, window = demo_window(language)
    window.nav.setCurrentRow(1)
    page = window.current_page()
    settle(app, 400)
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget, name: str) -> None:
        path = output / f"{name}-{language}.png"
        widget.grab().save(str(path))
        written.append(path)

    save(window, "enrolment-page")
    page.enrolments.table.selectRow(3)
    page.change_status()
    settle(app)
    save(page.dialog, "enrolment-status")
    page.dialog.reject()
    page.enrol()
    settle(app)
    save(page.dialog, "enrolment-enrol")
    page.dialog.reject()

    units = [u.name for u in unit_options(window.db, page.selection.current)]
    path = sample_list(Path(tempfile.mkdtemp(prefix="tillitsleder-shots-list-")), units)
    page.import_participants()
    wizard = page.dialog
    wizard.file_page.path.setText(str(path))
    settle(app)
    save(wizard, "import-file")
    wizard.next()
    until(app, lambda: wizard.currentPage() is wizard.mapping_page)
    settle(app)
    save(wizard, "import-mapping")
    combos = wizard.mapping_page.combos
    combos[4].setCurrentIndex(combos[4].findData("position"))
    wizard.next()
    until(app, lambda: wizard.currentPage() is wizard.units_page)
    settle(app)
    save(wizard, "import-units")
    for row in wizard.units_page.rows:
        row.action.setCurrentIndex(row.action.findData("empty"))
    wizard.next()
    until(app, lambda: wizard.currentPage() is wizard.preview_page)
    wizard.preview_page.attention_only.setChecked(False)
    wizard.preview_page.view.scrollToBottom()
    settle(app)
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
