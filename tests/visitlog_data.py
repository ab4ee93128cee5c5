"""A small visit log for the visit-log and export tests: people with shared last-4 digits and shared name
prefixes, anonymous head counts, couriers, parties, ties in check-in time, visits on either side of local
midnight, visitors still on site, an automatic check-out and a person whose data was anonymised.

Times are in the base's zone (Asia/Shanghai); the clock ends at START (2026-11-28 10:00 local)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import select

from desk.domain.clock import FixedClock
from desk.domain.people import Category, Platform, Purpose, StationService
from desk.domain.staff import Actor, Role
from desk.services.auth import AuthService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService, PersonForm
from desk.services.retention import RetentionService
from desk.services.staff import StaffService
from desk.services.visits import VisitService
from desk.storage.models import Person, Staff, Visit

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
START = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)
DESK_PASSWORD = "hongse-desk-2026"

# name, phone, category
PEOPLE = {
    "zhangsan": ("张三", "13800001234", Category.RESIDENT),
    "zhangsanfeng": ("张三丰", "13900005678", Category.PARTY_MEMBER),
    "lisi": ("李四", "13700001234", Category.VOLUNTEER),  # the same last four digits as 张三
    "wangwu": ("王五", "", Category.RESIDENT),  # gave no phone
    "ouyang": ("欧阳𠮷祥", "15000009999", Category.MERCHANT_STAFF),
    "zhaoliu": ("赵六", "18600004321", Category.RESIDENT),  # anonymised by the retention rule
}
PHONES = [phone for _name, phone, _category in PEOPLE.values() if phone]


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=ZONE).astimezone(dt.UTC)


@dataclass(frozen=True)
class Spec:
    at: dt.datetime
    who: str  # a key of PEOPLE, "anon:<category>" or "courier:<platform>"
    purpose: Purpose = Purpose.READING
    party: int = 1
    stay: int | None = 60  # minutes; None = still on site
    by_desk: bool = False


SPECS = (
    Spec(local(26, 9, 5), "zhangsan", Purpose.READING, stay=50),
    Spec(local(26, 9, 5), "anon:resident", Purpose.NURSING, party=2, stay=20),  # same instant: id breaks the tie
    Spec(local(26, 9, 5), "courier:meituan", Purpose.REST, stay=15),
    Spec(local(26, 14, 30), "lisi", Purpose.LEGAL_AID, stay=45, by_desk=True),
    Spec(local(26, 23, 50), "wangwu", Purpose.MEETING, party=3, stay=20),  # just before local midnight
    Spec(local(27, 0, 10), "zhangsanfeng", Purpose.MEETING, stay=30),  # just after it
    Spec(local(27, 10, 0), "ouyang", Purpose.CHARGING, stay=None),  # never checked out
    Spec(local(27, 10, 0), "courier:eleme", Purpose.REST, stay=10, by_desk=True),
    Spec(local(27, 16, 40), "zhangsan", Purpose.ENQUIRY, stay=60),
    Spec(local(28, 9, 0), "anon:new_employment", Purpose.REST, stay=None),
    Spec(local(28, 9, 10), "lisi", Purpose.READING, party=2, stay=None, by_desk=True),
    Spec(local(28, 9, 30), "zhangsan", Purpose.READING, stay=20),
    Spec(local(28, 9, 30), "courier:sf", Purpose.REST, stay=None),
)


@dataclass
class Log:
    admin: Actor
    desk: Actor
    person_ids: dict[str, int]
    visit_ids: list[int]  # in SPECS order


def build_log(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> Log:
    StaffService(ctx).add(admin, "lixiaomei", "李晓梅", Role.DESK, DESK_PASSWORD, DESK_PASSWORD)
    desk = AuthService(ctx).login("lixiaomei", DESK_PASSWORD)
    people, visits = PeopleService(ctx), VisitService(ctx)
    ids: dict[str, int] = {}
    for key, (name, phone, category) in PEOPLE.items():
        clock.set(START - dt.timedelta(days=400))
        ids[key] = people.register(admin, PersonForm(name, phone, category)).id
    # 赵六 last came 300 days ago: the purge at the end takes his name and phone, his visit stays.
    clock.set(START - dt.timedelta(days=300))
    old = visits.check_in(admin, ids["zhaoliu"], Purpose.LEGAL_AID)
    visits.check_out(admin, [old.id])

    visit_ids = []
    for spec in SPECS:
        clock.set(spec.at)
        actor = desk if spec.by_desk else admin
        if spec.who.startswith("anon:"):
            row = visits.check_in_anonymous(actor, Category(spec.who[5:]), spec.purpose, spec.party)
        elif spec.who.startswith("courier:"):
            row = visits.check_in_courier(actor, Platform(spec.who[8:]),
                                          StationService.HOT_WATER | StationService.REST)
        else:
            row = visits.check_in(actor, ids[spec.who], spec.purpose, spec.party)
        visit_ids.append(row.id)
        if spec.stay is not None:
            clock.set(spec.at + dt.timedelta(minutes=spec.stay))
            visits.check_out(actor, [row.id])
    # 欧阳𠮷祥 never checked out on the 27th: the closing-time rule closes it; today's three stay on site.
    clock.set(START)
    assert visits.auto_check_out() == 1
    assert RetentionService(ctx).purge(admin).people == 1
    return Log(admin, desk, ids, [old.id, *visit_ids])


@dataclass(frozen=True)
class Raw:
    """A visit as the database holds it, for computing what a page should show."""

    id: int
    person_id: int | None
    name: str | None
    phone: str | None
    category: str
    purpose: str
    party_size: int
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    staff: str

    @property
    def day(self) -> dt.date:
        return self.checked_in_at.astimezone(ZONE).date()


def raw_visits(ctx: ServiceContext) -> list[Raw]:
    with ctx.db.read() as s:
        rows = s.execute(
            select(Visit, Person.name, Person.phone, Staff.display_name)
            .outerjoin(Person, Person.id == Visit.person_id).outerjoin(Staff, Staff.id == Visit.staff_id)
        ).all()
        return [Raw(v.id, v.person_id, name, phone, v.category, v.purpose, v.party_size, v.checked_in_at,
                    v.checked_out_at, staff) for v, name, phone, staff in rows]
