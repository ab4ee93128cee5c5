"""The 积分公示 dialog, built directly with the real services: choose a month or a quarter, see how many members
the notice lists, save it as PDF (names masked, phones as the last four digits) and as an Excel workbook, both
made on the worker and audited; an empty period, a refused export and a folder that cannot be written are said in
the dialog; and the dialog in Chinese and English without clipped words.

The clock stands at Saturday 2026-11-28 10:00 at the base."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QComboBox, QPushButton
from pytestqt.qtbot import QtBot
from test_screenshots import clipped
from uihelp import click, find

from desk.domain.clock import FixedClock
from desk.domain.people import Category
from desk.domain.periods import PeriodKind
from desk.domain.staff import Actor, Role
from desk.services.bundle import Services
from desk.services.people import PersonForm
from desk.services.points import MemberRow, new_key
from desk.ui import projects as project_ui
from desk.ui.i18n import apply_language
from desk.ui.pages import PageContext
from desk.ui.projects.notice_dialog import PointsNoticeDialog
from desk.ui.tasks import TaskRunner

MERCHANT = Actor(staff_id=None, username="huishang", display_name="汇上佳超市", role=Role.MERCHANT)


@pytest.fixture
def ledger(services: Services, admin: Actor, clock: FixedClock) -> dict[str, MemberRow]:
    """In October 李华 earned 3; in November 张明 earned 20 and spent 5, 李华 earned 10; 王芳 never moved."""
    members = {}
    for name, phone in (("张明", "13812345678"), ("李华", "13900001111"), ("王芳", "13700002222")):
        person = services.people.register(admin, PersonForm(name, phone, Category.RESIDENT))
        members[name] = services.points.join(admin, person.id)
    now = clock.now()
    clock.set(dt.datetime(2026, 10, 15, 2, 0, tzinfo=dt.UTC))
    services.points.earn(admin, members["李华"].id, 3, "十月志愿服务", new_key())
    clock.set(now)
    services.points.earn(admin, members["张明"].id, 20, "环境清扫", new_key())
    services.points.spend(admin, members["张明"].id, 5, "兑换矿泉水", new_key())
    services.points.earn(admin, members["李华"].id, 10, "法律援助宣传", new_key())
    return members


def _dialog(qtbot: QtBot, services: Services, actor: Actor, tasks: TaskRunner, clock: FixedClock,
            ) -> PointsNoticeDialog:
    dialog = PointsNoticeDialog(PageContext(services, actor, tasks, clock))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _settled(qtbot, dialog)
    return dialog


def _settled(qtbot: QtBot, dialog: PointsNoticeDialog) -> None:
    qtbot.waitUntil(lambda: dialog.preview_text() not in ("", "正在统计…", "Counting…") or dialog.error_text() != "",
                    timeout=10000)


@pytest.fixture
def saved_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The save dialog answers with a file in tmp_path named like the suggestion; what was suggested is kept."""
    asked: list[Path] = []

    def choose(_parent: object, _title: str, suggested: Path, _filter: str, suffix: str) -> Path:
        asked.append(suggested)
        return tmp_path / f"notice{suffix}"

    monkeypatch.setattr(project_ui, "choose_save_file", choose)
    return asked


def test_the_preview_counts_the_members_of_the_period(
        qtbot: QtBot, services: Services, admin: Actor, ledger: dict[str, MemberRow], tasks: TaskRunner,
        clock: FixedClock) -> None:
    dialog = _dialog(qtbot, services, admin, tasks, clock)
    assert dialog.period().start == dt.date(2026, 10, 1)  # the month just ended first: what is posted now
    assert dialog.preview_text() == "2026年10月：公示 1 位会员，本期共获得 3 分、使用 0 分。"

    dialog.choose(PeriodKind.MONTH, 2026, 11)
    _settled(qtbot, dialog)
    assert dialog.preview_text() == "2026年11月：公示 2 位会员，本期共获得 30 分、使用 5 分。"

    kind = find(dialog, QComboBox, "notice_kind")
    kind.setCurrentIndex(kind.findText("季度"))
    _settled(qtbot, dialog)
    assert find(dialog, QComboBox, "notice_number").currentText() == "第 3 季度"  # the quarter just ended
    dialog.choose(PeriodKind.QUARTER, 2026, 4)
    _settled(qtbot, dialog)
    assert dialog.preview_text() == "2026年第4季度：公示 2 位会员，本期共获得 33 分、使用 5 分。"

    dialog.choose(PeriodKind.QUARTER, 2026, 1)
    _settled(qtbot, dialog)
    assert dialog.preview_text() == "2026年第1季度：本期没有积分变动，公示将是空的。"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_notice_is_saved_as_pdf_with_masked_names(
        qtbot: QtBot, services: Services, admin: Actor, ledger: dict[str, MemberRow], tasks: TaskRunner,
        clock: FixedClock, tmp_path: Path, saved_to: list[Path]) -> None:
    dialog = _dialog(qtbot, services, admin, tasks, clock)
    dialog.choose(PeriodKind.MONTH, 2026, 11)
    _settled(qtbot, dialog)
    click(qtbot, find(dialog, QPushButton, "save_pdf"))
    qtbot.waitUntil(lambda: "已保存" in dialog.result_text(), timeout=15000)

    assert saved_to[0].name == "积分公示-2026年11月.pdf"
    target = tmp_path / "notice.pdf"
    assert str(target) in dialog.result_text()
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "红色积分公示" in text
    assert "2026年11月" in text
    for expected in ("张*", "李*", "5678", "1111", "MH00001", "MH00002"):
        assert expected in text
    for hidden in ("张明", "李华", "王*", "138****5678"):
        assert hidden not in text
    assert re.search(r"1[3-9]\d{9}", text.replace(" ", "")) is None
    assert services.audit.recent(1)[0].action == "points_notice_exported"
    assert find(dialog, QPushButton, "save_pdf").isEnabled()


