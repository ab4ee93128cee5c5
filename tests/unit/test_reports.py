"""Period reports on both backends: a month of a base built through the real services (visits of every kind,
bookings completed early, no-shows, cancelled and still booked, bookings crossing the month's ends, a closure, a
facility with its own hours, charging sessions, projects with claims, completions, absences and cancellations,
every kind of ledger entry, vouchers issued, redeemed, voided and expired at two merchants), and every figure of
the report checked against the same figure computed here from the stored rows. Also: empty and future periods,
bad periods, an unknown base, a merchant refused, days and weeks, zones with other offsets and daylight saving,
the report document, the workbook reopened and the PDF's text.

The month is November 2026 at the base (Asia/Shanghai); the report is made on 1 December 10:00."""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import subprocess
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from backends import ADMIN_PASSWORD, PG_URL_VARIABLE, _backends, _fresh_postgres_database
from booking_fixtures import force_booking
from sqlalchemy import select

from desk.domain.booking import FacilityKind
from desk.domain.clock import FixedClock
from desk.domain.errors import BadFormat, EndBeforeStart, NotFound, PermissionDenied
from desk.domain.hours import DEFAULT_WEEK, DayHours
from desk.domain.people import ALL_STATION_SERVICES, Category, Platform, Purpose, StationService
from desk.domain.periods import Period, PeriodKind, PeriodParts
from desk.domain.points import EntryKind, ProjectKind
from desk.domain.staff import Actor, Role
from desk.printing.report_document import ChartKind
from desk.services.audit import AuditService
from desk.services.bases import BaseService, SetupForm
from desk.services.bookings import BookingService
from desk.services.context import ServiceContext
from desk.services.facilities import FacilityService
from desk.services.facility_admin import FacilityAdminService
from desk.services.merchants import MerchantForm, MerchantService, RewardForm
from desk.services.monthly_report import ReportWords, report_document
from desk.services.people import PeopleService, PersonForm
from desk.services.points import PointsService, new_key
from desk.services.projects import ProjectForm, ProjectService
from desk.services.reports import LocalTime, PeriodReport, ReportService, headline, spread_hours
from desk.services.settings import SettingsService
from desk.services.startup import open_database
from desk.services.visits import VisitService
from desk.services.vouchers import VoucherService
from desk.storage.location import Location
from desk.storage.models import (
    Booking,
    Facility,
    Member,
    Merchant,
    PointsEntry,
    Project,
    ProjectClaim,
    Reward,
    Unit,
    Visit,
    Voucher,
)

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
NOVEMBER = Period.month(2026, 11)
REPORT_DAY = dt.date(2026, 12, 1)
MERCHANT = Actor(staff_id=None, username="huishang", display_name="汇上佳超市", role=Role.MERCHANT, merchant_id=1)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=ZONE)


@dataclass
class World:
    ctx: ServiceContext
    clock: FixedClock
    admin: Actor
    data_dir: Path


# -- the month, built once per backend ---------------------------------------------------------------------------

@pytest.fixture(scope="module", params=_backends())
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("reports")
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{folder / 'desk.sqlite3'}"])
    else:
        urls = _fresh_postgres_database(os.environ[PG_URL_VARIABLE])
    url = next(urls)
    clock = FixedClock(at(10, 10, 9))
    ctx, _ = open_database(Location(data_dir=folder / "data", url=url), clock, create=True)
    try:
        admin = BaseService(ctx).setup(SetupForm(
            base_name="明华红色港湾党群服务基地", base_code="MH", address="明华商圈中心广场", week=DEFAULT_WEEK,
            admin_username="admin", admin_display_name="王建国", password=ADMIN_PASSWORD,
            password_repeat=ADMIN_PASSWORD))
        _build_month(ctx, clock, admin)
        clock.set(at(12, 1, 10))
        yield World(ctx, clock, admin, folder)
    finally:
        ctx.db.dispose()
        for _rest in urls:  # drops the PostgreSQL database
            pass


def _unit(ctx: ServiceContext, kind: FacilityKind, index: int = 0) -> int:
    facility = next(f for f in FacilityService(ctx).catalogue() if f.kind is kind)
    return facility.units[index].id


def _facility(ctx: ServiceContext, kind: FacilityKind) -> int:
    return next(f.id for f in FacilityService(ctx).catalogue() if f.kind is kind)


