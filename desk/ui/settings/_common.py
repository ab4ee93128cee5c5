"""UI layer: helpers shared by the settings sections — a read-only table model over a list of frozen rows, and
dates and times shown through QLocale in the base's time zone. Registers no section."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

RowT = TypeVar("RowT")
AnyIndex = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel, Generic[RowT]):
    """A table over rows the view already holds (a service returned them). Subclasses name the columns and
    say what each cell shows; `set_rows` swaps the whole list."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    # -- for subclasses ------------------------------------------------------------------------------------------

    def headers(self) -> list[str]:
        raise NotImplementedError

    def cell(self, row: RowT, column: int) -> str:
        raise NotImplementedError

    def cell_tooltip(self, row: RowT, column: int) -> str | None:
        return None

    def column_alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return None

    # -- public --------------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def relabel(self) -> None:
        """Headers and cells are worded at display time: after a language change they only need repainting."""
        columns = len(self.headers())
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, columns - 1))

    # -- Qt ------------------------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.headers())

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_tooltip(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            alignment = self.column_alignment(index.column())
            return None if alignment is None else int(alignment.value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None


def make_table(name: str, model: QAbstractTableModel) -> QTableView:
    """A read-only table of whole rows, one selectable at a time, last column stretched."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def fit_columns(view: QTableView, widest: int = 320) -> None:
    """Columns as wide as their contents, but no single long text pushes the others out of sight."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        if header.sectionSize(column) > widest:
            header.resizeSection(column, widest)


def selected_row(view: QTableView) -> int:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].row() if rows else -1


def base_zone(name: str) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def format_date(value: dt.date) -> str:
    """A day as people say it in the current language, weekday included (closures are planned by weekday)."""
    return QLocale().toString(to_qdate(value), QLocale.FormatType.LongFormat)


def format_datetime(value: dt.datetime | None, zone: dt.tzinfo, seconds: bool = False) -> str:
    if value is None:
        return ""
    local = value.astimezone(zone)
    locale = QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat) + (" HH:mm:ss" if seconds else " HH:mm")
    moment = QDateTime(to_qdate(local.date()), QTime(local.hour, local.minute, local.second))
    return locale.toString(moment, pattern)
