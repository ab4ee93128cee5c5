"""Services layer: the visit log (到访记录) — every visit of the base, filtered and sorted in SQL and read one
page at a time by keyset (never OFFSET, so the last page of a million rows costs what the first does); the
day's register (台账) and a streaming read of a date range for exports. Phones are always masked here.

Keyset order: each sort key is a tuple of columns ending in the visit id, so the order is total and a page
continues exactly after the last row of the one before. A sort column that may be NULL (check-out time of a
visitor still on site, the name of an anonymous visit) is read in two segments: a NULL counts as greater than
every value, so ascending lists the NULLs last and descending lists them first, on both backends.
"""

from __future__ import annotations

import datetime as dt
import enum
import zoneinfo
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Join, Select, and_, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute, Session

from desk.domain.errors import NotFound
from desk.domain.people import (
    Category,
    CheckoutKind,
    Platform,
    Purpose,
    StationService,
    mask_phone,
    parse_query,
)
from desk.services.bases import current_base
from desk.services.context import ServiceContext
from desk.services.people import matching
from desk.storage.models import Person, ServiceBase, Staff, Visit

PAGE_SIZE = 100
EXPORT_BATCH = 2000
# Above this many people matching a search, the log walks visits in order instead of going through people.
MANY_PEOPLE = 1000


class SortKey(enum.StrEnum):
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"
    NAME = "name"
    CATEGORY = "category"
    PURPOSE = "purpose"
    PARTY_SIZE = "party_size"


@dataclass(frozen=True)
class VisitFilter:
    """What the log shows. Days are the base's local dates, both ends included."""

    from_day: dt.date | None = None
    to_day: dt.date | None = None
    category: Category | None = None
    purpose: Purpose | None = None
    text: str = ""  # a full phone, the last four digits or the start of a name


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: the sort values of the last row shown (ending with its id), and whether
    that row was in the segment without a value for the sort column. Opaque to callers."""

    key: tuple[Any, ...]
    in_nulls: bool = False


@dataclass(frozen=True, slots=True)
class VisitLogRow:
    id: int
    person_id: int | None
    name: str  # "" for an anonymous visit or a person whose data was anonymised
    masked_phone: str
    category: Category
    purpose: Purpose
    party_size: int
    platform: Platform | None
    services: StationService
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    checkout_kind: CheckoutKind | None
    staff_name: str  # who checked the visitor in


@dataclass(frozen=True)
class VisitPage:
    rows: tuple[VisitLogRow, ...]
    next_cursor: Cursor | None  # None on the last page


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One line of the 台账 or of an export: times in the base's zone."""

    id: int
    day: dt.date
    name: str
    masked_phone: str
    category: Category
    platform: Platform | None
    purpose: Purpose
    party_size: int
    services: StationService
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    checkout_kind: CheckoutKind | None
    staff_name: str


# -- the query -------------------------------------------------------------------------------------------------

_COLUMNS = (
    Visit.id.label("id"), Visit.person_id.label("person_id"), Person.name.label("name"),
    Person.phone.label("phone"), Visit.category.label("category"), Visit.purpose.label("purpose"),
    Visit.party_size.label("party_size"), Visit.platform.label("platform"),
    Visit.station_services.label("services"), Visit.checked_in_at.label("checked_in_at"),
    Visit.checked_out_at.label("checked_out_at"), Visit.checkout_kind.label("checkout_kind"),
    Staff.display_name.label("staff_name"),
)


_Order = tuple[tuple[str, QueryableAttribute[Any]], ...]


@dataclass(frozen=True)
class _Segment:
    """One part of a sort: the rows it covers, the columns it orders by (label, column; the last is the visit
    id) and how Person is joined: not at all, "first" (people are read first, in name order), "inner" (the
    planner chooses) or "outer" (to find visits without a name)."""

    where: ColumnElement[bool] | None
    order: _Order
    person: str = ""
    in_nulls: bool = False


