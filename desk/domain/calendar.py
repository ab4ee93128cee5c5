"""Domain layer: when a base (or a facility) is open on a given date — weekly hours, the base's own closures,
Chinese statutory holidays and 调休 make-up workdays (from `chinese-calendar`), and per-date overrides."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desk.domain.hours import DayHours


class DayKind(enum.StrEnum):
    REGULAR = "regular"
    CLOSURE = "closure"  # the base's own closure (renovation, inspection, ...)
    HOLIDAY = "holiday"  # 法定节假日
    MAKEUP_WORKDAY = "makeup_workday"  # 调休: a weekend day that is a working day
    OVERRIDE = "override"  # set by an administrator for this date


@dataclass(frozen=True)
class Holiday:
    is_holiday: bool
    is_makeup_workday: bool
    name: str  # the package's English name, e.g. "National Day"; "" when none


@dataclass(frozen=True)
class DateOverride:
    """An administrator's decision for one date, e.g. open on 国庆 with short hours."""

    day: dt.date
    opens: dt.time | None  # None = closed that day
    closes: dt.time | None
    reason: str


@dataclass(frozen=True)
class ClosureSpan:
    start: dt.date
    end: dt.date
    reason: str


@dataclass(frozen=True)
class OpenDay:
    day: dt.date
    opens: dt.time | None
    closes: dt.time | None
    kind: DayKind
    reason: str  # closure reason, holiday name or override reason

    @property
    def is_open(self) -> bool:
        return self.opens is not None and self.closes is not None


HolidayLookup = Callable[[dt.date], Holiday | None]


@functools.lru_cache(maxsize=2048)
def chinese_holidays(day: dt.date) -> Holiday | None:
    """Statutory holidays and 调休 days; None for a year the package has no data for yet.

    Kept per date: the package's tables are fixed while the program runs, and looking a date up in them cost
    every booking more than its database statements."""
    import chinese_calendar

    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        workday = chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None
    makeup = workday and day.weekday() >= 5
    # The package calls every weekend a "holiday" too; only named days are statutory holidays.
    return Holiday(bool(on_holiday and name and not workday), makeup, name or "")


def open_day(
    day: dt.date,
    week: tuple[DayHours, ...],
    closures: Iterable[ClosureSpan] = (),
    overrides: Iterable[DateOverride] = (),
    holidays: HolidayLookup = chinese_holidays,
) -> OpenDay:
    """The hours of one date. Precedence: an override, then a closure, then holidays and 调休, then the week."""
    for override in overrides:
        if override.day == day:
            return OpenDay(day, override.opens, override.closes, DayKind.OVERRIDE, override.reason)
    for closure in closures:
        if closure.start <= day <= closure.end:
            return OpenDay(day, None, None, DayKind.CLOSURE, closure.reason)
    holiday = holidays(day)
    if holiday is not None and holiday.is_holiday:
        return OpenDay(day, None, None, DayKind.HOLIDAY, holiday.name)
    if holiday is not None and holiday.is_makeup_workday:
        # A make-up workday keeps the hours of an ordinary working day (Monday's).
        monday = week[0]
        return OpenDay(day, monday.opens, monday.closes, DayKind.MAKEUP_WORKDAY, holiday.name)
    hours = week[day.weekday()]
    return OpenDay(day, hours.opens, hours.closes, DayKind.REGULAR, "")
