"""Settings → 商家结算, in the real window: choose a merchant and a month, a quarter or custom dates and see the
redeemed vouchers not settled yet with their totals; 结算 after a confirmation that names the count, points and face
value (declining settles nothing; a period another desk settled meanwhile is refused and the list catches up);
save the statement as PDF (masked names, the totals) and as Excel (numbers as numbers), made on the worker and
audited; a preview saved as PDF is marked as not settled; the section in Chinese and English without clipped words.

The clock stands at Saturday 2026-11-28 10:00 at the base."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QComboBox, QDateEdit, QPushButton, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import insert
from test_screenshots import clipped
from uihelp import click, find

from desk.domain.clock import FixedClock
from desk.domain.people import Category
from desk.domain.periods import Period
from desk.domain.staff import Actor
from desk.domain.vouchers import yuan
from desk.services.bundle import Services
from desk.services.people import PersonForm
from desk.services.points import new_key
from desk.storage.models import Merchant, Reward
from desk.ui import boxes
from desk.ui import projects as project_ui
from desk.ui.i18n import apply_language
from desk.ui.main_window import MainWindow
from desk.ui.pages.settings import SettingsPage
from desk.ui.settings.settlement import SettlementSection

ZONE = ZoneInfo("Asia/Shanghai")
START = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)
NOVEMBER = Period.month(2026, 11)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


@dataclass(frozen=True)
class Redeemed:
    code: str
    points: int
    face_value_fen: int | None
    at: dt.datetime


@dataclass(frozen=True)
class Shop:
    merchant: int
    october: list[Redeemed]
    november: list[Redeemed]


def _insert(services: Services, table: type, **values: object) -> int:
    with services.ctx.db.write_core() as conn:
        return int(conn.execute(insert(table).returning(table.id), values).scalar_one())  # type: ignore[attr-defined]


@pytest.fixture
def shop(services: Services, admin: Actor, clock: FixedClock) -> Shop:
    """汇上佳超市: two vouchers redeemed in October, three in November (one without a cash value)."""
    merchant = _insert(services, Merchant, name="汇上佳超市", active=True, created_at=START, address="明华路 8 号",
                       contact_person="周经理", contact_phone="13600001234", category="超市", plaque_no="MH-LM-007",
                       joined_on=None)
    rewards = {title: _insert(services, Reward, merchant_id=merchant, title=title, terms="", points=points,
                              face_value_fen=face, stock=None, monthly_limit=None, validity_days=120, active=True,
                              created_at=START)
               for title, points, face in (("满50减10", 100, 1000), ("洗洁精一瓶", 60, 1250), ("环保购物袋", 20, None))}
    clock.set(dt.datetime(2026, 10, 5, 2, 0, tzinfo=dt.UTC))
    members = []
    for name, phone in (("张明远", "13812345678"), ("李华", "13900001111")):
        person = services.people.register(admin, PersonForm(name, phone, Category.RESIDENT))
        member = services.points.join(admin, person.id)
        services.points.earn(admin, member.id, 1000, "志愿服务", new_key())
        members.append(member.id)
    plan = [(members[0], "满50减10", dt.datetime(2026, 10, 12, 15, 0, tzinfo=ZONE)),
            (members[1], "洗洁精一瓶", dt.datetime(2026, 10, 31, 23, 30, tzinfo=ZONE)),
            (members[1], "满50减10", dt.datetime(2026, 11, 3, 9, 15, tzinfo=ZONE)),
            (members[0], "环保购物袋", dt.datetime(2026, 11, 20, 18, 40, tzinfo=ZONE)),
            (members[0], "洗洁精一瓶", dt.datetime(2026, 11, 27, 11, 5, tzinfo=ZONE))]
    issued = [services.vouchers.issue(admin, member, rewards[title], new_key()).voucher for member, title, _ in plan]
    done = []
    for voucher, (_member, _title, at) in zip(issued, plan, strict=True):
        clock.set(at.astimezone(dt.UTC))
        assert services.vouchers.redeem(admin, voucher.code, merchant).ok
        done.append(Redeemed(voucher.code, voucher.points, voucher.face_value_fen, at))
    clock.set(START)
    return Shop(merchant, [r for r in done if r.at.month == 10], [r for r in done if r.at.month == 11])


def _open(window: MainWindow) -> SettlementSection:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    section = settings.show_section("settlement")
    assert isinstance(section, SettlementSection)
    return section


def _previewed(qtbot: QtBot, section: SettlementSection) -> None:
    qtbot.waitUntil(lambda: section.pending() is not None or section.error_text() != "", timeout=10000)


def _totals(redeemed: list[Redeemed]) -> tuple[int, int, int]:
    return len(redeemed), sum(r.points for r in redeemed), sum(r.face_value_fen or 0 for r in redeemed)


@pytest.fixture
def saved_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The save dialog answers with a file in tmp_path; what was suggested is kept."""
    asked: list[Path] = []

    def choose(_parent: object, _title: str, suggested: Path, _filter: str, suffix: str) -> Path:
        asked.append(suggested)
        return tmp_path / f"saved-{len(asked)}{suffix}"

    monkeypatch.setattr(project_ui, "choose_save_file", choose)
    return asked


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(boxes, "confirm", confirm)
    return asked


