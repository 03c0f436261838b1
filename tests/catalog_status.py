"""Which languages' catalogs are translated yet, for tests that only mean something in a translated language.

The nn, sv and da catalogs start as the template with every msgstr empty (``scripts/update_catalogs.py`` creates
them) and are translated on their own branches. A test parametrized with ``language_params()`` runs for every
language whose catalog has no untranslated or fuzzy entry and is *skipped*, saying so and why, for the others: it
runs by itself the moment a catalog is complete, nothing needs un-skipping by hand.
"""

from __future__ import annotations

from functools import cache

import pytest
from babel.messages.pofile import read_po

from tillitsleder.i18n import DOMAIN, LANGUAGES
from tillitsleder.resources import resource_path


@cache
def catalog_gaps(language: str) -> int:
    """How many entries of ``language``'s catalog are untranslated or fuzzy (-1: there is no catalog)."""
    path = resource_path("i18n", language, "LC_MESSAGES", f"{DOMAIN}.po")
    if not path.exists():
        return -1
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    gaps = 0
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and (message.fuzzy or not all(strings)):
            gaps += 1
    return gaps


def complete_languages() -> list[str]:
    return [language for language in LANGUAGES if catalog_gaps(language) == 0]


def language_params() -> list:
    """Every language as a pytest parameter; one whose catalog is not translated yet is marked skipped."""
    params = []
    for language in LANGUAGES:
        gaps = catalog_gaps(language)
        reason = (
            f"SKIPPED UNTIL TRANSLATED: the {language} catalog has {gaps} untranslated or fuzzy entries "
            f"(branch l10n-cat-{language}); this runs by itself once the catalog is complete"
        )
        params.append(pytest.param(language, marks=pytest.mark.skipif(gaps != 0, reason=reason), id=language))
    return params
