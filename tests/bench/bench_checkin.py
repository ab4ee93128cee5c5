"""Benchmarks: the check-in desk on the big data set (200 k people, 1.2 M visits) — one check-in of a known
person, committed with its audit event, against a raw sqlite3 insert of one visit row and its commit; and the
people search by last four digits and by name prefix against the same indexed query in raw sqlite3."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import statistics
from collections.abc import Callable
from pathlib import Path

from dataset import Dataset, working_copy
from registry import BenchEnv, bench, paired_medians, timed_ms

from desk.domain.audit import event_hash
from desk.domain.clock import SystemClock
from desk.domain.people import Purpose
from desk.services.auth import AuthService
from desk.services.context import ServiceContext
from desk.services.demo import DEMO_PASSWORD
from desk.services.people import PeopleService
from desk.services.startup import open_database
from desk.services.visits import VisitService
from desk.storage.engine import BUSY_TIMEOUT_MS
from desk.storage.location import Location

CHECKINS_PER_RUN = 20  # one committed check-in is a few ms: time a batch, report one
SEARCHES_PER_RUN = 50
NAME_PREFIXES = ("王", "李建", "张", "陈晓", "刘", "欧阳", "黄", "周子", "吴", "赵敏")
# Everything a search row shows, with the person's latest visit: the cheapest form of the service's queries.
FLOOR_SEARCH = """
SELECT p.id, p.name, p.phone, p.category, p.party_branch, p.member_no,
       (SELECT v.purpose FROM visit v WHERE v.person_id = p.id ORDER BY v.checked_in_at DESC LIMIT 1),
       (SELECT v.checked_out_at IS NULL FROM visit v WHERE v.person_id = p.id ORDER BY v.checked_in_at DESC LIMIT 1)
