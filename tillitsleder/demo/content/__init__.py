"""The demo's texts, one module per language with the same names: ``nb`` (Oslo kommune – Bydel Nordstrand),
``nn`` (a Nynorsk municipality in Western Norway), ``sv`` (Norrköpings kommun) and ``da`` (a Danish municipality).

Each module gives the municipality (name, ``COUNTRY`` for the days off, ``TIMEZONE``, e-mail domain), its
departments and units with leader and staff positions, names, venues, the curriculum and schedule, attendance
labels, facilitator pools, reflection-group scripts, journal prose, commitments, the reasons in the status history
and, where the municipality holds one, a table day (``TABLE_DAY``). The schedule, modules, pools and scripts have
the same structure in every language (the builder relies on their positions); only the words differ.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from tillitsleder.i18n import LANGUAGES

# The languages (of i18n's one list) that have a content module here.
DEMO_LANGUAGES = tuple(code for code in LANGUAGES if (Path(__file__).with_name(f"{code}.py")).exists())
FALLBACK = "nb"  # English and any other language get the Bokmål demo


def demo_language(language: str | None) -> str:
    """The demo built for an interface language: its own where there is one, else Bokmål."""
    base = (language or "").replace("-", "_").split("_")[0].lower()
    return base if base in DEMO_LANGUAGES else FALLBACK


def content_for(language: str | None) -> ModuleType:
    """The content module of the demo in ``language`` (``demo_language`` decides which)."""
    return importlib.import_module(f"{__name__}.{demo_language(language)}")


@dataclass(frozen=True)
class TableDayPlan:
    """A table day in a demo: everyone with a leader level comes (managers are added until ``managers`` are
    seated, ``seats`` at each table, and one more per table leads it), held on the first working day ``days_ahead``
    days after the build day."""

    name: str  # formatted with {year}
    managers: int
    seats: int
    tables: tuple[str, ...]
    days_ahead: int = 21
