"""The visit log on both backends: keyset pages return every visit exactly once in the order of each sort key
and direction (NULL check-out times and nameless visits included), filters by local dates, category, purpose and
free text combine, rows are masked, and the day's register and the export stream read the right days."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event
from visitlog_data import PHONES, START, ZONE, Log, Raw, build_log, local, raw_visits

from desk.domain.clock import FixedClock
from desk.domain.errors import NotFound
from desk.domain.people import Category, CheckoutKind, Platform, Purpose, StationService, mask_phone
from desk.domain.staff import Actor
from desk.services import visit_log as visit_log_module
from desk.services.context import ServiceContext
from desk.services.visit_log import SortKey, VisitFilter, VisitLogService


@pytest.fixture
def log(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> Log:
    return build_log(ctx, admin, clock)


def _key(sort: SortKey) -> Callable[[Raw], tuple[Any, ...]]:
    """The documented order: a NULL sorts after every value (last ascending, first descending)."""
    def key(r: Raw) -> tuple[Any, ...]:
        match sort:
            case SortKey.CHECKED_IN:
                return (0, r.checked_in_at, r.id)
            case SortKey.CHECKED_OUT:
                return (0, r.checked_out_at, r.id) if r.checked_out_at else (1, r.id)
            case SortKey.NAME:
                return (0, r.name, r.person_id, r.checked_in_at, r.id) if r.name else (1, r.checked_in_at, r.id)
            case SortKey.CATEGORY:
                return (0, r.category, r.checked_in_at, r.id)
            case SortKey.PURPOSE:
                return (0, r.purpose, r.checked_in_at, r.id)
            case SortKey.PARTY_SIZE:
                return (0, r.party_size, r.id)
        raise AssertionError(sort)
    return key


def _expected(raws: list[Raw], sort: SortKey = SortKey.CHECKED_IN, descending: bool = True,
              keep: Callable[[Raw], bool] = lambda r: True) -> list[int]:
    return [r.id for r in sorted((r for r in raws if keep(r)), key=_key(sort), reverse=descending)]


def _all_pages(service: VisitLogService, f: VisitFilter, sort: SortKey = SortKey.CHECKED_IN,
               descending: bool = True, limit: int = 100) -> list[int]:
    ids: list[int] = []
    cursor = None
    for _ in range(100):
        page = service.page(f, sort, descending, cursor, limit)
        assert len(page.rows) <= limit
        ids += [row.id for row in page.rows]
        if page.next_cursor is None:
            return ids
        assert len(page.rows) == limit  # a page that says more follows is full
        cursor = page.next_cursor
    raise AssertionError("paging did not end")


# -- paging and sorting --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sort", list(SortKey))
def test_every_visit_once_in_order_for_each_sort(ctx: ServiceContext, log: Log, sort: SortKey) -> None:
    raws = raw_visits(ctx)
    assert any(r.checked_out_at is None for r in raws) and any(r.name is None for r in raws)
    service = VisitLogService(ctx)
    for descending in (False, True):
        expected = _expected(raws, sort, descending)
        assert len(expected) == len(log.visit_ids)
        # Page sizes that end pages inside ties, on segment borders and on the last row.
        for limit in (1, 2, 3, 5, len(expected), len(expected) + 1):
            got = _all_pages(service, VisitFilter(), sort, descending, limit)
            assert got == expected, f"{sort} descending={descending} limit={limit}"


def test_default_order_is_newest_first(ctx: ServiceContext, log: Log) -> None:
    page = VisitLogService(ctx).page(VisitFilter())
    times = [row.checked_in_at for row in page.rows]
    assert times == sorted(times, reverse=True)
    assert page.next_cursor is None and len(page.rows) == len(log.visit_ids)
    # Three visits share 09:05 on the 26th: the newer id comes first.
    tied = [row.id for row in page.rows if row.checked_in_at == local(26, 9, 5)]
    assert tied == sorted(tied, reverse=True) and len(tied) == 3


def test_a_page_continues_after_rows_added_meanwhile(ctx: ServiceContext, log: Log, clock: FixedClock) -> None:
    """A keyset cursor does not shift when a desk checks someone in between two pages (OFFSET would repeat a
    row)."""
    service = VisitLogService(ctx)
    first = service.page(VisitFilter(), limit=4)
    from desk.services.visits import VisitService

    clock.set(START)
    VisitService(ctx).check_in_anonymous(log.admin, Category.RESIDENT, Purpose.READING)
    rest = _all_pages_from(service, first.next_cursor)
    seen = [row.id for row in first.rows] + rest
    assert len(seen) == len(set(seen)) == len(log.visit_ids)


def _all_pages_from(service: VisitLogService, cursor: Any) -> list[int]:
    ids: list[int] = []
    while cursor is not None:
        page = service.page(VisitFilter(), SortKey.CHECKED_IN, True, cursor, 4)
        ids += [row.id for row in page.rows]
        cursor = page.next_cursor
    return ids


def test_pages_are_read_from_indexes_without_sorting_the_table(ctx: ServiceContext, log: Log) -> None:
    """On SQLite, every page query of every sort walks an index in order: no temporary sort of the visits,
    so the millionth row costs what the first does. (Only the few visitors still on site are sorted.)"""
    if ctx.db.dialect != "sqlite":
        pytest.skip("query plans are SQLite's")
    statements: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, params: Any, _context: Any, _many: bool) -> None:
        if "ORDER BY" in statement:
            statements.append((statement, params))

    event.listen(ctx.db.read_engine, "before_cursor_execute", grab)
    try:
        service = VisitLogService(ctx)
        for sort in SortKey:
            for descending in (False, True):
                _all_pages(service, VisitFilter(), sort, descending, limit=2)
        _all_pages(service, VisitFilter(category=Category.RESIDENT), limit=2)
        _all_pages(service, VisitFilter(purpose=Purpose.READING), limit=2)
        _all_pages(service, VisitFilter(text="1234"), limit=2)
    finally:
        event.remove(ctx.db.read_engine, "before_cursor_execute", grab)
    assert ctx.db.location.sqlite_path is not None
    conn = sqlite3.connect(ctx.db.location.sqlite_path)
    try:
        sorted_whole = []
        for statement, params in statements:
            plan = " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + statement, params))
            if "TEMP B-TREE FOR ORDER BY" in plan and "checked_out_at IS NULL" not in statement \
                    and "person_id IN" not in statement:
                sorted_whole.append(plan)
            assert "SCAN visit" not in plan, plan
    finally:
        conn.close()
    assert sorted_whole == []


# -- filters -------------------------------------------------------------------------------------------------------

def test_dates_are_the_bases_local_days(ctx: ServiceContext, log: Log) -> None:
    raws, service = raw_visits(ctx), VisitLogService(ctx)
    the_26th = VisitFilter(from_day=dt.date(2026, 11, 26), to_day=dt.date(2026, 11, 26))
    got = _all_pages(service, the_26th, limit=2)
    assert got == _expected(raws, keep=lambda r: r.day == dt.date(2026, 11, 26))
    # 23:50 on the 26th is 15:50 UTC, 00:10 on the 27th is 16:10 UTC: the same UTC day, different local days.
    names = [row.name for row in service.page(the_26th).rows]
    assert "王五" in names and "张三丰" not in names
    since_27 = _all_pages(service, VisitFilter(from_day=dt.date(2026, 11, 27)))
    assert since_27 == _expected(raws, keep=lambda r: r.day >= dt.date(2026, 11, 27))
    until_27 = _all_pages(service, VisitFilter(to_day=dt.date(2026, 11, 27)))
    assert until_27 == _expected(raws, keep=lambda r: r.day <= dt.date(2026, 11, 27))
    assert service.page(VisitFilter(from_day=dt.date(2026, 11, 29))).rows == ()


@pytest.mark.parametrize(("category", "purpose"), [
    (Category.RESIDENT, None), (Category.NEW_EMPLOYMENT, None), (None, Purpose.READING),
    (None, Purpose.REST), (Category.RESIDENT, Purpose.READING), (Category.VOLUNTEER, Purpose.MEETING),
])
def test_category_and_purpose(ctx: ServiceContext, log: Log, category: Category | None,
                              purpose: Purpose | None) -> None:
    raws, service = raw_visits(ctx), VisitLogService(ctx)
    f = VisitFilter(category=category, purpose=purpose)

    def keep(r: Raw) -> bool:
        return (category is None or r.category == category.value) and (purpose is None or r.purpose == purpose.value)

    for sort in (SortKey.CHECKED_IN, SortKey.CATEGORY, SortKey.NAME):
        assert _all_pages(service, f, sort, True, 2) == _expected(raws, sort, True, keep)
    assert service.count(f) == len(_expected(raws, keep=keep))


@pytest.mark.parametrize(("text", "people"), [
    ("13800001234", {"张三"}),
    ("138 0000 1234", {"张三"}),
    ("+86 138-0000-1234", {"张三"}),
    ("1234", {"张三", "李四"}),
    ("5678", {"张三丰"}),
    ("张三", {"张三", "张三丰"}),
    ("张三丰", {"张三丰"}),
    ("欧阳", {"欧阳𠮷祥"}),
    ("张", {"张三", "张三丰"}),
    ("三", set()),  # a name prefix, not a substring
    ("赵六", set()),  # anonymised: the old name no longer finds him
    ("18600004321", set()),
    ("123456", set()),  # six digits are nothing we can look up
    ("13800001235", set()),
])
def test_text_search(ctx: ServiceContext, log: Log, text: str, people: set[str]) -> None:
    raws, service = raw_visits(ctx), VisitLogService(ctx)
    wanted = {r.person_id for r in raws if r.name in people}
    expected = _expected(raws, keep=lambda r: r.person_id in wanted)
    assert _all_pages(service, VisitFilter(text=text), limit=2) == expected
    assert {row.name for row in service.page(VisitFilter(text=text)).rows} == people
    assert service.count(VisitFilter(text=text)) == len(expected)


def test_search_walks_visits_when_very_many_people_match(ctx: ServiceContext, log: Log,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The other plan (a common surname alone) gives the same rows in the same order."""
    raws, service = raw_visits(ctx), VisitLogService(ctx)
    monkeypatch.setattr(visit_log_module, "MANY_PEOPLE", 1)
    for text, names in (("张", {"张三", "张三丰"}), ("1234", {"张三", "李四"})):
        wanted = {r.person_id for r in raws if r.name in names}
        for sort in (SortKey.CHECKED_IN, SortKey.NAME, SortKey.PURPOSE):
            got = _all_pages(service, VisitFilter(text=text), sort, True, 2)
            assert got == _expected(raws, sort, True, lambda r, w=wanted: r.person_id in w)


