"""The core's kinds of changed data (told to other PCs) and the UI's ``Changed`` flags are the same names."""

from __future__ import annotations

from tillitsleder.storage.change_kinds import KINDS
from ui.live_changes import as_changed
from ui.operations import EVERYTHING, Changed


def test_every_kind_is_a_changed_flag_and_back() -> None:
    assert {kind.upper() for kind in KINDS} == {flag.name for flag in Changed if flag is not Changed.NONE}
    assert as_changed(frozenset(KINDS)) == EVERYTHING
    kinds = frozenset({"attendance", "group_notes", "not-a-kind"})
    assert as_changed(kinds) == Changed.ATTENDANCE | Changed.GROUP_NOTES
