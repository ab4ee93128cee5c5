"""The Today dashboard on both backends: every figure equals the same figure computed here from the rows the test
made through the real services (visits in several categories and hours, this weekday of earlier weeks, bookings
with a no-show, charging sessions with an overdue one and a faulty port, the 母婴室 in use, points, vouchers,
projects), a new base shows zeros, the hours stay right across a change of daylight saving, and on SQLite every
query reads an index."""

from __future__ import annotations

import collections
import datetime as dt
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from booking_fixtures import ZONE, at, facility, person
from sqlalchemy import event, insert, select

from desk.domain.booking import BookingState, FacilityKind
from desk.domain.clock import FixedClock
from desk.domain.errors import NotFound
from desk.domain.people import Category, Platform, Purpose, mask_name
from desk.domain.points import EntryKind, ProjectKind, ProjectStatus
from desk.domain.staff import Actor
from desk.services.bases import BaseService
from desk.services.bookings import BookingService
from desk.services.charging import ChargingService, PortState
from desk.services.context import ServiceContext
from desk.services.dashboard import (
    CLOSING_WITHIN,
    COMPARE_WEEKS,
    NEXT_BOOKINGS,
    Dashboard,
    DashboardService,
    RoomState,
)
from desk.services.people import PeopleService, PersonForm
from desk.services.points import PointsService, new_key
from desk.services.projects import ProjectForm, ProjectService
from desk.services.visits import VisitService
from desk.services.vouchers import VoucherService
from desk.storage.models import (
    Booking,
    Member,
    Merchant,
    Person,
    PointsEntry,
    Project,
    Reward,
    Visit,
    Voucher,
)

TODAY = dt.date(2026, 11, 28)  # a Saturday
YESTERDAY = TODAY - dt.timedelta(days=1)
NOW = at(TODAY, 15, 30)


@dataclass(frozen=True)
class Built:
    dashboard: Dashboard
    charging: ChargingService


def _anonymous(visits: VisitService, clock: FixedClock, actor: Actor, moment: dt.datetime, category: Category,
               size: int, *, leave: bool = True) -> int:
    clock.set(moment)
    visit = visits.check_in_anonymous(actor, category, Purpose.READING, size)
    if leave:
        visits.check_out(actor, [visit.id])
    return visit.id


def _reward(ctx: ServiceContext, name: str, points: int) -> int:
    with ctx.db.write() as s:
        merchant = s.execute(insert(Merchant).returning(Merchant.id), {
            "name": name, "active": True, "created_at": ctx.clock.now()}).scalar_one()
        return int(s.execute(insert(Reward).returning(Reward.id), {
            "merchant_id": merchant, "title": "满50减10", "terms": "", "points": points, "face_value_fen": 1000,
            "stock": None, "monthly_limit": None, "validity_days": 30, "active": True,
            "created_at": ctx.clock.now()}).scalar_one())


def _project(projects: ProjectService, actor: Actor, title: str, deadline: dt.datetime, slots: int) -> int:
    return projects.create(actor, ProjectForm(
        title=title, kind=ProjectKind.VOLUNTEER, starts_at=deadline + dt.timedelta(hours=1),
        ends_at=deadline + dt.timedelta(hours=3), signup_deadline=deadline, slots=slots, points=5)).id