def _build_month(ctx: ServiceContext, clock: FixedClock, admin: Actor) -> None:
    people, visits, bookings = PeopleService(ctx), VisitService(ctx), BookingService(ctx)
    points, projects, vouchers = PointsService(ctx), ProjectService(ctx), VoucherService(ctx)
    merchants, settings = MerchantService(ctx), SettingsService(ctx)
    reading = [_unit(ctx, FacilityKind.READING_ROOM, i) for i in range(3)]

    # October: people, members, points that expire in November, a voucher redeemed in November, the cinema's
    # own hours (weekends only), a project held in October but completed in November.
    zhang, li, wang, zhao = (people.register(admin, PersonForm(name, phone, category)).id
                             for name, phone, category in (
                                 ("张伟", "13900000001", Category.RESIDENT),
                                 ("李娜", "13900000002", Category.PARTY_MEMBER),
                                 ("王强", "13900000003", Category.VOLUNTEER),
                                 ("赵敏", "13900000004", Category.MERCHANT_STAFF)))
    m_zhang, m_li, m_wang, m_zhao = (points.join(admin, p).id for p in (zhang, li, wang, zhao))
    FacilityAdminService(ctx).set_hours(admin, _facility(ctx, FacilityKind.CINEMA), [
        DayHours(d, dt.time(14, 0), dt.time(20, 0)) if d >= 5 else DayHours(d, None, None) for d in range(7)])
    settings.set_int(admin, "points_expiry_days", 30)
    points.earn(admin, m_zhao, 50, "志愿服务", new_key())  # expires 9 November 09:00
    settings.set_int(admin, "points_expiry_days", 0)
    shop = merchants.add_merchant(admin, MerchantForm("汇上佳超市")).row.id
    tea = merchants.add_merchant(admin, MerchantForm("茶语时光")).row.id
    coupon = merchants.add_reward(admin, shop, RewardForm("满50减10", 10, face_value=Decimal("10"))).id
    milk_tea = merchants.add_reward(admin, tea, RewardForm("奶茶一杯", 15, validity_days=3,
                                                           face_value=Decimal("12.5"))).id
    clock.set(at(10, 20, 10))
    points.earn(admin, m_wang, 30, "志愿服务", new_key())
    october_voucher = vouchers.issue(admin, m_wang, coupon, new_key()).slip.qr_text
    clock.set(at(10, 28, 9))
    held_in_october = projects.create(admin, ProjectForm(
        title="重阳敬老", kind=ProjectKind.ACTIVITY, starts_at=at(10, 30, 10), ends_at=at(10, 30, 12),
        signup_deadline=at(10, 30, 9), slots=3, points=8)).id
    october_claim = projects.claim(admin, held_in_october, m_wang).id
    force_booking(ctx, _unit(ctx, FacilityKind.ACTIVITY_ROOM), at(10, 31, 20), at(11, 1, 1), "completed")
    clock.set(at(10, 31, 23, 50))
    visits.check_in(admin, zhang, Purpose.READING)

    # November.
    clock.set(at(11, 1, 0, 30))
    visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.READING, 3)
    clock.set(at(11, 2, 8))
    points.earn(admin, m_zhang, 100, "志愿服务", new_key())
    points.earn(admin, m_li, 100, "志愿服务", new_key())
    on_time = bookings.book(admin, reading[0], at(11, 4, 14), at(11, 4, 16), zhang).id
    absent = bookings.book(admin, reading[1], at(11, 4, 14), at(11, 4, 16), li).id
    cancelled = bookings.book(admin, reading[2], at(11, 5, 10), at(11, 5, 12), wang).id
    meeting = bookings.book(admin, _unit(ctx, FacilityKind.ACTIVITY_ROOM), at(11, 6, 19), at(11, 6, 21), li,
                            party_size=20).id
    for moment, action in (
            (at(11, 2, 10, 5), lambda: visits.check_in(admin, zhang, Purpose.READING)),
            (at(11, 2, 10, 40), lambda: visits.check_in(admin, li, Purpose.MEETING, 5)),
            (at(11, 2, 14, 10), lambda: visits.check_in_courier(
                admin, Platform.MEITUAN, StationService.HOT_WATER | StationService.REST)),
            (at(11, 2, 14, 20), lambda: visits.check_in_courier(admin, Platform.ELEME, StationService.CHARGING)),
            (at(11, 3, 9, 15), lambda: visits.check_in(admin, wang, Purpose.LEGAL_AID)),
            (at(11, 3, 11), lambda: vouchers.redeem(admin, october_voucher, shop)),
            (at(11, 3, 11, 30), lambda: projects.complete(admin, october_claim, None, new_key())),
            (at(11, 3, 18, 45), lambda: visits.check_in(admin, zhang, Purpose.CHARGING)),
            (at(11, 3, 19), lambda: visits.check_in_courier(
                admin, Platform.MEITUAN, StationService.MICROWAVE | StationService.TOILET)),
            (at(11, 4, 14), lambda: bookings.check_in(admin, on_time)),
            (at(11, 4, 14, 30), bookings.sweep_no_shows),
            (at(11, 4, 15, 30), lambda: bookings.complete(admin, on_time)),
            (at(11, 5, 9), lambda: bookings.cancel(admin, cancelled, "临时有事")),
            (at(11, 6, 19), lambda: bookings.check_in(admin, meeting)),
            (at(11, 6, 21), lambda: bookings.complete(admin, meeting)),
    ):
        clock.set(moment)
        action()
    assert bookings.get(absent).state.value == "no_show"

    ebike = _unit(ctx, FacilityKind.EBIKE_CHARGING)
    clock.set(at(11, 7, 10))
    charged = bookings.use_now(admin, ebike, 60, zhang, safety_checked=True).id
    clock.set(at(11, 7, 10, 45))
    bookings.complete(admin, charged)
    clock.set(at(11, 7, 11))
    phone = bookings.use_now(admin, _unit(ctx, FacilityKind.PHONE_CHARGING), 120).id
    clock.set(at(11, 7, 11, 30))
    bookings.complete(admin, phone)
    clock.set(at(11, 8, 9, 30))
    bookings.use_now(admin, _unit(ctx, FacilityKind.EBIKE_CHARGING, 1), 60, wang, safety_checked=True)  # left on

    clock.set(at(11, 9, 10))
    plus_five = points.adjust(admin, m_wang, 5, "补录", new_key()).entry_id
    points.adjust(admin, m_zhang, -2, "更正", new_key())
    clock.set(at(11, 10, 11))
    assert points.expire_due() == 1
    clock.set(at(11, 10, 12))
    visits.check_in_anonymous(admin, Category.NEW_EMPLOYMENT, Purpose.REST, 2)
    clock.set(at(11, 11, 10))
    BaseService(ctx).add_closure(admin, dt.date(2026, 11, 12), dt.date(2026, 11, 13), "设备检修")

    clock.set(at(11, 14, 9))
    bookings.book(admin, reading[0], at(11, 20, 10), at(11, 20, 11), zhao)  # never checked in nor swept
    volunteering = projects.create(admin, ProjectForm(
        title="商圈清扫", kind=ProjectKind.VOLUNTEER, starts_at=at(11, 15, 9), ends_at=at(11, 15, 11),
        signup_deadline=at(11, 15, 8), slots=5, points=20)).id
    training = projects.create(admin, ProjectForm(
        title="消防培训", kind=ProjectKind.TRAINING, starts_at=at(11, 20, 14), ends_at=at(11, 20, 16),
        signup_deadline=at(11, 20, 13), slots=10, points_per_hour=10, max_hours=2)).id
    december = projects.create(admin, ProjectForm(
        title="迎新年", kind=ProjectKind.ACTIVITY, starts_at=at(12, 5, 14), ends_at=at(12, 5, 16),
        signup_deadline=at(12, 5, 8), slots=4, points=5)).id
    claims = {m: projects.claim(admin, volunteering, m).id for m in (m_zhang, m_li, m_wang, m_zhao)}
    trained = projects.claim(admin, training, m_zhang).id
    projects.claim(admin, december, m_li)
    clock.set(at(11, 14, 10))
    projects.cancel_claim(admin, claims[m_zhao])
    clock.set(at(11, 15, 10))
    projects.complete(admin, claims[m_zhang], None, new_key())
    projects.complete(admin, claims[m_li], None, new_key())
    projects.mark_absent(admin, claims[m_wang])

    clock.set(at(11, 16, 10))
    first = vouchers.issue(admin, m_zhang, coupon, new_key())
    second = vouchers.issue(admin, m_zhang, coupon, new_key())
    vouchers.issue(admin, m_li, milk_tea, new_key())
    clock.set(at(11, 16, 11))
    points.reverse(admin, plus_five, "重复补录", new_key())
    clock.set(at(11, 17, 10))
    vouchers.redeem(admin, first.slip.qr_text, shop)
    vouchers.void(admin, second.voucher.id, "会员不需要了")
    clock.set(at(11, 19, 10))
    assert vouchers.expire_due() == 1
    clock.set(at(11, 20, 15))
    projects.complete(admin, trained, 90, new_key())
    force_booking(ctx, _unit(ctx, FacilityKind.CINEMA), at(11, 30, 22), at(12, 1, 2), "booked")
    clock.set(at(11, 30, 23, 59))
    visits.check_in(admin, zhao, Purpose.ENQUIRY)
    clock.set(at(12, 1, 0, 0))
    visits.check_in(admin, li, Purpose.OTHER)


