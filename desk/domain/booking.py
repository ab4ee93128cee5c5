"""Domain layer: facilities and their booking rules — kinds, states, and the checks of one requested time
range that need no database (hours, step, length, window, past). Overlaps and quotas are checked by the
service inside the transaction that books."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from desk.domain.calendar import DayKind, OpenDay
from desk.domain.errors import (
    BeyondBookingWindow,
    BookingTooLong,
    BookingTooShort,
    ClosedThatDay,
    EndBeforeStart,
    InThePast,
    OffTheSlotStep,
    OutsideOpeningHours,
)

# How close to "now" a walk-in may start in the past (the desk rounds "use now" down to the slot).
WALK_IN_SLACK = dt.timedelta(minutes=1)


class FacilityKind(enum.StrEnum):
    READING_ROOM = "reading_room"  # 党建书吧
    NURSING_ROOM = "nursing_room"  # 母婴室
    EBIKE_CHARGING = "ebike_charging"  # 电动车充电桩
    PHONE_CHARGING = "phone_charging"  # 充电插座
    ACTIVITY_ROOM = "activity_room"  # 党员活动室
    CINEMA = "cinema"  # 红色影院
    LEGAL_AID = "legal_aid"  # 法律援助
    OTHER = "other"

    @property
    def is_charging(self) -> bool:
        return self in (FacilityKind.EBIKE_CHARGING, FacilityKind.PHONE_CHARGING)


class BookingState(enum.StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


ACTIVE_STATES = (BookingState.BOOKED, BookingState.CHECKED_IN)


@dataclass(frozen=True)
class Rules:
    """The booking rules of one facility."""

    slot_minutes: int
    min_minutes: int
    max_minutes: int
    buffer_minutes: int
    horizon_days: int
    grace_minutes: int
    quota_minutes: int | None  # per person per day
    quota_count: int | None  # bookings per person per day
    name_required: bool


def check_range(rules: Rules, start: dt.datetime, end: dt.datetime, day: OpenDay, now: dt.datetime,
                zone: dt.tzinfo, *, walk_in: bool = False) -> None:
    """Everything about the requested range itself. `day` is the local date of `start` as the calendar sees it."""
    if end <= start:
        raise EndBeforeStart("end")
    minutes = (end - start).total_seconds() / 60
    if minutes < rules.min_minutes:
        raise BookingTooShort("end", minutes=rules.min_minutes)
    if minutes > rules.max_minutes:
        raise BookingTooLong("end", minutes=rules.max_minutes)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    if not walk_in and (_off_step(local_start, rules.slot_minutes) or _off_step(local_end, rules.slot_minutes)):
        raise OffTheSlotStep("start", minutes=rules.slot_minutes)
    if start < now - (WALK_IN_SLACK if walk_in else dt.timedelta(0)):
        raise InThePast("start")
    if local_start.date() - now.astimezone(zone).date() > dt.timedelta(days=rules.horizon_days):
        raise BeyondBookingWindow("start", days=rules.horizon_days)
    if not day.is_open:
        kind = "weekly" if day.kind is DayKind.REGULAR else day.kind.value
        raise ClosedThatDay("start", day=day.day.isoformat(), reason=day.reason, kind=kind)
    assert day.opens is not None and day.closes is not None
    opens = dt.datetime.combine(day.day, day.opens, zone)
    closes = dt.datetime.combine(day.day, day.closes, zone)
    if start < opens or end > closes:
        raise OutsideOpeningHours("start", opens=f"{day.opens:%H:%M}", closes=f"{day.closes:%H:%M}")


def _off_step(moment: dt.datetime, step: int) -> bool:
    return moment.second != 0 or moment.microsecond != 0 or (moment.hour * 60 + moment.minute) % step != 0


def overlaps(a_start: dt.datetime, a_end: dt.datetime, b_start: dt.datetime, b_end: dt.datetime,
             buffer: dt.timedelta) -> bool:
    """Two bookings of one unit clash when they overlap once the buffer is added between them."""
    return a_start < b_end + buffer and b_start < a_end + buffer


def first_weekday_of_month(year: int, month: int, weekday: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7)
