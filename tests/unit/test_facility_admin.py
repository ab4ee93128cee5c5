"""Facility administration on both backends: rules checked in the domain (each refusal names its field and writes
nothing), own hours, active/inactive, units, custom facilities, the no-show rule, lifting a suspension, holidays
of a year and date overrides — every change audited, every call admin-only."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from booking_fixtures import TODAY, at, person, snapshot
from sqlalchemy import update

from desk.domain.booking import FacilityKind, Rules
from desk.domain.calendar import DayKind, Holiday
from desk.domain.errors import (
    DeskError,
    EndBeforeStart,
    NameTaken,
    NotMultipleOfStep,
    OutOfRange,
    PermissionDenied,
    Required,
    TooLong,
    UnitHasUpcomingBookings,
)
from desk.domain.hours import DayHours
from desk.domain.staff import Actor, Role
from desk.services.audit import AuditService
from desk.services.bookings import BookingService
from desk.services.context import ServiceContext
from desk.services.facilities import STANDARD_FACILITIES, FacilityService
from desk.services.facility_admin import FacilityAdminService, FacilityDetail
from desk.services.staff import StaffService
from desk.storage.models import Person

T = dt.time


@pytest.fixture
def service(ctx: ServiceContext) -> FacilityAdminService:
    return FacilityAdminService(ctx)


def _facility(service: FacilityAdminService, admin: Actor, kind: FacilityKind) -> FacilityDetail:
    return next(f for f in service.facilities(admin) if f.kind is kind)


def _last_action(ctx: ServiceContext) -> tuple[str, str]:
    row = AuditService(ctx).recent(1)[0]
    return row.action, row.summary


def test_the_standard_facilities_are_seeded(service: FacilityAdminService, admin: Actor) -> None:
    rows = service.facilities(admin)
    assert [f.name for f in rows] == [std.name for std in STANDARD_FACILITIES]
    reading = rows[0]
    assert [u.name for u in reading.units] == [f"A{n}" for n in range(1, 21)]
    assert (reading.rules.slot_minutes, reading.rules.max_minutes, reading.own_hours, reading.upcoming) == (
        30, 240, False, 0)
    assert rows[4].units[0].capacity == 30 and rows[4].group_booking


def test_only_an_admin(ctx: ServiceContext, service: FacilityAdminService, admin: Actor) -> None:
    StaffService(ctx).add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    desk = Actor(2, "lixiaomei", "李晓梅", Role.DESK)
    reading = _facility(service, admin, FacilityKind.READING_ROOM)
    for call in (lambda: service.facilities(desk),
                 lambda: service.edit_rules(desk, reading.id, reading.rules, False),
                 lambda: service.set_active(desk, reading.id, False, "装修"),
                 lambda: service.add_unit(desk, reading.id, "A21"),
                 lambda: service.set_no_show_rule(desk, 2, 3),
                 lambda: service.set_override(desk, TODAY, None, None, "闭馆"),
                 lambda: service.lift_suspension(desk, 1)):
        with pytest.raises(PermissionDenied):
            call()


# -- rules ----------------------------------------------------------------------------------------------------

def test_edit_rules_is_audited_and_enforced(ctx: ServiceContext, service: FacilityAdminService,
                                            admin: Actor) -> None:
    reading = _facility(service, admin, FacilityKind.READING_ROOM)
    rules = dataclasses.replace(reading.rules, max_minutes=120, quota_minutes=None, quota_count=2)
    detail = service.edit_rules(admin, reading.id, rules, group_booking=False)
    assert detail.rules == rules
    action, summary = _last_action(ctx)
    assert action == "facility_rules_changed"
    assert "max_minutes: 240 → 120" in summary and "quota_count: None → 2" in summary
    assert FacilityService(ctx).catalogue()[0].rules == rules
    seq = snapshot(ctx).audit_seq
    service.edit_rules(admin, reading.id, rules, group_booking=False)  # unchanged: nothing written
    assert snapshot(ctx).audit_seq == seq


@pytest.mark.parametrize(("change", "error", "field"), [
    (dict(slot_minutes=0), OutOfRange, "slot_minutes"),
    (dict(slot_minutes=-15), OutOfRange, "slot_minutes"),
    (dict(slot_minutes=7), NotMultipleOfStep, "slot_minutes"),
    (dict(slot_minutes=300), OutOfRange, "slot_minutes"),
    (dict(min_minutes=15), OutOfRange, "min_minutes"),  # below the 30-minute step
    (dict(min_minutes=45), NotMultipleOfStep, "min_minutes"),
    (dict(max_minutes=20), OutOfRange, "max_minutes"),  # below the minimum
    (dict(max_minutes=100), NotMultipleOfStep, "max_minutes"),
    (dict(max_minutes=24 * 60 + 30), OutOfRange, "max_minutes"),
    (dict(buffer_minutes=-5), OutOfRange, "buffer_minutes"),
    (dict(horizon_days=400), OutOfRange, "horizon_days"),
    (dict(grace_minutes=-1), OutOfRange, "grace_minutes"),
    (dict(quota_minutes=20), OutOfRange, "quota_minutes"),  # shorter than the shortest booking
    (dict(quota_count=0), OutOfRange, "quota_count"),
])
def test_bad_rules_name_their_field_and_write_nothing(
        ctx: ServiceContext, service: FacilityAdminService, admin: Actor, change: dict[str, int],
        error: type[DeskError], field: str) -> None:
    reading = _facility(service, admin, FacilityKind.READING_ROOM)
    before = snapshot(ctx)
    with pytest.raises(error) as caught:
        service.edit_rules(admin, reading.id, dataclasses.replace(reading.rules, **change), False)
    assert caught.value.field == field
    assert snapshot(ctx) == before
    assert _facility(service, admin, FacilityKind.READING_ROOM).rules == reading.rules


def test_a_longer_step_with_matching_lengths(service: FacilityAdminService, admin: Actor) -> None:
    room = _facility(service, admin, FacilityKind.ACTIVITY_ROOM)
    rules = Rules(60, 60, 180, 0, 30, 10, None, None, True)
    assert service.edit_rules(admin, room.id, rules, True).rules == rules


def test_rename_facility(ctx: ServiceContext, service: FacilityAdminService, admin: Actor) -> None:
    reading = _facility(service, admin, FacilityKind.READING_ROOM)
    assert service.rename_facility(admin, reading.id, "  红色书吧 ").name == "红色书吧"
    assert _last_action(ctx) == ("facility_renamed", "党建书吧 → 红色书吧")
    with pytest.raises(NameTaken) as caught:
        service.rename_facility(admin, reading.id, "母婴室")
    assert (caught.value.field, caught.value.params) == ("facility_name", {"name": "母婴室"})
    with pytest.raises(Required):
        service.rename_facility(admin, reading.id, " ")
    with pytest.raises(TooLong):
        service.rename_facility(admin, reading.id, "书" * 41)


# -- hours and state ------------------------------------------------------------------------------------------

def test_own_hours_and_back_to_the_base(ctx: ServiceContext, service: FacilityAdminService, admin: Actor) -> None:
    room = _facility(service, admin, FacilityKind.NURSING_ROOM)
    own = tuple(DayHours(d, T(10, 0), T(16, 0)) if d < 5 else DayHours(d, None, None) for d in range(7))
    detail = service.set_hours(admin, room.id, own)
    assert (detail.own_hours, detail.week) == (True, own)
    assert _last_action(ctx)[0] == "facility_hours_changed"
    assert not FacilityService(ctx).open_day(dt.date(2026, 11, 29), room.id).is_open

    bad = (*own[:6], DayHours(6, T(18, 0), T(9, 0)))
    before = snapshot(ctx)
    with pytest.raises(EndBeforeStart) as caught:
        service.set_hours(admin, room.id, bad)
    assert caught.value.field == "hours_6"
    assert snapshot(ctx) == before

    detail = service.set_hours(admin, room.id, None)
    assert detail.own_hours is False and detail.week[6].opens == T(9, 0)
    assert FacilityService(ctx).open_day(dt.date(2026, 11, 29), room.id).is_open


def test_deactivate_with_a_reason_and_reactivate(ctx: ServiceContext, service: FacilityAdminService,
                                                 admin: Actor) -> None:
    hall = _facility(service, admin, FacilityKind.CINEMA)
    with pytest.raises(Required) as caught:
        service.set_active(admin, hall.id, False, "")
    assert caught.value.field == "inactive_reason"
    BookingService(ctx).book(admin, hall.units[0].id, at(TODAY, 14), at(TODAY, 15), person(ctx, admin))
    detail = service.set_active(admin, hall.id, False, "放映设备检修")
    assert (detail.active, detail.inactive_reason, detail.upcoming) == (False, "放映设备检修", 1)
    assert _last_action(ctx) == ("facility_deactivated", "红色影院: 放映设备检修")
    assert hall.id not in [f.id for f in FacilityService(ctx).catalogue()]
    detail = service.set_active(admin, hall.id, True)
    assert (detail.active, detail.inactive_reason) == (True, "")
    assert _last_action(ctx)[0] == "facility_activated"


# -- units ----------------------------------------------------------------------------------------------------

def test_units_add_rename_and_deactivate(ctx: ServiceContext, service: FacilityAdminService, admin: Actor) -> None:
    room = _facility(service, admin, FacilityKind.ACTIVITY_ROOM)
    detail = service.add_unit(admin, room.id, "小会议室", 12)
    added = detail.units[-1]
    assert (added.name, added.capacity, added.active) == ("小会议室", 12, True)
    assert _last_action(ctx) == ("unit_added", "党员活动室 小会议室 ×12")

    for name, capacity, error, field in (("活动室", 5, NameTaken, "unit_name"), ("", 5, Required, "unit_name"),
                                         ("大会议室", 0, OutOfRange, "capacity")):
        before = snapshot(ctx)
        with pytest.raises(error) as caught:
            service.edit_unit(admin, added.id, name, capacity)
        assert caught.value.field == field
        assert snapshot(ctx) == before
    detail = service.edit_unit(admin, added.id, "第二活动室", 16)
    assert [(u.name, u.capacity) for u in detail.units] == [("活动室", 30), ("第二活动室", 16)]

    who = person(ctx, admin)
    booking = BookingService(ctx).book(admin, added.id, at(TODAY, 14), at(TODAY, 15), who, party_size=16)
    with pytest.raises(UnitHasUpcomingBookings) as refused:
        service.set_unit_active(admin, added.id, False)
    assert refused.value.params == {"unit": "第二活动室", "count": 1}
    BookingService(ctx).cancel(admin, booking.id, "改期")
    detail = service.set_unit_active(admin, added.id, False)
    assert [(u.name, u.active) for u in detail.units] == [("活动室", True), ("第二活动室", False)]
    with pytest.raises(NameTaken):  # a deactivated unit keeps its name
        service.add_unit(admin, room.id, "第二活动室")
    assert service.set_unit_active(admin, added.id, True).units[1].active


def test_a_custom_facility(ctx: ServiceContext, service: FacilityAdminService, admin: Actor) -> None:
    detail = service.add_facility(admin, "调解室", FacilityKind.OTHER, "调解室1")
    assert (detail.kind, detail.name, [u.name for u in detail.units]) == (FacilityKind.OTHER, "调解室", ["调解室1"])
    assert service.facilities(admin)[-1].id == detail.id
    assert _last_action(ctx)[0] == "facility_added"
    with pytest.raises(NameTaken):
        service.add_facility(admin, "调解室")
    row = BookingService(ctx).book(admin, detail.units[0].id, at(TODAY, 14), at(TODAY, 15), person(ctx, admin))
    assert row.facility_name == "调解室"


# -- the no-show rule and suspensions -------------------------------------------------------------------------

def test_the_no_show_rule(ctx: ServiceContext, service: FacilityAdminService, admin: Actor) -> None:
    assert (service.no_show_rule().limit, service.no_show_rule().suspension_days) == (3, 7)
    assert service.set_no_show_rule(admin, 2, 14).limit == 2
    assert _last_action(ctx) == ("setting_changed", "3 no-shows / 7 days → 2 no-shows / 14 days")
    for limit, days, field in ((0, 7, "no_show_limit"), (3, 0, "no_show_suspension_days"),
                               (3, 400, "no_show_suspension_days")):
        before = snapshot(ctx)
        with pytest.raises(OutOfRange) as caught:
            service.set_no_show_rule(admin, limit, days)
        assert caught.value.field == field
        assert snapshot(ctx) == before
    assert (service.no_show_rule().limit, service.no_show_rule().suspension_days) == (2, 14)


def test_lift_a_suspension_by_hand(ctx: ServiceContext, service: FacilityAdminService, admin: Actor) -> None:
    who = person(ctx, admin, "赵敏")
    with ctx.db.write() as s:
        s.execute(update(Person).where(Person.id == who).values(suspended_until=at(TODAY + dt.timedelta(days=5), 10)))
    assert [(p.id, p.name) for p in service.suspended_people(admin)] == [(who, "赵敏")]
    service.lift_suspension(admin, who)
    assert service.suspended_people(admin) == []
    assert _last_action(ctx)[0] == "suspension_lifted"
    seat = next(f for f in FacilityService(ctx).catalogue() if f.kind is FacilityKind.READING_ROOM).units[0].id
    assert BookingService(ctx).book(admin, seat, at(TODAY, 14), at(TODAY, 15), who)
    seq = snapshot(ctx).audit_seq
    service.lift_suspension(admin, who)  # nothing to lift
    assert snapshot(ctx).audit_seq == seq


# -- holidays and overrides -----------------------------------------------------------------------------------

def test_the_holidays_of_a_year(ctx: ServiceContext, service: FacilityAdminService, admin: Actor) -> None:
    service.set_override(admin, dt.date(2026, 10, 2), T(9, 0), T(12, 0), "国庆特别开放")
    year = service.holiday_year(admin, 2026)
    assert year.has_data
    by_day = {d.day: d for d in year.days}
    national = by_day[dt.date(2026, 10, 1)]
    assert (national.kind, national.name, national.result.is_open) == (DayKind.HOLIDAY, "National Day", False)
    opened = by_day[dt.date(2026, 10, 2)].result
    assert (opened.kind, opened.opens, opened.closes) == (DayKind.OVERRIDE, T(9, 0), T(12, 0))
    makeup = by_day[dt.date(2026, 10, 10)]
    assert (makeup.kind, makeup.result.opens) == (DayKind.MAKEUP_WORKDAY, T(9, 0))
    assert dt.date(2026, 11, 28) not in by_day  # an ordinary weekend is not listed
    assert sum(d.kind is DayKind.HOLIDAY for d in year.days) >= 25


def test_a_year_without_holiday_data(service: FacilityAdminService, admin: Actor) -> None:
    year = service.holiday_year(admin, 2099)
    assert (year.has_data, year.days) == (False, ())


def test_a_year_with_some_data_is_not_complete(ctx: ServiceContext, admin: Actor) -> None:
    def lookup(day: dt.date) -> Holiday | None:
        return Holiday(day == dt.date(2030, 1, 1), False, "New Year's Day") if day.month == 1 else None

    year = FacilityAdminService(ctx, holidays=lookup).holiday_year(admin, 2030)
    assert year.has_data is False and [d.day for d in year.days] == [dt.date(2030, 1, 1)]


def test_overrides_set_replace_and_remove(ctx: ServiceContext, service: FacilityAdminService,
                                          admin: Actor) -> None:
    national = dt.date(2026, 10, 1)
    row = service.set_override(admin, national, T(9, 0), T(12, 0), "国庆特别开放")
    assert (row.opens, row.closes, row.replaces) == (T(9, 0), T(12, 0), DayKind.HOLIDAY)
    assert _last_action(ctx) == ("date_override_set", "2026-10-01 09:00-12:00 国庆特别开放")
    row = service.set_override(admin, national, None, None, "")
    assert (row.opens, row.closes) == (None, None)
    assert len(service.overrides(admin, 2026)) == 1 and service.overrides(admin, 2027) == []

    for opens, closes, error, field in ((T(12, 0), T(9, 0), EndBeforeStart, "override_closes"),
                                        (T(9, 0), None, Required, "override_closes"),
                                        (None, T(9, 0), Required, "override_opens")):
        before = snapshot(ctx)
        with pytest.raises(error) as caught:
            service.set_override(admin, dt.date(2026, 12, 1), opens, closes, "")
        assert caught.value.field == field
        assert snapshot(ctx) == before

    service.remove_override(admin, national)
    assert service.overrides(admin) == []
    assert _last_action(ctx) == ("date_override_removed", "2026-10-01")
