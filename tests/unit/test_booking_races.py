"""Eight desks booking at the same second, on both backends: separate processes (spawned), each with its own
Database from the URL, released together by a barrier. The database settles every race: one winner for one slot,
no overlap for overlapping requests, no quota passed twice, and an unbroken audit chain."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from booking_fixtures import TODAY, at, person, unit_id
from sqlalchemy import select

from desk.domain.booking import ACTIVE_STATES, FacilityKind, overlaps
from desk.domain.clock import FixedClock
from desk.domain.errors import DeskError
from desk.domain.staff import Actor
from desk.services.audit import verify_chain
from desk.services.bookings import BookingService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.storage.engine import Database
from desk.storage.location import Location
from desk.storage.models import Booking

PROCESSES = 8
START = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)
TIMEOUT_S = 120


def _book(url: str, data_dir: str, barrier: Any, results: Any, index: int, actor: Actor,
          job: tuple[int, int, dt.datetime, dt.datetime]) -> None:
    """One desk: its own engine, connected before the start line, then one booking."""
    unit, who, start, end = job
    location = Location(data_dir=Path(data_dir), url=url)
    db = Database(location)
    try:
        ctx = ServiceContext(db, FixedClock(START), location)
        with db.read() as s:
            s.execute(select(1))
        barrier.wait(timeout=TIMEOUT_S)
        try:
            row = BookingService(ctx).book(actor, unit, start, end, who)
            results.put((index, "ok", row.id))
        except DeskError as error:
            results.put((index, error.code, str(error)))
    except BaseException:
        results.put((index, "crash", traceback.format_exc()))
    finally:
        db.dispose()


def _race(ctx: ServiceContext, actor: Actor, jobs: list[tuple[int, int, dt.datetime, dt.datetime]]
          ) -> list[tuple[str, object]]:
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(len(jobs))
    results = spawn.Queue()
    processes = [spawn.Process(target=_book, args=(ctx.location.url, str(ctx.location.data_dir), barrier, results,
                                                   i, actor, job)) for i, job in enumerate(jobs)]
    for process in processes:
        process.start()
    try:
        outcomes = {i: (outcome, detail) for i, outcome, detail in
                    (results.get(timeout=TIMEOUT_S) for _ in processes)}
    finally:
        for process in processes:
            process.join(timeout=TIMEOUT_S)
            if process.is_alive():
                process.kill()
    crashes = [str(detail) for outcome, detail in outcomes.values() if outcome == "crash"]
    assert crashes == [], "\n".join(crashes)
    return [outcomes[i] for i in range(len(jobs))]


def _active(ctx: ServiceContext, unit: int) -> list[tuple[int, dt.datetime, dt.datetime, int | None]]:
    with ctx.db.read() as s:
        return [tuple(r) for r in s.execute(  # type: ignore[misc]
            select(Booking.id, Booking.starts_at, Booking.ends_at, Booking.person_id)
            .where(Booking.unit_id == unit, Booking.state.in_([st.value for st in ACTIVE_STATES]))
            .order_by(Booking.starts_at))]


def _assert_consistent(ctx: ServiceContext) -> None:
    with ctx.db.read() as s:
        assert verify_chain(s) == []
    assert CheckService(ctx).run() == []


def test_eight_desks_book_the_same_unit_and_time(ctx: ServiceContext, admin: Actor) -> None:
    seat = unit_id(ctx, FacilityKind.READING_ROOM)
    people = [person(ctx, admin, f"预约人{i}") for i in range(PROCESSES)]
    outcomes = _race(ctx, admin, [(seat, who, at(TODAY, 14), at(TODAY, 16)) for who in people])

    assert Counter(outcome for outcome, _ in outcomes) == {"ok": 1, "slot_taken": PROCESSES - 1}
    winner = next(i for i, (outcome, _) in enumerate(outcomes) if outcome == "ok")
    booked = _active(ctx, seat)
    assert [(b[0], b[3]) for b in booked] == [(outcomes[winner][1], people[winner])]
    assert all("end='16:00', start='14:00', unit='A1'" in str(detail) for outcome, detail in outcomes
               if outcome != "ok")
    _assert_consistent(ctx)


def test_eight_desks_book_overlapping_ranges_of_one_unit(ctx: ServiceContext, admin: Actor) -> None:
    room = unit_id(ctx, FacilityKind.ACTIVITY_ROOM)  # with 30 minutes' buffer between bookings
    people = [person(ctx, admin, f"预约人{i}") for i in range(PROCESSES)]
    day = TODAY + dt.timedelta(days=1)
    jobs = [(room, who, at(day, 10) + dt.timedelta(minutes=30 * i), at(day, 11, 30) + dt.timedelta(minutes=30 * i))
            for i, who in enumerate(people)]
    outcomes = _race(ctx, admin, jobs)

    assert {outcome for outcome, _ in outcomes} <= {"ok", "slot_taken"}
    booked = _active(ctx, room)
    # Requests four or more apart do not clash: whatever the order, two of them are placed.
    assert len(booked) == sum(outcome == "ok" for outcome, _ in outcomes) == 2
    buffer = dt.timedelta(minutes=30)
    for i, (_id, start, end, _who) in enumerate(booked):
        for _other, other_start, other_end, _ in booked[i + 1:]:
            assert not overlaps(start, end, other_start, other_end, buffer)
    _assert_consistent(ctx)


def test_eight_desks_book_one_person_on_eight_ports(ctx: ServiceContext, admin: Actor) -> None:
    """The daily quota spans the facility's units: two sessions a day, however many desks try at once."""
    ports = [unit_id(ctx, FacilityKind.EBIKE_CHARGING, i) for i in range(PROCESSES)]
    who = person(ctx, admin, "外卖骑手")
    outcomes = _race(ctx, admin, [(port, who, at(TODAY, 14), at(TODAY, 15)) for port in ports])

    assert Counter(outcome for outcome, _ in outcomes) == {"ok": 2, "daily_quota_exceeded": PROCESSES - 2}
    assert sum(len(_active(ctx, port)) for port in ports) == 2
    _assert_consistent(ctx)
