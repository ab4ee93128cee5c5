"""Services layer: facility administration (admins only) — each facility's booking rules, name, opening hours
(its own or the base's), active or inactive with a reason, its units; custom facilities; the no-show rule and
suspensions; statutory holidays, 调休 days and the base's date overrides.

Every change is checked in the domain first, then written with its audit event in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.domain.booking import ACTIVE_STATES, FacilityKind, Rules
from desk.domain.calendar import (
    ClosureSpan,
    DayKind,
    HolidayLookup,
    OpenDay,
    chinese_holidays,
    open_day,
)
from desk.domain.calendar import DateOverride as Override
from desk.domain.errors import NameTaken, NotFound, UnitHasUpcomingBookings
from desk.domain.facility_rules import (
    NoShowRule,
    check_capacity,
    check_no_show_rule,
    check_override,
    check_rules,
    clean_facility_name,
    clean_inactive_reason,
    clean_unit_name,
)
from desk.domain.hours import DayHours, check_week
from desk.domain.people import mask_phone
from desk.domain.staff import Actor, Role
from desk.services import audit
from desk.services.bases import current_base, describe_week, week_of
from desk.services.bookings import NO_SHOW_LIMIT_SETTING, SUSPENSION_DAYS_SETTING
from desk.services.context import ServiceContext
from desk.services.facilities import facility_week, rules_of
from desk.services.settings import INTEGER_SETTINGS, read_int, write_value
from desk.storage.models import Booking, Closure, Facility, FacilityHours, Person, ServiceBase, Unit
from desk.storage.models import DateOverride as OverrideRow

# What a new custom facility starts with; the administrator edits it afterwards.
CUSTOM_RULES = Rules(slot_minutes=30, min_minutes=30, max_minutes=120, buffer_minutes=0, horizon_days=14,
                     grace_minutes=15, quota_minutes=None, quota_count=None, name_required=True)


@dataclass(frozen=True)
class UnitDetail:
    id: int
    name: str
    capacity: int
    active: bool
    out_of_order_reason: str


@dataclass(frozen=True)
class FacilityDetail:
    id: int
    kind: FacilityKind
    name: str
    rules: Rules
    group_booking: bool
    active: bool
    inactive_reason: str
    own_hours: bool
    week: tuple[DayHours, ...]  # the hours in force: its own, or the base's
    units: tuple[UnitDetail, ...]  # deactivated ones too, after the active ones
    upcoming: int  # active bookings that have not ended yet


@dataclass(frozen=True)
class SuspendedPerson:
    id: int
    name: str
    masked_phone: str
    until: dt.datetime


@dataclass(frozen=True)
class HolidayDay:
    """A statutory holiday or 调休 workday, and what the base does that day with everything applied."""

    day: dt.date
    kind: DayKind  # HOLIDAY or MAKEUP_WORKDAY
    name: str  # the package's English name, e.g. "National Day"
    result: OpenDay  # after closures and overrides


@dataclass(frozen=True)
class HolidayYear:
    year: int
    has_data: bool  # False: chinese-calendar knows nothing of this year; the week alone decides
    days: tuple[HolidayDay, ...]


@dataclass(frozen=True)
class OverrideInfo:
    id: int
    day: dt.date
    opens: dt.time | None  # None = closed
    closes: dt.time | None
    reason: str
    replaces: DayKind  # what the day would be without the override


class FacilityAdminService:
    def __init__(self, ctx: ServiceContext, holidays: HolidayLookup = chinese_holidays) -> None:
        self._ctx = ctx
        self._holidays = holidays

    # -- reading -------------------------------------------------------------------------------------------------

    def facilities(self, actor: Actor) -> list[FacilityDetail]:
        actor.require(Role.ADMIN, action="edit_facilities")
        now = self._ctx.clock.now()
        with self._ctx.db.read() as s:
            base = self._base(s)
            rows = s.execute(select(Facility).where(Facility.base_id == base.id)
                             .order_by(Facility.sort_order, Facility.id)).scalars().all()
            return [_detail(s, f, now) for f in rows]

    def facility(self, actor: Actor, facility_id: int) -> FacilityDetail:
        actor.require(Role.ADMIN, action="edit_facilities")
        with self._ctx.db.read() as s:
            return _detail(s, self._facility(s, facility_id), self._ctx.clock.now())

    # -- facilities ----------------------------------------------------------------------------------------------

    def add_facility(self, actor: Actor, name: str, kind: FacilityKind = FacilityKind.OTHER,
                     first_unit: str = "1") -> FacilityDetail:
        """A facility of the base's own (a 调解室, a 书画室 ...) with default rules and one unit."""
        actor.require(Role.ADMIN, action="edit_facilities")
        clean_name = clean_facility_name(name)
        unit_name = clean_unit_name(first_unit)
        kind = FacilityKind(kind)
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                base = self._base(s)
                self._refuse_facility_name(s, base.id, clean_name, None)
                order = s.execute(select(func.coalesce(func.max(Facility.sort_order), -1))
                                  .where(Facility.base_id == base.id)).scalar_one() + 1
                r = CUSTOM_RULES
                facility = Facility(
                    base_id=base.id, kind=kind.value, name=clean_name, sort_order=order, slot_minutes=r.slot_minutes,
                    min_minutes=r.min_minutes, max_minutes=r.max_minutes, buffer_minutes=r.buffer_minutes,
                    horizon_days=r.horizon_days, grace_minutes=r.grace_minutes, quota_minutes=r.quota_minutes,
                    quota_count=r.quota_count, name_required=r.name_required, group_booking=False)
                s.add(facility)
                s.flush()
                s.add(Unit(facility_id=facility.id, name=unit_name, sort_order=0, capacity=1))
                s.flush()
                audit.record(s, now, actor, "facility_added", "facility", facility.id,
                             f"{clean_name} ({kind.value}), unit {unit_name}")
                return _detail(s, facility, now)
        except sa_exc.IntegrityError:
            raise NameTaken("facility_name", name=clean_name) from None  # another desk added it just now

    def rename_facility(self, actor: Actor, facility_id: int, name: str) -> FacilityDetail:
        actor.require(Role.ADMIN, action="edit_facilities")
        clean_name = clean_facility_name(name)
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                facility = self._facility(s, facility_id, lock=True)
                if facility.name != clean_name:
                    self._refuse_facility_name(s, facility.base_id, clean_name, facility.id)
                    before = facility.name
                    facility.name = clean_name
                    s.flush()
                    audit.record(s, now, actor, "facility_renamed", "facility", facility.id,
                                 f"{before} → {clean_name}")
                return _detail(s, facility, now)
        except sa_exc.IntegrityError:
            raise NameTaken("facility_name", name=clean_name) from None

    def edit_rules(self, actor: Actor, facility_id: int, rules: Rules, group_booking: bool) -> FacilityDetail:
        """New rules apply to bookings made from now on; bookings already made stay as they are."""
        actor.require(Role.ADMIN, action="edit_facilities")
        checked = check_rules(rules)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            facility = self._facility(s, facility_id, lock=True)
            before, group_before = rules_of(facility), facility.group_booking
            changes = [f"{field}: {old} → {new}" for field, old, new in (
                *((name, getattr(before, name), getattr(checked, name)) for name in Rules.__dataclass_fields__),
                ("group_booking", group_before, bool(group_booking))) if old != new]
            if changes:
                facility.slot_minutes = checked.slot_minutes
                facility.min_minutes = checked.min_minutes
                facility.max_minutes = checked.max_minutes
                facility.buffer_minutes = checked.buffer_minutes
                facility.horizon_days = checked.horizon_days
                facility.grace_minutes = checked.grace_minutes
                facility.quota_minutes = checked.quota_minutes
                facility.quota_count = checked.quota_count
                facility.name_required = checked.name_required
                facility.group_booking = bool(group_booking)
                s.flush()
                audit.record(s, now, actor, "facility_rules_changed", "facility", facility.id,
                             f"{facility.name}: " + "; ".join(changes))
            return _detail(s, facility, now)

    def set_hours(self, actor: Actor, facility_id: int, week: Sequence[DayHours] | None) -> FacilityDetail:
        """The facility's own weekly hours, or None to follow the base's week again."""
        actor.require(Role.ADMIN, action="edit_facilities")
        checked = check_week(tuple(week)) if week is not None else None
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            facility = self._facility(s, facility_id, lock=True)
            before = facility_week(s, facility) if facility.own_hours else None
            if checked is None:
                if facility.own_hours:
                    facility.own_hours = False
                    s.flush()
                    audit.record(s, now, actor, "facility_hours_changed", "facility", facility.id,
                                 f"{facility.name}: the base's hours")
                return _detail(s, facility, now)
            if before != checked:
                existing = {r.weekday: r for r in s.execute(
                    select(FacilityHours).where(FacilityHours.facility_id == facility.id)).scalars()}
                for day in checked:
                    row = existing.get(day.weekday)
                    if row is None:
                        s.add(FacilityHours(facility_id=facility.id, weekday=day.weekday, opens=day.opens,
                                            closes=day.closes))
                    else:
                        row.opens, row.closes = day.opens, day.closes
                facility.own_hours = True
                s.flush()
                audit.record(s, now, actor, "facility_hours_changed", "facility", facility.id,
                             f"{facility.name}: {describe_week(checked)}")
            return _detail(s, facility, now)

    def set_active(self, actor: Actor, facility_id: int, active: bool, reason: str = "") -> FacilityDetail:
        """Take a facility out of booking (with the reason staff will see) or back in. Bookings already made are
        kept: the result says how many have not ended, so they can be moved or cancelled."""
        actor.require(Role.ADMIN, action="edit_facilities")
        text = "" if active else clean_inactive_reason(reason)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            facility = self._facility(s, facility_id, lock=True)
            if facility.active != active or facility.inactive_reason != text:
                facility.active = active
                facility.inactive_reason = text
                s.flush()
                audit.record(s, now, actor, "facility_activated" if active else "facility_deactivated", "facility",
                             facility.id, facility.name + ("" if active else f": {text}"))
            return _detail(s, facility, now)

    # -- units ---------------------------------------------------------------------------------------------------

    def add_unit(self, actor: Actor, facility_id: int, name: str, capacity: int = 1) -> FacilityDetail:
        actor.require(Role.ADMIN, action="edit_facilities")
        clean_name = clean_unit_name(name)
        size = check_capacity(capacity)
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                facility = self._facility(s, facility_id, lock=True)
                self._refuse_unit_name(s, facility.id, clean_name, None)
                order = s.execute(select(func.coalesce(func.max(Unit.sort_order), -1))
                                  .where(Unit.facility_id == facility.id)).scalar_one() + 1
                unit = Unit(facility_id=facility.id, name=clean_name, sort_order=order, capacity=size)
                s.add(unit)
                s.flush()
                audit.record(s, now, actor, "unit_added", "unit", unit.id,
                             f"{facility.name} {clean_name} ×{size}")
                return _detail(s, facility, now)
        except sa_exc.IntegrityError:
            raise NameTaken("unit_name", name=clean_name) from None

    def edit_unit(self, actor: Actor, unit_id: int, name: str, capacity: int) -> FacilityDetail:
        """Rename a unit or change how many people it holds (bookings already made keep their party size)."""
        actor.require(Role.ADMIN, action="edit_facilities")
        clean_name = clean_unit_name(name)
        size = check_capacity(capacity)
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                unit, facility = self._unit(s, unit_id)
                changes = []
                if unit.name != clean_name:
                    self._refuse_unit_name(s, facility.id, clean_name, unit.id)
                    changes.append(f"{unit.name} → {clean_name}")
                if unit.capacity != size:
                    changes.append(f"capacity {unit.capacity} → {size}")
                if changes:
                    unit.name, unit.capacity = clean_name, size
                    s.flush()
                    audit.record(s, now, actor, "unit_edited", "unit", unit.id,
                                 f"{facility.name}: " + "; ".join(changes))
                return _detail(s, facility, now)
        except sa_exc.IntegrityError:
            raise NameTaken("unit_name", name=clean_name) from None

    def set_unit_active(self, actor: Actor, unit_id: int, active: bool) -> FacilityDetail:
        """Deactivate a unit (it leaves the boards) or bring it back. A unit with bookings that have not ended is
        not deactivated: they would vanish from the board while people still expect them."""
        actor.require(Role.ADMIN, action="edit_facilities")
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            unit, facility = self._unit(s, unit_id)
            if unit.active == active:
                return _detail(s, facility, now)
            if not active:
                pending = s.execute(select(func.count()).select_from(Booking).where(
                    Booking.unit_id == unit.id, Booking.state.in_([st.value for st in ACTIVE_STATES]),
                    Booking.ends_at > now)).scalar_one()
                if pending:
                    raise UnitHasUpcomingBookings("unit", unit=unit.name, count=pending)
            unit.active = active
            s.flush()
            audit.record(s, now, actor, "unit_activated" if active else "unit_deactivated", "unit", unit.id,
                         f"{facility.name} {unit.name}")
            return _detail(s, facility, now)

    # -- the no-show rule and suspensions ------------------------------------------------------------------------

    def no_show_rule(self) -> NoShowRule:
        with self._ctx.db.read() as s:
            return NoShowRule(read_int(s, NO_SHOW_LIMIT_SETTING), read_int(s, SUSPENSION_DAYS_SETTING))

    def set_no_show_rule(self, actor: Actor, limit: int, suspension_days: int) -> NoShowRule:
        actor.require(Role.ADMIN, action="edit_settings")
        _default, limit_low, limit_high = INTEGER_SETTINGS[NO_SHOW_LIMIT_SETTING]
        _default, days_low, days_high = INTEGER_SETTINGS[SUSPENSION_DAYS_SETTING]
        rule = check_no_show_rule(limit, suspension_days, (limit_low, limit_high), (days_low, days_high))
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            audit.lock_chain(s)  # both keys change together, whichever desk saves last
            before = NoShowRule(read_int(s, NO_SHOW_LIMIT_SETTING), read_int(s, SUSPENSION_DAYS_SETTING))
            if before != rule:
                write_value(s, NO_SHOW_LIMIT_SETTING, rule.limit)
                write_value(s, SUSPENSION_DAYS_SETTING, rule.suspension_days)
                audit.record(s, now, actor, "setting_changed", "setting", "no_show_rule",
                             f"{before.limit} no-shows / {before.suspension_days} days → "
                             f"{rule.limit} no-shows / {rule.suspension_days} days")
            return rule

    def suspended_people(self, actor: Actor) -> list[SuspendedPerson]:
        actor.require(Role.ADMIN, action="edit_facilities")
        now = self._ctx.clock.now()
        with self._ctx.db.read() as s:
            rows = s.execute(select(Person).where(Person.suspended_until > now, Person.anonymised_at.is_(None))
                             .order_by(Person.suspended_until, Person.id)).scalars().all()
            return [SuspendedPerson(p.id, p.name or "", mask_phone(p.phone), p.suspended_until)
                    for p in rows if p.suspended_until is not None]

    def lift_suspension(self, actor: Actor, person_id: int) -> None:
        """End a suspension now. The no-shows before it no longer count towards the next one."""
        actor.require(Role.ADMIN, action="edit_facilities")
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            person = s.execute(select(Person).where(Person.id == person_id).with_for_update()).scalar_one_or_none()
            if person is None:
                raise NotFound(entity="person", key=person_id)
            if person.suspended_until is None or person.suspended_until <= now:
                return
            until = person.suspended_until
            person.suspended_until = now
            s.flush()
            audit.record(s, now, actor, "suspension_lifted", "person", person.id, f"was until {until:%Y-%m-%d %H:%M}Z")

    # -- holidays and date overrides -----------------------------------------------------------------------------

    def holiday_year(self, actor: Actor, year: int) -> HolidayYear:
        """The statutory holidays and 调休 workdays of `year`, each with the base's hours that day after closures
        and overrides."""
        actor.require(Role.ADMIN, action="edit_hours")
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        lookups = {first + dt.timedelta(days=n): self._holidays(first + dt.timedelta(days=n))
                   for n in range((last - first).days + 1)}
        has_data = all(h is not None for h in lookups.values())
        with self._ctx.db.read() as s:
            base = self._base(s)
            week = week_of(s, base.id)
            closures, overrides = _calendar_rows(s, base, first, last)
            days = []
            for day, holiday in lookups.items():
                if holiday is None or not (holiday.is_holiday or holiday.is_makeup_workday):
                    continue
                kind = DayKind.HOLIDAY if holiday.is_holiday else DayKind.MAKEUP_WORKDAY
                result = open_day(day, week, closures, overrides, self._holidays)
                days.append(HolidayDay(day, kind, holiday.name, result))
            return HolidayYear(year, has_data, tuple(days))

    def overrides(self, actor: Actor, year: int | None = None) -> list[OverrideInfo]:
        actor.require(Role.ADMIN, action="edit_hours")
        with self._ctx.db.read() as s:
            base = self._base(s)
            query = select(OverrideRow).where(OverrideRow.base_id == base.id)
            if year is not None:
                query = query.where(OverrideRow.day >= dt.date(year, 1, 1), OverrideRow.day <= dt.date(year, 12, 31))
            rows = s.execute(query.order_by(OverrideRow.day)).scalars().all()
            week = week_of(s, base.id)
            return [self._override_row(s, base, week, row) for row in rows]

    def set_override(self, actor: Actor, day: dt.date, opens: dt.time | None, closes: dt.time | None,
                     reason: str = "") -> OverrideInfo:
        """Open `day` with these hours, or close it (both None), whatever the week, holidays or closures say.
        Setting a date again replaces its override."""
        actor.require(Role.ADMIN, action="edit_hours")
        checked_opens, checked_closes, text = check_override(opens, closes, reason)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            base = self._base(s)
            row = s.execute(select(OverrideRow).where(OverrideRow.base_id == base.id, OverrideRow.day == day)
                            .with_for_update()).scalar_one_or_none()
            if row is None:
                row = OverrideRow(base_id=base.id, day=day, opens=checked_opens, closes=checked_closes, reason=text)
                s.add(row)
            else:
                row.opens, row.closes, row.reason = checked_opens, checked_closes, text
            s.flush()
            hours = f"{checked_opens:%H:%M}-{checked_closes:%H:%M}" if checked_opens and checked_closes else "closed"
            audit.record(s, now, actor, "date_override_set", "date_override", row.id, f"{day} {hours} {text}".strip())
            return self._override_row(s, base, week_of(s, base.id), row)

    def remove_override(self, actor: Actor, day: dt.date) -> None:
        """The date follows the week, closures and holidays again."""
        actor.require(Role.ADMIN, action="edit_hours")
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            base = self._base(s)
            row = s.execute(select(OverrideRow).where(OverrideRow.base_id == base.id, OverrideRow.day == day)
                            ).scalar_one_or_none()
            if row is None:
                raise NotFound(entity="date_override", key=day.isoformat())
            row_id = row.id
            s.delete(row)
            s.flush()
            audit.record(s, now, actor, "date_override_removed", "date_override", row_id, day.isoformat())

    # -- helpers -------------------------------------------------------------------------------------------------

    def _base(self, s: Session) -> ServiceBase:
        return current_base(s, self._ctx.base_code)

    def _facility(self, s: Session, facility_id: int, lock: bool = False) -> Facility:
        query = select(Facility).where(Facility.id == facility_id)
        facility = s.execute(query.with_for_update() if lock else query).scalar_one_or_none()
        if facility is None or facility.base_id != self._base(s).id:
            raise NotFound(entity="facility", key=facility_id)
        return facility

    def _unit(self, s: Session, unit_id: int) -> tuple[Unit, Facility]:
        unit = s.execute(select(Unit).where(Unit.id == unit_id).with_for_update()).scalar_one_or_none()
        if unit is None:
            raise NotFound(entity="unit", key=unit_id)
        return unit, self._facility(s, unit.facility_id)

    @staticmethod
    def _refuse_facility_name(s: Session, base_id: int, name: str, keep: int | None) -> None:
        query = select(Facility.id).where(Facility.base_id == base_id, Facility.name == name)
        if keep is not None:
            query = query.where(Facility.id != keep)
        if s.execute(query.limit(1)).first() is not None:
            raise NameTaken("facility_name", name=name)

    @staticmethod
    def _refuse_unit_name(s: Session, facility_id: int, name: str, keep: int | None) -> None:
        query = select(Unit.id).where(Unit.facility_id == facility_id, Unit.name == name)
        if keep is not None:
            query = query.where(Unit.id != keep)
        if s.execute(query.limit(1)).first() is not None:
            raise NameTaken("unit_name", name=name)

    def _override_row(self, s: Session, base: ServiceBase, week: tuple[DayHours, ...],
                      row: OverrideRow) -> OverrideInfo:
        closures, _ = _calendar_rows(s, base, row.day, row.day)
        underneath = open_day(row.day, week, closures, (), self._holidays)
        return OverrideInfo(row.id, row.day, row.opens, row.closes, row.reason, underneath.kind)


