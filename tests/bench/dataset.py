"""Benchmarks: the big data set — one busy base over ten years ("a busy year ×10"), with a year of visits.

The database is made by the program's own migrations, then each area adds its rows with SQLAlchemy Core bulk
inserts (`insert(table)` with a list of dicts, thousands per execute). An area is one function in `AREAS`; it
may also queue audit events (`Builder.audit`), which `write_audit_chain` sorts by time, hash-chains with the
program's own `event_hash` and inserts last, so `desk check` passes on the result.

A later area adds its counts to `Scale`, its function to `AREAS`, and bumps `GENERATOR_VERSION` so cached
databases are rebuilt.

People (200 k: unique phones, ~5 % anonymised, a quarter of them points members), visits (1.2 M over the last
year, in opening hours, a few hundred on site at the end) and the 红色积分 rows (50 k members, service projects
with ~500 k claims, ~500 k ledger entries, one member with 10 000) write no audit events: the program's own
services would, but the benchmarks measure lookups and one new change on top of them, and `desk check` needs
only an intact chain. The vouchers (100 k: every exchange of the ledger, and members spending what is left of their
points at the district's shops) write none either, for the same reason.
The newest instant is 16:00 at the base on the latest such day an hour or more ago, so the base is open at the
end and people are on site whenever the set is built.

The result is cached under `.bench-cache/<version>-<revision>-<scale>/desk.sqlite3`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, Table, bindparam, func, insert, select, text, update

from desk.domain.audit import GENESIS, event_hash
from desk.domain.clock import FixedClock
from desk.domain.people import ALL_STATION_SERVICES, Category, CheckoutKind, Purpose
from desk.domain.points import ClaimState, EntryKind, ProjectStatus, points_for
from desk.domain.voucher_code import serial_code
from desk.domain.voucher_payload import key_id_of
from desk.services.demo import (
    ANONYMOUS_CATEGORIES,
    ANONYMOUS_PURPOSES,
    CATEGORY_WEIGHTS,
    CLAIM_OUTCOMES,
    COURIER_HOURS,
    DEMO_ADDRESS,
    DEMO_BASE_CODE,
    DEMO_BASE_NAME,
    DEMO_MERCHANTS,
    DEMO_PASSWORD,
    DEMO_STAFF,
    DEMO_WEEK,
    DURATION_MINUTES,
    EARN_REVERSAL_REASON,
    FORGOT_TO_CHECK_OUT,
    MOBILE_PREFIXES,
    NOTES,
    PARTY_BRANCHES,
    PLATFORM_WEIGHTS,
    PROJECT_TEMPLATES,
    PURPOSES_BY_CATEGORY,
    REWARDS,
    SERVICE_ODDS,
    SPEND_REVERSAL_REASON,
    VISITOR_HOURS,
    person_name,
    reward_reason,
)
from desk.services.passwords import hash_password
from desk.services.startup import open_database
from desk.storage.location import DB_FILE_NAME, Location, resolve
from desk.storage.models import (
    AuditEvent,
    AuditHead,
    Closure,
    Member,
    Merchant,
    OpeningHours,
    Person,
    PointsEntry,
    Project,
    ProjectClaim,
    Reward,
    ServiceBase,
    Setting,
    Settlement,
    Staff,
    Visit,
    Voucher,
)
from desk.storage.probe import HEAD_REVISION

# Bump when any area's generator changes what it writes: it is the cache key.
GENERATOR_VERSION = "g6"
PROJECT_DIR = Path(__file__).resolve().parents[2]
CACHE_DIR = PROJECT_DIR / ".bench-cache"
CHUNK = 5000
YEARS = 10
UTC = dt.UTC
BASE_TZ = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai has no daylight saving


@dataclass(frozen=True)
class Scale:
    name: str
    staff: int
    merchants: int
    closures: int
    audit_events: int
    people: int
    visits: int
    bookings: int = 0
    members: int = 0  # 红色积分 members among the people (about: each person is one by chance)
    points_entries: int = 0  # ledger entries (about), the heavy member's HEAVY_LEDGER included
    vouchers: int = 0  # 兑换券 (at most: as many as the members' points pay for)

    def divided(self, name: str, by: int) -> Scale:
        return replace(self, name=name, staff=max(len(DEMO_STAFF), self.staff // by),
                       merchants=max(len(DEMO_MERCHANTS), self.merchants // by),
                       closures=max(3, self.closures // by), audit_events=self.audit_events // by,
                       people=self.people // by, visits=self.visits // by, bookings=self.bookings // by,
                       members=self.members // by,
                       points_entries=max(2 * HEAVY_LEDGER, self.points_entries // by),
                       vouchers=self.vouchers // by)


# The member `member_ledger_first_page` reads, in both sets: a grid worker (网格员) who has reported problems
# nearly every day since the scheme began and exchanges points now and then.
HEAVY_LEDGER = 10_000
FULL = Scale("full", staff=200, merchants=400, closures=120, audit_events=200_000, people=200_000,
             visits=1_200_000, bookings=300_000, members=50_000, points_entries=500_000, vouchers=100_000)
QUICK = FULL.divided("quick", 20)


@dataclass(frozen=True)
class StaffRef:
    id: int
    username: str
    display_name: str
    role: str
    created_at: dt.datetime


@dataclass
class PeopleRef:
    """What the visits need of the people: ids are 1..n in order of registration."""

    created: list[dt.datetime]  # registration instant of person id i + 1, ascending
    category: list[str]
    last_visit_allowed: list[dt.datetime | None]  # anonymised people: no visit within the period before it
    regulars: list[int]  # ids of people who come often
    members: list[int] = field(default_factory=list)  # ids of people with a member number, ascending


@dataclass
class Builder:
    """What the area functions share: the open connection, the random source, the time span, ids made so far."""

    conn: Connection
    scale: Scale
    rng: random.Random
    end: dt.datetime  # the newest instant in the data set
    start: dt.datetime  # YEARS before `end`
    base_id: int = 0
    merchant_ids: list[int] = field(default_factory=list)
    staff: list[StaffRef] = field(default_factory=list)
    # (at, staff_id, actor, action, entity, entity_id, summary); chained in time order at the end
    audit: list[tuple[dt.datetime, int | None, str, str, str, str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    people: PeopleRef | None = None

    def insert(self, table: Table, rows: Iterable[dict[str, Any]]) -> int:
        """Core bulk insert in chunks; returns the number of rows."""
        total = 0
        for chunk in _chunks(rows, CHUNK):
            self.conn.execute(insert(table), chunk)
            total += len(chunk)
        self.counts[table.name] = self.counts.get(table.name, 0) + total
        return total

    @property
    def admin(self) -> StaffRef:
        """The demo administrator: always staff row 1, there from the first day."""
        username, display, role, _ = DEMO_STAFF[0]
        return StaffRef(1, username, display, role.value, self.start)

    def random_instant(self, after: dt.datetime | None = None) -> dt.datetime:
        """A moment during opening hours (09:00–21:00 local) between `after` (or the start) and the end."""
        lo = after or self.start
        days = max(0, (self.end - lo).days - 1)
        day = (lo + dt.timedelta(days=self.rng.randint(0, days))).astimezone(BASE_TZ).date()
        local = dt.datetime.combine(day, dt.time(9), BASE_TZ) + dt.timedelta(
            seconds=self.rng.randrange(12 * 3600), microseconds=self.rng.randrange(1_000_000))
        return max(lo, min(local.astimezone(UTC), self.end))

    def event(self, at: dt.datetime, who: StaffRef | None, action: str, entity: str, entity_id: object,
              summary: str = "") -> None:
        self.audit.append((at, who.id if who else None, who.username if who else "system", action, entity,
                           str(entity_id), summary))


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _table(model: type) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


# -- areas -----------------------------------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
SURNAME_PINYIN = ("wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang "
                  "xie song tang xu han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai yu du ye cheng "
                  "su wei lv ding ren shen").split()
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
         "霞", "平", "刚", "桂英", "晓梅", "建华", "海燕", "志强", "红梅", "国庆", "春兰", "文博")
GIVEN_PINYIN = ("wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie", "juan",
                "tao", "ming", "chao", "xiuying", "xia", "ping", "gang", "guiying", "xiaomei", "jianhua", "haiyan",
                "zhiqiang", "hongmei", "guoqing", "chunlan", "wenbo")
SHOP_PLACES = ("明华", "南方", "汇洋", "港湾", "中心广场", "新街口", "滨江", "东门", "西苑", "北岸")
SHOP_KINDS = ("便利店", "书店", "面馆", "奶茶", "药房", "电动车行", "理发店", "文具", "水果店", "烘焙坊", "洗衣店",
              "眼镜店", "花店", "小吃店", "打印店", "五金店", "鲜肉铺", "茶叶店", "早餐店", "手机维修")
CLOSURE_REASONS = ("消防设施年检", "场地线路改造", "空调检修", "上级检查布展", "防汛应急", "网络线路迁移", "外墙施工",
                   "党员活动日布场")


def area_base(b: Builder) -> None:
    """The demo base (明华), its opening hours and closures over the years."""
    b.base_id = 1
    b.insert(_table(ServiceBase), [dict(id=1, code=DEMO_BASE_CODE, name=DEMO_BASE_NAME, address=DEMO_ADDRESS,
                                        timezone="Asia/Shanghai", is_demo=True, created_at=b.start)])
    b.insert(_table(OpeningHours), [dict(base_id=1, weekday=d.weekday, opens=d.opens, closes=d.closes)
                                    for d in DEMO_WEEK])
    first_day = b.start.astimezone(BASE_TZ).date()
    span = (b.end - b.start).days
    step = span // b.scale.closures
    rows: list[dict[str, Any]] = []
    open_at_end = b.end.astimezone(BASE_TZ).date() - dt.timedelta(days=3)  # people are on site at the end
    for i in range(b.scale.closures):  # one slot of `step` days each, so closures never overlap
        start = first_day + dt.timedelta(days=i * step + b.rng.randrange(max(1, step - 3)))
        length = dt.timedelta(days=b.rng.choice((0, 0, 0, 1, 2)))
        start = min(start, open_at_end - length)
        end = start + length
        if start.month in (1, 2) and b.rng.random() < 0.5:
            reason = "春节闭馆"
        elif start.month == 12 and start.day > 20:
            reason = "年终盘点"
        else:
            reason = b.rng.choice(CLOSURE_REASONS)
        announced = dt.datetime.combine(start, dt.time(10), BASE_TZ).astimezone(UTC) - dt.timedelta(
            days=b.rng.randint(3, 30))
        rows.append(dict(id=i + 1, base_id=1, start_date=start, end_date=end, reason=reason,
                         created_at=max(announced, b.start + dt.timedelta(hours=1))))
    b.insert(_table(Closure), rows)
    for row in rows:
        b.event(row["created_at"], b.admin, "closure_added", "closure", row["id"],
                f"{row['start_date']}–{row['end_date']} {row['reason']}")


def area_merchants(b: Builder) -> None:
    """The alliance: the demo merchants first, then shops of the district; some have left."""
    names = list(DEMO_MERCHANTS)
    seen = set(names)
    while len(names) < b.scale.merchants:
        surname = b.rng.choice(SURNAMES)
        prefix = b.rng.choice((b.rng.choice(SHOP_PLACES), f"{surname}记", f"老{surname}家"))
        name = f"{prefix}{b.rng.choice(SHOP_KINDS)}"
        if name in seen:
            name = f"{name}（{b.rng.choice(SHOP_PLACES)}店）"
        if name in seen:
            continue
        seen.add(name)
        names.append(name)
    rows: list[dict[str, Any]] = [
        dict(id=i + 1, name=name, active=i < len(DEMO_MERCHANTS) or b.rng.random() > 0.12,
             created_at=b.random_instant()) for i, name in enumerate(names)]
    b.insert(_table(Merchant), rows)
    b.merchant_ids = [row["id"] for row in rows]


def area_staff(b: Builder) -> None:
    """The demo accounts (admin keeps the demo password), then staff hired over the years.

    Every row shares ONE argon2 hash (of the demo password) computed once: hashing 200 passwords would cost
    seconds and change nothing that is measured.
    """
    password_hash = hash_password(DEMO_PASSWORD)
    merchant_of = {name: i + 1 for i, name in enumerate(DEMO_MERCHANTS)}
    rows: list[dict[str, Any]] = []
    for username, display, role, merchant in DEMO_STAFF:
        rows.append(dict(username=username, display_name=display, role=role.value,
                         merchant_id=merchant_of[merchant] if merchant else None, active=True,
                         created_at=b.start))
    used = {row["username"] for row in rows}
    while len(rows) < b.scale.staff:
        s = b.rng.randrange(len(SURNAMES))
        g = b.rng.randrange(len(GIVEN))
        username = f"{SURNAME_PINYIN[s]}{GIVEN_PINYIN[g]}"
        if username in used:
            username = f"{username}{len(rows)}"
        used.add(username)
        pick = b.rng.random()
        kind = "admin" if pick < 0.05 else "merchant" if pick < 0.25 else "desk"
        rows.append(dict(username=username, display_name=SURNAMES[s] + GIVEN[g], role=kind,
                         merchant_id=b.rng.choice(b.merchant_ids) if kind == "merchant" else None,
                         active=b.rng.random() > 0.15, created_at=b.random_instant()))
    for i, row in enumerate(rows):
        row.update(id=i + 1, password_hash=password_hash,
                   must_change_password=row["username"] != "admin" and b.rng.random() < 0.03,
                   last_login_at=b.end - dt.timedelta(hours=b.rng.randint(1, 24 * 60)) if row["active"] else None)
    b.insert(_table(Staff), rows)
    b.staff = [StaffRef(r["id"], r["username"], r["display_name"], r["role"], r["created_at"]) for r in rows]
    admin = b.admin
    b.event(b.start, admin, "base_set_up", "base", b.base_id, f"{DEMO_BASE_CODE} {DEMO_BASE_NAME}")
    for ref, row in zip(b.staff[1:], rows[1:], strict=True):
        b.event(ref.created_at, admin, "staff_added", "staff", ref.id, f"{ref.username} ({ref.role})")
        if not row["active"]:
            b.event(b.random_instant(after=ref.created_at), admin, "staff_disabled", "staff", ref.id, ref.username)


# What a day at the desk leaves in the audit trail, by weight (actions the program writes today).
DAILY_ACTIONS = (
    ("login", 440), ("logout", 400), ("login_failed", 60), ("backup_made", 40), ("password_changed", 10),
    ("staff_edited", 8), ("password_reset", 6), ("login_locked", 3), ("hours_changed", 2), ("base_edited", 1),
)


def area_audit(b: Builder) -> None:
    """Everyday activity (logins, logouts, failed logins, backups, staff edits) up to the audit target."""
    missing = b.scale.audit_events - len(b.audit)
    if missing <= 0:
        return
    actions = [a for a, _ in DAILY_ACTIONS]
    weights = [w for _, w in DAILY_ACTIONS]
    admins = [s for s in b.staff if s.role == "admin"]
    for action in b.rng.choices(actions, weights, k=missing):
        at = b.random_instant()
        who = b.rng.choice(b.staff)
        if who.created_at > at:
            who = b.admin
        if action in ("login", "logout", "password_changed"):
            b.event(at, who, action, "staff", who.id)
        elif action == "login_failed":
            b.event(at, None, action, "staff", who.username, f"failure {b.rng.randint(1, 4)} of 5")
        elif action == "login_locked":
            b.event(at, None, action, "staff", who.username, "failure 5 of 5")
        elif action == "backup_made":
            stamp = at.astimezone(BASE_TZ).strftime("%Y%m%d-%H%M%S")
            b.event(at, None, action, "database", "", f"backups/daily-{stamp}.sqlite3")
        elif action in ("staff_edited", "password_reset"):
            admin = b.rng.choice(admins)
            if action == "staff_edited":
                summary = b.rng.choice((f"name {who.display_name} → {who.display_name}（志愿者）",
                                        f"role {who.role} → desk", f"role {who.role} → admin"))
            else:
                summary = who.username
            b.event(at, admin if admin.created_at <= at else b.admin, action, "staff", who.id, summary)
        elif action == "hours_changed":
            b.event(at, b.admin, action, "base", b.base_id, "周一至周五 09:00–21:00；周六、周日 09:30–18:00")
        else:
            b.event(at, b.admin, action, "base", b.base_id, f"address: 明华商圈中心广场 2 号楼 → {DEMO_ADDRESS}")


def _cumulative(weighted: tuple[tuple[Any, int], ...] | dict[Any, int]) -> tuple[list[Any], list[float]]:
    """Values and cumulative weights, for `_draw` (rng.choices per row costs more than the whole row)."""
    pairs = list(weighted.items()) if isinstance(weighted, dict) else list(weighted)
    return [v for v, _ in pairs], list(itertools.accumulate(float(w) for _, w in pairs))


def _draw(rng: random.Random, table: tuple[list[Any], list[float]]) -> Any:
    values, cumulative = table
    return values[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


PEOPLE_YEARS = 3  # people registered over the last three years
ANONYMISED_SHARE = 0.05
RETENTION = dt.timedelta(days=181)  # the default period, and a day


def area_people(b: Builder) -> None:
    """The registry: people registered over three years (ids in order of registration), unique phones and their
    last four digits, party members with branches, about `Scale.members` points members (member numbers; their
    member rows come with area_points), ~5 % anonymised by the retention rule."""
    n = b.scale.people
    rng = b.rng
    first = b.end - dt.timedelta(days=365 * PEOPLE_YEARS)
    span = (b.end - first).total_seconds()
    created = sorted(first + dt.timedelta(seconds=rng.random() * span) for _ in range(n))
    categories = _cumulative(tuple((c.value, w) for c, w in CATEGORY_WEIGHTS))
    branches = _cumulative(PARTY_BRANCHES)
    old_enough = b.end - RETENTION - dt.timedelta(days=20)
    anonymised_odds = ANONYMISED_SHARE * span / (old_enough - first).total_seconds()
    used: set[str] = set()
    category_of: list[str] = []
    allowed: list[dt.datetime | None] = []
    members = itertools.count(1)
    member_ids: list[int] = []
    # Membership is a chance per person, keener for party members and volunteers, set so that about
    # `scale.members` of the people who are not anonymised are members.
    share = min(0.9, b.scale.members / (n * (1 - ANONYMISED_SHARE)))
    keen_weight = sum(w for c, w in CATEGORY_WEIGHTS if c in (Category.PARTY_MEMBER, Category.VOLUNTEER)) / sum(
        w for _, w in CATEGORY_WEIGHTS)
    keen_odds = min(0.9, 2 * share)
    other_odds = max(0.0, (share - keen_weight * keen_odds) / (1 - keen_weight))

    def rows() -> Iterator[dict[str, Any]]:
        for i, at in enumerate(created):
            category = _draw(rng, categories)
            category_of.append(category)
            anonymised = at < old_enough and rng.random() < anonymised_odds
            if anonymised:
                gone = at + RETENTION + dt.timedelta(seconds=rng.random() * (b.end - at - RETENTION).total_seconds())
                allowed.append(gone - RETENTION)
                yield dict(id=i + 1, name=None, phone=None, phone_last4=None, category=category, party_branch="",
                           member_no=None, note="", created_at=at, anonymised_at=gone)
                continue
            allowed.append(None)
            phone = None
            if rng.random() < 0.97:
                while phone is None or phone in used:
                    phone = f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(100_000_000):08d}"
                used.add(phone)
            keen = category in (Category.PARTY_MEMBER.value, Category.VOLUNTEER.value)
            member = rng.random() < (keen_odds if keen else other_odds)
            if member:
                member_ids.append(i + 1)
            yield dict(id=i + 1, name=person_name(rng), phone=phone, phone_last4=phone[-4:] if phone else None,
                       category=category,
                       party_branch=_draw(rng, branches) if category == Category.PARTY_MEMBER.value else "",
                       member_no=f"{DEMO_BASE_CODE}{next(members):07d}" if member else None,
                       note=rng.choice(NOTES) if rng.random() < 0.02 else "", created_at=at, anonymised_at=None)

    b.insert(_table(Person), rows())
    regulars = [i + 1 for i in rng.sample(range(n), max(1, n // 50)) if allowed[i] is None]
    b.people = PeopleRef(created, category_of, allowed, regulars, member_ids)


VISIT_DAYS = 365
VISIT_MIX = (("person", 60), ("anonymous", 15), ("courier", 25))
DESK_STAFF_IDS = (2, 2, 3, 3, 4, 1)  # the demo desk staff (ids 2–4) and now and then the admin


def area_visits(b: Builder) -> None:
    """A year of visits on every open day (closures skipped), along the day's curve in opening hours; most with
    a registered person, anonymous head counts and 暖新驿站 couriers; checked out by hand or at closing time,
    and a few hundred still on site at the end."""
    assert b.people is not None, "area_people comes first"
    people = b.people
    rng = b.rng
    closed = [(start, end) for start, end in b.conn.execute(
        select(_table(Closure).c.start_date, _table(Closure).c.end_date))]
    last_day = b.end.astimezone(BASE_TZ).date()
    days = [last_day - dt.timedelta(days=k) for k in range(VISIT_DAYS - 1, -1, -1)]
    days = [d for d in days if not any(s <= d <= e for s, e in closed) and DEMO_WEEK[d.weekday()].opens]
    weights = [(1.25 if d.weekday() >= 5 else 1.0) * rng.uniform(0.8, 1.2) for d in days]
    per_weight = b.scale.visits / sum(weights)
    mix = _cumulative(VISIT_MIX)
    curves = {}  # per weekday: the arrival curves cut to its opening hours
    for hours in DEMO_WEEK:
        assert hours.opens is not None and hours.closes is not None
        within = range(hours.opens.hour, hours.closes.hour)
        curves[hours.weekday] = tuple(_cumulative({h: w for h, w in curve.items() if h in within})
                                      for curve in (VISITOR_HOURS, COURIER_HOURS))
    purposes = {c.value: _cumulative(tuple((p.value, w) for p, w in ws)) for c, ws in PURPOSES_BY_CATEGORY.items()}
    anonymous_purposes = _cumulative(tuple((p.value, w) for p, w in ANONYMOUS_PURPOSES))
    anonymous_categories = _cumulative(tuple((c.value, w) for c, w in ANONYMOUS_CATEGORIES))
    platforms = _cumulative(tuple((p.value, w) for p, w in PLATFORM_WEIGHTS))
    durations = {p.value: (lo * 60, hi * 60, usual * 60) for p, (lo, hi, usual) in DURATION_MINUTES.items()}
    odds = [(int(s), SERVICE_ODDS[s]) for s in ALL_STATION_SERVICES]
    manual, automatic = CheckoutKind.MANUAL.value, CheckoutKind.AUTOMATIC.value
    resident, courier, rest = Category.RESIDENT.value, Category.NEW_EMPLOYMENT.value, Purpose.REST.value
    regulars = people.regulars
    utc = UTC

    def one_day(day: dt.date, count: int) -> list[dict[str, Any]]:
        hours = DEMO_WEEK[day.weekday()]
        assert hours.opens is not None and hours.closes is not None
        opens = dt.datetime.combine(day, hours.opens, BASE_TZ).astimezone(utc)
        closes = dt.datetime.combine(day, hours.closes, BASE_TZ).astimezone(utc)
        midnight = dt.datetime.combine(day, dt.time(0), BASE_TZ).astimezone(utc)
        open_s = (opens - midnight).total_seconds()
        visitor_hours, courier_hours = curves[day.weekday()]
        rows = []
        for _ in range(count):
            kind = _draw(rng, mix)
            hour = _draw(rng, courier_hours if kind == "courier" else visitor_hours)
            offset = hour * 3600 + rng.random() * 3600
            if offset < open_s:  # 09:30 on weekends: those waiting at the door come in the first minutes
                offset = open_s + rng.random() * 600
            arrived = midnight + dt.timedelta(seconds=offset)
            if arrived > b.end or arrived >= closes:
                continue
            person_id = None
            platform = None
            services = 0
            size = 1
            if kind == "person":
                known = bisect.bisect(people.created, arrived)
                pick = rng.choice(regulars) if rng.random() < 0.35 else rng.randrange(known) + 1 if known else 0
                if 0 < pick <= known:
                    until = people.last_visit_allowed[pick - 1]
                    if until is None or arrived <= until:
                        person_id = pick
            if person_id is not None:
                category = people.category[person_id - 1]
                purpose = _draw(rng, purposes[category])
                if purpose == Purpose.NURSING.value or rng.random() < 0.1:
                    size = rng.randint(1, 3)
            elif kind == "courier":
                category, purpose, platform = courier, rest, _draw(rng, platforms)
                for bit, chance in odds:
                    if rng.random() < chance:
                        services |= bit
            else:
                category, purpose = _draw(rng, anonymous_categories), _draw(rng, anonymous_purposes)
                if category == courier and purpose == Purpose.NURSING.value:
                    category = resident
                if rng.random() < 0.3:
                    size = rng.choice((2, 2, 2, 3, 4, 5))
            lo, hi, usual = durations[purpose]
            left = arrived + dt.timedelta(seconds=rng.triangular(lo, hi, usual))
            if left >= closes or rng.random() < FORGOT_TO_CHECK_OUT:
                out, out_kind, out_by = closes, automatic, None
            else:
                out, out_kind, out_by = left, manual, rng.choice(DESK_STAFF_IDS)
            if out > b.end:
                out, out_kind, out_by = None, None, None  # on site at the end
            rows.append(dict(base_id=b.base_id, person_id=person_id, category=category, purpose=purpose,
                             party_size=size, platform=platform, station_services=services, checked_in_at=arrived,
                             checked_out_at=out, checkout_kind=out_kind, staff_id=rng.choice(DESK_STAFF_IDS),
                             checkout_staff_id=out_by))
        rows.sort(key=lambda row: row["checked_in_at"])  # ids in the order people came
        return rows

    def rows() -> Iterator[dict[str, Any]]:
        for day, weight in zip(days, weights, strict=True):
            yield from one_day(day, round(weight * per_weight))

    b.insert(_table(Visit), rows())


# Per facility kind: bookings a unit gets on a full (12-hour) day, and their lengths in slot steps by weight. At
# these rates a unit is busy about three quarters of its open hours, so the data set spans as many days back as
# `Scale.bookings` needs (about 23 months for the full set) rather than packing them into one year.
BOOKING_PATTERNS: dict[str, tuple[float, tuple[tuple[int, int], ...]]] = {
    "reading_room": (9, ((1, 50), (2, 30), (3, 12), (4, 8))),
    "nursing_room": (14, ((1, 50), (2, 40), (3, 10))),
    "ebike_charging": (7, ((2, 25), (4, 35), (6, 25), (8, 15))),
    "phone_charging": (16, ((1, 35), (2, 40), (3, 15), (4, 10))),
    "activity_room": (3, ((2, 30), (4, 50), (6, 20))),
    "cinema": (2, ((4, 50), (5, 30), (6, 20))),
    "legal_aid": (14, ((1, 100),)),
    "other": (4, ((1, 50), (2, 50))),
}
WALK_IN_KINDS = ("ebike_charging", "phone_charging")  # sessions start with "use now": made when they start
ANONYMOUS_KINDS = ("nursing_room", "phone_charging")
CANCEL_REASONS = ("临时有事", "改天再来", "身体不适", "行程变更", "活动改期")


def area_bookings(b: Builder) -> None:
    """Bookings of the standard facilities (seeded with the program's own `seed_facilities`): every open day
    (weekly hours, closures, statutory holidays and 调休 as the calendar sees them) back from the end until the
    scale is reached, plus the ones already made for the days ahead within each facility's booking window. On a
    unit they never overlap (the buffer included, whatever their state), start and end on the slot step, inside
    the day's hours. Past ones are mostly completed, some cancelled or no-shows; those running at the end are
    checked in; those ahead are booked (a few cancelled). Names are left out only where a facility allows it."""
    from sqlalchemy.orm import Session

    from desk.domain.calendar import ClosureSpan, chinese_holidays, open_day
    from desk.services.facilities import seed_facilities
    from desk.storage.models import Booking, Facility, Unit

    assert b.people is not None, "area_people comes first"
    people, rng = b.people, b.rng
    with Session(bind=b.conn) as session:
        seed_facilities(session, b.base_id)
        session.flush()
    facility_t, unit_t = _table(Facility), _table(Unit)
    units = b.conn.execute(
        select(unit_t.c.id, unit_t.c.capacity, facility_t.c.kind, facility_t.c.slot_minutes,
               facility_t.c.buffer_minutes, facility_t.c.horizon_days, facility_t.c.grace_minutes)
        .join(facility_t, facility_t.c.id == unit_t.c.facility_id)
        .where(facility_t.c.base_id == b.base_id).order_by(unit_t.c.id)).all()
    b.counts["facility"] = len({u.kind for u in units})
    b.counts["unit"] = len(units)
    closures = [ClosureSpan(s, e, "") for s, e in b.conn.execute(
        select(_table(Closure).c.start_date, _table(Closure).c.end_date))]
    calendar: dict[dt.date, tuple[dt.datetime, dt.datetime] | None] = {}

    def hours(day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        if day not in calendar:
            open_ = open_day(day, DEMO_WEEK, closures, (), chinese_holidays)
            calendar[day] = None if open_.opens is None or open_.closes is None else (
                dt.datetime.combine(day, open_.opens, BASE_TZ).astimezone(UTC),
                dt.datetime.combine(day, open_.closes, BASE_TZ).astimezone(UTC))
        return calendar[day]

    lengths = {kind: _cumulative(dict(pattern)) for kind, (_rate, pattern) in BOOKING_PATTERNS.items()}
    today = b.end.astimezone(BASE_TZ).date()

    def booked_share(ahead: int, horizon: int) -> float:
        """How much of a day ahead is already booked: less the further away it is."""
        return 0.0 if ahead > horizon else 0.85 * (1 - ahead / (horizon + 1)) ** 1.5

    def expected(day: dt.date) -> float:
        span = hours(day)
        if span is None:
            return 0.0
        scale = (span[1] - span[0]).total_seconds() / (12 * 3600)
        ahead = (day - today).days
        total = 0.0
        for unit in units:
            share = 1.0 if ahead <= 0 else booked_share(ahead, unit.horizon_days)
            total += BOOKING_PATTERNS.get(unit.kind, BOOKING_PATTERNS["other"])[0] * scale * share
        return total

    longest = max(u.horizon_days for u in units)
    ahead_days = [today + dt.timedelta(days=k) for k in range(1, longest + 1)]
    target = b.scale.bookings - sum(expected(d) for d in ahead_days)
    first = today
    while target > 0 and first > (b.start + dt.timedelta(days=1)).astimezone(BASE_TZ).date():
        target -= expected(first)
        first -= dt.timedelta(days=1)
    days = [first + dt.timedelta(days=k) for k in range((today - first).days + 1)] + ahead_days
    staff_ids = DESK_STAFF_IDS
    end = b.end

    def person_for(kind: str, made: dt.datetime) -> int | None:
        if kind in ANONYMOUS_KINDS and rng.random() < 0.5:
            return None
        for _ in range(20):
            known = bisect.bisect(people.created, made)
            pick = rng.choice(people.regulars) if rng.random() < 0.35 else rng.randrange(known) + 1 if known else 0
            if 0 < pick <= known:
                until = people.last_visit_allowed[pick - 1]
                if until is None or made <= until:
                    return pick
        return None if kind in ANONYMOUS_KINDS else people.regulars[0]

    def one_unit_day(unit: Any, day: dt.date, opens: dt.datetime, closes: dt.datetime) -> list[dict[str, Any]]:
        rate, _pattern = BOOKING_PATTERNS.get(unit.kind, BOOKING_PATTERNS["other"])
        step = dt.timedelta(minutes=unit.slot_minutes)
        slots = int((closes - opens) / step)
        ahead = (day - today).days
        share = 1.0 if ahead <= 0 else booked_share(ahead, unit.horizon_days)
        mean = rate * slots * unit.slot_minutes / (12 * 60) * share * rng.uniform(0.6, 1.4)
        count = int(mean) + (rng.random() < mean - int(mean))
        gap = -(-unit.buffer_minutes // unit.slot_minutes)  # buffer in whole slots
        table = lengths.get(unit.kind, lengths["other"])
        sizes = [_draw(rng, table) for _ in range(count)]
        while sizes and sum(sizes) + gap * (len(sizes) - 1) > slots:
            sizes.pop()
        if not sizes:
            return []
        free = slots - sum(sizes) - gap * (len(sizes) - 1)
        cuts = sorted(rng.sample(range(free + len(sizes)), len(sizes)))
        rows = []
        cursor, previous_cut = 0, -1
        for size, cut in zip(sizes, cuts, strict=True):
            cursor += cut - previous_cut - 1
            previous_cut = cut
            starts = opens + step * cursor
            ends = starts + step * size
            cursor += size + gap
            rows.append(_booking_row(unit, starts, ends))
        return rows

    def _booking_row(unit: Any, starts: dt.datetime, ends: dt.datetime) -> dict[str, Any]:
        kind = unit.kind
        if kind in WALK_IN_KINDS:
            made = starts
        else:
            lead_days = min(unit.horizon_days, 7)
            made = starts - dt.timedelta(minutes=rng.randrange(10, 24 * 60 * lead_days + 11))
        made = max(made, b.start)
        made = min(made, end)
        grace = dt.timedelta(minutes=unit.grace_minutes)
        checked_in_at = finished_at = None
        cancel_reason = ""
        if ends <= end:
            pick = rng.random()
            state = "completed" if pick < 0.82 else "cancelled" if pick < 0.91 else "no_show"
        elif starts <= end:
            state = ("checked_in" if rng.random() < 0.9 else "no_show") if starts + grace <= end else "booked"
        else:
            state = "booked" if rng.random() < 0.94 else "cancelled"
        if state in ("completed", "checked_in"):
            checked_in_at = min(max(made, starts + dt.timedelta(minutes=rng.uniform(-10, unit.grace_minutes))), end)
            finished_at = ends if state == "completed" else None
        elif state == "cancelled":
            finished_at = made + (min(starts, end) - made) * rng.random()
            cancel_reason = rng.choice(CANCEL_REASONS)
        elif state == "no_show":
            finished_at = starts + grace
        size = rng.randint(min(5, unit.capacity), unit.capacity) if unit.capacity > 1 else 1
        return dict(unit_id=unit.id, person_id=person_for(kind, made), series_id=None, visit_id=None,
                    party_size=size, starts_at=starts, ends_at=ends, state=state, note="",
                    cancel_reason=cancel_reason,
                    safety_checked=kind == "ebike_charging" and state in ("completed", "checked_in"),
                    created_at=made, created_by=rng.choice(staff_ids), checked_in_at=checked_in_at,
                    finished_at=finished_at)

    def rows() -> Iterator[dict[str, Any]]:
        for day in days:
            span = hours(day)
            if span is None:
                continue
            opens, closes = span
            made_today: list[dict[str, Any]] = []
            for unit in units:
                made_today += one_unit_day(unit, day, opens, closes)
            made_today.sort(key=lambda row: row["starts_at"])  # ids follow the day's timeline
            yield from made_today

    b.insert(_table(Booking), rows())


# -- 红色积分 ------------------------------------------------------------------------------------------------------

# Per completion credited: exchanges owed (made once the balance covers one), corrections, reversals.
SPENDS_PER_EARN = 0.2
ADJUSTMENTS_PER_EARN = 0.01
REVERSALS_PER_EARN = 0.005
# Ledger entries per completion credited that this makes (measured on the generated sets: members with few
# credits never get to an exchange), so that the ledger comes out at about `Scale.points_entries`.
ENTRIES_PER_CREDIT = 1.15
# A district's projects draw more people than the demo base's: the demo's slots, this many times over.
SLOT_FACTOR = 3
PROJECTS_AHEAD = dt.timedelta(days=21)
GRID_REPORTS = ("占道经营", "井盖缺失", "消防通道堵塞", "路灯损坏", "垃圾堆放", "电动车违规充电", "共享单车乱停放",
                "外墙广告牌松动", "下水道堵塞", "噪音扰民")
ADJUSTMENTS = ((5, "补录：纸质签到表漏登一次志愿服务"), (3, "补录：活动积分漏记"), (-2, "更正：同一活动重复计分"),
               (-3, "更正：时长登记有误"))

EARN, SPEND, ADJUST, REVERSE = (k.value for k in (EntryKind.EARN, EntryKind.SPEND, EntryKind.ADJUST,
                                                   EntryKind.REVERSE))
# What a member can exchange points for, cheapest first: (points, the spend's reason).
PRICES = sorted((price, reward_reason(merchant, offer)) for merchant, offer, price in REWARDS)
# An entry until it is written: a list, so that ids can be filled in after the global sort.
_AT, _MEMBER, _SEQ, _AMOUNT, _KIND, _REASON, _CLAIM, _REVERSES, _AFTER, _STAFF, _ID = range(11)
# A claim: claimed at, project (index), member (index), state, claimed by, finished at, by, minutes, entry, id.
_C_AT, _C_PROJECT, _C_MEMBER, _C_STATE, _C_BY, _C_DONE, _C_DONE_BY, _C_MINUTES, _C_ENTRY, _C_ID = range(10)


def _desk_moment(rng: random.Random, day_of: dt.datetime) -> dt.datetime:
    """A moment of the desk's day (09:00–21:00 local) on the local date of `day_of`."""
    day = day_of.astimezone(BASE_TZ).date()
    return (dt.datetime.combine(day, dt.time(9), BASE_TZ) + dt.timedelta(seconds=rng.randrange(12 * 3600))
            ).astimezone(UTC)


def _member_ledger(rng: random.Random, member: int, credits: list[list[Any]], end: dt.datetime,
                   desk: Sequence[int], admin: int) -> tuple[list[list[Any]], int]:
    """One member's entries in time order and the final balance: each credit, then before the next one maybe an
    exchange (when the balance covers one), now and then a correction, rarely a reversal."""
    credits.sort(key=lambda e: e[_AT])
    own: list[list[Any]] = []
    balance, owed = 0, 0.0
    last_spend: list[Any] | None = None
    for i, credit in enumerate(credits):
        balance += credit[_AMOUNT]
        credit[_AFTER] = balance
        own.append(credit)
        cursor: dt.datetime = credit[_AT]
        following = credits[i + 1][_AT] if i + 1 < len(credits) else end
        extra: list[tuple[int, str, str, int, list[Any] | None]] = []  # amount, kind, reason, staff, reverses
        owed += rng.uniform(0, 2 * SPENDS_PER_EARN)  # an exchange is owed until the balance covers one
        while owed >= 1:
            affordable = bisect.bisect(PRICES, (balance, "\uffff"))
            if not affordable:
                break
            price, reason = PRICES[rng.randrange(affordable)]
            balance -= price
            extra.append((-price, SPEND, reason, rng.choice(desk), None))
            owed -= 1
        if rng.random() < ADJUSTMENTS_PER_EARN:
            amount, reason = rng.choice(ADJUSTMENTS)
            if balance + amount >= 0:
                balance += amount
                extra.append((amount, ADJUST, reason, admin, None))
        if rng.random() < REVERSALS_PER_EARN:
            if last_spend is not None and rng.random() < 0.5:
                balance -= last_spend[_AMOUNT]
                extra.append((-last_spend[_AMOUNT], REVERSE, SPEND_REVERSAL_REASON, admin, last_spend))
                last_spend = None
            elif balance >= credit[_AMOUNT]:
                balance -= credit[_AMOUNT]
                extra.append((-credit[_AMOUNT], REVERSE, EARN_REVERSAL_REASON, admin, credit))
        running = credit[_AFTER]
        for amount, kind, reason, staff, reverses in extra:
            cursor += (following - cursor) * rng.uniform(0.05, 0.3)  # between this credit and the next
            running += amount
            entry = [cursor, member, 0, amount, kind, reason, None, reverses, running, staff, 0]
            own.append(entry)
            if kind == SPEND:
                last_spend = entry
    for seq, entry in enumerate(own):
        entry[_SEQ] = seq
    return own, balance


def area_points(b: Builder) -> None:
    """红色积分: a member row for every person with a member number (area_people), joined at their registration or
    within two weeks; service projects over the three years, more as the scheme grew, and the three weeks ahead,
    with the demo's templates (slots `SLOT_FACTOR` times the demo's); claims by members who had joined, the keen
    ones more often (past ones completed, absent or cancelled; those of the last two days waiting for
    verification; ahead ones claimed); then per member, in time order, the credits of their completions,
    exchanges at merchants when the balance covers them, corrections and reversals, each with its running
    balance. The first member is the grid worker of `HEAVY_LEDGER` entries. Entry ids follow time, so each
    member's running balance is also in id order. Like people and visits, these rows write no audit events."""
    assert b.people is not None, "area_people comes first"
    people, rng, end = b.people, b.rng, b.end
    if not people.members:
        return
    completed, cancelled, claimed_state = (s.value for s in (ClaimState.COMPLETED, ClaimState.CANCELLED,
                                                              ClaimState.CLAIMED))

    # Members: ids in the order of their numbers; the heavy one (the first) takes part in no project.
    joined: list[dt.datetime] = []
    for person_id in people.members:
        created = people.created[person_id - 1]
        at = (created + dt.timedelta(minutes=rng.uniform(3, 15)) if rng.random() < 0.6
              else _desk_moment(rng, created + dt.timedelta(days=rng.randint(1, 14))))
        joined.append(min(max(at, created + dt.timedelta(minutes=3)), end))
    weights = [0.0] + [min(rng.paretovariate(1.2), 30.0) for _ in joined[1:]]
    by_joining = sorted(range(len(joined)), key=joined.__getitem__)
    joined_sorted = [joined[m] for m in by_joining]
    cumulative = list(itertools.accumulate(weights[m] for m in by_joining))

    # Projects until their completions are the credits the ledger needs; start times denser as membership grew.
    earns_wanted = (b.scale.points_entries - HEAVY_LEDGER) / ENTRIES_PER_CREDIT
    outcomes = _cumulative(tuple((s.value, w) for s, w in CLAIM_OUTCOMES))
    credits = 0
    first = joined_sorted[min(len(joined_sorted) - 1, 20)]  # once a few have joined
    span = (end + PROJECTS_AHEAD - first).total_seconds()
    weekday = [t for t in PROJECT_TEMPLATES if not t.weekend]
    weekend = [t for t in PROJECT_TEMPLATES if t.weekend]
    projects: list[dict[str, Any]] = []
    claims: list[list[Any]] = []
    earned: list[list[list[Any]]] = [[] for _ in joined]
    desk = DESK_STAFF_IDS[:-1]
    while credits < earns_wanted:
        day = (first + dt.timedelta(seconds=span * rng.random() ** 0.5)).astimezone(BASE_TZ).date()
        t = rng.choice(weekend if day.weekday() >= 5 else weekday)
        starts = dt.datetime.combine(day, t.starts, BASE_TZ).astimezone(UTC)
        ends = starts + dt.timedelta(minutes=t.minutes)
        announced = _desk_moment(rng, starts - dt.timedelta(days=rng.randint(5, 14)))
        created = max(b.start, min(end - dt.timedelta(hours=rng.uniform(1, 72)), announced))
        deadline = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(18), BASE_TZ).astimezone(UTC)
        slots = rng.randint(*t.slots) * SLOT_FACTOR
        if ends <= end - dt.timedelta(days=2):
            status = ProjectStatus.FINISHED.value
        else:
            status = ProjectStatus.OPEN.value if deadline > end else ProjectStatus.CLOSED.value
        ahead = max(0.0, (starts - end).total_seconds() / 86400)
        wanted = round(slots * rng.uniform(0.6, 1.0) * max(0.15, 1 - ahead / 21))
        index = len(projects)
        project = dict(base_id=b.base_id, title=t.title, kind=t.kind.value, description=t.description,
                       location=t.location, starts_at=starts, ends_at=ends, signup_deadline=deadline, slots=slots,
                       claimed=0, points=t.points, points_per_hour=t.per_hour, max_hours=t.max_hours,
                       status=status, created_at=created, created_by=b.admin.id)
        projects.append(project)
        local_end = ends.astimezone(BASE_TZ).time()
        verified = (ends + dt.timedelta(minutes=rng.uniform(10, 90)) if local_end < dt.time(17)
                    else _desk_moment(rng, ends + dt.timedelta(days=1)))
        verifier = rng.choice(desk)
        window = min(deadline, end) - created
        taken: set[int] = set()
        for _ in range(wanted):
            at = created + window * rng.random()
            known = bisect.bisect(joined_sorted, at)
            if not known or cumulative[known - 1] <= 0:
                continue
            member = by_joining[min(known - 1, bisect.bisect(cumulative, rng.random() * cumulative[known - 1]))]
            if member in taken:
                continue
            taken.add(member)
            by = rng.choice(desk)
            claim = [at, index, member, claimed_state, by, None, None, None, None, 0]
            claims.append(claim)
            if status != ProjectStatus.FINISHED.value:
                if starts > end and rng.random() < 0.08:
                    claim[_C_STATE], claim[_C_DONE], claim[_C_DONE_BY] = cancelled, at + (end - at) * rng.random(), by
                else:
                    project["claimed"] += 1
                continue
            outcome = _draw(rng, outcomes)
            claim[_C_STATE] = outcome
            if outcome == cancelled:
                claim[_C_DONE], claim[_C_DONE_BY] = at + (starts - at) * rng.random(), by
                continue
            project["claimed"] += 1
            claim[_C_DONE], claim[_C_DONE_BY] = verified, verifier
            if outcome == completed:
                minutes = t.minutes - rng.choice((0, 0, 0, 0, 10, 20, 30, 45)) if t.per_hour else None
                claim[_C_MINUTES] = minutes
                entry = [verified, member, 0, points_for(t.points, t.per_hour, t.max_hours, minutes), EARN,
                         t.title, claim, None, 0, verifier, 0]
                claim[_C_ENTRY] = entry
                earned[member].append(entry)
                credits += 1

    # The ledger, member by member in time order; then all of it in time order for the ids.
    entries: list[list[Any]] = []
    balances = [0] * len(joined)
    for member, own_credits in enumerate(earned):
        if member:
            own, balances[member] = _member_ledger(rng, member, own_credits, end, desk, b.admin.id)
            entries += own
    # The grid worker: reports credited one by one, exchanges when the balance covers one.
    balance = 0
    moments = sorted(b.random_instant(after=joined[0]) for _ in range(HEAVY_LEDGER))
    for seq, at in enumerate(moments):
        affordable = bisect.bisect(PRICES, (balance, "\uffff"))
        if affordable and rng.random() < 0.25:
            price, reason = PRICES[rng.randrange(affordable)]
            amount, kind = -price, SPEND
        else:
            amount, kind, reason = rng.randint(1, 3), EARN, f"网格上报：{rng.choice(GRID_REPORTS)}"
        balance += amount
        entries.append([at, 0, seq, amount, kind, reason, None, None, balance, rng.choice(desk), 0])
    balances[0] = balance

    entries.sort(key=lambda e: (e[_AT], e[_MEMBER], e[_SEQ]))
    for entry_id, entry in enumerate(entries, start=1):
        entry[_ID] = entry_id
    order = sorted(range(len(projects)), key=lambda i: projects[i]["created_at"])  # ids as announced
    project_id = [0] * len(projects)
    for new_id, i in enumerate(order, start=1):
        project_id[i] = new_id
    claims.sort(key=lambda c: c[_C_AT])
    for claim_id, claim in enumerate(claims, start=1):
        claim[_C_ID] = claim_id

    b.insert(_table(Project), (dict(projects[i], id=project_id[i]) for i in order))
    b.insert(_table(Member), (dict(id=m + 1, person_id=person_id, base_id=b.base_id, balance=balances[m],
                                   joined_at=joined[m], joined_by=rng.choice(desk))
                              for m, person_id in enumerate(people.members)))
    b.insert(_table(PointsEntry), (dict(
        id=e[_ID], member_id=e[_MEMBER] + 1, amount=e[_AMOUNT], kind=e[_KIND], reason=e[_REASON],
        ref_kind="claim" if e[_CLAIM] else "", ref_id=e[_CLAIM][_C_ID] if e[_CLAIM] else None,
        reverses_id=e[_REVERSES][_ID] if e[_REVERSES] else None, balance_after=e[_AFTER], expires_at=None,
        at=e[_AT], staff_id=e[_STAFF], idem_key=f"{rng.getrandbits(128):032x}") for e in entries))
    b.insert(_table(ProjectClaim), (dict(
        id=c[_C_ID], project_id=project_id[c[_C_PROJECT]], member_id=c[_C_MEMBER] + 1, state=c[_C_STATE],
        claimed_at=c[_C_AT], claimed_by=c[_C_BY], finished_at=c[_C_DONE], finished_by=c[_C_DONE_BY],
        minutes=c[_C_MINUTES], entry_id=c[_C_ENTRY][_ID] if c[_C_ENTRY] else None) for c in claims))


