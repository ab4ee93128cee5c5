"""Services layer: the base (服务基地) — first-start setup, profile, weekly opening hours and closures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exc as sa_exc
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.domain.errors import AlreadySetUp, BaseCodeTaken, NotFound
from desk.domain.hours import (
    DEFAULT_WEEK,
    DayHours,
    check_closure,
    check_timezone,
    check_week,
    clean_address,
    clean_base_code,
    clean_base_name,
)
from desk.domain.staff import (
    COMMAND_LINE,
    Actor,
    Role,
    check_new_password,
    clean_display_name,
    clean_username,
)
from desk.services import audit
from desk.services.auth import actor_of
from desk.services.context import ServiceContext
from desk.services.passwords import hash_password
from desk.storage.models import Closure, OpeningHours, ServiceBase, Staff


@dataclass(frozen=True)
class BaseProfile:
    id: int
    code: str
    name: str
    address: str
    timezone: str
    is_demo: bool
    week: tuple[DayHours, ...]


@dataclass(frozen=True)
class ClosureRow:
    id: int
    start: dt.date
    end: dt.date
    reason: str


@dataclass(frozen=True)
class SetupForm:
    base_name: str
    base_code: str
    address: str
    week: tuple[DayHours, ...]
    admin_username: str
    admin_display_name: str
    password: str
    password_repeat: str


class BaseService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- first start ---------------------------------------------------------------------------------------------

    def needs_setup(self) -> bool:
        with self._ctx.db.read() as s:
            return s.execute(select(Staff.id).where(Staff.active).limit(1)).first() is None

    def setup(self, form: SetupForm) -> Actor:
        """Create the base, its hours and the first administrator in one transaction."""
        name = clean_base_name(form.base_name)
        code = clean_base_code(form.base_code)
        address = clean_address(form.address)
        week = check_week(form.week)
        username = clean_username(form.admin_username)
        display = clean_display_name(form.admin_display_name)
        check_new_password(form.password, form.password_repeat)
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                if s.execute(select(Staff.id).limit(1)).first() is not None:
                    raise AlreadySetUp()
                base = s.execute(select(ServiceBase).where(ServiceBase.code == code)).scalar_one_or_none()
                if base is None:
                    base = ServiceBase(code=code, name=name, address=address, created_at=now)
                    s.add(base)
                    s.flush()
                    _write_week(s, base.id, week)
                    seed_facilities(s, base.id)
                admin = Staff(username=username, display_name=display, role=Role.ADMIN.value,
                              password_hash=hash_password(form.password), created_at=now, last_login_at=now)
                s.add(admin)
                s.flush()
                actor = actor_of(admin)
                audit.record(s, now, actor, "base_set_up", "base", base.id, f"{code} {name}")
                audit.record(s, now, actor, "staff_added", "staff", admin.id, f"{username} (admin)")
                return actor
        except sa_exc.IntegrityError:
            raise AlreadySetUp() from None  # another desk finished the setup first

    def base_codes(self) -> list[str]:
        with self._ctx.db.read() as s:
            return list(s.execute(select(ServiceBase.code).order_by(ServiceBase.id)).scalars())

    def create_base(self, name: str, code: str, address: str = "", *, actor: Actor = COMMAND_LINE) -> BaseProfile:
        """A base with the default opening hours, without staff (`desk init --base-name`)."""
        actor.require(Role.ADMIN, action="create_base")
        clean_name, clean_code, clean_addr = clean_base_name(name), clean_base_code(code), clean_address(address)
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                if s.execute(select(ServiceBase.id).where(ServiceBase.code == clean_code)).first() is not None:
                    raise BaseCodeTaken("base_code", code=clean_code)
                base = ServiceBase(code=clean_code, name=clean_name, address=clean_addr, created_at=now)
                s.add(base)
                s.flush()
                _write_week(s, base.id, DEFAULT_WEEK)
                seed_facilities(s, base.id)
                audit.record(s, now, actor, "base_created", "base", base.id, f"{clean_code} {clean_name}")
                return _profile(s, base)
        except sa_exc.IntegrityError:
            raise BaseCodeTaken("base_code", code=clean_code) from None  # another desk created the same code at the same moment

    # -- profile -------------------------------------------------------------------------------------------------

    def profile(self) -> BaseProfile:
        with self._ctx.db.read() as s:
            return _profile(s, self._base(s))

    def update_profile(self, actor: Actor, name: str, address: str, timezone: str) -> BaseProfile:
        actor.require(Role.ADMIN, action="edit_base")
        clean_name, clean_addr, zone = clean_base_name(name), clean_address(address), check_timezone(timezone)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            base = self._base(s)
            changes = [f"{label}: {old} → {new}" for label, old, new in (
                ("name", base.name, clean_name), ("address", base.address, clean_addr),
                ("timezone", base.timezone, zone)) if old != new]
            base.name, base.address, base.timezone = clean_name, clean_addr, zone
            if changes:
                audit.record(s, now, actor, "base_edited", "base", base.id, "; ".join(changes))
            return _profile(s, base)

    def set_week(self, actor: Actor, days: tuple[DayHours, ...] | list[DayHours]) -> BaseProfile:
        actor.require(Role.ADMIN, action="edit_hours")
        week = check_week(days)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            base = self._base(s)
            before = week_of(s, base.id)
            if before != week:
                _write_week(s, base.id, week)
                audit.record(s, now, actor, "hours_changed", "base", base.id, describe_week(week))
            return _profile(s, base)

    # -- closures ------------------------------------------------------------------------------------------------

    def closures(self, since: dt.date | None = None) -> list[ClosureRow]:
        with self._ctx.db.read() as s:
            base = self._base(s)
            query = select(Closure).where(Closure.base_id == base.id)
            if since is not None:
                query = query.where(Closure.end_date >= since)
            rows = s.execute(query.order_by(Closure.start_date)).scalars()
            return [ClosureRow(c.id, c.start_date, c.end_date, c.reason) for c in rows]

    def add_closure(self, actor: Actor, start: dt.date, end: dt.date, reason: str) -> ClosureRow:
        actor.require(Role.ADMIN, action="edit_closures")
        start, end, text = check_closure(start, end, reason)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            base = self._base(s)
            closure = Closure(base_id=base.id, start_date=start, end_date=end, reason=text, created_at=now)
            s.add(closure)
            s.flush()
            audit.record(s, now, actor, "closure_added", "closure", closure.id, f"{start}–{end} {text}")
            return ClosureRow(closure.id, start, end, text)

    def remove_closure(self, actor: Actor, closure_id: int) -> None:
        actor.require(Role.ADMIN, action="edit_closures")
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            closure = s.get(Closure, closure_id)
            if closure is None:
                raise NotFound(entity="closure", key=closure_id)
            summary = f"{closure.start_date}–{closure.end_date} {closure.reason}"
            s.delete(closure)
            audit.record(s, now, actor, "closure_removed", "closure", closure_id, summary)

    # -- helpers -------------------------------------------------------------------------------------------------

    def _base(self, s: Session) -> ServiceBase:
        return current_base(s, self._ctx.base_code)


def seed_facilities(s: Session, base_id: int) -> int:
    from desk.services.facilities import seed_facilities as seed  # facilities builds on this module

    return seed(s, base_id)


def current_base(s: Session, base_code: str | None) -> ServiceBase:
    """The base this desk works for: the one with `base_code`, or the database's first."""
    query = select(ServiceBase)
    if base_code:
        query = query.where(ServiceBase.code == base_code)
    base = s.execute(query.order_by(ServiceBase.id).limit(1)).scalar_one_or_none()
    if base is None:
        raise NotFound(entity="base", key=base_code or "")
    return base