def _calendar_rows(s: Session, base: ServiceBase, first: dt.date,
                   last: dt.date) -> tuple[list[ClosureSpan], list[Override]]:
    closures = [ClosureSpan(c.start_date, c.end_date, c.reason) for c in s.execute(
        select(Closure).where(Closure.base_id == base.id, Closure.start_date <= last, Closure.end_date >= first)
    ).scalars()]
    overrides = [Override(o.day, o.opens, o.closes, o.reason) for o in s.execute(
        select(OverrideRow).where(OverrideRow.base_id == base.id, OverrideRow.day >= first, OverrideRow.day <= last)
    ).scalars()]
    return closures, overrides


def _detail(s: Session, facility: Facility, now: dt.datetime) -> FacilityDetail:
    units = s.execute(select(Unit).where(Unit.facility_id == facility.id)
                      .order_by(Unit.active.desc(), Unit.sort_order, Unit.id)).scalars().all()
    upcoming = s.execute(
        select(func.count()).select_from(Booking).join(Unit, Unit.id == Booking.unit_id).where(
            Unit.facility_id == facility.id, Booking.state.in_([st.value for st in ACTIVE_STATES]),
            Booking.ends_at > now)
    ).scalar_one()
    return FacilityDetail(
        facility.id, FacilityKind(facility.kind), facility.name, rules_of(facility), facility.group_booking,
        facility.active, facility.inactive_reason, facility.own_hours, facility_week(s, facility),
        tuple(UnitDetail(u.id, u.name, u.capacity, u.active, u.out_of_order_reason) for u in units), upcoming)
