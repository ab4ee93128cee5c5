"""Services layer: `desk init --demo` — realistic, clearly labelled demo data for every area that exists.

The demo base is flagged `is_demo`, which the window title shows. Logins are listed in the README.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import select

from desk.domain.hours import DayHours
from desk.domain.staff import COMMAND_LINE, Role
from desk.services import audit
from desk.services.context import ServiceContext
from desk.services.passwords import hash_password
from desk.storage.models import Closure, Merchant, OpeningHours, ServiceBase, Staff

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


@dataclass(frozen=True)
class DemoSummary:
    base_code: str
    staff: int
    merchants: int
    closures: int


def seed_demo(ctx: ServiceContext, seed: int = 7) -> DemoSummary:
    """Fill an empty database with a demo base. Refuses a database that already has staff."""
    rng = random.Random(seed)
    now = ctx.clock.now()
    with ctx.db.write() as s:
        if s.execute(select(Staff.id).limit(1)).first() is not None:
            from desk.domain.errors import AlreadySetUp

            raise AlreadySetUp()
        base = ServiceBase(code=DEMO_BASE_CODE, name=DEMO_BASE_NAME, address=DEMO_ADDRESS, is_demo=True,
                           created_at=now - dt.timedelta(days=120))
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
        for username, display, role, merchant_name in DEMO_STAFF:
            staff = Staff(username=username, display_name=display, role=role.value,
                          merchant_id=merchants[merchant_name].id if merchant_name else None,
                          password_hash=password_hash, created_at=now - dt.timedelta(days=rng.randint(60, 120)))
            s.add(staff)
        today = now.date()
        closures = [
            (today - dt.timedelta(days=40), today - dt.timedelta(days=39), "消防设施年检"),
            (today + dt.timedelta(days=12), today + dt.timedelta(days=12), "场地线路改造"),
            (dt.date(today.year, 12, 31), dt.date(today.year, 12, 31), "年终盘点"),
        ]
        for start, end, reason in closures:
            s.add(Closure(base_id=base.id, start_date=start, end_date=end, reason=reason, created_at=now))
        s.flush()
        audit.record(s, now, COMMAND_LINE, "demo_seeded", "base", base.id, "demo data")
    return DemoSummary(DEMO_BASE_CODE, len(DEMO_STAFF), len(DEMO_MERCHANTS), len(closures))
