"""UI layer: the page "到访记录" — every visit of the base, newest first, filtered by dates, category, purpose and
a phone / last four digits / name, sorted by clicking a column header. Double-click opens a visit to correct
its purpose or check-out time. Below, the day's 台账 as PDF or XLSX.

The table loads a page at a time as it is scrolled (keyset pages from the visit log service); filtering and
sorting happen in SQL. The model keeps every loaded visit's id but the rows themselves only for the last few
pages it showed, reading a page again by id when it is scrolled back to, so scrolling through a million visits
does not keep a million rows in memory.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import OrderedDict
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desk.domain.errors import DeskError
from desk.domain.people import Category, CheckoutKind, Purpose
from desk.domain.staff import Role
from desk.services.exports import ExportResult
from desk.services.visit_log import PAGE_SIZE, Cursor, SortKey, VisitFilter, VisitLogRow, VisitLogService
from desk.ui.dialogs.visit import VisitDialog
from desk.ui.pages import PageContext, PageSpec, register_page
from desk.ui.settings._common import AnyIndex, base_zone, format_datetime, from_qdate, to_qdate
from desk.ui.widgets import DATE_EDIT_FORMAT, ErrorLabel, Retranslating
from desk.ui.wording import category_name, error_text, platform_name, purpose_name, visit_words

CACHED_PAGES = 20  # rows kept for the pages shown last; older ones are read again by id when needed
SEARCH_DELAY_MS = 250
NO_DATE = QDate(2000, 1, 1)  # the lowest date of the filter's date edits, shown as "不限"
_CTX = "VisitLogModel"


def choose_export_file(parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
    """Ask where to save an export; None when cancelled. Tests replace this function."""
    chosen, _selected_filter = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return Path(chosen) if chosen else None


def _export_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


class VisitLogModel(QAbstractTableModel):
    """The visits one filter and sort select, loaded page by page (`canFetchMore` / `fetchMore`)."""

    ARRIVED, LEFT, NAME, PHONE, CATEGORY, PURPOSE, PARTY, STAFF = range(8)
    SORT_KEYS: ClassVar[dict[int, SortKey]] = {ARRIVED: SortKey.CHECKED_IN, LEFT: SortKey.CHECKED_OUT, NAME: SortKey.NAME,
                 CATEGORY: SortKey.CATEGORY, PURPOSE: SortKey.PURPOSE, PARTY: SortKey.PARTY_SIZE}
    HEADERS = tuple(str(text) for text in (
        QT_TRANSLATE_NOOP("VisitLogModel", "到达"), QT_TRANSLATE_NOOP("VisitLogModel", "离开"),
        QT_TRANSLATE_NOOP("VisitLogModel", "姓名"), QT_TRANSLATE_NOOP("VisitLogModel", "电话"),
        QT_TRANSLATE_NOOP("VisitLogModel", "类别"), QT_TRANSLATE_NOOP("VisitLogModel", "事由"),
        QT_TRANSLATE_NOOP("VisitLogModel", "人数"), QT_TRANSLATE_NOOP("VisitLogModel", "经办人"),
    ))

    failed = Signal(object)  # DeskError while reading a page
    reloaded = Signal()  # a new filter or sort: the rows start again from the top

    def __init__(self, log: VisitLogService, parent: QObject | None = None, page_size: int = PAGE_SIZE,
                 cached_pages: int = CACHED_PAGES) -> None:
        super().__init__(parent)
        self._log = log
        self._page_size = page_size
        self._cached_pages = cached_pages
        self._ids = array("q")
        self._pages: OrderedDict[int, list[VisitLogRow | None]] = OrderedDict()
        self._cursor: Cursor | None = None
        self._fetching = False
        self._filter = VisitFilter()
        self._sort = SortKey.CHECKED_IN
        self._descending = True
        self.zone: dt.tzinfo = dt.UTC

    # -- the query -----------------------------------------------------------------------------------------------

    @property
    def filter(self) -> VisitFilter:
        return self._filter

    @property
    def sort_key(self) -> tuple[SortKey, bool]:
        return self._sort, self._descending

    def set_query(self, filter: VisitFilter | None = None, sort: SortKey | None = None,
                  descending: bool | None = None) -> None:
        """Start again from the first page with a new filter and/or sort (the others kept)."""
        if filter is not None:
            self._filter = filter
        if sort is not None:
            self._sort = sort
        if descending is not None:
            self._descending = descending
        self.beginResetModel()
        self._ids = array("q")
        self._pages.clear()
        self._cursor = None
        first: list[VisitLogRow] = []
        try:
            page = self._log.page(self._filter, self._sort, self._descending, None, self._page_size)
            first, self._cursor = list(page.rows), page.next_cursor
        except DeskError as error:
            self.failed.emit(error)
        self._ids.extend(row.id for row in first)
        if first:
            self._pages[0] = list(first)
        self.endResetModel()
        self.reloaded.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Qt's sort: a sortable column re-queries in SQL; the others are left as they are."""
        key = self.SORT_KEYS.get(column)
        if key is not None:
            self.set_query(sort=key, descending=order == Qt.SortOrder.DescendingOrder)

    def column_of(self, key: SortKey) -> int:
        return next(column for column, sort in self.SORT_KEYS.items() if sort is key)

    # -- rows ----------------------------------------------------------------------------------------------------

    def row_at(self, row: int) -> VisitLogRow | None:
        if not 0 <= row < len(self._ids):
            return None
        number = row // self._page_size
        page = self._pages.get(number)
        if page is None:
            page = self._load_page(number)
        else:
            self._pages.move_to_end(number)
        offset = row - number * self._page_size
        return page[offset] if offset < len(page) else None

    def cached_rows(self) -> int:
        """How many rows the model holds in full (the rest are ids)."""
        return sum(len(page) for page in self._pages.values())

    def refresh_row(self, visit_id: int) -> None:
        """Read one visit again after it was corrected; it keeps its place until the next query."""
        try:
            fresh = self._log.row(visit_id)
        except DeskError as error:
            self.failed.emit(error)
            return
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row is not None and row.id == visit_id:
                    page[offset] = fresh
                    at = number * self._page_size + offset
                    self.dataChanged.emit(self.index(at, 0), self.index(at, self.columnCount() - 1))
                    return

    def reload_rows(self) -> None:
        """Read the rows held again (visits changed elsewhere, e.g. checked out at closing time); the list, its
        order and the scroll position stay."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.HEADERS) - 1))

    def _load_page(self, number: int) -> list[VisitLogRow | None]:
        ids = list(self._ids[number * self._page_size:(number + 1) * self._page_size])
        try:
            found = {row.id: row for row in self._log.rows(ids)}
        except DeskError as error:
            self.failed.emit(error)
            found = {}
        page: list[VisitLogRow | None] = [found.get(i) for i in ids]
        self._remember(number, page)
        return page

    def _remember(self, number: int, page: list[VisitLogRow | None]) -> None:
        self._pages[number] = page
        self._pages.move_to_end(number)
        while len(self._pages) > self._cached_pages:
            self._pages.popitem(last=False)

    # -- Qt ------------------------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's own default
        return not parent.isValid() and self._cursor is not None and not self._fetching

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008 - Qt's own default
        # Views (and the model tester) may ask again from a slot of the insertion below: one page at a time.
        if parent.isValid() or self._cursor is None or self._fetching:
            return
        self._fetching = True
        try:
            page = self._log.page(self._filter, self._sort, self._descending, self._cursor, self._page_size)
        except DeskError as error:
            self._cursor = None
            self._fetching = False
            self.failed.emit(error)
            return
        try:
            if page.rows:
                first = len(self._ids)
                self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
                self._ids.extend(row.id for row in page.rows)
                self._remember(first // self._page_size, list(page.rows))
                self._cursor = page.next_cursor
                self.endInsertRows()
            else:
                self._cursor = None
        finally:
            self._fetching = False

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(_CTX, self.HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section in self.SORT_KEYS:
            return self.tr("点击按此列排序")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.column() < len(self.HEADERS):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.UserRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == self.PARTY:
                return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            quiet = (column == self.NAME and not row.name) or (column == self.LEFT and row.checked_out_at is None)
            return QBrush(QColor("#6b6b6b")) if quiet else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return self._cell(row, column)

    # -- wording -------------------------------------------------------------------------------------------------

    def _cell(self, row: VisitLogRow, column: int) -> str:
        if column == self.ARRIVED:
            return format_datetime(row.checked_in_at, self.zone)
        if column == self.LEFT:
            return self._left(row)
        if column == self.NAME:
            if row.name:
                return row.name
            what = platform_name(row.platform.value) if row.platform else category_name(row.category.value)
            return self.tr("（%1）").replace("%1", what)
        if column == self.PHONE:
            return row.masked_phone
        if column == self.CATEGORY:
            return category_name(row.category.value)
        if column == self.PURPOSE:
            return purpose_name(row.purpose.value)
        if column == self.PARTY:
            return str(row.party_size)
        return row.staff_name

    def _left(self, row: VisitLogRow) -> str:
        if row.checked_out_at is None:
            return self.tr("在场")
        arrived = row.checked_in_at.astimezone(self.zone).date()
        left = row.checked_out_at.astimezone(self.zone)
        text = f"{left:%H:%M}" if left.date() == arrived else format_datetime(row.checked_out_at, self.zone)
        if row.checkout_kind is CheckoutKind.AUTOMATIC:
            text = self.tr("%1 闭馆自动").replace("%1", text)
        return text

    def _tooltip(self, row: VisitLogRow, column: int) -> str | None:
        if column == self.LEFT and row.checkout_kind is CheckoutKind.AUTOMATIC:
            return self.tr("闭馆时仍在场，由系统自动签退")
        if column == self.NAME and not row.name and row.person_id is not None:
            return self.tr("此人的姓名和电话已按保留期限匿名化")
        return None

    def relabel(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.HEADERS) - 1))


class _ShowThisMonth(QObject):
    """When a date edit that says "不限" opens its calendar, the calendar shows this month instead of the year
    2000 (the value is left alone until a day is picked)."""

    def __init__(self, edit: QDateEdit, today: QDate) -> None:
        super().__init__(edit)
        self._edit = edit
        self._today = today
        calendar = edit.calendarWidget()
        if calendar is not None:
            calendar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._edit.date() == NO_DATE:
            calendar = self._edit.calendarWidget()
            if calendar is not None:
                calendar.setCurrentPage(self._today.year(), self._today.month())
        return False


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_EDIT_FORMAT)
    return edit


class VisitLogPage(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._services = context.services
        self._zone: dt.tzinfo = base_zone(self._services.bases.profile().timezone)
        self._count_generation = 0
        self._total: int | None = None
        today = to_qdate(self._today())

        self._from_label = QLabel()
        self._from = _date_edit("from_day")
        self._to_label = QLabel()
        self._to = _date_edit("to_day")
        for edit in (self._from, self._to):
            edit.setMinimumDate(NO_DATE)
            edit.setDate(NO_DATE)
            _ShowThisMonth(edit, today)
        self._category = QComboBox()
        self._category.setObjectName("category_filter")
        self._category.addItem("", None)
        for category in Category:
            self._category.addItem("", category.value)
        self._purpose = QComboBox()
        self._purpose.setObjectName("purpose_filter")
        self._purpose.addItem("", None)
        for purpose in Purpose:
            self._purpose.addItem("", purpose.value)
        self._search = QLineEdit()
        self._search.setObjectName("search")
        self._search.setClearButtonEnabled(True)
        self._search.setMaxLength(40)
        self._clear = QPushButton()
        self._clear.setObjectName("clear_filters")
        self._count = QLabel()
        self._count.setObjectName("visit_count")

        self._model = VisitLogModel(self._services.visit_log, self)
        self._table = QTableView()
        self._table.setObjectName("visit_table")
        self._table.setModel(self._model)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setAlternatingRowColors(True)
        self._table.setWordWrap(False)
        self._table.verticalHeader().hide()
        # Every row the same height: the view never measures a million rows.
        self._table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self._table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(VisitLogModel.ARRIVED, Qt.SortOrder.DescendingOrder)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._error = ErrorLabel()
        self._error.setObjectName("visit_log_error")

        self._day_label = QLabel()
        self._day = _date_edit("register_day")
        self._day.setDate(today)
        self._day.setMaximumDate(today)
        self._export_pdf = QPushButton()
        self._export_pdf.setObjectName("export_register_pdf")
        self._export_xlsx = QPushButton()
        self._export_xlsx.setObjectName("export_register_xlsx")
        self._result = QLabel()
        self._result.setObjectName("export_result")
        self._result.setWordWrap(True)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._export_error = ErrorLabel()
        self._export_error.setObjectName("export_error")

        filters = QHBoxLayout()
        filters.addWidget(self._from_label)
        filters.addWidget(self._from)
        filters.addWidget(self._to_label)
        filters.addWidget(self._to)
        filters.addSpacing(8)
        filters.addWidget(self._category)
        filters.addWidget(self._purpose)
        filters.addWidget(self._search, 1)
        filters.addWidget(self._clear)
        exports = QHBoxLayout()
        exports.addWidget(self._day_label)
        exports.addWidget(self._day)
        exports.addWidget(self._export_pdf)
        exports.addWidget(self._export_xlsx)
        exports.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self._count)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._error)
        layout.addLayout(exports)
        layout.addWidget(self._export_error)
        layout.addWidget(self._result)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        self._from.dateChanged.connect(self._on_filter_changed)
        self._to.dateChanged.connect(self._on_filter_changed)
        self._category.currentIndexChanged.connect(self._on_filter_changed)
        self._purpose.currentIndexChanged.connect(self._on_filter_changed)
        self._search.textChanged.connect(self._on_search_text_changed)
        self._search.returnPressed.connect(self._on_search_return_pressed)
        self._clear.clicked.connect(self._on_clear_clicked)
        header.sortIndicatorChanged.connect(self._on_header_sort_changed)
        self._table.activated.connect(self._on_table_activated)
        self._model.failed.connect(self._on_model_failed)
        self._model.reloaded.connect(self._on_model_reloaded)
        self._export_pdf.clicked.connect(self._on_export_pdf_clicked)
        self._export_xlsx.clicked.connect(self._on_export_xlsx_clicked)
        self.retranslate()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def model(self) -> VisitLogModel:
        return self._model

    @property
    def table(self) -> QTableView:
        return self._table

    def refresh(self) -> None:
        """Shown again: read the log afresh (others may have checked people in), keeping filter and sort."""
        self._zone = base_zone(self._services.bases.profile().timezone)
        self._model.zone = self._zone
        self._apply_filter()
        self._fit_columns()
        # After the page switch has placed the focus on the first field (the date): staff search by phone.
        QTimer.singleShot(0, self._search, self._search.setFocus)

    def reload_visits(self) -> None:
        """Called by the main window when visits changed outside the page (the closing-time check-out)."""
        self._model.reload_rows()

    def retranslate(self) -> None:
        self._from_label.setText(self.tr("从"))
        self._to_label.setText(self.tr("到"))
        for edit in (self._from, self._to):
            edit.setSpecialValueText(self.tr("不限"))
        self._category.setItemText(0, self.tr("全部类别"))
        for index in range(1, self._category.count()):
            self._category.setItemText(index, category_name(str(self._category.itemData(index))))
        self._purpose.setItemText(0, self.tr("全部事由"))
        for index in range(1, self._purpose.count()):
            self._purpose.setItemText(index, purpose_name(str(self._purpose.itemData(index))))
        self._search.setPlaceholderText(self.tr("手机号、尾号 4 位或姓名"))
        self._clear.setText(self.tr("清除筛选"))
        self._day_label.setText(self.tr("台账日期"))
        self._export_pdf.setText(self.tr("导出当日台账 PDF…"))
        self._export_xlsx.setText(self.tr("导出当日台账 XLSX…"))
        self._model.relabel()
        self._show_count()

    # -- filter and sort -----------------------------------------------------------------------------------------

    def _today(self) -> dt.date:
        return self._context.clock.now().astimezone(self._zone).date()

    def current_filter(self) -> VisitFilter:
        def day(edit: QDateEdit) -> dt.date | None:
            return None if edit.date() == NO_DATE else from_qdate(edit.date())

        category, purpose = self._category.currentData(), self._purpose.currentData()
        return VisitFilter(day(self._from), day(self._to), Category(category) if category else None,
                           Purpose(purpose) if purpose else None, self._search.text())

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        self._error.show_text("")
        self._model.zone = self._zone
        self._model.set_query(self.current_filter())

    def _on_filter_changed(self, *_args: object) -> None:
        self._apply_filter()

    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()  # typing a phone number re-queries once, after a short pause

    def _on_search_return_pressed(self) -> None:
        self._apply_filter()

    def _on_clear_clicked(self) -> None:
        for widget in (self._from, self._to, self._category, self._purpose, self._search):
            widget.blockSignals(True)
        self._from.setDate(NO_DATE)
        self._to.setDate(NO_DATE)
        self._category.setCurrentIndex(0)
        self._purpose.setCurrentIndex(0)
        self._search.clear()
        for widget in (self._from, self._to, self._category, self._purpose, self._search):
            widget.blockSignals(False)
        self._apply_filter()

    def _on_header_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column in VisitLogModel.SORT_KEYS:
            self._model.sort(column, order)
            return
        # Phones and staff are not sorted: the indicator goes back to the column that is.
        sort, descending = self._model.sort_key
        header = self._table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(self._model.column_of(sort),
                                Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    def _on_model_reloaded(self) -> None:
        self._table.scrollToTop()
        # Counting a million visits takes longer than a page: the worker does it, and a count that arrives
        # after the filter changed again is dropped.
        self._count_generation += 1
        generation, wanted = self._count_generation, self._model.filter
        self._total = None
        self._show_count()
        self._context.tasks.run(lambda: self._services.visit_log.count(wanted),
                                lambda total: self._on_counted(generation, total), self._on_model_failed)

    def _on_counted(self, generation: int, total: int) -> None:
        if not isValid(self) or generation != self._count_generation:
            return
        self._total = total
        self._show_count()

    def _show_count(self) -> None:
        self._count.setText("" if self._total is None else self.tr("共 %n 条", "", self._total))

    def _on_model_failed(self, error: DeskError) -> None:
        if isValid(self):
            self._error.show_text(error_text(error))

    def _fit_columns(self) -> None:
        self._table.resizeColumnsToContents()
        header = self._table.horizontalHeader()
        for column in range(header.count() - 1):
            header.resizeSection(column, min(max(header.sectionSize(column), 64), 240))

    # -- one visit -----------------------------------------------------------------------------------------------

    def _on_table_activated(self, index: QModelIndex) -> None:
        row = self._model.row_at(index.row())
        if row is None:
            return
        VisitDialog.ask(self, self._services.visits, self._context.actor, row, self._zone,
                        self._context.clock.now(), lambda corrected: self._model.refresh_row(corrected.id))

    # -- the day's register --------------------------------------------------------------------------------------

    def _on_export_pdf_clicked(self) -> None:
        self._export(".pdf", self.tr("PDF 文件 (*.pdf)"))

    def _on_export_xlsx_clicked(self) -> None:
        self._export(".xlsx", self.tr("Excel 工作簿 (*.xlsx)"))

    def _export(self, suffix: str, file_filter: str) -> None:
        day = from_qdate(self._day.date())
        suggested = _export_folder() / (self.tr("到访台账-%1").replace("%1", day.isoformat()) + suffix)
        path = choose_export_file(self, self.tr("保存当日台账"), suggested, file_filter)
        if path is None:
            return
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        actor, exports, words = self._context.actor, self._services.exports, visit_words()
        self._set_busy(True)
        self._result.setText(self.tr("正在导出…"))

        def work() -> ExportResult:
            # A folder without write access, a full disk, the file open in Excel: the service says ExportFailed.
            if suffix == ".pdf":
                return exports.register_pdf(actor, day, path, words)
            return exports.visits(actor, day, day, path, words)

        self._context.tasks.run(work, self._on_exported, self._on_export_failed)

    def _set_busy(self, busy: bool) -> None:
        self._export_pdf.setEnabled(not busy)
        self._export_xlsx.setEnabled(not busy)
        if busy:
            self._export_error.show_text("")

    def _on_exported(self, result: ExportResult) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self._result.setText(self.tr("已导出 %n 条到访记录到：", "", result.rows) + str(result.path))

    def _on_export_failed(self, error: DeskError) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self._result.clear()
        self._export_error.show_text(error_text(error))


register_page(PageSpec(
    key="visit_log",
    title=str(QT_TRANSLATE_NOOP("Pages", "到访记录")),
    icon="visits.svg",
    order=20,
    roles=frozenset({Role.ADMIN, Role.DESK}),
    factory=VisitLogPage,
))
