"""Imports flow one way: no cycles, and no import against the layering written down in ``docs/architecture.md``.

The graph is read from the source with ``ast`` (see ``import_graph``): module-level and function-level imports both
count; imports under ``if TYPE_CHECKING:`` count for cycles too, so a typing-only back-reference has to go through a
``Protocol`` defined on the importee's side.
"""

from __future__ import annotations

import pytest
from import_graph import ImportGraph, build_graph, cycles

# --- The core: layers, bottom first. A package may import its own layer's foundations and anything below. -------
FOUNDATION = {"tillitsleder", "errors", "enums", "i18n", "clock", "resources", "logs", "startup_trace"}
STORAGE = {"model", "storage"}
CROSS_CUTTING = {"access", "audit", "lookups", "crypto", "profiles", "pdf", "versions"}
# Domain packages and the other domains each may use (a DAG; read it as "depends on").
DOMAINS: dict[str, set[str]] = {
    "attendance": set(),
    "enrolment": set(),
    "sessions": set(),
    "groups": set(),
    "group_notes": set(),
    "journal": set(),
    "table_day": set(),
    "curriculum": {"attendance"},
    "completion": {"attendance", "curriculum"},
    "certificates": {"completion", "attendance"},
    "facilitators": {"sessions", "group_notes"},
    "reports": {"attendance", "completion", "facilitators", "journal"},
    "lists": {"attendance", "completion"},
    "first_screen": {"curriculum", "attendance", "lists"},
    "organisation": {"enrolment"},  # the unit import reuses the participant list's hardened file reading
    "privacy": set(),  # reads the model directly: the read audit, retention rules, deleting cohorts/programmes
    "server": set(),  # a shared PostgreSQL deployment: its access rules, their DDL, logins; reads the model directly
}
APPLICATION = {"demo", "commands", "cli", "__main__"}

# --- The UI: shared parts below, areas in the middle, the shell on top. ---------------------------------------
UI_SHARED = {"dialogs", "widgets", "workers", "operations", "style", "settings", "translator", "table_model",
             "snapshot_model",
             "qt_strings", "pages.base", "errors", "colours", "palettes", "recolour", "connection"}
UI_SHELL = {"pages", "pages.areas", "main_window", "app", "database_actions", "opening", "screenshot_support",
            "screenshots", "restore_dialog", "read_only", "connection_banner", "live_changes"}


def core_package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "tillitsleder"


def core_layer(package: str) -> int:
    for layer, members in enumerate((FOUNDATION, STORAGE, CROSS_CUTTING, set(DOMAINS), APPLICATION)):
        if package in members:
            return layer
    raise AssertionError(f"tillitsleder.{package} is in no layer of tests/architecture/test_import_rules.py")


def core_edge_allowed(source: str, target: str) -> bool:
    src, dst = core_package(source), core_package(target)
    if src == dst:
        return True
    src_layer, dst_layer = core_layer(src), core_layer(dst)
    if src_layer == 3 and dst_layer == 3:
        return dst in DOMAINS[src]
    if src_layer == dst_layer:
        return src_layer != 1 or {src, dst} == STORAGE  # model and storage lean on each other only as a pair
    return dst_layer < src_layer


def ui_part(module: str) -> str:
    rest = module.split(".")[1:]
    if rest[:2] == ["pages", "base"]:
        return "pages.base"
    return rest[0] if rest else "ui"


def ui_rank(module: str) -> int:
    part = ui_part(module)
    if part in UI_SHARED:
        return 0
    if part in UI_SHELL or part == "ui":
        return 2
    return 1


def ui_edge_allowed(source: str, target: str) -> bool:
    if source.endswith(".screenshots"):  # developer tools that start the whole app to take pictures
        return True
    src_part, dst_part = ui_part(source), ui_part(target)
    if src_part == dst_part:
        return True
    src_rank, dst_rank = ui_rank(source), ui_rank(target)
    if src_rank == 1 and dst_rank == 1:
        return target in SHARED_AREA_MODULES
    return dst_rank <= src_rank


# Area modules that other areas may reuse (small form helpers); everything else of an area is its own.
SHARED_AREA_MODULES = {"ui.curriculum.forms"}


@pytest.fixture(scope="module")
def graph() -> ImportGraph:
    return build_graph(typing=False)


@pytest.fixture(scope="module")
def typing_graph() -> ImportGraph:
    return build_graph(typing=True)


def test_the_graph_is_read(graph: ImportGraph) -> None:
    assert "tillitsleder.attendance.register" in graph.modules
    assert "tillitsleder.attendance.register" in graph.edges["tillitsleder.completion.evaluation"]
    assert len(graph.modules) > 150


def test_there_is_no_import_cycle(typing_graph: ImportGraph) -> None:
    assert cycles(typing_graph) == []


def test_cycles_are_found() -> None:
    graph = build_graph(typing=False)
    graph.edges["tillitsleder.clock"] = {"tillitsleder.errors"}
    graph.edges["tillitsleder.errors"] = graph.edges["tillitsleder.errors"] | {"tillitsleder.i18n"}
    graph.edges["tillitsleder.i18n"] = graph.edges["tillitsleder.i18n"] | {"tillitsleder.clock"}
    found = cycles(graph)
    assert ["tillitsleder.clock", "tillitsleder.errors", "tillitsleder.i18n"] in found


def test_the_core_never_imports_the_ui(graph: ImportGraph) -> None:
    wrong = [(a, b) for a, targets in graph.edges.items() if a.startswith("tillitsleder")
             for b in targets if b.startswith("ui")]
    assert wrong == []


def test_core_imports_follow_the_layers(graph: ImportGraph) -> None:
    wrong = sorted(
        f"{a} -> {b}"
        for a, targets in graph.edges.items() if a.startswith("tillitsleder")
        for b in targets if not core_edge_allowed(a, b)
    )
    assert wrong == []


def test_ui_imports_follow_the_layers(graph: ImportGraph) -> None:
    wrong = sorted(
        f"{a} -> {b}"
        for a, targets in graph.edges.items() if a.startswith("ui")
        for b in targets if b.startswith("ui") and not ui_edge_allowed(a, b)
    )
    assert wrong == []


@pytest.mark.parametrize(
    ("source", "target", "allowed"),
    [
        ("tillitsleder.completion.evaluation", "tillitsleder.attendance.register", True),
        ("tillitsleder.attendance.register", "tillitsleder.completion.evaluation", False),
        ("tillitsleder.storage.database", "tillitsleder.access", False),
        ("tillitsleder.journal.entries", "tillitsleder.profiles", True),
        ("tillitsleder.profiles", "tillitsleder.journal.entries", False),
        ("tillitsleder.demo.builder", "tillitsleder.journal.sharing", True),
        ("tillitsleder.groups.rounds", "tillitsleder.demo.builder", False),
    ],
)
def test_the_core_rule_itself(source: str, target: str, allowed: bool) -> None:
    assert core_edge_allowed(source, target) is allowed


@pytest.mark.parametrize(
    ("source", "target", "allowed"),
    [
        ("ui.pages.attendance", "ui.attendance.register_widget", True),
        ("ui.attendance.register_widget", "ui.pages.attendance", False),
        ("ui.widgets.list_panel", "ui.groups.board_widget", False),
        ("ui.groups.overview", "ui.pages.base", True),
        ("ui.journal.writing_view", "ui.curriculum.forms", True),
        ("ui.journal.writing_view", "ui.curriculum.editor", False),
    ],
)
def test_the_ui_rule_itself(source: str, target: str, allowed: bool) -> None:
    assert ui_edge_allowed(source, target) is allowed
