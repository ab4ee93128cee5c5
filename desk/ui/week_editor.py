"""UI layer: the weekly opening-hours editor (used by first-start setup and by the hours settings)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QTimeEdit, QWidget

from desk.domain.hours import DEFAULT_WEEK, DayHours
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating
from desk.ui.wording import weekday_name


def to_qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


def from_qtime(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


class WeekEditor(Retranslating, QWidget):
    """Seven rows: open or closed, opening and closing time. Used by setup and by the hours settings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self._rows: list[tuple[QLabel, QCheckBox, QTimeEdit, QTimeEdit, ErrorLabel]] = []
        for day in range(7):
            name = QLabel()
            is_open = QCheckBox()
            is_open.setObjectName(f"open_{day}")
            opens = QTimeEdit()
            opens.setObjectName(f"opens_{day}")
            closes = QTimeEdit()
            closes.setObjectName(f"closes_{day}")
            for edit in (opens, closes):
                edit.setDisplayFormat("HH:mm")
            error = ErrorLabel()
            is_open.toggled.connect(opens.setEnabled)
            is_open.toggled.connect(closes.setEnabled)
            grid.addWidget(name, day * 2, 0)
            grid.addWidget(is_open, day * 2, 1)
            grid.addWidget(opens, day * 2, 2)
            grid.addWidget(QLabel("–"), day * 2, 3)
            grid.addWidget(closes, day * 2, 4)
            grid.addWidget(error, day * 2 + 1, 0, 1, 5)
            self._rows.append((name, is_open, opens, closes, error))
        grid.setColumnStretch(5, 1)  # keep the time fields together on the left
        self.set_week(DEFAULT_WEEK)
        self.retranslate()

    def retranslate(self) -> None:
        for day, (name, is_open, *_rest) in enumerate(self._rows):
            name.setText(weekday_name(day))
            is_open.setText(self.tr("开放"))

    def bind_errors(self, errors: FieldErrors) -> None:
        for day, (_name, _is_open, opens, _closes, error) in enumerate(self._rows):
            errors.bind(f"hours_{day}", error, opens)

    def set_week(self, week: tuple[DayHours, ...]) -> None:
        for day in week:
            _name, is_open, opens, closes, _error = self._rows[day.weekday]
            is_open.setChecked(day.is_open)
            opens.setTime(to_qtime(day.opens or dt.time(9, 0)))
            closes.setTime(to_qtime(day.closes or dt.time(21, 0)))
            opens.setEnabled(day.is_open)
            closes.setEnabled(day.is_open)

    def week(self) -> tuple[DayHours, ...]:
        days = []
        for day, (_name, is_open, opens, closes, _error) in enumerate(self._rows):
            if is_open.isChecked():
                days.append(DayHours(day, from_qtime(opens.time()), from_qtime(closes.time())))
            else:
                days.append(DayHours(day, None, None))
        return tuple(days)
