"""Services layer: the figures of a period (统计报表) for one base — who came (visits and 人次 by category, purpose,
local day and hour of day), the 暖新驿站 by platform, facility use (hours booked ÷ hours open, the week's heat map,
no-shows, charging sessions), the service projects held, the points ledger and the vouchers by merchant — and the
monthly report written as a PDF or an Excel workbook, audited (`report_exported`).

All figures of a report are read in one read transaction (repeatable read on PostgreSQL, so every table is seen at
the same moment) by a few grouped statements; Python only rolls up their grouped rows, never a big table's rows.
What a day adds to the visits, bookings and ledger figures is kept once the day is over (`report_days`), so a
long period mostly reads its kept days; 服务人数, the projects and the vouchers are counted over the period.

What the figures count:
- Visits: those checked in on one of the period's local days. 人次 is the sum of party sizes. 服务人数 is the
  number of different registered people among them: anonymous head counts and couriers have no person and are
  left out of it.
- Local days and hours are the base's zone; a change of offset (daylight saving) still puts every visit on its
  own wall-clock hour (see `report_days`).
- Facility utilisation = hours booked ÷ hours open. Hours booked: the bookings booked, checked in or completed (a
  completed booking ends when it was completed), clipped to the period. Hours open: each day's opening hours as the
  booking calendar sees them (the base's week or the facility's own, closures, statutory holidays, 调休, overrides)
  × the facility's active units. The heat map is the hours booked of all facilities by local weekday and hour.
- 预约次数: bookings starting in the period that were not cancelled. No-show rate: no-shows ÷ bookings that were due
  (checked in, completed or no-show) among those.
- Charging sessions: bookings of an e-bike pile or a phone socket starting in the period that were checked in or
  completed; the average duration runs from check-in to completion, over the completed ones.
- Projects held: the base's projects starting in the period, their claims that hold a slot (claimed, completed,
  absent) and their completions.
- Points: ledger entries dated in the period, of members whose home base (where they joined) is this base —
  entries carry no base of their own.
- Vouchers issued at this base, by merchant: issued, redeemed, voided and expired in the period (each by the
  moment it happened), with their points and face value; the rewards most issued.

A district-wide report (every base at once) is not offered: each base has its own zone and calendar, so it would
be a sum of per-base reports, and a district office can add up the bases' workbooks.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from desk.domain.booking import BookingState, FacilityKind
from desk.domain.calendar import ClosureSpan, DateOverride, chinese_holidays, open_day
from desk.domain.errors import DatabaseLocked, DatabaseReadOnly
from desk.domain.hours import DayHours
from desk.domain.people import ALL_STATION_SERVICES, Category, Platform, Purpose
from desk.domain.periods import Period
from desk.domain.points import ClaimState, EntryKind, ProjectKind
from desk.domain.staff import Actor, Role
from desk.domain.vouchers import VoucherStatus
from desk.services import audit
from desk.services.bases import current_base, week_of
from desk.services.context import ServiceContext
from desk.services.exports import export_format, file_problems, removed_on_failure, replacing
from desk.services.facilities import facility_week, zone_named
from desk.services.report_days import (
    HOUR,
    KEEP_AT_ONCE,
    MS_PER_HOUR,
    USED,
    DayFigures,
    Days,
    LocalTime,
    consecutive,
    count_days,
    day_bounds,
    keep,
    kept,
    read_kept,
    single_base,
    spread_hours,
)
from desk.storage.models import (
    Closure,
    Facility,
    Merchant,
    Project,
    ProjectClaim,
    Reward,
    ServiceBase,
    Unit,
    Visit,
    Voucher,
)
from desk.storage.models import DateOverride as DateOverrideRow

if TYPE_CHECKING:
    from desk.printing.report_document import ReportDocument
    from desk.services.monthly_report import ReportWords

TOP_REWARDS = 10
_DUE = (BookingState.CHECKED_IN.value, BookingState.COMPLETED.value, BookingState.NO_SHOW.value)


# -- the figures -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CategoryRow:
    category: Category
    visits: int
    people: int  # 人次


@dataclass(frozen=True)
class PurposeRow:
    purpose: Purpose
    visits: int
    people: int


@dataclass(frozen=True)
class DayRow:
    day: dt.date
    visits: int
    people: int


@dataclass(frozen=True)
class HourRow:
    hour: int  # 0–23, local
    visits: int
    people: int


@dataclass(frozen=True)
class PlatformRow:
    """暖新驿站 visits of one platform's couriers and how many of them used each service."""

    platform: Platform
    visits: int
    people: int
    services: tuple[int, ...]  # in the order of ALL_STATION_SERVICES


