"""One app, two engines: SQLite-only code stays in ``tillitsleder/storage/``, and every core test module that touches a
database runs on both SQLite and PostgreSQL unless it is listed below with the reason it is about the SQLite file.

A core test runs on both engines when it takes ``db``, ``db_target``, ``demo_db``, ``demo_target``,
``database_copy`` or ``engine_name`` (tests/core/conftest.py parametrizes them). A module is *about the file* when
it takes ``db_path``, ``file_db``, ``file_demo_db``, ``file_world``, ``demo_template`` or ``demo_for_day``, or
names ``sqlite3`` or a ``.sqlite3`` file; such a module must be in ``SQLITE_ONLY`` (even when its other tests run
on both engines), and a module in ``SQLITE_ONLY`` that no longer is about the file must leave it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE_TESTS = ROOT / "tests" / "core"
PACKAGE = ROOT / "tillitsleder"
STORAGE = PACKAGE / "storage"

BOTH_ENGINES = {"db", "db_target", "demo_db", "demo_target", "database_copy", "engine_name"}
FILE_FIXTURES = {"db_path", "file_db", "file_demo_db", "file_world", "demo_template", "demo_for_day"}
FILE_WORDS = re.compile(r"\bsqlite3\b|\.sqlite3\b")

# Module → why (some of) its tests are about the SQLite file and run on SQLite only. "Also both" means the
# module's other tests run on both engines.
SQLITE_ONLY: dict[str, str] = {
    "test_backups": "backups beside the file, their thinning, permissions, kill-safety; also both (exports)",
    "test_bad_paths": "unreadable, locked and foreign files and folders given as --db; also both (error texts)",
    "test_cli": "`demo --db FILE` and `check` of a file (check is file-only; on a server see test_server_targets)",
    "test_commitment_migration": "migration 0008 seals plaintext left in an old file's bytes",
    "test_copy": "copies between a SQLite file and the test's engine, both ways; also both (every direction)",
    "test_copy_cli": "`copy --from FILE --to` the test's engine and back through the CLI; also both",
    "test_copy_scale": "a large demo file copied to the test's engine and back, memory measured (slow); also both",
    "test_concurrent_writers": "several processes writing one file: WAL and BEGIN IMMEDIATE",
    "test_core_is_qt_free": "a subprocess opens a file to load the whole storage stack without Qt",
    "test_core_state_machine": "random work with backups and restores of the file (slow)",
    "test_demo": "the demo's files: an existing file refused, none left behind; also both (the demo per language)",
    "test_demo_build_day": "each day's demo file read with sqlite3 (the same builder fills a server: see test_demo)",
    "test_demo_languages": "the interface language choosing a demo file; also both (each language's demo via the CLI)",
    "test_engine_urls": "paths named like URLs stay files; also both (what an open database shows of itself)",
    "test_erasure": "the erased name's bytes in the file and its WAL, the sidecar log beside it; also both",
    "test_first_screen": "the start-up snapshot read from the file with sqlite3 (the fast path is SQLite-only)",
    "test_journal_damage": "a byte flipped in the file, entries restored from backup files; also both",
    "test_journal_encryption": "a canary in no file, WAL, backup or temporary file; also both (tampering)",
    "test_journal_migration": "migration 0007 overwrites plaintext in an old file's bytes",
    "test_languages": "the CLI's languages shown on `check` of a missing file (no database opened)",
    "test_locations": "where the database file goes by default (the local, never roaming, data folder)",
    "test_profiles_cli": "the coordinator passphrase around `check` and `passphrase` on a file",
    "test_restore": "restoring the file from .sqlite3 backups",
    "test_server_logins": "`server init` refusing a .sqlite3 file given as --db; the rest needs the server",
    "test_storage": "pragmas, header, WAL, damage and migration of the file, online backup; also both",
    "test_units_import_cli": "the import's backup beside the file; also both",
}


def _fixtures_used(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.update(arg.arg for arg in node.args.args + node.args.kwonlyargs)
    return names


def _modules() -> dict[str, tuple[bool, bool]]:
    """Each core test module → (runs on both engines, is about the SQLite file)."""
    found = {}
    for path in sorted(CORE_TESTS.glob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        used = _fixtures_used(ast.parse(source))
        found[path.stem] = (bool(used & BOTH_ENGINES), bool(used & FILE_FIXTURES) or bool(FILE_WORDS.search(source)))
    return found


def test_every_core_module_about_the_file_is_listed_with_its_reason() -> None:
    modules = _modules()
    unlisted = sorted(name for name, (_both, file) in modules.items() if file and name not in SQLITE_ONLY)
    assert not unlisted, f"about the SQLite file but not in SQLITE_ONLY (say why, or use db_target): {unlisted}"
    stale = sorted(name for name in SQLITE_ONLY if name not in modules or not modules[name][1])
    assert not stale, f"in SQLITE_ONLY but no longer about the file (remove them): {stale}"
    assert all(len(reason) > 20 for reason in SQLITE_ONLY.values())


def test_a_module_said_to_run_on_both_engines_does() -> None:
    modules = _modules()
    wrong = sorted(
        name for name, reason in SQLITE_ONLY.items() if "also both" in reason and not modules.get(name, (0, 0))[0]
    )
    assert not wrong, f"said to run on both engines too, but takes none of {sorted(BOTH_ENGINES)}: {wrong}"


def _package_sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        if STORAGE not in path.parents:
            yield path, path.read_text(encoding="utf-8")


def test_sqlite3_is_imported_only_in_storage() -> None:
    offenders = []
    for path, source in _package_sources():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import) and any(alias.name == "sqlite3" for alias in node.names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif isinstance(node, ast.ImportFrom) and node.module == "sqlite3":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"import sqlite3 outside tillitsleder/storage/: {offenders}"


def test_no_pragma_outside_storage() -> None:
    """PRAGMA statements are SQLite's: storage runs them (as no-ops or equivalents on a server). The generated
    start-up SQL (first_screen/compiled.py) holds none either."""
    offenders = []
    for path, source in _package_sources():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "PRAGMA" in node.value.upper():
                if not _is_docstring_text(node.value):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"PRAGMA outside tillitsleder/storage/: {offenders}"


def _is_docstring_text(value: str) -> bool:
    """Prose that names a pragma (a docstring), not a statement: statements start with the keyword."""
    return not value.lstrip().upper().startswith("PRAGMA")


def test_the_start_up_fast_path_is_never_taken_for_a_server() -> None:
    from tillitsleder import clock
    from tillitsleder.first_screen.reader import read_first_screen

    for url in ("postgresql://someone@/tillitsleder?host=/nowhere", "postgres://h/db"):
        assert read_first_screen(url, clock.now()) is None  # type: ignore[arg-type]
        assert read_first_screen(Path(url), clock.now()) is None
