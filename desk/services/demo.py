"""Services layer: `desk init --demo` — realistic, clearly labelled demo data for every area that exists.

The demo base is flagged `is_demo`, which the window title shows. Logins are listed in the README.

Besides the base, its staff and merchants, the demo holds about a hundred days of a busy base: some 600 people
(names drawn from common surnames and given-name characters; phones of the demo pattern 1xx-0000-xxxx), 40–120
visits on every open day along the day's usual curve, anonymous head counts, 暖新驿站 couriers by platform, nearly
everyone checked out (a few still on site today) and some checked out automatically at closing time.

红色积分: everyone with a member number is a member; about forty service projects over the hundred days and the
three weeks ahead (finished ones with their claims completed, some absent or cancelled, and the points credited;
yesterday's waiting for its completions to be verified; open ones ahead, the nearest fully claimed), two
corrections by the administrator and a reversal, every entry in time order with its running balance.

兑换券: the alliance merchants' rewards (some with a stock and a monthly limit per member, some unlimited) and
nine weeks of exchanges at the desk, made by the real `VoucherService` at their moments (a clock the demo moves):
issued only when the member's points cover them, most redeemed at the merchant (汇上佳超市 by its cashier), a few
voided, a few expired, and last month of 汇上佳超市 settled. The signing key is made in the data folder.

The rows are written with Core bulk inserts; the audit trail gets one `demo_seeded` event, not one per demo row
(the replayed voucher calls write their own events, as at a desk).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import zoneinfo
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from desk.domain.clock import FixedClock
from desk.domain.errors import AlreadySetUp
from desk.domain.hours import DEFAULT_TIMEZONE, DayHours
from desk.domain.people import (
    ALL_STATION_SERVICES,
    Category,
    CheckoutKind,
    Platform,
    Purpose,
    StationService,
)
from desk.domain.periods import Period
from desk.domain.points import ClaimState, EntryKind, ProjectKind, ProjectStatus, points_for
from desk.domain.staff import COMMAND_LINE, Actor, Role
from desk.domain.vouchers import Outcome, VoucherStatus
from desk.services import audit
from desk.services.context import ServiceContext
from desk.services.facilities import seed_facilities
from desk.services.passwords import hash_password
from desk.services.settings import BOOLEAN_SETTINGS
from desk.services.vouchers import EXPIRY_REFUND_SETTING, VoucherService
from desk.storage.engine import Database
from desk.storage.location import Location
from desk.storage.models import (
    Booking,
    Closure,
    Facility,
    Member,
    Merchant,
    OpeningHours,
    Person,
    PointsEntry,
    Project,
    ProjectClaim,
    Reward,
    ServiceBase,
    Staff,
    Unit,
    Visit,
)

DEMO_PASSWORD = "hongse2026"
DEMO_BASE_CODE = "MH"
DEMO_BASE_NAME = "明华红色港湾党群服务基地"
DEMO_ADDRESS = "明华商圈中心广场 2 号楼 1 层"

DEMO_STAFF = (
    ("admin", "王建国", Role.ADMIN, None),
    ("lixiaomei", "李晓梅", Role.DESK, None),
    ("zhanghua", "张华", Role.DESK, None),
    ("chenjing", "陈静", Role.DESK, None),
    ("huishang", "汇上佳收银员", Role.MERCHANT, "汇上佳超市"),
)

DEMO_MERCHANTS = (
    "汇上佳超市", "书香社区书店", "老街坊面馆", "蜜语奶茶", "明华药房", "快修电动车行", "阳光理发店", "晨光文具",
)

DEMO_WEEK = tuple(
    DayHours(d, dt.time(9, 0), dt.time(21, 0)) if d < 5 else DayHours(d, dt.time(9, 30), dt.time(18, 0))
    for d in range(7)
)

DEMO_DAYS = 100  # of visits, back from today
DEMO_PEOPLE = 600

# -- names and phones (shared with the benchmark data set) ------------------------------------------------------

# Common surnames, most frequent first, with rough weights; a few two-character surnames.
SURNAMES: tuple[tuple[str, int], ...] = (
    *((name, weight) for weight, names in (
        (70, "王李张刘陈"), (40, "杨黄赵吴周"), (25, "徐孙马朱胡郭何林高罗"),
        (15, "郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"),
        (6, "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"),
    ) for name in names),
    ("欧阳", 2), ("上官", 1), ("司马", 1), ("诸葛", 1),
)
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林阳建国志文海峰晨博翔天泽瑞"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀英慧婷雪琳颖玲倩洁燕梅莉萍红佳欣怡悦晶雯璐瑶琪蕾兰桂凤"
GIVEN_EITHER = "子一思梓晓小雨嘉家振永春秋德"
# Mobile number blocks of the three carriers; the demo numbers are 1xx-0000-xxxx.
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
                   "156", "157", "158", "159", "166", "173", "176", "177", "180", "181", "182", "183", "185", "186",
                   "187", "188", "189", "191", "199")

PARTY_BRANCHES: tuple[tuple[str, int], ...] = (
    ("明华社区第一党支部", 30), ("明华社区第二党支部", 24), ("明华社区第三党支部", 14),
    ("明华商圈非公企业联合党支部", 16), ("南方社区党委第一党支部", 8), ("汇洋社区第二党支部", 7),
    ("快递物流行业联合党支部", 6), ("明华小学教师党支部", 5), ("明华社区离退休干部党支部", 9),
)
NOTES = ("行动不便，来访时请协助", "常用母婴室", "社区志愿者队长", "常用电动车充电桩", "党员先锋岗", "楼栋长",
         "老年大学书法班学员", "网格员")

_SURNAME_NAMES = [name for name, _ in SURNAMES]
_SURNAME_WEIGHTS = [weight for _, weight in SURNAMES]


def person_name(rng: random.Random) -> str:
    """A realistic Chinese name: a common surname and one or two given-name characters."""
    surname = rng.choices(_SURNAME_NAMES, _SURNAME_WEIGHTS)[0]
    pool = GIVEN_MALE if rng.random() < 0.5 else GIVEN_FEMALE
    if rng.random() < 0.22:
        return surname + rng.choice(pool)
    first = rng.choice(GIVEN_EITHER) if rng.random() < 0.25 else rng.choice(pool)
    second = rng.choice(pool.replace(first, ""))
    return surname + first + second


def demo_phone(rng: random.Random, used: set[str]) -> str:
    """A mobile number of the demo pattern 1xx-0000-xxxx, not in `used` (and added to it)."""
    while True:
        phone = f"{rng.choice(MOBILE_PREFIXES)}0000{rng.randrange(10_000):04d}"
        if phone not in used:
            used.add(phone)
            return phone


# -- what a day at the base looks like ---------------------------------------------------------------------------

CATEGORY_WEIGHTS = ((Category.RESIDENT, 48), (Category.PARTY_MEMBER, 22), (Category.NEW_EMPLOYMENT, 14),
                    (Category.VOLUNTEER, 9), (Category.MERCHANT_STAFF, 7))
PURPOSES_BY_CATEGORY: dict[Category, tuple[tuple[Purpose, int], ...]] = {
    Category.RESIDENT: ((Purpose.READING, 34), (Purpose.NURSING, 12), (Purpose.CHARGING, 14),
                        (Purpose.LEGAL_AID, 8), (Purpose.ENQUIRY, 20), (Purpose.MEETING, 7), (Purpose.OTHER, 5)),
    Category.PARTY_MEMBER: ((Purpose.MEETING, 38), (Purpose.READING, 32), (Purpose.ENQUIRY, 12),
                            (Purpose.CHARGING, 7), (Purpose.LEGAL_AID, 3), (Purpose.OTHER, 8)),
    Category.NEW_EMPLOYMENT: ((Purpose.REST, 50), (Purpose.CHARGING, 38), (Purpose.ENQUIRY, 7), (Purpose.OTHER, 5)),
    Category.VOLUNTEER: ((Purpose.MEETING, 40), (Purpose.OTHER, 28), (Purpose.READING, 17), (Purpose.ENQUIRY, 15)),
    Category.MERCHANT_STAFF: ((Purpose.ENQUIRY, 36), (Purpose.MEETING, 28), (Purpose.READING, 14),
                              (Purpose.CHARGING, 12), (Purpose.OTHER, 10)),
}
ANONYMOUS_PURPOSES = ((Purpose.NURSING, 34), (Purpose.READING, 26), (Purpose.ENQUIRY, 20), (Purpose.CHARGING, 10),
                      (Purpose.REST, 4), (Purpose.OTHER, 6))
ANONYMOUS_CATEGORIES = ((Category.RESIDENT, 82), (Category.NEW_EMPLOYMENT, 8), (Category.MERCHANT_STAFF, 5),
                        (Category.VOLUNTEER, 5))
PLATFORM_WEIGHTS = ((Platform.MEITUAN, 34), (Platform.ELEME, 24), (Platform.SF, 10), (Platform.JD, 10),
                    (Platform.DIDI, 9), (Platform.OTHER, 13))
# How often a courier uses each service of the 暖新驿站.
SERVICE_ODDS = {StationService.HOT_WATER: 0.55, StationService.MICROWAVE: 0.2, StationService.REST: 0.5,
                StationService.CHARGING: 0.45, StationService.TOILET: 0.35}
# Minutes a visit lasts: (shortest, longest, most usual).
DURATION_MINUTES: dict[Purpose, tuple[int, int, int]] = {
    Purpose.READING: (20, 180, 60), Purpose.NURSING: (10, 45, 20), Purpose.CHARGING: (20, 120, 50),
    Purpose.LEGAL_AID: (20, 75, 35), Purpose.REST: (5, 45, 15), Purpose.MEETING: (45, 150, 90),
    Purpose.ENQUIRY: (5, 30, 10), Purpose.OTHER: (10, 90, 30),
}
# Arrivals per local hour (residents and members; couriers come around meal times).
VISITOR_HOURS = {9: 5, 10: 10, 11: 9, 12: 5, 13: 5, 14: 8, 15: 10, 16: 9, 17: 6, 18: 6, 19: 8, 20: 4}
COURIER_HOURS = {9: 4, 10: 9, 11: 6, 12: 3, 13: 6, 14: 10, 15: 9, 16: 6, 17: 4, 18: 4, 19: 6, 20: 6}
VISIT_KINDS = (("person", 55), ("anonymous", 17), ("courier", 28))
FORGOT_TO_CHECK_OUT = 0.04  # left without a word: the closing-time timer checks them out


@dataclass(frozen=True)
class DemoSummary:
    base_code: str
    staff: int
    merchants: int
    closures: int
    people: int = 0
    visits: int = 0
    bookings: int = 0
    members: int = 0
    projects: int = 0
    points_entries: int = 0
    rewards: int = 0
    vouchers: int = 0
    vouchers_redeemed: int = 0


def seed_demo(ctx: ServiceContext, seed: int = 7) -> DemoSummary:
    """Fill an empty database with a demo base. Refuses a database that already has staff."""
    rng = random.Random(seed)
    now = ctx.clock.now()
    zone = zoneinfo.ZoneInfo(DEFAULT_TIMEZONE)
    today = now.astimezone(zone).date()
    opened = now - dt.timedelta(days=DEMO_DAYS + 20)
    with ctx.db.write() as s:
        if s.execute(select(Staff.id).limit(1)).first() is not None:
            raise AlreadySetUp()
        base = ServiceBase(code=DEMO_BASE_CODE, name=DEMO_BASE_NAME, address=DEMO_ADDRESS, is_demo=True,
                           created_at=opened)
        s.add(base)
        s.flush()
        for day in DEMO_WEEK:
            s.add(OpeningHours(base_id=base.id, weekday=day.weekday, opens=day.opens, closes=day.closes))
        merchants = {}
        for i, name in enumerate(DEMO_MERCHANTS):
            joined = now - dt.timedelta(days=110 - i * 9)
            merchant = Merchant(name=name, active=True, created_at=joined, joined_on=joined.astimezone(zone).date(),
                                plaque_no=f"{DEMO_BASE_CODE}-LM-{i + 1:03d}", **DEMO_MERCHANT_DETAILS[name])
            s.add(merchant)
            merchants[name] = merchant
        s.flush()
        password_hash = hash_password(DEMO_PASSWORD)
        staff_ids: dict[str, int] = {}
        for i, (username, display, role, merchant_name) in enumerate(DEMO_STAFF):
            staff = Staff(username=username, display_name=display, role=role.value,
                          merchant_id=merchants[merchant_name].id if merchant_name else None,
                          password_hash=password_hash, created_at=opened + dt.timedelta(days=i, hours=1))
            s.add(staff)
            s.flush()
            staff_ids[username] = staff.id
        closures = [
            (today - dt.timedelta(days=40), today - dt.timedelta(days=39), "消防设施年检"),
            (today + dt.timedelta(days=12), today + dt.timedelta(days=12), "场地线路改造"),
            (dt.date(today.year, 12, 31), dt.date(today.year, 12, 31), "年终盘点"),
        ]
        for start, end, reason in closures:
            s.add(Closure(base_id=base.id, start_date=start, end_date=end, reason=reason, created_at=now))
        s.flush()

        visitors = _Visitors(rng, base.id, staff_ids, now, zone)
        for offset in range(DEMO_DAYS, -1, -1):
            date = today - dt.timedelta(days=offset)
            if not any(start <= date <= end for start, end, _ in closures):
                visitors.day(date, DEMO_DAYS - offset)
        people = visitors.people_rows(DEMO_PEOPLE)
        conn = s.connection()
        ids = conn.execute(insert(_table(Person)).returning(_table(Person).c.id, sort_by_parameter_order=True),
                           people).scalars().all()
        visitors.visits.sort(key=lambda row: row["checked_in_at"])  # ids in the order people came
        for row in visitors.visits:
            index = row.pop("person")
            row["person_id"] = ids[index] if index is not None else None
        for first in range(0, len(visitors.visits), 2000):
            conn.execute(insert(_table(Visit)), visitors.visits[first:first + 2000])
        seed_facilities(s, base.id)
        # Its own random source: the people and visits above stay exactly as they were without bookings.
        bookings = _demo_bookings(s, random.Random(seed + 1), base.id, now, zone,
                                  [(start, end) for start, end, _ in closures], list(ids), staff_ids)
        points = _DemoPoints(random.Random(seed + 2), base.id, now, zone, staff_ids)
        points.join(people, ids)
        points.plan_projects([(start, end) for start, end, _ in closures])
        points.plan_ledger()
        rewards = _demo_rewards(conn, {name: (m.id, m.created_at) for name, m in merchants.items()})
        vouchers = _DemoVouchers(random.Random(seed + 3), points, rewards, staff_ids,
                                 [(start, end) for start, end, _ in closures])
        vouchers.plan()
        replay = ServiceContext(_LentDatabase(conn, ctx.location), FixedClock(now), ctx.location, DEMO_BASE_CODE)
        entries = points.write(conn, vouchers.replays(replay))
        audit.record(s, now, COMMAND_LINE, "demo_seeded", "base", base.id,
                     f"demo data: {len(people)} people, {len(visitors.visits)} visits over {DEMO_DAYS} days, "
                     f"{len(vouchers.planned)} vouchers")
    return DemoSummary(DEMO_BASE_CODE, len(DEMO_STAFF), len(DEMO_MERCHANTS), len(closures), len(people),
                       len(visitors.visits), bookings, len(points.members), len(points.projects), entries,
                       len(rewards), len(vouchers.planned), vouchers.redeemed)


def _table(model: type) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


def _insert_returning(conn: Connection, model: type, rows: list[dict[str, Any]]) -> list[int]:
    """One bulk insert (executemany) that hands back the new ids in the order of the rows."""
    if not rows:
        return []
    table = _table(model)
    return list(conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars())


def _pick(rng: random.Random, weighted: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([value for value, _ in weighted], [weight for _, weight in weighted])[0]


class _Visitors:
    """The demo's people and their visits, day by day; people are referred to by index until inserted."""

    def __init__(self, rng: random.Random, base_id: int, staff_ids: dict[str, int], now: dt.datetime,
                 zone: zoneinfo.ZoneInfo) -> None:
        self.rng, self.base_id, self.staff_ids, self.now, self.zone = rng, base_id, staff_ids, now, zone
        self.categories = [_pick(rng, CATEGORY_WEIGHTS) for _ in range(DEMO_PEOPLE)]
        # Regulars come often, most people now and then: popularity follows a long tail.
        self.popularity = [min(rng.paretovariate(1.1), 40.0) for _ in range(DEMO_PEOPLE)]
        self.party_members = [i for i, c in enumerate(self.categories) if c is Category.PARTY_MEMBER]
        self.first_visit: dict[int, dt.datetime] = {}
        self.visits: list[dict[str, Any]] = []

    def day(self, day: dt.date, age: int) -> None:
        hours = DEMO_WEEK[day.weekday()]
        if hours.opens is None or hours.closes is None:
            return
        opens = dt.datetime.combine(day, hours.opens, self.zone)
        closes = dt.datetime.combine(day, hours.closes, self.zone)
        weekend = day.weekday() >= 5
        # The base grows busier as word gets round; weekends bring families.
        growth = 0.75 + 0.3 * age / DEMO_DAYS
        target = round(self.rng.randint(60, 120) if weekend else self.rng.randint(45, 105) * growth)
        target = max(40, min(120, target))
        seen: set[int] = set()
        for _ in range(target):
            kind = _pick(self.rng, VISIT_KINDS)
            curve = COURIER_HOURS if kind == "courier" else VISITOR_HOURS
            arrived = self._moment(opens, closes, curve)
            if kind == "person":
                person = self.rng.choices(range(DEMO_PEOPLE), self.popularity)[0]
                if person in seen:
                    kind = "anonymous"  # one visit a day each; count a head instead
                else:
                    seen.add(person)
                    category = self.categories[person]
                    purpose = _pick(self.rng, PURPOSES_BY_CATEGORY[category])
                    with_family = purpose is Purpose.NURSING or self.rng.random() < 0.15
                    size = self.rng.randint(1, 3) if with_family else 1
                    self._visit(arrived, closes, person, category, purpose, size)
                    continue
            if kind == "anonymous":
                purpose = _pick(self.rng, ANONYMOUS_PURPOSES)
                size = 1 if self.rng.random() < 0.7 else self.rng.choice((2, 2, 2, 3, 4, 5))
                self._visit(arrived, closes, None, _pick(self.rng, ANONYMOUS_CATEGORIES), purpose, size)
            else:
                services = StationService.NONE
                for service in ALL_STATION_SERVICES:
                    if self.rng.random() < SERVICE_ODDS[service]:
                        services |= service
                self._visit(arrived, closes, None, Category.NEW_EMPLOYMENT, Purpose.REST, 1,
                            _pick(self.rng, PLATFORM_WEIGHTS), services)
        if day.day <= 7 and day.weekday() == 4 and self.party_members:
            self._party_day(day, closes, seen)

    def _party_day(self, day: dt.date, closes: dt.datetime, seen: set[int]) -> None:
        """主题党日 on the first Friday of the month: members check in one by one for the afternoon meeting."""
        start = dt.datetime.combine(day, dt.time(14, 10), self.zone)
        end = dt.datetime.combine(day, dt.time(16, 30), self.zone)
        members = self.rng.sample(self.party_members, min(len(self.party_members), self.rng.randint(18, 32)))
        for person in members:
            if person in seen:
                continue
            seen.add(person)
            arrived = start + dt.timedelta(minutes=self.rng.randint(0, 25), seconds=self.rng.randint(0, 59))
            leaves = end + dt.timedelta(minutes=self.rng.randint(0, 20))
            self._visit(arrived, closes, person, Category.PARTY_MEMBER, Purpose.MEETING, 1, leave_at=leaves)

    def _moment(self, opens: dt.datetime, closes: dt.datetime, curve: dict[int, int]) -> dt.datetime:
        hours = [h for h in curve if opens.hour <= h < closes.hour]
        hour = self.rng.choices(hours, [curve[h] for h in hours])[0]
        moment = opens.replace(hour=hour, minute=0) + dt.timedelta(seconds=self.rng.randrange(3600))
        return max(moment, opens + dt.timedelta(seconds=self.rng.randrange(600)))

    def _on_duty(self, at: dt.datetime) -> int:
        if self.rng.random() < 0.05:
            return self.staff_ids["admin"]
        if at.weekday() >= 5:
            return self.staff_ids["chenjing"]
        return self.staff_ids["lixiaomei" if at.hour < 15 else "zhanghua"]

    def _visit(self, arrived: dt.datetime, closes: dt.datetime, person: int | None, category: Category,
               purpose: Purpose, size: int, platform: Platform | None = None,
               services: StationService = StationService.NONE, leave_at: dt.datetime | None = None) -> None:
        if arrived > self.now:
            return  # later today
        shortest, longest, usual = DURATION_MINUTES[purpose]
        left = leave_at or arrived + dt.timedelta(minutes=self.rng.triangular(shortest, longest, usual))
        out: dt.datetime | None
        kind: str | None
        by: int | None
        if left >= closes or self.rng.random() < FORGOT_TO_CHECK_OUT:
            out, kind, by = closes, CheckoutKind.AUTOMATIC.value, None
        else:
            out, kind, by = left, CheckoutKind.MANUAL.value, self._on_duty(left)
        if out > self.now:
            out, kind, by = None, None, None  # still here
        if person is not None and person not in self.first_visit:
            self.first_visit[person] = arrived
        self.visits.append(dict(
            base_id=self.base_id, person=person, category=category.value, purpose=purpose.value, party_size=size,
            platform=platform.value if platform else None, station_services=int(services), checked_in_at=arrived,
            checked_out_at=out, checkout_kind=kind, staff_id=self._on_duty(arrived), checkout_staff_id=by))

    def people_rows(self, count: int) -> list[dict[str, Any]]:
        """Everyone, registered at their first visit (or, for those who have not come back since an event, on
        a day of the period)."""
        used: set[str] = set()
        rows = []
        member_numbers = iter(range(1, count + 1))
        for i in range(count):
            category = self.categories[i]
            created = self.first_visit.get(i)
            if created is None:
                day = self.now.astimezone(self.zone).date() - dt.timedelta(days=self.rng.randint(1, DEMO_DAYS))
                created = dt.datetime.combine(day, dt.time(9, 30), self.zone) + dt.timedelta(
                    seconds=self.rng.randrange(8 * 3600))
            # Members of the points scheme: keen party members and volunteers, a few residents.
            keen = category in (Category.PARTY_MEMBER, Category.VOLUNTEER)
            member = self.rng.random() < (0.35 if keen else 0.04)
            rows.append(dict(
                name=person_name(self.rng), phone=demo_phone(self.rng, used) if self.rng.random() < 0.97 else None,
                category=category.value,
                party_branch=_pick(self.rng, PARTY_BRANCHES) if category is Category.PARTY_MEMBER else "",
                member_no=f"{DEMO_BASE_CODE}{next(member_numbers):05d}" if member else None,
                note=self.rng.choice(NOTES) if self.rng.random() < 0.04 else "",
                created_at=created, anonymised_at=None))
        for row in rows:
            row["phone_last4"] = row["phone"][-4:] if row["phone"] else None
        return rows


