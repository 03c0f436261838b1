"""Moving a database between engines: ``copy_database`` (SQLite file ⇄ PostgreSQL URL, file → file, URL → URL) and
``compare_databases`` (row counts, content hashes and binary values of every table, on both sides).

See ``transfer`` for how a copy stays all-or-nothing, ``digest`` for the engine-independent content hash, ``ends``
for what is refused before anything is written, and ``engine_specific`` for the few differences between engines.
"""

from __future__ import annotations

from tillitsleder.storage.copy.digest import TableComparison, TableDigest
from tillitsleder.storage.copy.ends import SameDatabase, SchemaMismatch, TargetNotEmpty
from tillitsleder.storage.copy.transfer import CopyDiffers, CopyReport, compare_databases, copy_database

__all__ = [
    "CopyDiffers",
    "CopyReport",
    "SameDatabase",
    "SchemaMismatch",
    "TableComparison",
    "TableDigest",
    "TargetNotEmpty",
    "compare_databases",
    "copy_database",
]
