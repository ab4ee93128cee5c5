"""UI layer: one member's 积分流水, newest first, a page at a time as the table is scrolled (keyset pages from the
points service). A reversed entry is greyed and struck through with the mark 已冲正; a reversal says which entry
it undoes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desk.domain.errors import DeskError
from desk.services.points import LEDGER_PAGE, EntryRow, PointsService
from desk.ui.member_pages import MemberPagesModel
from desk.ui.points import CREDIT_COLOR, DEBIT_COLOR, QUIET_COLOR, amount_text, entry_reason, moment_text
from desk.ui.settings._common import AnyIndex
from desk.ui.wording import entry_kind_name

_CTX = "LedgerModel"


class LedgerModel(MemberPagesModel[EntryRow]):
    TIME, KIND, AMOUNT, BALANCE, REASON, STAFF, MARK = range(7)
    HEADERS = tuple(str(text) for text in (
        QT_TRANSLATE_NOOP("LedgerModel", "时间"), QT_TRANSLATE_NOOP("LedgerModel", "类型"),
        QT_TRANSLATE_NOOP("LedgerModel", "积分"), QT_TRANSLATE_NOOP("LedgerModel", "变动后余额"),
        QT_TRANSLATE_NOOP("LedgerModel", "原因"), QT_TRANSLATE_NOOP("LedgerModel", "经办人"),
        QT_TRANSLATE_NOOP("LedgerModel", "冲正"),
    ))

    CONTEXT = _CTX

    def __init__(self, points: PointsService, parent: QObject | None = None, page_size: int = LEDGER_PAGE) -> None:
        super().__init__(page_size, parent)
        self._points = points
        self._by_id: dict[int, EntryRow] = {}
        self._originals: dict[int, EntryRow | None] = {}  # entries reversed by a loaded row but not loaded
        self.zone: dt.tzinfo = dt.UTC

    # -- paging --------------------------------------------------------------------------------------------------

    def _page(self, member_id: int, before_id: int | None, limit: int) -> list[EntryRow]:
        return self._points.ledger(member_id, before_id, limit)

    def _forget(self) -> None:
        self._by_id, self._originals = {}, {}

    def _append(self, page: list[EntryRow]) -> None:
        super()._append(page)
        self._by_id.update((row.id, row) for row in page)

    # -- Qt ------------------------------------------------------------------------------------------------------

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