# -- 兑换券 --------------------------------------------------------------------------------------------------------

# What the district's shops offer for a few points: (title, points, face value in fen or None).
SHOP_OFFERS = (("代金券 5 元", 5, 500), ("满30减5", 6, 500), ("饮品一杯", 4, 600), ("小礼品一份", 3, None),
               ("9 折优惠券", 3, None))
VOUCHER_VALIDITY_DAYS = 30
SHOP_OPENS, SHOP_CLOSES = dt.time(10, 0), dt.time(20, 30)  # when shops take vouchers (local)
# Of the vouchers past their last day: redeemed or expired; top-ups (below) are sometimes voided instead.
EXPIRED_SHARE = 0.08
VOID_SHARE = 0.04
UNUSED_SHARE = 0.5  # of the vouchers still valid at the end, not yet taken to the shop
RICH = 20  # members with this many points keep them: the points benchmarks spend from them
TOP_UP_DAYS = 12  # between a member's exchanges of what is left, on average
SETTLED_BEFORE = 2  # months before the newest one that merchants have settled
# The key the data set's slips were signed with (its id only: benchmarks sign their own slips again).
DATASET_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
# A voucher until it is written: issued at, member (id), reward (row), points, status, ended at, spend entry id,
# refund entry id, void reason, desk staff id.
_V_AT, _V_MEMBER, _V_REWARD, _V_POINTS, _V_STATUS, _V_ENDED, _V_SPEND, _V_REFUND, _V_REASON, _V_DESK = range(10)


