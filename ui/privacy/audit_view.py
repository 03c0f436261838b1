"""The read audit in Settings: who read whose personal data, when and how, filtered by the person concerned, the
person who read, the kind of read and a date range.

``ReadAuditModel`` formats ``privacy.read_audit.ReadRow`` values for a table (tested without a window);
``ReadAuditTab`` holds the filters and loads through ``ui.operations``. The trail is read-only here as everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tillitsleder.i18n import _, format_datetime, format_number, ngettext
from tillitsleder.lists.tables import PAGE_SIZE
from ui.operations import run
from ui.widgets.date_edit import DateEdit
from ui.widgets.keyboard import leave_by_tab
from ui.widgets.retranslate import Retranslating
from ui.widgets.rows_model import RowsModel

NO_DAY = QDate(2000, 1, 1)  # the date fields' minimum: shown as "any day"
COORDINATOR_ACTOR = -1  # the actor filter's entry for the coordinator's profile (which has no person)


def _headers() -> list[str]:
    return [_("When"), _("Read by"), _("What"), _("About")]


class ReadAuditModel(RowsModel):
    """Rows of the read audit: when, who read, what (kind and record), about whom. It holds a page of the newest
    reads and asks for the next (``fetch_page(offset)``, which the tab runs off the GUI thread) as the view
    scrolls, like the other lists; ``total`` is how many match in all."""

    def __init__(self, parent=None) -> None:
        super().__init__(_headers, parent)
        self.reads: list = []
        self.total = 0
        self.fetch_page: Callable[[int], None] | None = None
        self.fetching = False

    def set_reads(self, reads: Sequence, total: int | None = None) -> None:
        self.reads = list(reads)
        self.total = len(self.reads) if total is None else total
        self.fetching = False
        self.set_rows(_cells(self.reads), [r.id for r in self.reads])

    def add_reads(self, reads: Sequence) -> None:
        """The next page arrived; an empty one means the trail shrank to what is shown (nothing more to ask)."""
        if not reads:
            self.stop_fetching()
            return
        self.fetching = False
        self.reads.extend(reads)
        self.append_rows(_cells(reads), [r.id for r in reads])

    def stop_fetching(self) -> None:
        """A page could not be read: what is shown stays, and the view stops asking for more."""
        self.fetching = False
        self.total = len(self.reads)

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self.fetching and len(self.reads) < self.total and bool(self.fetch_page)

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            assert self.fetch_page is not None
            self.fetching = True
            self.fetch_page(len(self.reads))


def _cells(reads: Sequence) -> list[tuple[str, str, str, str]]:
    return [(format_datetime(r.occurred_at), r.actor_name, r.what, ", ".join(r.subject_names)) for r in reads]


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == NO_DAY else date(value.year(), value.month(), value.day())


def _date_field() -> QDateEdit:
    edit = DateEdit()
    edit.setMinimumDate(NO_DAY)
    edit.setDate(NO_DAY)
    return edit


class ReadAuditTab(Retranslating, QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.db = None
        self.operation = None
        self.person = QComboBox()
        self.actor = QComboBox()
        self.kind = QComboBox()
        for combo in (self.person, self.actor):
            combo.setMinimumContentsLength(18)
        self.since = _date_field()
        self.until = _date_field()
        self.show_button = QPushButton()
        self.labels = {field: QLabel() for field in ("person", "actor", "kind", "since", "until")}
        for name, widget in zip(self.labels, (self.person, self.actor, self.kind, self.since, self.until), strict=True):
            self.labels[name].setBuddy(widget)
        left, right = QFormLayout(), QFormLayout()
        left.addRow(self.labels["person"], self.person)
        left.addRow(self.labels["actor"], self.actor)
        left.addRow(self.labels["kind"], self.kind)
        right.addRow(self.labels["since"], self.since)
        right.addRow(self.labels["until"], self.until)
        right.addRow("", self.show_button)
        filters = QHBoxLayout()
        filters.addLayout(left, 2)
        filters.addSpacing(16)
        filters.addLayout(right, 1)
        self.model = ReadAuditModel(self)
        self.model.fetch_page = self._fetch_page
        self._where = None  # the filter of the list shown (one object per list shown), for its next pages
        self.table = leave_by_tab(QTableView())
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("rowCount")
        self.error_label = QLabel()
        self.error_label.setObjectName("warning")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(filters)
        layout.addWidget(self.error_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.show_button.clicked.connect(self.reload)
        for combo in (self.person, self.actor, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.retranslate()

    def retranslate(self) -> None:
        from tillitsleder.enums import ReadKind

        self.explanation.setText(
            _(
                "Every time someone reads another person's personal data — a progress report, an export, a "
                "calendar with names, a shared journal entry, a group's notes — it is recorded here. The list "
                "cannot be changed or deleted."
            )
        )
        texts = {"person": _("About p&erson:"), "actor": _("Read &by:"), "kind": _("&Kind:"), "since": _("F&rom:"),
                 "until": _("T&o:")}  # fmt: skip
        for name, label in self.labels.items():
            label.setText(texts[name])
        self.table.setAccessibleName(_("Read audit"))
        for edit in (self.since, self.until):
            edit.setSpecialValueText(_("any day"))
        self.show_button.setText(_("&Show"))
        self._fill(self.kind, [(kind.value, kind.label()) for kind in ReadKind], _("All kinds"))
        self.model.retranslate()
        self._show_count()

    @staticmethod
    def _fill(combo: QComboBox, items: Sequence[tuple[object, str]], everyone: str) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everyone, None)
        for data, text in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def set_database(self, db) -> None:
        self.db = db
        self.model.set_reads([])

    def load(self):
        """Fill the people filters and the list, off the GUI thread; returns the operation."""
        if self.db is None:
            return None
        from tillitsleder.privacy.read_audit import audit_people, read_page

        try:
            where = self.current_filter()
        except Exception as error:  # noqa: BLE001 - a date range the wrong way round: said beside the filters
            self._failed(error)
            return None
        db = self.db

        def done(result) -> None:
            people, total, reads = result
            options = [(o.id, o.label) for o in people]
            self._fill(self.person, options, _("Everyone"))
            self._fill(self.actor, [(COORDINATOR_ACTOR, _("Programme coordinator")), *options], _("Anyone"))
            self._show(total, reads, where)

        self.operation = run(
            lambda _ctx: (audit_people(db), *read_page(db, where)), parent=self,
            title=_("Read audit"), on_success=done, on_failure=self._failed, key="read-audit", name="read-audit",
        )  # fmt: skip
        return self.operation

    def current_filter(self):
        from tillitsleder.enums import ReadKind
        from tillitsleder.privacy.read_audit import ReadFilter

        actor = self.actor.currentData()
        kind = self.kind.currentData()
        return ReadFilter(
            person_id=self.person.currentData(),
            actor_id=actor if actor not in (None, COORDINATOR_ACTOR) else None,
            coordinator_only=actor == COORDINATOR_ACTOR,
            kind=ReadKind(kind) if kind else None,
            since=_day(self.since),
            until=_day(self.until),
            limit=PAGE_SIZE,
        )

    def reload(self):
        if self.db is None:
            return None
        from tillitsleder.privacy.read_audit import read_page

        self.error_label.hide()
        try:
            where = self.current_filter()
        except Exception as error:  # noqa: BLE001 - a domain error about the filter, shown beside it
            self._failed(error)
            return None
        db = self.db
        self.operation = run(
            lambda _ctx: read_page(db, where), parent=self, title=_("Read audit"),
            on_success=lambda result: self._show(*result, where), on_failure=self._failed, key="read-audit",
            name="read-audit",
        )  # fmt: skip
        return self.operation

    def _show(self, total: int, reads: list, where) -> None:
        self._where = where
        self.model.set_reads(reads, total)
        self._show_count()

    def _fetch_page(self, offset: int) -> None:
        """The next page of the list shown, off the GUI thread (the model asks as the view scrolls to its end)."""
        from tillitsleder.privacy.read_audit import list_reads

        db, listed = self.db, self._where
        where = replace(listed, offset=offset)

        def arrived(reads) -> None:
            if self._where is listed:  # not a page of a list replaced since
                self.model.add_reads(reads)
                self._show_count()

        def failed(error: BaseException) -> None:
            if self._where is listed:
                self.model.stop_fetching()
                self._failed(error)

        run(
            lambda _ctx: list_reads(db, where), parent=self, title=_("Read audit"), on_success=arrived,
            on_failure=failed, key="read-audit-page", name="read-audit-page",
        )  # fmt: skip

    def _failed(self, error: BaseException) -> None:
        from ui.errors import error_text

        self.error_label.setText(error_text(error))
        self.error_label.show()

    def _show_count(self) -> None:
        n = self.model.total
        self.count_label.setText(ngettext("{n} read", "{n} reads", n).format(n=format_number(n)))
