"""Test helper run as a subprocess by ``test_journal_autosave_kill.py``: the real app, typing steadily.

    python tests/ui/journal_typing_app.py DB PERSON_ID PASSPHRASE

Opens ``DB`` in the main window (offscreen), unlocks the participant ``PERSON_ID`` through the profile controller,
opens a new free-writing entry in the Journal area and types ``typing_text()`` into the editor as key events, one
key every ``INTERVAL_MS``. After each key it prints ``<keys typed> <time.monotonic()>`` (flushed), so the test knows
what had been typed when it killed the process. It never ends by itself before the text runs out.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

INTERVAL_MS = 25  # 40 keys a second: a fast typist


def typing_text() -> str:
    words = ["tillit", "kontroll", "refleksjon", "blåbær", "Sámi", "ærlig", "øvelse"]
    return " ".join(f"{words[i % len(words)]}{i:03d}" for i in range(400))


def main(db_path: str, person_id: int, passphrase: str) -> int:
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from tillitsleder import profiles
    from tillitsleder.model.enums import Role
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.translator import LanguageSwitcher

    app = create_application()
    switcher = LanguageSwitcher(app)
    switcher.install("en")
    window = MainWindow(switcher, interactive=False)
    window.resize(1200, 800)
    window.show()
    text = typing_text()
    state = {"typed": 0}

    def type_one() -> None:
        page = window.current_page()
        editor = page.workspace.writing.editor
        if state["typed"] >= len(text):
            timer.stop()
            return
        char = text[state["typed"]]
        key = Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):  # QTest.keyClicks is ASCII-only
            QApplication.sendEvent(editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
        state["typed"] += 1
        print(f"{state['typed']} {time.monotonic():.4f}", flush=True)

    timer = QTimer()
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(type_one)

    def opened(_opened: object) -> None:
        db = window.db
        info = profiles.profile_for(db, person_id, Role.PARTICIPANT)
        window.profiles.adopt(profiles.unlock(db, info.id, passphrase))
        window.nav.setCurrentRow(window.row_of("JournalPage"))
        workspace = window.current_page().workspace
        workspace.new_entry("free")
        print("READY", flush=True)
        timer.start()

    window.databaseOpened.connect(opened)
    QTimer.singleShot(0, lambda: window.open_database_path(Path(db_path)))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