def area_vouchers(b: Builder) -> None:
    """兑换券 at the alliance merchants, about `Scale.vouchers` of them. Every exchange the ledger already holds
    (area_points) becomes the voucher it paid for, at the offer it names; an exchange that was reversed is a voided
    voucher whose refund is that reversal. The rest are members spending what is left of their points on the
    district shops' cheap offers after their last entry (members with `RICH` points or more keep that many), each
    spend appended to the member's ledger with its running balance, a voided one followed by its refund.

    Vouchers past their last day were redeemed in the shop's hours within a few days, or expired (this base does
    not refund expired vouchers: its setting says so); half of those still valid are not used yet. Merchants have
    settled every month up to `SETTLED_BEFORE` months before the newest. Voucher ids follow issue time."""
    rng, conn, end = b.rng, b.conn, b.end
    entry_t, merchant_t, staff_t, member_t = (_table(m) for m in (PointsEntry, Merchant, Staff, Member))
    merchants = conn.execute(select(merchant_t.c.id, merchant_t.c.name, merchant_t.c.active,
                                    merchant_t.c.created_at).order_by(merchant_t.c.id)).all()
    cashiers: dict[int, list[int]] = {}
    for staff_id, merchant_id in conn.execute(select(staff_t.c.id, staff_t.c.merchant_id).where(
            staff_t.c.role == "merchant", staff_t.c.active)):
        cashiers.setdefault(merchant_id, []).append(staff_id)
    spends = conn.execute(select(entry_t.c.id, entry_t.c.member_id, entry_t.c.amount, entry_t.c.reason,
                                 entry_t.c.at, entry_t.c.staff_id).where(entry_t.c.kind == SPEND)
                          .order_by(entry_t.c.id)).all()
    reversals = {original: (entry_id, at) for entry_id, original, at in conn.execute(
        select(entry_t.c.id, entry_t.c.reverses_id, entry_t.c.at).where(entry_t.c.kind == REVERSE))}

    # The offers: the ledger's exchanges at the demo merchants, and a few cheap ones at each shop of the district.
    name_id = {name: merchant_id for merchant_id, name, _active, _at in merchants}
    rewards: list[dict[str, Any]] = []
    by_reason: dict[str, dict[str, Any]] = {}
    first_use: dict[str, dt.datetime] = {}
    for _id, _member, _amount, reason, at, _staff in spends:
        first_use[reason] = min(at, first_use.get(reason, at))
    created_of = {merchant_id: at for merchant_id, _name, _active, at in merchants}
    for merchant, offer, price in REWARDS:
        reason = reward_reason(merchant, offer)
        merchant_id = name_id[merchant]
        row = dict(id=len(rewards) + 1, merchant_id=merchant_id, title=offer, terms="限本店使用，不找零，不兑现金。",
                   points=price, face_value_fen=None if "折" in offer else price * 50, stock=None,
                   monthly_limit=None, validity_days=VOUCHER_VALIDITY_DAYS, active=True,
                   created_at=min(created_of[merchant_id], first_use.get(reason, end)))
        rewards.append(row)
        by_reason[reason] = row
    cheap: list[dict[str, Any]] = []
    for merchant_id, _name, active, created in merchants[len(DEMO_MERCHANTS):]:
        for title, points, face in rng.sample(SHOP_OFFERS, rng.randint(1, 2)):
            limited = rng.random() < 0.3
            row = dict(id=len(rewards) + 1, merchant_id=merchant_id, title=title, terms="限本店使用，不兑现金。",
                       points=points, face_value_fen=face, stock=rng.randint(20, 500) if limited else None,
                       monthly_limit=2 if rng.random() < 0.2 else None, validity_days=VOUCHER_VALIDITY_DAYS,
                       active=active, created_at=created)
            rewards.append(row)
            if active:
                cheap.append(row)
    cheap.sort(key=lambda r: r["created_at"])
    cheap_since = [r["created_at"] for r in cheap]

    def ends(voucher: list[Any], can_void: bool) -> None:
        """How a voucher issued at its moment ends: redeemed, expired, voided or still unused."""
        issued: dt.datetime = voucher[_V_AT]
        expires_on = issued.astimezone(BASE_TZ).date() + dt.timedelta(days=VOUCHER_VALIDITY_DAYS - 1)
        lapsed = expires_on < end.astimezone(BASE_TZ).date()
        draw = rng.random()
        if can_void and draw < VOID_SHARE:
            voucher[_V_STATUS], voucher[_V_ENDED] = "void", min(issued + dt.timedelta(minutes=rng.uniform(3, 90)),
                                                                end)
            voucher[_V_REASON] = rng.choice(("会员改选其他商品，作废重开", "商家暂停供应，积分退回"))
            return
        if lapsed and draw > 1 - EXPIRED_SHARE:
            voucher[_V_STATUS] = "expired"
            voucher[_V_ENDED] = dt.datetime.combine(expires_on + dt.timedelta(days=1), dt.time(9), BASE_TZ)
            return
        if not lapsed and rng.random() < UNUSED_SHARE:
            return
        day = issued.astimezone(BASE_TZ).date() + dt.timedelta(days=min(int(rng.expovariate(1 / 3)),
                                                                        VOUCHER_VALIDITY_DAYS - 1))
        opens = dt.datetime.combine(day, SHOP_OPENS, BASE_TZ)
        moment = opens + (dt.datetime.combine(day, SHOP_CLOSES, BASE_TZ) - opens) * rng.random()
        if moment <= issued:
            moment += dt.timedelta(days=1)
        if moment <= end and moment.astimezone(BASE_TZ).date() <= expires_on:
            voucher[_V_STATUS], voucher[_V_ENDED] = "redeemed", moment
        elif lapsed:
            voucher[_V_STATUS] = "expired"
            voucher[_V_ENDED] = dt.datetime.combine(expires_on + dt.timedelta(days=1), dt.time(9), BASE_TZ)

    # Every exchange in the ledger is a voucher.
    vouchers: list[list[Any]] = []
    for entry_id, member_id, amount, reason, at, staff_id in spends:
        voucher = [at, member_id, by_reason[reason], -amount, "issued", None, entry_id, None, "", staff_id]
        reversal = reversals.get(entry_id)
        if reversal is not None:
            voucher[_V_STATUS], voucher[_V_REFUND], voucher[_V_ENDED] = "void", reversal[0], reversal[1]
            voucher[_V_REASON] = SPEND_REVERSAL_REASON
        else:
            ends(voucher, can_void=False)  # a void needs a refund in the ledger, which these do not have
        vouchers.append(voucher)

    # Members spend what is left at the district's shops, after their last entry.
    last_entry = dict(conn.execute(select(entry_t.c.member_id, func.max(entry_t.c.at))
                                   .group_by(entry_t.c.member_id)).tuples().all())
    members = conn.execute(select(member_t.c.id, member_t.c.balance, member_t.c.joined_at)).all()
    order = list(range(len(members)))
    rng.shuffle(order)
    wanted = b.scale.vouchers - len(vouchers)
    appended: list[list[Any]] = []  # ledger entries: at, member, seq, amount, kind, reason, voucher, balance, staff
    balances: dict[int, int] = {}
    desk = DESK_STAFF_IDS[:-1]
    for index in order:
        if wanted <= 0:
            break
        member_id, balance, joined = members[index]
        keep = RICH if balance >= RICH else 0
        cursor: dt.datetime = last_entry.get(member_id, joined)
        taken: dict[tuple[int, int, int], int] = {}
        seq, misses = 0, 0
        while wanted > 0 and balance - keep >= SHOP_OFFERS[-1][1] and misses < 10:
            cursor += dt.timedelta(days=rng.expovariate(1 / TOP_UP_DAYS), hours=rng.uniform(1, 24))
            if cursor >= end:
                break
            known = bisect.bisect(cheap_since, cursor)
            reward = cheap[rng.randrange(known)] if known else None
            local = cursor.astimezone(BASE_TZ)
            slot = (reward["id"] if reward else 0, local.year, local.month)
            if reward is None or reward["points"] > balance - keep or reward["stock"] == 0 or (
                    reward["monthly_limit"] is not None and taken.get(slot, 0) >= reward["monthly_limit"]):
                misses += 1  # nothing affordable here: look a little later, a few times
                continue
            if reward["stock"] is not None:
                reward["stock"] -= 1
            taken[slot] = taken.get(slot, 0) + 1
            balance -= reward["points"]
            voucher = [cursor, member_id, reward, reward["points"], "issued", None, None, None, "", rng.choice(desk)]
            ends(voucher, can_void=True)
            spend = [cursor, member_id, seq, -reward["points"], SPEND, reward_reason(
                merchants[reward["merchant_id"] - 1][1], reward["title"]), voucher, balance, voucher[_V_DESK]]
            appended.append(spend)
            seq += 1
            if voucher[_V_STATUS] == "void":
                balance += reward["points"]
                if reward["stock"] is not None:
                    reward["stock"] += 1
                appended.append([voucher[_V_ENDED], member_id, seq, reward["points"], EntryKind.REFUND.value,
                                 "作废退回", voucher, balance, voucher[_V_DESK]])
                seq += 1
                cursor = voucher[_V_ENDED]
            vouchers.append(voucher)
            wanted -= 1
        balances[member_id] = balance

    # Ids: vouchers in the order they were issued, the appended entries after the ledger's in time order.
    vouchers.sort(key=lambda v: v[_V_AT])
    voucher_id = {id(v): number for number, v in enumerate(vouchers, start=1)}
    next_entry = conn.execute(select(func.coalesce(func.max(entry_t.c.id), 0))).scalar_one() + 1
    appended.sort(key=lambda e: (e[0], e[1], e[2]))
    for entry_id, entry in enumerate(appended, start=next_entry):
        voucher = entry[6]
        if entry[4] == SPEND:
            voucher[_V_SPEND] = entry_id
        else:
            voucher[_V_REFUND] = entry_id
        entry.append(entry_id)
    b.insert(entry_t, (dict(
        id=e[9], member_id=e[1], amount=e[3], kind=e[4],
        # As the desk words them: a refund names the voucher's serial code.
        reason=e[5] if e[4] == SPEND else f"{e[5]}：{serial_code(voucher_id[id(e[6])])}",
        ref_kind="voucher", ref_id=voucher_id[id(e[6])],
        reverses_id=None, balance_after=e[7], expires_at=None, at=e[0], staff_id=e[8],
        idem_key=f"{rng.getrandbits(128):032x}") for e in appended))
    converted = [dict(entry=v[_V_SPEND], voucher=voucher_id[id(v)]) for v in vouchers if v[_V_SPEND] < next_entry]
    for chunk in _chunks(converted, CHUNK):
        conn.execute(update(entry_t).where(entry_t.c.id == bindparam("entry"))
                     .values(ref_kind="voucher", ref_id=bindparam("voucher")), chunk)
    for chunk in _chunks([dict(member=m, after=v) for m, v in balances.items()], CHUNK):
        conn.execute(update(member_t).where(member_t.c.id == bindparam("member")).values(balance=bindparam("after")),
                     chunk)

    # Each merchant's months settled up to SETTLED_BEFORE months before the newest.
    local_end = end.astimezone(BASE_TZ).date().replace(day=1)
    for _ in range(SETTLED_BEFORE):
        local_end = (local_end - dt.timedelta(days=1)).replace(day=1)
    periods: dict[tuple[int, dt.date], list[list[Any]]] = {}
    for voucher in vouchers:
        if voucher[_V_STATUS] == "redeemed":
            month = voucher[_V_ENDED].astimezone(BASE_TZ).date().replace(day=1)
            if month < local_end:
                periods.setdefault((voucher[_V_REWARD]["merchant_id"], month), []).append(voucher)
    settlements: list[dict[str, Any]] = []
    settled_by: dict[int, int] = {}
    for (merchant_id, month), settled in sorted(periods.items(), key=lambda item: (item[0][1], item[0][0])):
        following = (month + dt.timedelta(days=32)).replace(day=1)
        settlement_id = len(settlements) + 1
        settlements.append(dict(
            id=settlement_id, merchant_id=merchant_id, period_start=month,
            period_end=following - dt.timedelta(days=1), vouchers=len(settled),
            points=sum(v[_V_POINTS] for v in settled),
            face_value_fen=sum(v[_V_REWARD]["face_value_fen"] or 0 for v in settled),
            created_at=dt.datetime.combine(following + dt.timedelta(days=2), dt.time(10, 30), BASE_TZ),
            created_by=b.admin.id))
        for voucher in settled:
            settled_by[id(voucher)] = settlement_id

    key_id = key_id_of(DATASET_KEY.public_key())
    b.insert(_table(Reward), rewards)
    b.insert(_table(Settlement), settlements)
    b.insert(_table(Voucher), (dict(
        id=voucher_id[id(v)], base_id=b.base_id, reward_id=v[_V_REWARD]["id"], merchant_id=v[_V_REWARD]["merchant_id"],
        member_id=v[_V_MEMBER], points=v[_V_POINTS], face_value_fen=v[_V_REWARD]["face_value_fen"],
        status=v[_V_STATUS], key_id=key_id, issued_at=v[_V_AT], issued_by=v[_V_DESK],
        expires_on=v[_V_AT].astimezone(BASE_TZ).date() + dt.timedelta(days=VOUCHER_VALIDITY_DAYS - 1),
        spend_entry_id=v[_V_SPEND],
        redeemed_at=v[_V_ENDED] if v[_V_STATUS] == "redeemed" else None,
        redeemed_by=(rng.choice(cashiers.get(v[_V_REWARD]["merchant_id"], [b.admin.id]))
                     if v[_V_STATUS] == "redeemed" else None),
        voided_at=v[_V_ENDED] if v[_V_STATUS] in ("void", "expired") else None, void_reason=v[_V_REASON],
        refund_entry_id=v[_V_REFUND], reprints=1 if rng.random() < 0.02 else 0,
        settlement_id=settled_by.get(id(v))) for v in vouchers))
    b.insert(_table(Setting), [dict(key="voucher_expiry_refund", value=json.dumps(False))])


