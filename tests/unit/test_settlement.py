"""Merchant settlement (结算) on both backends: a merchant's redeemed vouchers of a period with their totals, checked
against sums the test makes itself from the vouchers it issued and redeemed (across two months, on the local
month's boundary, at another merchant, unredeemed and voided ones left out); settling once (a second settle of the
same period is refused and writes nothing; a voucher redeemed afterwards goes into the next statement only); the
list of statements; the 结算单 PDF (totals, masked names, no full name or phone, 预览（未结算） on a preview,
header and page numbers on every page) and the workbook (numbers and times typed); exports audited and refused to
anyone but an administrator."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, insert, select

from desk.domain.clock import FixedClock
from desk.domain.errors import NothingToSettle, PermissionDenied
from desk.domain.people import Category
from desk.domain.periods import Period
from desk.domain.staff import Actor, Role
from desk.domain.vouchers import VoucherStatus, yuan
from desk.printing.settlement import SettlementLabels, settlement_pdf, settlement_xlsx
from desk.services.audit import AuditService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService, PersonForm
from desk.services.points import PointsService, new_key
from desk.services.settlements import SettlementService, SettlementStatement, period_of
from desk.services.staff import StaffService
from desk.services.vouchers import SettlementRow, VoucherRow, VoucherService
from desk.storage.models import AuditEvent, Merchant, Reward, Settlement, Voucher

ZONE = ZoneInfo("Asia/Shanghai")
BASE = "明华红色港湾党群服务基地"
OCTOBER, NOVEMBER, DECEMBER = Period.month(2026, 10), Period.month(2026, 11), Period.month(2026, 12)
CASHIER_PASSWORD = "cashier-horse-7"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                   reason="poppler-utils is not installed")


def local(month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=ZONE)


@dataclass(frozen=True)
class Redeemed:
    """What the test itself knows of a voucher it redeemed."""

    code: str
    member: str  # the full name, which no statement may show
    points: int
    face_value_fen: int | None
    redeemed_at: dt.datetime


@dataclass
class World:
    ctx: ServiceContext
    clock: FixedClock
    admin: Actor
    cashier: Actor  # 汇上佳超市's cashier
    vouchers: VoucherService
    settlements: SettlementService
    merchant: int  # 汇上佳超市
    other: int  # 茶香奶茶铺
    rewards: dict[str, int]
    members: dict[str, int]
    redeemed: list[Redeemed]

    def issue(self, member: str, reward: str) -> VoucherRow:
        return self.vouchers.issue(self.admin, self.members[member], self.rewards[reward], new_key()).voucher

    def redeem(self, voucher: VoucherRow, at: dt.datetime, member: str) -> None:
        self.clock.set(at.astimezone(dt.UTC))
        actor = self.cashier if voucher.merchant_id == self.merchant else self.admin
        verdict = self.vouchers.redeem(actor, voucher.code, voucher.merchant_id)
        assert verdict.ok, verdict
        if voucher.merchant_id == self.merchant:
            self.redeemed.append(Redeemed(voucher.code, member, voucher.points, voucher.face_value_fen, at))

    def expected(self, period: Period, settled: frozenset[str] = frozenset()) -> list[Redeemed]:
        start, end = period.bounds(ZONE)
        return [r for r in self.redeemed if start <= r.redeemed_at < end and r.code not in settled]


def _insert(ctx: ServiceContext, table: type, **values: object) -> int:
    with ctx.db.write_core() as conn:
        return int(conn.execute(insert(table).returning(table.id), values).scalar_one())  # type: ignore[attr-defined]


@pytest.fixture
def world(ctx: ServiceContext, clock: FixedClock, admin: Actor) -> World:
    """Vouchers of 汇上佳超市 issued in October and redeemed in October and November (one at 23:30 on the last
    day of October, one at midnight starting November, both local), besides ones redeemed at 茶香奶茶铺, one left
    unredeemed and one voided. The clock ends at 2026-11-28 10:00 local."""
    created = clock.now()
    merchant = _insert(ctx, Merchant, name="汇上佳超市", active=True, created_at=created, address="明华路 8 号",
                       contact_person="周经理", contact_phone="13600001234", category="超市", plaque_no="MH-LM-007",
                       joined_on=dt.date(2026, 3, 1))
    other = _insert(ctx, Merchant, name="茶香奶茶铺", active=True, created_at=created, address="",
                    contact_person="", contact_phone="", category="餐饮", plaque_no="", joined_on=None)

    def reward(merchant_id: int, title: str, points: int, face: int | None) -> int:
        return _insert(ctx, Reward, merchant_id=merchant_id, title=title, terms="", points=points,
                       face_value_fen=face, stock=None, monthly_limit=None, validity_days=120, active=True,
                       created_at=created)

    rewards = {"满50减10": reward(merchant, "汇上佳超市 满50减10", 100, 1000),
               "洗洁精": reward(merchant, "洗洁精一瓶（500ml）", 60, 1250),
               "购物袋": reward(merchant, "环保购物袋", 20, None),  # no cash value
               "奶茶": reward(other, "奶茶一杯", 50, 800)}
    staff = StaffService(ctx).add(admin, "huishang", "汇上佳收银员", Role.MERCHANT, CASHIER_PASSWORD,
                                  CASHIER_PASSWORD, merchant)
    cashier = Actor(staff.id, staff.username, staff.display_name, Role.MERCHANT, merchant)
    people, points = PeopleService(ctx), PointsService(ctx)
    clock.set(local(10, 2).astimezone(dt.UTC))
    members = {}
    for name, phone in (("张明远", "13812345678"), ("李华", "13900001111"), ("欧阳娜娜", "13700002222")):
        person = people.register(admin, PersonForm(name, phone, Category.RESIDENT))
        members[name] = points.join(admin, person.id).id
        points.earn(admin, members[name], 1000, "志愿服务", new_key())
    w = World(ctx, clock, admin, cashier, VoucherService(ctx), SettlementService(ctx), merchant, other, rewards,
              members, [])

    clock.set(local(10, 10).astimezone(dt.UTC))
    a = w.issue("张明远", "满50减10")
    b = w.issue("李华", "洗洁精")
    c = w.issue("欧阳娜娜", "购物袋")
    d = w.issue("张明远", "洗洁精")
    e = w.issue("李华", "满50减10")
    f = w.issue("欧阳娜娜", "奶茶")
    w.issue("张明远", "购物袋")  # never redeemed
    voided = w.issue("李华", "购物袋")
    w.vouchers.void(admin, voided.id, "打印错误")
    w.redeem(a, local(10, 15, 14, 5), "张明远")
    w.redeem(b, local(10, 31, 23, 30), "李华")  # the last half hour of October, local
    w.redeem(c, local(11, 1, 0, 0), "欧阳娜娜")  # midnight: November's
    w.redeem(f, local(11, 2, 9, 0), "欧阳娜娜")  # at the other merchant
    w.redeem(d, local(11, 12, 16, 45), "张明远")
    w.redeem(e, local(11, 28, 10, 0), "李华")
    return w


def _same(row: SettlementRow, expected: list[Redeemed]) -> None:
    """The statement lists exactly these vouchers, in the order redeemed, with totals the test adds up itself."""
    assert [v.code for v in row.vouchers] == [r.code for r in sorted(expected, key=lambda r: r.redeemed_at)]
    assert row.count == len(expected)
    assert row.points == sum(r.points for r in expected)
    assert row.face_value_fen == sum(r.face_value_fen or 0 for r in expected)


# -- figures -----------------------------------------------------------------------------------------------------

def test_the_preview_lists_the_merchants_redeemed_vouchers_of_the_period(world: World) -> None:
    october = world.settlements.preview(world.merchant, OCTOBER)
    november = world.settlements.preview(world.merchant, NOVEMBER)
    assert october.id is None and october.merchant_name == "汇上佳超市" and october.period == OCTOBER
    _same(october, world.expected(OCTOBER))
    _same(november, world.expected(NOVEMBER))
    assert (october.count, october.points, october.face_value_fen) == (2, 160, 2250)
    assert (november.count, november.points, november.face_value_fen) == (3, 180, 2250)
    assert {v.status for v in (*october.vouchers, *november.vouchers)} == {VoucherStatus.REDEEMED}
    assert all(v.merchant_id == world.merchant and not v.settled for v in november.vouchers)
    assert [v.masked_name for v in november.vouchers] == ["欧**娜", "张*远", "李*"]
    assert {v.redeemed_by for v in november.vouchers} == {"汇上佳收银员"}
    quarter = world.settlements.preview(world.merchant, Period.quarter(2026, 4))
    _same(quarter, world.expected(Period.quarter(2026, 4)))
    assert world.settlements.preview(world.other, NOVEMBER).count == 1
    assert world.settlements.preview(world.merchant, DECEMBER).vouchers == ()


def test_settling_marks_the_vouchers_once(world: World) -> None:
    settled = world.settlements.settle(world.admin, world.merchant, NOVEMBER)
    assert settled.id is not None
    _same(settled, world.expected(NOVEMBER))
    assert all(v.settled for v in settled.vouchers)
    assert world.settlements.preview(world.merchant, NOVEMBER).vouchers == ()
    _same(world.settlements.preview(world.merchant, OCTOBER), world.expected(OCTOBER))  # untouched
    assert world.settlements.statement(settled.id) == settled
    audit = AuditService(world.ctx).recent(1)[0]
    assert (audit.action, audit.entity, audit.entity_id) == ("vouchers_settled", "settlement", str(settled.id))

    def written() -> tuple[int, int, int]:
        with world.ctx.db.read() as s:
            return (s.scalar(select(func.count()).select_from(Settlement)) or 0,
                    s.scalar(select(func.count()).select_from(AuditEvent)) or 0,
                    s.scalar(select(func.count()).select_from(Voucher).where(Voucher.settlement_id.is_not(None)))
                    or 0)

    before = written()
    with pytest.raises(NothingToSettle) as refused:
        world.settlements.settle(world.admin, world.merchant, NOVEMBER)
    assert refused.value.params["merchant"] == "汇上佳超市"
    with pytest.raises(NothingToSettle):  # the same days chosen as a custom range
        world.settlements.settle(world.admin, world.merchant, Period.custom(dt.date(2026, 11, 1),
                                                                            dt.date(2026, 11, 30)))
    assert written() == before == (1, before[1], 3)
    # A quarter holding the settled month takes only what is left of it: October's.
    quarter = world.settlements.settle(world.admin, world.merchant, Period.quarter(2026, 4))
    _same(quarter, world.expected(OCTOBER))
    assert written()[0] == 2 and written()[2] == 5


def test_a_voucher_redeemed_after_settling_goes_into_the_next_statement_only(world: World) -> None:
    first = world.settlements.settle(world.admin, world.merchant, NOVEMBER)
    assert first.id is not None
    late = world.issue("欧阳娜娜", "洗洁精")
    world.redeem(late, local(11, 29, 15, 20), "欧阳娜娜")  # still November, after the statement was made
    december = world.issue("张明远", "满50减10")
    world.redeem(december, local(12, 1, 8, 30), "张明远")

    already = frozenset(v.code for v in first.vouchers)
    pending = world.settlements.preview(world.merchant, NOVEMBER)
    assert [v.code for v in pending.vouchers] == [late.code]
    _same(pending, world.expected(NOVEMBER, already))
    world.clock.set(local(12, 2, 9, 0).astimezone(dt.UTC))
    second = world.settlements.settle(world.admin, world.merchant, NOVEMBER)
    assert second.id is not None and second.id != first.id
    _same(second, world.expected(NOVEMBER, already))
    assert world.settlements.statement(first.id) == first  # the first statement keeps what it settled
    _same(world.settlements.settle(world.admin, world.merchant, DECEMBER), world.expected(DECEMBER))

    listed = world.settlements.statements()
    assert [s.period for s in listed] == [DECEMBER, NOVEMBER, NOVEMBER]  # newest first
    assert [s.id for s in listed[1:]] == [second.id, first.id]
    summary = listed[2]
    assert (summary.merchant_name, summary.count, summary.points, summary.face_value_fen) == (
        "汇上佳超市", first.count, first.points, first.face_value_fen)
    assert summary.settled_by == "王建国"
    assert summary.settled_at == local(11, 28, 10, 0)
    assert world.settlements.statements(world.other) == []
    assert len(world.settlements.statements(world.merchant)) == 3


def test_settling_is_for_administrators(world: World) -> None:
    desk = Actor(None, "lixiaomei", "李晓梅", Role.DESK)
    for actor in (desk, world.cashier):
        with pytest.raises(PermissionDenied):
            world.settlements.settle(actor, world.merchant, NOVEMBER)
    assert world.settlements.statements() == []


def test_a_settled_period_is_named_as_it_was_chosen() -> None:
    assert period_of(dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == NOVEMBER
    assert period_of(dt.date(2026, 10, 1), dt.date(2026, 12, 31)) == Period.quarter(2026, 4)
    assert period_of(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == Period.year(2026)
    week = Period.custom(dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert period_of(week.start, week.end) == week


def test_merchants_that_left_the_alliance_can_still_be_settled(world: World) -> None:
    with world.ctx.db.write_core() as conn:
        conn.execute(Merchant.__table__.update().where(Merchant.id == world.other).values(active=False))
    assert [(m.name, m.active) for m in world.settlements.merchants()] == [("汇上佳超市", True),
                                                                          ("茶香奶茶铺", False)]
    assert world.settlements.settle(world.admin, world.other, NOVEMBER).count == 1


# -- documents ---------------------------------------------------------------------------------------------------

def _pdf_text(pdf: bytes, tmp_path: Path, name: str = "statement.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@needs_poppler
def test_the_statement_pdf_has_the_totals_and_masked_members(world: World, tmp_path: Path) -> None:
    settled = world.settlements.settle(world.admin, world.merchant, NOVEMBER)
    world.clock.set(local(12, 1, 9, 0).astimezone(dt.UTC))
    text = _pdf_text(world.settlements.export_pdf(world.admin, settled), tmp_path)
    expected = world.expected(NOVEMBER)
    face = sum(r.face_value_fen or 0 for r in expected)
    assert f"{BASE} 联盟商家结算单" in text
    for line in ("商家：汇上佳超市", "牌匾编号：MH-LM-007", "联系人：周经理", "2026年11月", "2026-11-01 至 2026-11-30",
                 f"JS{settled.id:06d}", "2026-11-28 10:00", "王建国", "基地经办人", "商家确认", "第 1 页，共 1 页",
                 f"合计 {len(expected)} 张", str(sum(r.points for r in expected)), f"¥{yuan(face)}",
                 "欧**娜", "张*远", "李*", "汇上佳收银员", "环保购物袋", "11-01 00:00", "—"):
        assert line in text, line
    for r in expected:
        assert r.code in text
    for hidden in ("张明远", "李华", "欧阳娜娜", "预览", "13600001234"):
        assert hidden not in text
    assert re.search(r"1[3-9]\d{9}", text.replace(" ", "")) is None
    event = AuditService(world.ctx).recent(1)[0]
    assert (event.action, event.entity, event.entity_id) == ("settlement_exported", "settlement", str(settled.id))


@needs_poppler
def test_a_preview_is_marked_as_not_settled(world: World, tmp_path: Path) -> None:
    preview = world.settlements.preview(world.merchant, OCTOBER)
    text = _pdf_text(world.settlements.export_pdf(world.admin, preview), tmp_path)
    assert "预览（未结算）" in text and "尚未结算" in text
    assert "结算单号" not in text
    assert f"¥{yuan(sum(r.face_value_fen or 0 for r in world.expected(OCTOBER)))}" in text
    assert "10-31 23:30" in text and "2026-10-01 至 2026-10-31" in text
    assert AuditService(world.ctx).recent(1)[0].action == "settlement_exported"
    assert world.settlements.preview(world.merchant, OCTOBER) == preview  # exporting settles nothing
    empty = _pdf_text(world.settlements.export_pdf(world.admin, world.settlements.preview(world.merchant, DECEMBER)),
                      tmp_path, "empty.pdf")
    assert "本期没有待结算的兑换券" in empty and "合计 0 张" in empty and "¥0.00" in empty


def test_exports_are_for_administrators(world: World) -> None:
    preview = world.settlements.preview(world.merchant, NOVEMBER)
    for actor in (Actor(None, "lixiaomei", "李晓梅", Role.DESK), world.cashier):
        with pytest.raises(PermissionDenied):
            world.settlements.export_pdf(actor, preview)
        with pytest.raises(PermissionDenied):
            world.settlements.export_xlsx(actor, preview)


def test_the_workbook_has_numbers_and_times(world: World) -> None:
    settled = world.settlements.settle(world.admin, world.merchant, NOVEMBER)
    book = load_workbook(io.BytesIO(world.settlements.export_xlsx(world.admin, settled)))
    sheet = book.active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r[0] == "序号")
    assert sheet.freeze_panes == f"A{header + 2}"
    assert rows[header] == ["序号", "券号", "兑换项目", "会员", "兑换时间", "核销时间", "核销人", "积分", "面值（元）"]
    expected = sorted(world.expected(NOVEMBER), key=lambda r: r.redeemed_at)
    lines = rows[header + 1: header + 1 + len(expected)]
    for number, (line, r) in enumerate(zip(lines, expected, strict=True), start=1):
        assert line[0] == number and line[1] == r.code
        assert line[5] == r.redeemed_at.replace(tzinfo=None)  # the base's local time, as a date-time
        assert isinstance(line[4], dt.datetime) and line[4] <= line[5]
        assert line[7] == r.points and isinstance(line[7], int)
        assert line[8] == (None if r.face_value_fen is None else pytest.approx(r.face_value_fen / 100))
    assert [line[3] for line in lines] == ["欧**娜", "张*远", "李*"]
    totals = rows[header + 1 + len(expected)]
    assert totals[0] == "合计（张）" and totals[1] == len(expected)
    assert totals[7] == sum(r.points for r in expected)
    assert totals[8] == pytest.approx(sum(r.face_value_fen or 0 for r in expected) / 100)
    cells = {str(v) for r in rows for v in r if v is not None}
    assert not cells & {"张明远", "李华", "欧阳娜娜", "13600001234"}
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    event = AuditService(world.ctx).recent(1)[0]
    assert (event.action, event.entity) == ("settlement_exported", "settlement")


# -- a long statement, rendered without a database ----------------------------------------------------------------

def _statement(count: int, preview: bool) -> SettlementStatement:
    at = local(11, 3, 9, 0).astimezone(dt.UTC)
    vouchers = tuple(
        VoucherRow(n, f"HY{n:02d}-3M9Q", VoucherStatus.REDEEMED, n, f"MH{n:05d}", "欧**娜" if n % 3 else "张*远",
                   1, "汇上佳超市", "汇上佳超市 满50减10（限购物满 50 元使用，不与其他优惠同享）" if n % 5 == 0 else "洗洁精一瓶",
                   60 + n, 1250 if n % 4 else None, at - dt.timedelta(days=2), dt.date(2026, 12, 31),
                   at + dt.timedelta(hours=n), "汇上佳收银员", "", 0, not preview)
        for n in range(1, count + 1))
    row = SettlementRow(None if preview else 12, 1, "汇上佳超市", NOVEMBER, vouchers, count,
                        sum(v.points for v in vouchers), sum(v.face_value_fen or 0 for v in vouchers))
    return SettlementStatement(BASE, "汇上佳超市", "MH-LM-007", "周经理", row,
                               None if preview else local(12, 1, 9, 30), "王建国", ZONE, local(12, 1, 9, 30))


@needs_poppler
def test_a_long_statement_repeats_its_header_and_numbers_its_pages(tmp_path: Path) -> None:
    statement = _statement(120, preview=True)
    pdf = settlement_pdf(statement)
    text = _pdf_text(pdf, tmp_path)
    pages = text.split("\f")[:-1]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "兑换项目" in page and "核销时间" in page  # the header row on every page
        assert f"第 {number} 页，共 {len(pages)} 页" in page
        assert "预览（未结算）" in page  # a preview says so on every sheet
    assert "合计 120 张" in pages[-1] and f"¥{yuan(statement.settlement.face_value_fen)}" in pages[-1]
    assert "商家确认" in pages[-1]
    for n in (1, 60, 120):
        assert f"HY{n:02d}-3M9Q" in text
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(tmp_path / "statement.pdf"),
                    str(tmp_path / "page")], check=True)
    assert (tmp_path / "page.png").stat().st_size > 10_000


def test_labels_word_the_workbook() -> None:
    english = SettlementLabels(title="{base} settlement statement", total_label="Total (vouchers)", sheet="Statement",
                               number="No.")
    book = load_workbook(io.BytesIO(settlement_xlsx(_statement(3, preview=False), english)))
    sheet = book["Statement"]
    values = [v for r in sheet.iter_rows(values_only=True) for v in r if v is not None]
    assert f"{BASE} settlement statement" in values and "Total (vouchers)" in values and "No." in values
    assert "JS000012" in " ".join(str(v) for v in values)
