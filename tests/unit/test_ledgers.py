"""The 台账 of bookings, charging sessions, the points ledger and vouchers on both backends, from the two days of
ledger_data.py: every cell of the XLSX and the CSV against what the test reads from the database itself (real dates
and numbers in the workbook, a BOM in the CSV, phones masked, names as stored); the PDF's text (title, date range,
total, a row on its last page, the header and page number on every page); refused exports (format, range, role,
an unwritable folder) leave no file and no audit event; every export is audited."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from ledger_data import FROM, PHONES, TO, ZONE, World, build_world
from openpyxl import load_workbook
from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from desk.domain.clock import FixedClock
from desk.domain.errors import BadFormat, EndBeforeStart, ExportFailed, PermissionDenied, RangeTooLong
from desk.domain.people import Category
from desk.domain.staff import Actor, Role
from desk.domain.voucher_code import serial_code
from desk.printing.ledgers import BookingWords
from desk.services import audit as audit_module
from desk.services.audit import AuditService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.ledger_exports import LedgerExportService
from desk.services.people import PeopleService, PersonForm
from desk.services.points import PointsService, new_key
from desk.storage.models import (
    Booking,
    Facility,
    Member,
    Merchant,
    Person,
    PointsEntry,
    Project,
    ProjectClaim,
    Reward,
    ServiceBase,
    Staff,
    Unit,
    Voucher,
)

BASE = "明华红色港湾党群服务基地"
BARE_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
STATES = {"booked": "已预约", "checked_in": "已签到", "completed": "已完成", "cancelled": "已取消", "no_show": "未到"}
KINDS = {"earn": "获得", "spend": "兑换", "refund": "退还", "adjust": "调整", "expire": "过期", "reverse": "冲正"}
STATUSES = {"issued": "未使用", "redeemed": "已核销", "void": "已作废", "expired": "已过期"}
EXPORTED = {"bookings": "bookings_exported", "charging": "charging_exported", "ledger": "points_ledger_exported",
            "vouchers": "vouchers_exported"}
MERCHANT = Actor(staff_id=None, username="huishang", display_name="收银员", role=Role.MERCHANT, merchant_id=1)


@pytest.fixture
def world(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> World:
    return build_world(ctx, admin, clock)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


# -- what the database holds, read by the test ---------------------------------------------------------------------

def _masked(phone: str | None) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if phone else ""


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(ZONE) if moment is not None else None


def _in_range(moment: dt.datetime) -> bool:
    return FROM <= moment.astimezone(ZONE).date() <= TO


def _expected_bookings(ctx: ServiceContext, charging_only: bool = False) -> list[Any]:
    with ctx.db.read() as s:
        rows = s.execute(
            select(Booking, Unit.name, Facility.name, Facility.kind, Person.name, Person.phone, Staff.display_name)
            .join(Unit, Unit.id == Booking.unit_id).join(Facility, Facility.id == Unit.facility_id)
            .outerjoin(Person, Person.id == Booking.person_id).outerjoin(Staff, Staff.id == Booking.created_by)
        ).all()
    rows = [r for r in rows if _in_range(r[0].starts_at)
            and (not charging_only or r[3] in ("ebike_charging", "phone_charging"))]
    return sorted(rows, key=lambda r: (r[0].starts_at, r[0].id))


def _booking_cells(r: Any) -> tuple[Any, ...]:
    booking, unit, facility, _kind, name, phone, staff = r
    starts, ends = _local(booking.starts_at), _local(booking.ends_at)
    assert starts is not None and ends is not None
    who = "匿名" if booking.person_id is None else name
    return (starts.date(), facility, unit, starts, ends, int((ends - starts).total_seconds()) // 60, who,
            _masked(phone), booking.party_size, STATES[booking.state], booking.cancel_reason,
            _local(booking.checked_in_at), staff or "")


def _charging_cells(r: Any, now: dt.datetime) -> tuple[Any, ...]:
    booking, unit, facility, kind, name, phone, _staff = r
    began = _local(booking.checked_in_at or booking.starts_at)
    ends = _local(booking.ends_at)
    assert began is not None and ends is not None
    stopped = _local(booking.finished_at) if booking.state == "completed" else None
    overdue = stopped > ends if stopped is not None else booking.state == "checked_in" and now > ends
    safety = "" if kind != "ebike_charging" else ("已勾选" if booking.safety_checked else "未勾选")
    return (_local(booking.starts_at).date(), facility, unit, began, ends, stopped,  # type: ignore[union-attr]
            int((stopped - began).total_seconds()) // 60 if stopped else None,
            "匿名" if booking.person_id is None else name, _masked(phone), safety, "是" if overdue else "否",
            STATES[booking.state])


def _expected_entries(ctx: ServiceContext) -> list[tuple[Any, ...]]:
    with ctx.db.read() as s:
        base_id = s.execute(select(ServiceBase.id)).scalar_one()
        rows = s.execute(
            select(PointsEntry, Person.member_no, Person.name, Person.phone, Staff.display_name, Project.title)
            .join(Member, Member.id == PointsEntry.member_id).join(Person, Person.id == Member.person_id)
            .outerjoin(Staff, Staff.id == PointsEntry.staff_id)
            .outerjoin(ProjectClaim, and_(PointsEntry.ref_kind == "claim", ProjectClaim.id == PointsEntry.ref_id))
            .outerjoin(Project, Project.id == ProjectClaim.project_id)
            .where(Member.base_id == base_id)
        ).all()
    cells = []
    for entry, number, name, phone, staff, project in sorted(rows, key=lambda r: (r[0].at, r[0].id)):
        if not _in_range(entry.at):
            continue
        if entry.reverses_id is not None:
            reference = f"冲正第 {entry.reverses_id} 号"
        elif entry.ref_kind == "voucher":
            reference = f"兑换券 {serial_code(entry.ref_id)}"
        else:
            reference = f"项目：{project}" if project else ""
        cells.append((entry.id, _local(entry.at), number, name, _masked(phone), KINDS[entry.kind], entry.amount,
                      entry.balance_after, entry.reason, reference, staff or ""))
    return cells


def _expected_vouchers(ctx: ServiceContext) -> list[tuple[Any, ...]]:
    redeemer = aliased(Staff)
    with ctx.db.read() as s:
        rows = s.execute(
            select(Voucher, Reward.title, Merchant.name, Person.member_no, Person.name, redeemer.display_name)
            .join(Reward, Reward.id == Voucher.reward_id).join(Merchant, Merchant.id == Voucher.merchant_id)
            .join(Member, Member.id == Voucher.member_id).join(Person, Person.id == Member.person_id)
            .outerjoin(redeemer, redeemer.id == Voucher.redeemed_by)
        ).all()
    cells = []
    for v, title, merchant, number, name, by in sorted(rows, key=lambda r: (r[0].issued_at, r[0].id)):
        if not _in_range(v.issued_at):
            continue
        face = Decimal(v.face_value_fen) / 100 if v.face_value_fen is not None else None
        cells.append((serial_code(v.id), title, merchant, number, name, v.points, face, STATUSES[v.status],
                      _local(v.issued_at), v.expires_on, _local(v.redeemed_at), by or "", _local(v.voided_at),
                      v.void_reason, f"JS{v.settlement_id:06d}" if v.settlement_id else ""))
    return cells


# -- how a file reads back -------------------------------------------------------------------------------------------

def _as_xlsx(value: Any) -> Any:
    """A cell as openpyxl reads it back: dates as midnight, times without zone, money as a number, "" as empty."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0))
    if isinstance(value, Decimal):
        return float(value)
    return None if value == "" else value