# -- bookings -----------------------------------------------------------------------------------------------------

# Per facility kind: bookings a unit gets on a full day, and their lengths in slot steps.
DEMO_BOOKINGS: dict[str, tuple[int, tuple[int, ...]]] = {
    "reading_room": (3, (2, 2, 3, 4, 6)),
    "nursing_room": (5, (1, 2, 2, 3)),
    "ebike_charging": (3, (4, 6, 8, 12)),
    "phone_charging": (4, (2, 3, 4, 6)),
    "activity_room": (1, (4, 4, 6)),
    "cinema": (1, (4, 5)),
    "legal_aid": (4, (1,)),
}
DEMO_BOOKING_DAYS = 21  # back from today; and the days ahead each facility's booking window allows
DEMO_CANCEL_REASONS = ("临时有事", "改天再来", "行程变更")


def _demo_bookings(s: Session, rng: random.Random, base_id: int, now: dt.datetime, zone: zoneinfo.ZoneInfo,
                   closures: list[tuple[dt.date, dt.date]], person_ids: list[int], staff_ids: dict[str, int]) -> int:
    """Three weeks of bookings of the standard facilities and the ones already made for the days ahead: never
    overlapping on a unit (buffer included), on the slot step, in the day's hours (holidays and closures as the
    calendar sees them). Past ones completed, cancelled or no-shows; those running now checked in; those ahead
    booked. One regular has missed three bookings lately and is suspended, as the no-show rule would have done."""
    from desk.domain.calendar import ClosureSpan, chinese_holidays, open_day

    spans = [ClosureSpan(start, end, "") for start, end in closures]
    units = s.execute(
        select(Unit.id, Unit.capacity, Facility.kind, Facility.slot_minutes, Facility.buffer_minutes,
               Facility.horizon_days, Facility.grace_minutes, Facility.name_required)
        .join(Facility, Facility.id == Unit.facility_id).where(Facility.base_id == base_id).order_by(Unit.id)).all()
    today = now.astimezone(zone).date()
    desk_staff = [staff_ids["lixiaomei"], staff_ids["zhanghua"], staff_ids["chenjing"]]
    rows: list[dict[str, Any]] = []
    for offset in range(-DEMO_BOOKING_DAYS, max(u.horizon_days for u in units) + 1):
        day = today + dt.timedelta(days=offset)
        hours = open_day(day, DEMO_WEEK, spans, (), chinese_holidays)
        if hours.opens is None or hours.closes is None:
            continue
        opens = dt.datetime.combine(day, hours.opens, zone)
        closes = dt.datetime.combine(day, hours.closes, zone)
        for unit in units:
            if offset > unit.horizon_days:
                continue
            per_day, lengths = DEMO_BOOKINGS.get(unit.kind, (1, (2,)))
            if offset > 0:  # fewer made the further ahead
                per_day = round(per_day * (1 - offset / (unit.horizon_days + 1)))
            step = dt.timedelta(minutes=unit.slot_minutes)
            gap = -(-unit.buffer_minutes // unit.slot_minutes)
            slots = int((closes - opens) / step)
            sizes = [rng.choice(lengths) for _ in range(rng.randint(max(0, per_day - 1), per_day + 1))]
            while sizes and sum(sizes) + gap * (len(sizes) - 1) > slots:
                sizes.pop()
            if not sizes:
                continue
            free = slots - sum(sizes) - gap * (len(sizes) - 1)
            cursor, previous = 0, -1
            for size, cut in zip(sizes, sorted(rng.sample(range(free + len(sizes)), len(sizes))), strict=True):
                cursor += cut - previous - 1
                previous = cut
                starts, ends = opens + step * cursor, opens + step * (cursor + size)
                cursor += size + gap
                rows.append(_demo_booking(rng, unit, starts, ends, now, person_ids, desk_staff))
    _demo_suspension(s, rows, now)
    for first in range(0, len(rows), 2000):
        s.connection().execute(insert(_table(Booking)), rows[first:first + 2000])
    return len(rows)


def _demo_booking(rng: random.Random, unit: Any, starts: dt.datetime, ends: dt.datetime, now: dt.datetime,
                  person_ids: list[int], desk_staff: list[int]) -> dict[str, Any]:
    walk_in = unit.kind in ("ebike_charging", "phone_charging")
    made = starts if walk_in else starts - dt.timedelta(hours=rng.randint(1, 24 * max(1, min(unit.horizon_days, 5))))
    made = min(made, now)
    grace = dt.timedelta(minutes=unit.grace_minutes)
    state, checked_in, finished, reason = "booked", None, None, ""
    if ends <= now:
        state = rng.choices(("completed", "cancelled", "no_show"), (85, 8, 7))[0]
    elif starts + grace <= now:
        state = "checked_in"
    elif starts > now and rng.random() < 0.05:
        state = "cancelled"
    if state in ("completed", "checked_in"):
        checked_in = min(max(made, starts + dt.timedelta(minutes=rng.randint(-5, unit.grace_minutes))), now)
        finished = ends if state == "completed" else None
    elif state == "cancelled":
        finished = made + (min(starts, now) - made) * rng.random()
        reason = rng.choice(DEMO_CANCEL_REASONS)
    elif state == "no_show":
        finished = starts + grace
    anonymous = not unit.name_required and rng.random() < 0.5
    return dict(unit_id=unit.id, person_id=None if anonymous else rng.choice(person_ids), party_size=(
        rng.randint(min(8, unit.capacity), unit.capacity) if unit.capacity > 1 else 1), starts_at=starts,
        ends_at=ends, state=state, note="", cancel_reason=reason,
        safety_checked=unit.kind == "ebike_charging" and checked_in is not None, created_at=made,
        created_by=rng.choice(desk_staff), checked_in_at=checked_in, finished_at=finished)


def _demo_suspension(s: Session, rows: list[dict[str, Any]], now: dt.datetime) -> None:
    """The three latest no-shows with a person become one regular's, who is then suspended for the default
    seven days from the last of them (if that is still ahead)."""
    missed = sorted((r for r in rows if r["state"] == "no_show" and r["person_id"] is not None),
                    key=lambda r: r["starts_at"])[-3:]
    if len(missed) < 3:
        return
    who = missed[0]["person_id"]
    for row in missed:
        row["person_id"] = who
    until = missed[-1]["finished_at"] + dt.timedelta(days=7)
    if until > now:
        s.execute(update(Person).where(Person.id == who).values(suspended_until=until))


# -- 红色积分: members, service projects, claims and the ledger -------------------------------------------------------

@dataclass(frozen=True)
class ProjectTemplate:
    """A service project the base runs again and again (the demo and the benchmark data set draw from these)."""

    title: str
    kind: ProjectKind
    location: str
    description: str
    starts: dt.time  # local
    minutes: int
    slots: tuple[int, int]  # fewest, most
    points: int | None = None  # fixed points per completion, or ...
    per_hour: int | None = None  # ... points per hour worked, at most `max_hours` of them
    max_hours: int | None = None
    weekend: bool = False  # held on a Saturday or Sunday; the others on weekdays


_V, _A, _T, _G = ProjectKind.VOLUNTEER, ProjectKind.ACTIVITY, ProjectKind.TRAINING, ProjectKind.GRID_REPORT
PROJECT_TEMPLATES: tuple[ProjectTemplate, ...] = (
    ProjectTemplate("商圈环境清洁志愿服务", _V, "明华商圈中心广场", "清理商圈公共区域的垃圾和小广告，整理共享单车。请穿志愿者马甲。",
                    dt.time(9, 0), 150, (20, 30), per_hour=1, max_hours=3, weekend=True),
    ProjectTemplate("法律知识宣传进商户", _A, "明华商圈沿街商户", "随法律援助律师走访商户，发放《民法典》和消费者权益保护宣传册。",
                    dt.time(14, 30), 120, (6, 10), points=5),
    ProjectTemplate("反诈宣传进社区", _A, "中心广场宣传点", "设点宣传防范电信网络诈骗，指导居民安装国家反诈中心 App。",
                    dt.time(9, 30), 150, (10, 15), points=4, weekend=True),
    ProjectTemplate("网格巡查上报", _G, "明华社区第三网格", "巡查责任网格，发现占道经营、井盖缺失、消防通道堵塞等问题随手拍上报。",
                    dt.time(15, 0), 120, (5, 10), per_hour=1, max_hours=3),
    ProjectTemplate("党史学习讲座", _T, "党员活动室", "区委党校老师讲授党史专题，请带好学习笔记本。",
                    dt.time(19, 0), 90, (30, 40), points=3),
    ProjectTemplate("助老理发", _V, "明华社区养老服务站", "为高龄、行动不便的老人义务理发，会理发的志愿者优先。",
                    dt.time(9, 0), 180, (5, 8), per_hour=2, max_hours=3),
    ProjectTemplate("垃圾分类督导", _V, "明华小区垃圾投放点", "早高峰在投放点值守，指导居民分类投放。",
                    dt.time(7, 30), 120, (8, 12), per_hour=1, max_hours=2),
    ProjectTemplate("暖新驿站值守", _V, "暖新驿站", "为快递员、外卖骑手和网约车司机提供热水、充电和休息引导。",
                    dt.time(11, 0), 180, (4, 6), per_hour=1, max_hours=3),
    ProjectTemplate("文明交通劝导", _V, "新街口路口", "晚高峰劝导骑电动车戴头盔、不闯红灯、不逆行。",
                    dt.time(17, 0), 90, (8, 12), per_hour=1, max_hours=2),
    ProjectTemplate("消防安全培训", _T, "党员活动室", "消防救援站讲解灭火器使用和商户消防安全常识，含实操。",
                    dt.time(14, 0), 120, (25, 35), points=3),
    ProjectTemplate("红色观影：《长津湖》", _A, "红色影院", "集体观影，观影后座谈交流。",
                    dt.time(14, 0), 180, (30, 40), points=2, weekend=True),
    ProjectTemplate("主题党日：重温入党誓词", _A, "党员活动室", "重温入党誓词，学习近期重要讲话精神，交流心得。",
                    dt.time(15, 0), 120, (30, 40), points=5),
    ProjectTemplate("应急救护（AED）培训", _T, "党员活动室", "红十字会讲师教授心肺复苏和 AED 使用，考核合格发证。",
                    dt.time(9, 30), 180, (20, 25), points=6, weekend=True),
    ProjectTemplate("书吧图书整理", _V, "党建书吧", "图书上架、破损修补和借阅登记整理。",
                    dt.time(14, 0), 120, (4, 6), per_hour=1, max_hours=2),
    ProjectTemplate("商户消防隐患排查", _G, "明华商圈沿街商户", "随网格员检查商户灭火器、疏散通道和电动车充电情况并上报。",
                    dt.time(10, 0), 150, (5, 8), points=6),
    ProjectTemplate("关爱新就业群体志愿服务", _A, "暖新驿站", "为快递员、外卖骑手分发暖心包，宣传驿站服务。",
                    dt.time(11, 30), 120, (10, 15), points=4),
    ProjectTemplate("社区便民服务日", _V, "明华商圈中心广场", "磨刀、修伞、小家电维修、量血压，有手艺的志愿者请报名。",
                    dt.time(9, 0), 180, (10, 15), points=10, weekend=True),
    ProjectTemplate("网格员业务培训", _T, "党员活动室", "网格事件分类、随手拍上报流程和居民个人信息保护要求。",
                    dt.time(14, 30), 90, (15, 25), points=3),
    ProjectTemplate("老年人智能手机教学", _V, "党建书吧", "教老人用手机挂号、视频通话和识别诈骗短信。",
                    dt.time(15, 0), 120, (6, 10), per_hour=1, max_hours=2),
    ProjectTemplate("义诊服务协助", _V, "明华商圈中心广场", "协助社区医院义诊：排队引导、登记和测血压。",
                    dt.time(9, 0), 180, (6, 10), points=5, weekend=True),
)
# Exchanges as plain spends with this reason: (merchant, offer, points). The benchmark data set's ledger draws its
# spends from these; the demo's exchanges are vouchers (DEMO_REWARDS).
REWARDS: tuple[tuple[str, str, int], ...] = (
    ("汇上佳超市", "满50减10", 20), ("汇上佳超市", "5 kg 大米一袋", 60), ("书香社区书店", "图书 8 折券", 15),
    ("老街坊面馆", "牛肉面一碗", 25), ("蜜语奶茶", "招牌奶茶一杯", 12), ("明华药房", "医用口罩一盒", 10),
    ("快修电动车行", "电动车免费检修一次", 20), ("阳光理发店", "理发一次", 30), ("晨光文具", "文具套装", 15),
)
# Of the claims of a project that has taken place: completed, absent or cancelled before the start.
CLAIM_OUTCOMES = ((ClaimState.COMPLETED, 86), (ClaimState.ABSENT, 6), (ClaimState.CANCELLED, 8))
SPEND_REVERSAL_REASON = "商家缺货，兑换取消，积分退回"
EARN_REVERSAL_REASON = "误录：经核实当天未到场"

DEMO_PROJECT_DAYS = (-90, 21)  # project days, from today: the demo's hundred days and three weeks ahead
DEMO_PROJECTS = 40
DEMO_ADJUSTMENTS = ((5, "补录：纸质签到表漏登一次志愿服务"), (-2, "更正：同一活动重复计分"))


def reward_reason(merchant: str, offer: str) -> str:
    return f"兑换：{merchant} {offer}"


class _DemoPoints:
    """The demo's 红色积分: everyone with a member number is a member; about forty projects over the demo's days
    and the three weeks ahead with their claims; the ledger in time order with running balances. Rows refer to
    each other (members by list index, projects and entries by their row) until the inserts hand back ids."""

    def __init__(self, rng: random.Random, base_id: int, now: dt.datetime, zone: zoneinfo.ZoneInfo,
                 staff_ids: dict[str, int]) -> None:
        self.rng, self.base_id, self.now, self.zone = rng, base_id, now, zone
        self.admin = staff_ids["admin"]
        self.desk = [staff_ids["lixiaomei"], staff_ids["zhanghua"], staff_ids["chenjing"]]
        self.members: list[dict[str, Any]] = []
        self.keenness: list[float] = []
        self.projects: list[dict[str, Any]] = []
        self.claims: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []  # ledger entries to be; `kept` after the balance walk
        self.member_ids: list[int] = []

    # -- members ---------------------------------------------------------------------------------------------------

    def join(self, people: list[dict[str, Any]], person_ids: Sequence[int]) -> None:
        """A member row for every person with a member number, in the order of the numbers (so that member ids
        match them, as `PointsService.join` numbers new members). Most joined at their first visit, the others
        within two weeks."""
        for index, row in enumerate(people):
            if row["member_no"] is None:
                continue
            created: dt.datetime = row["created_at"]
            if self.rng.random() < 0.6:
                joined = created + dt.timedelta(minutes=self.rng.randint(3, 15))
            else:
                joined = self._desk_moment(created, self.rng.randint(1, 14))
            joined = min(max(joined, created + dt.timedelta(minutes=3)), self.now)
            self.members.append(dict(person_id=person_ids[index], base_id=self.base_id, balance=0,
                                     joined_at=joined, joined_by=self.rng.choice(self.desk)))
            # A few members do most of the volunteering.
            self.keenness.append(min(self.rng.paretovariate(1.2), 15.0))

    def _desk_moment(self, after: dt.datetime, days: int) -> dt.datetime:
        """A moment of the desk's day (09:30–17:30 local) `days` days after that of `after`."""
        day = after.astimezone(self.zone).date() + dt.timedelta(days=days)
        return dt.datetime.combine(day, dt.time(9, 30), self.zone) + dt.timedelta(
            seconds=self.rng.randrange(8 * 3600))

    def _member_at(self, moment: dt.datetime, taken: Collection[int] = ()) -> int | None:
        """A member who had joined by `moment`, the keen ones more often; None when there is none."""
        eligible = [i for i, m in enumerate(self.members) if m["joined_at"] <= moment and i not in taken]
        if not eligible:
            return None
        return self.rng.choices(eligible, [self.keenness[i] for i in eligible])[0]

    # -- projects and claims ---------------------------------------------------------------------------------------

    def plan_projects(self, closures: list[tuple[dt.date, dt.date]]) -> None:
        """Project days spread over the period (yesterday always, so that one project waits for its completions
        to be verified), a template that fits the weekday for each, then its claims."""
        today = self.now.astimezone(self.zone).date()
        first, ahead = DEMO_PROJECT_DAYS
        later = round(DEMO_PROJECTS * ahead / (ahead - first))
        offsets = sorted({*self.rng.sample(range(first, -1), DEMO_PROJECTS - later - 1), -1,
                          *self.rng.sample(range(ahead), later)})
        weekend = [t for t in PROJECT_TEMPLATES if t.weekend]
        weekday = [t for t in PROJECT_TEMPLATES if not t.weekend]
        last: ProjectTemplate | None = None
        full_one = False
        for offset in offsets:
            day = today + dt.timedelta(days=offset)
            if any(start <= day <= end for start, end in closures):
                continue
            template = last = self.rng.choice([t for t in (weekend if day.weekday() >= 5 else weekday)
                                               if t is not last])
            starts = dt.datetime.combine(day, template.starts, self.zone)
            # The nearest project ahead whose sign-up is still open is fully claimed (and so closed).
            full = not full_one and dt.datetime.combine(day, dt.time(0), self.zone) > self.now
            full_one = full_one or full
            self._project(template, starts, full=full, pending=offset == -1)

    def _project(self, t: ProjectTemplate, starts: dt.datetime, *, full: bool, pending: bool) -> None:
        rng, now = self.rng, self.now
        ends = starts + dt.timedelta(minutes=t.minutes)
        announced = starts.astimezone(self.zone).date() - dt.timedelta(days=rng.randint(5, 14))
        created = min(dt.datetime.combine(announced, dt.time(10), self.zone)
                      + dt.timedelta(seconds=rng.randrange(6 * 3600)), now - dt.timedelta(hours=2))
        deadline = dt.datetime.combine(starts.astimezone(self.zone).date() - dt.timedelta(days=1), dt.time(18),
                                       self.zone)
        slots = rng.randint(*t.slots)
        if ends <= now:
            status = ProjectStatus.CLOSED if pending else ProjectStatus.FINISHED
            wanted = round(slots * rng.uniform(0.6, 1.0))
        else:
            days_ahead = (starts - now).total_seconds() / 86400
            status = ProjectStatus.OPEN if deadline > now and not full else ProjectStatus.CLOSED
            wanted = slots if full else round(slots * rng.uniform(0.3, 0.8) * max(0.15, 1 - days_ahead / 21))
        project: dict[str, Any] = dict(
            base_id=self.base_id, title=t.title, kind=t.kind.value, description=t.description, location=t.location,
            starts_at=starts, ends_at=ends, signup_deadline=deadline, slots=slots, claimed=0, points=t.points,
            points_per_hour=t.per_hour, max_hours=t.max_hours, status=status.value, created_at=created,
            created_by=self.admin)
        self.projects.append(project)
        # Verified as a group soon after the end, or the next morning: one moment for everyone who came.
        local_end = ends.astimezone(self.zone).time()
        verified = min(ends + dt.timedelta(minutes=rng.randint(10, 90)) if local_end < dt.time(17)
                       else self._desk_moment(ends, 1), now)
        verifier = rng.choice(self.desk)
        window = min(deadline, now) - created
        taken: set[int] = set()
        for _ in range(wanted):
            claimed_at = created + window * rng.random()
            member = self._member_at(claimed_at, taken)
            if member is None:
                continue
            taken.add(member)
            claim: dict[str, Any] = dict(
                project=project, member=member, state=ClaimState.CLAIMED.value, claimed_at=claimed_at,
                claimed_by=rng.choice(self.desk), finished_at=None, finished_by=None, minutes=None, entry=None)
            self.claims.append(claim)
            if status is ProjectStatus.FINISHED:
                outcome = _pick(rng, CLAIM_OUTCOMES)
            elif not full and rng.random() < 0.08:
                outcome = ClaimState.CANCELLED
            else:
                project["claimed"] += 1
                continue  # still claimed: ahead, running, or waiting to be verified
            if outcome is ClaimState.CANCELLED:
                claim.update(state=outcome.value, finished_by=claim["claimed_by"],
                             finished_at=claimed_at + (min(starts, now) - claimed_at) * rng.random())
                continue
            project["claimed"] += 1  # a slot stays taken by who came and who did not
            claim.update(state=outcome.value, finished_at=verified, finished_by=verifier)
            if outcome is ClaimState.COMPLETED:
                if t.per_hour is not None:  # some leave early
                    claim["minutes"] = t.minutes - rng.choice((0, 0, 0, 0, 10, 20, 30, 45))
                amount = points_for(t.points, t.per_hour, t.max_hours, claim["minutes"])
                # The project's title is the entry's reason, as `ProjectService` credits a completion.
                claim["entry"] = self._event(verified, member, amount, EntryKind.EARN, t.title, verifier,
                                             claim=claim)

    # -- the ledger ------------------------------------------------------------------------------------------------

    def _event(self, at: dt.datetime, member: int, amount: int, kind: EntryKind, reason: str, staff_id: int | None,
               *, claim: dict[str, Any] | None = None, reverses: dict[str, Any] | None = None,
               by_service: bool = False) -> dict[str, Any]:
        """A ledger entry to be. One `by_service` is written by a replayed service call, not by the bulk insert;
        it is here so the running balances around it are right."""
        event = dict(at=at, order=len(self.events), member=member, amount=amount, kind=kind.value, reason=reason,
                     staff_id=staff_id, claim=claim, reverses=reverses, kept=False, balance_after=0,
                     by_service=by_service)
        self.events.append(event)
        return event

    def plan_ledger(self) -> None:
        """Two corrections by the administrator and one completion reversed; a debit a balance does not cover at
        its moment is left out. (Exchanges are vouchers, planned afterwards by `_DemoVouchers`.)"""
        rng = self.rng
        self._walk()
        earned = [e for e in self.events if e["kind"] == EntryKind.EARN.value]
        for amount, reason in DEMO_ADJUSTMENTS if earned else ():
            original = rng.choice(earned)
            self._event(self._desk_moment(original["at"], rng.randint(1, 3)), original["member"], amount,
                        EntryKind.ADJUST, reason, self.admin)
        reversed_ = [(earned[len(earned) // 3], EARN_REVERSAL_REASON)] if earned else []
        for original, reason in reversed_:
            self._event(self._desk_moment(original["at"], 1), original["member"], -original["amount"],
                        EntryKind.REVERSE, reason, self.admin, reverses=original)
        for event in self.events:
            event["at"] = min(event["at"], self.now)
        self._walk()

    def _walk(self) -> None:
        """Every entry in time order with the member's running balance. A debit the balance does not cover at its
        moment, or the reversal of an entry left out, is left out."""
        balances = [0] * len(self.members)
        self.events.sort(key=lambda e: (e["at"], e["order"]))
        for event in self.events:
            member = event["member"]
            after = balances[member] + event["amount"]
            reverses = event["reverses"]
            event["kept"] = after >= 0 and (reverses is None or reverses["kept"])
            if event["kept"]:
                balances[member] = event["balance_after"] = after
        for row, balance in zip(self.members, balances, strict=True):
            row["balance"] = balance

    # -- writing ---------------------------------------------------------------------------------------------------

    def write(self, conn: Connection, replays: Sequence[tuple[dt.datetime, Callable[[], None]]] = ()) -> int:
        """Members, projects, claims and entries with Core bulk inserts in time order (ids follow time), then the
        completed claims point at their entries. The `replays` (service calls at their moments) run in that order
        among the entries, each after the entries before it are written and the members' balances are what they
        add up to. Returns the number of entries."""
        # Balances start at zero and follow the entries as they are written (see _insert_entries).
        self.member_ids = member_ids = _insert_returning(conn, Member, [dict(m, balance=0) for m in self.members])
        self.projects.sort(key=lambda p: p["created_at"])  # ids in the order they were announced
        for project, project_id in zip(self.projects, _insert_returning(conn, Project, self.projects), strict=True):
            project["id"] = project_id
        self.claims.sort(key=lambda c: c["claimed_at"])
        claim_rows = [dict(
            project_id=c["project"]["id"], member_id=member_ids[c["member"]],
            # Completed claims go in as claimed and are completed once their entries exist.
            state=ClaimState.CLAIMED.value if c["entry"] is not None else c["state"],
            claimed_at=c["claimed_at"], claimed_by=c["claimed_by"], finished_at=c["finished_at"],
            finished_by=c["finished_by"], minutes=c["minutes"], entry_id=None) for c in self.claims]
        for claim, claim_id in zip(self.claims, _insert_returning(conn, ProjectClaim, claim_rows), strict=True):
            claim["id"] = claim_id
        kept = [e for e in self.events if e["kept"]]
        bulk = [e for e in kept if not e["by_service"]]
        timeline: list[tuple[dt.datetime, int, dict[str, Any] | Callable[[], None]]] = [
            (e["at"], i, e) for i, e in enumerate(bulk)]
        timeline += [(at, len(bulk) + i, run) for i, (at, run) in enumerate(replays)]
        timeline.sort(key=lambda item: (item[0], item[1]))
        pending: list[dict[str, Any]] = []
        number = 0
        for _at, _order, item in timeline:
            if callable(item):
                self._insert_entries(conn, pending)
                item()
                continue
            if item["reverses"] is not None and "id" not in item["reverses"]:
                self._insert_entries(conn, pending)  # the reversed entry needs its id first
            pending.append(item)
            number += 1
            item["key"] = f"demo-{number}"
        self._insert_entries(conn, pending)
        completed = [dict(claim_id=c["id"], credited=c["entry"]["id"]) for c in self.claims if c["entry"]]
        if completed:
            conn.execute(update(_table(ProjectClaim)).where(_table(ProjectClaim).c.id == bindparam("claim_id"))
                         .values(state=ClaimState.COMPLETED.value, entry_id=bindparam("credited")), completed)
        return len(kept)

    def _insert_entries(self, conn: Connection, events: list[dict[str, Any]]) -> None:
        if not events:
            return
        rows = [dict(member_id=self.member_ids[e["member"]], amount=e["amount"], kind=e["kind"], reason=e["reason"],
                     ref_kind="claim" if e["claim"] else "", ref_id=e["claim"]["id"] if e["claim"] else None,
                     reverses_id=e["reverses"]["id"] if e["reverses"] else None,
                     balance_after=e["balance_after"], expires_at=None, at=e["at"], staff_id=e["staff_id"],
                     idem_key=e["key"]) for e in events]
        for event, entry_id in zip(events, _insert_returning(conn, PointsEntry, rows), strict=True):
            event["id"] = entry_id
        balances = {self.member_ids[e["member"]]: e["balance_after"] for e in events}  # the latest of each
        member = _table(Member)
        conn.execute(update(member).where(member.c.id == bindparam("member")).values(balance=bindparam("after")),
                     [dict(member=m, after=b) for m, b in balances.items()])
        events.clear()


# -- 兑换券: the alliance's rewards and the vouchers exchanged at the desk --------------------------------------------

DEMO_MERCHANT_DETAILS: dict[str, dict[str, str]] = {
    "汇上佳超市": dict(category="超市", address="明华商圈中心广场 1 号楼负一层", contact_person="周海燕",
                   contact_phone="13900001801"),
    "书香社区书店": dict(category="书店", address="明华路 36 号", contact_person="林晓雯", contact_phone="13800002216"),
    "老街坊面馆": dict(category="餐饮", address="明华商圈美食街 12 号", contact_person="刘建国",
                   contact_phone="13600003109"),
    "蜜语奶茶": dict(category="饮品", address="明华商圈中心广场 3 号楼 1 层", contact_person="陈思雨",
                 contact_phone="18800004417"),
    "明华药房": dict(category="医药", address="明华路 8 号", contact_person="黄丽萍", contact_phone="13500005520"),
    "快修电动车行": dict(category="维修", address="新街口路 102 号", contact_person="赵强",
                     contact_phone="15800006631"),
    "阳光理发店": dict(category="理发", address="明华商圈美食街 3 号", contact_person="吴俊",
                   contact_phone="13700007742"),
    "晨光文具": dict(category="文具", address="明华小学对面 5 号铺", contact_person="孙梅",
                 contact_phone="13300008853"),
}


@dataclass(frozen=True)
class DemoReward:
    merchant: str
    title: str
    terms: str
    points: int
    face_value_fen: int | None
    stock: int | None  # at the start; None: unlimited
    monthly_limit: int | None
    validity_days: int
    weight: int  # how often members choose it
    active: bool = True
    hours: tuple[dt.time, dt.time] = (dt.time(10, 0), dt.time(20, 30))  # when the shop takes the voucher (local)


DEMO_REWARDS: tuple[DemoReward, ...] = (
    DemoReward("汇上佳超市", "满50减10", "单笔购物满 50 元立减 10 元，不找零、不兑现金；烟酒、奶粉和特价商品除外。",
               10, 1000, 50, 2, 30, 30),
    DemoReward("汇上佳超市", "5 kg 大米一袋", "凭券到一楼服务台领取，每券一袋。", 40, 3990, 20, 1, 30, 3),
    DemoReward("蜜语奶茶", "奶茶一杯", "店内任选中杯奶茶一杯，加料另付。", 8, 1200, None, 4, 14, 18),
    DemoReward("老街坊面馆", "早餐券", "每天 6:30–9:30 使用：包子两个加豆浆一杯，仅限堂食。", 5, 600, None, 8, 14, 18,
               hours=(dt.time(6, 30), dt.time(9, 30))),
    DemoReward("阳光理发店", "理发一次", "男女洗剪吹一次，烫染除外；请提前一天电话预约。", 15, 2500, 30, 1, 60, 8),
    DemoReward("书香社区书店", "图书一本", "店内标价 40 元以内的图书任选一本，教辅和杂志除外。", 20, 4000, 20, 1, 60, 6),
    DemoReward("明华药房", "医用口罩一盒", "一次性医用外科口罩一盒（50 只）。", 6, 1500, None, 2, 30, 8),
    DemoReward("快修电动车行", "电动车检修一次", "刹车、灯光、线路和电池检查，换件另付。", 10, None, None, 1, 60, 6),
    DemoReward("晨光文具", "文具套装", "中性笔、笔记本和直尺各一，限中小学生。", 8, 1000, 40, 2, 30, 6),
    # An offer the bookshop has ended: in the admin's list, not in the desk's catalogue.
    DemoReward("书香社区书店", "图书 8 折券", "店内图书 8 折，教辅除外。", 12, None, None, None, 30, 0, active=False),
)
DEMO_VOUCHER_DAYS = 63  # exchanges over the last nine weeks
DEMO_VOUCHER_TRIES = 64  # moments a member asks for a reward; those the points, stock or limit refuse are left out
DEMO_KEEP_POINTS = 1  # members keep at least a point: nobody's balance is emptied by an exchange
DEMO_EXPIRED, DEMO_VOIDED = 3, 3
DEMO_STILL_UNUSED = 0.45  # of the vouchers still valid, the share not yet taken to the merchant
DEMO_VOID_REASONS = ("会员改选其他商品，作废重开", SPEND_REVERSAL_REASON, "商家暂停供应，积分退回")


def _demo_rewards(conn: Connection, merchants: dict[str, tuple[int, dt.datetime]]) -> list[dict[str, Any]]:
    """The rewards, each offered from the day after its merchant joined; returns their rows with ids."""
    rows = [dict(merchant_id=merchants[r.merchant][0], title=r.title, terms=r.terms, points=r.points,
                 face_value_fen=r.face_value_fen, stock=r.stock, monthly_limit=r.monthly_limit,
                 validity_days=r.validity_days, active=r.active,
                 created_at=merchants[r.merchant][1] + dt.timedelta(days=1, hours=1)) for r in DEMO_REWARDS]
    for row, reward_id in zip(rows, _insert_returning(conn, Reward, rows), strict=True):
        row["id"] = reward_id
    return rows


@dataclass
class _Voucher:
    """A voucher to be, until the replayed calls make it: who, what, when, and how it ends."""

    reward: dict[str, Any]  # its row
    spec: DemoReward
    member: int  # index into the members
    issued_at: dt.datetime
    expires_on: dt.date
    desk: str  # username of who issued it
    fate: VoucherStatus = VoucherStatus.ISSUED
    ended_at: dt.datetime | None = None  # redeemed, voided or expired
    reason: str = ""
    scanned: bool = True  # redeemed by scanning the QR, or by typing the serial
    voucher_id: int = 0
    code: str = ""  # what the cashier scans or types, once issued


class _DemoVouchers:
    """The demo's exchanges: planned on the ledger the points plan made (so that each is affordable at its moment
    and no later entry of the member is left uncovered), then replayed through `VoucherService` in time order
    among the bulk-written entries."""

    def __init__(self, rng: random.Random, points: _DemoPoints, rewards: list[dict[str, Any]],
                 staff_ids: dict[str, int], closures: list[tuple[dt.date, dt.date]]) -> None:
        self.rng, self.points, self.rewards, self.staff_ids, self.closures = rng, points, rewards, staff_ids, closures
        self.now, self.zone = points.now, points.zone
        self.planned: list[_Voucher] = []
        self.settle: tuple[dt.datetime, int, Period] | None = None  # when, which merchant, which month
        # Each member's ledger as planned so far: (at, order, amount), the kept entries and the vouchers' own.
        self.ledger: dict[int, list[tuple[dt.datetime, int, int]]] = {}

    @property
    def redeemed(self) -> int:
        return sum(v.fate is VoucherStatus.REDEEMED for v in self.planned)

    # -- planning --------------------------------------------------------------------------------------------------

    def plan(self) -> None:
        """Issues at random desk moments of the last weeks, then how each ends; the points plan gets their spends
        and refunds."""
        rng, points = self.rng, self.points
        for event in points.events:
            if event["kept"]:
                self.ledger.setdefault(event["member"], []).append((event["at"], event["order"], event["amount"]))
        offered = [(r, spec) for r, spec in zip(self.rewards, DEMO_REWARDS, strict=True) if spec.active]
        for _ in range(DEMO_VOUCHER_TRIES):
            moment = min(points._desk_moment(self.now, -rng.randint(0, DEMO_VOUCHER_DAYS)), self.now)
            day = moment.astimezone(self.zone).date()
            if any(start <= day <= end for start, end in self.closures):
                continue
            choices = [(r, spec) for r, spec in offered if r["created_at"] <= moment]
            reward, spec = rng.choices(choices, [spec.weight for _r, spec in choices])[0]
            member = self._member_for(reward, moment)
            if member is None:
                continue
            voucher = _Voucher(reward, spec, member, moment, day + dt.timedelta(days=spec.validity_days - 1),
                               rng.choice(("lixiaomei", "zhanghua", "chenjing")))
            self.planned.append(voucher)
            spend = points._event(moment, member, -spec.points, EntryKind.SPEND, "", self.staff_ids[voucher.desk],
                                  by_service=True)
            self.ledger.setdefault(member, []).append((moment, spend["order"], spend["amount"]))
        self.planned.sort(key=lambda v: v.issued_at)
        self._decide_fates()
        points._walk()
        if not all(e["kept"] for e in points.events if e["by_service"]):
            raise RuntimeError("a demo voucher was planned that the member's points do not cover")

    def _member_for(self, reward: dict[str, Any], moment: dt.datetime) -> int | None:
        """A member who had joined, can pay without emptying their balance now or later, is under the monthly
        limit, while the reward is in stock; the keen ones more often."""
        points = self.points
        if reward["stock"] is not None and reward["stock"] <= sum(v.reward is reward for v in self.planned):
            return None  # planned vouchers are never returned to stock until their fates are known
        local = moment.astimezone(self.zone)
        month = (local.year, local.month)
        taken: dict[int, int] = {}  # this reward's vouchers this month, by member
        for v in self.planned:
            issued = v.issued_at.astimezone(self.zone)
            if v.reward is reward and (issued.year, issued.month) == month:
                taken[v.member] = taken.get(v.member, 0) + 1
        limit = reward["monthly_limit"]
        eligible = [index for index, member in enumerate(points.members)
                    if member["joined_at"] <= moment and (limit is None or taken.get(index, 0) < limit)
                    and self._room(index, moment) >= reward["points"] + DEMO_KEEP_POINTS]
        if not eligible:
            return None
        return self.rng.choices(eligible, [points.keenness[i] for i in eligible])[0]

    def _room(self, member: int, moment: dt.datetime) -> int:
        """The least the member's balance is at `moment` or after it: what a debit at `moment` may take."""
        running, before, least = 0, 0, None
        for at, _order, amount in sorted(self.ledger.get(member, ())):
            running += amount
            if at < moment:
                before = running
            else:
                least = running if least is None else min(least, running)
        return before if least is None else min(before, least)

    def _decide_fates(self) -> None:
        """A few expired (issued long enough ago), a few voided soon after issue, the others redeemed within their
        validity, except some of those still valid. Only points coming back are added here, so every plan made
        above still holds."""
        rng, today = self.rng, self.now.astimezone(self.zone).date()
        lapsed = [v for v in self.planned if v.expires_on <= today - dt.timedelta(days=2)]
        for voucher in rng.sample(lapsed, min(DEMO_EXPIRED, len(lapsed))):
            self._expire(voucher)
        open_ = [v for v in self.planned if v.fate is VoucherStatus.ISSUED and v.issued_at < self.now
                 - dt.timedelta(hours=2)]
        for voucher in rng.sample(open_, min(DEMO_VOIDED, len(open_))):
            voucher.fate = VoucherStatus.VOID
            voucher.ended_at = voucher.issued_at + dt.timedelta(minutes=rng.randint(3, 90))
            voucher.reason = rng.choice(DEMO_VOID_REASONS)
        for voucher in self.planned:
            if voucher.fate is VoucherStatus.ISSUED:
                self._redeem_or_keep(voucher, today)
            refunded = voucher.fate is VoucherStatus.VOID or (
                voucher.fate is VoucherStatus.EXPIRED and BOOLEAN_SETTINGS[EXPIRY_REFUND_SETTING])
            if refunded and voucher.ended_at is not None:  # the points come back when it ends
                self.points._event(voucher.ended_at, voucher.member, voucher.spec.points, EntryKind.REFUND, "", None,
                                   by_service=True)
        self._plan_settlement(today)

    def _redeem_or_keep(self, voucher: _Voucher, today: dt.date) -> None:
        """Taken to the merchant within a few days, in the shop's hours; one still valid may not have been yet."""
        rng = self.rng
        if voucher.expires_on >= today and rng.random() < DEMO_STILL_UNUSED:
            return
        opens, closes = voucher.spec.hours
        open_seconds = (dt.datetime.combine(today, closes) - dt.datetime.combine(today, opens)).seconds
        issued_on = voucher.issued_at.astimezone(self.zone).date()
        last = min(voucher.expires_on, today)
        day = issued_on + dt.timedelta(days=min(int(rng.expovariate(1 / 3)), (last - issued_on).days))
        moment = dt.datetime.combine(day, opens, self.zone) + dt.timedelta(seconds=rng.randrange(open_seconds))
        if moment <= voucher.issued_at:  # later that day if the shop is still open, else the next day
            moment += dt.timedelta(days=1)
        if moment <= self.now and moment.astimezone(self.zone).date() <= voucher.expires_on:
            voucher.fate, voucher.ended_at, voucher.scanned = VoucherStatus.REDEEMED, moment, rng.random() < 0.85
        elif voucher.expires_on < today:
            self._expire(voucher)  # issued on its last day after the shop closed

    def _expire(self, voucher: _Voucher) -> None:
        # The desk's daily timer runs when it opens, the morning after the last valid day.
        at = dt.datetime.combine(voucher.expires_on + dt.timedelta(days=1), dt.time(9, 0), self.zone)
        voucher.fate = VoucherStatus.EXPIRED
        voucher.ended_at = min(at + dt.timedelta(seconds=self.rng.randrange(900)), self.now)

    def _plan_settlement(self, today: dt.date) -> None:
        """汇上佳超市's last whole month is settled on the 3rd of the month after (the month before, early in a month)."""
        this_month = today.replace(day=1)
        if today.day < 4:
            this_month = (this_month - dt.timedelta(days=1)).replace(day=1)
        last_day = this_month - dt.timedelta(days=1)
        period = Period.month(last_day.year, last_day.month)
        start, end = period.bounds(self.zone)
        merchant_id = self.rewards[0]["merchant_id"]  # 汇上佳超市
        if any(v.reward["merchant_id"] == merchant_id and v.fate is VoucherStatus.REDEEMED
               and v.ended_at is not None and start <= v.ended_at < end for v in self.planned):
            when = dt.datetime.combine(this_month + dt.timedelta(days=2), dt.time(10, 30), self.zone)
            self.settle = (when, merchant_id, period)

    # -- replaying -------------------------------------------------------------------------------------------------

    def replays(self, ctx: ServiceContext) -> list[tuple[dt.datetime, Callable[[], None]]]:
        """The service calls that make the planned vouchers, each at its moment on `ctx`'s clock."""
        clock = ctx.clock
        assert isinstance(clock, FixedClock)
        service = VoucherService(ctx)
        names = dict((username, (display, role)) for username, display, role, _m in DEMO_STAFF)

        def actor(username: str) -> Actor:
            display, role = names[username]
            merchant = self.rewards[0]["merchant_id"] if role is Role.MERCHANT else None
            return Actor(self.staff_ids[username], username, display, role, merchant)

        def at(moment: dt.datetime, work: Callable[[], object]) -> tuple[dt.datetime, Callable[[], None]]:
            def run() -> None:
                clock.set(moment)
                work()
            return moment, run

        calls = []
        for number, voucher in enumerate(self.planned, start=1):
            calls.append(at(voucher.issued_at, partial(self._issue, service, actor(voucher.desk), voucher, number)))
            if voucher.ended_at is None:
                continue
            if voucher.fate is VoucherStatus.REDEEMED:
                # 汇上佳超市 has its cashier's account; the other merchants' slips the administrator redeems.
                cashier = "huishang" if voucher.reward["merchant_id"] == self.rewards[0]["merchant_id"] else "admin"
                calls.append(at(voucher.ended_at, partial(self._redeem, service, actor(cashier), voucher)))
            elif voucher.fate is VoucherStatus.VOID:
                calls.append(at(voucher.ended_at, partial(self._void, service, actor(voucher.desk), voucher)))
            else:
                calls.append(at(voucher.ended_at, service.expire_due))
        if self.settle is not None:
            when, merchant_id, period = self.settle
            calls.append(at(when, partial(service.settle, actor("admin"), merchant_id, period)))
        return calls

    def _issue(self, service: VoucherService, desk: Actor, voucher: _Voucher, number: int) -> None:
        issued = service.issue(desk, self.points.member_ids[voucher.member], voucher.reward["id"],
                               f"demo-voucher-{number}")
        voucher.voucher_id = issued.voucher.id
        voucher.code = issued.slip.qr_text if voucher.scanned else issued.slip.serial_code

    def _redeem(self, service: VoucherService, cashier: Actor, voucher: _Voucher) -> None:
        verdict = service.redeem(cashier, voucher.code, voucher.reward["merchant_id"])
        if verdict.outcome is not Outcome.REDEEMED:
            raise RuntimeError(f"demo voucher {voucher.voucher_id} was not redeemed: {verdict.outcome}")

    def _void(self, service: VoucherService, desk: Actor, voucher: _Voucher) -> None:
        service.void(desk, voucher.voucher_id, voucher.reason)


class _LentDatabase(Database):
    """The demo's open transaction, lent to the services whose calls it replays: each of their transactions
    becomes a savepoint of it. The demo stays one transaction (all of it or nothing), and each replayed call
    writes exactly what it writes at a desk."""

    def __init__(self, conn: Connection, location: Location) -> None:  # no engines of its own
        self.location, self.url, self._conn = location, location.url, conn
        self.engine = self.read_engine = conn.engine

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        with Session(bind=self._conn, join_transaction_mode="create_savepoint") as session, session.begin():
            yield session

    @contextlib.contextmanager
    def write_core(self) -> Iterator[Connection]:
        with self._conn.begin_nested():
            yield self._conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with Session(bind=self._conn) as session:
            yield session

    def dispose(self) -> None:
        pass  # the connection belongs to the demo's transaction