def _save(qtbot: QtBot, section: SettlementSection, button: str) -> None:
    click(qtbot, find(section, QPushButton, button))
    qtbot.waitUntil(lambda: "已保存" in section.result_text() or section.error_text() != "", timeout=15000)
    assert section.error_text() == ""


@needs_poppler
def test_the_section_previews_settles_and_saves(
        qtbot: QtBot, services: Services, shop: Shop, window: MainWindow, tmp_path: Path, saved_to: list[Path],
        confirmations: list[str]) -> None:
    section = _open(window)
    _previewed(qtbot, section)
    count, points, face = _totals(shop.october)  # the month just ended comes first: what is settled now
    assert section.summary_text() == f"汇上佳超市，2026年10月：待结算 {count} 张兑换券，共 {points} 分，面值 ¥{yuan(face)}。"

    section.choose(shop.merchant, NOVEMBER)
    qtbot.waitUntil(lambda: section.pending() is not None and section.pending().period == NOVEMBER)
    count, points, face = _totals(shop.november)
    assert section.summary_text() == f"汇上佳超市，2026年11月：待结算 {count} 张兑换券，共 {points} 分，面值 ¥{yuan(face)}。"
    table = find(section, QTableView, "settlement_vouchers")
    assert [table.model().index(row, 0).data() for row in range(table.model().rowCount())] == [
        r.code for r in shop.november]
    assert {table.model().index(row, 2).data() for row in range(3)} == {"张*远", "李*"}

    click(qtbot, find(section, QPushButton, "settle"))
    assert confirmations == [f"汇上佳超市，2026年11月\n\n将 {count} 张兑换券（{points} 分，¥{yuan(face)}）标记为已结算，"
                             "之后不会再次结算。"]
    assert section.result_text() == (f"已结算：结算单 JS000001，{count} 张兑换券，共 {points} 分，面值 ¥{yuan(face)}。"
                                      "可在下方保存 PDF 或 Excel。")
    listed = services.settlements.statements()
    assert [(s.count, s.points, s.face_value_fen) for s in listed] == [(count, points, face)]
    assert [(s.id, s.count) for s in section.statements()] == [(listed[0].id, count)]
    qtbot.waitUntil(lambda: section.pending() is not None and section.pending().count == 0)
    assert section.summary_text() == "汇上佳超市，2026年11月：没有待结算的兑换券。"
    assert not find(section, QPushButton, "settle").isEnabled()

    _save(qtbot, section, "save_statement_pdf")  # the new statement is the one chosen
    assert saved_to[-1].name == "结算单-汇上佳超市-2026年11月.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "saved-1.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    for expected in ("汇上佳超市", "JS000001", f"合计 {count} 张", str(points), f"¥{yuan(face)}", "张*远", "李*",
                     "商家确认"):
        assert expected in text, expected
    for hidden in ("张明远", "李华", "13812345678", "预览"):
        assert hidden not in text
    assert services.audit.recent(1)[0].action == "settlement_exported"

    _save(qtbot, section, "save_statement_xlsx")
    assert saved_to[-1].name == "结算单-汇上佳超市-2026年11月.xlsx"
    sheet = load_workbook(io.BytesIO((tmp_path / "saved-2.xlsx").read_bytes())).active
    rows = [r for r in sheet.iter_rows(values_only=True)]
    totals = next(r for r in rows if r[0] == "合计（张）")
    assert (totals[1], totals[7], totals[8]) == (count, points, pytest.approx(face / 100))
    lines = [r for r in rows if isinstance(r[0], int)]
    assert [r[1] for r in lines] == [r.code for r in shop.november]
    assert [r[5] for r in lines] == [r.at.replace(tzinfo=None) for r in shop.november]
    assert find(section, QPushButton, "save_statement_pdf").isEnabled()