def _segments(sort: SortKey, descending: bool, people_first: bool = True) -> list[_Segment]:
    """The segments of a sort in reading order. Each order is served by an index of the visit table (or, for
    names, the person name index and then each person's visits by time), so no page sorts the whole table."""
    by_time = (("checked_in_at", Visit.checked_in_at), ("id", Visit.id))
    if sort is SortKey.CHECKED_IN:
        return [_Segment(None, by_time)]
    if sort in (SortKey.CATEGORY, SortKey.PURPOSE):
        column = Visit.category if sort is SortKey.CATEGORY else Visit.purpose
        return [_Segment(None, ((sort.value, column), *by_time))]
    if sort is SortKey.PARTY_SIZE:
        return [_Segment(None, (("party_size", Visit.party_size), ("id", Visit.id)))]
    if sort is SortKey.CHECKED_OUT:
        values = _Segment(Visit.checked_out_at.is_not(None),
                          (("checked_out_at", Visit.checked_out_at), ("id", Visit.id)))
        # Those still on site in the order they came (ids follow check-in): the check-out index holds them so.
        nulls = _Segment(Visit.checked_out_at.is_(None), (("id", Visit.id),), in_nulls=True)
    else:
        values = _Segment(Person.name.is_not(None), (("name", Person.name), ("pid", Person.id), *by_time),
                          person="first" if people_first else "inner")
        nulls = _Segment(Person.name.is_(None), by_time, person="outer", in_nulls=True)
    return [nulls, values] if descending else [values, nulls]


class _PeopleFirst(Join):
    """person JOIN visit, which SQLite must read in that order (its CROSS JOIN): without statistics
    (a desk database is never ANALYZEd) it would rather scan every visit and sort them by name."""

    inherit_cache = True


@compiles(_PeopleFirst, "sqlite")
def _people_first_sqlite(join: _PeopleFirst, compiler: Any, **kw: Any) -> str:
    return str(compiler.visit_join(join, **kw)).replace(" JOIN ", " CROSS JOIN ", 1)


def _after(order: _Order, key: tuple[Any, ...],
           descending: bool) -> list[ColumnElement[bool]]:
    """Rows strictly after `key` in `order`: (a, b, c) > (x, y, z) spelt out, which every backend understands,
    plus `a >= x` on its own so the index range starts at the cursor instead of being filtered from the top."""
    columns = [column for _label, column in order]

    def beyond(column: QueryableAttribute[Any], value: Any) -> ColumnElement[bool]:
        return column < value if descending else column > value

    alternatives = []
    for i, column in enumerate(columns):
        equal = [columns[j] == key[j] for j in range(i)]
        alternatives.append(and_(*equal, beyond(column, key[i])))
    lead = columns[0] <= key[0] if descending else columns[0] >= key[0]
    return [lead, or_(*alternatives)]


def _keys(segment: _Segment) -> Select[*tuple[Any, ...]]:
    """The sort keys of a segment's rows: a page is found on these alone (narrow rows, often straight from an
    index), then its few rows are read in full by id."""
    columns = (column.label(label) for label, column in segment.order)
    if segment.person == "first":
        return select(*columns).select_from(_PeopleFirst(Person, Visit, Person.id == Visit.person_id))
    query = select(*columns).select_from(Visit)
    if segment.person == "inner":
        query = query.join(Person, Person.id == Visit.person_id)
    elif segment.person == "outer":
        query = query.outerjoin(Person, Person.id == Visit.person_id)
    return query


_ROWS: Select[*tuple[Any, ...]] = (
    select(*_COLUMNS).select_from(Visit).outerjoin(Person, Person.id == Visit.person_id)
    .outerjoin(Staff, Staff.id == Visit.staff_id))