@dataclass(frozen=True)
class VisitFigures:
    visits: int
    people: int  # 人次
    served: int  # 服务人数: different registered people
    by_category: tuple[CategoryRow, ...]  # every category, in Category's order
    by_purpose: tuple[PurposeRow, ...]  # every purpose, in Purpose's order
    by_day: tuple[DayRow, ...]  # every day of the period
    by_hour: tuple[HourRow, ...]  # 24 rows
    platforms: tuple[PlatformRow, ...]  # every platform, in Platform's order


@dataclass(frozen=True)
class FacilityRow:
    facility_id: int
    name: str
    kind: FacilityKind
    units: int  # in service
    open_hours: float  # unit-hours open
    booked_hours: float
    bookings: int  # starting in the period, not cancelled
    due: int  # checked in, completed or no-show
    no_shows: int

    @property
    def utilisation(self) -> float | None:
        """Hours booked ÷ hours open (0–1, above 1 only if bookings ran outside the hours); None when never open."""
        return self.booked_hours / self.open_hours if self.open_hours > 0 else None

    @property
    def no_show_rate(self) -> float | None:
        return self.no_shows / self.due if self.due else None


@dataclass(frozen=True)
class ChargingRow:
    facility_id: int
    name: str
    kind: FacilityKind
    sessions: int
    completed: int
    average_minutes: float | None  # over the completed sessions; None when none was completed


@dataclass(frozen=True)
class FacilityFigures:
    rows: tuple[FacilityRow, ...]  # in the catalogue's order
    heat: tuple[tuple[float, ...], ...]  # hours booked: 7 weekdays (Monday first) × 24 local hours
    charging: tuple[ChargingRow, ...]

    @property
    def open_hours(self) -> float:
        return sum(r.open_hours for r in self.rows)

    @property
    def booked_hours(self) -> float:
        return sum(r.booked_hours for r in self.rows)

    @property
    def utilisation(self) -> float | None:
        return self.booked_hours / self.open_hours if self.open_hours > 0 else None


@dataclass(frozen=True)
class ProjectRow:
    kind: ProjectKind
    projects: int
    slots: int
    claims: int  # holding a slot: claimed, completed, absent
    completed: int


@dataclass(frozen=True)
class PointsRow:
    kind: EntryKind
    entries: int
    points: int  # signed: debits (spend, expire) are negative


@dataclass(frozen=True)
class VoucherTally:
    count: int
    points: int
    face_value_fen: int


@dataclass(frozen=True)
class MerchantRow:
    merchant_id: int
    name: str
    issued: VoucherTally
    redeemed: VoucherTally
    voided: VoucherTally
    expired: VoucherTally


@dataclass(frozen=True)
class RewardRow:
    reward_id: int
    title: str
    merchant_name: str
    issued: int
    points: int


@dataclass(frozen=True)
class PeriodReport:
    base_code: str
    base_name: str
    zone: str
    period: Period
    generated_at: dt.datetime  # in the base's zone
    visits: VisitFigures
    facilities: FacilityFigures
    projects: tuple[ProjectRow, ...]  # every kind, in ProjectKind's order
    points: tuple[PointsRow, ...]  # every entry kind, in EntryKind's order
    merchants: tuple[MerchantRow, ...]  # those with a voucher event in the period, most redemptions first
    rewards: tuple[RewardRow, ...]  # the TOP_REWARDS most issued, most first


@dataclass(frozen=True)
class Headlines:
    """The figures on the report's first page."""

    people: int  # 到访人次
    visits: int
    served: int  # 服务人数
    bookings: int  # 预约次数
    utilisation: float | None  # 设施使用率, 0–1
    charging: int  # 充电次数
    projects: int
    claims: int
    completions: int
    points_earned: int  # 积分发放: earn entries
    points_spent: int  # 积分消费: spent on vouchers less what came back as refunds
    vouchers_issued: int
    vouchers_redeemed: int
    merchants_served: int  # 服务商户数: merchants with at least one redemption


