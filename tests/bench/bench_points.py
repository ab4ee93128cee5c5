"""Benchmarks: 红色积分 on the big data set (500 k ledger entries, 50 k members, a member with 10 000 entries).

`points_spend`: `PointsService.spend` of a member whose balance covers it (key looked up, guarded balance update,
entry and audit event written, committed) against a raw sqlite3 BEGIN IMMEDIATE + guarded UPDATE + INSERT of the
entry + COMMIT with the same pragmas. `member_balance` and `member_ledger_first_page` read a balance and the newest
page of the busiest member's ledger, against the same queries in raw sqlite3. `group_completion`:
`ProjectService.complete_group` of 60 claimed members of one project (a credit, its audit event and the claim's
completion each, in one transaction) against the raw guarded updates, inserts and claim updates in one
transaction."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from dataset import working_copy
from registry import BenchEnv, bench, paired_medians, timed_ms

from desk.domain.audit import event_hash
from desk.domain.clock import SystemClock
from desk.services.auth import AuthService
from desk.services.context import ServiceContext
from desk.services.demo import DEMO_PASSWORD
from desk.services.points import PointsService, new_key
from desk.services.startup import open_database
from desk.storage.engine import BUSY_TIMEOUT_MS
from desk.storage.location import Location

SPENDS_PER_RUN = 20  # one committed spend is a few ms: time a batch, report one
READS_PER_RUN = 50
PAGES_PER_RUN = 10
GROUP = 60
SQLITE_INSTANT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores an instant in SQLite (naive UTC text)
REASON = "兑换：汇上佳超市 满50减10"

FLOOR_SPEND = ("UPDATE member SET balance = balance - ? WHERE id = ? AND balance >= ? RETURNING balance")
FLOOR_ENTRY = ("INSERT INTO points_entry (member_id, amount, kind, reason, ref_kind, ref_id, reverses_id, "
               "balance_after, expires_at, at, staff_id, idem_key) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?)")
# The newest page of a member's ledger with what a row shows (its reversal, the staff's name), the cheapest way.
FLOOR_PAGE = """
SELECT e.id, e.member_id, e.amount, e.kind, e.reason, e.ref_kind, e.ref_id, e.reverses_id, e.balance_after,
       e.expires_at, e.at, e.staff_id, e.idem_key, r.id, s.display_name
