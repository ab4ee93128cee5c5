"""Multi-process races for the tests: each job is one desk — its own process and engine on the shared database —
and all start together at a barrier, so the database alone settles who wins."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desk.domain.clock import FixedClock
from desk.domain.errors import DeskError
from desk.domain.staff import Actor
from desk.services.context import ServiceContext
from desk.storage.engine import Database
from desk.storage.location import Location

TIMEOUT_S = 120


def run_desk(url: str, data_dir: str, now: dt.datetime, barrier: Any, results: Any, index: int,
         work: Callable[[ServiceContext, Actor, Any], object], actor: Actor, argument: Any) -> None:
    """One desk: its own engine, then wait for the others, then the work. Reports ok / a DeskError code / a crash."""
    location = Location(data_dir=Path(data_dir), url=url)
    db = Database(location)
    try:
        ctx = ServiceContext(db, FixedClock(now), location)
        with db.read() as s:  # connect before the start line, so the race is about the work only
            s.execute(select(1))
        barrier.wait(timeout=TIMEOUT_S)
        try:
            results.put((index, "ok", repr(work(ctx, actor, argument))))
        except DeskError as error:
            results.put((index, error.code, str(error)))
    except BaseException:
        results.put((index, "crash", traceback.format_exc()))
    finally:
        db.dispose()


def race(ctx: ServiceContext, jobs: list[tuple[Callable[..., object], Actor, Any]]) -> list[tuple[str, str]]:
    """Run the jobs in parallel processes started together; (outcome, detail) per job, in job order."""
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(len(jobs))
    results = spawn.Queue()
    processes = [
        spawn.Process(target=run_desk, args=(ctx.location.url, str(ctx.location.data_dir), ctx.clock.now(), barrier,
                                         results, i, work, actor, argument))
        for i, (work, actor, argument) in enumerate(jobs)
    ]
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
    crashes = [detail for outcome, detail in outcomes.values() if outcome == "crash"]
    assert crashes == [], "\n".join(crashes)
    return [outcomes[i] for i in range(len(jobs))]
