"""The 报表 page on the real window: the month's headline figures equal the visits counted here from the rows; ◀
steps to the month before; quick steps leave the last period shown (older answers dropped); a custom range that
ends before it starts is refused next to the field and nothing is read; the workbook, the report PDF and the 台账
are written by the worker through the page (the save dialog patched), a folder that cannot be written is said and
leaves no file; merchant cashiers never see the page; the tables' model passes Qt's model tester."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zoneinfo
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from uihelp import click, find

from desk.domain.clock import FixedClock
from desk.domain.people import Category, Purpose
from desk.domain.periods import PeriodKind
from desk.domain.staff import Actor, Role
from desk.printing.report_document import Table
from desk.services.bundle import Services
from desk.services.people import PersonForm
from desk.services.reports import PeriodReport
from desk.storage.models import Merchant, Visit
from desk.ui import pages
from desk.ui.i18n import apply_language
from desk.ui.main_window import MainWindow
from desk.ui.pages.reports import ReportsPage
from desk.ui.reports import export_panel
from desk.ui.reports.document_view import ReportTableModel
from desk.ui.reports.heat_map import HeatMap
from desk.ui.reports.wording import Ledger

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
# (local day, local hour, party size) of the visits the tests make: October and November of 2026
VISITS = ((dt.date(2026, 10, 9), 10, 2), (dt.date(2026, 10, 31), 23, 1), (dt.date(2026, 11, 1), 0, 3),
          (dt.date(2026, 11, 14), 15, 1), (dt.date(2026, 11, 27), 9, 4))


@pytest.fixture
def visits(services: Services, admin: Actor, clock: FixedClock) -> None:
    """Anonymous head counts and one registered person's visit, checked in through the service at their
    moments (two of them at the edges of a month in the base's zone)."""
    now = clock.now()
    person = services.people.register(admin, PersonForm("张明", "138 1234 5678", Category.PARTY_MEMBER))
    for number, (day, hour, size) in enumerate(VISITS):
        clock.set(dt.datetime.combine(day, dt.time(hour, 30), ZONE))
        if number == 3:
            services.visits.check_in(admin, person.id, Purpose.READING, size)
        else:
            services.visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.READING, size)
    clock.set(now)


def _people_in(services: Services, year: int, month: int, base_id: int | None = None) -> int:
    """人次 of a month (party sizes added up) at this desk's base or `base_id`, from the stored rows, by the
    base's local day."""
    with services.ctx.db.read() as s:
        rows = s.execute(select(Visit.checked_in_at, Visit.party_size)
                         .where(Visit.base_id == (base_id or services.bases.profile().id))).all()
    return sum(size for at, size in rows
               if (local := at.astimezone(ZONE).date()).year == year and local.month == month)


def _open(qtbot: QtBot, window: MainWindow) -> ReportsPage:
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    _loaded(qtbot, page)
    return page


def _loaded(qtbot: QtBot, page: ReportsPage) -> None:
    qtbot.waitUntil(lambda: not page.is_loading() and page.document is not None, timeout=10000)


def _visitors(page: ReportsPage, label: str = "到访人次") -> str:
    return page.view.card(label).value.text()


def test_the_months_visitors_and_the_month_before(qtbot: QtBot, services: Services, visits: None,
                                                  window: MainWindow) -> None:
    page = _open(qtbot, window)
    assert page.bar.kind() is PeriodKind.MONTH
    month = find(page, QComboBox, "period_month")
    month.setCurrentIndex(month.findData(11))
    _loaded(qtbot, page)
    november, october = _people_in(services, 2026, 11), _people_in(services, 2026, 10)
    assert november and october and november != october  # the fixture's rows give the change a direction
    assert _visitors(page) == f"{november:,}"
    assert page.document is not None and page.document.subtitle == "2026年11月"
    change = page.view.card("到访人次").change.text()
    percent = f"{abs(november - october) / october * 100:.1f}".removesuffix(".0")
    assert change == f"较上期 {'↑' if november > october else '↓'} {percent}%"

    click(qtbot, find(page, QPushButton, "period_previous"))
    _loaded(qtbot, page)
    assert page.document is not None and page.document.subtitle == "2026年10月"
    assert _visitors(page) == f"{october:,}"
    assert month.currentData() == 10
    heat = page.findChild(HeatMap)
    assert heat is not None and len(heat.rows()) == 7 and len(heat.columns()) == 24


def test_quick_steps_show_the_last_period_chosen(qtbot: QtBot, services: Services, visits: None,
                                                 window: MainWindow) -> None:
    page = _open(qtbot, window)
    previous = find(page, QPushButton, "period_previous")
    for _ in range(3):  # faster than the worker answers: the answers in between are dropped
        previous.click()
    _loaded(qtbot, page)
    assert page.document is not None and page.document.subtitle == "2026年8月"
    assert page.report is not None and page.report.period.start == dt.date(2026, 8, 1)
    assert _visitors(page) == f"{_people_in(services, 2026, 8):,}"


