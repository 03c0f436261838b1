"""The Reflection groups and Facilitators pages are built with the first window, before any database work: importing
and constructing them (and switching profile with no database) must load none of the database stack."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("sqlalchemy", "alembic", "reportlab", "openpyxl", "babel", "cryptography")


def test_group_and_facilitator_pages_are_built_without_the_database_stack(tmp_path: Path) -> None:
    code = f"""
import sys
from ui.app import create_application
app = create_application()
from tillitsleder.access import Actor
from ui.pages.facilitators import FacilitatorsPage
from ui.pages.groups import GroupsPage
from ui.widgets.cohort_picker import CohortSelection
selection = CohortSelection()
groups, facilitators = GroupsPage(selection), FacilitatorsPage()
for page in (groups, facilitators):
    page.show()
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        app.processEvents()
selection.set_actor(Actor.facilitator(1))
groups.retranslate()
facilitators.retranslate()
app.processEvents()
print(sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r})))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TILLITSLEDER_CONFIG_DIR=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
