"""Find files under ``resources/`` wherever the app runs from.

Three layouts are supported, tried in this order:

* a frozen PyInstaller bundle: ``<sys._MEIPASS>/resources``;
* an installed wheel: ``tillitsleder/resources`` (the wheel maps the top-level folder there);
* a source checkout: ``<checkout>/resources`` next to the ``tillitsleder`` package.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    """The folder holding ``i18n/``, ``fonts/`` and ``icons/``; raises if none of the layouts has it."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates += [_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"]
    for candidate in candidates:
        if (candidate / "i18n").is_dir():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"Tillitsleder resources not found (searched {searched})")


def resource_path(*parts: str) -> Path:
    """Path of one resource, e.g. ``resource_path("icons", "tillitsleder.svg")``."""
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    """The Alembic script folder. It lives inside the core package in every layout (a frozen bundle puts
    it at the same place relative to the package's ``__file__``)."""
    return _PACKAGE_DIR / "storage" / "migrations"