def test_filters_combine(ctx: ServiceContext, log: Log) -> None:
    raws, service = raw_visits(ctx), VisitLogService(ctx)
    zhangsan = log.person_ids["zhangsan"]
    f = VisitFilter(from_day=dt.date(2026, 11, 27), to_day=dt.date(2026, 11, 28), purpose=Purpose.READING,
                    category=Category.RESIDENT, text="1234")
    expected = _expected(raws, keep=lambda r: r.person_id == zhangsan and r.purpose == "reading"
                         and r.day >= dt.date(2026, 11, 27))
    assert len(expected) == 1
    assert [row.id for row in service.page(f).rows] == expected
    # Each condition on its own would let more through.
    assert len(service.page(VisitFilter(text="1234")).rows) == 5
    assert service.page(VisitFilter(text="1234", purpose=Purpose.MEETING)).rows == ()
    assert service.count(f) == 1


# -- what a row says -----------------------------------------------------------------------------------------------

def test_rows_are_masked_and_say_who_checked_in(ctx: ServiceContext, log: Log) -> None:
    rows = {row.id: row for row in VisitLogService(ctx).page(VisitFilter()).rows}
    lisi = rows[log.visit_ids[4]]  # SPECS[3]: 李四 on the 26th, by the desk
    assert (lisi.name, lisi.masked_phone, lisi.category, lisi.purpose, lisi.party_size, lisi.staff_name) == (
        "李四", "137****1234", Category.VOLUNTEER, Purpose.LEGAL_AID, 1, "李晓梅")
    assert lisi.checked_out_at == lisi.checked_in_at + dt.timedelta(minutes=45)
    assert lisi.checkout_kind is CheckoutKind.MANUAL
    courier = rows[log.visit_ids[3]]
    assert (courier.name, courier.masked_phone, courier.platform, courier.category) == (
        "", "", Platform.MEITUAN, Category.NEW_EMPLOYMENT)
    assert courier.services == StationService.HOT_WATER | StationService.REST
    anonymous = rows[log.visit_ids[2]]
    assert (anonymous.name, anonymous.party_size, anonymous.person_id) == ("", 2, None)
    assert rows[log.visit_ids[0]].name == "" and rows[log.visit_ids[0]].person_id == log.person_ids["zhaoliu"]
    ouyang = rows[log.visit_ids[7]]
    assert (ouyang.name, ouyang.checkout_kind) == ("欧阳𠮷祥", CheckoutKind.AUTOMATIC)
    on_site = [row for row in rows.values() if row.checked_out_at is None]
    assert len(on_site) == 3 and all(row.checkout_kind is None for row in on_site)
    text = repr(list(rows.values()))
    assert not any(phone in text for phone in PHONES)
    assert re.search(r"1[3-9]\d{9}", text) is None


