"""The shared PDF layout: embedded fonts render every letter users type, user text is never markup, pages count."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.platypus import PageBreak

from tillitsleder.i18n import set_language
from tillitsleder.pdf.layout import build_document, data_table, para, styles

NAMES = "Áilu Čeavča Đuođa Ŋŋ Šáhte Ŧŧ Žž · Łukasz Ćwik Doğan Kılıç Şahin · Ærlig Øvre Ålund Åsa Östlund Äng Ü"
pdftotext = shutil.which("pdftotext")


def _text(path: Path) -> str:
    return subprocess.run([pdftotext, "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(pdftotext is None, reason="needs poppler-utils")
def test_names_and_hostile_text_come_back_exactly(tmp_path: Path) -> None:
    set_language("en")
    s = styles()
    hostile = '<b>bold?</b> <img src="http://x"/> Fish & chips 0.1 <A <0.9'
    target = tmp_path / "out.pdf"
    build_document(
        str(target),
        [para(NAMES, s.body), para(hostile, s.body), PageBreak(), para("2", s.body)],
        title="t",
        header="Header",
        footer="Footer",
    )
    text = " ".join(_text(target).split())  # lines wrap where the page ends
    assert NAMES in text
    assert hostile in text
    assert "Page 1 of 2" in text and "Page 2 of 2" in text
    assert b"FontFile2" in target.read_bytes()  # TrueType embedded


@pytest.mark.skipif(pdftotext is None, reason="needs poppler-utils")
def test_table_header_repeats_on_every_page(tmp_path: Path) -> None:
    set_language("nb")
    rows = [[f"Deltaker {n}", str(n)] for n in range(200)]
    target = tmp_path / "table.pdf"
    build_document(str(target), [data_table(["Navn", "Nummer"], rows)], title="t")
    pages = _text(target).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 3
    assert all("Navn" in page for page in pages)
    assert f"Side 1 av {len(pages)}" in pages[0]