def test_a_custom_range_ending_before_it_starts_is_refused_and_nothing_is_read(
        qtbot: QtBot, services: Services, visits: None, window: MainWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = _open(qtbot, window)
    kind = find(page, QComboBox, "period_kind")
    kind.setCurrentIndex(kind.findData(PeriodKind.CUSTOM.value))
    _loaded(qtbot, page)
    read: list[object] = []
    figures = services.reports.figures

    def counted(*args: Any, **kwargs: Any) -> PeriodReport:
        read.append(args)
        return figures(*args, **kwargs)

    monkeypatch.setattr(services.reports, "figures", counted)
    find(page, QDateEdit, "period_to").setDate(QDate(2026, 10, 31))  # the range starts on 2026-11-01

    assert find(page, QLabel, "period_error").text() == "结束日期不能早于开始日期，请检查。"
    assert find(page, QLabel, "period_error").isVisible()
    assert not page.is_loading() and read == []
    assert page.view.message() == "请先选择有效的统计期间。"
    for name in ("report_pdf", "report_xlsx", "report_ledgers", "period_previous", "period_next"):
        assert not find(page, QPushButton, name).isEnabled()

    find(page, QDateEdit, "period_to").setDate(QDate(2026, 11, 15))
    assert not find(page, QLabel, "period_error").isVisible()
    _loaded(qtbot, page)
    assert len(read) == 2  # the range and the one before it, once
    with services.ctx.db.read() as s:
        rows = s.execute(select(Visit.checked_in_at, Visit.party_size)).all()
    assert _visitors(page) == str(sum(size for at, size in rows
                                      if dt.date(2026, 11, 1) <= at.astimezone(ZONE).date() <= dt.date(2026, 11, 15)))


class Dialog:
    """The save dialog, patched: it answers with <folder>/<suggested name> of the type `suffix` (the first type
    offered when None) and records what it was asked (title, suggested path, the types offered)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.suffix: str | None = None
        self.asked: list[tuple[str, Path, list[str]]] = []

    def __call__(self, _parent: object, title: str, suggested: Path,
                 formats: Sequence[tuple[str, str]]) -> Path | None:
        offered = [suffix for _text, suffix in formats]
        self.asked.append((title, suggested, offered))
        return export_panel.with_suffix(self.folder / suggested.name, self.suffix or offered[0], offered)

    @property
    def answered(self) -> Path:
        _title, suggested, offered = self.asked[-1]
        return export_panel.with_suffix(self.folder / suggested.name, self.suffix or offered[0], offered)


@pytest.fixture
def dialog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dialog:
    (tmp_path / "out").mkdir()
    patched = Dialog(tmp_path / "out")
    monkeypatch.setattr(export_panel, "choose_file", patched)
    return patched


def _saved(qtbot: QtBot, page: ReportsPage) -> str:
    qtbot.waitUntil(lambda: not page.exports.is_busy(), timeout=20000)
    return page.exports.result_text()


def test_the_workbook_and_the_report_pdf_are_saved_through_the_page(
        qtbot: QtBot, services: Services, visits: None, window: MainWindow, dialog: Dialog,
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = _open(qtbot, window)
    november = _people_in(services, 2026, 11)
    xlsx = find(page, QPushButton, "report_xlsx")
    click(qtbot, xlsx)
    assert not xlsx.isEnabled() and not find(page, QPushButton, "report_pdf").isEnabled()  # while it is written
    text = _saved(qtbot, page)
    workbook = dialog.answered
    assert workbook.suffix == ".xlsx" and workbook.exists()
    assert text == f"已保存：{workbook}"
    book = load_workbook(workbook, read_only=True)
    assert len(book.sheetnames) > 1
    book.close()

    pdf_button = find(page, QPushButton, "report_pdf")
    assert pdf_button.text() == "月报 PDF…"
    click(qtbot, pdf_button)
    _saved(qtbot, page)
    pdf = dialog.answered
    assert pdf.suffix == ".pdf" and pdf.exists()
    assert "工作月报" in pdf.name and "2026年11月" in pdf.name
    assert [e.action for e in services.audit.recent(5)].count("report_exported") == 2
    opened: list[Path] = []
    monkeypatch.setattr(export_panel, "open_folder", opened.append)
    click(qtbot, find(page, QPushButton, "open_folder"))
    assert opened == [pdf]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        assert "到访人次" in text and f"{november:,} 人次" in text


def test_the_ledgers_of_the_period_and_a_folder_that_cannot_be_written(
        qtbot: QtBot, services: Services, visits: None, window: MainWindow, tmp_path: Path,
        dialog: Dialog) -> None:
    page = _open(qtbot, window)
    page.exports.ledger_action(Ledger.VISITS).trigger()
    _saved(qtbot, page)
    assert dialog.asked[-1][2] == [".xlsx", ".csv"]  # a month of visits is a spreadsheet, not the day's register
    visits_file = dialog.answered
    book = load_workbook(visits_file, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    with services.ctx.db.read() as s:
        november = [at for at in s.execute(select(Visit.checked_in_at)).scalars()
                    if at.astimezone(ZONE).date().month == 11]
    assert len(rows) - 1 == len(november)
    assert page.exports.result_text() == f"已导出 {len(november)} 条记录：{visits_file}"

    dialog.suffix = ".csv"  # the type chosen in the dialog's filter
    page.exports.ledger_action(Ledger.BOOKINGS).trigger()
    _saved(qtbot, page)
    assert dialog.asked[-1][2] == [".xlsx", ".csv", ".pdf"]
    bookings = dialog.answered
    assert bookings.suffix == ".csv"
    assert bookings.read_text(encoding="utf-8-sig").splitlines()[0].startswith("日期")
    assert [e.action for e in services.audit.recent(5)][:2] == ["bookings_exported", "visits_exported"]

    missing = tmp_path / "no such folder"
    dialog.folder, dialog.suffix = missing, None
    page.exports.ledger_action(Ledger.VISITS).trigger()
    _saved(qtbot, page)
    assert page.exports.result_text() == ""
    assert page.exports.error_text().startswith(f"无法写入 {missing}")
    click(qtbot, find(page, QPushButton, "report_xlsx"))
    _saved(qtbot, page)
    assert page.exports.error_text().startswith(f"无法写入 {missing}")
    assert not missing.exists()
    assert [e.action for e in services.audit.recent(5)][:2] == ["bookings_exported", "visits_exported"]


def test_desk_staff_see_the_page_and_merchant_cashiers_do_not(
        services: Services, admin: Actor, make_window: Callable[[Actor], MainWindow]) -> None:
    with services.ctx.db.write() as s:
        s.add(Merchant(name="汇上佳超市", active=True, created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    merchant = services.staff.merchants()[0]
    services.staff.add(admin, "huishang", "汇上佳收银员", Role.MERCHANT, "shop-pass-1", "shop-pass-1", merchant.id)
    services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    assert "reports" not in make_window(services.auth.login("huishang", "shop-pass-1")).page_keys()
    assert "reports" in make_window(services.auth.login("lixiaomei", "desk-pass-1")).page_keys()
    assert [spec.key for spec in pages.discover_pages() if spec.key == "reports"] == ["reports"]


def test_the_table_model_passes_the_model_tester(qtmodeltester: object) -> None:
    table = Table("按日", ("日期", "到访次数", "占比"), ((dt.date(2026, 11, 1), 1234, 12.5), (dt.date(2026, 11, 2), 0, None)),
                  ("合计", 1234, 100.0))
    model = ReportTableModel(table)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert [model.text(0, c) for c in range(3)] == ["2026-11-01", "1,234", "12.5"]
    assert model.is_total(2) and model.text(2, 1) == "1,234"
    assert ReportTableModel(Table("空", ("a", "b"), (), ("合计", 0), "本期无记录")).rowCount() == 0


def test_another_base_is_reported_by_its_name_and_its_ledgers_stay_with_their_desk(
        qtbot: QtBot, services: Services, admin: Actor, visits: None,
        make_window: Callable[[Actor], MainWindow]) -> None:
    other = services.bases.create_base("南方红色港湾党群服务基地", "NF", actor=admin)
    page = _open(qtbot, make_window(admin))
    base = find(page, QComboBox, "report_base")
    assert base.isEnabled() and base.count() == 2
    assert base.currentData() == services.bases.profile().code
    assert find(page, QPushButton, "report_ledgers").isEnabled()

    base.setCurrentIndex(base.findData(other.code))
    _loaded(qtbot, page)
    assert page.document is not None and page.document.title.startswith(other.name)
    assert _visitors(page) == f"{_people_in(services, 2026, 11, other.id):,}"
    assert base.currentText() == other.name
    assert find(page, QPushButton, "report_pdf").isEnabled()
    assert not find(page, QPushButton, "report_ledgers").isEnabled()


def test_a_new_language_reads_the_report_again_in_it(qtbot: QtBot, services: Services, visits: None,
                                                      window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _open(qtbot, window)
    before = page.document
    read: list[object] = []
    figures = services.reports.figures

    def counted(*args: Any, **kwargs: Any) -> PeriodReport:
        read.append(args)
        return figures(*args, **kwargs)

    monkeypatch.setattr(services.reports, "figures", counted)
    apply_language("en")
    qtbot.waitUntil(lambda: page.document is not before and not page.is_loading(), timeout=10000)
    assert len(read) == 2  # the period and the one before, read once for the new words
    assert _visitors(page, "Visitors (people)") == f"{_people_in(services, 2026, 11):,}"