def test_declining_the_confirmation_settles_nothing(
        qtbot: QtBot, services: Services, shop: Shop, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(boxes, "confirm", lambda *_args: False)
    section = _open(window)
    _previewed(qtbot, section)
    click(qtbot, find(section, QPushButton, "settle"))
    assert services.settlements.statements() == [] and section.statements() == []
    assert section.result_text() == ""
    assert section.pending() is not None and section.pending().count == len(shop.october)


def test_a_period_settled_meanwhile_at_another_desk_is_refused(
        qtbot: QtBot, services: Services, admin: Actor, shop: Shop, window: MainWindow,
        confirmations: list[str]) -> None:
    section = _open(window)
    _previewed(qtbot, section)
    other = services.settlements.settle(admin, shop.merchant, Period.month(2026, 10))  # another desk, just now
    click(qtbot, find(section, QPushButton, "settle"))
    assert len(confirmations) == 1
    assert section.error_text() != ""
    assert [s.id for s in section.statements()] == [other.id]
    qtbot.waitUntil(lambda: section.pending() is not None and section.pending().count == 0)
    assert len(services.settlements.statements()) == 1


@needs_poppler
def test_a_preview_is_saved_marked_as_not_settled_and_custom_dates_are_checked(
        qtbot: QtBot, services: Services, shop: Shop, window: MainWindow, tmp_path: Path,
        saved_to: list[Path]) -> None:
    section = _open(window)
    _previewed(qtbot, section)
    kind = find(section, QComboBox, "settlement_kind")
    kind.setCurrentIndex(kind.findText("自定义"))
    start, end = find(section, QDateEdit, "settlement_start"), find(section, QDateEdit, "settlement_end")
    assert start.isVisible() and not find(section, QComboBox, "settlement_number").isVisible()
    section.choose(shop.merchant, Period.custom(dt.date(2026, 10, 31), dt.date(2026, 11, 3)))
    qtbot.waitUntil(lambda: section.pending() is not None and section.pending().period.start == dt.date(2026, 10, 31))
    assert section.pending().period.end == dt.date(2026, 11, 3)
    assert section.summary_text().startswith("汇上佳超市，2026-10-31 至 2026-11-03：待结算 2 张兑换券")

    _save(qtbot, section, "save_preview_pdf")
    assert saved_to[-1].name == "结算单预览-汇上佳超市-2026-10-31_至_2026-11-03.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "saved-1.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "预览（未结算）" in text and "合计 2 张" in text
    assert services.settlements.statements() == []  # a preview settles nothing

    end.setDate(start.date().addDays(-1))
    qtbot.waitUntil(lambda: section.error_text() != "")
    assert section.error_text() == "结束不能早于开始，请检查。"
    assert section.pending() is None
    assert not find(section, QPushButton, "settle").isEnabled()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_section_fits_in_both_languages(
        qtbot: QtBot, services: Services, admin: Actor, shop: Shop, window: MainWindow, language: str,
        tmp_path: Path, confirmations: list[str]) -> None:
    services.settlements.settle(admin, shop.merchant, Period.month(2026, 10))
    apply_language(language)
    section = _open(window)
    section.choose(shop.merchant, NOVEMBER)
    qtbot.waitUntil(lambda: section.pending() is not None and section.pending().period == NOVEMBER)
    section.select_statement(section.statements()[0].id)
    if language == "en":
        assert section.summary_text().startswith("汇上佳超市, 2026-11: 3 vouchers to settle")
    qtbot.wait(30)
    folder = Path(os.environ.get("DESK_SHOTS_DIR") or tmp_path / "shots") / "settings" / language
    folder.mkdir(parents=True, exist_ok=True)
    assert section.grab().toImage().save(str(folder / "settlement.png"))
    assert clipped(section) == []
