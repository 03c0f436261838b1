"""``scripts/update_catalogs.py``: it creates a missing catalog from the template (empty, never English copies),
and ``--check`` fails on any untranslated or fuzzy entry in any of the five catalogs (``--pending`` only counts)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from tillitsleder.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The script working on a copy of resources/i18n."""
    spec = importlib.util.spec_from_file_location("update_catalogs", ROOT / "scripts" / "update_catalogs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    i18n = tmp_path / "i18n"
    shutil.copytree(ROOT / "resources" / "i18n", i18n)
    monkeypatch.setattr(module, "I18N", i18n)
    monkeypatch.setattr(module, "POT", i18n / "tillitsleder.pot")
    return module


def _edit(script, lang: str, change) -> None:
    path = script.po_path(lang)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    change(catalog)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=110, no_location=True)


def _fill(catalog) -> None:
    for message in catalog:
        if message.id:
            message.string = tuple("x" for _ in catalog.plural_forms) if message.pluralizable else "x"
            message.flags.discard("fuzzy")


def test_the_five_catalogs_are_the_languages_of_i18n(script) -> None:
    assert tuple(LANGUAGES) == ("nb", "nn", "sv", "da", "en")
    assert all(script.po_path(lang).exists() for lang in LANGUAGES)


def test_a_missing_catalog_is_created_from_the_template_untranslated(script) -> None:
    script.po_path("da").unlink()
    assert script.missing("da") and "no catalog" in script.missing("da")[0]
    script.update("da")
    script.compile_catalog("da")
    with script.po_path("da").open("rb") as handle:
        catalog = read_po(handle, locale="da")
    with script.POT.open("rb") as handle:
        template = read_po(handle)
    assert {m.id for m in catalog if m.id} == {m.id for m in template if m.id}
    assert all(not any(m.string if isinstance(m.string, tuple) else (m.string,)) for m in catalog if m.id)
    assert catalog.plural_forms == "nplurals=2; plural=(n != 1);"
    assert script.po_path("da").with_suffix(".mo").exists()
    assert len(script.missing("da")) == len([m for m in template if m.id])


def test_check_fails_on_an_untranslated_or_fuzzy_entry_in_any_catalog(script, capsys) -> None:
    for lang in ("nn", "sv", "da"):
        _edit(script, lang, _fill)
    assert script.main(["--check"]) == 0

    def fuzzy(catalog) -> None:
        next(m for m in catalog if m.id == "Programmes").flags.add("fuzzy")

    _edit(script, "sv", fuzzy)
    assert script.main(["--check"]) == 1
    assert "sv: untranslated or fuzzy: 'Programmes'" in capsys.readouterr().out
    assert script.main(["--check", "--pending", "sv"]) == 0  # counted, not failed

    def untranslated(catalog) -> None:
        next(m for m in catalog if m.id == "Programmes").string = ""

    _edit(script, "sv", _fill)
    _edit(script, "nn", untranslated)
    assert script.main(["--check", "--pending", "sv,da"]) == 1
    assert "nn: untranslated or fuzzy: 'Programmes'" in capsys.readouterr().out