def headline(report: PeriodReport) -> Headlines:
    points = {row.kind: row.points for row in report.points}
    return Headlines(
        people=report.visits.people, visits=report.visits.visits, served=report.visits.served,
        bookings=sum(r.bookings for r in report.facilities.rows),
        utilisation=report.facilities.utilisation,
        charging=sum(r.sessions for r in report.facilities.charging),
        projects=sum(r.projects for r in report.projects), claims=sum(r.claims for r in report.projects),
        completions=sum(r.completed for r in report.projects),
        points_earned=points.get(EntryKind.EARN, 0),
        points_spent=-(points.get(EntryKind.SPEND, 0) + points.get(EntryKind.REFUND, 0)),
        vouchers_issued=sum(m.issued.count for m in report.merchants),
        vouchers_redeemed=sum(m.redeemed.count for m in report.merchants),
        merchants_served=sum(1 for m in report.merchants if m.redeemed.count),
    )


# -- the statements --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Scope:
    base_id: int
    start: dt.datetime  # the period's first instant
    end: dt.datetime  # the instant after it
    dialect: str
    only_base: bool  # the database holds this base alone: every row is the base's


def _period_days(s: Session, scope: _Scope, zone: dt.tzinfo, zone_name: str, period: Period) -> list[DayFigures]:
    """Each day of the period: kept ones as kept, the others (today, days to come, days changed since they were
    kept or not kept at all) counted from the rows here."""
    kept_ids = kept(s, scope.base_id, zone_name, zone, period.start, period.end)
    found = read_kept(s, list(kept_ids.values()))
    conn = s.connection()
    for run in consecutive([day for day in _days(period) if day not in found]):
        counted = count_days(conn, Days(scope.base_id, zone, tuple(run), scope.dialect, scope.only_base))
        found.update(zip(run, counted, strict=True))
    return [found[day] for day in _days(period)]


def _visit_figures(s: Connection, scope: _Scope, period: Period, days: list[DayFigures],
                   total: DayFigures) -> VisitFigures:
    no_platform = [0] * (2 + len(ALL_STATION_SERVICES))
    platforms = []
    for p in Platform:
        visits_, people_, *services = total.platforms.get(p.value, no_platform)
        platforms.append(PlatformRow(p, visits_, people_, tuple(services)))
    visits = sum(day.visits for day in days)
    return VisitFigures(
        visits=visits, people=sum(day.people for day in days), served=_served(s, scope, visits),
        by_category=tuple(CategoryRow(c, *total.categories.get(c.value, (0, 0))) for c in Category),
        by_purpose=tuple(PurposeRow(p, *total.purposes.get(p.value, (0, 0))) for p in Purpose),
        by_day=tuple(DayRow(d, day.visits, day.people) for d, day in zip(_days(period), days, strict=True)),
        by_hour=tuple(HourRow(hour, n, p) for hour, (n, p) in enumerate(total.hours)),
        platforms=tuple(platforms),
    )


def _served(s: Connection, scope: _Scope, visits: int) -> int:
    """Different registered people among the period's visits."""
    in_time = (Visit.checked_in_at >= scope.start, Visit.checked_in_at < scope.end)
    if scope.dialect == "sqlite" and scope.only_base and visits * 4 > _visit_rows(s):
        # A long period of a desk with one base: the (person, time) index alone answers it, in person order (no
        # sorting), where going through the period's visits would read every row. `person_id > 0` rather than
        # IS NOT NULL makes it a range of that index, which SQLite then prefers with or without statistics.
        people = select(Visit.person_id).where(Visit.person_id > 0, *in_time).group_by(Visit.person_id).subquery()
        return int(s.execute(select(func.count()).select_from(people)).scalar_one())
    distinct = func.count(Visit.person_id.distinct())
    return int(s.execute(select(distinct).where(Visit.base_id == scope.base_id, *in_time)).scalar_one())


def _visit_rows(s: Connection) -> int:
    """About how many visits there are (the highest id: cheap, and close enough to choose a plan)."""
    return int(s.execute(select(func.coalesce(func.max(Visit.id), 0))).scalar_one())


def _days(period: Period) -> list[dt.date]:
    return [period.start + dt.timedelta(days=i) for i in range(period.days)]


# -- facilities ------------------------------------------------------------------------------------------------

