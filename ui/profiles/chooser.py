"""“Open as…”: choose the profile to act as — the programme coordinator, a facilitator/coach or a participant.

The list shows the database's profiles grouped by role (a cohort may have hundreds of participants, so there is
a filter field). Choosing one returns it; unlocking is the caller's next step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from tillitsleder.enums import Role
from tillitsleder.i18n import _
from ui.widgets.retranslate import Retranslating

if TYPE_CHECKING:
    from tillitsleder.profiles import ProfileInfo

PROFILE_ROLE = Qt.ItemDataRole.UserRole
ROLE_ORDER = (Role.COORDINATOR, Role.FACILITATOR, Role.PARTICIPANT)


class ProfileChooser(Retranslating, QDialog):
    def __init__(
        self, profiles: Sequence[ProfileInfo], current: ProfileInfo | None = None, parent=None, *, everyone: bool = True
    ) -> None:
        super().__init__(parent)
        self.everyone = everyone  # False: a participant or coach chooses among the coordinator and their own
        self.setObjectName("profileChooser")
        self.setModal(True)
        self.resize(440, 520)
        self._profiles = sorted(profiles, key=lambda p: (ROLE_ORDER.index(p.role), p.name.casefold()))
        self.chosen: ProfileInfo | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setObjectName("profileFilter")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("profileList")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("openAsButton")
        self.open_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(self.intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self._headers: dict[Role, QListWidgetItem] = {}
        self._fill(current)
        self.filter.textChanged.connect(self._apply_filter)
        self.list.currentItemChanged.connect(lambda *_a: self._update_button())
        self.list.itemActivated.connect(lambda _item: self._accept_current())
        self.buttons.accepted.connect(self._accept_current)
        self.buttons.rejected.connect(self.reject)
        self.retranslate()
        self._update_button()
        self.filter.setFocus()

    def _fill(self, current: int | None) -> None:
        bold = QFont(self.list.font())
        bold.setWeight(QFont.Weight.DemiBold)
        for role in ROLE_ORDER:
            members = [p for p in self._profiles if p.role is role]
            if not members:
                continue
            if role is not Role.COORDINATOR:  # the coordinator's one entry says "Programme coordinator" itself
                self._add_header(role, bold)
            for profile in members:
                item = QListWidgetItem(profile.name if role is not Role.COORDINATOR else "")
                if role is Role.COORDINATOR:
                    item.setFont(bold)
                item.setData(PROFILE_ROLE, profile)
                self.list.addItem(item)
                if current is not None and _key(profile) == _key(current):
                    self.list.setCurrentItem(item)
        if self.list.currentItem() is None:
            self._select_first_visible()

    def _add_header(self, role: Role, bold: QFont) -> None:
        header = QListWidgetItem()
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        header.setFont(bold)
        self.list.addItem(header)
        self._headers[role] = header

    def profile_items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count()) if self.list.item(row).data(PROFILE_ROLE)]

    def select_profile(self, role: Role, person_id: int | None = None) -> None:
        for item in self.profile_items():
            if _key(item.data(PROFILE_ROLE)) == (role, person_id):
                self.list.setCurrentItem(item)
                return

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        shown: set[Role] = set()
        for item in self.profile_items():
            profile: ProfileInfo = item.data(PROFILE_ROLE)
            visible = not needle or needle in item.text().casefold()
            item.setHidden(not visible)
            if visible:
                shown.add(profile.role)
        for role, header in self._headers.items():
            header.setHidden(role not in shown)
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self._select_first_visible()

    def _select_first_visible(self) -> None:
        for item in self.profile_items():
            if not item.isHidden():
                self.list.setCurrentItem(item)
                return
        self.list.setCurrentItem(None)

    def _update_button(self) -> None:
        item = self.list.currentItem()
        self.open_button.setEnabled(item is not None and item.data(PROFILE_ROLE) is not None and not item.isHidden())

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        profile = item.data(PROFILE_ROLE) if item is not None else None
        if profile is not None:
            self.chosen = profile
            self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Open as…"))
        if self.everyone:
            self.intro.setText(
                _(
                    "Who is using Tillitsleder now? Participants and coaches unlock their profile with their own "
                    "passphrase; what each can see follows their role."
                )
            )
        else:
            self.intro.setText(
                _(
                    "Open another of your profiles, or the programme coordinator's. To let someone else use "
                    "Tillitsleder, choose Profile → Lock first."
                )
            )
        self.filter.setPlaceholderText(_("Find a name…"))
        self.filter.setAccessibleName(_("Find a profile"))
        self.list.setAccessibleName(_("Profiles"))
        self.open_button.setText(_("&Open"))
        headers = {
            Role.COORDINATOR: _("Programme coordinator"),
            Role.FACILITATOR: _("Facilitators and coaches"),
            Role.PARTICIPANT: _("Participants"),
        }
        for role, header in self._headers.items():
            header.setText(headers[role])
        for item in self.profile_items():
            profile: ProfileInfo = item.data(PROFILE_ROLE)
            if profile.role is Role.COORDINATOR:
                item.setText(profile.name or _("Programme coordinator"))


def _key(profile: ProfileInfo) -> tuple[Role, int | None]:
    return profile.role, profile.person_id
