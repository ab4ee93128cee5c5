"""UI layer: a member's vouchers (兑换券) on the 积分 page — code, reward, merchant, state, issued and last day,
newest first, a page at a time as the table is scrolled — with 重印 (the slip again, marked 重印 and audited) and
作废 (void with a reason: the points come back, the stock is restored) for a voucher not used yet.

Self-contained like the member's claims: `show_member(member_id)` (None empties it), `reload()` after a change
anywhere; `changed` tells the page that points moved (a void refunds them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
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
from desk.domain.text import clean_text
from desk.domain.vouchers import VOID_REASON_MAX, VoucherStatus
from desk.services.vouchers import VoucherRow, VoucherService
from desk.ui import boxes
from desk.ui.member_pages import MemberPagesModel
from desk.ui.pages import PageContext
from desk.ui.points import QUIET_COLOR, moment_text
from desk.ui.settings._common import AnyIndex, base_zone, make_table, selected_row
from desk.ui.vouchers.preview import SlipPreviewDialog
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating, grow_to_fit, save_cancel
from desk.ui.wording import error_text, voucher_status_name

PAGE_SIZE = 50
HINT_STYLE = "color: #5f6368;"
ISSUED_COLOR = "#1e6b34"  # still to be used at the merchant: the one state staff act on
_CTX = "VouchersModel"


class VouchersModel(MemberPagesModel[VoucherRow]):
    CODE, REWARD, MERCHANT, STATUS, ISSUED, EXPIRES = range(6)
    HEADERS = tuple(str(text) for text in (
        QT_TRANSLATE_NOOP("VouchersModel", "券码"), QT_TRANSLATE_NOOP("VouchersModel", "兑换内容"),
        QT_TRANSLATE_NOOP("VouchersModel", "商家"), QT_TRANSLATE_NOOP("VouchersModel", "状态"),
        QT_TRANSLATE_NOOP("VouchersModel", "兑换时间"), QT_TRANSLATE_NOOP("VouchersModel", "有效期至"),
    ))

    CONTEXT = _CTX

    def __init__(self, vouchers: VoucherService, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(page_size, parent)
        self._vouchers = vouchers
        self.zone: dt.tzinfo = dt.UTC

    def _page(self, member_id: int, before_id: int | None, limit: int) -> list[VoucherRow]:
        return self._vouchers.vouchers(member_id=member_id, before_id=before_id, limit=limit)

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
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QBrush(QColor(ISSUED_COLOR if row.status is VoucherStatus.ISSUED else QUIET_COLOR))
        return None

    def _cell(self, row: VoucherRow, column: int) -> str:
        if column == self.CODE:
            return row.code
        if column == self.REWARD:
            return row.reward_title
        if column == self.MERCHANT:
            return row.merchant_name
        if column == self.STATUS:
            text = voucher_status_name(row.status.value)
            return text + (self.tr("（重印 %n 次）", "", row.reprints) if row.reprints else "")
        if column == self.ISSUED:
            return moment_text(row.issued_at, self.zone)
        return f"{row.expires_on:%Y-%m-%d}"

    def _tooltip(self, row: VoucherRow, column: int) -> str | None:
        if column != self.STATUS:
            return None
        if row.status is VoucherStatus.REDEEMED and row.redeemed_at is not None:
            return self.tr("%1 在 %2 核销，经办人 %3").replace("%1", moment_text(row.redeemed_at, self.zone)).replace(
                "%2", row.merchant_name).replace("%3", row.redeemed_by or self.tr("未知"))
        if row.status is VoucherStatus.VOID:
            return self.tr("作废原因：%1").replace("%1", row.void_reason)
        return None


class VoidDialog(Retranslating, QDialog):
    voided = Signal(object)  # VoucherRow

    def __init__(self, context: PageContext, voucher: VoucherRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("void_dialog")
        self._context = context
        self._voucher = voucher

        self._intro = QLabel()
        self._intro.setObjectName("void_intro")
        self._intro.setWordWrap(True)
        self._reason_label = QLabel()
        self._reason = QLineEdit()
        self._reason.setObjectName("reason")
        self._reason.setMaxLength(VOID_REASON_MAX)
        self._reason_label.setBuddy(self._reason)
        self._error = ErrorLabel()
        self._error.setObjectName("dialog_error")
        self._errors = FieldErrors(self._error)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._reason_label, self._errors.with_label("reason", self._reason))
        self._buttons = save_cancel(self, self._on_save_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(form)
        layout.addWidget(self._error)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(480)
        self.retranslate()
        self._reason.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, context: PageContext, voucher: VoucherRow,
            on_voided: Callable[[VoucherRow], None] | None = None) -> VoidDialog:
        """Open the dialog window-modally and return at once; `on_voided` gets the voucher as it is now."""
        dialog = cls(context, voucher, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_voided is not None:
            dialog.voided.connect(on_voided)
        dialog.open()
        return dialog

    def error_text(self, field: str) -> str:
        return self._errors.text_of(field)

    def retranslate(self) -> None:
        voucher = self._voucher
        self.setWindowTitle(self.tr("作废兑换券"))
        self._intro.setText(self.tr("作废兑换券 %1（%2 %3）：%4 积分退回会员账户，库存恢复，这张券扫码时会显示已作废。"
                                    "作废后不能恢复。").replace("%1", voucher.code).replace(
            "%2", voucher.merchant_name).replace("%3", voucher.reward_title).replace("%4", str(voucher.points)))
        self._reason_label.setText(self.tr("作废原因(&R)"))
        self._reason.setPlaceholderText(self.tr("必填，例如：会员改换其他商品"))
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("作废"))
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def _on_save_clicked(self) -> None:
        self._errors.clear()
        voucher = self._voucher
        try:
            # Checked before asking: a confirmation followed by "reason required" would waste the question.
            reason = clean_text(self._reason.text(), "reason", max_length=VOID_REASON_MAX)
        except DeskError as error:
            self._errors.show(error)
            grow_to_fit(self)
            return
        question = self.tr("作废兑换券 %1 并退回 %2 积分吗？\n原因：%3").replace("%1", voucher.code).replace(
            "%2", str(voucher.points)).replace("%3", reason)
        if not boxes.confirm(self, self.tr("确认作废"), question):
            return
        try:
            row = self._context.services.vouchers.void(self._context.actor, voucher.id, reason)
        except DeskError as error:
            self._errors.show(error)
            grow_to_fit(self)
            return
        self.voided.emit(row)
        self.accept()


class MemberVouchersView(Retranslating, QWidget):
    changed = Signal()  # a voucher was voided: the member's points and the stock moved

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("member_vouchers")
        self._context = context
        self._model = VouchersModel(context.services.vouchers, self)
        self._model.zone = base_zone(context.services.bases.profile().timezone)
        self._table: QTableView = make_table("member_vouchers_table", self._model)
        self._table.setWordWrap(False)
        header = self._table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(VouchersModel.REWARD, QHeaderView.ResizeMode.Stretch)
        self._empty = QLabel()
        self._empty.setObjectName("member_vouchers_empty")
        self._empty.setStyleSheet(HINT_STYLE)
        self._empty.hide()
        self._reprint = QPushButton()
        self._reprint.setObjectName("reprint_voucher")
        self._void = QPushButton()
        self._void.setObjectName("void_voucher")
        self._status = QLabel()
        self._status.setObjectName("member_vouchers_status")
        self._status.setWordWrap(True)
        self._status.setStyleSheet("color: #1e6b34;")
        self._status.hide()
        self._error = ErrorLabel()
        self._error.setObjectName("member_vouchers_error")

        buttons = QHBoxLayout()
        buttons.addWidget(self._reprint)
        buttons.addWidget(self._void)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._empty)
        layout.addLayout(buttons)
        layout.addWidget(self._status)
        layout.addWidget(self._error)

        self._reprint.clicked.connect(self._on_reprint_clicked)
        self._void.clicked.connect(self._on_void_clicked)
        self._table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._table.doubleClicked.connect(lambda _index: self._on_reprint_clicked())
        self._model.modelReset.connect(self._on_model_reset)
        self._model.failed.connect(lambda error: self._error.show_text(error_text(error)))
        self.retranslate()
        self._update_buttons()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def model(self) -> VouchersModel:
        return self._model

    @property
    def table(self) -> QTableView:
        return self._table

    def show_member(self, member_id: int | None) -> None:
        if member_id != self._model.member_id:
            self._status.hide()
        self._error.show_text("")
        kept = self._selected_id()
        self._model.show_member(member_id)
        if kept is not None and (row := self._model.row_of(kept)) >= 0:
            self._table.selectRow(row)
        self._update_buttons()

    def reload(self) -> None:
        self.show_member(self._model.member_id)

    def set_zone(self, zone: dt.tzinfo) -> None:
        self._model.zone = zone
        self._model.relabel()

    def retranslate(self) -> None:
        self._empty.setText(self.tr("还没有兑换券。"))
        self._reprint.setText(self.tr("重印(&T)…"))
        self._reprint.setToolTip(self.tr("再打印一张选中的兑换券，券上标“重印”，并记入操作日志；原券仍然有效"))
        self._void.setText(self.tr("作废(&V)…"))
        self._void.setToolTip(self.tr("作废选中的未使用兑换券：积分退回，库存恢复，须填写原因"))
        self._model.relabel()
        self._fit_columns()

    # -- helpers -------------------------------------------------------------------------------------------------

    def _selected(self) -> VoucherRow | None:
        return self._model.row_at(selected_row(self._table))

    def _selected_id(self) -> int | None:
        row = self._selected()
        return row.id if row else None

    def _update_buttons(self) -> None:
        row = self._selected()
        usable = row is not None and row.status is VoucherStatus.ISSUED
        self._reprint.setEnabled(usable)
        self._void.setEnabled(usable)

    def _on_model_reset(self) -> None:
        self._empty.setVisible(self._model.member_id is not None and self._model.rowCount() == 0)
        self._fit_columns()

    def _fit_columns(self) -> None:
        metrics = self._table.fontMetrics()
        header = self._table.horizontalHeader()
        samples = {VouchersModel.CODE: ["HY7K-3M9Q"], VouchersModel.MERCHANT: ["汇上佳超市（明华店）"],
                   VouchersModel.STATUS: [voucher_status_name(s.value) for s in VoucherStatus],
                   VouchersModel.ISSUED: ["2026-11-28 20:55"], VouchersModel.EXPIRES: ["2026-12-27"]}
        for column, texts in samples.items():
            texts = [*texts, str(self._model.headerData(column, Qt.Orientation.Horizontal))]
            header.resizeSection(column, max(metrics.horizontalAdvance(text) for text in texts) + 24)

    def _on_reprint_clicked(self) -> None:
        row = self._selected()
        self._status.hide()
        self._error.show_text("")
        if row is None:
            self._error.show_text(self.tr("请先在列表中选择一张兑换券。"))
            return
        try:
            slip = self._context.services.vouchers.reprint(self._context.actor, row.id)
        except DeskError as error:
            self._error.show_text(error_text(error))
            self.reload()
            return
        self.reload()
        SlipPreviewDialog.ask(self.window(), self._context, [slip])

    def _on_void_clicked(self) -> None:
        row = self._selected()
        self._status.hide()
        self._error.show_text("")
        if row is None:
            self._error.show_text(self.tr("请先在列表中选择一张兑换券。"))
            return
        VoidDialog.ask(self.window(), self._context, row, self._on_voided)

    def _on_voided(self, row: VoucherRow) -> None:
        if not isValid(self):
            return
        self._status.setText(self.tr("兑换券 %1 已作废，%2 积分已退回。").replace("%1", row.code).replace(
            "%2", str(row.points)))
        self._status.show()
        self.changed.emit()
