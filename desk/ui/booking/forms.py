"""UI layer: the booking forms — book free time (or use a unit from now on, a walk-in) for a person found with the
person picker, and cancel a booking with its reason. Each form calls the service itself, so a refusal is shown
next to its field (the rule named: "A1 在 14:00–15:00 已被预约…") while the form stays open and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.domain.booking import FacilityKind
from desk.domain.errors import DeskError, NothingChosen
from desk.services.bookings import BookingRow
from desk.services.day_board import BoardBooking, DayBoard
from desk.services.facilities import UnitInfo
from desk.ui.booking import time_range, who
from desk.ui.pages import PageContext
from desk.ui.person_picker import PersonPicker
from desk.ui.settings._common import format_date
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating, grow_to_fit

NOTE_MAX = 80
CANCEL_REASON_MAX = 60
HEADING_STYLE = "font-weight: bold;"
WALK_IN_MINUTES = 60  # what "use now" offers first, within the facility's limits and the closing time


class FormDialog(Retranslating, QDialog):
    """A form of labelled fields with their errors beneath, a general error line and two buttons."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._heading = QLabel()
        self._heading.setObjectName("form_heading")
        self._heading.setStyleSheet(HEADING_STYLE)
        self._heading.setWordWrap(True)
        self._general = ErrorLabel()
        self._general.setObjectName("form_error")
        self._errors = FieldErrors(self._general)
        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setObjectName("save_button")
        self._ok.setDefault(True)
        self._back = self._buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self._back.setObjectName("cancel_button")
        self._buttons.accepted.connect(self._on_save_clicked)
        self._buttons.rejected.connect(self.reject)

    def _finish_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading)
        layout.addLayout(self._form)
        layout.addWidget(self._general)
        layout.addWidget(self._buttons)

    def _add_field(self, label: QLabel, field: str, widget: QWidget) -> QWidget:
        box = self._errors.with_label(field, widget)
        label.setBuddy(widget)
        self._form.addRow(label, box)
        return box

    def error_text(self, field: str | None = None) -> str:
        """What is shown under a field (or on the general line) now."""
        return self._errors.text_of(field or "")

    def _show_error(self, error: DeskError) -> None:
        self._errors.show(error)
        grow_to_fit(self)

    def _on_save_clicked(self) -> None:
        self._errors.clear()
        try:
            self._save()
        except DeskError as error:
            self._show_error(error)
            return
        self.accept()

    def _save(self) -> None:
        raise NotImplementedError