@pytest.fixture(scope="module")
def november(world: World) -> PeriodReport:
    return ReportService(world.ctx).figures(NOVEMBER)


# -- figures computed here from the rows -------------------------------------------------------------------------

def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(ZONE).date()


def _rows(ctx: ServiceContext, *columns: object, where: object = True) -> list[tuple[object, ...]]:
    with ctx.db.read() as s:
        return [tuple(r) for r in s.execute(select(*columns).where(where))]


def _visits_in(ctx: ServiceContext, period: Period) -> list[Visit]:
    with ctx.db.read() as s:
        return [v for v in s.execute(select(Visit)).scalars() if _local_day(v.checked_in_at) in period]


def test_visits_by_category_purpose_day_and_hour_equal_the_rows(world: World, november: PeriodReport) -> None:
    rows = _visits_in(world.ctx, NOVEMBER)
    v = november.visits
    assert v.visits == len(rows) and v.people == sum(r.party_size for r in rows)
    assert v.served == len({r.person_id for r in rows if r.person_id is not None})
    assert {(r.category, r.visits, r.people) for r in v.by_category} == {
        (c, sum(1 for r in rows if r.category == c.value), sum(r.party_size for r in rows if r.category == c.value))
        for c in Category}
    assert {(r.purpose, r.visits, r.people) for r in v.by_purpose} == {
        (p, sum(1 for r in rows if r.purpose == p.value), sum(r.party_size for r in rows if r.purpose == p.value))
        for p in Purpose}
    days: dict[dt.date, list[int]] = {NOVEMBER.start + dt.timedelta(days=i): [0, 0] for i in range(30)}
    hours = [[0, 0] for _ in range(24)]
    for r in rows:
        local = r.checked_in_at.astimezone(ZONE)
        days[local.date()][0] += 1
        days[local.date()][1] += r.party_size
        hours[local.hour][0] += 1
        hours[local.hour][1] += r.party_size
    assert [(d.day, d.visits, d.people) for d in v.by_day] == [(d, n, p) for d, (n, p) in days.items()]
    assert [(h.hour, h.visits, h.people) for h in v.by_hour] == [(i, n, p) for i, (n, p) in enumerate(hours)]
    # The visits just inside the month's local ends are in; those just outside (UTC the same day) are not.
    assert days[dt.date(2026, 11, 1)] != [0, 0] and days[dt.date(2026, 11, 30)] != [0, 0]
    assert all(_local_day(r.checked_in_at) != dt.date(2026, 10, 31) for r in rows)


