"""Screenshots of the journal and profiles on a fresh demo database, for review and docs.

    QT_QPA_PLATFORM=offscreen python -m ui.journal.screenshots docs/screenshots [--lang en]

Writes ``journal-unlock``, ``journal-writing``, ``journal-overview``, ``journal-search``, ``journal-commitments``,
``journal-recovery-key``
and ``journal-coach`` (``-<lang>.png``), and exports the participant's journal to PDF through the app and renders
its first page with ``pdftoppm`` (``journal-pdf-page-<lang>.png``). Settings go to a temporary folder.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tillitsleder import clock
from ui.screenshot_support import demo_window, settle, until

SETTLE_MS = 250
DRAFT = (
    "Hvordan har vi det nå?\n"
    "Roligere enn i vår. Vi har sluttet å rapportere det samme tallet tre ganger.\n\n"
    "Hva tok jeg med meg?\n"
    "Tillit er ikke fravær av kontroll, men kontroll som gir mening. Máret sa det enklest: "
    "«Spør de som gjør jobben hva de trenger for å gjøre den godt.»\n\n"
    "Hva gjør jeg nå?\n"
    "Neste personalmøte starter med fem minutter egen refleksjon, skriftlig, før vi snakker."
)


def _busiest(db, infos, rows):
    """Of the demo profiles ``infos``, the one for whom ``rows(db, unlocked)`` gives the most."""
    from tillitsleder import profiles
    from tillitsleder.demo.journal import DEMO_PASSPHRASE

    def count(info) -> int:
        me = profiles.unlock(db, info.id, DEMO_PASSPHRASE)
        try:
            return len(rows(db, me))
        finally:
            me.lock()

    return max(infos, key=count)


def take(output: Path, language: str) -> list[Path]:
    from tillitsleder import profiles
    from tillitsleder.demo.journal import DEMO_PASSPHRASE
    from tillitsleder.enums import PromptTemplate, Role
    from tillitsleder.journal import entries as journal
    from tillitsleder.journal import shared_with_me as journal_shared
    from ui.journal.export import export_to
    from ui.profiles.recovery_dialog import RecoveryKeyDialog

    app, _switcher, window = demo_window(language)
    settle(app, SETTLE_MS)
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget, name: str) -> None:
        path = output / f"journal-{name}-{language}.png"
        widget.grab().save(str(path))
        written.append(path)

    db = window.db
    info = _busiest(db, profiles.list_profiles(db, role=Role.PARTICIPANT), journal.list_entries)
    window.profiles.unlock_profile(info)
    dialog = window.profiles.dialog
    settle(app, SETTLE_MS)
    dialog.field.setText("feil passord")
    dialog._try_unlock()
    until(app, dialog.error_label.isVisible, 2000)
    save(dialog, "unlock")
    dialog.field.setText(DEMO_PASSPHRASE)
    dialog._try_unlock()
    until(
        app, lambda: window.profiles.current is not None and window.profiles.current.info.role is Role.PARTICIPANT, 2000
    )
    page = window.page_of("JournalPage")
    window.nav.setCurrentRow(window.row_of("JournalPage"))
    until(app, lambda: page.workspace is not None and not page.workspace.busy)
    workspace = page.workspace
    workspace.new_entry(PromptTemplate.THREE_STEP.value)
    workspace.writing.editor.setPlainText(DRAFT)
    workspace.writing._apply_line_height()
    workspace.writing.tags_edit.setText("tillit, personalmøte")
    if workspace.writing.link_combo.count() > 1:
        workspace.writing.link_combo.setCurrentIndex(1)
    settle(app, 1500)
    save(window, "writing")
    workspace.writing.save_entry()
    until(app, lambda: not workspace.busy)
    save(window, "overview")
    workspace.search_field.setText("tillit")
    workspace.apply_search()
    until(app, lambda: not workspace.busy)
    save(window, "search")
    from datetime import timedelta

    from tillitsleder.journal import commitments

    today = clock.today()
    for text, made, due, status in (
        ("Ukentlige en-til-en-samtaler med de tre teamlederne", 60, 30, "on_track"),
        ("Prøve «forandre, fastholde, skrote» på rapporteringen i min enhet", 20, 70, "open"),
    ):
        commitments.add_commitment(
            db,
            workspace.backend.me,
            commitments.CommitmentDraft(
                text, today - timedelta(days=made), today + timedelta(days=due), commitments.CommitmentStatus(status)
            ),
        )
    workspace.reload()
    until(app, lambda: not workspace.busy)
    workspace.tabs.setCurrentIndex(1)
    settle(app, SETTLE_MS)
    save(window, "commitments")
    workspace.tabs.setCurrentIndex(0)

    pdf = Path(tempfile.mkdtemp(prefix="tillitsleder-shots-pdf-")) / "journal.pdf"
    job = export_to(workspace, workspace.backend, "pdf", pdf)
    until(app, lambda: not job.running)
    if pdf.exists() and shutil.which("pdftoppm"):
        stem = output / f"journal-pdf-page-{language}"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)])
        written.append(stem.with_suffix(".png"))

    recovery = RecoveryKeyDialog(info.name, "7KQ2M-XH4PA-9RT3V-WD8NE-C5JYF-2GB6S-MZ7QH-4TKAR", window)
    recovery.show()
    settle(app, SETTLE_MS)
    save(recovery, "recovery-key")
    recovery.confirm.setChecked(True)
    recovery.accept()

    coach = _busiest(db, profiles.list_profiles(db, role=Role.FACILITATOR), journal_shared.shared_with_me)
    window.profiles.adopt(profiles.unlock(db, coach.id, DEMO_PASSPHRASE))
    settle(app, SETTLE_MS)
    save(window, "coach")
    window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)
    for path in take(args.output, args.lang):
        print(path, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