def day_start(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """The instant a local day begins in the base's zone."""
    return dt.datetime.combine(day, dt.time(0, 0), zone)


def _conditions(s: Session, base: ServiceBase, f: VisitFilter, people_first: bool = False,
                ) -> list[ColumnElement[bool]] | None:
    """WHERE clauses of a filter; None when it cannot match anything (e.g. six digits typed). `people_first`:
    visits are read person by person, so their base, category and purpose must not steer SQLite to another
    index for that inner loop (`+ 0`, `|| ''`)."""
    zone = zoneinfo.ZoneInfo(base.timezone)
    where: list[ColumnElement[bool]] = []
    if f.from_day is not None:
        where.append(Visit.checked_in_at >= day_start(f.from_day, zone))
    if f.to_day is not None:
        where.append(Visit.checked_in_at < day_start(f.to_day + dt.timedelta(days=1), zone))
    if f.category is not None:
        where.append((Visit.category + "" if people_first else Visit.category) == Category(f.category).value)
    if f.purpose is not None:
        where.append((Visit.purpose + "" if people_first else Visit.purpose) == Purpose(f.purpose).value)
    query = parse_query(f.text)
    if query.kind != "empty":
        clauses = matching(query)
        if clauses is None:
            return None
        people = select(Person.id).where(*clauses)
        # Few people match (a phone, last four digits, most names): read their visits through the
        # (person_id, time) index and sort those few; `base_id + 0` keeps the planner off the base's indexes,
        # which it would otherwise walk to avoid that small sort. Very many match (a common surname alone):
        # walk the visits in the order shown and keep theirs, which finds a page sooner; `person_id + 0` keeps
        # the planner off the person_id index for that. (A desk database has no planner statistics: the
        # plan is chosen here, not left to guesses.)
        many = s.execute(select(func.count()).select_from(people.limit(MANY_PEOPLE + 1).subquery())).scalar_one()
        if many > MANY_PEOPLE:
            return [Visit.base_id == base.id, *where, (Visit.person_id + 0).in_(people)]
        return [Visit.base_id + 0 == base.id, *where, Visit.person_id.in_(people)]
    return [(Visit.base_id + 0 if people_first else Visit.base_id) == base.id, *where]


# Rows are built thousands at a time (a page, an export): the enum members are looked up, not constructed.
_CATEGORY = {c.value: c for c in Category}
_PURPOSE = {p.value: p for p in Purpose}
_PLATFORM: dict[str | None, Platform | None] = {None: None, **{p.value: p for p in Platform}}
_CHECKOUT: dict[str | None, CheckoutKind | None] = {None: None, **{k.value: k for k in CheckoutKind}}
_SERVICES: dict[int, StationService] = {}


def _services(bits: int) -> StationService:
    found = _SERVICES.get(bits)
    if found is None:
        found = _SERVICES[bits] = StationService(bits)
    return found


def _log_row(row: Any) -> VisitLogRow:
    return VisitLogRow(
        row.id, row.person_id, row.name or "", mask_phone(row.phone), _CATEGORY[row.category], _PURPOSE[row.purpose],
        row.party_size, _PLATFORM[row.platform], _services(row.services), row.checked_in_at, row.checked_out_at,
        _CHECKOUT[row.checkout_kind], row.staff_name or "",
    )


def _register_row(row: Any, zone: dt.tzinfo) -> RegisterRow:
    arrived = row.checked_in_at.astimezone(zone)
    left = row.checked_out_at.astimezone(zone) if row.checked_out_at else None
    return RegisterRow(
        row.id, arrived.date(), row.name or "", mask_phone(row.phone), _CATEGORY[row.category],
        _PLATFORM[row.platform], _PURPOSE[row.purpose], row.party_size, _services(row.services), arrived, left,
        _CHECKOUT[row.checkout_kind], row.staff_name or "",
    )


def register_rows(s: Session, base: ServiceBase, from_day: dt.date, to_day: dt.date) -> Iterator[RegisterRow]:
    """The visits checked in on the local days from `from_day` to `to_day`, in check-in order, streamed in
    batches from the open session (the caller's transaction)."""
    zone = zoneinfo.ZoneInfo(base.timezone)
    query = (_ROWS
             .where(Visit.base_id == base.id, Visit.checked_in_at >= day_start(from_day, zone),
                    Visit.checked_in_at < day_start(to_day + dt.timedelta(days=1), zone))
             .order_by(Visit.checked_in_at, Visit.id)
             .execution_options(yield_per=EXPORT_BATCH))
    for row in s.execute(query):
        yield _register_row(row, zone)


def _rows_by_id(s: Session, visit_ids: Sequence[int]) -> list[VisitLogRow]:
    found = {row.id: _log_row(row) for row in s.execute(_ROWS.where(Visit.id.in_(list(visit_ids))))}
    return [found[i] for i in visit_ids if i in found]


class VisitLogService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def page(self, filter: VisitFilter, sort: SortKey = SortKey.CHECKED_IN, descending: bool = True,
             after: Cursor | None = None, limit: int = PAGE_SIZE) -> VisitPage:
        """Up to `limit` rows after `after` (from the top when None) and the cursor of the next page."""
        sort = SortKey(sort)
        limit = max(1, limit)
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            # Names are walked through the person index only when no date range or search narrows the visits
            # already (those few are then sorted by name).
            people_first = (sort is SortKey.NAME and filter.from_day is None and filter.to_day is None
                            and parse_query(filter.text).kind == "empty")
            where = _conditions(s, base, filter)
            if where is None:
                return VisitPage((), None)
            segments = _segments(sort, descending, people_first)
            start = 0
            if after is not None:
                start = next((i for i, seg in enumerate(segments) if seg.in_nulls == after.in_nulls), 0)
            found: list[tuple[tuple[Any, ...], bool]] = []
            for index in range(start, len(segments)):
                segment = segments[index]
                conditions = _conditions(s, base, filter, people_first=True) if segment.person == "first" else where
                assert conditions is not None
                query = _keys(segment).where(*conditions)
                if segment.where is not None:
                    query = query.where(segment.where)
                if after is not None and index == start:
                    query = query.where(*_after(segment.order, after.key, descending))
                directed = [column.desc() if descending else column.asc() for _label, column in segment.order]
                # One row more than asked for says whether another page follows.
                keys = s.execute(query.order_by(*directed).limit(limit + 1 - len(found))).all()
                found += [(tuple(key), segment.in_nulls) for key in keys]
                if len(found) > limit:
                    break
            shown = found[:limit]
            rows = _rows_by_id(s, [key[-1] for key, _in_nulls in shown])
        cursor = Cursor(*shown[-1]) if len(found) > limit else None
        return VisitPage(tuple(rows), cursor)

    def count(self, filter: VisitFilter) -> int:
        """How many visits the filter matches (for the line above the table; slower than a page)."""
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            where = _conditions(s, base, filter)
            if where is None:
                return 0
            return int(s.execute(select(func.count()).select_from(Visit).where(*where)).scalar_one())

    def rows(self, visit_ids: Sequence[int]) -> list[VisitLogRow]:
        """The rows of these visits in the order given (a table reloading a page it let go); unknown ids are
        left out."""
        if not visit_ids:
            return []
        with self._ctx.db.read() as s:
            return _rows_by_id(s, visit_ids)

    def row(self, visit_id: int) -> VisitLogRow:
        rows = self.rows([visit_id])
        if not rows:
            raise NotFound(entity="visit", key=visit_id)
        return rows[0]

    def day_register(self, day: dt.date) -> list[RegisterRow]:
        """The visits of one local day in check-in order: the 台账."""
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            return list(register_rows(s, base, day, day))

    def rows_between(self, from_day: dt.date, to_day: dt.date) -> Iterator[RegisterRow]:
        """The visits of the local days from `from_day` to `to_day` in check-in order, streamed: one read
        transaction that stays open until the iterator is exhausted or closed."""
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            yield from register_rows(s, base, from_day, to_day)
