"""Kept days of the period reports (`report_day`) on both backends: a report keeps its closed days and reads them
back to the same figures as counting every row; every kind of change to a kept day (a visit corrected, its 暖新驿站
services changed, a check-in or a ledger entry dated on it, a visit deleted, a booking completed, swept as a
no-show or written by hand, a unit moved to another facility) forgets that day in the same transaction, and the
next report equals a fresh count; a check-in today forgets nothing; a new zone or an old layout is counted again;
`desk check` counts kept days again and notices one that differs.

History: 20–27 November 2026 at the base; "now" is Saturday 28 November 10:00 (the `clock` fixture)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from booking_fixtures import force_booking, unit_id
from sqlalchemy import delete, select, text, update

from desk.domain.booking import FacilityKind
from desk.domain.clock import FixedClock
from desk.domain.people import Category, Platform, Purpose, StationService
from desk.domain.periods import Period
from desk.domain.staff import Actor
from desk.services.bases import BaseService
from desk.services.bookings import BookingService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService, PersonForm
from desk.services.points import PointsService, new_key
from desk.services.report_days import VERSION, DayFigures
from desk.services.reports import PeriodReport, ReportService
from desk.services.visits import VisitService
from desk.storage.models import Facility, ReportDay, Unit, Visit

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
PERIOD = Period.custom(dt.date(2026, 11, 20), dt.date(2026, 11, 28))  # 28 November is today
CLOSED = [dt.date(2026, 11, d) for d in range(20, 28)]


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


@dataclass
class History:
    visits: dict[tuple[int, str], int]  # (day, what) → visit id
    member: int
    checked_in: int  # a reading-room booking of 26 November, checked in and still open
    not_come: int  # a reading-room booking of 27 November nobody came to


@pytest.fixture
def history(ctx: ServiceContext, clock: FixedClock, admin: Actor) -> History:
    now = clock.now()
    people, visits, points, bookings = PeopleService(ctx), VisitService(ctx), PointsService(ctx), BookingService(ctx)
    zhang = people.register(admin, PersonForm("张伟", "13900000001", Category.RESIDENT)).id
    li = people.register(admin, PersonForm("李娜", "13900000002", Category.PARTY_MEMBER)).id
    clock.set(at(20, 9))
    member = points.join(admin, li).id
    reading = unit_id(ctx, FacilityKind.READING_ROOM)
    checked_in = bookings.book(admin, reading, at(26, 14), at(26, 16), zhang).id
    not_come = bookings.book(admin, unit_id(ctx, FacilityKind.READING_ROOM, 1), at(27, 10), at(27, 12), li).id
    ids: dict[tuple[int, str], int] = {}
    for day in range(20, 28):
        clock.set(at(day, 10))
        ids[(day, "person")] = visits.check_in(admin, zhang if day % 2 else li, Purpose.READING).id
        clock.set(at(day, 11, 30))
        ids[(day, "party")] = visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.MEETING, 3).id
        clock.set(at(day, 14, 15))
        ids[(day, "courier")] = visits.check_in_courier(admin, Platform.MEITUAN, StationService.HOT_WATER).id
        clock.set(at(day, 16))
        points.earn(admin, member, 10 + day, "志愿服务", new_key())
    clock.set(at(26, 14, 5))
    bookings.check_in(admin, checked_in)
    clock.set(now)
    return History(ids, member, checked_in, not_come)


def _report(ctx: ServiceContext) -> PeriodReport:
    return ReportService(ctx).figures(PERIOD)


def _counted(ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> PeriodReport:
    """The same report counted from every row, nothing kept or read."""
    with ctx.db.write() as s:
        saved = [(r.base_id, r.zone, r.day, r.starts_at, r.ends_at, r.version, r.figures)
                 for r in s.execute(select(ReportDay)).scalars()]
        s.execute(delete(ReportDay))
    with monkeypatch.context() as m:
        m.setattr(ReportService, "_keep_closed_days", lambda self, period, base_code: None)
        report = _report(ctx)
    with ctx.db.write() as s:  # as it was, so the caller still sees what the triggers left
        for base_id, zone, day, starts, ends, version, figures in saved:
            s.add(ReportDay(base_id=base_id, zone=zone, day=day, starts_at=starts, ends_at=ends, version=version,
                            figures=figures))
    return report


def unit_facility(ctx: ServiceContext) -> int:
    with ctx.db.read() as s:
        return int(s.execute(select(Facility.id).where(Facility.kind == FacilityKind.READING_ROOM.value)).scalar_one())


def _kept_figures(ctx: ServiceContext) -> dict[dt.date, DayFigures]:
    with ctx.db.read() as s:
        return {day: DayFigures.from_json(f) for day, f in s.execute(select(ReportDay.day, ReportDay.figures))}


def _kept_days(ctx: ServiceContext) -> list[dt.date]:
    with ctx.db.read() as s:
        return sorted(s.execute(select(ReportDay.day)).scalars())


def test_a_report_keeps_its_closed_days_and_reads_them_back(ctx: ServiceContext, history: History,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    first = _report(ctx)
    assert _kept_days(ctx) == CLOSED  # today is counted each time, never kept
    # Three visits a day (one a party of three) and the check-in of the booking of 26 November.
    assert first.visits.visits == 8 * 3 + 1 and first.visits.people == 8 * 5 + 1 and first.visits.served == 2
    assert sum(r.entries for r in first.points) == 8 + 0  # the earn entries (joining writes none)
    again = _report(ctx)
    assert again == first
    assert _counted(ctx, monkeypatch) == first
    with ctx.db.read() as s:
        row = s.execute(select(ReportDay).where(ReportDay.day == dt.date(2026, 11, 26))).scalar_one()
        assert (row.zone, row.version) == ("Asia/Shanghai", VERSION)
        assert (row.starts_at, row.ends_at) == (at(26, 0), at(27, 0))
        day = DayFigures.from_json(row.figures)
    assert DayFigures.from_json(day.to_json()) == day
    assert (day.visits, day.people) == (4, 6) and day.platforms == {"meituan": [1, 1, 1, 0, 0, 0, 0]}
    assert sum(day.booked.values()) == 2 * 3_600_000 and day.heat[14] == day.heat[15] == 3_600_000
    assert day.states == {unit_facility(ctx): {"checked_in": 1}} and day.points == {"earn": [1, 36]}


def _change(name: str) -> Callable[[ServiceContext, FixedClock, Actor, History], int | None]:
    """Each change of a kept day: returns the day it falls on (None: every day)."""

    def corrected(ctx: ServiceContext, clock: FixedClock, admin: Actor, h: History) -> int:
        VisitService(ctx).correct(admin, h.visits[(22, "party")], Purpose.LEGAL_AID, None)
        return 22

    def services(ctx: ServiceContext, clock: FixedClock, admin: Actor, h: History) -> int:
        VisitService(ctx).set_services(admin, h.visits[(23, "courier")], StationService.HOT_WATER | StationService.REST)
        return 23

    def late_check_in(ctx: ServiceContext, clock: FixedClock, admin: Actor, h: History) -> int:
        now = clock.now()
        clock.set(at(24, 15))  # a desk whose clock was wrong, or a check-in typed in afterwards
        VisitService(ctx).check_in_anonymous(admin, Category.VOLUNTEER, Purpose.OTHER, 2)
        clock.set(now)
        return 24

    def deleted(ctx: ServiceContext, clock: FixedClock, admin: Actor, h: History) -> int:
        with ctx.db.write() as s:
            s.execute(delete(Visit).where(Visit.id == h.visits[(25, "courier")]))
        return 25

    def completed(ctx: ServiceContext, clock: FixedClock, admin: Actor, h: History) -> int:
        BookingService(ctx).complete(admin, h.checked_in)  # today, two days after it started
        return 26

    def no_show(ctx: ServiceContext, clock: FixedClock, admin: Actor, h: History) -> int:
        assert BookingService(ctx).sweep_no_shows().no_shows == 1
        return 27

    def by_hand(ctx: ServiceContext, clock: FixedClock, admin: Actor, h: History) -> int:
        force_booking(ctx, unit_id(ctx, FacilityKind.ACTIVITY_ROOM), at(21, 19), at(21, 21), "completed")
        return 21

    def ledger(ctx: ServiceContext, clock: FixedClock, admin: Actor, h: History) -> int:
        now = clock.now()
        clock.set(at(20, 18))
        PointsService(ctx).earn(admin, h.member, 5, "补录", new_key())
        clock.set(now)
        return 20

    def unit_moved(ctx: ServiceContext, clock: FixedClock, admin: Actor, h: History) -> None:
        with ctx.db.write() as s:
            cinema = s.execute(select(Facility.id).where(Facility.kind == FacilityKind.CINEMA.value)).scalar_one()
            s.execute(update(Unit).where(Unit.id == unit_id(ctx, FacilityKind.READING_ROOM)).values(
                facility_id=cinema))
        return None

    return {f.__name__: f for f in (corrected, services, late_check_in, deleted, completed, no_show, by_hand,
                                     ledger, unit_moved)}[name]


@pytest.mark.parametrize("name", ["corrected", "services", "late_check_in", "deleted", "completed", "no_show",
                                  "by_hand", "ledger", "unit_moved"])
def test_a_change_to_a_kept_day_forgets_it_and_the_next_report_counts_it_again(
        ctx: ServiceContext, clock: FixedClock, admin: Actor, history: History, monkeypatch: pytest.MonkeyPatch,
        name: str) -> None:
    before = _report(ctx)
    kept_before = _kept_figures(ctx)
    day = _change(name)(ctx, clock, admin, history)
    left = [] if day is None else [d for d in CLOSED if d.day != day]
    assert _kept_days(ctx) == left, "the change forgot exactly the days it touched, in its own transaction"
    after = _report(ctx)
    assert _counted(ctx, monkeypatch) == after
    assert _kept_days(ctx) == CLOSED
    if day is None:
        assert after != before
    else:
        changed = dt.date(2026, 11, day)
        assert {d: f for d, f in _kept_figures(ctx).items() if f != kept_before[d]} == {
            changed: _kept_figures(ctx)[changed]}


def test_a_check_in_today_forgets_no_kept_day(ctx: ServiceContext, admin: Actor, history: History,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    before = _report(ctx)
    VisitService(ctx).check_in_anonymous(admin, Category.RESIDENT, Purpose.READING)
    PointsService(ctx).earn(admin, history.member, 5, "志愿服务", new_key())
    assert _kept_days(ctx) == CLOSED
    after = _report(ctx)
    assert after.visits.visits == before.visits.visits + 1
    assert _counted(ctx, monkeypatch) == after


def test_a_new_zone_or_an_old_layout_is_counted_again(ctx: ServiceContext, admin: Actor, history: History,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _report(ctx)
    profile = BaseService(ctx).profile()
    BaseService(ctx).update_profile(admin, profile.name, profile.address, "Asia/Tokyo")
    tokyo = _report(ctx)
    assert _counted(ctx, monkeypatch) == tokyo
    with ctx.db.read() as s:
        zones = sorted({z for (z,) in s.execute(select(ReportDay.zone))})
    assert zones == ["Asia/Shanghai", "Asia/Tokyo"]  # Shanghai's days stay exact, and are read if it comes back
    with ctx.db.write() as s:
        s.execute(update(ReportDay).values(version=VERSION - 1))
    assert _report(ctx) == tokyo
    with ctx.db.read() as s:
        assert set(s.execute(select(ReportDay.version).where(ReportDay.zone == "Asia/Tokyo")).scalars()) == {VERSION}


def test_desk_check_counts_kept_days_again(ctx: ServiceContext, history: History) -> None:
    _report(ctx)
    checks = CheckService(ctx)
    assert "report_days_match_the_rows" in checks.names()
    assert [v for v in checks.run() if v.check == "report_days_match_the_rows"] == []
    with ctx.db.write() as s:  # a kept day that no longer says what its rows say (not a trigger's doing)
        s.execute(text("UPDATE report_day SET figures = :f WHERE day = :d"),
                  {"f": DayFigures().to_json(), "d": dt.date(2026, 11, 25)})
    found = [v.message for v in checks.run() if v.check == "report_days_match_the_rows"]
    assert len(found) == 1 and "2026-11-25" in found[0]


def test_kept_days_over_a_change_of_offset_keep_every_visit_on_its_own_hour(
        ctx: ServiceContext, clock: FixedClock, admin: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    profile = BaseService(ctx).profile()
    BaseService(ctx).update_profile(admin, profile.name, profile.address, "Europe/Berlin")
    now = clock.now()
    # 25 October 2026: at 03:00 summer time the clocks go back to 02:00, so 02:30 happens twice.
    moments = [dt.datetime(2026, 10, 24, 23, 30, tzinfo=berlin), dt.datetime(2026, 10, 25, 1, 30, tzinfo=berlin),
               dt.datetime(2026, 10, 25, 2, 30, tzinfo=berlin),
               dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=berlin),
               dt.datetime(2026, 10, 25, 23, 59, tzinfo=berlin), dt.datetime(2026, 10, 26, 0, 1, tzinfo=berlin)]
    for moment in moments:
        clock.set(moment)
        VisitService(ctx).check_in_anonymous(admin, Category.RESIDENT, Purpose.READING)
    clock.set(now)
    period = Period.custom(dt.date(2026, 10, 24), dt.date(2026, 10, 26))
    report = ReportService(ctx).figures(period)
    assert _kept_days(ctx) == [dt.date(2026, 10, 24), dt.date(2026, 10, 25), dt.date(2026, 10, 26)]
    assert ReportService(ctx).figures(period) == report
    with monkeypatch.context() as m:
        m.setattr(ReportService, "_keep_closed_days", lambda self, period, base_code: None)
        with ctx.db.write() as s:
            s.execute(delete(ReportDay))
        assert ReportService(ctx).figures(period) == report
    assert [(d.day.day, d.visits) for d in report.visits.by_day] == [(24, 1), (25, 4), (26, 1)]
    assert {h.hour: h.visits for h in report.visits.by_hour if h.visits} == {23: 2, 1: 1, 2: 2, 0: 1}
