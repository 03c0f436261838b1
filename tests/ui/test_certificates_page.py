"""The certificates area: the template editor's live preview and the register's actions (issue with progress and
cancel, reissue, revoke, save a copy, verify)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from certificate_data import built_copy, install_fake_completion  # noqa: E402

from tillitsleder import lookups  # noqa: E402
from tillitsleder.access import Actor  # noqa: E402
from tillitsleder.certificates.register import list_certificates  # noqa: E402
from tillitsleder.certificates.templates import get_template  # noqa: E402
from tillitsleder.model.enums import CertificateStatus  # noqa: E402
from tillitsleder.storage import open_database  # noqa: E402
from ui.pages.certificates import CertificatesPage  # noqa: E402
from ui.widgets.cohort_picker import CohortSelection  # noqa: E402

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
pdftotext = shutil.which("pdftotext")


def text_of(pdf: bytes) -> str:
    out = subprocess.run([pdftotext, "-", "-"], input=pdf, check=True, capture_output=True).stdout
    return " ".join(out.decode().split())


@pytest.fixture
def page(qtbot, tmp_path_factory, tmp_path, monkeypatch, switcher):
    ids = built_copy(tmp_path_factory, tmp_path / "cohort.sqlite3", extra=8)
    db = open_database(tmp_path / "cohort.sqlite3")
    fake = install_fake_completion(monkeypatch)
    fake.not_done = {ids["enrolments"][-1]}
    selection = CohortSelection()
    selection.set_options(lookups.cohort_options(db))
    widget = CertificatesPage(selection)
    qtbot.addWidget(widget)
    widget.resize(1180, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_database(db)
    widget.ids = ids
    yield widget
    db.close()


def shoot(qtbot, widget, name: str) -> None:
    """With TILLITSLEDER_SCREENSHOTS=1, save what the user sees (after columns fit and the PDF view painted)."""
    if os.environ.get("TILLITSLEDER_SCREENSHOTS"):
        qtbot.wait(1000)
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / name))


def test_the_preview_follows_the_template_and_explains_mistakes(qtbot, page) -> None:
    editor = page.template
    page.tabs.setCurrentWidget(editor)
    qtbot.waitUntil(lambda: editor.preview.pdf_bytes is not None, timeout=15_000)
    first = text_of(editor.preview.pdf_bytes)
    assert "Certificate" in first and "Łukasz Ćwikliński Doğan Kılıç Şahin" in first  # the first by last name
    with qtbot.waitSignal(editor.preview.rendered, timeout=15_000):
        editor.title.setText("Kursbevis <b>&</b>")
        editor.place.setText("Oslo")
    text = text_of(editor.preview.pdf_bytes)
    assert "Kursbevis <b>&</b>" in text and "Oslo," in text
    assert editor.save_button.isEnabled() and editor.revert_button.isEnabled()
    with qtbot.waitSignal(editor.preview.failed, timeout=15_000) as blocker:
        editor.body.setPlainText("has completed {programm}")
    assert "{programm} is not a placeholder" in blocker.args[0]
    assert not editor.save()
    assert "{programm} is not a placeholder" in editor.message.text()
    with qtbot.waitSignal(editor.preview.rendered, timeout=15_000):
        editor.body.setPlainText("has completed {programme} in {hours} hours.")
    assert editor.save()
    stored = get_template(page.db, page.ids["programme"], "en")
    assert stored.saved and stored.title == "Kursbevis <b>&</b>" and stored.place == "Oslo"
    assert not editor.revert_button.isEnabled()


def test_only_the_coordinator_may_save_or_issue(qtbot, page) -> None:
    assert page.register.issue_button.isEnabled() and page.template.save_button.isEnabled()
    page.selection.set_actor(Actor.participant(1))
    assert not page.register.issue_button.isEnabled()
    assert not page.template.save_button.isEnabled()


def test_issue_reissue_revoke_save_and_verify(qtbot, page, tmp_path: Path) -> None:
    register = page.register
    with qtbot.waitSignal(register.batchFinished, timeout=60_000) as blocker:
        register.issue_for_cohort()
    result = blocker.args[0]
    assert len(result.issued) == 12 and [p.name for p in result.not_eligible] == ["Deltaker7 Etternavn7"]
    assert "12 certificates issued." in register.note.text()
    qtbot.waitUntil(lambda: register.panel.model.total == 12)
    register.panel.table.selectRow(0)
    chosen = register.selected()
    assert chosen is not None and register.reissue_button.isEnabled()

    with qtbot.waitSignal(register.actionFinished, timeout=15_000) as done:
        register.reissue_selected("Name corrected")
    assert done.args == [True]
    qtbot.waitUntil(lambda: register.panel.model.total == 13)
    by_id = {c.id: c for c in list_certificates(page.db, page.selection.current, actor=page.selection.actor)}
    assert by_id[chosen.id].status is CertificateStatus.SUPERSEDED
    new = next(c for c in by_id.values() if c.supersedes_id == chosen.id)
    assert new.version == 2 and "Version 2 issued" in register.note.text()

    assert chosen.holder_name.startswith("<b>Bold</b>")  # sorts first; shown as typed, never as markup
    assert register.note.textFormat() == Qt.TextFormat.PlainText and "<b>Bold</b>" in register.note.text()
    assert register.selected().id == new.id  # the new version is selected
    with qtbot.waitSignal(register.actionFinished, timeout=15_000) as done:
        register.revoke_selected("")  # a reason is required
    assert done.args == [False]
    assert "Give a reason" in register.note.text()
    with qtbot.waitSignal(register.actionFinished, timeout=15_000) as done:
        register.revoke_selected("Issued by mistake")
    assert done.args == [True]
    qtbot.waitUntil(lambda: "revoked" in register.detail.text().lower())
    assert "Issued by mistake" in register.detail.text()

    copy = register.save_selected(tmp_path)
    assert copy is not None and copy.name.endswith(f"-v2-{new.code}.pdf")
    dialog = register.open_verify()
    qtbot.addWidget(dialog)
    assert dialog.verify_file(copy).state.value == "revoked"
    assert dialog.verify_code(chosen.code.lower()).state.value == "superseded"
    assert "Name corrected" in dialog.answer.text()  # its successor was revoked: no current code to name
    other = next(c for c in by_id.values() if c.status is CertificateStatus.VALID and c.id != new.id)
    assert dialog.verify_code(other.code).is_valid and other.holder_name in dialog.answer.text()
    register.panel.table.selectRow(1)
    shoot(qtbot, page, "certificates-register-en.png")
    shoot(qtbot, dialog, "certificates-verify-en.png")


def test_cancelling_a_batch_issues_nothing(qtbot, page) -> None:
    register = page.register
    job = register.issue_for_cohort()
    job.progressed.connect(lambda done, total: job.cancel())
    with qtbot.waitSignal(register.batchFinished, timeout=60_000) as blocker:
        pass
    assert "cancelled" in str(blocker.args[0])
    assert "no certificates were issued" in register.note.text()
    assert list_certificates(page.db, page.selection.current, actor=page.selection.actor) == []


def test_tabs_keep_their_titles_after_a_language_switch(qtbot, page, switcher) -> None:
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles[:2] == ["Register", "Template"]
    switcher.switch("nb")
    switcher.switch("en")
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == titles


def test_issue_for_one_offers_only_those_who_completed_without_one(qtbot, page) -> None:
    register = page.register
    candidates = register.eligible_without_certificate()
    assert len(candidates) == 12 and all("Deltaker7" not in name for _id, name in candidates)
    enrolment_id, name = candidates[0]
    with qtbot.waitSignal(register.actionFinished, timeout=15_000) as done:
        register.issue_one(enrolment_id)
    assert done.args == [True] and f"Certificate issued to {name}" in register.note.text()
    assert enrolment_id not in [e for e, _n in register.eligible_without_certificate()]
    assert register.panel.model.total == 1 and register.selected().enrolment_id == enrolment_id