def _facility_figures(s: Session, scope: _Scope, base: ServiceBase, period: Period, days: list[DayFigures],
                      total: DayFigures) -> FacilityFigures:
    zone = zone_named(base.timezone)
    heat_ms = [[0] * 24 for _ in range(7)]
    for day, figures in zip(_days(period), days, strict=True):
        cells = heat_ms[day.weekday()]
        for hour, ms in enumerate(figures.heat):
            cells[hour] += ms
    booked, states, durations = total.booked, total.states, total.durations
    completed = BookingState.COMPLETED.value

    facilities = s.execute(select(Facility).where(Facility.base_id == scope.base_id)
                           .order_by(Facility.sort_order, Facility.id)).scalars().all()
    shown = [f for f in facilities if f.active or f.id in booked or f.id in states]
    units = {facility_id: int(n) for facility_id, n in s.execute(select(Unit.facility_id, func.count()).where(
        Unit.facility_id.in_([f.id for f in shown]), Unit.active).group_by(Unit.facility_id))}
    open_hours = _open_hours(s, base, period, shown, zone)

    rows, charging = [], []
    for f in shown:
        by_state = states.get(f.id, {})

        def number(*wanted: str, _by_state: dict[str, int] = by_state) -> int:
            return sum(_by_state.get(state, 0) for state in wanted)

        unit_count = int(units.get(f.id, 0))
        rows.append(FacilityRow(
            f.id, f.name, FacilityKind(f.kind), unit_count, open_hours[f.id] * unit_count,
            booked.get(f.id, 0) / MS_PER_HOUR, bookings=number(*USED, BookingState.NO_SHOW.value),
            due=number(*_DUE), no_shows=number(BookingState.NO_SHOW.value)))
        if FacilityKind(f.kind).is_charging:
            done = number(completed)
            charging.append(ChargingRow(f.id, f.name, FacilityKind(f.kind),
                                        number(BookingState.CHECKED_IN.value, completed), done,
                                        durations.get(f.id, 0) / done / 60_000 if done else None))
    heat = tuple(tuple(ms / MS_PER_HOUR for ms in cells) for cells in heat_ms)
    return FacilityFigures(tuple(rows), heat, tuple(charging))


def _open_hours(s: Session, base: ServiceBase, period: Period, facilities: Sequence[Facility],
                zone: dt.tzinfo) -> dict[int, float]:
    """Hours each facility is open in the period (one unit's), by the booking calendar's rules: the week (the
    base's or the facility's own), then holidays and 调休, closures and overrides (`desk.domain.calendar`). The
    week, closures and overrides of the period are read once, not once per day."""
    closures = [ClosureSpan(c.start_date, c.end_date, c.reason) for c in s.execute(
        select(Closure).where(Closure.base_id == base.id, Closure.start_date <= period.end,
                              Closure.end_date >= period.start)).scalars()]
    overrides = [DateOverride(o.day, o.opens, o.closes, o.reason) for o in s.execute(
        select(DateOverrideRow).where(DateOverrideRow.base_id == base.id, DateOverrideRow.day >= period.start,
                                      DateOverrideRow.day <= period.end)).scalars()]
    holidays = functools.cache(chinese_holidays)
    base_week = week_of(s, base.id)
    weeks = {f.id: facility_week(s, f) if f.own_hours else base_week for f in facilities}
    hours_of: dict[tuple[DayHours, ...], float] = {}
    for week in set(weeks.values()):
        total = 0.0
        for day in _days(period):
            today = open_day(day, week, closures, overrides, holidays)
            if today.opens is not None and today.closes is not None:
                total += _elapsed(day, today.opens, today.closes, zone)
        hours_of[week] = total
    return {facility_id: hours_of[week] for facility_id, week in weeks.items()}


def _elapsed(day: dt.date, opens: dt.time, closes: dt.time, zone: dt.tzinfo) -> float:
    """Hours from opening to closing on `day` (real hours: a day when clocks change has one more or less)."""
    first = dt.datetime.combine(day, opens, zone).astimezone(dt.UTC)
    last = dt.datetime.combine(day, closes, zone).astimezone(dt.UTC)
    return (last - first).total_seconds() / HOUR


# -- projects, points, vouchers --------------------------------------------------------------------------------

def _project_figures(s: Connection, scope: _Scope) -> tuple[ProjectRow, ...]:
    completed = (select(func.count()).where(ProjectClaim.project_id == Project.id,
                                            ProjectClaim.state == ClaimState.COMPLETED.value).scalar_subquery())
    found = {kind: (int(n), int(slots), int(claims), int(done)) for kind, n, slots, claims, done in s.execute(
        select(Project.kind, func.count(), func.sum(Project.slots), func.sum(Project.claimed), func.sum(completed))
        .where(Project.base_id == scope.base_id, Project.starts_at >= scope.start, Project.starts_at < scope.end)
        .group_by(Project.kind))}
    return tuple(ProjectRow(kind, *found.get(kind.value, (0, 0, 0, 0))) for kind in ProjectKind)


