"""A picker of facilitator pools (F16, F7, change agents …), shared by the facilitator tabs and table day."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def pool_combo(db, combo: QComboBox) -> None:
    """Fill ``combo`` with the pools ("F16 – name"), keeping the current choice."""
    from tillitsleder.facilitators import pools

    current = combo.currentData()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.blockSignals(True)
    combo.clear()
    for pool in pools.list_pools(db):
        combo.addItem(f"{pool.code} – {pool.name}", pool.id)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)
