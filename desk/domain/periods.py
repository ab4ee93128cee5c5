"""Domain layer: reporting periods (统计期间) — a day, an ISO week (Monday to Sunday), a calendar month, a quarter,
a year or a custom range of local days, both ends included. Reports and notices (积分公示) are asked for by period; the service turns a period into
instants in the base's zone.

No prose here: `parts()` gives the year and the month, quarter or week number, and the printing layer or the window
words them ("2026年11月", "2026年第4季度", "Q4 2026")."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from desk.domain.errors import EndBeforeStart, OutOfRange

MAX_DAYS = 366  # a leap year; longer ranges belong in several reports, and keep each query bounded


class PeriodKind(enum.StrEnum):
    DAY = "day"
    WEEK = "week"  # ISO week: Monday to Sunday
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"


@dataclass(frozen=True)
class PeriodParts:
    """What a label is made of: the year and, for a month, a quarter or a week, its number (1–12, 1–4 or the ISO
    week 1–53; a week's year is its ISO year, which differs from the calendar year around New Year)."""

    kind: PeriodKind
    year: int
    number: int | None


@dataclass(frozen=True)
class Period:
    """Local days `start`..`end`, both included. Build days, weeks, months, quarters and years with the
    constructors; a direct `Period(start, end)` is a custom range. Invalid ranges raise EndBeforeStart or OutOfRange."""

    start: dt.date
    end: dt.date
    kind: PeriodKind = PeriodKind.CUSTOM

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PeriodKind(self.kind))
        if self.end < self.start:
            raise EndBeforeStart("end")
        if self.days > MAX_DAYS:
            raise OutOfRange("end", minimum=1, maximum=MAX_DAYS)

    # -- constructors --------------------------------------------------------------------------------------------

    @classmethod
    def day(cls, day: dt.date) -> Period:
        return cls(day, day, PeriodKind.DAY)

    @classmethod
    def week(cls, day: dt.date) -> Period:
        """The ISO week (Monday to Sunday) that `day` falls in."""
        monday = day - dt.timedelta(days=day.weekday())
        return cls(monday, monday + dt.timedelta(days=6), PeriodKind.WEEK)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise OutOfRange("month", minimum=1, maximum=12)
        first = dt.date(year, month, 1)
        return cls(first, _next_month(first) - dt.timedelta(days=1), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise OutOfRange("quarter", minimum=1, maximum=4)
        first = dt.date(year, 3 * quarter - 2, 1)
        last = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
        return cls(first, last - dt.timedelta(days=1), PeriodKind.QUARTER)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def custom(cls, start: dt.date, end: dt.date) -> Period:
        return cls(start, end, PeriodKind.CUSTOM)

    @classmethod
    def containing(cls, day: dt.date, kind: PeriodKind | str) -> Period:
        """The day, week, month, quarter or year `day` falls in (a custom range is the day alone)."""
        match PeriodKind(kind):
            case PeriodKind.DAY:
                return cls.day(day)
            case PeriodKind.WEEK:
                return cls.week(day)
            case PeriodKind.MONTH:
                return cls.month(day.year, day.month)
            case PeriodKind.QUARTER:
                return cls.quarter(day.year, (day.month - 1) // 3 + 1)
            case PeriodKind.YEAR:
                return cls.year(day.year)
            case PeriodKind.CUSTOM:
                return cls.custom(day, day)

    # -- arithmetic ----------------------------------------------------------------------------------------------

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def previous(self) -> Period:
        """The period just before: the previous day, week, month, quarter or year; for a custom range the range of
        the same number of days ending the day before this one starts."""
        if self.kind is PeriodKind.CUSTOM:
            end = self.start - dt.timedelta(days=1)
            return Period.custom(end - dt.timedelta(days=self.days - 1), end)
        return Period.containing(self.start - dt.timedelta(days=1), self.kind)

    def parts(self) -> PeriodParts:
        match self.kind:
            case PeriodKind.MONTH:
                return PeriodParts(self.kind, self.start.year, self.start.month)
            case PeriodKind.QUARTER:
                return PeriodParts(self.kind, self.start.year, (self.start.month - 1) // 3 + 1)
            case PeriodKind.WEEK:
                iso = self.start.isocalendar()
                return PeriodParts(self.kind, iso.year, iso.week)
            case _:
                return PeriodParts(self.kind, self.start.year, None)

    def bounds(self, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
        """The instants [first midnight, the midnight after the last day) in `zone`: compare stored times with
        `>= start` and `< end`, so an entry at 23:59:59.9 on the last day is in, and one at midnight is not."""
        return (dt.datetime.combine(self.start, dt.time(0, 0), zone),
                dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(0, 0), zone))


def _next_month(first: dt.date) -> dt.date:
    return dt.date(first.year + 1, 1, 1) if first.month == 12 else dt.date(first.year, first.month + 1, 1)


__all__ = ["MAX_DAYS", "Period", "PeriodKind", "PeriodParts"]