def _as_csv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, str) and value[:1] in "=+-@" and value:
        return "'" + value
    return str(value)


def _xlsx(path: Path) -> tuple[Any, list[tuple[Any, ...]]]:
    sheet = load_workbook(path).active
    return sheet, list(sheet.iter_rows(min_row=2, values_only=True))


def _csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8 only with the BOM
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def _no_phone_in(path: Path) -> None:
    """Not a full number anywhere in the file (every part of a workbook, not only what openpyxl reads)."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            text = " ".join(archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist())
    elif path.suffix == ".pdf":
        text = _pdftotext(path).replace(" ", "")
    else:
        text = path.read_text(encoding="utf-8-sig")
    assert not any(phone in text for phone in PHONES)
    assert BARE_PHONE.search(text) is None


def _pdftotext(path: Path, page: int | None = None) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else [])
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def _events(ctx: ServiceContext) -> list[tuple[str, str, str, str]]:
    return [(e.actor, e.action, e.entity, e.summary) for e in AuditService(ctx).recent(100)
            if e.action in EXPORTED.values()]


def _check_spreadsheets(ctx: ServiceContext, world: World, out: Path, area: str, header: list[str],
                        expected: list[tuple[Any, ...]]) -> None:
    service = LedgerExportService(ctx)
    export = getattr(service, area)
    result = export(world.desk, FROM, TO, out / f"{area}.xlsx")
    assert result.rows == len(expected) > 0
    sheet, rows = _xlsx(out / f"{area}.xlsx")
    assert sheet.freeze_panes == "A2" and [c.value for c in sheet[1]] == header
    assert all((sheet.column_dimensions[chr(ord("A") + i)].width or 0) >= 6 for i in range(len(header)))
    assert rows == [tuple(_as_xlsx(v) for v in row) for row in expected]
    export(world.admin, FROM, TO, out / f"{area}.csv")
    lines = _csv(out / f"{area}.csv")
    assert lines[0] == header
    assert lines[1:] == [[_as_csv(v) for v in row] for row in expected]
    for path in (out / f"{area}.xlsx", out / f"{area}.csv"):
        _no_phone_in(path)


# -- bookings --------------------------------------------------------------------------------------------------------

def test_bookings_in_every_format(ctx: ServiceContext, world: World, out: Path) -> None:
    expected = [_booking_cells(r) for r in _expected_bookings(ctx)]
    inside = {key for key in world.bookings if key != "b0"}  # b0 lies on the day before the range
    assert len(expected) == len(inside)
    header = ["日期", "设施", "位置", "开始", "结束", "时长（分钟）", "姓名", "电话", "人数", "状态", "取消原因", "签到时间",
              "经办人"]
    _check_spreadsheets(ctx, world, out, "bookings", header, expected)

    sheet, rows = _xlsx(out / "bookings.xlsx")
    assert {row[9] for row in rows} == set(STATES.values())
    cancelled = next(row for row in rows if row[9] == "已取消")
    assert cancelled[10] == "临时有事" and cancelled[6] == "李四" and cancelled[7] == "137****1234"
    party = next(row for row in rows if row[8] > 1)
    assert party[6] == "=1+2" and sheet.cell(row=rows.index(party) + 2, column=7).data_type == "s"
    for row in rows:
        assert isinstance(row[0], dt.datetime) and isinstance(row[3], dt.datetime)
        assert isinstance(row[5], int) and isinstance(row[8], int)

    result = LedgerExportService(ctx).bookings(world.desk, FROM, TO, out / "bookings.pdf")
    assert result.rows == len(expected)
    text = _pdftotext(out / "bookings.pdf")
    assert f"{BASE} 预约台账" in text and f"日期：{FROM} 至 {TO}" in text
    states = Counter(row[9] for row in expected)
    assert (f"合计：{len(expected)} 条预约，{sum(r[8] for r in expected)} 人次，{sum(r[5] for r in expected)} 分钟；"
            f"已完成 {states['已完成']} 条，已取消 {states['已取消']} 条，未到 {states['未到']} 条") in text
    assert "临时有事" in text and "138****5678" in text and "第 1 页，共 1 页" in text
    last = expected[-1]
    assert re.search(rf"{last[0]}\s+{last[1]}\s+{last[2]}\s+{last[3]:%H:%M}\s+{last[4]:%H:%M}", text)
    _no_phone_in(out / "bookings.pdf")

    # The words come from the caller (the window passes them in its language).
    words = BookingWords(name="Name", anonymous="(anonymous)", states={"cancelled": "Cancelled"})
    LedgerExportService(ctx).bookings(world.admin, FROM, TO, out / "en.csv", words)
    lines = _csv(out / "en.csv")
    assert lines[0][6] == "Name"
    assert "(anonymous)" in [line[6] for line in lines[1:]] and "Cancelled" in [line[9] for line in lines[1:]]


# -- charging sessions ---------------------------------------------------------------------------------------------

def test_charging_sessions(ctx: ServiceContext, world: World, out: Path) -> None:
    now = ctx.clock.now()
    raw = _expected_bookings(ctx, charging_only=True)
    expected = [_charging_cells(r, now) for r in raw]
    assert len(expected) == len([key for key in world.bookings if key.startswith("c")])
    header = ["日期", "设施", "充电位", "开始", "预计结束", "结束", "时长（分钟）", "姓名", "电话", "安全检查", "超时",
              "状态"]
    _check_spreadsheets(ctx, world, out, "charging", header, expected)
    by_id = {r[0].id: cells for r, cells in zip(raw, expected, strict=True)}
    stopped_late, socket, running = (by_id[world.bookings[key]] for key in ("c1", "c2", "c3"))
    assert stopped_late[10] == "是" and stopped_late[5] > stopped_late[4] and stopped_late[9] == "已勾选"
    assert socket[7] == "匿名" and socket[9] == "" and socket[10] == "否"
    assert running[5] is None and running[6] is None and running[10] == "是" and running[11] == "已签到"

    LedgerExportService(ctx).charging(world.admin, FROM, TO, out / "charging.pdf")
    text = _pdftotext(out / "charging.pdf")
    minutes = [row[6] for row in expected if row[6] is not None]
    overdue = sum(1 for row in expected if row[10] == "是")
    assert f"{BASE} 充电台账" in text
    assert f"合计：{len(expected)} 次充电，已结束 {len(minutes)} 次，共 {sum(minutes)} 分钟；超时 {overdue} 次" in text


# -- the points ledger ---------------------------------------------------------------------------------------------

def test_points_ledger(ctx: ServiceContext, world: World, out: Path) -> None:
    expected = _expected_entries(ctx)
    header = ["流水号", "时间", "会员号", "姓名", "电话", "类型", "积分", "余额", "原因", "关联", "经办人"]
    _check_spreadsheets(ctx, world, out, "ledger", header, expected)
    _sheet, rows = _xlsx(out / "ledger.xlsx")
    assert {row[5] for row in rows} == {"获得", "兑换", "退还", "调整", "冲正"}
    assert f"项目：{world.project}" in [row[9] for row in rows]
    assert all(isinstance(row[6], int) and isinstance(row[7], int) for row in rows)
    # The balance after the last entry of the range is the member's balance now (no entry came later).
    assert rows[-1][7] == PointsService(ctx).balance(world.members["rider"])

    LedgerExportService(ctx).ledger(world.admin, FROM, TO, out / "ledger.pdf")
    text = _pdftotext(out / "ledger.pdf")
    sums: Counter[str] = Counter()
    for row in expected:
        sums[row[5]] += row[6]
    assert f"{BASE} 积分流水台账" in text
    assert (f"合计：{len(expected)} 条流水；获得 {sums['获得']}，兑换 {sums['兑换']}，退还 {sums['退还']}，"
            f"调整 {sums['调整']}，冲正 {sums['冲正']}，过期 {sums['过期']}；净变动 {sum(sums.values()):+d}") in text


def test_a_long_ledger_prints_on_numbered_pages(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                                out: Path) -> None:
    points = PointsService(ctx)
    member = points.join(admin, PeopleService(ctx).register(admin, PersonForm("王芳", PHONES[0], Category.RESIDENT)).id)
    for n in range(70):
        clock.advance(minutes=1)
        points.earn(admin, member.id, 1, f"阅读打卡第{n + 1}天", new_key())
    expected = _expected_entries(ctx)
    LedgerExportService(ctx).ledger(admin, FROM, TO, out / "long.pdf")
    text = _pdftotext(out / "long.pdf")
    pages = text.count("\f")
    assert pages >= 3
    for page in range(1, pages + 1):
        on_page = _pdftotext(out / "long.pdf", page)
        assert "流水号" in on_page and "经办人" in on_page
        assert f"第 {page} 页，共 {pages} 页" in on_page
    last_page = _pdftotext(out / "long.pdf", pages)
    last = expected[-1]
    assert re.search(rf"{last[0]}\s+{last[1]:%Y-%m-%d %H:%M}\s+{last[2]}\s+{last[3]}", last_page)
    assert last[8] in last_page and f"合计：{len(expected)} 条流水" in last_page


# -- vouchers --------------------------------------------------------------------------------------------------------

def test_vouchers(ctx: ServiceContext, world: World, out: Path) -> None:
    expected = _expected_vouchers(ctx)
    assert len(expected) == len([key for key in world.vouchers if key != "v0"])
    header = ["券码", "兑换项目", "商家", "会员号", "姓名", "积分", "面值（元）", "状态", "发券时间", "有效期至", "核销时间",
              "核销人", "作废/过期时间", "作废原因", "结算单号"]
    _check_spreadsheets(ctx, world, out, "vouchers", header, expected)
    sheet, rows = _xlsx(out / "vouchers.xlsx")
    assert {row[7] for row in rows} == {"未使用", "已作废", "已核销"}
    with_value = next(i for i, row in enumerate(rows) if row[6] is not None)
    money = sheet.cell(row=with_value + 2, column=7)
    assert money.data_type == "n" and money.number_format == "0.00"
    settled = next(row for row in rows if row[14])
    assert settled[7] == "已核销" and settled[11] == "王建国"

    LedgerExportService(ctx).vouchers(world.admin, FROM, TO, out / "vouchers.pdf")
    text = _pdftotext(out / "vouchers.pdf")
    statuses = Counter(row[7] for row in expected)
    value = sum((row[6] for row in expected if row[6] is not None), Decimal(0))
    assert f"{BASE} 兑换券台账" in text
    assert (f"合计：{len(expected)} 张兑换券，{sum(row[5] for row in expected)} 积分，面值 {value:.2f} 元；"
            f"已核销 {statuses['已核销']} 张，未使用 {statuses['未使用']} 张，已作废 {statuses['已作废']} 张，"
            f"已过期 {statuses['已过期']} 张") in text
    assert all(row[0] in text for row in expected)
    # The first page as an image (looked at by eye when the layout changes): landscape, and no character the
    # font lacks (a □ would stand for it).
    assert "□" not in text
    if shutil.which("pdftoppm") is not None:
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(out / "vouchers.pdf"),
                        str(out / "page")], check=True)
        from PIL import Image

        with Image.open(out / "page.png") as image:
            assert image.size[0] > image.size[1]


# -- an empty range, audit, refusals ---------------------------------------------------------------------------------

def test_an_empty_range(ctx: ServiceContext, admin: Actor, out: Path) -> None:
    service = LedgerExportService(ctx)
    assert service.vouchers(admin, FROM, FROM, out / "none.csv").rows == 0
    assert _csv(out / "none.csv")[1:] == []
    assert service.bookings(admin, FROM, FROM, out / "none.pdf").rows == 0
    text = _pdftotext(out / "none.pdf")
    assert "此期间没有记录。" in text and f"日期：{FROM}" in text and "合计：0 条预约" in text


def test_every_export_is_audited(ctx: ServiceContext, world: World, out: Path) -> None:
    service = LedgerExportService(ctx)
    made = []
    for area, suffix in (("bookings", "xlsx"), ("charging", "csv"), ("ledger", "pdf"), ("vouchers", "xlsx")):
        result = getattr(service, area)(world.desk, FROM, TO, out / f"{area}.{suffix}")
        made.append(("lixiaomei", EXPORTED[area],
                     f"{FROM}–{TO}: {result.rows} row(s) as {suffix} ({area}.{suffix})"))
    assert [(actor, action, summary) for actor, action, _entity, summary in reversed(_events(ctx))] == made
    assert [entity for *_rest, entity, _summary in reversed(_events(ctx))] == [
        "booking", "booking", "points_entry", "voucher"]
    assert CheckService(ctx).run() == []


def test_refused_exports_write_nothing(ctx: ServiceContext, admin: Actor, out: Path) -> None:
    blocked = out / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    for area in EXPORTED:
        _refused(LedgerExportService(ctx), admin, out, area)
    assert [p.name for p in out.iterdir()] == ["a-file"]
    assert _events(ctx) == []
    for area in EXPORTED:  # a year, leap day included, is the longest range
        assert getattr(LedgerExportService(ctx), area)(admin, dt.date(2027, 1, 1), dt.date(2028, 1, 1),
                                                       out / f"{area}.csv").rows == 0


def _refused(service: LedgerExportService, admin: Actor, out: Path, area: str) -> None:
    export = getattr(service, area)
    with pytest.raises(BadFormat) as bad:
        export(admin, FROM, TO, out / f"{area}.txt")
    assert bad.value.field == "path"
    with pytest.raises(BadFormat):
        export(admin, FROM, TO, out / area)
    with pytest.raises(EndBeforeStart):
        export(admin, TO, FROM, out / f"{area}.xlsx")
    with pytest.raises(RangeTooLong) as long:
        export(admin, FROM, FROM + dt.timedelta(days=366), out / f"{area}.xlsx")
    assert long.value.params == {"days": 366}
    with pytest.raises(PermissionDenied):
        export(MERCHANT, FROM, TO, out / f"{area}.csv")
    with pytest.raises(ExportFailed) as failed:
        export(admin, FROM, TO, out / "a-file" / f"{area}.pdf")
    assert failed.value.field == "path" and failed.value.params["detail"]


def test_a_failed_audit_leaves_no_file(ctx: ServiceContext, admin: Actor, out: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(audit_module, "record", broken)
    with pytest.raises(RuntimeError):
        LedgerExportService(ctx).ledger(admin, FROM, TO, out / "ledger.xlsx")
    assert list(out.iterdir()) == []


def test_a_failed_write_keeps_the_earlier_file(ctx: ServiceContext, admin: Actor, out: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from desk.services import ledger_exports

    path = out / "vouchers.xlsx"
    path.write_text("an earlier export", encoding="utf-8")

    def broken(*_args: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ledger_exports, "write_xlsx", broken)
    with pytest.raises(ExportFailed):
        LedgerExportService(ctx).vouchers(admin, FROM, TO, path)
    assert path.read_text(encoding="utf-8") == "an earlier export"
    assert [p.name for p in out.iterdir()] == ["vouchers.xlsx"] and _events(ctx) == []
