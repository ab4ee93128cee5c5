"""UI layer: the parts of the booking page — the day board, its side panel and the booking forms — and what they
share: the colours of the booking states, times in the base's zone, and refusals worded for staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desk.domain.booking import BookingState
from desk.domain.calendar import DayKind, OpenDay
from desk.domain.errors import ClosedThatDay
from desk.services.day_board import BoardBooking
from desk.ui.wording import holiday_name

translate = QCoreApplication.translate


@dataclass(frozen=True)
class StateColours:
    fill: QColor
    border: QColor
    text: QColor
    dashed: bool  # the unit is free again: drawn as an outline only


# Calm and told apart by more than hue: the two that free the unit again are dashed outlines.
STATE_COLOURS = {
    BookingState.BOOKED: StateColours(QColor("#dbe7f8"), QColor("#4a7bbf"), QColor("#1d3b66"), False),
    BookingState.CHECKED_IN: StateColours(QColor("#d3eedb"), QColor("#2e8b57"), QColor("#174a2d"), False),
    BookingState.COMPLETED: StateColours(QColor("#e9e9e9"), QColor("#9a9a9a"), QColor("#4a4a4a"), False),
    BookingState.CANCELLED: StateColours(QColor("#fbfbfb"), QColor("#b5b5b5"), QColor("#8a8a8a"), True),
    BookingState.NO_SHOW: StateColours(QColor("#fdebd0"), QColor("#d98a1c"), QColor("#7a4b00"), True),
}


def hhmm(moment: dt.datetime, zone: dt.tzinfo) -> str:
    return f"{moment.astimezone(zone):%H:%M}"


def time_range(start: dt.datetime, end: dt.datetime, zone: dt.tzinfo) -> str:
    return f"{hhmm(start, zone)}–{hhmm(end, zone)}"


def who(booking: BoardBooking) -> str:
    """The name on a block: anonymous bookings (母婴室, couriers) have none."""
    return booking.person_name or translate("Booking", "匿名")


def closed_error(day: OpenDay) -> ClosedThatDay:
    """What the booking service answers for any booking on a day that is not open (the page says it at once)."""
    kind = "weekly" if day.kind is DayKind.REGULAR else day.kind.value
    return ClosedThatDay("start", day=day.day.isoformat(), reason=day.reason, kind=kind)


def day_reason(day: OpenDay) -> str:
    """Why a day is special, as one short phrase; "" for an ordinary open day."""
    match day.kind:
        case DayKind.CLOSURE:
            return translate("Booking", "闭馆：%1").replace("%1", day.reason)
        case DayKind.HOLIDAY:
            return translate("Booking", "%1（法定节假日）").replace("%1", holiday_name(day.reason))
        case DayKind.MAKEUP_WORKDAY:
            return translate("Booking", "调休上班（%1）").replace("%1", holiday_name(day.reason))
        case DayKind.OVERRIDE:
            return translate("Booking", "特别安排：%1").replace("%1", day.reason) if day.reason else \
                translate("Booking", "特别安排")
    return "" if day.is_open else translate("Booking", "每周休息日")


def day_status(day: OpenDay) -> str:
    """The day line above the board: its hours, or that and why it is closed."""
    reason = day_reason(day)
    if day.opens is None or day.closes is None:
        return translate("Booking", "%1，不开放预约").replace("%1", reason)
    hours = translate("Booking", "开放 %1–%2").replace("%1", f"{day.opens:%H:%M}").replace(
        "%2", f"{day.closes:%H:%M}")
    return f"{hours} · {reason}" if reason else hours
