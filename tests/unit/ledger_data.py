"""A small base's two days for the 台账 exports, made through the real services with the clock moved by hand:
bookings in every state (one cancelled with a reason, a no-show, a party), charging sessions (an e-bike session
stopped late, an anonymous phone socket, one still running past its end), the points ledger (earned, spent on
vouchers, refunded by a void, adjusted and reversed, credited by a project completion) and vouchers (issued,
voided, redeemed and settled). One of each lies on the day before the range, to show the range is kept.

The range is 2026-11-28..29 in the base's zone (Asia/Shanghai); the clock ends at 11:30 on the 28th. Names are
as typed (one person is called "=1+2", which a spreadsheet must keep as text)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from booking_fixtures import unit_id
from sqlalchemy import insert

from desk.domain.booking import FacilityKind
from desk.domain.clock import FixedClock
from desk.domain.people import Category
from desk.domain.periods import Period
from desk.domain.points import ProjectKind
from desk.domain.staff import Actor, Role
from desk.services.auth import AuthService
from desk.services.bookings import BookingService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService, PersonForm
from desk.services.points import PointsService, new_key
from desk.services.projects import ProjectForm, ProjectService
from desk.services.staff import StaffService
from desk.services.vouchers import VoucherService
from desk.storage.models import Merchant, Reward

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
DAY = dt.date(2026, 11, 28)
FROM, TO = DAY, DAY + dt.timedelta(days=1)
DESK_PASSWORD = "hongse-desk-2026"
# name, phone, category
PEOPLE = {
    "rider": ("张小明", "13812345678", Category.NEW_EMPLOYMENT),
    "lisi": ("李四", "13700001234", Category.RESIDENT),
    "formula": ("=1+2", "13900000001", Category.VOLUNTEER),
}
PHONES = [phone for _name, phone, _category in PEOPLE.values()]


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), ZONE)


@dataclass
class World:
    admin: Actor
    desk: Actor
    people: dict[str, int]
    members: dict[str, int]
    bookings: dict[str, int]  # b0 (the day before) … b5, and the charging sessions c1 … c3
    vouchers: dict[str, int]  # v0 (the day before) … v3
    merchants: dict[str, int]
    project: str  # the title of the project whose completion credited points


def build_world(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> World:
    before = DAY - dt.timedelta(days=1)
    clock.set(at(before, 10))
    StaffService(ctx).add(admin, "lixiaomei", "李晓梅", Role.DESK, DESK_PASSWORD, DESK_PASSWORD)
    desk = AuthService(ctx).login("lixiaomei", DESK_PASSWORD)
    people = {key: PeopleService(ctx).register(admin, PersonForm(name, phone, category)).id
              for key, (name, phone, category) in PEOPLE.items()}
    bookings, points, vouchers = BookingService(ctx), PointsService(ctx), VoucherService(ctx)
    reading = [unit_id(ctx, FacilityKind.READING_ROOM, i) for i in range(3)]
    merchants = _merchants(ctx)
    shop, tea = merchants["汇上佳超市"], merchants["茶语时光"]
    discount = _reward(ctx, shop, "满50减10", 10, 1000)
    milk_tea = _reward(ctx, tea, "奶茶一杯", 8, None)

    b: dict[str, int] = {}
    v: dict[str, int] = {}
    m: dict[str, int] = {}
    # The day before the range: a booking, a member's first points, a voucher.
    b["b0"] = bookings.book(desk, reading[0], at(before, 14), at(before, 15), people["lisi"]).id
    b["b4"] = bookings.book(admin, reading[2], at(DAY, 10), at(DAY, 11), people["lisi"]).id  # becomes a no-show
    m["lisi"] = points.join(admin, people["lisi"]).id
    points.earn(admin, m["lisi"], 10, "旧积分", new_key())
    v["v0"] = vouchers.issue(desk, m["lisi"], milk_tea, new_key()).voucher.id

    clock.set(at(DAY, 10))
    b["b1"] = bookings.book(admin, reading[0], at(DAY, 10, 30), at(DAY, 11, 30), people["rider"]).id
    b["b2"] = bookings.book(desk, reading[1], at(DAY, 11), at(DAY, 12), people["lisi"]).id
    activity = unit_id(ctx, FacilityKind.ACTIVITY_ROOM)
    b["b3"] = bookings.book(desk, activity, at(DAY, 14), at(DAY, 16), people["formula"], party_size=5).id
    b["b5"] = bookings.book(desk, reading[0], at(TO, 10), at(TO, 11), people["lisi"]).id
    ebike = [unit_id(ctx, FacilityKind.EBIKE_CHARGING, i) for i in range(2)]
    b["c1"] = bookings.use_now(admin, ebike[0], 60, people["rider"], safety_checked=True).id
    m["rider"] = points.join(admin, people["rider"]).id
    points.earn(desk, m["rider"], 50, "志愿服务", new_key())
    projects = ProjectService(ctx)
    title = "明华商圈环境清扫"
    project = projects.create(admin, ProjectForm(
        title=title, kind=ProjectKind.VOLUNTEER, location="中心广场", starts_at=at(DAY, 10, 30),
        ends_at=at(DAY, 11, 30), signup_deadline=at(DAY, 10, 20), slots=5, points=20))
    claim = projects.claim(desk, project.id, m["rider"])
    v["v1"] = vouchers.issue(desk, m["rider"], discount, new_key()).voucher.id
    v["v2"] = vouchers.issue(desk, m["rider"], milk_tea, new_key()).voucher.id
    v["v3"] = vouchers.issue(admin, m["rider"], discount, new_key()).voucher.id

    clock.set(at(DAY, 10, 5))
    bookings.cancel(desk, b["b2"], "临时有事")
    socket = unit_id(ctx, FacilityKind.PHONE_CHARGING)
    b["c2"] = bookings.use_now(desk, socket, 30).id  # without a name
    clock.set(at(DAY, 10, 10))
    b["c3"] = bookings.use_now(desk, ebike[1], 30, people["lisi"], safety_checked=True).id  # never stopped
    clock.set(at(DAY, 10, 20))
    bookings.complete(desk, b["c2"])
    vouchers.void(desk, v["v2"], "会员不要了")
    clock.set(at(DAY, 10, 25))
    bookings.check_in(admin, b["b1"])
    clock.set(at(DAY, 10, 30))
    assert bookings.sweep_no_shows().no_shows == 2  # b0 of the day before and b4
    clock.set(at(DAY, 10, 40))
    assert vouchers.redeem(admin, vouchers.get(v["v3"]).code).ok
    adjusted = points.adjust(admin, m["rider"], -3, "更正录入", new_key())
    clock.set(at(DAY, 10, 45))
    points.reverse(admin, adjusted.entry_id, "调整有误", new_key())
    clock.set(at(DAY, 11))
    projects.complete(admin, claim.id, None, new_key())
    clock.set(at(DAY, 11, 20))
    bookings.complete(admin, b["b1"])
    clock.set(at(DAY, 11, 30))
    bookings.complete(admin, b["c1"])  # half an hour past its planned end
    vouchers.settle(admin, shop, Period.month(2026, 11))
    return World(admin, desk, people, m, b, v, merchants, title)


def _merchants(ctx: ServiceContext) -> dict[str, int]:
    now = ctx.clock.now()
    with ctx.db.write() as s:
        return {name: s.execute(insert(Merchant).returning(Merchant.id), {
            "name": name, "active": True, "created_at": now, "address": address}).scalar_one()
            for name, address in (("汇上佳超市", "明华路 18 号"), ("茶语时光", "明华商圈 B 座 1 层"))}


def _reward(ctx: ServiceContext, merchant_id: int, title: str, points: int, face_fen: int | None) -> int:
    with ctx.db.write() as s:
        return int(s.execute(insert(Reward).returning(Reward.id), {
            "merchant_id": merchant_id, "title": title, "terms": "限本店使用", "points": points,
            "face_value_fen": face_fen, "stock": None, "monthly_limit": None, "validity_days": 30,
            "active": True, "created_at": ctx.clock.now()}).scalar_one())