def test_row_by_id(ctx: ServiceContext, log: Log) -> None:
    service = VisitLogService(ctx)
    assert service.row(log.visit_ids[1]).name == "张三"
    assert [row.id for row in service.rows(log.visit_ids[3:0:-1])] == log.visit_ids[3:0:-1]
    assert service.rows([]) == []
    with pytest.raises(NotFound):
        service.row(999_999)


# -- the register and the export stream ----------------------------------------------------------------------------

def test_day_register_is_the_local_day_in_check_in_order(ctx: ServiceContext, log: Log) -> None:
    rows = VisitLogService(ctx).day_register(dt.date(2026, 11, 26))
    assert [row.id for row in rows] == log.visit_ids[1:6]
    assert [row.name for row in rows] == ["张三", "", "", "李四", "王五"]
    assert all(row.day == dt.date(2026, 11, 26) for row in rows)
    last = rows[-1]
    assert last.checked_in_at.utcoffset() == dt.timedelta(hours=8)  # shown as the base's wall-clock time
    assert (last.checked_in_at.hour, last.checked_in_at.minute, last.party_size) == (23, 50, 3)
    assert (last.checked_out_at is not None and last.checked_out_at.date() == dt.date(2026, 11, 27))
    assert rows[0].staff_name == "王建国" and rows[3].staff_name == "李晓梅"
    assert rows[3].masked_phone == mask_phone("13700001234")
    assert VisitLogService(ctx).day_register(dt.date(2026, 11, 25)) == []


def test_rows_between_streams_the_range(ctx: ServiceContext, log: Log) -> None:
    stream = VisitLogService(ctx).rows_between(dt.date(2026, 11, 27), dt.date(2026, 11, 28))
    assert iter(stream) is stream  # an iterator, not a list held in memory
    rows = list(stream)
    assert [row.id for row in rows] == log.visit_ids[6:]
    assert [row.checked_in_at for row in rows] == sorted(row.checked_in_at for row in rows)
    assert {row.day for row in rows} == {dt.date(2026, 11, 27), dt.date(2026, 11, 28)}
    assert rows[0].checked_in_at == local(27, 0, 10).astimezone(ZONE)
