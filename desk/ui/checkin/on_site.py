"""UI layer: "在场" — who is in the base now, how long they have stayed, check-out of one, several or all, and
the evacuation roll-call printed from the list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    QTime,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desk.domain.errors import AlreadyCheckedOut, DeskError
from desk.printing.evacuation import RollCallLabels, RollCallRow, render_roll_call
from desk.services.visits import VisitRow
from desk.ui import boxes
from desk.ui.checkin import visit_purpose, visitor_label
from desk.ui.files import choose_pdf_file
from desk.ui.pages import PageContext
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import category_name, error_text

AnyIndex = QModelIndex | QPersistentModelIndex
TICK_MS = 30_000  # the "stayed" column moves on by itself; the list is re-read only after an action




def local_time(moment: dt.datetime, zone: dt.tzinfo, today: dt.date) -> str:
    """09:41 in the base's zone; with the date when it was not today (a visit left open overnight)."""
    local = moment.astimezone(zone)
    locale = QLocale()
    time = QTime(local.hour, local.minute)
    if local.date() == today:
        return locale.toString(time, QLocale.FormatType.ShortFormat)
    when = QDateTime(QDate(local.year, local.month, local.day), time)
    return locale.toString(when, QLocale.FormatType.ShortFormat)


class OnSiteModel(QAbstractTableModel):
    """The open visits as the service returned them; the durations follow `now` without re-reading."""

    WHO, PHONE, PURPOSE, SIZE, ARRIVED, STAYED = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[VisitRow] = []
        self._now = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # set with the first rows, from the clock
        self.zone: dt.tzinfo = dt.UTC

    # -- public --------------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[VisitRow], now: dt.datetime) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._now = now
        self.endResetModel()

    def tick(self, now: dt.datetime) -> None:
        self._now = now
        if self._rows:
            self.dataChanged.emit(self.index(0, self.STAYED), self.index(len(self._rows) - 1, self.STAYED),
                                  [Qt.ItemDataRole.DisplayRole])

    def rows(self) -> list[VisitRow]:
        return list(self._rows)

    def row_at(self, row: int) -> VisitRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def people(self) -> int:
        return sum(row.party_size for row in self._rows)

    def relabel(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def stayed(self, row: VisitRow) -> str:
        minutes = max(0, int((self._now - row.checked_in_at).total_seconds() // 60))
        if minutes < 60:
            return self.tr("%n 分钟", "", minutes)
        return self.tr("%1 小时 %2 分").replace("%1", str(minutes // 60)).replace("%2", f"{minutes % 60:02d}")

    def cell(self, row: VisitRow, column: int) -> str:
        if column == self.WHO:
            return visitor_label(row)
        if column == self.PHONE:
            return row.masked_phone
        if column == self.PURPOSE:
            return visit_purpose(row)
        if column == self.SIZE:
            return str(row.party_size)
        if column == self.ARRIVED:
            return local_time(row.checked_in_at, self.zone, self._now.astimezone(self.zone).date())
        return self.stayed(row)

    # -- Qt ------------------------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else 6

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.WHO:
            return category_name(row.category.value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (self.SIZE, self.ARRIVED, self.STAYED):
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = [self.tr("姓名 / 类别"), self.tr("电话"), self.tr("事由"), self.tr("人数"), self.tr("到达"),
                   self.tr("已停留")]
        return headers[section] if 0 <= section < len(headers) else None


class OnSitePanel(Retranslating, QWidget):
    checked_out = Signal(list)  # the VisitRows just checked out
    changed = Signal()  # the list was re-read and may have changed

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._visits = context.services.visits
        self._base_name = ""
        self._model = OnSiteModel(self)
        self._title = QLabel()
        self._title.setObjectName("on_site_title")
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self._table = QTableView()
        self._table.setObjectName("on_site_table")
        self._table.setModel(self._model)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setAlternatingRowColors(True)
        self._table.setWordWrap(False)
        self._table.verticalHeader().hide()
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(OnSiteModel.WHO, QHeaderView.ResizeMode.Stretch)  # names get the room
        self._check_out = QPushButton()
        self._check_out.setObjectName("check_out")
        self._check_out_all = QPushButton()
        self._check_out_all.setObjectName("check_out_all")
        self._reload = QPushButton()
        self._reload.setObjectName("reload_on_site")
        self._print = QPushButton()
        self._print.setObjectName("print_evacuation")
        self._error = ErrorLabel()
        self._error.setObjectName("on_site_error")
        self._result = QLabel()
        self._result.setObjectName("evacuation_result")
        self._result.setWordWrap(True)
        self._result.setOpenExternalLinks(True)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self._result.hide()

        top = QHBoxLayout()
        top.addWidget(self._title)
        top.addStretch(1)
        top.addWidget(self._reload)
        buttons = QHBoxLayout()
        buttons.addWidget(self._check_out)
        buttons.addWidget(self._check_out_all)
        buttons.addStretch(1)
        buttons.addWidget(self._print)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._error)
        layout.addLayout(buttons)
        layout.addWidget(self._result)

        self._delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self._table)
        self._delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._delete.activated.connect(self._on_check_out_clicked)
        self._reload_key = QShortcut(QKeySequence("Ctrl+R"), self)
        self._reload_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._reload_key.activated.connect(self._on_reload_clicked)
        self._check_out.clicked.connect(self._on_check_out_clicked)
        self._check_out_all.clicked.connect(self._on_check_out_all_clicked)
        self._reload.clicked.connect(self._on_reload_clicked)
        self._print.clicked.connect(self._on_print_clicked)
        self._table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._ticker = QTimer(self)
        self._ticker.setObjectName("on_site_ticker")
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._on_ticker_timeout)
        self._ticker.start()
        self._update_buttons()
        self.retranslate()

    def retranslate(self) -> None:
        self._check_out.setText(self.tr("签退选中 (Del)"))
        self._check_out.setToolTip(self.tr("在名单中选中一位或多位（Ctrl / Shift + 单击），按 Delete 键也可签退"))
        self._check_out_all.setText(self.tr("全部签退…"))
        self._reload.setText(self.tr("刷新"))
        self._reload.setToolTip(self.tr("重新读取在场名单，包括其他前台的登记 (Ctrl+R)"))
        self._print.setText(self.tr("打印疏散点名表…"))
        self._print.setToolTip(self.tr("把当前在场的人保存为 PDF，打印后带到集合点逐一打勾"))
        self._update_title()
        self._model.relabel()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def model(self) -> OnSiteModel:
        return self._model

    @property
    def table(self) -> QTableView:
        return self._table

    def set_base(self, name: str, zone: dt.tzinfo) -> None:
        self._base_name = name
        self._model.zone = zone

    def reload(self) -> None:
        """Read the list again (after a check-in, a check-out, a timer or another desk)."""
        keep = {row.id for row in self.selected()}
        self._model.set_rows(self._visits.on_site(), self._context.clock.now())
        selection = self._table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for number, row in enumerate(self._model.rows()):
            if row.id in keep:  # a reload keeps what staff had chosen, if it is still there
                selection.select(self._model.index(number, 0), flags)
        self._fit_columns()
        self._update_title()
        self._update_buttons()
        self.changed.emit()

    def selected(self) -> list[VisitRow]:
        rows = sorted(index.row() for index in self._table.selectionModel().selectedRows())
        return [row for number in rows if (row := self._model.row_at(number)) is not None]

    def clear_messages(self) -> None:
        self._error.show_text("")

    # -- helpers -------------------------------------------------------------------------------------------------

    def _fit_columns(self) -> None:
        self._table.resizeColumnsToContents()
        header = self._table.horizontalHeader()
        for column in range(1, header.count()):
            header.resizeSection(column, min(max(header.sectionSize(column) + 16, 72), 260))

    def _update_title(self) -> None:
        visits = self._model.rowCount()
        text = self.tr("在场 %n 人", "", self._model.people())
        if visits:
            text += self.tr("（%n 条登记）", "", visits)
        self._title.setText(text)

    def _update_buttons(self) -> None:
        has_rows = self._model.rowCount() > 0
        self._check_out.setEnabled(has_rows)
        self._check_out_all.setEnabled(has_rows)

    def _show_error(self, error: DeskError) -> None:
        self._error.show_text(error_text(error))

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_ticker_timeout(self) -> None:
        self._model.tick(self._context.clock.now())

    def _on_reload_clicked(self) -> None:
        self.clear_messages()
        self.reload()

    def _on_check_out_clicked(self) -> None:
        chosen = self.selected()
        self.clear_messages()
        try:
            self._visits.check_out(self._context.actor, [row.id for row in chosen])
        except AlreadyCheckedOut as error:
            # Another desk got there first; nothing was written. Show who is really still here.
            self._table.clearSelection()
            self.reload()
            self._show_error(error)
            return
        except DeskError as error:
            self._show_error(error)
            return
        self._table.clearSelection()
        self.reload()
        self.checked_out.emit(chosen)

    def _on_check_out_all_clicked(self) -> None:
        self.clear_messages()
        everyone = self._model.rows()
        text = self.tr("把在场的 %n 条登记全部签退？通常只在闭馆或清场时使用。", "", len(everyone))
        if not boxes.confirm(self, self.tr("全部签退"), text):
            return
        try:
            self._visits.check_out_all(self._context.actor)
        except DeskError as error:
            self._show_error(error)
            return
        self._table.clearSelection()
        self.reload()
        self.checked_out.emit(everyone)

    # -- evacuation roll-call ------------------------------------------------------------------------------------

    def _labels(self) -> RollCallLabels:
        return RollCallLabels(
            title=self.tr("疏散点名表"),
            printed_at=self.tr("打印时间：{time}"),
            total=self.tr("在场合计 {people} 人（{visits} 条登记）"),
            instructions=self.tr("到达集合点后逐一点名，在“到场确认”栏打勾；未到者立即报告现场负责人。"),
            number=self.tr("序号"), who=self.tr("姓名或类别"), phone=self.tr("电话"), purpose=self.tr("事由"),
            party_size=self.tr("人数"), arrived=self.tr("到达时间"), present=self.tr("到场确认"),
            total_row=self.tr("合计"), nobody=self.tr("打印时无人在场。"),
            signature=self.tr("点名人：__________        核对时间：__________"), page=self.tr("第 {page} 页"),
        )

    def _on_print_clicked(self) -> None:
        self.clear_messages()
        now = self._context.clock.now().astimezone(self._model.zone)
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        suggested = Path(folder) / self.tr("疏散点名表-%1.pdf").replace("%1", f"{now:%Y%m%d-%H%M}")
        path = choose_pdf_file(self, self.tr("保存疏散点名表"), suggested, self.tr("PDF 文件 (*.pdf)"))
        if path is None:
            return
        self.reload()  # print who is here now, including other desks' check-ins
        today = now.date()
        rows = [RollCallRow(visitor_label(row), row.masked_phone, visit_purpose(row), row.party_size,
                            local_time(row.checked_in_at, self._model.zone, today)) for row in self._model.rows()]
        labels = self._labels()
        printed_at = f"{now:%Y-%m-%d %H:%M}"
        base_name = self._base_name

        def work() -> Path | OSError:
            pdf = render_roll_call(base_name, printed_at, rows, labels)
            try:
                path.write_bytes(pdf)
            except OSError as error:  # a read-only folder or a full USB stick: say so, it is not a bug
                return error
            return path

        self._print.setEnabled(False)
        self._result.setText(self.tr("正在生成疏散点名表…"))
        self._result.show()
        self._context.tasks.run(work, self._on_printed, self._on_print_failed)

    def _on_printed(self, saved: Path | OSError) -> None:
        if not isValid(self):  # logged out while the worker ran
            return
        self._print.setEnabled(True)
        if isinstance(saved, OSError):
            self._result.hide()
            self._error.show_text(self.tr("无法保存到 %1（%2）。请换一个文件夹再试。").replace(
                "%1", str(saved.filename or "")).replace("%2", saved.strerror or str(saved)))
            return
        path = saved
        link = QUrl.fromLocalFile(str(path)).toString()
        self._result.setText(self.tr("疏散点名表已保存：%1 <a href=\"%2\">打开</a>").replace(
            "%1", _html(str(path))).replace("%2", link))

    def _on_print_failed(self, error: DeskError) -> None:
        if not isValid(self):
            return
        self._print.setEnabled(True)
        self._result.hide()
        self._show_error(error)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