def test_the_notice_is_saved_as_a_workbook(
        qtbot: QtBot, services: Services, admin: Actor, ledger: dict[str, MemberRow], tasks: TaskRunner,
        clock: FixedClock, tmp_path: Path, saved_to: list[Path]) -> None:
    dialog = _dialog(qtbot, services, admin, tasks, clock)
    dialog.choose(PeriodKind.QUARTER, 2026, 4)
    _settled(qtbot, dialog)
    click(qtbot, find(dialog, QPushButton, "save_xlsx"))
    qtbot.waitUntil(lambda: "已保存" in dialog.result_text(), timeout=15000)

    assert saved_to[0].name == "积分公示-2026年第4季度.xlsx"
    book = load_workbook(io.BytesIO((tmp_path / "notice.xlsx").read_bytes()), read_only=True)
    cells = [str(value) for row in book.active.iter_rows(values_only=True) for value in row if value is not None]
    assert "张*" in cells and "李*" in cells
    assert "张明" not in cells and "李华" not in cells
    assert 33 in [int(c) for c in cells if c.isdigit()]  # the quarter's earnings add up somewhere: 20 + 3 + 10
    assert services.audit.recent(1)[0].action == "points_notice_exported"


def test_a_refused_export_and_an_unwritable_folder_are_said_in_the_dialog(
        qtbot: QtBot, services: Services, admin: Actor, ledger: dict[str, MemberRow], tasks: TaskRunner,
        clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(project_ui, "choose_save_file", lambda *_args: tmp_path / "missing" / "notice.pdf")
    dialog = _dialog(qtbot, services, admin, tasks, clock)
    click(qtbot, find(dialog, QPushButton, "save_pdf"))
    qtbot.waitUntil(lambda: dialog.error_text() != "", timeout=15000)
    assert dialog.error_text().startswith("无法保存到 ")
    assert dialog.result_text() == ""

    monkeypatch.setattr(project_ui, "choose_save_file", lambda *_args: tmp_path / "notice.pdf")
    cashier = _dialog(qtbot, services, MERCHANT, tasks, clock)
    click(qtbot, find(cashier, QPushButton, "save_pdf"))
    qtbot.waitUntil(lambda: cashier.error_text() != "", timeout=15000)
    assert cashier.error_text() == "您没有执行此操作的权限，请让管理员处理。"
    assert not (tmp_path / "notice.pdf").exists()

    monkeypatch.setattr(project_ui, "choose_save_file", lambda *_args: None)  # cancelled: nothing happens
    click(qtbot, find(dialog, QPushButton, "save_xlsx"))
    assert dialog.result_text() == "" and dialog.error_text() == ""


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_dialog_renders_without_clipped_words(
        qtbot: QtBot, services: Services, admin: Actor, ledger: dict[str, MemberRow], tasks: TaskRunner,
        clock: FixedClock, tmp_path: Path, saved_to: list[Path], language: str) -> None:
    apply_language(language)
    dialog = _dialog(qtbot, services, admin, tasks, clock)
    dialog.choose(PeriodKind.MONTH, 2026, 11)
    _settled(qtbot, dialog)
    click(qtbot, find(dialog, QPushButton, "save_pdf"))
    qtbot.waitUntil(lambda: dialog.result_text() not in ("", "正在生成积分公示…", "Making the points notice…"),
                    timeout=15000)
    qtbot.wait(30)
    folder = Path(os.environ.get("DESK_SHOTS_DIR") or tmp_path / "shots") / "projects" / language
    folder.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().toImage().save(str(folder / "05-points-notice.png"))
    assert clipped(dialog) == []
    if language == "en":
        assert dialog.preview_text() == ("2026-11: the notice lists 2 members, who earned 30 points and used 5 in "
                                         "the period.")
        assert saved_to[0].name == "points-notice-2026-11.pdf"