def _points_figures(total: DayFigures) -> tuple[PointsRow, ...]:
    return tuple(PointsRow(kind, *total.points.get(kind.value, (0, 0))) for kind in EntryKind)


def _voucher_figures(s: Connection, scope: _Scope) -> tuple[tuple[MerchantRow, ...], tuple[RewardRow, ...]]:
    def during(moment: Any) -> ColumnElement[bool]:
        return (moment >= scope.start) & (moment < scope.end)

    events = {
        "issued": during(Voucher.issued_at),
        "redeemed": (Voucher.status == VoucherStatus.REDEEMED.value) & during(Voucher.redeemed_at),
        "voided": (Voucher.status == VoucherStatus.VOID.value) & during(Voucher.voided_at),
        "expired": (Voucher.status == VoucherStatus.EXPIRED.value) & during(Voucher.voided_at),
    }
    sums: list[ColumnElement[Any]] = []
    for happened in events.values():
        sums += [func.sum(case((happened, 1), else_=0)), func.sum(case((happened, Voucher.points), else_=0)),
                 func.sum(case((happened, func.coalesce(Voucher.face_value_fen, 0)), else_=0))]
    # One pass over the base's vouchers, grouped by reward (each reward belongs to one merchant).
    grouped = s.execute(
        select(Voucher.reward_id, Voucher.merchant_id, *sums)
        .where(Voucher.base_id == scope.base_id,
               during(Voucher.issued_at) | during(Voucher.redeemed_at) | during(Voucher.voided_at))
        .group_by(Voucher.reward_id, Voucher.merchant_id)).all()
    merchant_ids = sorted({row[1] for row in grouped})
    reward_ids = sorted({row[0] for row in grouped})
    names = {i: name for i, name in s.execute(
        select(Merchant.id, Merchant.name).where(Merchant.id.in_(merchant_ids)))}
    titles = {i: title for i, title in s.execute(select(Reward.id, Reward.title).where(Reward.id.in_(reward_ids)))}

    totals: dict[int, list[int]] = {}
    rewards: list[RewardRow] = []
    for reward_id, merchant_id, *figures in grouped:
        numbers = [int(x or 0) for x in figures]
        into = totals.setdefault(merchant_id, [0] * len(numbers))
        for i, x in enumerate(numbers):
            into[i] += x
        if numbers[0]:
            rewards.append(RewardRow(reward_id, titles.get(reward_id, ""), names.get(merchant_id, ""), numbers[0],
                                     numbers[1]))

    def tally(numbers: list[int], i: int) -> VoucherTally:
        return VoucherTally(numbers[3 * i], numbers[3 * i + 1], numbers[3 * i + 2])

    merchants = sorted((MerchantRow(m, names.get(m, ""), tally(n, 0), tally(n, 1), tally(n, 2), tally(n, 3))
                        for m, n in totals.items()),
                       key=lambda r: (-r.redeemed.count, -r.issued.count, r.name, r.merchant_id))
    rewards.sort(key=lambda r: (-r.issued, r.merchant_name, r.title, r.reward_id))
    return tuple(merchants), tuple(rewards[:TOP_REWARDS])


# -- the service -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportExport:
    path: Path
    base_code: str
    period: Period
    headlines: Headlines


class ReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def figures(self, period: Period, base_code: str | None = None) -> PeriodReport:
        """Every figure of `period` (the base's local days) for the base `base_code`, or for this desk's base when
        None. An unknown base is refused (NotFound). A period not over yet, or still to come, counts what has
        happened so far (and the bookings already made). Its closed days are kept (`report_days`) on the way:
        the first report of a long period counts them, the next ones read them."""
        self._keep_closed_days(period, base_code)
        with self._ctx.db.read() as s:
            if self._ctx.db.dialect == "postgresql":
                # Every statement below sees the same snapshot, as one transaction on SQLite does.
                s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            base = current_base(s, base_code or self._ctx.base_code)
            zone = zone_named(base.timezone)
            start, end = period.bounds(zone)
            scope = _Scope(base.id, start, end, self._ctx.db.dialect, single_base(s))
            days = _period_days(s, scope, zone, base.timezone, period)
            total = DayFigures()
            for day in days:
                total.add(day)
            # Core statements on the session's connection: the rows are plain tuples, no ORM loading.
            conn = s.connection()
            visits = _visit_figures(conn, scope, period, days, total)
            facilities = _facility_figures(s, scope, base, period, days, total)
            projects = _project_figures(conn, scope)
            merchants, rewards = _voucher_figures(conn, scope)
            return PeriodReport(base.code, base.name, base.timezone, period,
                                self._ctx.clock.now().astimezone(zone), visits, facilities, projects,
                                _points_figures(total), merchants, rewards)

    def _keep_closed_days(self, period: Period, base_code: str | None) -> None:
        """Count and keep the period's closed days that are not kept yet, a few weeks per write transaction. A
        database that cannot take the writes now only makes this report count those days itself."""
        now = self._ctx.clock.now()
        with self._ctx.db.read() as s:
            base = current_base(s, base_code or self._ctx.base_code)
            base_id, zone_name, single = base.id, base.timezone, single_base(s)
            zone = zone_named(zone_name)
            closed = [day for day in _days(period) if day_bounds(day, zone)[1] <= now]
            if not closed:
                return
            valid = kept(s, base_id, zone_name, zone, closed[0], closed[-1])
        missing = [day for day in closed if day not in valid]
        for chunk in consecutive(missing, KEEP_AT_ONCE):
            try:
                with self._ctx.db.write() as s:
                    keep(s, base_id, zone_name, zone, chunk, single)
            except (DatabaseLocked, DatabaseReadOnly):
                return

    def monthly_pdf(self, actor: Actor, period: Period, base_code: str | None, path: Path,
                    words: ReportWords | None = None) -> ReportExport:
        """The report of `period` with its change against the period before, as an A4 PDF at `path` (written
        beside it and moved into place); audited."""
        from desk.printing.report_document import render_report_pdf

        actor.require(Role.ADMIN, Role.DESK, action="export_report")
        export_format(path, (".pdf",))
        report, document, _previous = self._document(period, base_code, words)
        pdf = render_report_pdf(document)
        self._write(path, pdf)
        return self._audit(actor, path, report, "pdf")

    def workbook(self, actor: Actor, period: Period, base_code: str | None, path: Path,
                 words: ReportWords | None = None) -> ReportExport:
        """The same report as an Excel workbook at `path`: the headline figures beside the previous period's,
        then one sheet per table; audited."""
        from desk.printing.report_workbook import report_workbook

        actor.require(Role.ADMIN, Role.DESK, action="export_report")
        export_format(path, (".xlsx",))
        report, document, previous = self._document(period, base_code, words)
        w = words or _default_words()
        book = report_workbook(document, w.workbook, w.period_text(previous.period))
        self._write(path, book)
        return self._audit(actor, path, report, "xlsx")

    def _document(self, period: Period, base_code: str | None,
                  words: ReportWords | None) -> tuple[PeriodReport, ReportDocument, PeriodReport]:
        from desk.services.monthly_report import report_document

        report = self.figures(period, base_code)
        previous = self.figures(period.previous(), report.base_code)
        return report, report_document(report, previous, words), previous

    @staticmethod
    def _write(path: Path, content: bytes) -> None:
        with file_problems(path), replacing(path) as part:
            part.write_bytes(content)

    def _audit(self, actor: Actor, path: Path, report: PeriodReport, kind: str) -> ReportExport:
        # After the file is complete, in a short write transaction of its own (the figures were read without
        # holding one); a report nobody can account for does not stay behind.
        period = report.period
        with removed_on_failure(path), self._ctx.db.write() as s:
            audit.record(s, self._ctx.clock.now(), actor, "report_exported", "report",
                         f"{report.base_code}:{period.start}/{period.end}",
                         f"{report.base_code} {period.start}–{period.end} as {kind} ({path.name})")
        return ReportExport(path, report.base_code, period, headline(report))


def _default_words() -> ReportWords:
    from desk.services.monthly_report import ReportWords

    return ReportWords()


__all__ = [
    "TOP_REWARDS", "CategoryRow", "ChargingRow", "DayRow", "FacilityFigures", "FacilityRow", "Headlines",
    "HourRow", "LocalTime", "MerchantRow", "PeriodReport", "PlatformRow", "PointsRow", "ProjectRow", "PurposeRow",
    "ReportExport", "ReportService", "RewardRow", "VisitFigures", "VoucherTally", "headline", "spread_hours",
]