class BookingDialog(FormDialog):
    """Book a unit for a time range, or (walk_in) let someone use it from now on; the person is chosen with the
    picker, or "anonymous" where the facility needs no name."""

    booked = Signal(object)  # BookingRow

    def __init__(self, context: PageContext, board: DayBoard, unit: UnitInfo, start: dt.datetime,
                 end: dt.datetime, *, walk_in: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walk_in_dialog" if walk_in else "booking_dialog")
        self._context = context
        self._board = board
        self._unit = unit
        self._walk_in = walk_in
        facility = board.facility
        rules = facility.rules
        zone = board.zone

        self._start = QComboBox()
        self._start.setObjectName("booking_start")
        self._end = QComboBox()
        self._end.setObjectName("booking_end")
        step = dt.timedelta(minutes=board.slot_minutes)
        for slot in board.slots:
            self._start.addItem(f"{slot.astimezone(zone):%H:%M}", slot)
            self._end.addItem(f"{(slot + step).astimezone(zone):%H:%M}", slot + step)
        self._start.setCurrentIndex(max(0, self._start.findText(f"{start.astimezone(zone):%H:%M}")))
        self._end.setCurrentIndex(max(0, self._end.findText(f"{end.astimezone(zone):%H:%M}")))
        self._minutes = QComboBox()
        self._minutes.setObjectName("walk_in_minutes")
        for minutes in range(rules.min_minutes, rules.max_minutes + 1, rules.slot_minutes):
            self._minutes.addItem("", minutes)
        self._minutes.setCurrentIndex(max(0, self._minutes.findData(self._first_walk_in_minutes())))
        self._picker = PersonPicker(context.services.people, allow_anonymous=not rules.name_required)
        self._party_size = QSpinBox()
        self._party_size.setObjectName("party_size")
        self._party_size.setRange(1, max(1, unit.capacity))
        self._note = QLineEdit()
        self._note.setObjectName("booking_note")
        self._note.setMaxLength(NOTE_MAX)
        self._safety = [QCheckBox() for _ in range(3)]
        for number, box in enumerate(self._safety, start=1):
            box.setObjectName(f"safety_{number}")
        self._needs_safety = walk_in and facility.kind is FacilityKind.EBIKE_CHARGING
        safety_box = QWidget(self)
        safety_layout = QVBoxLayout(safety_box)
        safety_layout.setContentsMargins(0, 0, 0, 0)
        for box in self._safety:
            safety_layout.addWidget(box)

        self._labels = {key: QLabel() for key in ("start", "end", "minutes", "person", "party_size", "note",
                                                  "safety")}
        if walk_in:
            length_box = self._add_field(self._labels["minutes"], "end", self._minutes)
            label = length_box.findChild(ErrorLabel)
            assert label is not None
            self._errors.bind("start", label, self._minutes)  # closed, outside the hours: said at the length
        else:
            self._add_field(self._labels["start"], "start", self._start)
            self._add_field(self._labels["end"], "end", self._end)
        self._add_field(self._labels["person"], "person", self._picker)
        if unit.capacity > 1:
            self._add_field(self._labels["party_size"], "party_size", self._party_size)
        if not walk_in:
            self._add_field(self._labels["note"], "note", self._note)
        if self._needs_safety:
            self._add_field(self._labels["safety"], "safety", safety_box)
        else:
            safety_box.hide()
        self._finish_layout()
        self.setMinimumWidth(460)

        self._picker.person_chosen.connect(self._on_picker_person_chosen)
        self.retranslate()
        self._picker.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, context: PageContext, board: DayBoard, unit: UnitInfo,
            start: dt.datetime, end: dt.datetime, *, walk_in: bool = False,
            on_booked: Callable[[BookingRow], None] | None = None) -> BookingDialog:
        """Open the form window-modally and return at once; `on_booked` gets the new booking."""
        dialog = cls(context, board, unit, start, end, walk_in=walk_in, parent=parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_booked is not None:
            dialog.booked.connect(on_booked)
        dialog.open()
        dialog.picker.setFocus()  # a focus set before the dialog is shown does not hold
        return dialog

    def retranslate(self) -> None:
        facility = self._board.facility
        self.setWindowTitle(self.tr("现在使用") if self._walk_in else self.tr("新预约"))
        self._heading.setText(f"{facility.name} · {self._unit.name} · {format_date(self._board.day)}")
        texts = {"start": self.tr("开始"), "end": self.tr("结束"), "minutes": self.tr("使用时长"),
                 "person": self.tr("预约人"), "party_size": self.tr("人数"), "note": self.tr("备注"),
                 "safety": self.tr("充电安全")}
        for key, label in self._labels.items():
            label.setText(texts[key])
        for index in range(self._minutes.count()):
            self._minutes.setItemText(index, self.tr("%n 分钟", "", int(self._minutes.itemData(index))))
        self._note.setPlaceholderText(self.tr("选填，例如：主题党日"))
        self._party_size.setSuffix(self.tr(" 人"))
        for box, text in zip(self._safety, (self.tr("电池未改装"), self.tr("不过夜充电"),
                                            self.tr("车辆停放在指定区域")), strict=True):
            box.setText(text)
        self._ok.setText(self.tr("开始使用") if self._walk_in else self.tr("预约"))
        self._back.setText(self.tr("取消"))

    @property
    def picker(self) -> PersonPicker:
        return self._picker

    # -- helpers -------------------------------------------------------------------------------------------------

    def _first_walk_in_minutes(self) -> int:
        rules = self._board.facility.rules
        minutes = min(rules.max_minutes, max(rules.min_minutes, WALK_IN_MINUTES))
        closes = self._board.closes_at
        if closes is not None:
            left = int((closes - self._context.clock.now()).total_seconds() // 60)
            fitting = left - left % rules.slot_minutes
            if rules.min_minutes <= fitting < minutes:
                minutes = fitting
        return minutes - (minutes - rules.min_minutes) % rules.slot_minutes

    def _on_picker_person_chosen(self, _person: object) -> None:
        if self._party_size.isVisibleTo(self):
            self._party_size.setFocus()
            self._party_size.selectAll()
        elif not self._walk_in:
            self._note.setFocus()
        else:
            self._ok.setFocus()

    def _save(self) -> None:
        if not self._picker.has_choice():
            raise NothingChosen("person")
        person = self._picker.chosen()
        person_id = person.id if person is not None else None
        self._party_size.interpretText()
        size = self._party_size.value()
        bookings = self._context.services.bookings
        if self._walk_in:
            row = bookings.use_now(self._context.actor, self._unit.id, int(self._minutes.currentData()),
                                   person_id, size,
                                   safety_checked=self._needs_safety and all(b.isChecked() for b in self._safety))
        else:
            row = bookings.book(self._context.actor, self._unit.id, self._start.currentData(),
                                self._end.currentData(), person_id, size, self._note.text())
        self.booked.emit(row)


class CancelDialog(FormDialog):
    """Cancel a booking: the reason is required (it is kept with the booking and in the log)."""

    cancelled = Signal(object)  # BookingRow

    def __init__(self, context: PageContext, booking: BoardBooking, unit_name: str, zone: dt.tzinfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancel_dialog")
        self._context = context
        self._booking = booking
        self._unit_name = unit_name
        self._zone = zone
        self._reason = QLineEdit()
        self._reason.setObjectName("cancel_reason")
        self._reason.setMaxLength(CANCEL_REASON_MAX)
        self._reason_label = QLabel()
        self._add_field(self._reason_label, "cancel_reason", self._reason)
        self._finish_layout()
        self.setMinimumWidth(420)
        self.retranslate()
        self._reason.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, context: PageContext, booking: BoardBooking, unit_name: str,
            zone: dt.tzinfo, on_cancelled: Callable[[BookingRow], None] | None = None) -> CancelDialog:
        dialog = cls(context, booking, unit_name, zone, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_cancelled is not None:
            dialog.cancelled.connect(on_cancelled)
        dialog.open()
        dialog._reason.setFocus()
        return dialog

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("取消预约"))
        self._heading.setText(" · ".join((who(self._booking), self._unit_name,
                                          time_range(self._booking.starts_at, self._booking.ends_at, self._zone))))
        self._reason_label.setText(self.tr("取消原因"))
        self._reason.setPlaceholderText(self.tr("必填，例如：本人来电取消"))
        self._ok.setText(self.tr("取消预约"))
        self._back.setText(self.tr("返回"))

    def _save(self) -> None:
        row = self._context.services.bookings.cancel(self._context.actor, self._booking.id, self._reason.text())
        self.cancelled.emit(row)