def test_station_visits_by_platform_and_service_equal_the_rows(world: World, november: PeriodReport) -> None:
    rows = [r for r in _visits_in(world.ctx, NOVEMBER) if r.platform is not None]
    assert rows, "the month has courier visits"
    for row in november.visits.platforms:
        mine = [r for r in rows if r.platform == row.platform.value]
        assert row.visits == len(mine) and row.people == sum(r.party_size for r in mine)
        assert row.services == tuple(sum(1 for r in mine if r.station_services & s) for s in ALL_STATION_SERVICES)
    assert [r.platform for r in november.visits.platforms] == list(Platform)


def _bookings(ctx: ServiceContext) -> list[tuple[int, str, dt.datetime, dt.datetime, str, dt.datetime | None,
                                                 dt.datetime | None]]:
    with ctx.db.read() as s:
        return [tuple(r) for r in s.execute(
            select(Unit.facility_id, Facility.kind, Booking.starts_at, Booking.ends_at, Booking.state,
                   Booking.checked_in_at, Booking.finished_at)
            .join(Unit, Unit.id == Booking.unit_id).join(Facility, Facility.id == Unit.facility_id))]


def test_facility_utilisation_no_shows_and_heat_map_equal_the_rows(world: World, november: PeriodReport) -> None:
    ctx = world.ctx
    start, end = NOVEMBER.bounds(ZONE)
    booked: dict[int, float] = defaultdict(float)
    heat = [[0.0] * 24 for _ in range(7)]
    starting: dict[int, Counter[str]] = defaultdict(Counter)
    for facility_id, _kind, begins, ends, state, _in, _out in _bookings(ctx):
        if start <= begins < end:
            starting[facility_id][state] += 1
        if state not in ("booked", "checked_in", "completed"):
            continue
        minute = max(begins, start)
        while minute < min(ends, end):  # every booked minute, placed on its local weekday and hour
            local = minute.astimezone(ZONE)
            booked[facility_id] += 1 / 60
            heat[local.weekday()][local.hour] += 1 / 60
            minute += dt.timedelta(minutes=1)
    facilities = FacilityService(ctx)
    rows = {r.facility_id: r for r in november.facilities.rows}
    assert set(rows) == {f.id for f in facilities.catalogue()}
    for f in facilities.catalogue():
        row = rows[f.id]
        open_hours = 0.0
        for i in range(NOVEMBER.days):
            day = facilities.open_day(NOVEMBER.start + dt.timedelta(days=i), f.id)
            if day.is_open:
                assert day.opens is not None and day.closes is not None
                open_hours += (dt.datetime.combine(day.day, day.closes) - dt.datetime.combine(day.day, day.opens)
                               ).total_seconds() / 3600
        assert row.units == len(f.units)
        assert row.open_hours == pytest.approx(open_hours * len(f.units))
        assert row.booked_hours == pytest.approx(booked[f.id])
        counted = starting[f.id]
        assert row.bookings == counted.total() - counted["cancelled"]
        assert row.due == counted["checked_in"] + counted["completed"] + counted["no_show"]
        assert row.no_shows == counted["no_show"]
        assert row.utilisation == pytest.approx(booked[f.id] / row.open_hours)
    for got, want in zip(november.facilities.heat, heat, strict=True):
        assert got == pytest.approx(want)
    # The month's facts behind the checks above: a closure, weekend-only cinema hours, bookings over both ends.
    reading = rows[_facility(ctx, FacilityKind.READING_ROOM)]
    assert reading.open_hours == pytest.approx(28 * 12 * 20)  # 30 days less the two closed, 12 h, 20 seats
    assert reading.no_shows == 1 and reading.due == 2 and reading.no_show_rate == pytest.approx(1 / 2)
    assert rows[_facility(ctx, FacilityKind.ACTIVITY_ROOM)].booked_hours == pytest.approx(1 + 2)
    assert rows[_facility(ctx, FacilityKind.CINEMA)].booked_hours == pytest.approx(2)


