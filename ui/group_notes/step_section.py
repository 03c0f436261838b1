"""One step of the three-step dialogue in the meeting editor: prompt, time box, what was written, and a theme.

Own reflection (silent, written, a few minutes), exchange in small groups, summary in the larger group: each
section shows the step's name and a line on how the method uses it. A theme marked shareable is the only part
of a note the coordinator ever sees (without names).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
)

from tillitsleder.enums import DialogueStep
from tillitsleder.i18n import N_, _
from ui.curriculum.forms import text_area
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.group_notes.meeting_edits import StepDraft
    from tillitsleder.group_notes.meetings import StepNote

HINTS = {
    DialogueStep.OWN_REFLECTION: N_("Each person reflects alone, in silence, and writes."),
    DialogueStep.SMALL_GROUP: N_("Pairs or threes exchange what they wrote."),
    DialogueStep.LARGE_GROUP: N_("The whole group sums up what came out of the small groups."),
}


class StepSection(Retranslating, QGroupBox):
    def __init__(self, step: DialogueStep, parent=None) -> None:
        super().__init__(parent)
        self.step = step
        self.setObjectName(f"step_{step.value}")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.prompt = QLineEdit()
        self.time_box = QSpinBox()
        self.time_box.setRange(0, 240)
        self.content = text_area(4)
        self.content.setMaximumHeight(self.content.fontMetrics().lineSpacing() * 7 + 12)
        self.theme = QLineEdit()
        self.shareable = QCheckBox()
        self.prompt_label, self.time_label, self.content_label, self.theme_label = (QLabel() for _ in range(4))
        for label, field in (
            (self.prompt_label, self.prompt),
            (self.time_label, self.time_box),
            (self.content_label, self.content),
            (self.theme_label, self.theme),
        ):
            label.setBuddy(field)
        top = QHBoxLayout()
        top.addWidget(self.prompt, 1)
        top.addWidget(self.time_label)
        top.addWidget(self.time_box)
        theme_row = QHBoxLayout()
        theme_row.addWidget(self.theme, 1)
        theme_row.addWidget(self.shareable)
        form = QFormLayout(self)
        form.addRow(self.hint)
        form.addRow(self.prompt_label, top)
        form.addRow(self.content_label, self.content)
        form.addRow(self.theme_label, theme_row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.step.label())
        self.hint.setText(_(HINTS[self.step]))
        self.prompt_label.setText(_("&Prompt:"))
        self.prompt.setPlaceholderText(_("The question the group worked with"))
        self.time_label.setText(_("Time box:"))
        self.time_box.setSuffix(_(" min"))
        self.time_box.setSpecialValueText(_("none"))
        self.content_label.setText(_("Notes:"))
        self.theme_label.setText(_("Theme:"))
        self.theme.setPlaceholderText(_("A theme this step raised (optional)"))
        self.shareable.setText(_("Shareable"))
        self.shareable.setToolTip(
            _("A shareable theme is shown to the programme coordinator, without names, alongside other groups' themes.")
        )
        step = self.step.label()  # three sections have these fields: each name says which step it belongs to
        self.prompt.setAccessibleName(_("{step}: prompt").format(step=step))
        self.time_box.setAccessibleName(_("{step}: time box").format(step=step))
        self.content.setAccessibleName(_("{step}: notes").format(step=step))
        self.theme.setAccessibleName(_("{step}: theme").format(step=step))
        self.shareable.setAccessibleName(_("{step}: theme is shareable").format(step=step))

    def show_note(self, note: StepNote, *, editable: bool) -> None:
        self._fill(note.prompt, note.time_box_minutes, note.content, note.theme, note.theme_shareable, editable)

    def clear(self) -> None:
        self._fill("", None, "", "", False, False)

    def _fill(
        self, prompt: str, minutes: int | None, content: str, theme: str, shareable: bool, editable: bool
    ) -> None:
        self.prompt.setText(prompt)
        self.time_box.setValue(minutes or 0)
        self.content.setPlainText(content)
        self.theme.setText(theme)
        self.shareable.setChecked(shareable)
        for field in (self.prompt, self.theme):
            field.setReadOnly(not editable)
        self.content.setReadOnly(not editable)
        self.time_box.setReadOnly(not editable)
        self.shareable.setEnabled(editable)

    def draft(self) -> StepDraft:
        from tillitsleder.group_notes.meeting_edits import StepDraft

        minutes = self.time_box.value()
        return StepDraft(
            self.step, self.prompt.text(), minutes or None, self.content.toPlainText(), self.theme.text(),
            self.shareable.isChecked(),
        )  # fmt: skip