FROM points_entry e LEFT JOIN points_entry r ON r.reverses_id = e.id LEFT JOIN staff s ON s.id = e.staff_id
WHERE e.member_id = ? ORDER BY e.id DESC LIMIT 50
"""


def _raw(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the program's pragmas (WAL, synchronous=FULL), autocommit mode."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in (f"busy_timeout = {BUSY_TIMEOUT_MS}", "foreign_keys = ON", "journal_mode = WAL",
                   "synchronous = FULL"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime(SQLITE_INSTANT)


def _open(env: BenchEnv, name: str) -> tuple[Location, ServiceContext, sqlite3.Connection]:
    location = working_copy(env.dataset, env.new_folder(name))
    assert location.sqlite_path is not None
    ctx, _ = open_database(location, SystemClock(), create=False)
    return location, ctx, _raw(location.sqlite_path)


def _members_with(conn: sqlite3.Connection, balance: int) -> list[int]:
    rows = conn.execute("SELECT id FROM member WHERE balance >= ? ORDER BY id", (balance,)).fetchall()
    members = [row[0] for row in rows]
    random.Random(6).shuffle(members)
    return members


@bench("points_spend", goal_ratio=3, order=70)
def points_spend(env: BenchEnv) -> tuple[float, float]:
    """`PointsService.spend` of 1 point of a member with enough balance, committed with its entry and audit event,
    vs raw sqlite3 BEGIN IMMEDIATE + guarded UPDATE ... RETURNING + INSERT of the entry + COMMIT."""
    _location, ctx, conn = _open(env, "points_spend")
    try:
        actor = AuthService(ctx).login("lixiaomei", DEMO_PASSWORD)
        points = PointsService(ctx)
        members = _members_with(conn, 20)
        if len(members) < 2 * SPENDS_PER_RUN:
            raise RuntimeError(f"only {len(members)} members with 20 points or more")
        work_members, floor_members = members[::2], members[1::2]
        turn = {"work": 0, "floor": 0, "same": 0}

        def next_member(pool: list[int], name: str) -> int:
            turn[name] += 1
            return pool[turn[name] % len(pool)]

        def work() -> None:
            for _ in range(SPENDS_PER_RUN):
                points.spend(actor, next_member(work_members, "work"), 1, REASON, new_key())

        def floor() -> None:
            for _ in range(SPENDS_PER_RUN):
                member = next_member(floor_members, "floor")
                conn.execute("BEGIN IMMEDIATE")
                (balance,) = conn.execute(FLOOR_SPEND, (1, member, 1)).fetchone()
                conn.execute(FLOOR_ENTRY, (member, -1, "spend", REASON, "", None, balance,
                                           _stamp(dt.datetime.now(dt.UTC)), actor.staff_id, new_key()))
                conn.execute("COMMIT")

        def same_statements() -> None:
            """What the service sends, in raw sqlite3: where the rest of its time goes is SQLAlchemy."""
            for _ in range(SPENDS_PER_RUN):
                member = next_member(floor_members, "same")
                key = new_key()
                now = dt.datetime.now(dt.UTC)
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("SELECT id, member_id, amount, kind FROM points_entry WHERE idem_key = ?",
                             (key,)).fetchone()
                conn.execute("SELECT key, value FROM setting WHERE key IN (?, ?, ?)",
                             ("points_expiry_days", "points_daily_cap", "points_monthly_cap")).fetchall()
                (balance,) = conn.execute("UPDATE member SET balance = balance + ? WHERE id = ? AND "
                                          "balance + ? >= 0 RETURNING balance", (-1, member, -1)).fetchone()
                entry_id = conn.execute(FLOOR_ENTRY + " RETURNING id", (
                    member, -1, "spend", REASON, "", None, balance, _stamp(now), actor.staff_id, key)).fetchone()[0]
                seq, prev = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
                summary = f"member {member} -1 → {balance}: {REASON}"
                digest = event_hash(prev, seq + 1, now, actor.username, "points_spend", "points_entry",
                                    str(entry_id), summary)
                conn.execute("INSERT INTO audit_event (seq, at, staff_id, actor, action, entity, entity_id, summary, "
                             "prev_hash, hash) VALUES (?, ?, ?, ?, 'points_spend', 'points_entry', ?, ?, ?, ?)",
                             (seq + 1, _stamp(now), actor.staff_id, actor.username, str(entry_id), summary, prev,
                              digest))
                conn.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (seq + 1, digest))
                conn.execute("COMMIT")

        # The commit's fsync is most of the floor and varies with the disk and its load; the processor time of
        # each side says what the program itself costs.
        cpu: dict[str, list[float]] = {"work": [], "floor": []}

        def on_cpu(name: str, fn: Callable[[], None]) -> Callable[[], None]:
            def timed() -> None:
                started = time.process_time()
                fn()
                cpu[name].append((time.process_time() - started) * 1000 / SPENDS_PER_RUN)
            return timed

        stored = conn.execute("SELECT count(*) FROM points_entry").fetchone()[0]
        work_ms, floor_ms = paired_medians(on_cpu("work", work), on_cpu("floor", floor), env.repeats, warmup=1)
        raw_ms = statistics.median(timed_ms(same_statements) for _ in range(env.repeats))
        env.note(f"points_spend: {stored:,} entries stored; the service's statements and commit in raw sqlite3: "
                 f"{raw_ms / SPENDS_PER_RUN:.2f} ms a spend; processor time a spend: service "
                 f"{statistics.median(cpu['work'][1:]):.2f} ms, floor {statistics.median(cpu['floor'][1:]):.2f} ms")
        return work_ms / SPENDS_PER_RUN, floor_ms / SPENDS_PER_RUN
    finally:
        conn.close()
        ctx.db.dispose()


@bench("member_balance", goal_ms=1, order=71)
def member_balance(env: BenchEnv) -> tuple[float, float]:
    """`PointsService.balance` of a member vs `SELECT balance FROM member WHERE id = ?` in raw sqlite3."""
    _location, ctx, conn = _open(env, "member_balance")
    try:
        points = PointsService(ctx)
        members = _members_with(conn, 0)[:1000]

        def work() -> None:
            for i in range(READS_PER_RUN):
                points.balance(members[i])

        def floor() -> None:
            for i in range(READS_PER_RUN):
                conn.execute("SELECT balance FROM member WHERE id = ?", (members[i],)).fetchone()

        work_ms, floor_ms = paired_medians(work, floor, env.repeats, warmup=1)
        return work_ms / READS_PER_RUN, floor_ms / READS_PER_RUN
    finally:
        conn.close()
        ctx.db.dispose()


@bench("member_ledger_first_page", goal_ms=20, order=72)
def member_ledger_first_page(env: BenchEnv) -> tuple[float, float]:
    """`PointsService.ledger` (the newest 50 entries with their reversals and staff names) of the member with the
    most entries vs the same page as one raw sqlite3 query."""
    _location, ctx, conn = _open(env, "member_ledger_first_page")
    try:
        points = PointsService(ctx)
        member, entries = conn.execute("SELECT member_id, count(*) AS n FROM points_entry GROUP BY member_id "
                                       "ORDER BY n DESC LIMIT 1").fetchone()
        page = points.ledger(member)
        assert len(page) == 50 and page == sorted(page, key=lambda e: -e.id)

        def work() -> None:
            for _ in range(PAGES_PER_RUN):
                points.ledger(member)

        def floor() -> None:
            for _ in range(PAGES_PER_RUN):
                conn.execute(FLOOR_PAGE, (member,)).fetchall()

        work_ms, floor_ms = paired_medians(work, floor, env.repeats, warmup=1)
        plan = conn.execute("EXPLAIN QUERY PLAN " + FLOOR_PAGE, (member,)).fetchall()
        env.note(f"member_ledger_first_page: member {member} has {entries:,} entries; plan: "
                 + "; ".join(str(row[-1]) for row in plan))
        return work_ms / PAGES_PER_RUN, floor_ms / PAGES_PER_RUN
    finally:
        conn.close()
        ctx.db.dispose()


def _claimed_projects(conn: sqlite3.Connection, count: int, staff_id: int) -> list[tuple[int, list[int]]]:
    """`count` projects that took place in the last hours, each claimed by 60 members and not yet verified
    (points per hour, at most 3), with their claim ids."""
    rng = random.Random(8)
    members = [row[0] for row in conn.execute("SELECT id FROM member WHERE id > 1 ORDER BY id")]
    now = dt.datetime.now(dt.UTC)
    starts, ends = now - dt.timedelta(hours=3), now - dt.timedelta(hours=1)
    made = []
    conn.execute("BEGIN IMMEDIATE")
    for i in range(count):
        project = conn.execute(
            "INSERT INTO project (base_id, title, kind, description, location, starts_at, ends_at, signup_deadline, "
            "slots, claimed, points, points_per_hour, max_hours, status, created_at, created_by) VALUES "
            "(1, ?, 'volunteer', '', '明华商圈中心广场', ?, ?, ?, ?, ?, NULL, 1, 3, 'closed', ?, ?) RETURNING id",
            (f"商圈环境清洁志愿服务（第 {i + 1} 组）", _stamp(starts), _stamp(ends),
             _stamp(starts - dt.timedelta(days=1)), GROUP, GROUP, _stamp(starts - dt.timedelta(days=7)),
             staff_id)).fetchone()[0]
        claims = [conn.execute(
            "INSERT INTO project_claim (project_id, member_id, state, claimed_at, claimed_by) "
            "VALUES (?, ?, 'claimed', ?, ?) RETURNING id",
            (project, member, _stamp(starts - dt.timedelta(days=2)), staff_id)).fetchone()[0]
            for member in rng.sample(members, GROUP)]
        made.append((project, claims))
    conn.execute("COMMIT")
    return made


@bench("group_completion", goal_ms=100, order=73)
def group_completion(env: BenchEnv) -> tuple[float, float]:
    """`ProjectService.complete_group` of a project's 60 claims (two hours worked each: a guarded balance update,
    an entry and its audit event, the claim completed, all in one transaction) vs raw sqlite3 BEGIN IMMEDIATE +
    60 × (guarded UPDATE ... RETURNING + INSERT of the entry + UPDATE of the claim) + COMMIT."""
    from desk.services.projects import ProjectService

    _location, ctx, conn = _open(env, "group_completion")
    try:
        actor = AuthService(ctx).login("lixiaomei", DEMO_PASSWORD)
        projects = ProjectService(ctx)
        made = _claimed_projects(conn, 2 * (env.repeats + 1), actor.staff_id)
        work_projects, floor_projects = iter(made[::2]), iter(made[1::2])
        results = []

        def work() -> None:
            project, claims = next(work_projects)
            results.append(projects.complete_group(actor, project, dict.fromkeys(claims, 120), new_key()))

        def floor() -> None:
            project, _claims = next(floor_projects)
            stamp = _stamp(dt.datetime.now(dt.UTC))
            conn.execute("BEGIN IMMEDIATE")
            for claim, member in conn.execute("SELECT id, member_id FROM project_claim WHERE project_id = ? "
                                              "ORDER BY member_id", (project,)).fetchall():
                (balance,) = conn.execute("UPDATE member SET balance = balance + ? WHERE id = ? AND "
                                          "balance + ? >= 0 RETURNING balance", (2, member, 2)).fetchone()
                entry = conn.execute(FLOOR_ENTRY + " RETURNING id", (
                    member, 2, "earn", "商圈环境清洁志愿服务", "claim", claim, balance, stamp, actor.staff_id,
                    new_key())).fetchone()[0]
                conn.execute("UPDATE project_claim SET state = 'completed', entry_id = ?, minutes = 120, "
                             "finished_at = ?, finished_by = ? WHERE id = ? AND state = 'claimed'",
                             (entry, stamp, actor.staff_id, claim))
            conn.execute("COMMIT")

        work_ms, floor_ms = paired_medians(work, floor, env.repeats, warmup=1)
        credited = {len(r.credited) for r in results}
        if credited != {GROUP} or any(r.refused for r in results):
            raise RuntimeError(f"the group completions credited {sorted(credited)} claims, {GROUP} expected")
        return work_ms, floor_ms
    finally:
        conn.close()
        ctx.db.dispose()
