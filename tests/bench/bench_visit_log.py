"""Benchmarks: the visit log on the big data set (200 k people, 1.2 M visits) — the first page of the whole log,
a search by last four digits and by name prefix, each against the same query in raw sqlite3; and the memory of
the real table model after every page of the log has been fetched, against its memory after the first."""

from __future__ import annotations

import gc
import itertools
import os
import resource
import sqlite3
import sys
import time
from pathlib import Path

from dataset import working_copy
from registry import BenchEnv, bench, paired_medians, qt_app

from desk.domain.clock import SystemClock
from desk.services.context import ServiceContext
from desk.services.startup import open_database
from desk.services.visit_log import PAGE_SIZE, VisitFilter, VisitLogService
from desk.storage.location import Location

SEARCHES_PER_RUN = 10  # a search is a few ms: time a batch, report one
TARGETS = 40  # different last-4 values and name prefixes, taken in turn by the work and the floor

# What a page of the log shows, read the cheapest way: one query, the page's rows with person and staff.
FLOOR_PAGE = """
SELECT v.id, v.person_id, p.name, p.phone, v.category, v.purpose, v.party_size, v.platform, v.station_services,
       v.checked_in_at, v.checked_out_at, v.checkout_kind, s.display_name
FROM visit v LEFT JOIN person p ON p.id = v.person_id LEFT JOIN staff s ON s.id = v.staff_id
WHERE {where} ORDER BY v.checked_in_at DESC, v.id DESC LIMIT 101
"""
PEOPLE_BY_LAST4 = "v.person_id IN (SELECT id FROM person WHERE phone_last4 = ?)"
PEOPLE_BY_PREFIX = ("v.person_id IN (SELECT id FROM person WHERE name >= ? AND name < ? "
                    "AND substr(name, 1, ?) = ?)")


def _open(env: BenchEnv, name: str) -> tuple[Location, ServiceContext, sqlite3.Connection]:
    location = working_copy(env.dataset, env.new_folder(name))
    assert location.sqlite_path is not None
    ctx, _ = open_database(location, SystemClock(), create=False)
    return location, ctx, sqlite3.connect(location.sqlite_path)


def _base_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT id FROM service_base ORDER BY id LIMIT 1").fetchone()[0])


@bench("visit_log_first_page", goal_ms=50, order=60)
def visit_log_first_page(env: BenchEnv) -> tuple[float, float]:
    """Opening the log: `VisitLogService.page` of everything, newest first (base, sort keys, rows with person and
    staff) vs the same page as one raw sqlite3 query."""
    _location, ctx, conn = _open(env, "visit_log_first_page")
    try:
        log = VisitLogService(ctx)
        base = _base_id(conn)
        rows = log.page(VisitFilter()).rows
        assert len(rows) == PAGE_SIZE
        return paired_medians(lambda: log.page(VisitFilter()),
                              lambda: conn.execute(FLOOR_PAGE.format(where="v.base_id = ?"), (base,)).fetchall(),
                              env.repeats, warmup=2)
    finally:
        conn.close()
        ctx.db.dispose()


@bench("visit_search_last4", goal_ms=20, order=61)
def visit_search_last4(env: BenchEnv) -> tuple[float, float]:
    """The log searched by the last four digits of a phone (of people who visit), first page, vs the same page
    in raw sqlite3 (people by the last-4 index, their visits by (person_id, time))."""
    _location, ctx, conn = _open(env, "visit_search_last4")
    try:
        log = VisitLogService(ctx)
        base = _base_id(conn)
        targets = [row[0] for row in conn.execute(
            "SELECT DISTINCT p.phone_last4 FROM visit v JOIN person p ON p.id = v.person_id "
            "WHERE p.phone_last4 IS NOT NULL ORDER BY v.id DESC LIMIT ?", (TARGETS,))]
        assert targets, "the data set has no visitors with a phone"
        found = [len(log.page(VisitFilter(text=t)).rows) for t in targets]
        env.note(f"visit_search_last4: {len(targets)} different last-4 values, {min(found)}–{max(found)} rows "
                 f"on the first page")
        work_turns, floor_turns = itertools.cycle(targets), itertools.cycle(targets)
        query = FLOOR_PAGE.format(where=f"v.base_id = ? AND {PEOPLE_BY_LAST4}")

        def work() -> None:
            for _ in range(SEARCHES_PER_RUN):
                log.page(VisitFilter(text=next(work_turns)))

        def floor() -> None:
            for _ in range(SEARCHES_PER_RUN):
                conn.execute(query, (base, next(floor_turns))).fetchall()

        median, floor_ms = paired_medians(work, floor, env.repeats, warmup=1)
        return median / SEARCHES_PER_RUN, floor_ms / SEARCHES_PER_RUN
    finally:
        conn.close()
        ctx.db.dispose()


