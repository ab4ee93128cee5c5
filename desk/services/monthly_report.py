"""Services layer: the monthly report (工作月报) as a document — a period's figures (desk.services.reports) mapped to
the printable `ReportDocument` (desk.printing.report_document): the headline figures against the previous period,
then a section per area with its charts and tables. The same document is printed as the PDF and written as the
workbook, so both say the same. Every word comes from `ReportWords`, Chinese by default; the window passes them in
its language."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from desk.domain.people import ALL_STATION_SERVICES
from desk.domain.periods import Period, PeriodKind
from desk.printing.ledgers import ENTRY_KIND_WORDS
from desk.printing.points_notice import PeriodWords
from desk.printing.register import CATEGORY_WORDS, PLATFORM_WORDS, PURPOSE_WORDS, SERVICE_WORDS
from desk.printing.report_document import (
    Cell,
    Chart,
    ChartKind,
    DocumentWords,
    Headline,
    ReportDocument,
    Section,
    Series,
    Table,
)
from desk.printing.report_workbook import WorkbookWords
from desk.services.reports import Headlines, PeriodReport, headline

PROJECT_KIND_WORDS = {"volunteer": "志愿服务", "activity": "活动", "training": "培训", "grid_report": "网格上报"}
WEEKDAY_WORDS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
LONGEST_DAILY = 62  # days: a longer period lists its visits by month


@dataclass(frozen=True)
class ReportWords:
    """Every word of the report and of its workbook. `{...}` are filled in by this module."""

    # The title by kind of period; {base} is the base's name.
    titles: Mapping[str, str] = field(default_factory=lambda: {
        "day": "{base} 工作日报", "week": "{base} 工作周报", "month": "{base} 工作月报", "quarter": "{base} 工作季报",
        "year": "{base} 工作年报", "custom": "{base} 工作报表"})
    period: PeriodWords = field(default_factory=PeriodWords)
    day: str = "{date}"
    week: str = "{year}年第{week}周（{start} 至 {end}）"
    printed_at: str = "%Y-%m-%d %H:%M"  # strftime, in the base's zone
    document: DocumentWords = field(default_factory=DocumentWords)
    workbook: WorkbookWords = field(default_factory=WorkbookWords)
    empty: str = "本期无记录"
    total: str = "合计"

    # headline figures
    people: str = "到访人次"
    served: str = "服务人数"
    bookings: str = "预约次数"
    utilisation: str = "设施使用率"
    charging: str = "充电次数"
    projects: str = "举办项目"
    claims: str = "项目认领"
    completions: str = "项目完成"
    points_earned: str = "积分发放"
    points_spent: str = "积分消费"
    vouchers_issued: str = "兑换券发放"
    vouchers_redeemed: str = "兑换券核销"
    merchants_served: str = "服务商户数"
    unit_people: str = "人次"
    unit_persons: str = "人"
    unit_times: str = "次"
    unit_percent: str = "%"
    unit_projects: str = "个"
    unit_points: str = "分"
    unit_vouchers: str = "张"
    unit_merchants: str = "家"
    unit_hours: str = "小时"

    # visits
    visits_heading: str = "到访情况"
    visits_note: str = ("到访人次为每次登记的人数之和；服务人数为登记了身份的不同人数，匿名登记和驿站快递员不计在内。"
                        "日期和时段按本基地当地时间。")
    by_category: str = "按人员类别"
    by_purpose: str = "按来访事由"
    by_day: str = "按日"
    by_month: str = "按月"
    by_hour: str = "按时段"
    daily_chart: str = "每日到访人次"
    monthly_chart: str = "每月到访人次"
    hourly_chart: str = "各时段到访人次"
    category: str = "人员类别"
    purpose: str = "来访事由"
    date: str = "日期"
    month: str = "月份"
    month_label: str = "{year}年{month}月"
    hour: str = "时段"
    hour_label: str = "{hour}时"
    visits: str = "到访次数"
    share: str = "人次占比（%）"
    categories: Mapping[str, str] = field(default_factory=lambda: dict(CATEGORY_WORDS))
    purposes: Mapping[str, str] = field(default_factory=lambda: dict(PURPOSE_WORDS))

    # 暖新驿站
    station_heading: str = "暖新驿站"
    station_note: str = "新就业群体（快递员、外卖骑手、网约车司机）在暖新驿站的到访，按所属平台；各项服务为使用该服务的到访次数。"
    by_platform: str = "按平台"
    platform_chart: str = "各平台到访次数"
    platform: str = "平台"
    platforms: Mapping[str, str] = field(default_factory=lambda: dict(PLATFORM_WORDS))
    station_services: Mapping[int, str] = field(
        default_factory=lambda: {int(k): v for k, v in SERVICE_WORDS.items()})

    # facilities
    facilities_heading: str = "设施使用"
    facilities_note: str = ("使用率 = 预约时长 ÷ 开放时长。预约时长为已预约、已签到和已完成的预约落在本期的时长；开放时长为各日"
                            "开放时间（闭馆日、法定节假日不计）乘以在用位置数。未到率 = 未到 ÷ 应到（已签到、已完成和未到）。")
    facility_table: str = "设施使用率"
    heat_chart: str = "预约时长分布（小时，按星期和时段）"
    charging_table: str = "充电服务"
    facility: str = "设施"
    units: str = "位置数"
    open_hours: str = "开放时长（小时）"
    booked_hours: str = "预约时长（小时）"
    rate: str = "使用率（%）"
    booking_count: str = "预约次数"
    due: str = "应到"
    no_shows: str = "未到"
    no_show_rate: str = "未到率（%）"
    sessions: str = "充电次数"
    completed_sessions: str = "已结束"
    average_minutes: str = "平均时长（分钟）"
    weekdays: Sequence[str] = WEEKDAY_WORDS

    # projects
    projects_heading: str = "服务项目"
    projects_note: str = "本期开始的服务项目；认领为占用名额的认领（已认领、已完成、未到）。"
    project_table: str = "按项目类型"
    project_kind: str = "项目类型"
    project_count: str = "项目数"
    slots: str = "名额"
    claim_count: str = "认领"
    completed_count: str = "完成"
    project_kinds: Mapping[str, str] = field(default_factory=lambda: dict(PROJECT_KIND_WORDS))

    # points
    points_heading: str = "红色积分"
    points_note: str = "本期的积分流水，按会员加入时所在的基地统计；兑换、过期为负数。积分消费 = 兑换 − 退还。"
    points_table: str = "按流水类型"
    entry_kind: str = "流水类型"
    entries: str = "笔数"
    points: str = "积分"
    entry_kinds: Mapping[str, str] = field(default_factory=lambda: dict(ENTRY_KIND_WORDS))

    # vouchers
    vouchers_heading: str = "兑换券"
    vouchers_note: str = "本基地发放的兑换券，发放、核销、作废和过期各按发生的时间计入本期。"
    merchant_table: str = "按联盟商家"
    reward_table: str = "兑换最多的项目"
    merchant: str = "商家"
    issued: str = "发放（张）"
    issued_points: str = "发放积分"
    issued_value: str = "发放面值（元）"
    redeemed: str = "核销（张）"
    redeemed_points: str = "核销积分"
    redeemed_value: str = "核销面值（元）"
    voided: str = "作废（张）"
    expired: str = "过期（张）"
    rank: str = "排名"
    reward: str = "兑换项目"

    def title(self, base_name: str, period: Period) -> str:
        return self.titles.get(period.kind.value, self.titles.get("custom", "{base}")).format(base=base_name)

    def period_text(self, period: Period) -> str:
        start, end = f"{period.start:%Y-%m-%d}", f"{period.end:%Y-%m-%d}"
        if period.kind is PeriodKind.DAY:
            return self.day.format(date=start)
        if period.kind is PeriodKind.WEEK:
            parts = period.parts()
            return self.week.format(year=parts.year, week=parts.number, start=start, end=end)
        return self.period.text(period)


def report_document(report: PeriodReport, previous: PeriodReport | None = None,
                    words: ReportWords | None = None) -> ReportDocument:
    """The report as a printable document; `previous` (the period before) gives each headline its change."""
    w = words or ReportWords()
    return ReportDocument(
        title=w.title(report.base_name, report.period),
        subtitle=w.period_text(report.period),
        organisation=report.base_name,
        printed_at=f"{report.generated_at:{w.printed_at}}",
        headlines=_headlines(headline(report), headline(previous) if previous else None, w),
        sections=(_visits(report, w), _station(report, w), _facilities(report, w), _projects(report, w),
                  _points(report, w), _vouchers(report, w)),
        words=w.document,
    )


def _headlines(now: Headlines, before: Headlines | None, w: ReportWords) -> tuple[Headline, ...]:
    def figure(label: str, name: str, unit: str) -> Headline:
        value = getattr(now, name)
        return Headline(label, float(value), float(getattr(before, name)) if before else None, unit)

    def percent(value: float | None) -> float:
        return round(value * 100, 1) if value is not None else math.nan

    rate = Headline(w.utilisation, percent(now.utilisation),
                    percent(before.utilisation) if before and before.utilisation is not None else None,
                    w.unit_percent, 1)
    return (
        figure(w.people, "people", w.unit_people), figure(w.served, "served", w.unit_persons),
        figure(w.bookings, "bookings", w.unit_times), rate, figure(w.charging, "charging", w.unit_times),
        figure(w.projects, "projects", w.unit_projects), figure(w.claims, "claims", w.unit_people),
        figure(w.completions, "completions", w.unit_people),
        figure(w.points_earned, "points_earned", w.unit_points),
        figure(w.points_spent, "points_spent", w.unit_points),
        figure(w.vouchers_issued, "vouchers_issued", w.unit_vouchers),
        figure(w.vouchers_redeemed, "vouchers_redeemed", w.unit_vouchers),
        figure(w.merchants_served, "merchants_served", w.unit_merchants),
    )


def _share(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def _rate(value: float | None) -> float | None:
    return round(value * 100, 1) if value is not None else None


def _table(title: str, header: Sequence[str], rows: Sequence[Sequence[Cell]], w: ReportWords,
           total: Sequence[Cell] | None = None) -> Table:
    return Table(title, tuple(header), tuple(tuple(r) for r in rows), tuple(total) if total else None, w.empty)


def _visits(report: PeriodReport, w: ReportWords) -> Section:
    v = report.visits
    header = (w.visits, w.people, w.share)
    categories = _table(w.by_category, (w.category, *header),
                        [(w.categories.get(r.category.value, r.category.value), r.visits, r.people,
                          _share(r.people, v.people)) for r in v.by_category],
                        w, (w.total, v.visits, v.people, 100.0 if v.people else None))
    purposes = _table(w.by_purpose, (w.purpose, *header),
                      [(w.purposes.get(r.purpose.value, r.purpose.value), r.visits, r.people,
                        _share(r.people, v.people)) for r in v.by_purpose],
                      w, (w.total, v.visits, v.people, 100.0 if v.people else None))
    if report.period.days <= LONGEST_DAILY:
        labels = [f"{r.day:%m-%d}" for r in v.by_day]
        values = [float(r.people) for r in v.by_day]
        days = _table(w.by_day, (w.date, w.visits, w.people), [(r.day, r.visits, r.people) for r in v.by_day], w,
                      (w.total, v.visits, v.people))
        trend = Chart(ChartKind.LINE, w.daily_chart, labels, (Series(w.people, values),), w.unit_people)
    else:
        months: dict[tuple[int, int], list[int]] = {}
        for r in v.by_day:
            into = months.setdefault((r.day.year, r.day.month), [0, 0])
            into[0] += r.visits
            into[1] += r.people
        names = [w.month_label.format(year=y, month=m) for y, m in months]
        days = _table(w.by_month, (w.month, w.visits, w.people),
                      [(name, n, p) for name, (n, p) in zip(names, months.values(), strict=True)], w,
                      (w.total, v.visits, v.people))
        trend = Chart(ChartKind.BARS, w.monthly_chart, names,
                      (Series(w.people, [float(p) for _n, p in months.values()]),), w.unit_people)
    hour_names = [w.hour_label.format(hour=r.hour) for r in v.by_hour]
    hours = _table(w.by_hour, (w.hour, w.visits, w.people),
                   [(name, r.visits, r.people) for name, r in zip(hour_names, v.by_hour, strict=True)], w,
                   (w.total, v.visits, v.people))
    hourly = Chart(ChartKind.BARS, w.hourly_chart, [str(r.hour) for r in v.by_hour],
                   (Series(w.people, [float(r.people) for r in v.by_hour]),), w.unit_people)
    if report.period.days == 1:  # a day's report: its hours are the whole story
        return Section(w.visits_heading, (hourly,), (categories, purposes, hours), w.visits_note)
    return Section(w.visits_heading, (trend, hourly), (categories, purposes, days, hours), w.visits_note)


def _station(report: PeriodReport, w: ReportWords) -> Section:
    rows = report.visits.platforms
    services = [w.station_services.get(int(s), str(int(s))) for s in ALL_STATION_SERVICES]
    table = _table(w.by_platform, (w.platform, w.visits, w.people, *services),
                   [(w.platforms.get(r.platform.value, r.platform.value), r.visits, r.people, *r.services)
                    for r in rows], w,
                   (w.total, sum(r.visits for r in rows), sum(r.people for r in rows),
                    *(sum(r.services[i] for r in rows) for i in range(len(services)))))
    chart = Chart(ChartKind.BARS, w.platform_chart, [w.platforms.get(r.platform.value, r.platform.value)
                                                     for r in rows],
                  (Series(w.visits, [float(r.visits) for r in rows]),), w.unit_times)
    return Section(w.station_heading, (chart,), (table,), w.station_note)


def _facilities(report: PeriodReport, w: ReportWords) -> Section:
    f = report.facilities
    rows = f.rows
    table = _table(
        w.facility_table,
        (w.facility, w.units, w.open_hours, w.booked_hours, w.rate, w.booking_count, w.due, w.no_shows,
         w.no_show_rate),
        [(r.name, r.units, round(r.open_hours, 1), round(r.booked_hours, 1), _rate(r.utilisation), r.bookings,
          r.due, r.no_shows, _rate(r.no_show_rate)) for r in rows], w,
        (w.total, sum(r.units for r in rows), round(f.open_hours, 1), round(f.booked_hours, 1), _rate(f.utilisation),
         sum(r.bookings for r in rows), sum(r.due for r in rows), sum(r.no_shows for r in rows),
         _rate(_ratio(sum(r.no_shows for r in rows), sum(r.due for r in rows)))))
    heat = Chart(ChartKind.HEAT, w.heat_chart, [str(h) for h in range(24)],
                 tuple(Series(name, [round(x, 1) for x in row])
                       for name, row in zip(w.weekdays, f.heat, strict=True)),
                 w.unit_hours)
    sessions = sum(r.sessions for r in f.charging)
    done = sum(r.completed for r in f.charging)
    minutes = sum((r.average_minutes or 0.0) * r.completed for r in f.charging)
    charging = _table(w.charging_table, (w.facility, w.sessions, w.completed_sessions, w.average_minutes),
                      [(r.name, r.sessions, r.completed,
                        round(r.average_minutes, 1) if r.average_minutes is not None else None)
                       for r in f.charging], w,
                      (w.total, sessions, done, round(minutes / done, 1) if done else None))
    return Section(w.facilities_heading, (heat,), (table, charging), w.facilities_note)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _projects(report: PeriodReport, w: ReportWords) -> Section:
    rows = report.projects
    table = _table(w.project_table, (w.project_kind, w.project_count, w.slots, w.claim_count, w.completed_count),
                   [(w.project_kinds.get(r.kind.value, r.kind.value), r.projects, r.slots, r.claims, r.completed)
                    for r in rows], w,
                   (w.total, sum(r.projects for r in rows), sum(r.slots for r in rows), sum(r.claims for r in rows),
                    sum(r.completed for r in rows)))
    return Section(w.projects_heading, (), (table,), w.projects_note)


def _points(report: PeriodReport, w: ReportWords) -> Section:
    rows = report.points
    table = _table(w.points_table, (w.entry_kind, w.entries, w.points),
                   [(w.entry_kinds.get(r.kind.value, r.kind.value), r.entries, r.points) for r in rows], w,
                   (w.total, sum(r.entries for r in rows), sum(r.points for r in rows)))
    return Section(w.points_heading, (), (table,), w.points_note)


def _yuan(fen: int) -> float:
    return round(fen / 100, 2)


def _vouchers(report: PeriodReport, w: ReportWords) -> Section:
    rows = report.merchants
    merchants = _table(
        w.merchant_table,
        (w.merchant, w.issued, w.issued_points, w.issued_value, w.redeemed, w.redeemed_points, w.redeemed_value,
         w.voided, w.expired),
        [(r.name, r.issued.count, r.issued.points, _yuan(r.issued.face_value_fen), r.redeemed.count,
          r.redeemed.points, _yuan(r.redeemed.face_value_fen), r.voided.count, r.expired.count) for r in rows], w,
        (w.total, sum(r.issued.count for r in rows), sum(r.issued.points for r in rows),
         _yuan(sum(r.issued.face_value_fen for r in rows)), sum(r.redeemed.count for r in rows),
         sum(r.redeemed.points for r in rows), _yuan(sum(r.redeemed.face_value_fen for r in rows)),
         sum(r.voided.count for r in rows), sum(r.expired.count for r in rows)) if rows else None)
    rewards = _table(w.reward_table, (w.rank, w.reward, w.merchant, w.issued, w.issued_points),
                     [(i, r.title, r.merchant_name, r.issued, r.points)
                      for i, r in enumerate(report.rewards, start=1)], w)
    return Section(w.vouchers_heading, (), (merchants, rewards), w.vouchers_note)


__all__ = ["LONGEST_DAILY", "PROJECT_KIND_WORDS", "WEEKDAY_WORDS", "ReportWords", "report_document"]
