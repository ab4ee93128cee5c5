"""A property of the booking services (Hypothesis): whatever sequence of book / use now / cancel / check in /
complete / extend / no-show sweep happens on a few units while the clock moves forward, no two active bookings of
one unit ever overlap (the `desk check` invariant finds none), and on the activity room the buffer between them
holds too.

Each example runs on a fresh copy of one small SQLite file (migrated, set up, four people), so examples are fast
and independent."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desk.domain.booking import ACTIVE_STATES, FacilityKind
from desk.domain.clock import FixedClock
from desk.domain.errors import DeskError
from desk.domain.hours import DEFAULT_WEEK
from desk.domain.people import Category
from desk.domain.staff import Actor
from desk.services.bases import BaseService, SetupForm
from desk.services.bookings import BookingService, _no_overlapping_bookings
from desk.services.context import ServiceContext
from desk.services.facilities import FacilityService
from desk.services.people import PeopleService, PersonForm
from desk.services.startup import open_database
from desk.storage.engine import Database
from desk.storage.location import Location
from desk.storage.models import Booking

START = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)  # Saturday 10:00 at the base
PASSWORD = "correct-horse-1"


@dataclass(frozen=True)
class Template:
    path: Path
    actor: Actor
    units: tuple[int, ...]  # two reading-room seats, the activity room (30 minutes' buffer), a 母婴室
    buffered: int
    people: tuple[int, ...]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Template]:
    folder = tmp_path_factory.mktemp("template")
    location = Location(data_dir=folder, url=f"sqlite:///{folder / 'desk.sqlite3'}")
    ctx, _ = open_database(location, FixedClock(START), create=True)
    try:
        actor = BaseService(ctx).setup(SetupForm("明华红色港湾", "MH", "", DEFAULT_WEEK, "admin", "王建国",
                                                 PASSWORD, PASSWORD))
        people = tuple(PeopleService(ctx).register(actor, PersonForm(name, f"1380000000{i}", Category.RESIDENT)).id
                       for i, name in enumerate(("张伟", "王芳", "李明", "赵敏")))
        by_kind = {f.kind: f for f in FacilityService(ctx).catalogue()}
        reading = by_kind[FacilityKind.READING_ROOM].units
        room = by_kind[FacilityKind.ACTIVITY_ROOM].units[0].id
        units = (reading[0].id, reading[1].id, room, by_kind[FacilityKind.NURSING_ROOM].units[0].id)
    finally:
        ctx.db.dispose()  # the last connection folds the WAL into the file: one file to copy
    yield Template(folder / "desk.sqlite3", actor, units, room, people)


# -- operations -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Book:
    unit: int  # index into Template.units
    person: int  # index into Template.people; 4 = anonymous
    day: int  # days after the clock's day
    slot: int  # half hours after 09:00 (some fall outside the hours on purpose)
    length: int  # half hours


@dataclass(frozen=True)
class UseNow:
    unit: int
    person: int
    minutes: int


@dataclass(frozen=True)
class Change:
    action: str  # cancel, check_in, complete, extend
    pick: int  # which booking made so far (modulo their number)
    minutes: int = 0  # for extend


@dataclass(frozen=True)
class Sweep:
    pass


@dataclass(frozen=True)
class Advance:
    minutes: int


Operation = Book | UseNow | Change | Sweep | Advance
UNITS = st.sampled_from([0, 1, 2, 2, 2, 3])  # the buffered activity room most often
PEOPLE = st.integers(0, 4)
BOOK = st.builds(Book, UNITS, PEOPLE, st.integers(0, 1), st.integers(-2, 26),
                 st.one_of(st.integers(1, 4), st.integers(1, 9)))  # mostly lengths every facility allows
operations: st.SearchStrategy[Operation] = st.one_of(
    BOOK, BOOK, BOOK,  # placing is what can go wrong: make it common
    st.builds(UseNow, UNITS, PEOPLE, st.sampled_from([15, 30, 45, 60, 120])),
    st.builds(Change, st.sampled_from(["cancel", "check_in", "complete"]), st.integers(0, 30)),
    st.builds(Change, st.just("extend"), st.integers(0, 30), st.sampled_from([15, 30, 60, 90])),
    st.builds(Sweep),
    st.builds(Advance, st.integers(1, 3 * 60)),
)
ZONE = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai


def _apply(op: Operation, bookings: BookingService, clock: FixedClock, t: Template, made: list[int]) -> None:
    def who(index: int) -> int | None:
        return None if index == len(t.people) else t.people[index]

    match op:
        case Book():
            day = clock.now().astimezone(ZONE).date() + dt.timedelta(days=op.day)
            start = dt.datetime.combine(day, dt.time(9), ZONE) + dt.timedelta(minutes=30 * op.slot)
            end = start + dt.timedelta(minutes=30 * op.length)
            made.append(bookings.book(t.actor, t.units[op.unit], start, end, who(op.person)).id)
        case UseNow():
            made.append(bookings.use_now(t.actor, t.units[op.unit], op.minutes, who(op.person)).id)
        case Sweep():
            bookings.sweep_no_shows()
        case Advance():
            clock.advance(minutes=op.minutes)
        case Change() if made:
            target = made[op.pick % len(made)]
            if op.action == "cancel":
                bookings.cancel(t.actor, target, "临时有事")
            elif op.action == "check_in":
                bookings.check_in(t.actor, target)
            elif op.action == "complete":
                bookings.complete(t.actor, target)
            else:
                bookings.extend(t.actor, target, op.minutes)


def _assert_no_overlap(ctx: ServiceContext, buffered: int) -> None:
    with ctx.db.read() as s:
        assert _no_overlapping_bookings(s) == []
        room = s.execute(select(Booking.starts_at, Booking.ends_at).where(
            Booking.unit_id == buffered, Booking.state.in_([st.value for st in ACTIVE_STATES]))
            .order_by(Booking.starts_at)).all()
    for (_, first_end), (second_start, _) in itertools.pairwise(room):
        assert second_start >= first_end + dt.timedelta(minutes=30)


@settings(max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operations, min_size=5, max_size=50))
def test_no_two_active_bookings_of_a_unit_ever_overlap(template: Template, ops: list[Operation]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="desk-property-"))
    try:
        shutil.copyfile(template.path, folder / "desk.sqlite3")
        location = Location(data_dir=folder, url=f"sqlite:///{folder / 'desk.sqlite3'}")
        clock = FixedClock(START)
        db = Database(location)
        try:
            ctx = ServiceContext(db, clock, location)
            bookings = BookingService(ctx)
            made: list[int] = []
            for op in ops:
                try:
                    _apply(op, bookings, clock, template, made)
                except DeskError as refusal:
                    event(f"refused: {refusal.code}")  # a fine outcome; what matters is what it leaves behind
                _assert_no_overlap(ctx, template.buffered)
            event(f"bookings placed: {min(len(made), 10)}{'+' if len(made) >= 10 else ''}")
        finally:
            db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
