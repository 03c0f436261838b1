"""The certificate template editor: the chosen cohort's programme's template in one language, with a live preview.

Every change re-renders the preview (after a pause in typing, off the GUI thread); a template that breaks a rule
(an unknown placeholder, an image that is not PNG or JPEG) shows the reason instead of saving. Saving applies to
certificates issued from then on; issued certificates never change.

The text fields show the placeholders in the UI's language ({navn} in nb); the stored template keeps their
stable keys ({name}), see ``tillitsleder.certificates.placeholders``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import LANGUAGES, N_, _, current_language
from ui.certificates.image_field import ImageField
from ui.certificates.pdf_preview import PdfPreview
from ui.widgets.keyboard import SAVE_KEY, key_for
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.certificates.templates import TemplateValues
    from tillitsleder.storage import Database
    from ui.widgets.cohort_picker import CohortSelection


class _SignatoryBox(QGroupBox):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.title = QLineEdit()
        self.image = ImageField()
        self.labels = [QLabel(), QLabel(), QLabel()]
        form = QFormLayout(self)
        for label, widget in zip(self.labels, (self.name, self.title, self.image), strict=True):
            label.setBuddy(widget)
            form.addRow(label, widget)

    def retranslate(self, heading: str) -> None:
        self.setTitle(heading)
        for label, text in zip(self.labels, (_("Name:"), _("Title:"), _("Signature:")), strict=True):
            label.setText(text)
        # Two boxes have these fields: each name says which signature it belongs to.
        self.name.setAccessibleName(_("{signature}: name").format(signature=heading))
        self.title.setAccessibleName(_("{signature}: title").format(signature=heading))
        name_image_buttons(self.image, _("{signature}: signature image").format(signature=heading))


def name_image_buttons(field: ImageField, subject: str) -> None:
    """What a screen reader calls an image field's buttons: which image they choose or remove."""
    field.choose_button.setAccessibleName(_("{image}: choose…").format(image=subject))
    field.remove_button.setAccessibleName(_("{image}: remove").format(image=subject))