FROM person p WHERE {where} AND p.anonymised_at IS NULL ORDER BY p.name, p.id LIMIT 8
"""


def _raw(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the program's pragmas (WAL, synchronous=FULL), autocommit mode."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in (f"busy_timeout = {BUSY_TIMEOUT_MS}", "foreign_keys = ON", "journal_mode = WAL",
                   "synchronous = FULL"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _open(env: BenchEnv, name: str) -> tuple[Location, ServiceContext]:
    location = working_copy(env.dataset, env.new_folder(name))
    ctx, _ = open_database(location, SystemClock(), create=False)
    return location, ctx


@bench("checkin", goal_ratio=3, order=40)
def checkin(env: BenchEnv) -> tuple[float, float]:
    """`VisitService.check_in` of a registered person (base and person looked up, visit and audit event written,
    committed) vs a raw sqlite3 INSERT of one visit row + COMMIT with the same pragmas, on the same database."""
    location, ctx = _open(env, "checkin")
    assert location.sqlite_path is not None
    conn = _raw(location.sqlite_path)
    try:
        actor = AuthService(ctx).login("lixiaomei", DEMO_PASSWORD)
        visits = VisitService(ctx)
        people = [row[0] for row in conn.execute(
            "SELECT id FROM person WHERE anonymised_at IS NULL ORDER BY random() LIMIT 2000")]
        rng = random.Random(3)
        purposes = list(Purpose)

        def work() -> None:
            for _ in range(CHECKINS_PER_RUN):
                visits.check_in(actor, rng.choice(people), rng.choice(purposes))

        def floor() -> None:
            for _ in range(CHECKINS_PER_RUN):
                now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "INSERT INTO visit (base_id, person_id, category, purpose, party_size, station_services, "
                    "checked_in_at, staff_id) VALUES (1, ?, 'resident', ?, 1, 0, ?, ?)",
                    (rng.choice(people), rng.choice(purposes).value, now, actor.staff_id))
                conn.execute("COMMIT")

        def same_statements() -> None:
            """What the service sends, in raw sqlite3: where the rest of its time goes is SQLAlchemy."""
            for _ in range(CHECKINS_PER_RUN):
                now = dt.datetime.now(dt.UTC)
                stamp = now.replace(tzinfo=None).isoformat(" ", "microseconds")
                purpose = rng.choice(purposes).value
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("SELECT * FROM service_base ORDER BY id LIMIT 1").fetchall()
                (category,) = conn.execute("SELECT category FROM person WHERE id = ?",
                                           (rng.choice(people),)).fetchone()
                visit_id = conn.execute(
                    "INSERT INTO visit (base_id, person_id, category, purpose, party_size, station_services, "
                    "checked_in_at, staff_id) VALUES (1, ?, ?, ?, 1, 0, ?, ?)",
                    (rng.choice(people), category, purpose, stamp, actor.staff_id)).lastrowid
                seq, prev = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
                summary = f"{purpose} ×1"
                digest = event_hash(prev, seq + 1, now, actor.username, "visit_checked_in", "visit", str(visit_id),
                                    summary)
                conn.execute("INSERT INTO audit_event (seq, at, staff_id, actor, action, entity, entity_id, summary, "
                             "prev_hash, hash) VALUES (?, ?, ?, ?, 'visit_checked_in', 'visit', ?, ?, ?, ?)",
                             (seq + 1, stamp, actor.staff_id, actor.username, str(visit_id), summary, prev, digest))
                conn.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (seq + 1, digest))
                conn.execute("COMMIT")

        work_ms, floor_ms = paired_medians(work, floor, env.repeats, warmup=1)
        raw_ms = statistics.median(timed_ms(same_statements) for _ in range(env.repeats))
        env.note(f"checkin: the service's seven statements and commit in raw sqlite3: "
                 f"{raw_ms / CHECKINS_PER_RUN:.2f} ms a check-in")
        return work_ms / CHECKINS_PER_RUN, floor_ms / CHECKINS_PER_RUN
    finally:
        conn.close()
        ctx.db.dispose()


_search_copy: dict[Path, Location] = {}


def _search_location(env: BenchEnv, data: Dataset) -> Location:
    """One working copy for both searches (they only read)."""
    if data.path not in _search_copy:
        _search_copy[data.path] = working_copy(data, env.new_folder("search"))
    return _search_copy[data.path]


def _search_bench(env: BenchEnv, texts: list[str], where: str, parameters: Callable[[str], tuple[str, ...]],
                  name: str) -> tuple[float, float]:
    location = _search_location(env, env.dataset)
    assert location.sqlite_path is not None
    ctx, _ = open_database(location, SystemClock(), create=False)
    conn = _raw(location.sqlite_path)
    people = PeopleService(ctx)
    statement = FLOOR_SEARCH.format(where=where)
    try:
        found = sum(len(people.search(text)) for text in texts)
        env.note(f"{name}: {found / len(texts):.1f} rows per search over {len(texts)} different searches")

        def work() -> None:
            for i in range(SEARCHES_PER_RUN):
                people.search(texts[i % len(texts)])

        def floor() -> None:
            for i in range(SEARCHES_PER_RUN):
                conn.execute(statement, parameters(texts[i % len(texts)])).fetchall()

        work_ms, floor_ms = paired_medians(work, floor, env.repeats, warmup=1)
        return work_ms / SEARCHES_PER_RUN, floor_ms / SEARCHES_PER_RUN
    finally:
        conn.close()
        ctx.db.dispose()


@bench("person_search_last4", goal_ms=20, order=45)
def person_search_last4(env: BenchEnv) -> tuple[float, float]:
    """`PeopleService.search("1234")` (8 rows with their latest visit) vs the same indexed query in raw sqlite3."""
    rng = random.Random(4)
    texts = [f"{rng.randrange(10_000):04d}" for _ in range(SEARCHES_PER_RUN)]
    return _search_bench(env, texts, "p.phone_last4 = ?", lambda text: (text,), "person_search_last4")


@bench("person_search_name_prefix", goal_ms=20, order=46)
def person_search_name_prefix(env: BenchEnv) -> tuple[float, float]:
    """`PeopleService.search("王")` / ("李建", ...) vs the same index range query in raw sqlite3."""
    return _search_bench(env, list(NAME_PREFIXES), "p.name >= ? AND p.name < ?",
                         lambda text: (text, text + "\U0010ffff"), "person_search_name_prefix")
