"""UI layer: one visit from the visit log — who, when, with whom at the desk — where staff correct the purpose
or the check-out time. The correction is the visit service's (audited with old and new values); a refused value
is shown under its field while the dialog stays open. The phone is masked here too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.domain.people import ALL_STATION_SERVICES, Purpose
from desk.domain.staff import Actor
from desk.services.visit_log import VisitLogRow
from desk.services.visits import VisitRow, VisitService
from desk.ui.settings._common import format_datetime
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating, grow_to_fit, save_cancel
from desk.ui.wording import category_name, platform_name, purpose_name, service_name

EDIT_FORMAT = "yyyy-MM-dd HH:mm"


def _to_edit(moment: dt.datetime, zone: dt.tzinfo) -> QDateTime:
    """The base's wall-clock time, held by the edit as UTC so the PC's own zone (and its DST) never shifts it."""
    local = moment.astimezone(zone)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute),
                     QTimeZone.utc())


def _from_edit(value: QDateTime, zone: dt.tzinfo) -> dt.datetime:
    day, time = value.date(), value.time()
    return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=zone).astimezone(
        dt.UTC)


class VisitDialog(Retranslating, QDialog):
    saved = Signal(object)  # VisitRow, as corrected

    def __init__(self, visits: VisitService, actor: Actor, row: VisitLogRow, zone: dt.tzinfo, now: dt.datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visit_dialog")
        self._visits = visits
        self._actor = actor
        self._row = row
        self._zone = zone
        self._error = ErrorLabel()
        self._error.setObjectName("dialog_error")
        self._errors = FieldErrors(self._error)

        self._values = {key: QLabel() for key in ("name", "phone", "category", "party_size", "station",
                                                   "checked_in_at", "staff")}
        for key, label in self._values.items():
            label.setObjectName(f"value_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._labels = {key: QLabel() for key in (*self._values, "purpose", "checked_out_at")}
        self._purpose = QComboBox()
        self._purpose.setObjectName("purpose")
        for purpose in Purpose:
            self._purpose.addItem("", purpose.value)
        self._purpose.setCurrentIndex(self._purpose.findData(row.purpose.value))
        self._left = QCheckBox()
        self._left.setObjectName("checked_out")
        self._left.setChecked(row.checked_out_at is not None)
        self._out = QDateTimeEdit()
        self._out.setObjectName("checked_out_at")
        self._out.setTimeZone(QTimeZone.utc())
        self._out.setCalendarPopup(True)
        self._out.setDisplayFormat(EDIT_FORMAT)
        # A check-out cannot lie ahead; one before the check-in is for the service to refuse, beside the field.
        self._out.setMaximumDateTime(_to_edit(now, zone))
        self._out.setDateTime(_to_edit(row.checked_out_at or now, zone))
        self._out.setEnabled(self._left.isChecked())
        out_row = QWidget()
        out_line = QHBoxLayout(out_row)
        out_line.setContentsMargins(0, 0, 0, 0)
        out_line.addWidget(self._left)
        out_line.addWidget(self._out, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in ("name", "phone", "category", "party_size"):
            form.addRow(self._labels[key], self._values[key])
        if row.platform is not None or row.services:
            form.addRow(self._labels["station"], self._values["station"])
        form.addRow(self._labels["checked_in_at"], self._values["checked_in_at"])
        form.addRow(self._labels["staff"], self._values["staff"])
        form.addRow(self._labels["purpose"], self._errors.with_label("purpose", self._purpose))
        form.addRow(self._labels["checked_out_at"], self._errors.with_label("checked_out_at", out_row))

        self._buttons = save_cancel(self, self._on_save_clicked, QDialogButtonBox.StandardButton.Save)
        self._left.toggled.connect(self._on_left_toggled)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._error)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(460)
        self.retranslate()
        self._purpose.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, visits: VisitService, actor: Actor, row: VisitLogRow, zone: dt.tzinfo,
            now: dt.datetime, on_saved: Callable[[VisitRow], None] | None = None) -> VisitDialog:
        """Open the dialog window-modally and return at once; `on_saved` gets the corrected visit."""
        dialog = cls(visits, actor, row, zone, now, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_saved is not None:
            dialog.saved.connect(on_saved)
        dialog.open()
        return dialog

    def error_text(self, field: str) -> str:
        return self._errors.text_of(field)

    def retranslate(self) -> None:
        row = self._row
        self.setWindowTitle(self.tr("到访记录"))
        texts = {
            "name": self.tr("姓名"), "phone": self.tr("电话"), "category": self.tr("类别"),
            "party_size": self.tr("人数"), "station": self.tr("暖新驿站"), "checked_in_at": self.tr("到达"),
            "staff": self.tr("经办人"), "purpose": self.tr("事由"), "checked_out_at": self.tr("离开"),
        }
        for key, label in self._labels.items():
            label.setText(texts[key])
        self._values["name"].setText(row.name or self.tr("（未留姓名）"))
        self._values["phone"].setText(row.masked_phone or "—")
        self._values["category"].setText(category_name(row.category.value))
        self._values["party_size"].setText(str(row.party_size))
        station = [platform_name(row.platform.value)] if row.platform else []
        station += [service_name(int(s)) for s in ALL_STATION_SERVICES if row.services & s]
        self._values["station"].setText(self.tr("、").join(station))
        self._values["checked_in_at"].setText(format_datetime(row.checked_in_at, self._zone))
        self._values["staff"].setText(row.staff_name or "—")
        for index in range(self._purpose.count()):
            self._purpose.setItemText(index, purpose_name(str(self._purpose.itemData(index))))
        self._left.setText(self.tr("已离开"))
        self._buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def _on_left_toggled(self, checked: bool) -> None:
        self._out.setEnabled(checked)

    def _checked_out_at(self) -> dt.datetime | None:
        if not self._left.isChecked():
            return None
        chosen = _from_edit(self._out.dateTime(), self._zone)
        original = self._row.checked_out_at
        # The edit shows minutes: an untouched time keeps its seconds, so saving changes nothing by itself.
        if original is not None and chosen == original.replace(second=0, microsecond=0):
            return original
        arrived = self._row.checked_in_at
        if arrived.replace(second=0, microsecond=0) == chosen < arrived:
            return arrived  # the minute of the check-in itself: left at once, not before coming
        return chosen

    def _on_save_clicked(self) -> None:
        self._errors.clear()
        try:
            row = self._visits.correct(self._actor, self._row.id, Purpose(str(self._purpose.currentData())),
                                       self._checked_out_at())
        except DeskError as error:
            self._errors.show(error)
            grow_to_fit(self)
            return
        self.saved.emit(row)
        self.accept()
