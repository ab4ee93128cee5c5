"""Benchmarks: the big data set — one busy base over ten years ("a busy year ×10").

The database is made by the program's own migrations, then each area adds its rows with SQLAlchemy Core bulk
inserts (`insert(table)` with a list of dicts, thousands per execute). An area is one function in `AREAS`; it
may also queue audit events (`Builder.audit`), which `write_audit_chain` sorts by time, hash-chains with the
program's own `event_hash` and inserts last, so `desk check` passes on the result.

A later area (visits, bookings, ledger, vouchers) adds its counts to `Scale`, its function to `AREAS`, and bumps
`GENERATOR_VERSION` so cached databases are rebuilt.

The result is cached under `.bench-cache/<version>-<revision>-<scale>/desk.sqlite3`.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, insert, text, update

from desk.domain.audit import GENESIS, event_hash
from desk.domain.clock import FixedClock
from desk.services.demo import (
    DEMO_ADDRESS,
    DEMO_BASE_CODE,
    DEMO_BASE_NAME,
    DEMO_MERCHANTS,
    DEMO_PASSWORD,
    DEMO_STAFF,
    DEMO_WEEK,
)
from desk.services.passwords import hash_password
from desk.services.startup import open_database
from desk.storage.location import DB_FILE_NAME, Location, resolve
from desk.storage.models import AuditEvent, AuditHead, Closure, Merchant, OpeningHours, ServiceBase, Staff
from desk.storage.probe import HEAD_REVISION

# Bump when any area's generator changes what it writes: it is the cache key.
GENERATOR_VERSION = "g2"
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

    def divided(self, name: str, by: int) -> Scale:
        return replace(self, name=name, staff=max(len(DEMO_STAFF), self.staff // by),
                       merchants=max(len(DEMO_MERCHANTS), self.merchants // by),
                       closures=max(3, self.closures // by), audit_events=self.audit_events // by)


FULL = Scale("full", staff=200, merchants=400, closures=120, audit_events=200_000)
QUICK = FULL.divided("quick", 20)


@dataclass(frozen=True)
class StaffRef:
    id: int
    username: str
    display_name: str
    role: str
    created_at: dt.datetime


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
    for i in range(b.scale.closures):  # one slot of `step` days each, so closures never overlap
        start = first_day + dt.timedelta(days=i * step + b.rng.randrange(max(1, step - 3)))
        end = start + dt.timedelta(days=b.rng.choice((0, 0, 0, 1, 2)))
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


# Order matters: staff refer to merchants; the audit filler comes after every area that queues its own events.
AREAS: list[Callable[[Builder], None]] = [area_base, area_merchants, area_staff, area_audit]


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
    end = dt.datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=1)
    location = resolve(data_dir=data_dir)
    ctx, _ = open_database(location, FixedClock(end), create=True)
    try:
        with ctx.db.engine.begin() as conn:
            b = Builder(conn, scale, random.Random(seed), end=end, start=end - dt.timedelta(days=365 * YEARS))
            for area in AREAS:
                area(b)
            write_audit_chain(b)
            conn.execute(text("ANALYZE"))
    finally:
        ctx.db.dispose()  # the last connection to close folds the WAL back into the file
    return b.counts


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