# Order matters: staff refer to merchants, visits to people and staff; the audit filler comes after every area
# that queues its own events.
AREAS: list[Callable[[Builder], None]] = [area_base, area_merchants, area_staff, area_people, area_visits,
                                          area_bookings, area_points, area_vouchers, area_audit]


def write_audit_chain(b: Builder) -> None:
    """Sort the queued events by time, chain them with the program's hash and move the chain head."""
    b.audit.sort(key=lambda e: e[0])
    prev = GENESIS
    rows = []
    for seq, (at, staff_id, actor, action, entity, entity_id, summary) in enumerate(b.audit, start=1):
        digest = event_hash(prev, seq, at, actor, action, entity, entity_id, summary)
        rows.append(dict(seq=seq, at=at, staff_id=staff_id, actor=actor, action=action, entity=entity,
                         entity_id=entity_id, summary=summary, prev_hash=prev, hash=digest))
        prev = digest
    b.insert(_table(AuditEvent), rows)
    b.conn.execute(update(_table(AuditHead)).where(_table(AuditHead).c.id == 1).values(seq=len(rows), hash=prev))


# -- building and caching --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Dataset:
    path: Path  # the cached database; copy it before use
    scale: Scale
    counts: dict[str, int]
    build_seconds: float
    size_bytes: int
    cached: bool  # True when it was already there