def test_charging_sessions_and_their_average_equal_the_rows(world: World, november: PeriodReport) -> None:
    start, end = NOVEMBER.bounds(ZONE)
    for row in november.facilities.charging:
        mine = [b for b in _bookings(world.ctx) if b[0] == row.facility_id and start <= b[2] < end]
        sessions = [b for b in mine if b[4] in ("checked_in", "completed")]
        done = [b for b in mine if b[4] == "completed"]
        assert row.sessions == len(sessions) and row.completed == len(done)
        if done:
            minutes = [((b[6] or b[3]) - (b[5] or b[2])).total_seconds() / 60 for b in done]
            assert row.average_minutes == pytest.approx(sum(minutes) / len(minutes))
        else:
            assert row.average_minutes is None
    by_kind = {r.kind: r for r in november.facilities.charging}
    assert by_kind[FacilityKind.EBIKE_CHARGING].sessions == 2 and by_kind[FacilityKind.EBIKE_CHARGING].completed == 1
    assert by_kind[FacilityKind.EBIKE_CHARGING].average_minutes == pytest.approx(45)
    assert by_kind[FacilityKind.PHONE_CHARGING].average_minutes == pytest.approx(30)


def test_projects_held_claims_and_completions_equal_the_rows(world: World, november: PeriodReport) -> None:
    start, end = NOVEMBER.bounds(ZONE)
    held = {pid: (kind, slots) for pid, kind, slots, begins in _rows(
        world.ctx, Project.id, Project.kind, Project.slots, Project.starts_at) if start <= begins < end}
    claims = _rows(world.ctx, ProjectClaim.project_id, ProjectClaim.state)
    for row in november.projects:
        mine = [pid for pid, (kind, _slots) in held.items() if kind == row.kind.value]
        assert row.projects == len(mine)
        assert row.slots == sum(held[pid][1] for pid in mine)
        assert row.claims == sum(1 for pid, state in claims if pid in mine and state != "cancelled")
        assert row.completed == sum(1 for pid, state in claims if pid in mine and state == "completed")
    assert [r.kind for r in november.projects] == list(ProjectKind)
    assert sum(r.projects for r in november.projects) == 2  # October's and December's are not November's


def test_points_by_entry_kind_equal_the_rows(world: World, november: PeriodReport) -> None:
    start, end = NOVEMBER.bounds(ZONE)
    entries = [(kind, amount) for kind, amount, moment in _rows(
        world.ctx, PointsEntry.kind, PointsEntry.amount, PointsEntry.at) if start <= moment < end]
    assert [(r.kind, r.entries, r.points) for r in november.points] == [
        (k, sum(1 for kind, _ in entries if kind == k.value), sum(a for kind, a in entries if kind == k.value))
        for k in EntryKind]
    assert all(r.entries for r in november.points), "the month has an entry of every kind"