class TemplateEditor(Retranslating, QWidget):
    tab_title = N_("Template")
    saved = Signal()

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.db: Database | None = None
        self.cohort_id: int | None = None
        self.programme_id: int | None = None
        self.programme_name = ""
        self.dirty = False
        self.saved_state = False  # the shown template is stored (not the default)
        self.seen_version: int | None = None  # the stored template's version as shown (0: the default)
        self._filling = False

        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.heading = QLabel()
        self.heading.setObjectName("panelTitle")
        self.heading.setWordWrap(True)
        self.title = QLineEdit()
        self.intro = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setFixedHeight(96)
        self.placeholders = QLabel()
        self.placeholders.setWordWrap(True)
        self.placeholders.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.place = QLineEdit()
        self.show_modules = QCheckBox()
        self.logo = ImageField()
        self.background = ImageField()
        self.signatories = [_SignatoryBox(), _SignatoryBox()]
        self.message = QLabel()
        self.message.setObjectName("warning")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton()
        self.revert_button = QPushButton()

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields = (self.language, self.title, self.intro, self.body, self.placeholders, self.place,
                  self.show_modules, self.logo, self.background)  # fmt: skip
        self.form_labels = [QLabel() for _field in fields]
        for label, widget in zip(self.form_labels, fields, strict=True):
            if widget not in (self.placeholders, self.show_modules):  # a note, a check box with its own text
                label.setBuddy(widget)
            self.form.addRow(label, widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        form_widget = QWidget()
        column = QVBoxLayout(form_widget)
        column.addWidget(self.heading)
        column.addLayout(self.form)
        for box in self.signatories:
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields in it take the focus
        scroll.setWidget(form_widget)
        scroll.setMinimumWidth(300)
        self.preview = PdfPreview()
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([460, 540])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

        for edit in (self.title, self.intro, self.place) + tuple(
            w for box in self.signatories for w in (box.name, box.title)
        ):
            edit.textChanged.connect(self._changed)
        self.body.textChanged.connect(self._changed)
        self.show_modules.toggled.connect(self._changed)
        for field in [self.logo, self.background] + [box.image for box in self.signatories]:
            field.changed.connect(self._changed)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.save_button.clicked.connect(self.save)
        key_for(self.save_button, SAVE_KEY)
        self.revert_button.clicked.connect(self.revert)
        selection.actorChanged.connect(lambda _actor: self._update_buttons())
        self._select_language(current_language())
        self.retranslate()
        self._update_buttons()

    # --- data ------------------------------------------------------------------------------------------

    def load(self, db: Database, cohort_id: int | None) -> None:
        from tillitsleder.certificates.templates import programme_of_cohort

        self.db, self.cohort_id = db, cohort_id
        if cohort_id is None:
            self.programme_id = None
            self.preview.show_message(_("There are no cohorts in this database yet."))
            self._update_buttons()
            return
        self.programme_id, self.programme_name = programme_of_cohort(db, cohort_id)
        self.revert()

    def revert(self) -> None:
        """Show the stored template (or the default) again, dropping unsaved changes."""
        from tillitsleder.certificates.templates import get_template

        if self.db is None or self.programme_id is None:
            return
        self.fill(get_template(self.db, self.programme_id, self.language_code()))

    def fill(self, values: TemplateValues) -> None:
        from tillitsleder.certificates.placeholders import to_local

        self._filling = True
        try:
            self.title.setText(to_local(values.title))
            self.intro.setText(to_local(values.intro))
            self.body.setPlainText(to_local(values.body))
            self.place.setText(to_local(values.place))
            self.show_modules.setChecked(values.show_modules)
            self.logo.set_data(values.logo)
            self.background.set_data(values.background)
            for index, box in enumerate(self.signatories):
                signatory = values.signatories[index] if index < len(values.signatories) else None
                box.name.setText(signatory.name if signatory else "")
                box.title.setText(signatory.title if signatory else "")
                box.image.set_data(signatory.image if signatory else None)
        finally:
            self._filling = False
        self.dirty = False
        self.saved_state = values.saved
        self.seen_version = values.version  # handed back when saving: a newer save elsewhere is not overwritten
        self.message.clear()
        self._update_buttons()
        self._request_preview()

    def values(self) -> TemplateValues:
        """The template as typed, its placeholders turned back into their stable keys."""
        from tillitsleder.certificates.placeholders import to_keys
        from tillitsleder.certificates.templates import SignatoryValues, TemplateValues

        assert self.programme_id is not None
        return TemplateValues(
            programme_id=self.programme_id,
            language=self.language_code(),
            title=to_keys(self.title.text()),
            intro=to_keys(self.intro.text()),
            body=to_keys(self.body.toPlainText()),
            place=to_keys(self.place.text()),
            show_modules=self.show_modules.isChecked(),
            logo=self.logo.data,
            background=self.background.data,
            signatories=tuple(
                SignatoryValues(box.name.text(), box.title.text(), box.image.data) for box in self.signatories
            ),
            version=self.seen_version,
        )

    def language_code(self) -> str:
        return self.language.currentData() or current_language()

    def save(self) -> bool:
        from tillitsleder.certificates.templates import save_template
        from tillitsleder.errors import ChangedElsewhere
        from ui.errors import error_text
        from ui.operations import Changed, announce

        if self.db is None or self.programme_id is None:
            return False
        try:
            stored = save_template(self.db, self.values(), actor=self.selection.actor)
        except ChangedElsewhere as refused:  # someone else saved it meanwhile: show theirs, and say so
            self.revert()
            self.message.setText(error_text(refused))
            return False
        except Exception as error:  # noqa: BLE001 - one sentence for the user; the log has the rest
            self.message.setText(error_text(error))
            return False
        announce(Changed.CERTIFICATES, self)
        self.dirty = False
        self.saved_state = stored.saved
        self.seen_version = stored.version
        self.message.setText(_("Saved. Certificates issued from now on use this template."))
        self._update_buttons()
        self.saved.emit()
        return True

    # --- reactions -------------------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._filling:
            return
        self.dirty = True
        self.message.clear()
        self._update_buttons()
        self._request_preview()

    def _request_preview(self) -> None:
        if self.db is None or self.programme_id is None or self.cohort_id is None:
            return
        from tillitsleder.certificates.templates import preview_certificate

        db, values, cohort_id = self.db, self.values(), self.cohort_id
        self.preview.request(lambda: preview_certificate(db, values, cohort_id))

    def _language_chosen(self, _index: int) -> None:
        if self.programme_id is None:
            return
        if self.dirty and not self._confirm_discard():
            return
        self.revert()

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("The template has changes that are not saved. Show the other language and drop them?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _select_language(self, code: str) -> None:
        index = self.language.findData(code)
        if index >= 0:
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)

    def _update_buttons(self) -> None:
        may_edit = self.selection.actor.is_coordinator and self.programme_id is not None
        self.save_button.setEnabled(may_edit and (self.dirty or not self.saved_state))
        self.revert_button.setEnabled(self.dirty)

    def _relocalise_placeholders(self) -> None:
        """After a language switch, write the placeholders typed so far in the new language (not a change)."""
        from tillitsleder.certificates.placeholders import to_keys, to_local

        was_filling, self._filling = getattr(self, "_filling", False), True
        try:
            for field in (self.title, self.intro, self.place):
                if (text := field.text()) and text != (local := to_local(to_keys(text))):
                    field.setText(local)
            if (text := self.body.toPlainText()) and text != (local := to_local(to_keys(text))):
                self.body.setPlainText(local)
        finally:
            self._filling = was_filling

    def retranslate(self) -> None:
        from tillitsleder.certificates.placeholders import PLACEHOLDERS, local_name

        labels = (
            _("Certificate lan&guage:"),
            _("&Title:"),
            _("&Introduction:"),
            _("&Body text:"),
            "",
            _("P&lace:"),
            "",
            _("L&ogo:"),
            _("Bac&kground:"),
        )
        for label, text in zip(self.form_labels, labels, strict=True):
            label.setText(text)
        self.heading.setText(
            _("Certificate template of {programme}").format(programme=self.programme_name)
            if self.programme_name
            else _("Certificate template")
        )
        names = " ".join("{" + local_name(key) + "}" for key in PLACEHOLDERS)
        self.placeholders.setText(_("Placeholders: {names}").format(names=names))
        self.placeholders.setToolTip(
            "\n".join("{" + local_name(key) + "}: " + _(description) for key, description in PLACEHOLDERS.items())
        )
        self._relocalise_placeholders()
        self.show_modules.setText(_("List the modules with their hours"))
        self.signatories[0].retranslate(_("First signature"))
        self.signatories[1].retranslate(_("Second signature (optional)"))
        name_image_buttons(self.logo, _("Logo"))
        name_image_buttons(self.background, _("Background image"))
        self.save_button.setText(_("&Save template"))
        self.revert_button.setText(_("Discard changes"))
        self.language.setToolTip(_("A programme has one template per language."))
