"""Services layer: `desk init --demo` — realistic, clearly labelled demo data for every area that exists.

The demo base is flagged `is_demo`, which the window title shows. Logins are listed in the README.

Besides the base, its staff and merchants, the demo holds about a hundred days of a busy base: some 600 people
(names drawn from common surnames and given-name characters; phones of the demo pattern 1xx-0000-xxxx), 40–120
visits on every open day along the day's usual curve, anonymous head counts, 暖新驿站 couriers by platform, nearly
everyone checked out (a few still on site today) and some checked out automatically at closing time. The rows
are written with Core bulk inserts; the audit trail gets one `demo_seeded` event, not one per demo row.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

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
from desk.domain.staff import COMMAND_LINE, Role
from desk.services import audit
from desk.services.context import ServiceContext
from desk.services.facilities import seed_facilities
from desk.services.passwords import hash_password
from desk.storage.models import (
    Booking,
    Closure,
    Facility,
    Merchant,
    OpeningHours,
    Person,
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
            merchant = Merchant(name=name, active=True, created_at=now - dt.timedelta(days=110 - i * 9))
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
        audit.record(s, now, COMMAND_LINE, "demo_seeded", "base", base.id,
                     f"demo data: {len(people)} people, {len(visitors.visits)} visits over {DEMO_DAYS} days")
    return DemoSummary(DEMO_BASE_CODE, len(DEMO_STAFF), len(DEMO_MERCHANTS), len(closures), len(people),
                       len(visitors.visits), bookings)


def _table(model: type) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


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