def cache_key(scale: Scale) -> str:
    return f"{GENERATOR_VERSION}-rev{HEAD_REVISION}-{scale.name}"


def ensure(scale: Scale, *, verify: bool = True, log: Callable[[str], None] = print) -> Dataset:
    """The cached database for `scale`, built first if missing."""
    folder = CACHE_DIR / cache_key(scale)
    manifest = folder / "manifest.json"
    if manifest.exists():
        info = json.loads(manifest.read_text(encoding="utf-8"))
        return Dataset(folder / DB_FILE_NAME, scale, info["counts"], info["build_seconds"], info["size_bytes"],
                       cached=True)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for stale in CACHE_DIR.glob(f"*-{scale.name}"):  # an older generator or schema: never used again
        if stale.is_dir() and stale.name != folder.name:
            shutil.rmtree(stale, ignore_errors=True)
    log(f"building the {scale.name} data set ({cache_key(scale)}) ...")
    work = Path(tempfile.mkdtemp(dir=CACHE_DIR, prefix="building-"))
    try:
        started = time.perf_counter()
        counts = build(work, scale)
        build_seconds = time.perf_counter() - started
        log(f"  built in {build_seconds:.1f} s: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        if verify:
            started = time.perf_counter()
            problems = check(work)
            log(f"  desk check: {'ok' if not problems else 'FAILED'} ({time.perf_counter() - started:.1f} s)")
            if problems:
                raise RuntimeError("the generated database fails desk check:\n" + "\n".join(problems[:20]))
        size = (work / DB_FILE_NAME).stat().st_size
        (work / "manifest.json").write_text(json.dumps(
            {"version": GENERATOR_VERSION, "scale": scale.__dict__, "counts": counts,
             "build_seconds": round(build_seconds, 2), "size_bytes": size}, ensure_ascii=False, indent=2),
            encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        work.rename(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Dataset(folder / DB_FILE_NAME, scale, counts, round(build_seconds, 2), size, cached=False)


def build(data_dir: Path, scale: Scale, seed: int = 2026) -> dict[str, int]:
    """Create the database with the migrations, then run every area in one transaction."""
    end = newest_instant(dt.datetime.now(UTC))
    location = resolve(data_dir=data_dir)
    ctx, _ = open_database(location, FixedClock(end), create=True)
    try:
        with ctx.db.engine.begin() as conn:
            # Index pages of a million rows do not fit SQLite's default 2 MB cache: give this connection 512 MB.
            conn.exec_driver_sql("PRAGMA cache_size = -524288")
            b = Builder(conn, scale, random.Random(seed), end=end, start=end - dt.timedelta(days=365 * YEARS))
            for area in AREAS:
                area(b)
            write_audit_chain(b)
            conn.execute(text("ANALYZE"))
    finally:
        ctx.db.dispose()  # the last connection to close folds the WAL back into the file
    return b.counts


def newest_instant(now: dt.datetime) -> dt.datetime:
    """16:00 at the base on the latest day where that is an hour or more before `now`: open on every weekday."""
    local = (now - dt.timedelta(hours=1)).astimezone(BASE_TZ)
    day = local.date() if local.time() >= dt.time(16) else local.date() - dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(16), BASE_TZ).astimezone(UTC)


def check(data_dir: Path) -> list[str]:
    """What `desk check` reports for the database in `data_dir` (empty when everything holds)."""
    from desk.services.checks import CheckService

    location = resolve(data_dir=data_dir)
    ctx, _ = open_database(location, FixedClock(dt.datetime.now(UTC)), create=False)
    try:
        return [f"{v.check}: {v.message}" for v in CheckService(ctx).run()]
    finally:
        ctx.db.dispose()


def working_copy(dataset: Dataset, into: Path) -> Location:
    """A fresh data folder holding a copy of the cached database; benchmarks write only to copies."""
    into.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(dataset.path, into / DB_FILE_NAME)
    return Location(data_dir=into, url="sqlite:///" + str(into / DB_FILE_NAME))
