"""Exports of the visit log on both backends: XLSX with real dates and numbers and a frozen header, CSV with a BOM,
the day's 台账 as PDF (Chinese title and headers, masked phones, header on every page, page numbers); phones are
masked everywhere; every export is audited; a refused or failed export leaves no file behind."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from visitlog_data import PHONES, START, Log, build_log, local

from desk.domain.clock import FixedClock
from desk.domain.errors import BadFormat, EndBeforeStart, ExportFailed, PermissionDenied
from desk.domain.people import Category, Purpose
from desk.domain.staff import Actor, Role
from desk.printing.register import VisitWords
from desk.services import audit as audit_module
from desk.services import exports as exports_module
from desk.services.audit import AuditService
from desk.services.context import ServiceContext
from desk.services.exports import ExportService
from desk.services.people import PeopleService, PersonForm
from desk.services.staff import StaffService
from desk.services.visits import VisitService

BASE = "明华红色港湾党群服务基地"
HEADERS = ["日期", "到达", "离开", "时长（分钟）", "姓名", "电话", "类别", "平台", "事由", "人数", "驿站服务", "离开方式",
           "经办人"]
FROM, TO = dt.date(2026, 11, 26), dt.date(2026, 11, 28)
BARE_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@pytest.fixture
def log(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> Log:
    return build_log(ctx, admin, clock)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the exported files (the database lives in tmp_path)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def _exports(ctx: ServiceContext) -> list[tuple[str, str, str]]:
    return [(e.actor, e.action, e.summary) for e in AuditService(ctx).recent(50) if e.action == "visits_exported"]


def _no_phone_in(text: str) -> None:
    for phone in PHONES:
        assert phone not in text
    assert BARE_PHONE.search(text) is None


# -- XLSX ----------------------------------------------------------------------------------------------------------

def test_xlsx_has_real_dates_and_numbers_and_a_frozen_header(ctx: ServiceContext, log: Log, out: Path) -> None:
    path = out / "到访记录.xlsx"
    result = ExportService(ctx).visits(log.desk, FROM, TO, path)
    assert (result.path, result.rows) == (path, 13)

    book = load_workbook(path)
    sheet = book["到访记录"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == HEADERS
    assert all(sheet.column_dimensions[letter].width >= 6 for letter in "ABCDEFGHIJKLM")
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 13
    by_name = {row[4]: row for row in rows}
    wangwu = by_name["王五"]
    # 23:50 on the 26th in the base's zone, left 20 minutes later, after midnight; a party of three.
    assert wangwu[0] == dt.datetime(2026, 11, 26)
    assert wangwu[1] == dt.datetime(2026, 11, 26, 23, 50)
    assert wangwu[2] == dt.datetime(2026, 11, 27, 0, 10)
    assert (wangwu[3], wangwu[9]) == (20, 3)
    assert (wangwu[6], wangwu[8], wangwu[11], wangwu[12]) == ("群众", "会议活动", "手动", "王建国")
    for row in rows:
        assert isinstance(row[0], dt.datetime) and isinstance(row[1], dt.datetime)
        assert isinstance(row[9], int)
        assert row[2] is None or isinstance(row[2], dt.datetime)
        assert row[3] is None or isinstance(row[3], int)
    cells = {c.coordinate: c for c in sheet[2]}
    assert cells["A2"].number_format == "yyyy-mm-dd" and cells["B2"].number_format == "yyyy-mm-dd hh:mm"
    assert cells["J2"].data_type == "n"
    assert [r[1] for r in rows] == sorted(r[1] for r in rows)  # check-in order

    lisi = [row for row in rows if row[4] == "李四"]
    assert [row[5] for row in lisi] == ["137****1234", "137****1234"] and lisi[0][12] == "李晓梅"
    courier = by_name["（美团）"]
    assert (courier[5], courier[6], courier[7], courier[8], courier[10]) == (
        None, "新就业群体", "美团", "休息", "热水、休息")
    assert by_name["（群众）"][9] == 2
    ouyang = by_name["欧阳𠮷祥"]
    assert (ouyang[2], ouyang[11]) == (dt.datetime(2026, 11, 27, 21, 0), "闭馆自动")
    on_site = [row for row in rows if row[2] is None]
    assert len(on_site) == 3 and all(row[11] is None for row in on_site)


def test_xlsx_holds_no_unmasked_phone_anywhere(ctx: ServiceContext, log: Log, out: Path) -> None:
    path = out / "all.xlsx"
    ExportService(ctx).visits(log.admin, dt.date(2025, 1, 1), TO, path)
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str | int):
                    _no_phone_in(str(value))
    with zipfile.ZipFile(path) as archive:  # every part of the file, not only what openpyxl reads back
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8", errors="replace")
            for phone in PHONES:
                assert phone not in text, name
    masked = [c.value for c in book.active["F"] if c.value and "*" in str(c.value)]
    assert "138****1234" in masked and "150****9999" in masked


def test_typed_formulas_stay_text(ctx: ServiceContext, admin: Actor, clock: FixedClock, out: Path) -> None:
    """A name typed as "=…" is exported as text, never as a formula a spreadsheet would run."""
    person = PeopleService(ctx).register(admin, PersonForm("=HYPERLINK(1)", "", Category.RESIDENT))
    VisitService(ctx).check_in(admin, person.id, Purpose.READING)
    today = START.date()
    ExportService(ctx).visits(admin, today, today, out / "v.xlsx")
    cell = load_workbook(out / "v.xlsx").active["E2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")
    ExportService(ctx).visits(admin, today, today, out / "v.csv")
    rows = list(csv.reader(io.StringIO((out / "v.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1][4] == "'=HYPERLINK(1)"


# -- CSV -----------------------------------------------------------------------------------------------------------

def test_csv_has_a_bom_and_masked_phones(ctx: ServiceContext, log: Log, out: Path) -> None:
    path = out / "visits.csv"
    result = ExportService(ctx).visits(log.admin, FROM, FROM, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8 only with the BOM
    text = raw.decode("utf-8-sig")
    _no_phone_in(text)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADERS
    assert len(rows) - 1 == result.rows == 5
    assert [row[4] for row in rows[1:]] == ["张三", "（群众）", "（美团）", "李四", "王五"]
    assert rows[1][:6] == ["2026-11-26", "2026-11-26 09:05", "2026-11-26 09:55", "50", "张三", "138****1234"]
    assert rows[5][2] == "2026-11-27 00:10"


def test_words_come_from_the_caller(ctx: ServiceContext, log: Log, out: Path) -> None:
    words = VisitWords(name="Name", anonymous="({what})", categories={"resident": "Resident"},
                       platforms={"meituan": "Meituan"})
    ExportService(ctx).visits(log.admin, FROM, FROM, out / "en.csv", words)
    rows = list(csv.reader(io.StringIO((out / "en.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][4] == "Name"
    assert [row[4] for row in rows[1:3]] == ["张三", "(Resident)"] and rows[3][4] == "(Meituan)"


# -- refused and failed exports ------------------------------------------------------------------------------------

def test_refused_exports_write_nothing(ctx: ServiceContext, log: Log, out: Path) -> None:
    service = ExportService(ctx)
    with pytest.raises(BadFormat) as bad:
        service.visits(log.admin, FROM, TO, out / "visits.pdf")
    assert bad.value.field == "path"
    with pytest.raises(EndBeforeStart):
        service.visits(log.admin, TO, FROM, out / "visits.xlsx")
    StaffService(ctx).add(log.admin, "huishang", "收银员", Role.MERCHANT, "hongse-cash-2026", "hongse-cash-2026",
                          merchant_id=_merchant(ctx))
    cashier = Actor(None, "huishang", "收银员", Role.MERCHANT, 1)
    with pytest.raises(PermissionDenied):
        service.visits(cashier, FROM, TO, out / "visits.csv")
    with pytest.raises(PermissionDenied):
        service.register_pdf(cashier, FROM, out / "day.pdf")
    assert list(out.iterdir()) == []
    assert _exports(ctx) == []


def _merchant(ctx: ServiceContext) -> int:
    from desk.storage.models import Merchant

    with ctx.db.write() as s:
        merchant = Merchant(name="汇上佳超市", created_at=START)
        s.add(merchant)
        s.flush()
        return merchant.id


def test_a_failed_audit_leaves_no_file(ctx: ServiceContext, log: Log, out: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(audit_module, "record", broken)
    with pytest.raises(RuntimeError):
        ExportService(ctx).visits(log.admin, FROM, TO, out / "visits.xlsx")
    assert list(out.iterdir()) == []


def test_a_failed_write_keeps_the_old_file(ctx: ServiceContext, log: Log, out: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = out / "visits.csv"
    path.write_text("an earlier export", encoding="utf-8")

    def broken(*_args: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(exports_module, "_write_csv", broken)
    with pytest.raises(ExportFailed):
        ExportService(ctx).visits(log.admin, FROM, TO, path)
    assert path.read_text(encoding="utf-8") == "an earlier export"
    assert [p.name for p in out.iterdir()] == ["visits.csv"]
    assert _exports(ctx) == []


# -- audit ---------------------------------------------------------------------------------------------------------

def test_every_export_is_audited(ctx: ServiceContext, log: Log, out: Path) -> None:
    service = ExportService(ctx)
    service.visits(log.desk, FROM, TO, out / "a.xlsx")
    service.visits(log.admin, FROM, FROM, out / "b.csv")
    service.register_pdf(log.desk, dt.date(2026, 11, 27), out / "c.pdf")
    assert _exports(ctx) == [
        ("lixiaomei", "visits_exported", "2026-11-27: 4 row(s) as pdf register (c.pdf)"),
        ("admin", "visits_exported", "2026-11-26–2026-11-26: 5 row(s) as csv (b.csv)"),
        ("lixiaomei", "visits_exported", "2026-11-26–2026-11-28: 13 row(s) as xlsx (a.xlsx)"),
    ]
    from desk.services.checks import CheckService

    assert CheckService(ctx).run() == []


# -- the PDF register ----------------------------------------------------------------------------------------------

def _pdftotext(path: Path, *pages: int) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_register_pdf_has_the_title_headers_and_masked_phones(ctx: ServiceContext, log: Log,
                                                               out: Path) -> None:
    path = out / "台账.pdf"
    result = ExportService(ctx).register_pdf(log.admin, FROM, path)
    assert result.rows == 5 and path.read_bytes().startswith(b"%PDF")
    text = _pdftotext(path)
    assert f"{BASE} 到访登记台账" in text
    assert "日期：2026-11-26" in text and "共 5 条登记，合计 8 人次" in text
    header_line = next(line for line in text.splitlines() if "经办人" in line)
    assert re.findall(r"\S+", header_line) == ["日期", "姓名", "电话", "类别", "事由", "到达", "离开", "经办人"]
    assert "138****1234" in text and "137****1234" in text
    _no_phone_in(text.replace(" ", ""))
    assert "（群众） 等 2 人" in text and "（美团）" in text and "王五 等 3 人" in text
    assert "23:50" in text and "00:10" in text and "李晓梅" in text
    assert "第 1 页，共 1 页" in text


def test_register_pdf_repeats_the_header_on_every_page(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                                        out: Path) -> None:
    visits = VisitService(ctx)
    for minute in range(70):
        clock.set(local(25, 9) + dt.timedelta(minutes=5 * minute))
        visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.READING)
    path = out / "long.pdf"
    ExportService(ctx).register_pdf(admin, dt.date(2026, 11, 25), path)
    text = _pdftotext(path)
    pages = text.count("\f")
    assert pages >= 2
    for page in range(1, pages + 1):
        on_page = _pdftotext(path, page)
        assert "经办人" in on_page and "事由" in on_page
        assert f"第 {page} 页，共 {pages} 页" in on_page
    assert text.count("（群众）") == 70


def test_register_pdf_of_an_empty_day(ctx: ServiceContext, admin: Actor, out: Path) -> None:
    path = out / "empty.pdf"
    assert ExportService(ctx).register_pdf(admin, dt.date(2026, 11, 1), path).rows == 0
    text = _pdftotext(path)
    assert "当日没有到访登记。" in text and "共 0 条登记，合计 0 人次" in text


def test_register_page_renders_without_boxes(ctx: ServiceContext, log: Log, out: Path) -> None:
    """One page as an image (looked at by eye when the layout changes: docs of the test say where): every
    Chinese character has a glyph; only the rare 𠮷 the bundled font lacks prints as □."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    path = out / "day.pdf"
    ExportService(ctx).register_pdf(log.admin, dt.date(2026, 11, 27), path)
    text = _pdftotext(path)
    assert "欧阳□祥" in text and "21:00 自动" in text
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(path), str(out / "page")],
                   check=True)
    from PIL import Image

    with Image.open(out / "page.png") as image:
        assert image.size[0] > image.size[1]  # landscape