def test_vouchers_by_merchant_and_top_rewards_equal_the_rows(world: World, november: PeriodReport) -> None:
    start, end = NOVEMBER.bounds(ZONE)
    rows = _rows(world.ctx, Voucher.merchant_id, Voucher.reward_id, Voucher.status, Voucher.points,
                 Voucher.face_value_fen, Voucher.issued_at, Voucher.redeemed_at, Voucher.voided_at)
    names = dict(_rows(world.ctx, Merchant.id, Merchant.name))
    titles = dict(_rows(world.ctx, Reward.id, Reward.title))

    def during(moment: object) -> bool:
        return isinstance(moment, dt.datetime) and start <= moment < end

    def tally(mine: list[tuple[object, ...]]) -> tuple[int, int, int]:
        return (len(mine), sum(int(r[3]) for r in mine),
                sum(int(r[4] or 0) for r in mine))

    expected = []
    for merchant_id in {r[0] for r in rows}:
        mine = [r for r in rows if r[0] == merchant_id]
        events = (
            [r for r in mine if during(r[5])], [r for r in mine if r[2] == "redeemed" and during(r[6])],
            [r for r in mine if r[2] == "void" and during(r[7])],
            [r for r in mine if r[2] == "expired" and during(r[7])])
        if any(events):
            expected.append((names[merchant_id], *(tally(e) for e in events)))
    expected.sort(key=lambda m: (-m[2][0], -m[1][0], m[0]))  # most redemptions first
    assert [(m.name, *((t.count, t.points, t.face_value_fen) for t in (m.issued, m.redeemed, m.voided, m.expired)))
            for m in november.merchants] == expected
    issued = Counter(r[1] for r in rows if during(r[5]))
    assert [(r.title, r.issued, r.points) for r in november.rewards] == sorted(
        ((titles[reward], n,
          sum(int(r[3]) for r in rows if r[1] == reward and during(r[5])))
         for reward, n in issued.items()), key=lambda t: (-t[1], t[0]))
    shop = next(m for m in november.merchants if m.name == "汇上佳超市")
    assert shop.redeemed.count == 2  # October's voucher redeemed in November counts in November
    assert shop.redeemed.face_value_fen == 2000


def test_headlines_add_up_the_figures(world: World, november: PeriodReport) -> None:
    h = headline(november)
    start, end = NOVEMBER.bounds(ZONE)
    rows = _visits_in(world.ctx, NOVEMBER)
    assert (h.people, h.visits, h.served) == (sum(r.party_size for r in rows), len(rows),
                                              len({r.person_id for r in rows if r.person_id}))
    bookings = [b for b in _bookings(world.ctx) if start <= b[2] < end]
    assert h.bookings == sum(1 for b in bookings if b[4] != "cancelled")
    assert h.charging == sum(1 for b in bookings if FacilityKind(b[1]).is_charging
                             and b[4] in ("checked_in", "completed"))
    assert h.utilisation == pytest.approx(sum(r.booked_hours for r in november.facilities.rows)
                                          / sum(r.open_hours for r in november.facilities.rows))
    entries = [(k, a) for k, a, m in _rows(world.ctx, PointsEntry.kind, PointsEntry.amount, PointsEntry.at)
               if start <= m < end]
    assert h.points_earned == sum(a for k, a in entries if k == "earn")
    assert h.points_spent == -sum(a for k, a in entries if k in ("spend", "refund"))
    vouchers = _rows(world.ctx, Voucher.merchant_id, Voucher.status, Voucher.issued_at, Voucher.redeemed_at)
    assert h.vouchers_issued == sum(1 for v in vouchers if start <= v[2] < end)
    assert h.vouchers_redeemed == sum(1 for v in vouchers if v[3] is not None and start <= v[3] < end)
    assert h.merchants_served == len({v[0] for v in vouchers if v[3] is not None and start <= v[3] < end})
    assert (h.projects, h.claims, h.completions) == (2, 4, 3)


def test_the_previous_month_and_points_of_members_of_the_base(world: World) -> None:
    october = ReportService(world.ctx).figures(NOVEMBER.previous())
    assert october.period == Period.month(2026, 10)
    rows = _visits_in(world.ctx, october.period)
    assert october.visits.visits == len(rows) == 1
    activity = next(r for r in october.facilities.rows if r.kind is FacilityKind.ACTIVITY_ROOM)
    assert activity.booked_hours == pytest.approx(4)  # 20:00 to midnight of the booking that runs into November
    with world.ctx.db.read() as s:
        assert set(s.execute(select(Member.base_id)).scalars()) == {1}
    assert {r.kind: r.entries for r in october.points}[EntryKind.EARN] == 2


def test_an_empty_period_and_one_still_to_come_count_nothing(world: World) -> None:
    reports = ReportService(world.ctx)
    for period in (Period.month(2026, 6), Period.month(2027, 3)):
        report = reports.figures(period)
        h = headline(report)
        assert (h.people, h.visits, h.served, h.bookings, h.charging, h.projects, h.points_earned,
                h.vouchers_issued, h.merchants_served) == (0, 0, 0, 0, 0, 0, 0, 0, 0)
        assert len(report.visits.by_day) == period.days and all(d.visits == 0 for d in report.visits.by_day)
        assert report.merchants == () and report.rewards == ()
        assert all(r.booked_hours == 0 and r.open_hours > 0 for r in report.facilities.rows
                   if r.kind is not FacilityKind.CINEMA)
        assert report.facilities.heat == tuple((0.0,) * 24 for _ in range(7))


