"""Settings: the language (switches at once, no restart) and where the database, data and settings live; and,
on their own tabs, which only the coordinator's profile sees, the read audit and the retention rules (``ui.privacy``)
and the organisation register (``ui.organisation``).

A database on a network drive gets a visible warning: SQLite files on shares can be corrupted when the
connection drops, and the default location is the local (non-roaming) data folder for that reason.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)

from tillitsleder.i18n import LANGUAGES, _
from ui.operations import Changed
from ui.organisation.tab import OrganisationTab
from ui.pages import areas
from ui.pages.base import Page
from ui.privacy.audit_view import ReadAuditTab
from ui.privacy.retention_view import RetentionTab
from ui.settings import settings_path
from ui.translator import LanguageSwitcher
from ui.widgets.scroll_body import scrolling_body


def _locations():
    # Imported when first needed: ``tillitsleder.storage`` pulls in SQLAlchemy, which the first paint avoids.
    from tillitsleder.storage import locations

    return locations


def _path_field() -> QLineEdit:
    """A read-only field: long paths scroll instead of wrapping, and can be selected and copied."""
    field = QLineEdit()
    field.setReadOnly(True)
    return field


class SettingsPage(Page):
    nav_title = areas.SETTINGS.nav_title
    shows = Changed.NONE

    def __init__(self, switcher: LanguageSwitcher, parent=None) -> None:
        super().__init__(parent)
        self.switcher = switcher
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)  # each language in its own words, never translated
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.database_label = QLabel()
        self.database_path = _path_field()
        self.network_warning = QLabel()
        self.network_warning.setObjectName("warning")
        self.network_warning.setWordWrap(True)
        self.data_label = QLabel()
        self.data_path = _path_field()
        self.open_data_button = QPushButton()
        self.settings_label = QLabel()
        self.settings_path = _path_field()
        for label, field in (
            (self.database_label, self.database_path),
            (self.data_label, self.data_path),
            (self.settings_label, self.settings_path),
        ):
            label.setBuddy(field)  # the label names the path for a screen reader

        data_row = QWidget()
        row = QHBoxLayout(data_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.data_path, 1)
        row.addWidget(self.open_data_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setVerticalSpacing(12)
        form.addRow(self.language_label, self.language)
        form.addRow(self.database_label, self.database_path)
        form.addRow("", self.network_warning)
        form.addRow(self.data_label, data_row)
        form.addRow(self.settings_label, self.settings_path)
        general = QWidget()
        general_layout = scrolling_body(general)
        general_layout.addLayout(form)
        general_layout.addStretch(1)
        self.audit_tab = ReadAuditTab()
        self.retention_tab = RetentionTab()
        self.organisation_tab = OrganisationTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "")
        self.tabs.addTab(self.audit_tab, "")
        self.tabs.addTab(self.retention_tab, "")
        self.tabs.addTab(self.organisation_tab, "")
        self.tabs.currentChanged.connect(lambda _i: self._load_tab())
        self.layout_.addWidget(self.tabs, 1)

        self.language.currentIndexChanged.connect(self._on_language)
        self.open_data_button.clicked.connect(self._open_data_folder)
        self.switcher.languageChanged.connect(self._show_language)
        self._show_language(switcher.language)
        self.retranslate()

    def set_profile(self, profile) -> None:
        """The read audit, the retention rules and the organisation register are the coordinator's duties: other
        profiles (and a locked window) see only the general settings."""
        from tillitsleder.enums import Role

        coordinator = profile is not None and profile.info.role is Role.COORDINATOR
        for tab in (self.audit_tab, self.retention_tab, self.organisation_tab):
            self.tabs.setTabVisible(self.tabs.indexOf(tab), coordinator)
        if not coordinator:
            self.tabs.setCurrentIndex(0)

    def has_search(self) -> bool:
        return False

    def set_database(self, db) -> None:
        for tab in (self.audit_tab, self.retention_tab, self.organisation_tab):
            tab.set_database(db)
        super().set_database(db)

    def load(self) -> None:
        self._show_paths()
        for tab in (self.audit_tab, self.retention_tab, self.organisation_tab):
            tab.set_database(self.db)
        self._load_tab()

    def _load_tab(self):
        """The privacy and organisation tabs read the database when they are shown (each time: reads happen
        everywhere, and the register may have changed through an import)."""
        tab = self.tabs.currentWidget()
        if tab in (self.audit_tab, self.retention_tab, self.organisation_tab) and self.db is not None:
            return tab.load()
        return None

    def retranslate(self) -> None:
        super().retranslate()
        self.language_label.setText(_("&Language:"))
        self.language.setToolTip(_("The language of the whole app; it changes at once."))
        self.database_label.setText(_("&Database:"))
        self.data_label.setText(_("Data f&older:"))
        self.data_path.setAccessibleName(_("Data folder"))  # in a row with its button: the label is no sibling
        self.open_data_button.setText(_("Show folder"))
        self.open_data_button.setToolTip(_("Open the data folder in the file manager."))
        self.tabs.setTabText(0, _("General"))
        self.tabs.setTabText(1, _("Read audit"))
        self.tabs.setTabText(2, _("Retention"))
        self.tabs.setTabText(3, _("Organisation"))
        self.settings_label.setText(_("Settings f&ile:"))
        self.network_warning.setText(
            _(
                "This database is on a network drive. If the connection drops while Tillitsleder writes, the "
                "file can be damaged. Keep the database in the local data folder and back it up to the network "
                "instead."
            )
        )
        self._show_paths()

    def _show_paths(self) -> None:
        db_path = self.db.path if self.db is not None else None
        if db_path is not None:
            self.database_path.setText(str(db_path))
            self.database_path.setCursorPosition(0)
        elif self.db is not None:
            self.database_path.setText(self.db.location)
        else:
            self.database_path.setText(_("No database is open."))
        if self.db is None:
            self.network_warning.hide()
            self.data_path.setText("")
        else:
            locations = _locations()
            self.network_warning.setVisible(db_path is not None and locations.is_probably_network_path(db_path))
            self.data_path.setText(str(locations.data_dir()))
        self.settings_path.setText(str(settings_path()))

    def _show_language(self, code: str) -> None:
        index = self.language.findData(code)
        if index >= 0 and index != self.language.currentIndex():
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)

    def _on_language(self, index: int) -> None:
        code = self.language.itemData(index)
        if code and code != self.switcher.language:
            self.switcher.switch(code)

    def _open_data_folder(self) -> None:
        folder = Path(_locations().data_dir())
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