def week_of(s: Session, base_id: int) -> tuple[DayHours, ...]:
    rows = s.execute(select(OpeningHours).where(OpeningHours.base_id == base_id)).scalars()
    by_day = {r.weekday: DayHours(r.weekday, r.opens, r.closes) for r in rows}
    return tuple(by_day.get(d, DayHours(d, None, None)) for d in range(7))


def _write_week(s: Session, base_id: int, week: tuple[DayHours, ...]) -> None:
    existing = {r.weekday: r for r in s.execute(
        select(OpeningHours).where(OpeningHours.base_id == base_id)).scalars()}
    for day in week:
        row = existing.get(day.weekday)
        if row is None:
            s.add(OpeningHours(base_id=base_id, weekday=day.weekday, opens=day.opens, closes=day.closes))
        else:
            row.opens, row.closes = day.opens, day.closes


def _profile(s: Session, base: ServiceBase) -> BaseProfile:
    return BaseProfile(base.id, base.code, base.name, base.address, base.timezone, base.is_demo,
                       week_of(s, base.id))


def describe_week(week: tuple[DayHours, ...]) -> str:
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    return ", ".join(
        f"{names[d.weekday]} {d.opens:%H:%M}-{d.closes:%H:%M}" if d.opens and d.closes else f"{names[d.weekday]} closed"
        for d in week
    )
