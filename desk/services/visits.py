"""Services layer: visits (到访登记) — check-in of known, new and anonymous visitors and 暖新驿站 couriers, the
on-site list, check-out (one, several, all, and automatically at closing time), corrections."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Connection, Result, bindparam, func, insert, select, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from desk.domain.errors import AlreadyCheckedOut, EndBeforeStart, NotFound, NothingChosen
from desk.domain.people import (
    ALL_STATION_SERVICES,
    Category,
    CheckoutKind,
    Platform,
    Purpose,
    StationService,
    check_party_size,
    mask_phone,
)
from desk.domain.staff import Actor
from desk.services import audit
from desk.services.bases import current_base
from desk.services.context import ServiceContext
from desk.services.facilities import calendar_day
from desk.services.people import PersonForm, clean_form, insert_person, person_by_phone
from desk.storage.models import Person, ServiceBase, Visit
from desk.storage.prepared import Prepared


@dataclass(frozen=True)
class VisitRow:
    id: int
    person_id: int | None
    name: str
    masked_phone: str
    category: Category
    purpose: Purpose
    party_size: int
    platform: Platform | None
    services: StationService
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    checkout_kind: CheckoutKind | None


@dataclass(frozen=True)
class CourierCounts:
    """暖新驿站 visits of one local day: how many per platform and how many used each service."""

    day: dt.date
    platforms: dict[Platform, int]  # every platform, zero included
    services: dict[StationService, int]  # every single service bit, zero included

    @property
    def total(self) -> int:
        return sum(self.platforms.values())


class _Named(Protocol):
    @property
    def name(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class NewVisit:
    """A visit just written, as `record_visit` inserted it (no ORM object to build on the busiest write)."""

    id: int
    base_id: int
    person_id: int | None
    category: str
    purpose: str
    party_size: int
    platform: str | None
    station_services: int
    checked_in_at: dt.datetime
    checked_out_at: None
    checkout_kind: None
    staff_id: int | None
    checkout_staff_id: None


def visit_row(visit: Visit | NewVisit, person: _Named | None) -> VisitRow:
    return VisitRow(
        visit.id, visit.person_id, (person.name or "") if person else "", mask_phone(person.phone if person else None),
        Category(visit.category), Purpose(visit.purpose), visit.party_size,
        Platform(visit.platform) if visit.platform else None, StationService(visit.station_services),
        visit.checked_in_at, visit.checked_out_at,
        CheckoutKind(visit.checkout_kind) if visit.checkout_kind else None,
    )


class VisitService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._base_id: int | None = None

    # -- check-in ------------------------------------------------------------------------------------------------

    def check_in(self, actor: Actor, person_id: int, purpose: Purpose, party_size: int = 1) -> VisitRow:
        size = check_party_size(party_size)
        purpose = Purpose(purpose)
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() as conn:
            found = _PERSON_TO_CHECK_IN.run(conn, {"person_id": person_id}).first()
            if found is None:
                raise NotFound(entity="person", key=person_id)
            if self._base_id is None:  # a base's id never changes: look it up once per service
                self._base_id = conn.execute(select(ServiceBase.id).where(*_base_filter(self._ctx.base_code))
                                             .order_by(ServiceBase.id).limit(1)).scalar_one_or_none()
                if self._base_id is None:
                    raise NotFound(entity="base", key=self._ctx.base_code or "")
            visit = record_visit(conn, self._base_id, actor, now, found.id, Category(found.category), purpose, size)
            return visit_row(visit, found)

    def check_in_new(self, actor: Actor, form: PersonForm, purpose: Purpose, party_size: int = 1) -> VisitRow:
        """Register a new person and check them in, in one transaction. If another desk registered the same
        phone a moment earlier, the visit goes to that person: one person, two visits."""
        clean = clean_form(form)
        size = check_party_size(party_size)
        purpose = Purpose(purpose)
        for _attempt in range(3):
            now = self._ctx.clock.now()
            try:
                with self._ctx.db.write() as s:
                    person = person_by_phone(s, clean.phone) if clean.phone else None
                    if person is None:
                        person = insert_person(s, clean, now)
                        audit.record(s, now, actor, "person_added", "person", person.id, clean.category.value)
                    visit = self._insert(s, actor, now, person, Category(person.category), purpose, size)
                    return visit_row(visit, person)
            except sa_exc.IntegrityError:
                continue  # the phone was registered between our look-up and our insert: look again
        raise RuntimeError("could not register the person after three attempts")

    def check_in_anonymous(self, actor: Actor, category: Category, purpose: Purpose, party_size: int = 1) -> VisitRow:
        size = check_party_size(party_size)
        category, purpose = Category(category), Purpose(purpose)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            return visit_row(self._insert(s, actor, now, None, category, purpose, size), None)

    def check_in_courier(self, actor: Actor, platform: Platform,
                         services: StationService = StationService.NONE) -> VisitRow:
        """暖新驿站: one click per platform, no personal data."""
        platform = Platform(platform)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            visit = self._insert(s, actor, now, None, Category.NEW_EMPLOYMENT, Purpose.REST, 1,
                                 platform=platform, services=StationService(services))
            return visit_row(visit, None)

    def set_services(self, actor: Actor, visit_id: int, services: StationService) -> VisitRow:
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            visit = self._get(s, visit_id)
            visit.station_services = int(StationService(services))
            audit.record(s, now, actor, "visit_services", "visit", visit.id, str(int(services)))
            return visit_row(visit, s.get(Person, visit.person_id) if visit.person_id else None)

    def courier_counts(self, day: dt.date | None = None) -> CourierCounts:
        """Courier visits on the base's local `day` (today if None), per platform and per service."""
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            zone = zoneinfo.ZoneInfo(base.timezone)
            day = day or self._ctx.clock.now().astimezone(zone).date()
            start = dt.datetime.combine(day, dt.time(0, 0), zone)
            end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), zone)
            # One indexed range scan grouped by (platform, service bits): a day has a handful of combinations.
            groups = s.execute(
                select(Visit.platform, Visit.station_services, func.count())
                .where(Visit.base_id == base.id, Visit.checked_in_at >= start, Visit.checked_in_at < end,
                       Visit.platform.is_not(None))
                .group_by(Visit.platform, Visit.station_services)
            ).all()
        platforms = dict.fromkeys(Platform, 0)
        services = dict.fromkeys(ALL_STATION_SERVICES, 0)
        for platform, bits, count in groups:
            platforms[Platform(platform or Platform.OTHER)] += count
            for service in ALL_STATION_SERVICES:
                if bits & service:
                    services[service] += count
        return CourierCounts(day, platforms, services)

    # -- on site and check-out -----------------------------------------------------------------------------------

    def on_site(self) -> list[VisitRow]:
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            rows = s.execute(
                select(Visit, Person).outerjoin(Person, Person.id == Visit.person_id)
                .where(Visit.base_id == base.id, Visit.checked_out_at.is_(None))
                .order_by(Visit.checked_in_at, Visit.id)
            ).all()
            return [visit_row(v, p) for v, p in rows]

    def check_out(self, actor: Actor, visit_ids: list[int] | tuple[int, ...]) -> int:
        """Check out the chosen visits; if any of them had already left, nothing is written."""
        ids = sorted(set(visit_ids))
        if not ids:
            raise NothingChosen()
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            done = _rowcount(s.execute(
                update(Visit).where(Visit.id.in_(ids), Visit.checked_out_at.is_(None))
                .values(checked_out_at=now, checkout_kind=CheckoutKind.MANUAL.value, checkout_staff_id=actor.staff_id)
            ))
            if done != len(ids):
                raise AlreadyCheckedOut(count=len(ids) - done)
            audit.record(s, now, actor, "visits_checked_out", "visit", ids[0] if len(ids) == 1 else "",
                         f"{len(ids)} visit(s)")
            return done

    def check_out_all(self, actor: Actor) -> int:
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            base = current_base(s, self._ctx.base_code)
            done = _rowcount(s.execute(
                update(Visit).where(Visit.base_id == base.id, Visit.checked_out_at.is_(None))
                .values(checked_out_at=now, checkout_kind=CheckoutKind.MANUAL.value, checkout_staff_id=actor.staff_id)
            ))
            if done:
                audit.record(s, now, actor, "visits_checked_out", "visit", "", f"all: {done} visit(s)")
            return int(done)

    def closing_time(self, day: dt.date) -> dt.datetime | None:
        """When the base closes on `day` (its local date), as an instant; None on a closed day."""
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            return _closing_instant(s, base, day)

    def auto_check_out(self) -> int:
        """The closing-time rule, run by an in-app timer: once the base has closed today, everyone still on site
        is checked out at the closing time, marked automatic. Visits of earlier days are closed too."""
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            base = current_base(s, self._ctx.base_code)
            zone = zoneinfo.ZoneInfo(base.timezone)
            today = now.astimezone(zone).date()
            # Locked: the timers of several desks fire at the same closing time, and a desk may be checking
            # someone out by hand; on PostgreSQL a waiting reader re-reads the row and skips it once it is out.
            open_visits = s.execute(
                select(Visit).where(Visit.base_id == base.id, Visit.checked_out_at.is_(None))
                .order_by(Visit.id).with_for_update()
            ).scalars().all()
            closed = 0
            closings: dict[dt.date, dt.datetime | None] = {}
            for visit in open_visits:
                day = visit.checked_in_at.astimezone(zone).date()
                if day not in closings:
                    closings[day] = _closing_instant(s, base, day)
                closing = closings[day]
                if day < today:
                    # Left over from an earlier day: close at that day's closing time or at its end.
                    end = closing or dt.datetime.combine(day, dt.time(23, 59), zone)
                elif closing is not None and now >= closing:
                    end = closing
                else:
                    continue
                visit.checked_out_at = max(end, visit.checked_in_at)
                visit.checkout_kind = CheckoutKind.AUTOMATIC.value
                closed += 1
            if closed:
                audit.record(s, now, None, "visits_auto_checked_out", "visit", "", f"{closed} visit(s)")
            return closed

    # -- corrections ---------------------------------------------------------------------------------------------

    def correct(self, actor: Actor, visit_id: int, purpose: Purpose, checked_out_at: dt.datetime | None) -> VisitRow:
        """Staff fix the purpose or the check-out time of a visit; audited with old and new values."""
        purpose = Purpose(purpose)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            visit = self._get(s, visit_id)
            if checked_out_at is not None:
                if checked_out_at < visit.checked_in_at:
                    raise EndBeforeStart("checked_out_at")
                if checked_out_at > now:
                    raise EndBeforeStart("checked_out_at")  # a check-out cannot be in the future
            changes = []
            if visit.purpose != purpose.value:
                changes.append(f"purpose {visit.purpose} → {purpose.value}")
            if visit.checked_out_at != checked_out_at:
                changes.append(f"checked out {_iso(visit.checked_out_at)} → {_iso(checked_out_at)}")
            visit.purpose = purpose.value
            visit.checked_out_at = checked_out_at
            if checked_out_at is None:
                visit.checkout_kind = None
                visit.checkout_staff_id = None
            elif visit.checkout_kind is None or changes:
                visit.checkout_kind = CheckoutKind.MANUAL.value
                visit.checkout_staff_id = actor.staff_id
            if changes:
                audit.record(s, now, actor, "visit_corrected", "visit", visit.id, "; ".join(changes))
            return visit_row(visit, s.get(Person, visit.person_id) if visit.person_id else None)

    # -- helpers -------------------------------------------------------------------------------------------------

    def _insert(self, s: Session, actor: Actor, now: dt.datetime, person: Person | None, category: Category,
                purpose: Purpose, party_size: int, platform: Platform | None = None,
                services: StationService = StationService.NONE) -> NewVisit:
        base = current_base(s, self._ctx.base_code)
        if person is not None and person.id is None:
            s.flush()  # a person registered in this transaction gets their id
        return record_visit(s, base.id, actor, now, person.id if person else None, category, purpose, party_size,
                            platform, services)

    @staticmethod
    def _get(s: Session, visit_id: int) -> Visit:
        """The visit's row, locked (PostgreSQL; SQLite's write transaction already holds the database): a
        correction compares against what it changes, so another desk's check-out cannot slip in between."""
        visit = s.get(Visit, visit_id, with_for_update=True)
        if visit is None:
            raise NotFound(entity="visit", key=visit_id)
        return visit