@bench("visit_search_name_prefix", goal_ms=20, order=62)
def visit_search_name_prefix(env: BenchEnv) -> tuple[float, float]:
    """The log searched by the start of a name as staff type it (surname and the first given character, e.g.
    王建), first page, vs the same page in raw sqlite3. A surname alone is noted separately."""
    _location, ctx, conn = _open(env, "visit_search_name_prefix")
    try:
        log = VisitLogService(ctx)
        base = _base_id(conn)
        names = [row[0] for row in conn.execute(
            "SELECT p.name FROM visit v JOIN person p ON p.id = v.person_id WHERE p.name IS NOT NULL "
            "ORDER BY v.id DESC LIMIT 2000")]
        targets = list(dict.fromkeys(name[:2] for name in names if len(name) >= 2))[:TARGETS]
        surnames = list(dict.fromkeys(name[:1] for name in names))[:TARGETS]
        query = FLOOR_PAGE.format(where=f"v.base_id = ? AND {PEOPLE_BY_PREFIX}")

        def floor_args(prefix: str) -> tuple[object, ...]:
            return (base, prefix, prefix + "\U0010ffff", len(prefix), prefix)

        def timed_batch(prefixes: list[str]) -> tuple[float, float]:
            work_turns, floor_turns = itertools.cycle(prefixes), itertools.cycle(prefixes)

            def work() -> None:
                for _ in range(SEARCHES_PER_RUN):
                    log.page(VisitFilter(text=next(work_turns)))

            def floor() -> None:
                for _ in range(SEARCHES_PER_RUN):
                    conn.execute(query, floor_args(next(floor_turns))).fetchall()

            median, floor_ms = paired_medians(work, floor, env.repeats, warmup=1)
            return median / SEARCHES_PER_RUN, floor_ms / SEARCHES_PER_RUN

        found = [len(log.page(VisitFilter(text=t)).rows) for t in targets]
        one, one_floor = timed_batch(surnames)
        env.note(f"visit_search_name_prefix: {len(targets)} two-character prefixes ({min(found)}–{max(found)} rows "
                 f"on the first page); a surname alone ({len(surnames)} of them): {one:.1f} ms "
                 f"(raw sqlite3 {one_floor:.1f} ms)")
        return timed_batch(targets)
    finally:
        conn.close()
        ctx.db.dispose()


def _rss_mb() -> float:
    """The process's resident memory now (Linux: /proc/self/statm), else its peak (getrusage)."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


@bench("visit_log_scroll_rss_ratio", goal_ratio=1.5, order=63)
def visit_log_scroll_rss_ratio(env: BenchEnv) -> tuple[float, float]:
    """Scrolling the whole log: the page's real table model in a table view (offscreen) fetches every page
    and shows the last row of each; reported as process RSS in MB after all pages (the "median" column) and
    after the first page (the "floor" column), so the ratio is the growth."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    from desk.ui.pages.visit_log import VisitLogModel

    app = qt_app()
    _location, ctx, conn = _open(env, "visit_log_scroll")
    conn.close()
    view = QTableView()
    try:
        model = VisitLogModel(VisitLogService(ctx), view)
        view.setModel(model)
        view.resize(1000, 700)
        view.show()
        model.set_query(VisitFilter())
        app.processEvents()
        gc.collect()
        first = _rss_mb()
        started = time.perf_counter()
        pages = 1
        while model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
            model.index(model.rowCount() - 1, VisitLogModel.NAME).data(Qt.ItemDataRole.DisplayRole)
            pages += 1
            if pages % 200 == 0:
                app.processEvents()
        app.processEvents()
        gc.collect()
        after = _rss_mb()
        seconds = time.perf_counter() - started
        env.note(f"visit_log_scroll_rss_ratio: {model.rowCount():,} rows in {pages:,} pages fetched in {seconds:.1f} s "
                 f"({seconds / pages * 1000:.1f} ms a page); RSS {first:.0f} MB after the first page, "
                 f"{after:.0f} MB after all; rows held in full: {model.cached_rows():,}")
        return after, first
    finally:
        view.hide()
        view.deleteLater()
        app.processEvents()
        ctx.db.dispose()
