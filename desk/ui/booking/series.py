"""UI layer: recurring bookings of a group room (主题党日 every month's first Tuesday, a class every Wednesday) —
the dates between two days, booked as one series; the form then lists which dates were booked and which were
skipped, each with the rule that refused it (closed that day, already booked, beyond the booking window, ...)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from desk.domain.booking import first_weekday_of_month
from desk.domain.errors import DeskError, EndBeforeStart, NothingChosen
from desk.services.bookings import SeriesResult
from desk.services.day_board import DayBoard
from desk.services.facilities import UnitInfo
from desk.ui.booking.forms import NOTE_MAX, FormDialog
from desk.ui.pages import PageContext
from desk.ui.person_picker import PersonPicker
from desk.ui.settings._common import format_date, from_qdate, to_qdate
from desk.ui.widgets import DATE_EDIT_FORMAT, ErrorLabel, grow_to_fit
from desk.ui.wording import error_text, weekday_name

DEFAULT_SPAN_DAYS = 90
SKIPPED_COLOUR = QColor("#b3261e")
BOOKED_COLOUR = QColor("#1e6b34")


class Pattern(enum.Enum):
    WEEKLY = "weekly"  # 每周X
    FIRST_OF_MONTH = "first_of_month"  # 每月第一个X


def series_dates(pattern: Pattern, weekday: int, first: dt.date, last: dt.date) -> list[dt.date]:
    """The dates of a pattern from `first` to `last`, both included (weekday 0 = Monday)."""
    if last < first:
        return []
    if pattern is Pattern.WEEKLY:
        day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
        days = []
        while day <= last:
            days.append(day)
            day += dt.timedelta(days=7)
        return days
    days = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        day = first_weekday_of_month(year, month, weekday)
        if first <= day <= last:
            days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


class SeriesDialog(FormDialog):
    series_booked = Signal(object)  # SeriesResult

    def __init__(self, context: PageContext, board: DayBoard, unit: UnitInfo, start: dt.datetime,
                 end: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("series_dialog")
        self._context = context
        self._board = board
        self._unit = unit
        rules = board.facility.rules
        zone = board.zone

        self._pattern = QComboBox()
        self._pattern.setObjectName("series_pattern")
        for pattern in Pattern:
            self._pattern.addItem("", pattern.value)
        self._weekday = QComboBox()
        self._weekday.setObjectName("series_weekday")
        for weekday in range(7):
            self._weekday.addItem("", weekday)
        self._weekday.setCurrentIndex(board.day.weekday())
        self._first = QDateEdit()
        self._first.setObjectName("series_first")
        self._last = QDateEdit()
        self._last.setObjectName("series_last")
        for edit in (self._first, self._last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_EDIT_FORMAT)
        self._first.setDate(to_qdate(board.day))
        self._last.setDate(to_qdate(board.day + dt.timedelta(days=min(DEFAULT_SPAN_DAYS, rules.horizon_days))))
        self._start = QComboBox()
        self._start.setObjectName("series_start")
        self._end = QComboBox()
        self._end.setObjectName("series_end")
        step = rules.slot_minutes
        if board.slots:
            local = [s.astimezone(zone) for s in board.slots]
            minutes = [t.hour * 60 + t.minute for t in local] + [local[-1].hour * 60 + local[-1].minute + step]
        else:  # a day with no hours at all: offer the whole working day
            minutes = list(range(8 * 60, 22 * 60 + 1, step))
        for m in minutes[:-1]:
            self._start.addItem(_hhmm(m), m)
        for m in minutes[1:]:
            self._end.addItem(_hhmm(m), m)
        start_local, end_local = start.astimezone(zone), end.astimezone(zone)
        self._start.setCurrentIndex(max(0, self._start.findText(f"{start_local:%H:%M}")))
        self._end.setCurrentIndex(max(0, self._end.findText(f"{end_local:%H:%M}")))
        self._picker = PersonPicker(context.services.people, allow_anonymous=not rules.name_required)
        self._party_size = QSpinBox()
        self._party_size.setObjectName("party_size")
        self._party_size.setRange(1, max(1, unit.capacity))
        self._description = QLineEdit()
        self._description.setObjectName("series_description")
        self._description.setMaxLength(NOTE_MAX)
        self._summary = QLabel()
        self._summary.setObjectName("series_summary")
        self._summary.setWordWrap(True)
        self._summary.hide()
        self._result = QListWidget()
        self._result.setObjectName("series_result")
        self._result.setWordWrap(True)
        self._result.hide()

        self._labels = {key: QLabel() for key in ("pattern", "weekday", "first", "last", "start", "end", "person",
                                                  "party_size", "description")}
        self._add_field(self._labels["pattern"], "pattern", self._pattern)
        self._add_field(self._labels["weekday"], "weekday", self._weekday)
        self._add_field(self._labels["first"], "series_first", self._first)
        self._add_field(self._labels["last"], "series_last", self._last)
        self._add_field(self._labels["start"], "series_start", self._start)
        self._add_field(self._labels["end"], "series_end", self._end)
        self._add_field(self._labels["person"], "person", self._picker)
        if unit.capacity > 1:
            self._add_field(self._labels["party_size"], "party_size", self._party_size)
        self._add_field(self._labels["description"], "description", self._description)
        self._form.addRow(self._summary)
        self._form.addRow(self._result)
        self._finish_layout()
        self.setMinimumWidth(500)
        self._picker.person_chosen.connect(self._on_picker_person_chosen)
        self.retranslate()
        self._pattern.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, context: PageContext, board: DayBoard, unit: UnitInfo,
            start: dt.datetime, end: dt.datetime,
            on_booked: Callable[[SeriesResult], None] | None = None) -> SeriesDialog:
        dialog = cls(context, board, unit, start, end, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_booked is not None:
            dialog.series_booked.connect(on_booked)
        dialog.open()
        dialog._pattern.setFocus()  # a focus set before the dialog is shown does not hold
        return dialog

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("周期预约"))
        self._heading.setText(f"{self._board.facility.name} · {self._unit.name}")
        texts = {"pattern": self.tr("重复"), "weekday": self.tr("星期"), "first": self.tr("从"),
                 "last": self.tr("到"), "start": self.tr("开始"), "end": self.tr("结束"), "person": self.tr("预约人"),
                 "party_size": self.tr("人数"), "description": self.tr("活动名称")}
        for key, label in self._labels.items():
            label.setText(texts[key])
        self._pattern.setItemText(0, self.tr("每周"))
        self._pattern.setItemText(1, self.tr("每月第一个"))
        for index in range(7):
            self._weekday.setItemText(index, weekday_name(index))
        self._party_size.setSuffix(self.tr(" 人"))
        self._description.setPlaceholderText(self.tr("例如：主题党日"))
        self._ok.setText(self.tr("预约这些日期"))
        self._back.setText(self.tr("关闭"))

    @property
    def picker(self) -> PersonPicker:
        return self._picker

    def result_lines(self) -> list[str]:
        return [self._result.item(i).text() for i in range(self._result.count())]

    def summary_text(self) -> str:
        return self._summary.text() if self._summary.isVisible() else ""

    def _on_picker_person_chosen(self, _person: object) -> None:
        (self._party_size if self._party_size.isVisibleTo(self) else self._description).setFocus()

    def _on_save_clicked(self) -> None:
        # The result stays on screen to be read: booking again is a new series, closing is "关闭".
        self._errors.clear()
        try:
            self._save()
        except DeskError as error:
            self._show_error(error)

    def _save(self) -> None:
        first, last = from_qdate(self._first.date()), from_qdate(self._last.date())
        if last < first:
            raise EndBeforeStart("series_last")
        start_minutes, end_minutes = int(self._start.currentData()), int(self._end.currentData())
        if end_minutes <= start_minutes:
            raise EndBeforeStart("series_end")
        if not self._picker.has_choice():
            raise NothingChosen("person")
        days = series_dates(Pattern(self._pattern.currentData()), int(self._weekday.currentData()), first, last)
        if not days:
            label = self.findChild(ErrorLabel, "error_series_last")
            assert label is not None
            label.show_text(self.tr("这段日期内没有这样的日子，请改一下日期或星期。"))
            grow_to_fit(self)
            return
        person = self._picker.chosen()
        self._party_size.interpretText()
        result = self._context.services.bookings.book_series(
            self._context.actor, self._unit.id, days, _time(start_minutes), _time(end_minutes),
            person.id if person is not None else None, self._party_size.value(), self._description.text())
        self._show_result(result)
        self.series_booked.emit(result)

    def _show_result(self, result: SeriesResult) -> None:
        zone = self._board.zone
        entries: list[tuple[dt.date, str, bool]] = []
        for row in result.booked:
            local = row.starts_at.astimezone(zone)
            entries.append((local.date(), self.tr("%1 已预约 %2–%3").replace("%1", format_date(local.date())).replace(
                "%2", f"{local:%H:%M}").replace("%3", f"{row.ends_at.astimezone(zone):%H:%M}"), True))
        for day, refusal in result.skipped:
            entries.append((day, self.tr("%1 跳过：%2").replace("%1", format_date(day)).replace(
                "%2", error_text(refusal)), False))
        self._result.clear()
        for _day, text, booked in sorted(entries, key=lambda e: e[0]):
            item = QListWidgetItem(text)
            item.setForeground(BOOKED_COLOUR if booked else SKIPPED_COLOUR)
            self._result.addItem(item)
        summary = self.tr("已预约 %n 次", "", len(result.booked))
        if result.skipped:
            summary += self.tr("，跳过 %n 次（原因见下）", "", len(result.skipped))
        self._summary.setText(summary + self.tr("。"))
        self._summary.show()
        self._result.show()
        self._ok.hide()
        self._back.setDefault(True)
        self._back.setFocus()
        grow_to_fit(self)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60) if minutes < 24 * 60 else dt.time(23, 59)
