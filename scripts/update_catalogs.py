"""Extract messages, create any missing catalog, update every catalog and compile them (run after changing strings).

    python scripts/update_catalogs.py          # extract + create missing (babel init) + update + compile
    python scripts/update_catalogs.py --check  # fail if any catalog is missing or has an untranslated or fuzzy entry
    python scripts/update_catalogs.py --check --pending nn,sv  # the same, but only count nn's and sv's gaps

The languages are ``tillitsleder.i18n.LANGUAGES`` (nb, nn, sv, da, en). English is the source language: its
catalog is kept complete by copying each msgid to its msgstr. A new catalog starts as the template with every
msgstr empty, so ``--check`` lists all of it until it is translated. ``--pending`` is for CI while a catalog is
being translated on another branch, and is removed when it lands.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from tillitsleder.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
POT = I18N / "tillitsleder.pot"
DOMAIN = "tillitsleder"


def po_path(lang: str) -> Path:
    return I18N / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> None:
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract", "-F", "pyproject.toml", "--no-location",
         "--sort-output", "--project", "Tillitsleder", "--copyright-holder", "Tillitsleder developers",
         "-o", str(POT), "tillitsleder", "ui"],
        cwd=ROOT, check=True,
    )  # fmt: skip


def init(lang: str) -> None:
    """Create ``lang``'s catalog from the template (``pybabel init``): every msgstr empty, plural forms set."""
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "--quiet", "init", "-i", str(POT), "-d", str(I18N),
         "-D", DOMAIN, "-l", lang, "--width", "110"],
        cwd=ROOT, check=True,
    )  # fmt: skip


def update(lang: str) -> None:
    with POT.open("rb") as handle:
        template = read_po(handle)
    path = po_path(lang)
    if not path.exists():
        init(lang)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    if lang == "en":
        for message in catalog:
            if message.id and not message.string or (isinstance(message.string, tuple) and not all(message.string)):
                message.string = message.id if isinstance(message.id, str) else tuple(message.id)
    _fill_header(catalog, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=110, no_location=True, sort_output=True)


def _fill_header(catalog, lang: str) -> None:
    """A real header instead of the template's placeholders (which also marks it fuzzy)."""
    from tillitsleder import __version__

    catalog.fuzzy = False
    catalog.project = "Tillitsleder"
    catalog.version = __version__
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "Tillitsleder developers"
    catalog.language_team = f"Tillitsleder {lang}"
    catalog.revision_date = catalog.creation_date


def compile_catalog(lang: str) -> None:
    path = po_path(lang)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    with path.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)


def missing(lang: str) -> list[str]:
    """The entries of ``lang``'s catalog that are untranslated or fuzzy (or the whole catalog when it is missing)."""
    if not po_path(lang).exists():
        return [f"(no catalog: run scripts/update_catalogs.py to create {po_path(lang)})"]
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    gaps = ["(the header is marked fuzzy)"] if catalog.fuzzy else []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check completeness; change nothing")
    parser.add_argument(
        "--pending",
        default="",
        metavar="CODES",
        help="comma-separated languages being translated elsewhere: their gaps are counted, not failed (temporary)",
    )
    args = parser.parse_args(argv)
    pending = {code.strip() for code in args.pending.split(",") if code.strip()}
    if unknown := pending - set(LANGUAGES):
        parser.error(f"--pending: not a language of ours: {', '.join(sorted(unknown))}")
    if not args.check:
        extract()
        for lang in LANGUAGES:
            update(lang)
            compile_catalog(lang)
    problems = {lang: missing(lang) for lang in LANGUAGES}
    for lang, gaps in problems.items():
        for gap in gaps if lang not in pending else []:
            print(f"{lang}: untranslated or fuzzy: {gap!r}")
    for lang, gaps in problems.items():
        note = " (pending: not failed)" if lang in pending and gaps else ""
        print(f"{lang}: {len(gaps)} untranslated or fuzzy{note}", file=sys.stderr)
    return 1 if any(gaps for lang, gaps in problems.items() if lang not in pending) else 0


if __name__ == "__main__":
    sys.exit(main())
