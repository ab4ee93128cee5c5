"""UI layer: the reward catalogue (兑换) — what the alliance merchants offer, searched as it is typed, with what
each reward costs, how many are left, how many this member has taken this month and whether they can have it.

Keyboard first: the filter has the focus, ↑ ↓ move through the rewards, Enter issues the one highlighted, whose
cost and the balance after it are spelled out under the list. A reward the member cannot have is shown greyed
with the reason, and Enter on it says why instead of issuing. The dialog makes one submission key when it opens
and sends it with every try, so a double Enter or a retry after an error spends the points once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError, InsufficientPoints, MonthlyLimitReached, OutOfStock
from desk.services.points import MemberRow, new_key
from desk.services.vouchers import Issued, RewardOffer
from desk.ui.pages import PageContext
from desk.ui.settings._common import AnyIndex, RowsModel, make_table, selected_row
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import error_text

SEARCH_DELAY_MS = 150
UNAVAILABLE_COLOR = "#80868b"
HINT_STYLE = "color: #5f6368;"
COST_STYLE = "color: #8c1d18; font-weight: bold;"
PAGE_STEP = 8


def refusal(offer: RewardOffer, balance: int) -> DeskError | None:
    """Why `offer` cannot be issued to the member now, in the order the voucher service checks; None if it can."""
    if offer.monthly_limit is not None and offer.taken_this_month >= offer.monthly_limit:
        return MonthlyLimitReached("reward", title=offer.title, limit=offer.monthly_limit)
    if offer.stock is not None and offer.stock <= 0:
        return OutOfStock("reward", title=offer.title)
    if not offer.affordable:
        return InsufficientPoints("points", balance=balance, needed=offer.points)
    return None


class OffersModel(RowsModel[RewardOffer]):
    MERCHANT, REWARD, POINTS, STOCK, MONTH, STATE = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.balance = 0

    def headers(self) -> list[str]:
        return [self.tr("商家"), self.tr("兑换内容"), self.tr("所需积分"), self.tr("库存"), self.tr("本月已兑 / 限额"),
                self.tr("能否兑换")]

    def cell(self, row: RewardOffer, column: int) -> str:
        if column == self.MERCHANT:
            return row.merchant_name
        if column == self.REWARD:
            return row.title
        if column == self.POINTS:
            return str(row.points)
        if column == self.STOCK:
            return self.tr("不限") if row.stock is None else str(row.stock)
        if column == self.MONTH:
            limit = self.tr("不限") if row.monthly_limit is None else str(row.monthly_limit)
            return f"{row.taken_this_month} / {limit}"
        return self.state_text(row)

    def state_text(self, row: RewardOffer) -> str:
        if row.monthly_limit is not None and row.taken_this_month >= row.monthly_limit:
            return self.tr("本月已达上限")
        if row.stock is not None and row.stock <= 0:
            return self.tr("已兑完")
        if not row.affordable:
            return self.tr("积分不足，还差 %1").replace("%1", str(row.points - self.balance))
        return self.tr("可兑换")

    def cell_tooltip(self, row: RewardOffer, column: int) -> str | None:
        if column == self.REWARD and row.terms:
            return row.terms
        reason = refusal(row, self.balance)
        return error_text(reason) if reason is not None and column == self.STATE else None

    def column_alignment(self, column: int) -> Qt.AlignmentFlag | None:
        if column in (self.POINTS, self.STOCK, self.MONTH):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is not None and role == Qt.ItemDataRole.ForegroundRole and not row.available:
            return QBrush(QColor(UNAVAILABLE_COLOR))  # shown, so the member hears why, but plainly not on offer
        if row is not None and role == Qt.ItemDataRole.UserRole:
            return row.reward_id
        return super().data(index, role)


class CatalogueDialog(Retranslating, QDialog):
    issued = Signal(object)  # Issued

    def __init__(self, context: PageContext, member: MemberRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogue_dialog")
        self._context = context
        self._vouchers = context.services.vouchers
        self._member = member
        self._key = new_key()
        self._searched: str | None = None

        self._intro = QLabel()
        self._intro.setObjectName("catalogue_intro")
        self._intro.setWordWrap(True)
        self._filter = QLineEdit()
        self._filter.setObjectName("catalogue_filter")
        self._filter.setClearButtonEnabled(True)
        self._model = OffersModel(self)
        self._model.balance = member.balance
        self._table = make_table("catalogue_table", self._model)
        self._table.setWordWrap(False)
        self._table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._empty = QLabel()
        self._empty.setObjectName("catalogue_empty")
        self._empty.setStyleSheet(HINT_STYLE)
        self._empty.setWordWrap(True)
        self._summary = QLabel()
        self._summary.setObjectName("catalogue_summary")
        self._summary.setWordWrap(True)
        self._error = ErrorLabel()
        self._error.setObjectName("catalogue_error")
        self._issue = QPushButton()
        self._issue.setObjectName("issue_button")
        self._issue.setDefault(True)  # Enter in the filter issues the highlighted reward
        self._cancel = QPushButton()
        self._cancel.setObjectName("cancel_button")
        self._cancel.setAutoDefault(False)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._issue)
        buttons.addWidget(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._filter)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._empty)
        layout.addWidget(self._summary)
        layout.addWidget(self._error)
        layout.addLayout(buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._search)
        self._filter.textEdited.connect(lambda _text: self._debounce.start())
        self._filter.installEventFilter(self)
        self._table.doubleClicked.connect(self._on_table_double_clicked)
        self._table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._issue.clicked.connect(self._on_issue_clicked)
        self._cancel.clicked.connect(self.reject)
        self.resize(860, 520)
        self.retranslate()
        self._search()
        self._filter.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, context: PageContext, member: MemberRow,
            on_issued: Callable[[Issued], None] | None = None) -> CatalogueDialog:
        """Open the catalogue window-modally and return at once; `on_issued` gets the voucher issued."""
        dialog = cls(context, member, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_issued is not None:
            dialog.issued.connect(on_issued)
        dialog.open()
        return dialog

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def filter_field(self) -> QLineEdit:
        return self._filter

    @property
    def model(self) -> OffersModel:
        return self._model

    def current_offer(self) -> RewardOffer | None:
        return self._model.row_at(selected_row(self._table))

    def retranslate(self) -> None:
        member = self._member
        self.setWindowTitle(self.tr("兑换 — %1").replace("%1", member.name))
        self._intro.setText(self.tr("为 %1（会员号 %2）兑换，当前余额 %3 积分。输入商家或兑换内容筛选，↑ ↓ 选择，"
                                    "Enter 兑换；兑换后立即打开兑换券预览。").replace("%1", member.name).replace(
            "%2", member.number).replace("%3", str(member.balance)))
        self._filter.setPlaceholderText(self.tr("筛选：商家或兑换内容，例如 超市、奶茶"))
        self._issue.setText(self.tr("兑换 (Enter)"))
        self._cancel.setText(self.tr("取消 (Esc)"))
        self._model.relabel()
        self._fit_columns()
        self._show_summary()
        self._show_empty()

    # -- searching -----------------------------------------------------------------------------------------------

    def _search(self) -> None:
        self._debounce.stop()
        text = self._filter.text()
        kept = self.current_offer()
        try:
            offers = self._vouchers.catalogue(self._member.id, text)
        except DeskError as error:
            self._error.show_text(error_text(error))
            return
        self._searched = text
        self._model.set_rows(offers)
        self._fit_columns()
        rows = self._model.rows()
        # The same reward stays highlighted when it is still listed; otherwise the first one on offer.
        row = next((n for n, offer in enumerate(rows) if kept and offer.reward_id == kept.reward_id), -1)
        if row < 0:
            row = next((n for n, offer in enumerate(rows) if offer.available), 0 if rows else -1)
        if row >= 0:
            self._table.selectRow(row)
        self._show_summary()
        self._show_empty()

    def _fit_columns(self) -> None:
        metrics = self._table.fontMetrics()
        header = self._table.horizontalHeader()
        samples = {OffersModel.POINTS: ["10000"], OffersModel.STOCK: ["9999", self.tr("不限")],
                   OffersModel.MONTH: ["10 / " + self.tr("不限")]}
        for column in range(self._model.columnCount() - 1):
            texts = [str(self._model.headerData(column, Qt.Orientation.Horizontal))]
            texts += samples.get(column, [])
            texts += [self._model.cell(row, column) for row in self._model.rows()]
            widest = max(metrics.horizontalAdvance(text) for text in texts) + 24
            header.resizeSection(column, min(widest, 260))

    def _show_empty(self) -> None:
        empty = self._model.rowCount() == 0
        if self._searched:
            self._empty.setText(self.tr("没有符合“%1”的兑换项目。").replace("%1", self._searched))
        else:
            self._empty.setText(self.tr("还没有可兑换的项目。请管理员在“设置”中添加联盟商家和兑换项目。"))
        self._empty.setVisible(empty and self._searched is not None)

    def _show_summary(self) -> None:
        offer = self.current_offer()
        if offer is None:
            self._summary.setText("")
            self._summary.hide()
            self._issue.setEnabled(False)
            return
        reason = refusal(offer, self._member.balance)
        if reason is None:
            self._summary.setStyleSheet(COST_STYLE)
            self._summary.setText(self.tr("兑换“%1”（%2）需 %3 积分，兑换后余额 %4。按 Enter 兑换。").replace(
                "%1", offer.title).replace("%2", offer.merchant_name).replace("%3", str(offer.points)).replace(
                "%4", str(self._member.balance - offer.points)))
        else:
            self._summary.setStyleSheet(HINT_STYLE)
            self._summary.setText(self.tr("“%1”现在不能兑换：%2").replace("%1", offer.title).replace(
                "%2", error_text(reason)))
        self._summary.show()
        self._issue.setEnabled(reason is None)

    def _move(self, step: int) -> None:
        count = self._model.rowCount()
        if not count:
            return
        row = selected_row(self._table)
        self._table.selectRow(max(0, min(count - 1, (row if row >= 0 else -1) + step)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._filter and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: PAGE_STEP,
                     Qt.Key.Key_PageUp: -PAGE_STEP}
            step = steps.get(Qt.Key(event.key()))
            if step is not None:
                if self._debounce.isActive():
                    self._search()
                self._move(step)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Enter on a reward the member cannot have says why, even though the button is greyed.
                self._on_issue_clicked()
                return True
        return super().eventFilter(watched, event)

    # -- issuing -------------------------------------------------------------------------------------------------

    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._error.show_text("")
        self._show_summary()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self._table.selectRow(index.row())
        self._on_issue_clicked()

    def _on_issue_clicked(self) -> None:
        if self._debounce.isActive() or self._filter.text() != self._searched:
            self._search()  # what was typed first: Enter issues from the list that matches it
        self._error.show_text("")
        offer = self.current_offer()
        if offer is None:
            self._error.show_text(self.tr("请先在列表中选择要兑换的项目。"))
            return
        reason = refusal(offer, self._member.balance)
        if reason is not None:
            self._error.show_text(error_text(reason))
            return
        try:
            issued = self._vouchers.issue(self._context.actor, self._member.id, offer.reward_id, self._key)
        except DeskError as error:
            self._search()  # stock, limits or the balance changed at another desk: show them as they are now
            self._error.show_text(error_text(error))
            return
        self.issued.emit(issued)
        self.accept()
