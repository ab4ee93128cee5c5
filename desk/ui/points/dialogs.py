"""UI layer: the two administrator dialogs of the 积分 page — 调整积分 (a signed amount with a reason, confirmed)
and 冲正 (undo one ledger entry, with a reason).

Each dialog makes one submission key when it opens and sends it with every try, so a double click or a retry
after an error writes one entry. A refusal is shown under its field and the dialog stays open; nothing is
written until the service accepts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.domain.points import POINTS_MAX, REASON_MAX, check_signed_points
from desk.domain.staff import Actor
from desk.domain.text import clean_text
from desk.services.points import EntryRow, MemberRow, PointsService, Posted, new_key
from desk.ui import boxes
from desk.ui.points import amount_text, entry_reason, moment_text
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating, grow_to_fit, save_cancel
from desk.ui.wording import entry_kind_name

DIALOG_WIDTH = 480


def _wrapped(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _reason_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName("reason")
    edit.setMaxLength(REASON_MAX)
    return edit


class AdjustDialog(Retranslating, QDialog):
    adjusted = Signal(object)  # Posted

    def __init__(self, points: PointsService, actor: Actor, member: MemberRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adjust_dialog")
        self._points = points
        self._actor = actor
        self._member = member
        self._key = new_key()

        self._intro = _wrapped("adjust_intro")
        self._amount_label = QLabel()
        self._amount = QSpinBox()
        self._amount.setObjectName("amount")
        self._amount.setRange(-POINTS_MAX, POINTS_MAX)
        self._amount.setValue(0)
        self._amount.setMinimumWidth(140)
        self._amount_label.setBuddy(self._amount)
        self._reason_label = QLabel()
        self._reason = _reason_edit()
        self._reason_label.setBuddy(self._reason)
        self._error = ErrorLabel()
        self._error.setObjectName("dialog_error")
        self._errors = FieldErrors(self._error)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._amount_label, self._errors.with_label("points", self._amount))
        form.addRow(self._reason_label, self._errors.with_label("reason", self._reason))
        self._buttons = save_cancel(self, self._on_save_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(form)
        layout.addWidget(self._error)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.retranslate()
        self._amount.selectAll()
        self._amount.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, points: PointsService, actor: Actor, member: MemberRow,
            on_adjusted: Callable[[Posted], None] | None = None) -> AdjustDialog:
        """Open the dialog window-modally and return at once; `on_adjusted` gets the entry written."""
        dialog = cls(points, actor, member, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_adjusted is not None:
            dialog.adjusted.connect(on_adjusted)
        dialog.open()
        return dialog

    def error_text(self, field: str) -> str:
        return self._errors.text_of(field)

    def retranslate(self) -> None:
        member = self._member
        self.setWindowTitle(self.tr("调整积分"))
        self._intro.setText(self.tr("%1（会员号 %2）当前余额 %3 积分。填正数增加，负数扣减；余额不能小于 0。"
                                    "调整会记入积分流水，不能删除，只能冲正。").replace(
            "%1", member.name).replace("%2", member.number).replace("%3", str(member.balance)))
        self._amount_label.setText(self.tr("积分(&P)"))
        self._reason_label.setText(self.tr("原因(&R)"))
        self._reason.setPlaceholderText(self.tr("必填，例如：活动积分补记"))
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("调整"))
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def _confirm_text(self, amount: int, reason: str) -> str:
        if amount > 0:
            text = self.tr("给 %1 增加 %n 积分吗？", "", amount)
        else:
            text = self.tr("从 %1 扣减 %n 积分吗？", "", -amount)
        return (text.replace("%1", self._member.name) + "\n"
                + self.tr("原因：%1").replace("%1", reason))

    def _on_save_clicked(self) -> None:
        self._errors.clear()
        amount = self._amount.value()
        try:
            # Checked before asking: a confirmation followed by "reason required" would waste the question.
            check_signed_points(amount)
            reason = clean_text(self._reason.text(), "reason", max_length=REASON_MAX)
        except DeskError as error:
            self._errors.show(error)
            grow_to_fit(self)
            return
        if not boxes.confirm(self, self.tr("确认调整积分"), self._confirm_text(amount, reason)):
            return
        try:
            posted = self._points.adjust(self._actor, self._member.id, amount, reason, self._key)
        except DeskError as error:
            self._errors.show(error)
            grow_to_fit(self)
            return
        self.adjusted.emit(posted)
        self.accept()


class ReverseDialog(Retranslating, QDialog):
    reversed = Signal(object)  # Posted

    def __init__(self, points: PointsService, actor: Actor, member: MemberRow, entry: EntryRow, zone: dt.tzinfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reverse_dialog")
        self._points = points
        self._actor = actor
        self._member = member
        self._entry = entry
        self._zone = zone
        self._key = new_key()

        self._intro = _wrapped("reverse_intro")
        self._effect = _wrapped("reverse_effect")
        self._reason_label = QLabel()
        self._reason = _reason_edit()
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
        layout.addWidget(self._effect)
        layout.addLayout(form)
        layout.addWidget(self._error)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.retranslate()
        self._reason.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, points: PointsService, actor: Actor, member: MemberRow, entry: EntryRow,
            zone: dt.tzinfo, on_reversed: Callable[[Posted], None] | None = None) -> ReverseDialog:
        """Open the dialog window-modally and return at once; `on_reversed` gets the reversing entry."""
        dialog = cls(points, actor, member, entry, zone, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_reversed is not None:
            dialog.reversed.connect(on_reversed)
        dialog.open()
        return dialog

    def error_text(self, field: str) -> str:
        return self._errors.text_of(field)

    def retranslate(self) -> None:
        entry = self._entry
        self.setWindowTitle(self.tr("冲正"))
        self._intro.setText(self.tr("冲正 %1 的这笔流水：%2 %3，原因：%4").replace(
            "%1", self._member.name).replace("%2", moment_text(entry.at, self._zone)).replace(
            "%3", entry_kind_name(entry.kind.value) + " " + amount_text(entry.amount)).replace("%4", entry_reason(entry)))
        self._effect.setText(self.tr("将记一笔 %1 积分的冲正流水，原流水保留并标为已冲正。冲正后余额 %2。").replace(
            "%1", amount_text(-entry.amount)).replace("%2", str(self._member.balance - entry.amount)))
        self._reason_label.setText(self.tr("冲正原因(&R)"))
        self._reason.setPlaceholderText(self.tr("必填，例如：误操作，重复录入"))
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("冲正"))
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def _on_save_clicked(self) -> None:
        self._errors.clear()
        try:
            reason = clean_text(self._reason.text(), "reason", max_length=REASON_MAX)
            posted = self._points.reverse(self._actor, self._entry.id, reason, self._key)
        except DeskError as error:
            self._errors.show(error)
            grow_to_fit(self)
            return
        self.reversed.emit(posted)
        self.accept()
