"""Domain layer: a base's weekly opening hours, closures and profile fields."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass

from desk.domain.errors import BadFormat, EndBeforeStart, Required
from desk.domain.text import clean_text

BASE_NAME_MAX = 60
ADDRESS_MAX = 120
REASON_MAX = 60
DEFAULT_TIMEZONE = "Asia/Shanghai"

_BASE_CODE = re.compile(r"^[A-Z0-9]{2,8}$")


@dataclass(frozen=True)
class DayHours:
    """Opening hours of one weekday (0 = Monday). A closed day has no times."""

    weekday: int
    opens: dt.time | None
    closes: dt.time | None

    @property
    def is_open(self) -> bool:
        return self.opens is not None


DEFAULT_WEEK = tuple(DayHours(d, dt.time(9, 0), dt.time(21, 0)) for d in range(7))


def check_day_hours(day: DayHours) -> DayHours:
    if not 0 <= day.weekday <= 6:
        raise BadFormat(f"hours_{day.weekday}", expected="weekday")
    if (day.opens is None) != (day.closes is None):
        raise Required(f"hours_{day.weekday}")
    if day.opens is not None and day.closes is not None and day.closes <= day.opens:
        raise EndBeforeStart(f"hours_{day.weekday}")
    return day


def check_week(days: list[DayHours] | tuple[DayHours, ...]) -> tuple[DayHours, ...]:
    by_day = {d.weekday: check_day_hours(d) for d in days}
    if sorted(by_day) != list(range(7)):
        raise Required("hours")
    return tuple(by_day[d] for d in range(7))


def clean_base_name(value: str | None) -> str:
    return clean_text(value, "base_name", max_length=BASE_NAME_MAX)


def clean_address(value: str | None) -> str:
    return clean_text(value, "address", max_length=ADDRESS_MAX, required=False)


def clean_base_code(value: str | None) -> str:
    text = (value or "").strip().upper()
    if not text:
        raise Required("base_code")
    if not _BASE_CODE.match(text):
        raise BadFormat("base_code", expected="base_code")
    return text


def check_timezone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise BadFormat("timezone", expected="timezone") from None
    return value


def check_closure(start: dt.date, end: dt.date, reason: str | None) -> tuple[dt.date, dt.date, str]:
    if end < start:
        raise EndBeforeStart("closure_end")
    return start, end, clean_text(reason, "closure_reason", max_length=REASON_MAX)
