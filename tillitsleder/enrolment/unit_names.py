"""Unit names as HR lists write them: one folded key per name, and the registered units closest to a name.

``unit_key`` folds case, spacing, punctuation and diacritics (as ``participant_list.columns.fold``) and, word by
word, the abbreviations HR systems use ("avd." → avdeling, "sykehj." → sykehjem, "bhg" → barnehage …), so
"Bekkelaget Sykehj." and "bekkelaget sykehjem" have the same key. ``closest`` ranks registered units by how
alike their keys are (``difflib``), for the import's "map to an existing unit" suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ß": "ss", "đ": "d", "ŧ": "t", "ŋ": "n"})

# Abbreviation (folded, without its full stop) → the word it stands for. Norwegian and Swedish HR usage.
ABBREVIATIONS: dict[str, str] = {
    "adm": "administrasjon",
    "avd": "avdeling",
    "avdl": "avdeling",
    "barnehg": "barnehage",
    "bhg": "barnehage",
    "bofell": "bofellesskap",
    "enh": "enhet",
    "forv": "forvaltning",
    "hj": "hjemme",
    "hjtj": "hjemmetjenesten",
    "hjemmetj": "hjemmetjenesten",
    "helsest": "helsestasjon",
    "komm": "kommune",
    "omr": "omrade",
    "sekt": "sektor",
    "shj": "sykehjem",
    "sykehj": "sykehjem",
    "sjukeh": "sjukeheim",
    "skl": "skole",
    "sk": "skole",
    "tj": "tjeneste",
    "tjen": "tjeneste",
    "ungd": "ungdom",
}
SUGGESTIONS, CUT_OFF = 3, 0.6


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD).replace("&", " og "))
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_FOLD)
    return [word for word in re.split(r"[^0-9a-z]+", text) if word]


def unit_key(name: str) -> str:
    """The folded form of a unit name: the same for spelling variants that differ only in form."""
    return "".join(ABBREVIATIONS.get(word, word) for word in _words(name))


def likeness(key: str, other: str) -> float:
    """0 … 1: how alike two keys are; a key that contains the other whole counts as close."""
    if not key or not other:
        return 0.0
    if key == other:
        return 1.0
    ratio = SequenceMatcher(None, key, other, autojunk=False).ratio()
    if key in other or other in key:
        ratio = max(ratio, 0.8)
    return ratio


def closest(name: str, units: Iterable[tuple[int, str]], limit: int = SUGGESTIONS) -> list[tuple[int, float]]:
    """The registered units (id, name) most like ``name``, best first, each with its likeness; at most ``limit``."""
    key = unit_key(name)
    scored = [(unit_id, likeness(key, unit_key(unit_name))) for unit_id, unit_name in units]
    scored = [item for item in scored if item[1] >= CUT_OFF]
    scored.sort(key=lambda item: -item[1])
    return scored[:limit]
