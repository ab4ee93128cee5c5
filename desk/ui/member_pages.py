"""UI layer: a table of one member's rows (积分流水, 兑换券), newest first, read a keyset page at a time from a
service as the table is scrolled. Subclasses say how a page is read and what each cell shows."""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt, Signal

from desk.domain.errors import DeskError
from desk.ui.settings._common import AnyIndex


class _Keyed(Protocol):
    @property
    def id(self) -> int: ...


RowT = TypeVar("RowT", bound=_Keyed)


class MemberPagesModel(QAbstractTableModel, Generic[RowT]):
    HEADERS: tuple[str, ...] = ()  # source texts, translated in CONTEXT
    CONTEXT = ""

    failed = Signal(object)  # DeskError while reading a page

    def __init__(self, page_size: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page_size = page_size
        self._member_id: int | None = None
        self._rows: list[RowT] = []
        self._more = False
        self._fetching = False

    # -- for subclasses ------------------------------------------------------------------------------------------

    def _page(self, member_id: int, before_id: int | None, limit: int) -> list[RowT]:
        """Up to `limit` rows of the member older than `before_id` (the newest when None), newest first."""
        raise NotImplementedError

    def _forget(self) -> None:
        """Drop what the subclass keeps about the rows shown (a new member, or a reload)."""

    def _append(self, page: list[RowT]) -> None:
        self._rows.extend(page)
        self._more = len(page) == self._page_size

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def member_id(self) -> int | None:
        return self._member_id

    def show_member(self, member_id: int | None) -> None:
        """Start again from the newest row of this member (None: an empty table)."""
        self.beginResetModel()
        self._member_id = member_id
        self._rows = []
        self._forget()
        self._more = False
        if member_id is not None:
            self._append(self._read(None))
        self.endResetModel()

    def reload(self) -> None:
        self.show_member(self._member_id)

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: int) -> int:
        return next((number for number, row in enumerate(self._rows) if row.id == row_id), -1)

    def relabel(self) -> None:
        """Headers and cells are worded at display time: after a language change they only need repainting."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))

    # -- paging --------------------------------------------------------------------------------------------------

    def _read(self, before_id: int | None) -> list[RowT]:
        assert self._member_id is not None
        try:
            return self._page(self._member_id, before_id, self._page_size)
        except DeskError as error:
            self.failed.emit(error)
            return []

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

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])
        return None
