"""The completion rules of a programme: minimum attendance, the required modules, journal entries to count and
whether the coordinator signs off. ``save()`` writes them in one call (and says what is wrong, nothing written)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
)

from tillitsleder.i18n import _, format_number, percent_suffix
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.access import Actor
    from tillitsleder.completion.rules import RulesInfo
    from tillitsleder.storage import Database


class RulesDialog(Retranslating, QDialog):
    def __init__(self, db: Database, rules: RulesInfo, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("completionRules")
        self.db, self.rules, self.actor = db, rules, actor
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.minimum = QDoubleSpinBox()
        self.minimum.setRange(0, 100)
        self.minimum.setDecimals(1)
        self.minimum.setSingleStep(5)
        self.minimum.setValue(float(rules.min_attendance * 100))
        self.modules = QListWidget()
        self.modules.setObjectName("requiredModules")
        for module in rules.modules:
            item = QListWidgetItem(
                _("{module} ({hours} h)").format(module=module.title, hours=format_number(module.hours))
            )
            item.setData(Qt.ItemDataRole.UserRole, module.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if module.required else Qt.CheckState.Unchecked)
            self.modules.addItem(item)
        self.journal = QSpinBox()
        self.journal.setRange(0, 500)
        self.journal.setValue(rules.min_journal_entries)
        self.journal_note = QLabel()
        self.journal_note.setWordWrap(True)
        self.journal_note.setObjectName("privacyNote")
        self.sign_off = QCheckBox()
        self.sign_off.setChecked(rules.requires_sign_off)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.form = QFormLayout()
        self.minimum_label, self.modules_label, self.journal_label = QLabel(), QLabel(), QLabel()
        self.minimum_label.setBuddy(self.minimum)
        self.modules_label.setBuddy(self.modules)
        self.journal_label.setBuddy(self.journal)
        self.form.addRow(self.minimum_label, self.minimum)
        self.form.addRow(self.modules_label, self.modules)
        self.form.addRow(self.journal_label, self.journal)
        self.form.addRow("", self.journal_note)
        self.form.addRow("", self.sign_off)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._save_and_close)
        self.buttons.rejected.connect(self.reject)
        self.resize(560, 520)
        self.retranslate()

    def required_ids(self) -> list[int]:
        items = (self.modules.item(row) for row in range(self.modules.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked]

    def save(self) -> bool:
        from tillitsleder.completion.rules import save_rules
        from ui.errors import error_text

        minimum = (Decimal(str(self.minimum.value())) / 100).quantize(Decimal("0.001"))
        try:
            self.rules = save_rules(
                self.db,
                self.rules.programme_id,
                min_attendance=minimum,
                required_module_ids=self.required_ids(),
                min_journal_entries=self.journal.value(),
                requires_sign_off=self.sign_off.isChecked(),
                actor=self.actor,
            )
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            self.error.setText(error_text(error))
            return False
        return True

    def _save_and_close(self) -> None:
        if self.save():
            self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Completion rules – {programme}").format(programme=self.rules.programme))
        self.intro.setText(
            _(
                "A participant completes when every rule below is met and the last session is over. The rules "
                "apply to every cohort of the programme; the completion view follows at once."
            )
        )
        self.minimum_label.setText(_("&Minimum attendance:"))
        self.minimum.setSuffix(percent_suffix())
        self.minimum.setToolTip(_("Weighted attendance over all planned sessions (cancelled ones do not count)."))
        self.modules_label.setText(_("Required &modules:"))
        self.journal_label.setText(_("&Journal entries:"))
        self.journal.setSpecialValueText(_("not required"))
        self.journal_note.setText(
            _(
                "Only the number of entries is counted, and only for participants who allow it; nobody but the "
                "author reads an entry."
            )
        )
        self.sign_off.setText(_("The coordinator &signs off each participant"))
