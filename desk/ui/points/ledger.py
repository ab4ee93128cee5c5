"""UI layer: one member's 积分流水, newest first, a page at a time as the table is scrolled (keyset pages from the
points service). A reversed entry is greyed and struck through with the mark 已冲正; a reversal says which entry
it undoes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desk.domain.errors import DeskError
from desk.services.points import LEDGER_PAGE, EntryRow, PointsService
from desk.ui.points import CREDIT_COLOR, DEBIT_COLOR, QUIET_COLOR, amount_text, entry_reason, moment_text
from desk.ui.settings._common import AnyIndex
from desk.ui.wording import entry_kind_name

_CTX = "LedgerModel"


class LedgerModel(QAbstractTableModel):
    TIME, KIND, AMOUNT, BALANCE, REASON, STAFF, MARK = range(7)
    HEADERS = tuple(str(text) for text in (
        QT_TRANSLATE_NOOP("LedgerModel", "时间"), QT_TRANSLATE_NOOP("LedgerModel", "类型"),
        QT_TRANSLATE_NOOP("LedgerModel", "积分"), QT_TRANSLATE_NOOP("LedgerModel", "变动后余额"),
        QT_TRANSLATE_NOOP("LedgerModel", "原因"), QT_TRANSLATE_NOOP("LedgerModel", "经办人"),
        QT_TRANSLATE_NOOP("LedgerModel", "冲正"),
    ))

    failed = Signal(object)  # DeskError while reading a page

    def __init__(self, points: PointsService, parent: QObject | None = None, page_size: int = LEDGER_PAGE) -> None:
        super().__init__(parent)
        self._points = points
        self._page_size = page_size
        self._member_id: int | None = None
        self._rows: list[EntryRow] = []
        self._by_id: dict[int, EntryRow] = {}
        self._originals: dict[int, EntryRow | None] = {}  # entries reversed by a loaded row but not loaded
        self._more = False
        self._fetching = False
        self.zone: dt.tzinfo = dt.UTC

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def member_id(self) -> int | None:
        return self._member_id

    def show_member(self, member_id: int | None) -> None:
        """Start again from the newest entry of this member (None: an empty table)."""
        self.beginResetModel()
        self._member_id = member_id
        self._rows, self._by_id, self._originals = [], {}, {}
        self._more = False
        if member_id is not None:
            self._append(self._read(None))
        self.endResetModel()

    def reload(self) -> None:
        self.show_member(self._member_id)

    def row_at(self, row: int) -> EntryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int) -> int:
        return next((number for number, row in enumerate(self._rows) if row.id == entry_id), -1)

    def relabel(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))

    # -- paging --------------------------------------------------------------------------------------------------

    def _read(self, before_id: int | None) -> list[EntryRow]:
        assert self._member_id is not None
        try:
            return self._points.ledger(self._member_id, before_id, self._page_size)
        except DeskError as error:
            self.failed.emit(error)
            return []

    def _append(self, page: list[EntryRow]) -> None:
        self._rows.extend(page)
        self._by_id.update((row.id, row) for row in page)
        self._more = len(page) == self._page_size

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's own default
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008 - Qt's own default
        # Views (and the model tester) may ask again from a slot of the insertion below: one page at a time.
        if parent.isValid() or not self._more or self._fetching or not self._rows:
            return
        self._fetching = True
        try:
            page = self._read(self._rows[-1].id)
            if not page:
                self._more = False
                return
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._append(page)
            self.endInsertRows()
        finally:
            self._fetching = False

    # -- Qt ------------------------------------------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(_CTX, self.HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.column() < len(self.HEADERS):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.AMOUNT, self.BALANCE):
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.reversed_by is not None or (column == self.STAFF and not row.staff):
                return QBrush(QColor(QUIET_COLOR))
            if column == self.AMOUNT:
                return QBrush(QColor(CREDIT_COLOR if row.amount > 0 else DEBIT_COLOR))
            return None
        if role == Qt.ItemDataRole.FontRole and column == self.AMOUNT and row.reversed_by is not None:
            font = QFont()
            font.setStrikeOut(True)  # still readable, plainly no longer counting
            return font
        return None

    # -- wording -------------------------------------------------------------------------------------------------

    def _cell(self, row: EntryRow, column: int) -> str:
        if column == self.TIME:
            return moment_text(row.at, self.zone)
        if column == self.KIND:
            return entry_kind_name(row.kind.value)
        if column == self.AMOUNT:
            return amount_text(row.amount)
        if column == self.BALANCE:
            return str(row.balance_after)
        if column == self.REASON:
            return entry_reason(row)
        if column == self.STAFF:
            return row.staff or self.tr("系统")
        return self._mark(row)

    def _mark(self, row: EntryRow) -> str:
        if row.reversed_by is not None:
            return self.tr("已冲正")
        if row.reverses_id is not None:
            original = self._original(row.reverses_id)
            if original is None:
                return self.tr("冲正一笔流水")
            # Most mistakes are reversed the same day: the time alone says which entry and keeps the column short.
            when = original.at.astimezone(self.zone)
            same_day = when.date() == row.at.astimezone(self.zone).date()
            return self.tr("冲正 %1 的%2").replace(
                "%1", f"{when:%H:%M}" if same_day else moment_text(original.at, self.zone)).replace(
                "%2", entry_kind_name(original.kind.value))
        return ""

    def _tooltip(self, row: EntryRow, column: int) -> str | None:
        if column == self.MARK and row.reversed_by is not None:
            reversal = self._by_id.get(row.reversed_by)
            if reversal is not None:
                return self.tr("已于 %1 冲正，原因：%2").replace("%1", moment_text(reversal.at, self.zone)).replace(
                    "%2", reversal.reason)
        if column == self.MARK and row.reverses_id is not None:
            original = self._original(row.reverses_id)
            if original is not None:
                return self.tr("原流水：%1 %2，原因：%3").replace(
                    "%1", moment_text(original.at, self.zone) + " " + entry_kind_name(original.kind.value)).replace(
                    "%2", amount_text(original.amount)).replace("%3", entry_reason(original))
        if column == self.REASON and row.expires_at is not None and row.amount > 0:
            return self.tr("这笔积分 %1 到期").replace("%1", moment_text(row.expires_at, self.zone))
        if column == self.REASON and row.reason:
            return entry_reason(row)  # a long reason is cut off in the column
        return None

    def _original(self, entry_id: int) -> EntryRow | None:
        """The entry a reversal undoes: from the loaded rows when its page is loaded, otherwise read once."""
        found = self._by_id.get(entry_id)
        if found is not None:
            return found
        if entry_id not in self._originals:
            try:
                self._originals[entry_id] = self._points.entry(entry_id)
            except DeskError:
                self._originals[entry_id] = None
        return self._originals[entry_id]
