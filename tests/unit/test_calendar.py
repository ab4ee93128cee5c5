"""When the base is open: weekly hours, the base's closures, Chinese statutory holidays and 调休 workdays from
chinese-calendar, and an administrator's overrides — in the domain (`open_day`) and as the services see them
(`FacilityService.open_day`, booking refused or allowed), on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from booking_fixtures import at, person, unit_id

from desk.domain.booking import FacilityKind
from desk.domain.calendar import ClosureSpan, DateOverride, DayKind, chinese_holidays, open_day
from desk.domain.clock import FixedClock
from desk.domain.errors import ClosedThatDay, OutsideOpeningHours
from desk.domain.hours import DayHours
from desk.domain.staff import Actor
from desk.services.bases import BaseService
from desk.services.bookings import BookingService
from desk.services.context import ServiceContext
from desk.services.facilities import FacilityService
from desk.services.facility_admin import FacilityAdminService

T = dt.time
# Mondays 08:30–20:00, other weekdays 09:00–21:00, Saturdays 09:30–18:00, Sundays closed: each day tells apart.
WEEK = (DayHours(0, T(8, 30), T(20, 0)), *(DayHours(d, T(9, 0), T(21, 0)) for d in range(1, 5)),
        DayHours(5, T(9, 30), T(18, 0)), DayHours(6, None, None))
NATIONAL_DAY = dt.date(2026, 10, 1)  # Thursday, 法定节假日
MAKEUP_SATURDAY = dt.date(2026, 10, 10)  # Saturday, 调休 working day after National Day
MAKEUP_SUNDAY = dt.date(2026, 9, 20)  # Sunday, 调休 working day before it
NO_DATA_YEAR = 2099


def _hours(day: dt.date, **kwargs: object) -> tuple[DayKind, dt.time | None, dt.time | None, str]:
    result = open_day(day, WEEK, **kwargs)  # type: ignore[arg-type]
    return result.kind, result.opens, result.closes, result.reason


# -- the domain -----------------------------------------------------------------------------------------------

def test_weekday_hours() -> None:
    assert _hours(dt.date(2026, 11, 23)) == (DayKind.REGULAR, T(8, 30), T(20, 0), "")  # Monday
    assert _hours(dt.date(2026, 11, 25)) == (DayKind.REGULAR, T(9, 0), T(21, 0), "")  # Wednesday
    assert _hours(dt.date(2026, 11, 28)) == (DayKind.REGULAR, T(9, 30), T(18, 0), "")  # Saturday
    sunday = open_day(dt.date(2026, 11, 29), WEEK)
    assert (sunday.kind, sunday.is_open) == (DayKind.REGULAR, False)


def test_a_base_closure_closes_every_day_it_spans() -> None:
    closure = ClosureSpan(dt.date(2026, 12, 7), dt.date(2026, 12, 9), "线路改造")
    for day in (dt.date(2026, 12, 7), dt.date(2026, 12, 8), dt.date(2026, 12, 9)):
        assert _hours(day, closures=[closure]) == (DayKind.CLOSURE, None, None, "线路改造")
    assert _hours(dt.date(2026, 12, 10), closures=[closure])[0] is DayKind.REGULAR


def test_national_day_is_closed() -> None:
    assert _hours(NATIONAL_DAY) == (DayKind.HOLIDAY, None, None, "National Day")
    assert not open_day(NATIONAL_DAY + dt.timedelta(days=6), WEEK).is_open  # 10-07, the last day off


def test_a_makeup_workday_opens_with_monday_hours() -> None:
    for day in (MAKEUP_SATURDAY, MAKEUP_SUNDAY):  # a Saturday with short hours, a Sunday normally closed
        assert _hours(day) == (DayKind.MAKEUP_WORKDAY, T(8, 30), T(20, 0), "National Day")


def test_an_override_opens_a_holiday_with_short_hours() -> None:
    override = DateOverride(NATIONAL_DAY, T(9, 0), T(12, 0), "国庆特别开放")
    assert _hours(NATIONAL_DAY, overrides=[override]) == (DayKind.OVERRIDE, T(9, 0), T(12, 0), "国庆特别开放")


def test_an_override_closes_a_normal_day_and_beats_a_closure() -> None:
    wednesday = dt.date(2026, 12, 2)
    closed = DateOverride(wednesday, None, None, "上级检查")
    result = open_day(wednesday, WEEK, overrides=[closed])
    assert (result.kind, result.is_open, result.reason) == (DayKind.OVERRIDE, False, "上级检查")
    opened = DateOverride(wednesday, T(14, 0), T(17, 0), "")
    closure = ClosureSpan(wednesday, wednesday, "空调检修")
    assert _hours(wednesday, closures=[closure], overrides=[opened])[:3] == (DayKind.OVERRIDE, T(14, 0), T(17, 0))


def test_a_year_without_data_falls_back_to_the_week() -> None:
    assert chinese_holidays(dt.date(NO_DATA_YEAR, 10, 1)) is None
    national_day = dt.date(NO_DATA_YEAR, 10, 1)  # a Thursday
    assert _hours(national_day) == (DayKind.REGULAR, T(9, 0), T(21, 0), "")
    assert not open_day(dt.date(NO_DATA_YEAR, 10, 4), WEEK).is_open  # a Sunday stays a Sunday


def test_chinese_holidays_tells_holidays_weekends_and_makeup_days_apart() -> None:
    assert chinese_holidays(NATIONAL_DAY) == chinese_holidays(dt.date(2026, 10, 3))  # a Saturday inside it
    ordinary_weekend = chinese_holidays(dt.date(2026, 11, 29))
    assert ordinary_weekend is not None
    assert (ordinary_weekend.is_holiday, ordinary_weekend.is_makeup_workday) == (False, False)
    ordinary_weekday = chinese_holidays(dt.date(2026, 11, 30))
    assert ordinary_weekday is not None and not ordinary_weekday.is_holiday


# -- as the services see it -----------------------------------------------------------------------------------

@pytest.fixture
def shaped(ctx: ServiceContext, admin: Actor) -> Actor:
    BaseService(ctx).set_week(admin, WEEK)
    return admin


def test_the_services_calendar(ctx: ServiceContext, shaped: Actor) -> None:
    facilities = FacilityService(ctx)
    BaseService(ctx).add_closure(shaped, dt.date(2026, 12, 7), dt.date(2026, 12, 8), "线路改造")
    admin = FacilityAdminService(ctx)
    admin.set_override(shaped, NATIONAL_DAY, T(9, 0), T(12, 0), "国庆特别开放")
    admin.set_override(shaped, dt.date(2026, 12, 2), None, None, "上级检查")

    def hours(day: dt.date) -> tuple[DayKind, dt.time | None, dt.time | None]:
        result = facilities.open_day(day)
        return result.kind, result.opens, result.closes

    assert hours(dt.date(2026, 11, 30)) == (DayKind.REGULAR, T(8, 30), T(20, 0))
    assert hours(dt.date(2026, 12, 8)) == (DayKind.CLOSURE, None, None)
    assert hours(dt.date(2026, 10, 2)) == (DayKind.HOLIDAY, None, None)
    assert hours(MAKEUP_SATURDAY) == (DayKind.MAKEUP_WORKDAY, T(8, 30), T(20, 0))
    assert hours(NATIONAL_DAY) == (DayKind.OVERRIDE, T(9, 0), T(12, 0))
    assert hours(dt.date(2026, 12, 2)) == (DayKind.OVERRIDE, None, None)
    assert hours(dt.date(NO_DATA_YEAR, 10, 1)) == (DayKind.REGULAR, T(9, 0), T(21, 0))

    admin.remove_override(shaped, NATIONAL_DAY)  # back to the holiday
    assert hours(NATIONAL_DAY) == (DayKind.HOLIDAY, None, None)


def test_a_facility_with_its_own_hours_keeps_the_base_calendar(ctx: ServiceContext, shaped: Actor) -> None:
    admin = FacilityAdminService(ctx)
    room = next(f for f in admin.facilities(shaped) if f.kind is FacilityKind.NURSING_ROOM)
    own = tuple(DayHours(d, T(10, 0), T(16, 0)) for d in range(7))
    admin.set_hours(shaped, room.id, own)
    facilities = FacilityService(ctx)
    sunday = dt.date(2026, 11, 29)
    assert (facilities.open_day(sunday, room.id).opens, facilities.open_day(sunday).is_open) == (T(10, 0), False)
    assert not facilities.open_day(NATIONAL_DAY, room.id).is_open  # holidays close it too
    assert facilities.open_day(MAKEUP_SATURDAY, room.id).opens == T(10, 0)  # its own Monday


def test_bookings_follow_the_calendar(ctx: ServiceContext, clock: FixedClock, shaped: Actor) -> None:
    clock.set(at(dt.date(2026, 9, 15), 10))
    room = unit_id(ctx, FacilityKind.ACTIVITY_ROOM)  # booked up to 90 days ahead
    who = person(ctx, shaped)
    bookings = BookingService(ctx)
    with pytest.raises(ClosedThatDay):
        bookings.book(shaped, room, at(NATIONAL_DAY, 10), at(NATIONAL_DAY, 11), who)
    # The 调休 Sunday opens with Monday's hours: 08:30 is fine, 20:30 is not.
    assert bookings.book(shaped, room, at(MAKEUP_SUNDAY, 8, 30), at(MAKEUP_SUNDAY, 10), who)
    with pytest.raises(OutsideOpeningHours):
        bookings.book(shaped, room, at(MAKEUP_SUNDAY, 19, 30), at(MAKEUP_SUNDAY, 20, 30), who)

    FacilityAdminService(ctx).set_override(shaped, NATIONAL_DAY, T(9, 0), T(12, 0), "国庆特别开放")
    assert bookings.book(shaped, room, at(NATIONAL_DAY, 10), at(NATIONAL_DAY, 11), who)
    with pytest.raises(OutsideOpeningHours) as caught:
        bookings.book(shaped, room, at(NATIONAL_DAY, 11, 30), at(NATIONAL_DAY, 12, 30), who)
    assert caught.value.params == {"opens": "09:00", "closes": "12:00"}

    wednesday = dt.date(2026, 9, 23)
    FacilityAdminService(ctx).set_override(shaped, wednesday, None, None, "上级检查")
    with pytest.raises(ClosedThatDay) as closed:
        bookings.book(shaped, room, at(wednesday, 10), at(wednesday, 11), who)
    assert closed.value.params == {"day": "2026-09-23", "reason": "上级检查", "kind": "override"}