def test_bad_periods_and_an_unknown_base_are_refused(world: World) -> None:
    with pytest.raises(EndBeforeStart):
        ReportService(world.ctx).figures(Period.custom(dt.date(2026, 11, 30), dt.date(2026, 11, 1)))
    with pytest.raises(NotFound) as found:
        ReportService(world.ctx).figures(NOVEMBER, "XX")
    assert found.value.params == {"entity": "base", "key": "XX"}


def test_a_merchant_cannot_export_a_report_and_nothing_is_written(world: World, tmp_path: Path) -> None:
    reports = ReportService(world.ctx)
    before = len(AuditService(world.ctx).recent(500))
    for export, name in ((reports.monthly_pdf, "r.pdf"), (reports.workbook, "r.xlsx")):
        with pytest.raises(PermissionDenied):
            export(MERCHANT, NOVEMBER, None, tmp_path / name)
    with pytest.raises(BadFormat):
        reports.workbook(world.admin, NOVEMBER, None, tmp_path / "r.csv")
    assert list(tmp_path.iterdir()) == [] and len(AuditService(world.ctx).recent(500)) == before


# -- the document and its files ----------------------------------------------------------------------------------

def test_the_document_carries_the_headlines_against_the_previous_month(world: World,
                                                                       november: PeriodReport) -> None:
    october = ReportService(world.ctx).figures(NOVEMBER.previous())
    document = report_document(november, october)
    now, before = headline(november), headline(october)
    assert document.title == "明华红色港湾党群服务基地 工作月报" and document.subtitle == "2026年11月"
    assert document.printed_at == "2026-12-01 10:00"
    by_label = {h.label: h for h in document.headlines}
    assert (by_label["到访人次"].value, by_label["到访人次"].previous) == (now.people, before.people)
    assert (by_label["服务商户数"].value, by_label["服务商户数"].previous) == (now.merchants_served,
                                                                    before.merchants_served)
    assert by_label["设施使用率"].value == pytest.approx(round(now.utilisation * 100, 1))
    assert len(document.headlines) == 13
    tables = {t.title: t for section in document.sections for t in section.tables}
    assert tables["按人员类别"].total == ("合计", now.visits, now.people, 100.0)
    assert [row[0] for row in tables["按人员类别"].rows] == ["党员", "群众", "新就业群体", "商户", "志愿者"]
    assert len(tables["按日"].rows) == 30 and tables["按日"].rows[0][0] == dt.date(2026, 11, 1)
    heat = next(c for s in document.sections for c in s.charts if c.kind is ChartKind.HEAT)
    assert [s.name for s in heat.series] == ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    assert report_document(november).headlines[0].previous is None
    english = report_document(november, words=ReportWords(people="Visitors", titles={"month": "{base} monthly"}))
    assert english.headlines[0].label == "Visitors" and english.title.endswith("monthly")


def test_a_year_lists_its_visits_by_month(world: World) -> None:
    document = report_document(ReportService(world.ctx).figures(Period.year(2026)))
    tables = {t.title: t for section in document.sections for t in section.tables}
    assert "按日" not in tables and len(tables["按月"].rows) == 12
    assert tables["按月"].rows[10][0] == "2026年11月"


def test_the_workbook_reopens_with_numbers_dates_a_frozen_header_and_widths(world: World, tmp_path: Path,
                                                                          november: PeriodReport) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "十一月报表.xlsx"
    result = ReportService(world.ctx).workbook(world.admin, NOVEMBER, None, path)
    assert result.path == path and result.headlines == headline(november)
    book = load_workbook(path)
    assert book.sheetnames[0] == "概况" and "按人员类别" in book.sheetnames and "按日" in book.sheetnames
    summary = book["概况"]
    assert [c.value for c in summary[1]] == ["指标", "本期", "上期", "变化（%）", "单位"]
    assert summary["A2"].value == "到访人次" and summary["B2"].value == november.visits.people
    assert isinstance(summary["C2"].value, int)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(sheet.column_dimensions[c].width >= 8 for c in "AB")
    days = book["按日"]
    assert isinstance(days["A2"].value, dt.datetime) and days["A2"].value.date() == dt.date(2026, 11, 1)
    assert days["A2"].number_format == "yyyy-mm-dd"
    assert [days.cell(row=r, column=3).value for r in range(2, 32)] == [d.people for d in november.visits.by_day]
    facilities = book["设施使用率"]
    assert isinstance(facilities["C2"].value, float | int) and isinstance(facilities["E2"].value, float | int)
    assert book["预约时长分布（小时，按星期和时段）"]["A2"].value == "周一"
    assert not list(tmp_path.glob(".*part"))
    event = AuditService(world.ctx).recent(1)[0]
    assert (event.actor, event.action) == ("admin", "report_exported")
    assert "MH 2026-11-01–2026-11-30 as xlsx (十一月报表.xlsx)" == event.summary


