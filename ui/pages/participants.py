"""Cohorts & participants: who is enrolled in the chosen cohort, with status and attendance so far.

Above the list: “New cohort…”, “Enrol participant…”, “Change status…” (also a double-click or Enter on a row),
“Import participants…” and “Delete cohort…” (``ui.privacy.deletion_dialog``), and filters by status and
department. The dialogs call the enrolment services;
after a change the list (and, for a new cohort, the shared cohort picker) reloads.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from tillitsleder.i18n import N_, _
from ui.operations import Changed, announce
from ui.pages import areas
from ui.pages.base import CohortPage
from ui.widgets.cohort_picker import CohortSelection
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.keyboard import ENROL_KEY, NEW_KEY, key_for
from ui.widgets.list_panel import ListPanel

NO_COHORTS_HERE = N_(
    "There are no cohorts in this database yet. A cohort is the group of participants who follow a programme "
    "together: press “New cohort…” to create the first, then enrol its participants or import them from HR."
)


class ParticipantsPage(CohortPage):
    nav_title = areas.PARTICIPANTS.nav_title
    shows = Changed.ENROLMENT | Changed.ATTENDANCE | Changed.SESSIONS | Changed.ORGANISATION

    def __init__(self, selection: CohortSelection, parent=None) -> None:
        super().__init__(selection, parent)
        self.dialog = None  # the dialog or wizard open now (for tests and screenshots)
        self.new_cohort_button = QPushButton()
        self.delete_cohort_button = QPushButton()
        self.enrol_button = QPushButton()
        self.status_button = QPushButton()
        self.import_button = QPushButton()
        self.export_data_button = QPushButton()
        self.erase_data_button = QPushButton()
        self.status_filter = QComboBox()
        self.status_filter.addItem("", None)  # the statuses come with the database (the model loads SQLAlchemy)
        self.status_label = QLabel()
        self.status_label.setBuddy(self.status_filter)
        self.department_filter = QComboBox()
        self.department_filter.addItem("", None)
        self.department_filter.setMinimumContentsLength(14)
        self.department_label = QLabel()
        self.department_label.setBuddy(self.department_filter)
        bar_widget = QWidget()
        bar = FlowLayout(bar_widget)
        buttons = (self.new_cohort_button, self.enrol_button, self.status_button, self.import_button,
                   self.export_data_button, self.erase_data_button, self.delete_cohort_button)  # fmt: skip
        for button in buttons:
            bar.addWidget(button)
        bar.add_right_aligned()
        for label, combo in ((self.status_label, self.status_filter), (self.department_label, self.department_filter)):
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(8, 0, 0, 0)
            row.addWidget(label)
            row.addWidget(combo)
            bar.addWidget(pair)
        self.layout_.addWidget(bar_widget)
        self.enrolments = ListPanel("enrolments", title=N_("Participants"))
        self.enrolments.set_empty_action(self.enrol_button)
        self.list_panels = [self.enrolments]
        self.layout_.addWidget(self.enrolments, 1)

        self.new_cohort_button.clicked.connect(self.new_cohort)
        self.delete_cohort_button.clicked.connect(self.delete_cohort)
        self.enrol_button.clicked.connect(self.enrol)
        key_for(self.new_cohort_button, NEW_KEY)
        key_for(self.enrol_button, ENROL_KEY)
        self.status_button.clicked.connect(self.change_status)
        self.import_button.clicked.connect(self.import_participants)
        self.export_data_button.clicked.connect(self.export_personal_data)
        self.erase_data_button.clicked.connect(self.erase_personal_data)
        self.enrolments.table.activated.connect(lambda _index: self.change_status())
        self.enrolments.currentIdChanged.connect(lambda _id: self._update_buttons())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.department_filter.currentIndexChanged.connect(lambda _i: self.reload())
        selection.changed.connect(lambda _cohort: self._fill_departments())
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        super().retranslate()
        self.new_cohort_button.setText(_("&New cohort…"))
        self.delete_cohort_button.setText(_("Delete cohort…"))
        self.enrol_button.setText(_("&Enrol participant…"))
        self.status_button.setText(_("Change &status…"))
        self.status_button.setToolTip(_("Active, on leave, withdrawn or completed, from a date (also: double-click)."))
        self.import_button.setText(_("&Import participants…"))
        self.import_button.setToolTip(_("Enrol everyone in an .xlsx or CSV list from HR, after a preview."))
        self.export_data_button.setText(_("Export personal &data…"))
        self.export_data_button.setToolTip(
            _("Everything about the chosen participant in a zip file (a GDPR access request).")
        )
        self.erase_data_button.setText(_("Erase personal data…"))
        self.erase_data_button.setToolTip(
            _("Delete or anonymise everything about the chosen participant, after a preview.")
        )
        self.status_label.setText(_("Sta&tus:"))
        self.status_filter.setItemText(0, _("All"))
        if self.status_filter.count() > 1:
            from tillitsleder.enums import EnrolmentStatus

            for index in range(1, self.status_filter.count()):
                self.status_filter.setItemText(index, EnrolmentStatus(self.status_filter.itemData(index)).label())
        self.department_label.setText(_("Departm&ent:"))  # Alt+D: "Export personal &data…"; Alt+A: the Actions menu
        self.department_filter.setItemText(0, _("All"))

    # --- loading -------------------------------------------------------------------------------------------

    def set_database(self, db) -> None:
        if db is not None and self.status_filter.count() == 1:
            from tillitsleder.enums import EnrolmentStatus

            self.status_filter.blockSignals(True)
            for status in EnrolmentStatus:
                self.status_filter.addItem(status.label(), status.value)
            self.status_filter.blockSignals(False)
        super().set_database(db)
        self._fill_departments()

    def load(self) -> None:
        assert self.db is not None
        cohort_id = self.selection.current
        if cohort_id is None:
            self.enrolments.show_message(NO_COHORTS_HERE, self.new_cohort_button)
        else:
            self.enrolments.set_source(self.db, cohort_id=cohort_id, **self.filters())
        self._update_buttons()

    def filters(self) -> dict[str, object]:
        chosen = {"status": self.status_filter.currentData(), "department_id": self.department_filter.currentData()}
        return {key: value for key, value in chosen.items() if value is not None}

    def _fill_departments(self) -> None:
        current = self.department_filter.currentData()
        self.department_filter.blockSignals(True)
        while self.department_filter.count() > 1:
            self.department_filter.removeItem(1)
        if self.db is not None and self.selection.current is not None:
            from tillitsleder.enrolment.cohorts import department_options

            for option in department_options(self.db, self.selection.current):
                self.department_filter.addItem(option.label, option.id)
        self.department_filter.setCurrentIndex(max(0, self.department_filter.findData(current)))
        self.department_filter.blockSignals(False)

    def _update_buttons(self) -> None:
        has_db = self.db is not None
        has_cohort = has_db and self.selection.current is not None
        self.new_cohort_button.setEnabled(has_db)
        self.enrol_button.setEnabled(has_cohort)
        self.delete_cohort_button.setEnabled(has_cohort)
        self.import_button.setEnabled(has_cohort)
        self.status_button.setEnabled(has_cohort and self.enrolments.current_id() is not None)
        self.export_data_button.setEnabled(has_cohort and self.enrolments.current_id() is not None)
        self.erase_data_button.setEnabled(has_cohort and self.enrolments.current_id() is not None)
        self.status_filter.setEnabled(has_cohort)
        self.department_filter.setEnabled(has_cohort and self.department_filter.count() > 1)

    # --- actions -------------------------------------------------------------------------------------------

    def _open(self, dialog, signal) -> None:
        self.dialog = dialog
        signal.connect(lambda *_args: (self.reload(), announce(Changed.ENROLMENT, self)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def new_cohort(self) -> None:
        if self.db is None:
            return
        from ui.enrolment.cohort_dialog import NewCohortDialog

        dialog = NewCohortDialog(self.db, parent=self)
        dialog.created.connect(self._cohort_created)
        self._open(dialog, dialog.created)

    def _cohort_created(self, cohort_id: int) -> None:
        from tillitsleder.lookups import cohort_options

        assert self.db is not None
        self.selection.set_options(cohort_options(self.db))
        self.selection.select(cohort_id)

    def delete_cohort(self) -> None:
        """Ask, saying what will be lost, then delete the chosen cohort (after a backup)."""
        if self.db is None or self.selection.current is None:
            return
        from ui.privacy.deletion_dialog import DeletionDialog

        dialog = DeletionDialog(self.db, "cohort", self.selection.current, parent=self)
        dialog.deleted.connect(lambda _report: self._cohort_deleted())
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _cohort_deleted(self) -> None:
        from tillitsleder.lookups import cohort_options

        assert self.db is not None
        self.selection.set_options(cohort_options(self.db))  # the next cohort is chosen

    def enrol(self) -> None:
        if self.db is None or self.selection.current is None:
            return
        from ui.enrolment.enrol_dialog import EnrolDialog

        dialog = EnrolDialog(self.db, self.selection.current, parent=self)
        self._open(dialog, dialog.enrolled)

    def change_status(self) -> None:
        enrolment_id = self.enrolments.current_id()
        if self.db is None or enrolment_id is None:
            return
        from ui.enrolment.status_dialog import StatusDialog

        dialog = StatusDialog(self.db, enrolment_id, parent=self)
        self._open(dialog, dialog.changed)

    def import_participants(self) -> None:
        cohort_id = self.selection.current
        if self.db is None or cohort_id is None:
            return
        from ui.enrolment.import_wizard import ImportWizard

        wizard = ImportWizard(self.db, cohort_id, self.selection.label(cohort_id), parent=self)
        self._open(wizard, wizard.imported)

    def _chosen_person(self):
        enrolment_id = self.enrolments.current_id()
        if self.db is None or enrolment_id is None:
            return None
        from tillitsleder.privacy.people import person_of_enrolment

        return person_of_enrolment(self.db, enrolment_id)

    def export_personal_data(self) -> None:
        person = self._chosen_person()
        if person is None:
            return
        from ui.privacy.export_dialog import ExportDialog

        self.dialog = ExportDialog(self.db, person, parent=self)
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()

    def erase_personal_data(self) -> None:
        person = self._chosen_person()
        if person is None:
            return
        from ui.privacy.erasure_dialog import ErasureDialog

        dialog = ErasureDialog(self.db, person, parent=self)
        self._open(dialog, dialog.erased)