@pytest.fixture
def built(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> Built:
    """A day at the base, made in time order through the services, read at NOW (15:30)."""
    visits, bookings, charging = VisitService(ctx), BookingService(ctx), ChargingService(ctx)
    points, vouchers, projects = PointsService(ctx), VoucherService(ctx), ProjectService(ctx)
    people = PeopleService(ctx)

    # This weekday of earlier weeks (the fifth one is outside the comparison), and the day before.
    for weeks in range(1, COMPARE_WEEKS + 2):
        day = TODAY - dt.timedelta(weeks=weeks)
        _anonymous(visits, clock, admin, at(day, 9, 10), Category.RESIDENT, weeks)
        _anonymous(visits, clock, admin, at(day, 14, 0), Category.PARTY_MEMBER, 2, leave=weeks != 1)
        _anonymous(visits, clock, admin, at(day, 20, 59), Category.VOLUNTEER, 1)
    _anonymous(visits, clock, admin, at(YESTERDAY, 10, 0), Category.RESIDENT, 5)
    clock.set(at(YESTERDAY, 23, 59) + dt.timedelta(seconds=59))
    visits.check_in_courier(admin, Platform.MEITUAN)

    # Yesterday: a no-show, points earned, a voucher issued.
    clock.set(at(YESTERDAY, 9, 0))
    reading = facility(ctx, FacilityKind.READING_ROOM).units
    late = person(ctx, admin, "赵磊")
    bookings.book(admin, reading[9].id, at(YESTERDAY, 10, 0), at(YESTERDAY, 11, 0), late)
    clock.set(at(YESTERDAY, 10, 30))
    bookings.sweep_no_shows()
    first = points.join(admin, person(ctx, admin, "张伟明"))
    second = points.join(admin, person(ctx, admin, "李秀英"))
    points.earn(admin, first.id, 40, "志愿服务", new_key())
    points.earn(admin, second.id, 30, "志愿服务", new_key())
    tea = _reward(ctx, "茶语时光", 10)
    old_voucher = vouchers.issue(admin, second.id, tea, new_key()).voucher

    # Today, from midnight on.
    _anonymous(visits, clock, admin, at(TODAY, 0, 0), Category.RESIDENT, 1)
    clock.set(at(TODAY, 9, 0))
    known = people.register(admin, PersonForm("张明", "138 1234 5678", Category.PARTY_MEMBER))
    projects_made = [
        _project(projects, admin, "商圈环境清洁志愿服务", at(TODAY + dt.timedelta(days=2), 10, 0), 5),
        _project(projects, admin, "反诈宣传进社区", at(TODAY + dt.timedelta(days=4), 10, 0), 5),
        _project(projects, admin, "义诊服务协助", at(TODAY + dt.timedelta(days=1), 10, 0), 1),
        _project(projects, admin, "书吧图书整理", at(TODAY, 12, 0), 5),
        _project(projects, admin, "消防安全培训", at(TODAY, 15, 30) + CLOSING_WITHIN, 3),
    ]
    projects.claim(admin, projects_made[2], first.id)  # its only slot: full
    booked = [person(ctx, admin, name) for name in ("王芳", "刘洋", "陈静", "杨帆", "黄丽", "周杰", "吴敏")]
    bookings.book(admin, reading[0].id, at(TODAY, 11, 0), at(TODAY, 12, 0), booked[0])  # becomes a no-show
    for index, who in enumerate(booked[1:6], start=1):
        bookings.book(admin, reading[index].id, at(TODAY, 16, 0), at(TODAY, 17, 0), who)
    bookings.book(admin, reading[6].id, at(TODAY + dt.timedelta(days=1), 10, 0),
                  at(TODAY + dt.timedelta(days=1), 11, 0), booked[6])
    cancelled = bookings.book(admin, reading[7].id, at(TODAY, 15, 30), at(TODAY, 16, 0), booked[0])
    bookings.cancel(admin, cancelled.id, "临时有事")
    kept = bookings.book(admin, reading[8].id, at(TODAY, 13, 0), at(TODAY, 14, 0), booked[6])
    clock.set(at(TODAY, 9, 5))
    visits.check_in(admin, known.id, Purpose.READING)
    clock.set(at(TODAY, 9, 30))
    nursing_unit = facility(ctx, FacilityKind.NURSING_ROOM).units[0].id
    charging.log_cleaning(admin, nursing_unit, "消毒")
    _anonymous(visits, clock, admin, at(TODAY, 9, 40), Category.RESIDENT, 4, leave=False)
    clock.set(at(TODAY, 10, 0))
    points.earn(admin, first.id, 50, "志愿服务", new_key())
    points.earn(admin, second.id, 20, "网格上报", new_key())
    points.spend(admin, first.id, 10, "兑换礼品", new_key())
    mine = [vouchers.issue(admin, first.id, tea, new_key()) for _ in range(2)]
    vouchers.issue(admin, second.id, tea, new_key())
    clock.set(at(TODAY, 11, 15))
    visits.check_in_courier(admin, Platform.ELEME)
    vouchers.redeem(admin, mine[0].slip.qr_text)
    vouchers.redeem(admin, old_voucher.code)
    vouchers.void(admin, mine[1].voucher.id, "会员不要了")
    clock.set(at(TODAY, 11, 30))
    bookings.sweep_no_shows()
    clock.set(at(TODAY, 13, 0))
    bookings.check_in(admin, kept.id)
    clock.set(at(TODAY, 14, 0))
    bookings.complete(admin, kept.id)

    # Charging: one runs over (ends 15:00), one runs, a port is faulty, a socket is used without a name.
    ebike = facility(ctx, FacilityKind.EBIKE_CHARGING).units
    sockets = facility(ctx, FacilityKind.PHONE_CHARGING).units
    bookings.use_now(admin, ebike[0].id, 60, booked[1], safety_checked=True)
    _anonymous(visits, clock, admin, at(TODAY, 14, 59) + dt.timedelta(seconds=59), Category.VOLUNTEER, 2,
               leave=False)
    clock.set(at(TODAY, 15, 0))
    _anonymous(visits, clock, admin, at(TODAY, 15, 0), Category.MERCHANT_STAFF, 3, leave=False)
    bookings.use_now(admin, ebike[1].id, 120, booked[2], safety_checked=True)
    charging.mark_out_of_order(admin, ebike[2].id, "线路故障")
    clock.set(at(TODAY, 15, 10))
    bookings.use_now(admin, sockets[0].id, 60)
    clock.set(at(TODAY, 15, 20))
    charging.occupy(admin)

    clock.set(NOW)
    return Built(DashboardService(ctx).today(), charging)


def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(ZONE).date()


def test_visitors_by_category_and_hour_against_the_same_weekday(ctx: ServiceContext, built: Built) -> None:
    with ctx.db.read() as s:
        rows = s.execute(select(Visit.checked_in_at, Visit.checked_out_at, Visit.category, Visit.party_size)).all()
    today = [r for r in rows if _local_day(r.checked_in_at) == TODAY]
    earlier = {TODAY - dt.timedelta(weeks=k) for k in range(1, COMPARE_WEEKS + 1)}
    visits = collections.Counter(r.category for r in today)
    people: collections.Counter[str] = collections.Counter()
    hourly = [0] * 24
    before = [0] * 24
    for r in today:
        people[r.category] += r.party_size
        hourly[r.checked_in_at.astimezone(ZONE).hour] += r.party_size
    for r in rows:
        if _local_day(r.checked_in_at) in earlier:
            before[r.checked_in_at.astimezone(ZONE).hour] += r.party_size

    board = built.dashboard
    assert board.day == TODAY and board.now == NOW
    assert [(c.category, c.visits, c.people) for c in board.visitors] == [
        (c, visits[c.value], people[c.value]) for c in Category]
    assert board.visits_today == len(today) and board.people_today == sum(r.party_size for r in today)
    assert board.hourly == tuple(hourly)
    assert board.hourly_average == tuple(total / COMPARE_WEEKS for total in before)
    assert sum(board.hourly) > 0 and sum(board.hourly_average) > 0  # the scenario has both
    open_visits = [r for r in rows if r.checked_out_at is None]
    assert board.on_site_visits == len(open_visits)
    assert board.on_site_people == sum(r.party_size for r in open_visits)
    assert (board.opens, board.closes) == (dt.time(9, 0), dt.time(21, 0))  # the week the base was set up with


def test_bookings_ports_and_the_nursing_room(ctx: ServiceContext, built: Built) -> None:
    with ctx.db.read() as s:
        rows = s.execute(select(Booking.id, Booking.state, Booking.starts_at, Booking.ends_at, Person.name)
                         .outerjoin(Person, Person.id == Booking.person_id)).all()
    upcoming = sorted((r for r in rows if r.state == BookingState.BOOKED.value and r.ends_at > NOW),
                      key=lambda r: (r.starts_at, r.id))[:NEXT_BOOKINGS]
    board = built.dashboard
    assert [(b.id, b.masked_name, b.starts_at) for b in board.next_bookings] == [
        (r.id, mask_name(r.name), r.starts_at) for r in upcoming]
    assert all("*" in b.masked_name for b in board.next_bookings)
    assert board.no_shows == sum(1 for r in rows if r.state == BookingState.NO_SHOW.value
                                 and _local_day(r.starts_at) == TODAY)

    # The ports as the charging page's own board shows them.
    tiles = [tile for kind in (FacilityKind.EBIKE_CHARGING, FacilityKind.PHONE_CHARGING)
             for tile in built.charging.board(facility(ctx, kind).id)]
    states = collections.Counter(tile.state for tile in tiles)
    ports = board.ports
    assert (ports.free, ports.charging, ports.overdue, ports.out_of_order) == (
        states[PortState.FREE], states[PortState.CHARGING], states[PortState.OVERDUE], states[PortState.OUT_OF_ORDER])
    assert ports.total == len(tiles) and ports.overdue and ports.out_of_order and ports.charging

    room = built.charging.nursing_state()
    nursing = board.nursing
    assert nursing is not None and room.occupied
    assert (nursing.unit_id, nursing.name, nursing.state) == (room.unit_id, room.unit_name, RoomState.OCCUPIED)
    assert (nursing.since, nursing.expected_end, nursing.minutes_over) == (
        room.since, room.expected_end, room.minutes_over)
    assert room.last_cleaning is not None
    assert (nursing.last_cleaning_at, nursing.last_cleaning_by) == (room.last_cleaning.at,
                                                                     room.last_cleaning.staff_name)


def test_points_vouchers_and_projects_closing_soon(ctx: ServiceContext, built: Built) -> None:
    with ctx.db.read() as s:
        entries = s.execute(select(PointsEntry.kind, PointsEntry.amount, PointsEntry.at)
                            .join(Member, Member.id == PointsEntry.member_id)).all()
        issued = s.execute(select(Voucher.issued_at, Voucher.redeemed_at)).all()
        projects = s.execute(select(Project.id, Project.title, Project.status, Project.signup_deadline,
                                    Project.slots, Project.claimed)).all()
    today = [e for e in entries if _local_day(e.at) == TODAY]
    board = built.dashboard
    assert board.points_earned == sum(e.amount for e in today if e.kind == EntryKind.EARN.value)
    assert board.points_spent == -sum(e.amount for e in today if e.kind in (EntryKind.SPEND.value,
                                                                             EntryKind.REFUND.value))
    assert board.vouchers_issued == sum(1 for v in issued if _local_day(v.issued_at) == TODAY)
    assert board.vouchers_redeemed == sum(1 for v in issued if v.redeemed_at and _local_day(v.redeemed_at) == TODAY)
    assert board.points_earned and board.points_spent and board.vouchers_issued and board.vouchers_redeemed

    closing = sorted((p for p in projects if p.status == ProjectStatus.OPEN.value and p.claimed < p.slots
                      and NOW < p.signup_deadline <= NOW + CLOSING_WITHIN), key=lambda p: (p.signup_deadline, p.id))
    assert [(p.id, p.title, p.signup_deadline, p.slots_left) for p in board.closing_projects] == [
        (p.id, p.title, p.signup_deadline, p.slots - p.claimed) for p in closing]
    assert 0 < len(board.closing_projects) < len(projects)


def test_a_new_base_shows_zeros(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> None:
    visits = VisitService(ctx)
    visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.READING, 3)  # at the first base
    BaseService(ctx).create_base("南方红色港湾党群服务基地", "NF")
    other = ServiceContext(ctx.db, clock, ctx.location, "NF")

    board = DashboardService(other).today()

    assert board.visits_today == 0 and board.people_today == 0
    assert set(board.hourly) == {0} and set(board.hourly_average) == {0}
    assert (board.on_site_visits, board.on_site_people, board.no_shows) == (0, 0, 0)
    assert board.next_bookings == () and board.closing_projects == ()
    assert (board.points_earned, board.points_spent, board.vouchers_issued, board.vouchers_redeemed) == (0, 0, 0, 0)
    ports = [unit for kind in (FacilityKind.EBIKE_CHARGING, FacilityKind.PHONE_CHARGING)
             for unit in facility(other, kind).units]
    assert board.ports.free == board.ports.total == len(ports) and board.ports.in_use == 0
    assert board.nursing is not None and board.nursing.state is RoomState.FREE
    assert board.nursing.since is None and board.nursing.last_cleaning_at is None
    assert DashboardService(ctx).today().people_today == 3  # the first base is still itself


def test_an_unknown_base_is_not_found(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> None:
    with pytest.raises(NotFound):
        DashboardService(ServiceContext(ctx.db, clock, ctx.location, "XX")).today()


def test_hours_stay_right_across_a_change_of_daylight_saving(ctx: ServiceContext, admin: Actor,
                                                             clock: FixedClock) -> None:
    """Berlin moves its clocks from 02:00 to 03:00 on 2026-03-29: a visit at 03:30 is in the 3 o'clock hour
    although only two hours have passed since midnight; the Sundays before had no such jump."""
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    profile = BaseService(ctx).profile()
    BaseService(ctx).update_profile(admin, profile.name, profile.address, "Europe/Berlin")
    visits = VisitService(ctx)
    day = dt.date(2026, 3, 29)
    made = []
    for weeks in range(COMPARE_WEEKS + 1):
        for hour, minute in ((0, 30), (1, 30), (3, 30), (11, 0), (23, 45)):
            moment = dt.datetime.combine(day - dt.timedelta(weeks=weeks), dt.time(hour, minute), berlin)
            made.append((moment, weeks + 1))
            clock.set(moment)
            visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.READING, weeks + 1)
    clock.set(dt.datetime.combine(day, dt.time(23, 50), berlin))

    board = DashboardService(ctx).today()

    hourly = [0] * 24
    before = [0] * 24
    for moment, size in made:
        local = moment.astimezone(berlin)
        (hourly if local.date() == day else before)[local.hour] += size
    assert board.day == day
    assert board.hourly == tuple(hourly)
    assert board.hourly_average == tuple(total / COMPARE_WEEKS for total in before)


@pytest.fixture
def statements(ctx: ServiceContext) -> Iterator[list[tuple[str, object]]]:
    seen: list[tuple[str, object]] = []

    def record(_conn: object, _cursor: object, statement: str, parameters: object, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(ctx.db.read_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(ctx.db.read_engine, "before_cursor_execute", record)


def test_every_query_of_the_big_tables_reads_an_index(ctx: ServiceContext, admin: Actor,
                                                      statements: list[tuple[str, object]]) -> None:
    """The plans SQLite makes before it has statistics (a new database); tests/bench checks the big one."""
    if ctx.db.dialect != "sqlite":
        pytest.skip("query plans are checked on SQLite, the desks' database")
    DashboardService(ctx).today()
    assert statements
    big = ("visit", "booking", "points_entry", "voucher", "person", "member", "cleaning_log")
    with ctx.db.read() as s:
        raw = s.connection().connection.driver_connection
        assert raw is not None
        for statement, parameters in statements:
            plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters)]
            scans = [step for step in plan if any(step.startswith(f"SCAN {table}") for table in big)]
            # Visits by time or by still being on site, never every visit of the base.
            wide = [step for step in plan if step.startswith("SEARCH visit")
                    and "checked_in_at>" not in step and "checked_out_at=" not in step]
            assert scans == [] and wide == [], f"{statement}\n{plan}"


def test_the_usual_day_leaves_out_earlier_days_the_base_was_closed(ctx: ServiceContext, built: Built,
                                                                   admin: Actor) -> None:
    closed = TODAY - dt.timedelta(weeks=2)
    BaseService(ctx).add_closure(admin, closed, closed, "消防检查")
    with ctx.db.read() as s:
        rows = s.execute(select(Visit.checked_in_at, Visit.party_size)).all()
    compared = {TODAY - dt.timedelta(weeks=k) for k in range(1, COMPARE_WEEKS + 1)} - {closed}
    before = [0] * 24
    for r in rows:
        if _local_day(r.checked_in_at) in compared:
            before[r.checked_in_at.astimezone(ZONE).hour] += r.party_size
    assert any(_local_day(r.checked_in_at) == closed for r in rows)  # its visits exist, and are left out

    board = DashboardService(ctx).today()
    assert board.hourly_average == tuple(total / len(compared) for total in before)


def test_no_usual_day_when_the_base_was_closed_on_every_earlier_one(ctx: ServiceContext, built: Built,
                                                                    admin: Actor) -> None:
    BaseService(ctx).add_closure(admin, TODAY - dt.timedelta(weeks=COMPARE_WEEKS), TODAY - dt.timedelta(days=1),
                                 "装修")
    board = DashboardService(ctx).today()
    assert board.hourly_average == (0.0,) * 24
    assert sum(board.hourly) == sum(built.dashboard.hourly) > 0  # today itself is still counted