@needs_poppler
def test_the_pdf_says_the_headline_numbers(world: World, tmp_path: Path, november: PeriodReport) -> None:
    path = tmp_path / "report.pdf"
    ReportService(world.ctx).monthly_pdf(world.admin, NOVEMBER, "MH", path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    h = headline(november)
    assert "工作月报" in text and "2026年11月" in text
    for figure in (h.people, h.served, h.bookings, h.charging, h.points_earned, h.points_spent, h.vouchers_issued):
        assert f"{figure:,}" in text
    assert f"{h.utilisation * 100:.1f}" in text
    assert AuditService(world.ctx).recent(1)[0].action == "report_exported"


# -- periods, zones ----------------------------------------------------------------------------------------------

def test_days_and_iso_weeks_are_periods() -> None:
    saturday = dt.date(2026, 11, 28)
    assert Period.day(saturday) == Period(saturday, saturday, PeriodKind.DAY)
    assert Period.containing(saturday, "day").previous() == Period.day(dt.date(2026, 11, 27))
    week = Period.week(saturday)
    assert (week.start, week.end, week.kind) == (dt.date(2026, 11, 23), dt.date(2026, 11, 29), PeriodKind.WEEK)
    assert Period.containing(dt.date(2026, 11, 23), PeriodKind.WEEK) == week
    assert week.previous() == Period.week(dt.date(2026, 11, 16))
    assert Period.week(dt.date(2027, 1, 1)).parts() == PeriodParts(PeriodKind.WEEK, 2026, 53)
    assert Period.week(dt.date(2027, 1, 4)).previous().parts() == PeriodParts(PeriodKind.WEEK, 2026, 53)
    words = ReportWords()
    assert words.period_text(week) == "2026年第48周（2026-11-23 至 2026-11-29）"
    assert words.period_text(Period.day(saturday)) == "2026-11-28"
    assert words.title("明华", Period.day(saturday)) == "明华 工作日报"


def test_a_day_report_and_a_week_report(world: World) -> None:
    reports = ReportService(world.ctx)
    day = reports.figures(Period.day(dt.date(2026, 11, 2)))
    rows = _visits_in(world.ctx, Period.day(dt.date(2026, 11, 2)))
    assert day.visits.visits == len(rows) == 4 and len(day.visits.by_day) == 1
    tables = [t.title for section in report_document(day).sections for t in section.tables]
    assert "按日" not in tables and "按时段" in tables
    week = reports.figures(Period.week(dt.date(2026, 11, 4)))
    assert week.visits.visits == len(_visits_in(world.ctx, week.period))


def test_local_time_follows_daylight_saving() -> None:
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    start = dt.datetime(2026, 3, 29, tzinfo=berlin)
    local = LocalTime.of(berlin, start, start + dt.timedelta(days=1))
    change = dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC).timestamp()  # 02:00 CET becomes 03:00 CEST
    assert local.starts == (start.timestamp(), change) and local.offsets == (3600, 7200)
    assert local.place(change - 1)[:2] == (dt.date(2026, 3, 29), 1)
    assert local.place(change)[:2] == (dt.date(2026, 3, 29), 3)
    cells = [[0.0] * 24 for _ in range(7)]
    spread_hours(cells, change - 1800, change + 1800, 2, local)  # 01:30–02:00 CET and 03:00–03:30 CEST, ×2
    assert cells[6][1] == pytest.approx(1.0) and cells[6][3] == pytest.approx(1.0) and cells[6][2] == 0
    kolkata = zoneinfo.ZoneInfo("Asia/Kolkata")
    assert LocalTime.of(kolkata, dt.datetime(2026, 1, 1, tzinfo=kolkata),
                        dt.datetime(2026, 1, 2, tzinfo=kolkata)).bucket == 900


def test_a_base_half_an_hour_off_the_hour_places_visits_on_its_own_hours(ctx: ServiceContext, clock: FixedClock,
                                                                         admin: Actor) -> None:
    kolkata = zoneinfo.ZoneInfo("Asia/Kolkata")
    profile = BaseService(ctx).profile()
    BaseService(ctx).update_profile(admin, profile.name, profile.address, "Asia/Kolkata")
    visits = VisitService(ctx)
    for hour, minute in ((9, 10), (9, 50), (10, 20), (23, 45)):
        clock.set(dt.datetime(2026, 11, 27, hour, minute, tzinfo=kolkata))
        visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.READING)
    report = ReportService(ctx).figures(Period.day(dt.date(2026, 11, 27)))
    assert {h.hour: h.visits for h in report.visits.by_hour if h.visits} == {9: 2, 10: 1, 23: 1}
    assert [d.visits for d in report.visits.by_day] == [4]
    assert math.isclose(sum(sum(row) for row in report.facilities.heat), 0.0)