# Check-in is the desk's busiest write: its statements are prepared (see storage.prepared).
_INSERT_VISIT = Prepared(insert(Visit).values({column: bindparam(column) for column in (
    "base_id", "person_id", "category", "purpose", "party_size", "platform", "station_services", "checked_in_at",
    "checked_out_at", "checkout_kind", "staff_id", "checkout_staff_id")}).returning(Visit.id))


def _base_filter(base_code: str | None) -> list[ColumnElement[bool]]:
    return [ServiceBase.code == base_code] if base_code else []


_PERSON_TO_CHECK_IN = Prepared(select(Person.id, Person.name, Person.phone, Person.category).where(
    Person.id == bindparam("person_id"), Person.anonymised_at.is_(None)))


def record_visit(s: Session | Connection, base_id: int, actor: Actor, now: dt.datetime, person_id: int | None,
                 category: Category, purpose: Purpose, party_size: int, platform: Platform | None = None,
                 services: StationService = StationService.NONE) -> NewVisit:
    """Insert a check-in with its audit event, inside the caller's transaction (bookings check in this way too).
    The check-in is the desk's most frequent write: one Core INSERT … RETURNING, no unit-of-work flush."""
    values: dict[str, Any] = dict(
        base_id=base_id, person_id=person_id, category=category.value, purpose=purpose.value, party_size=party_size,
        platform=platform.value if platform else None, station_services=int(services), checked_in_at=now,
        checked_out_at=None, checkout_kind=None, staff_id=actor.staff_id, checkout_staff_id=None)
    if isinstance(s, Session):
        if s.new or s.dirty:
            s.flush()  # a person registered in this transaction must exist before their visit
        conn = s.connection()
    else:
        conn = s
    visit_id = _INSERT_VISIT.run(conn, values).one()[0]
    what = platform.value if platform else (category.value if person_id is None else "")
    audit.record(s, now, actor, "visit_checked_in", "visit", visit_id, f"{purpose.value} ×{party_size} {what}".strip())
    return NewVisit(visit_id, **values)


def _closing_instant(s: Session, base: ServiceBase, day: dt.date) -> dt.datetime | None:
    """When the base closes on `day` by the same calendar bookings use (week, closures, holidays, overrides)."""

    open_day = calendar_day(s, base, day)
    if open_day.closes is None:
        return None
    return dt.datetime.combine(day, open_day.closes, zoneinfo.ZoneInfo(base.timezone))


def _rowcount(result: Result[Any]) -> int:
    return int(result.rowcount)  # type: ignore[attr-defined]  # an UPDATE's CursorResult has it


def _iso(value: dt.datetime | None) -> str:
    return value.isoformat(timespec="minutes") if value else "—"
