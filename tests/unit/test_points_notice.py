"""The 积分公示 (points notice): reporting periods (months, quarters, years, custom ranges, validation); the notice's
figures on both backends, checked against sums the test makes itself from the entries it wrote (earn, spend,
refund, adjust, expire and reverse, inside the period, on its boundaries and outside it); members of another
base left out; the PDF (masked names, no full name or phone, totals, header and page numbers on every page) and
the workbook (numbers as numbers, frozen header); every export audited and refused to a merchant."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from desk.domain.clock import FixedClock
from desk.domain.errors import EndBeforeStart, OutOfRange, PermissionDenied
from desk.domain.people import Category
from desk.domain.periods import Period, PeriodKind, PeriodParts
from desk.domain.points import EntryKind
from desk.domain.staff import Actor, Role
from desk.printing.points_notice import NoticeLabels, PeriodWords, points_notice_pdf
from desk.services.audit import AuditService
from desk.services.bases import BaseService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService, PersonForm
from desk.services.points import MemberRow, PointsService, new_key, post
from desk.services.points_notice import NoticeRow, NoticeTotals, PointsNotice, PointsNoticeService

ZONE = ZoneInfo("Asia/Shanghai")
BASE = "明华红色港湾党群服务基地"
NOVEMBER = Period.month(2026, 11)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                   reason="poppler-utils is not installed")


def local(year: int, month: int, day: int, hour: int = 10, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=ZONE)


# -- periods -----------------------------------------------------------------------------------------------------

def test_months_quarters_and_years_cover_whole_calendar_units() -> None:
    assert Period.month(2026, 11) == Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30), PeriodKind.MONTH)
    assert Period.month(2028, 2).end == dt.date(2028, 2, 29)
    assert Period.month(2026, 12).end == dt.date(2026, 12, 31)
    assert Period.quarter(2026, 4) == Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31), PeriodKind.QUARTER)
    assert Period.quarter(2026, 1) == Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31), PeriodKind.QUARTER)
    assert Period.year(2028).days == 366
    assert Period.containing(dt.date(2026, 8, 15), "quarter") == Period.quarter(2026, 3)
    assert Period.containing(dt.date(2026, 8, 15), PeriodKind.MONTH) == Period.month(2026, 8)
    assert Period.containing(dt.date(2026, 8, 15), "year") == Period.year(2026)
    assert Period.containing(dt.date(2026, 8, 15), "custom") == Period.custom(dt.date(2026, 8, 15),
                                                                             dt.date(2026, 8, 15))
    assert dt.date(2026, 11, 30) in NOVEMBER and dt.date(2026, 12, 1) not in NOVEMBER


def test_previous_steps_back_one_unit_across_year_ends() -> None:
    assert Period.month(2027, 1).previous() == Period.month(2026, 12)
    assert Period.month(2026, 3).previous() == Period.month(2026, 2)
    assert Period.quarter(2027, 1).previous() == Period.quarter(2026, 4)
    assert Period.year(2027).previous() == Period.year(2026)
    week = Period.custom(dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert week.previous() == Period.custom(dt.date(2026, 11, 16), dt.date(2026, 11, 22))


def test_invalid_periods_are_refused() -> None:
    with pytest.raises(EndBeforeStart):
        Period.custom(dt.date(2026, 11, 2), dt.date(2026, 11, 1))
    with pytest.raises(OutOfRange):
        Period.custom(dt.date(2026, 1, 1), dt.date(2027, 1, 2))  # 367 days
    assert Period.custom(dt.date(2026, 1, 1), dt.date(2027, 1, 1)).days == 366  # the longest allowed
    with pytest.raises(OutOfRange):
        Period.month(2026, 13)
    with pytest.raises(OutOfRange):
        Period.quarter(2026, 0)
    with pytest.raises(ValueError):
        Period.containing(dt.date(2026, 1, 1), "fortnight")


def test_parts_and_words_name_a_period_in_either_language() -> None:
    assert NOVEMBER.parts() == PeriodParts(PeriodKind.MONTH, 2026, 11)
    assert Period.quarter(2026, 4).parts() == PeriodParts(PeriodKind.QUARTER, 2026, 4)
    words = PeriodWords()
    assert words.text(NOVEMBER) == "2026年11月"
    assert words.text(Period.quarter(2026, 4)) == "2026年第4季度"
    assert words.text(Period.year(2026)) == "2026年"
    assert words.text(Period.custom(dt.date(2026, 11, 3), dt.date(2026, 11, 9))) == "2026-11-03 至 2026-11-09"
    english = PeriodWords(month="{year}-{month:02d}", quarter="Q{quarter} {year}", year="{year}",
                          custom="{start} – {end}")
    assert english.text(NOVEMBER) == "2026-11" and english.text(Period.quarter(2026, 4)) == "Q4 2026"


def test_bounds_are_the_local_midnights_around_the_days() -> None:
    start, end = NOVEMBER.bounds(ZONE)
    assert start == dt.datetime(2026, 10, 31, 16, 0, tzinfo=dt.UTC)
    assert end == dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC)


# -- the notice's figures ----------------------------------------------------------------------------------------

@dataclass
class Ledger:
    """Posts entries through the points service at chosen local times and keeps its own copy of each, from
    which the test works out the notice independently."""

    ctx: ServiceContext
    admin: Actor
    clock: FixedClock
    entries: list[tuple[int, dt.datetime, EntryKind, int]] = field(default_factory=list)
    phones: Iterator[str] = field(default_factory=lambda: iter(f"1381234{n:04d}" for n in range(1, 1000)))

    @property
    def points(self) -> PointsService:
        return PointsService(self.ctx)

    def member(self, name: str, ctx: ServiceContext | None = None) -> MemberRow:
        person = PeopleService(self.ctx).register(self.admin, PersonForm(name, next(self.phones), Category.RESIDENT))
        return PointsService(ctx or self.ctx).join(self.admin, person.id)

    def _keep(self, member: MemberRow, when: dt.datetime, kind: EntryKind, amount: int) -> None:
        self.entries.append((member.id, when, kind, amount))

    def earn(self, member: MemberRow, points: int, when: dt.datetime) -> int:
        self.clock.set(when)
        posted = self.points.earn(self.admin, member.id, points, "志愿服务", new_key())
        self._keep(member, when, EntryKind.EARN, posted.amount)
        return posted.entry_id

    def spend(self, member: MemberRow, points: int, when: dt.datetime) -> None:
        self.clock.set(when)
        posted = self.points.spend(self.admin, member.id, points, "兑换", new_key())
        self._keep(member, when, EntryKind.SPEND, posted.amount)

    def adjust(self, member: MemberRow, amount: int, when: dt.datetime) -> None:
        self.clock.set(when)
        posted = self.points.adjust(self.admin, member.id, amount, "补录", new_key())
        self._keep(member, when, EntryKind.ADJUST, posted.amount)

    def reverse(self, member: MemberRow, entry_id: int, when: dt.datetime) -> None:
        self.clock.set(when)
        posted = self.points.reverse(self.admin, entry_id, "录错", new_key())
        self._keep(member, when, EntryKind.REVERSE, posted.amount)

    def post(self, member: MemberRow, kind: EntryKind, amount: int, when: dt.datetime) -> None:
        """A refund (a voucher given back) or an expiry, as the voucher area and the daily timer write them."""
        self.clock.set(when)
        with self.ctx.db.write_core() as conn:
            posted = post(conn, when, self.admin, member.id, amount, kind, kind.value, new_key(), zone=ZONE)
        self._keep(member, when, kind, posted.amount)

    def expected(self, period: Period) -> list[tuple[int, int, int, int]]:
        """(member id, earned, spent, balance at the end) for every member with an entry in the period."""
        def day(when: dt.datetime) -> dt.date:
            return when.astimezone(ZONE).date()

        inside = [e for e in self.entries if period.start <= day(e[1]) <= period.end]
        rows = []
        for member_id in {e[0] for e in inside}:
            mine = [e for e in inside if e[0] == member_id]
            earned = sum(amount for _, _, kind, amount in mine if kind is EntryKind.EARN)
            spent = -sum(amount for _, _, kind, amount in mine if kind in (EntryKind.SPEND, EntryKind.REFUND))
            balance = sum(e[3] for e in self.entries if e[0] == member_id and day(e[1]) <= period.end)
            rows.append((member_id, earned, spent, balance))
        return rows


@pytest.fixture
def ledger(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> Ledger:
    return Ledger(ctx, admin, clock)


@dataclass(frozen=True)
class Members:
    zhang: MemberRow
    li: MemberRow
    ouyang: MemberRow
    wang: MemberRow
    zhou: MemberRow
    chen: MemberRow


def _november(ledger: Ledger) -> Members:
    """A few members and a month of entries, with some on either side of November and on its edges."""
    ledger.clock.set(local(2026, 10, 1))
    m = Members(*(ledger.member(name) for name in ("张伟明", "李华", "欧阳晓燕", "王芳", "周杰", "陈静")))
    # October: balances to start with; 王芳 moves only then and is not on November's notice.
    ledger.earn(m.zhang, 30, local(2026, 10, 20))
    ledger.earn(m.li, 50, local(2026, 10, 20))
    ledger.earn(m.wang, 20, local(2026, 10, 21))
    ledger.spend(m.li, 10, local(2026, 10, 25))
    ledger.earn(m.zhang, 5, local(2026, 10, 31, 23, 59, 59))  # the last second before November
    # November, from its first instant to its last minute.
    ledger.earn(m.zhang, 10, local(2026, 11, 1, 0, 0, 0))
    ledger.spend(m.zhang, 20, local(2026, 11, 5))
    ledger.earn(m.li, 15, local(2026, 11, 5, 11))
    ledger.earn(m.ouyang, 40, local(2026, 11, 5, 12))
    ledger.adjust(m.zhou, 8, local(2026, 11, 6))  # only an adjustment: on the notice with nothing earned
    ledger.spend(m.li, 30, local(2026, 11, 10))
    ledger.post(m.li, EntryKind.REFUND, 10, local(2026, 11, 10, 15))  # a voucher of this month given back
    ledger.post(m.li, EntryKind.REFUND, 10, local(2026, 11, 11))  # and October's: net use can go below a spend
    wrong = ledger.earn(m.ouyang, 7, local(2026, 11, 15))
    ledger.reverse(m.ouyang, wrong, local(2026, 11, 15, 16))
    ledger.adjust(m.zhang, -3, local(2026, 11, 20))
    ledger.spend(m.ouyang, 12, local(2026, 11, 20, 14))
    ledger.post(m.zhou, EntryKind.EXPIRE, -2, local(2026, 11, 25))
    ledger.earn(m.chen, 10, local(2026, 11, 26))  # as much as 张伟明: the member number decides
    ledger.earn(m.li, 4, local(2026, 11, 30, 23, 59, 59))
    # December: neither in the figures nor in the balances at the end of November.
    ledger.earn(m.zhang, 100, local(2026, 12, 1, 0, 0, 0))
    ledger.spend(m.ouyang, 10, local(2026, 12, 1, 9))
    ledger.clock.set(local(2026, 12, 1, 10))
    return m


def test_the_figures_are_the_sums_of_the_entries_in_the_period(ctx: ServiceContext, ledger: Ledger) -> None:
    m = _november(ledger)

    notice = PointsNoticeService(ctx).notice(NOVEMBER)

    expected = ledger.expected(NOVEMBER)
    got = [(r.member_id, r.earned, r.spent, r.balance) for r in notice.rows]
    assert sorted(got) == sorted(expected)
    assert m.wang.id not in {r.member_id for r in notice.rows}
    numbers = {r.member_id: r.member_no for r in notice.rows}
    assert got == sorted(expected, key=lambda r: (-r[1], numbers[r[0]]))  # most earned first, then by number
    assert notice.totals == NoticeTotals(len(expected), sum(r[1] for r in expected), sum(r[2] for r in expected),
                                         sum(r[3] for r in expected))
    assert notice.base_name == BASE and notice.period == NOVEMBER
    assert notice.generated_at == local(2026, 12, 1, 10) and notice.generated_at.utcoffset() == dt.timedelta(hours=8)
    # The balance at the end of the period is what the ledger said then, not now.
    assert {r.member_id: r.balance for r in notice.rows}[m.zhang.id] != PointsService(ctx).balance(m.zhang.id)


def test_rows_are_masked_and_carry_only_the_last_four_digits(ctx: ServiceContext, ledger: Ledger) -> None:
    m = _november(ledger)

    rows = {r.member_id: r for r in PointsNoticeService(ctx).notice(NOVEMBER).rows}

    assert rows[m.zhang.id].masked_name == "张*明" and rows[m.li.id].masked_name == "李*"
    assert rows[m.ouyang.id].masked_name == "欧**燕"
    assert rows[m.zhang.id].member_no == m.zhang.number
    assert rows[m.zhang.id].phone_last4 == m.zhang.masked_phone[-4:]
    assert all(len(r.phone_last4) == 4 for r in rows.values())


def test_other_periods_and_an_empty_one(ctx: ServiceContext, ledger: Ledger) -> None:
    _november(ledger)
    service = PointsNoticeService(ctx)

    for period in (Period.month(2026, 10), Period.quarter(2026, 4), Period.year(2026),
                   Period.custom(dt.date(2026, 11, 10), dt.date(2026, 11, 20)), Period.month(2026, 12)):
        got = [(r.member_id, r.earned, r.spent, r.balance) for r in service.notice(period).rows]
        assert sorted(got) == sorted(ledger.expected(period)), period

    empty = service.notice(Period.month(2026, 9))
    assert empty.rows == () and empty.totals == NoticeTotals(0, 0, 0, 0)


def test_members_of_another_base_are_on_that_base_s_notice(ctx: ServiceContext, admin: Actor,
                                                          ledger: Ledger) -> None:
    m = _november(ledger)
    BaseService(ctx).create_base("南方红色港湾", "NF", actor=admin)
    south = dataclasses.replace(ctx, base_code="NF")
    ledger.clock.set(local(2026, 11, 2))
    visitor = ledger.member("赵敏", south)
    ledger.earn(visitor, 9, local(2026, 11, 3))

    here = PointsNoticeService(ctx).notice(NOVEMBER)
    there = PointsNoticeService(south).notice(NOVEMBER)

    assert visitor.id not in {r.member_id for r in here.rows} and m.zhang.id in {r.member_id for r in here.rows}
    assert [(r.member_id, r.earned, r.balance) for r in there.rows] == [(visitor.id, 9, 9)]
    assert there.base_name == "南方红色港湾"


# -- documents ---------------------------------------------------------------------------------------------------

def _pdf_text(pdf: bytes, tmp_path: Path, name: str = "notice.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@needs_poppler
def test_the_pdf_shows_masked_rows_totals_and_the_board_line(ctx: ServiceContext, admin: Actor, ledger: Ledger,
                                                             tmp_path: Path) -> None:
    m = _november(ledger)
    notice = PointsNoticeService(ctx).notice(NOVEMBER)

    pdf = PointsNoticeService(ctx).export_pdf(admin, NOVEMBER)

    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf, tmp_path)
    flat = re.sub(r"\s+", "", text)
    assert f"{BASE} 红色积分公示" in text
    assert "统计期间：2026年11月（2026-11-01至2026-11-30）" in flat and "生成日期：2026-12-01" in flat
    for column in ("序号", "姓名", "手机尾号", "会员号", "本期获得", "本期使用", "期末余额"):
        assert column in text
    assert "张*明" in text and "欧**燕" in text and m.zhang.number in text
    for full in ("张伟明", "欧阳晓燕", "李华", "王芳"):
        assert full not in text
    assert re.search(r"1[3-9]\d{9}", flat) is None
    totals = notice.totals
    assert re.search(rf"合计（{totals.members}人）{totals.earned}{totals.spent}{totals.balance}", flat)
    for row in notice.rows:
        assert f"{row.member_no}{row.earned}{row.spent}{row.balance}" in flat
    assert "公示期7天，如有异议请联系前台。" in flat and "第1页，共1页" in flat
    assert f"公示单位：{BASE}" in flat


def _name(i: int) -> str:
    # Now and then a name too long for its cell, which wraps onto a second line and makes its row taller.
    return "阿" + "*" * 20 + "提" if i % 25 == 3 else "张*明" if i % 2 else "欧**燕"


def _notice(rows: int) -> PointsNotice:
    made = tuple(NoticeRow(i, _name(i), f"{i % 10_000:04d}", f"MH{i:05d}", i % 50, i % 7 - 2, i % 300)
                 for i in range(1, rows + 1))
    return PointsNotice(BASE, NOVEMBER, made,
                        NoticeTotals(rows, sum(r.earned for r in made), sum(r.spent for r in made),
                                     sum(r.balance for r in made)),
                        local(2026, 12, 1, 9, 30))


@needs_poppler
def test_a_long_notice_repeats_its_header_and_numbers_every_page(tmp_path: Path) -> None:
    text = _pdf_text(points_notice_pdf(_notice(130)), tmp_path)

    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        flat = re.sub(r"\s+", "", page)
        assert "本期获得" in page and "期末余额" in page
        assert f"第{number}页，共{len(pages)}页" in flat
        assert "公示期7天，如有异议请联系前台。" in flat
    on_page = [re.findall(r"MH\d{5}", page) for page in pages]
    assert [n for page in on_page for n in page] == [f"MH{i:05d}" for i in range(1, 131)]  # each once, in order
    assert all(len(page) >= 30 for page in on_page[:-1])  # pages are filled before the next is begun
    assert "合计（130人）" in re.sub(r"\s+", "", pages[-1])


@needs_poppler
def test_an_empty_notice_and_translated_labels(tmp_path: Path) -> None:
    empty = PointsNotice(BASE, NOVEMBER, (), NoticeTotals(0, 0, 0, 0), local(2026, 12, 1, 9))
    assert "本期没有积分变动。" in _pdf_text(points_notice_pdf(empty), tmp_path)

    labels = NoticeLabels(title="{base} — red points notice", period_line="Period: {period}",
                          range=" ({start} to {end})", generated="Generated {date}", name="Name", earned="Earned",
                          board="On display for 7 days.", page="Page {page} of {pages}",
                          period=PeriodWords(month="{year}-{month:02d}"))
    text = _pdf_text(points_notice_pdf(_notice(3), labels), tmp_path, "en.pdf")
    assert "red points notice" in text and "Period: 2026-11 (2026-11-01 to 2026-11-30)" in text
    assert "Earned" in text and "Page 1 of 1" in text and "On display for 7 days." in text


@needs_poppler
def test_the_rendered_page_has_ink_in_the_table_and_nowhere_off_the_page(tmp_path: Path) -> None:
    from PIL import Image

    (tmp_path / "notice.pdf").write_bytes(points_notice_pdf(_notice(12)))
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(tmp_path / "notice.pdf"),
                    str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size
    dark = [(x, y) for y in range(height) for x in range(width) if image.getpixel((x, y)) < 128]
    # Everything drawn stays inside the 15 mm margins (less a little for the grid line's width).
    margin = round(14 / 25.4 * 60)
    assert min(x for x, _ in dark) >= margin and max(x for x, _ in dark) <= width - margin
    assert min(y for _, y in dark) >= margin


def test_the_workbook_has_numbers_as_numbers_and_a_frozen_header(ctx: ServiceContext, admin: Actor,
                                                                 ledger: Ledger) -> None:
    _november(ledger)
    notice = PointsNoticeService(ctx).notice(NOVEMBER)

    data = PointsNoticeService(ctx).export_xlsx(admin, NOVEMBER)

    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None and sheet.title == "积分公示"
    assert sheet["A1"].value == f"{BASE} 红色积分公示"
    assert "2026年11月" in str(sheet["A2"].value) and "2026-12-01" in str(sheet["A2"].value)
    assert [c.value for c in sheet[3]] == ["序号", "姓名", "手机尾号", "会员号", "本期获得", "本期使用", "期末余额"]
    assert sheet.freeze_panes == "A4"
    assert all(sheet.column_dimensions[col].width >= 8 for col in "ABCDEFG")
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=4, max_row=3 + len(notice.rows))]
    assert body == [[i, r.masked_name, r.phone_last4, r.member_no, r.earned, r.spent, r.balance]
                    for i, r in enumerate(notice.rows, start=1)]
    assert all(isinstance(v, int) for row in body for v in (row[0], row[4], row[5], row[6]))
    assert all(isinstance(row[2], str) and len(row[2]) == 4 for row in body)  # "0012" keeps its zeros
    total = [c.value for c in sheet[4 + len(notice.rows)]]
    assert total[1] == f"合计（{notice.totals.members} 人）"
    assert total[4:] == [notice.totals.earned, notice.totals.spent, notice.totals.balance]
    everything = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "张伟明" not in everything and re.search(r"1[3-9]\d{9}", everything) is None


def test_exports_are_audited_and_refused_to_a_merchant(ctx: ServiceContext, admin: Actor,
                                                       ledger: Ledger) -> None:
    _november(ledger)
    service = PointsNoticeService(ctx)
    merchant = Actor(staff_id=None, username="huishang", display_name="汇上佳超市", role=Role.MERCHANT,
                     merchant_id=1)

    service.export_pdf(admin, NOVEMBER)
    service.export_xlsx(admin, Period.quarter(2026, 4))
    with pytest.raises(PermissionDenied):
        service.export_xlsx(merchant, NOVEMBER)

    events = [(e.actor, e.entity, e.entity_id, e.summary) for e in AuditService(ctx).recent(20)
              if e.action == "points_notice_exported"]
    members = len(ledger.expected(NOVEMBER))
    quarter = len(ledger.expected(Period.quarter(2026, 4)))
    assert events == [
        ("admin", "points_notice", "2026-10-01/2026-12-31", f"2026-10-01–2026-12-31: {quarter} member(s) as xlsx"),
        ("admin", "points_notice", "2026-11-01/2026-11-30", f"2026-11-01–2026-11-30: {members} member(s) as pdf"),
    ]
