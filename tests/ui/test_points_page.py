"""The 积分 page on the real window: find a person, let them join, see the member number and balance; as an
administrator adjust points (confirmed, with a reason) and reverse an entry; refusals said next to the field with
nothing written; a desk user sees neither; the ledger pages as it is scrolled; the 红色积分 settings section; the
session's expiry timer; and the page in Chinese and English without clipped words.

The clock stands at Saturday 2026-11-28 10:00 at the base.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from test_screenshots import clipped
from uihelp import click, find, shown_text, type_into

from desk.domain import errors as e
from desk.domain.clock import FixedClock
from desk.domain.people import Category
from desk.domain.points import EntryKind
from desk.domain.staff import Actor, Role
from desk.services.bundle import Services
from desk.services.people import PersonForm, PersonRow
from desk.services.points import MemberRow, new_key
from desk.storage.models import PointsEntry
from desk.ui import boxes
from desk.ui.i18n import apply_language
from desk.ui.main_window import MainWindow
from desk.ui.pages import points as points_page
from desk.ui.pages.points import PointsPage
from desk.ui.pages.settings import SettingsPage
from desk.ui.points.dialogs import AdjustDialog, ReverseDialog
from desk.ui.points.ledger import LedgerModel
from desk.ui.session import DeskSession
from desk.ui.settings import sections_for
from desk.ui.settings.points import PointsSection
from desk.ui.tasks import TaskRunner
from desk.ui.wording import entry_kind_name, error_text

MINUS = "\u2212"


@pytest.fixture
def zhang(services: Services, admin: Actor) -> PersonRow:
    services.people.register(admin, PersonForm("张明华", "13912345678", Category.RESIDENT))
    return services.people.register(admin, PersonForm("张明", "13812345678", Category.PARTY_MEMBER))


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation is answered yes; the texts asked are kept."""
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(boxes, "confirm", confirm)
    return asked


def _page(window: MainWindow) -> PointsPage:
    page = window.show_page("points")
    assert isinstance(page, PointsPage)
    return page


def _text(page: PointsPage, name: str) -> str:
    return shown_text(find(page, QLabel, name))


def _cells(page: PointsPage) -> list[list[str]]:
    model = page.ledger
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _entries(services: Services) -> int:
    with services.ctx.db.read() as s:
        return int(s.execute(select(func.count()).select_from(PointsEntry)).scalar_one())


def _find(qtbot: QtBot, page: PointsPage, text: str) -> None:
    type_into(qtbot, page.search_field, text)
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)


def _dialog(qtbot: QtBot, page: PointsPage, kind: type[AdjustDialog] | type[ReverseDialog]
            ) -> AdjustDialog | ReverseDialog:
    dialog = page.findChild(kind)
    assert dialog is not None, f"no {kind.__name__} is open"
    qtbot.waitExposed(dialog)
    return dialog


def _adjust(qtbot: QtBot, page: PointsPage, amount: int, reason: str) -> AdjustDialog:
    click(qtbot, find(page, QPushButton, "adjust_points"))
    dialog = _dialog(qtbot, page, AdjustDialog)
    assert isinstance(dialog, AdjustDialog)
    find(dialog, QSpinBox, "amount").setValue(amount)
    if reason:
        type_into(qtbot, find(dialog, QLineEdit, "reason"), reason)
    click(qtbot, find(dialog, QPushButton, "save_button"))
    return dialog


# -- finding and joining -----------------------------------------------------------------------------------------

def test_the_page_is_ctrl_6_and_the_find_field_has_the_focus(qtbot: QtBot, window: MainWindow) -> None:
    keys = window.page_keys()
    assert keys[:6] == ["today", "checkin", "visit_log", "bookings", "charging", "points"]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, PointsPage)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search_field)
    assert _text(page, "member_empty").startswith("在上面输入手机号")


def test_find_a_person_join_adjust_and_reverse(
        qtbot: QtBot, services: Services, zhang: PersonRow, window: MainWindow, confirmations: list[str]) -> None:
    page = _page(window)
    type_into(qtbot, page.search_field, "张明")
    qtbot.keyClick(page.search_field, Qt.Key.Key_Down)  # looks up at once, then moves to the second match
    qtbot.keyClick(page.search_field, Qt.Key.Key_Up)
    matches = find(page, QTableView, "points_matches")
    assert [matches.model().index(r, 0).data() for r in range(matches.model().rowCount())] == ["张明", "张明华"]
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)

    assert _text(page, "member_name") == "张明"
    assert _text(page, "member_details") == "138****5678 · 党员"
    assert _text(page, "member_join_hint") == "还不是红色积分会员"
    assert _text(page, "member_number") == ""
    assert not find(page, QPushButton, "adjust_points").isVisible()
    click(qtbot, find(page, QPushButton, "join_member"))

    member = services.points.member_of_person(zhang.id)
    assert member is not None and member.number == "MH00001"
    assert _text(page, "member_number") == "会员号 MH00001 · 2026-11-28 加入"
    assert _text(page, "member_balance") == "0"
    assert _text(page, "points_status") == "张明 已加入红色积分，会员号 MH00001。可以打印会员卡交给本人。"
    assert not find(page, QPushButton, "join_member").isVisible()
    assert page.ledger.rowCount() == 0 and _text(page, "ledger_empty") == "还没有积分流水。"
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["积分流水", "认领的项目"]
    page.tabs.setCurrentIndex(1)  # the member's projects: none claimed yet
    assert _text(page.claims, "member_claims_empty").startswith("还没有认领过项目。")
    page.tabs.setCurrentIndex(0)
    assert QApplication.focusWidget() is page.search_field

    dialog = _adjust(qtbot, page, 20, "十一月主题党日志愿服务补记")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert confirmations == ["给 张明 增加 20 积分吗？\n原因：十一月主题党日志愿服务补记"]
    assert _text(page, "member_balance") == "20"
    assert _cells(page) == [["2026-11-28 10:00", "调整", "+20", "20", "十一月主题党日志愿服务补记", "王建国", ""]]
    assert _text(page, "points_status") == "已记账：+20 积分，余额 20。"
    assert services.points.balance(member.id) == 20

    page.table.selectRow(0)
    assert find(page, QPushButton, "reverse_entry").isEnabled()
    click(qtbot, find(page, QPushButton, "reverse_entry"))
    reverse = _dialog(qtbot, page, ReverseDialog)
    assert f"将记一笔 {MINUS}20 积分的冲正流水" in find(reverse, QLabel, "reverse_effect").text()
    assert "冲正后余额 0" in find(reverse, QLabel, "reverse_effect").text()
    click(qtbot, find(reverse, QPushButton, "save_button"))  # no reason yet
    assert isinstance(reverse, ReverseDialog) and reverse.error_text("reason") == "请填写此项。"
    assert _entries(services) == 1
    type_into(qtbot, find(reverse, QLineEdit, "reason"), "补记重复")
    click(qtbot, find(reverse, QPushButton, "save_button"))
    qtbot.waitUntil(lambda: not reverse.isVisible())

    assert _text(page, "member_balance") == "0"
    assert services.points.balance(member.id) == 0
    assert _cells(page) == [
        ["2026-11-28 10:00", "冲正", f"{MINUS}20", "0", "补记重复", "王建国", "冲正 10:00 的调整"],
        ["2026-11-28 10:00", "调整", "+20", "20", "十一月主题党日志愿服务补记", "王建国", "已冲正"],
    ]
    assert page.ledger.index(1, LedgerModel.AMOUNT).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert page.ledger.index(1, LedgerModel.MARK).data(Qt.ItemDataRole.ToolTipRole) == \
        "已于 2026-11-28 10:00 冲正，原因：补记重复"
    assert page.ledger.index(0, LedgerModel.MARK).data(Qt.ItemDataRole.ToolTipRole) == \
        "原流水：2026-11-28 10:00 调整 +20，原因：十一月主题党日志愿服务补记"

    # Neither the reversal nor the entry it undid is reversed again; the reason is said before any typing.
    for row, message in [(0, "冲正记录本身不能再冲正。如需更正，请做一次积分调整。"),
                         (1, "这条流水已经冲正过，不能再冲正一次。")]:
        page.table.selectRow(row)
        click(qtbot, find(page, QPushButton, "reverse_entry"))
        assert page.findChild(ReverseDialog) is None or not page.findChild(ReverseDialog).isVisible()
        assert _text(page, "ledger_error") == message
    assert _entries(services) == 2


def test_a_refused_adjustment_is_said_in_the_dialog_and_changes_nothing(
        qtbot: QtBot, services: Services, admin: Actor, zhang: PersonRow, window: MainWindow,
        confirmations: list[str]) -> None:
    member = services.points.join(admin, zhang.id)
    services.points.adjust(admin, member.id, 20, "开卡赠送", new_key())
    page = _page(window)
    _find(qtbot, page, "RHM:MH00001")
    assert _text(page, "member_balance") == "20"

    dialog = _adjust(qtbot, page, -50, "")
    assert isinstance(dialog, AdjustDialog)
    assert dialog.isVisible() and dialog.error_text("reason") == "请填写此项。"
    assert confirmations == []  # nothing to confirm while the form is incomplete

    type_into(qtbot, find(dialog, QLineEdit, "reason"), "兑换扣减")
    click(qtbot, find(dialog, QPushButton, "save_button"))
    assert confirmations == ["从 张明 扣减 50 积分吗？\n原因：兑换扣减"]
    assert dialog.isVisible()
    assert dialog.error_text("points") == "积分不足：当前余额 20，需要 50。余额不会变成负数。"
    assert dialog.error_text("reason") == ""

    find(dialog, QSpinBox, "amount").setValue(0)
    click(qtbot, find(dialog, QPushButton, "save_button"))
    assert dialog.error_text("points") == "超出允许范围（-100000–100000）。"

    assert services.points.balance(member.id) == 20
    assert _entries(services) == 1
    assert _text(page, "member_balance") == "20" and len(_cells(page)) == 1
    dialog.reject()


def test_a_double_submission_writes_one_entry(
        qtbot: QtBot, services: Services, admin: Actor, zhang: PersonRow, window: MainWindow,
        confirmations: list[str]) -> None:
    member = services.points.join(admin, zhang.id)
    page = _page(window)
    _find(qtbot, page, "MH00001")
    click(qtbot, find(page, QPushButton, "adjust_points"))
    dialog = _dialog(qtbot, page, AdjustDialog)
    find(dialog, QSpinBox, "amount").setValue(5)
    type_into(qtbot, find(dialog, QLineEdit, "reason"), "活动签到")
    save = find(dialog, QPushButton, "save_button")
    clicks = [save]

    def click_again(_posted: object) -> None:
        if clicks:  # once: the second click lands before the dialog has closed
            clicks.pop().click()

    dialog.adjusted.connect(click_again)
    click(qtbot, save)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert services.points.balance(member.id) == 5
    assert _entries(services) == 1


def test_a_desk_user_can_join_but_sees_neither_adjust_nor_reverse(
        qtbot: QtBot, services: Services, admin: Actor, zhang: PersonRow,
        make_window: Callable[[Actor], MainWindow]) -> None:
    services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    desk = services.auth.login("lixiaomei", "desk-pass-1")
    page = _page(make_window(desk))
    _find(qtbot, page, "5678")
    qtbot.waitUntil(lambda: _text(page, "member_name") == "张明")  # one person has these last four digits
    click(qtbot, find(page, QPushButton, "join_member"))
    member = services.points.member_of_person(zhang.id)
    assert member is not None
    services.points.adjust(admin, member.id, 8, "开卡赠送", new_key())
    page.reload_points()

    assert _text(page, "member_balance") == "8"
    assert len(_cells(page)) == 1
    for name in ("adjust_points", "reverse_entry"):
        assert not find(page, QPushButton, name).isVisible()
    assert find(page, QPushButton, "print_card").isVisible()
    assert "points" not in [spec.key for spec in sections_for(Role.DESK)]


def test_the_member_card_is_saved_as_a_pdf_by_the_worker(
        qtbot: QtBot, services: Services, admin: Actor, zhang: PersonRow, window: MainWindow, tasks: TaskRunner,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    services.points.join(admin, zhang.id)
    page = _page(window)
    asked: list[str] = []

    def choose(_parent: object, _title: str, suggested: Path, _filter: str) -> Path:
        asked.append(suggested.name)
        return tmp_path / "card.pdf"

    monkeypatch.setattr(points_page, "choose_pdf_file", choose)
    _find(qtbot, page, "RHM:MH00001")
    click(qtbot, find(page, QPushButton, "print_card"))
    tasks.wait()
    qtbot.waitUntil(lambda: _text(page, "card_result").startswith("会员卡已保存："))

    assert asked == ["会员卡-MH00001.pdf"]
    assert find(page, QPushButton, "print_card").isEnabled()
    pdf = (tmp_path / "card.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "card.pdf"), "-"], check=True, capture_output=True,
                              text=True).stdout
        assert "MH00001" in text and "红色积分会员卡" in text
        assert "张明" not in text  # the card shows the name masked


# -- scanning, keyboard, paging ----------------------------------------------------------------------------------

def test_a_scanned_card_shows_the_member_at_once(
        qtbot: QtBot, services: Services, admin: Actor, zhang: PersonRow, window: MainWindow) -> None:
    services.points.join(admin, zhang.id)
    page = _page(window)
    type_into(qtbot, page.search_field, "RHM:MH00001")  # no Enter: the look-up after the typing pause shows them
    qtbot.waitUntil(lambda: _text(page, "member_name") == "张明")
    assert _text(page, "member_number").startswith("会员号 MH00001")
    assert page.search_field.selectedText() == "RHM:MH00001"  # the next scan replaces it

    _find(qtbot, page, "RHM:MH0")
    assert _text(page, "error_search") == "这不是有效的会员卡，请重新扫描，或输入卡上的会员号。"
    _find(qtbot, page, "RHM:MH00042")
    assert _text(page, "error_search") == "没有会员号为 MH00042 的会员，请核对会员卡或会员号。"
    assert _text(page, "member_name") == "张明"  # the member shown stays until another is chosen


def test_the_ledger_is_reached_by_keyboard_and_loads_page_by_page(
        qtbot: QtBot, qtmodeltester: object, services: Services, admin: Actor, zhang: PersonRow,
        window: MainWindow, clock: FixedClock) -> None:
    member = services.points.join(admin, zhang.id)
    for number in range(120):
        services.points.earn(admin, member.id, 1, f"第 {number + 1} 次", new_key())
        clock.advance(minutes=1)
    page = _page(window)
    _find(qtbot, page, "13812345678")

    assert _text(page, "member_balance") == "120"
    model = page.ledger
    assert model.rowCount() == 50 and model.canFetchMore(QModelIndex())
    assert model.index(0, LedgerModel.REASON).data() == "第 120 次"  # newest first
    qtbot.keyClick(page.search_field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    for _to_the_end in range(4):  # each time the view reaches the end it asks the model for the next page
        qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(20)
    assert model.rowCount() == 120
    assert not model.canFetchMore(QModelIndex())
    assert model.index(119, LedgerModel.REASON).data() == "第 1 次"
    assert [model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(120)] == sorted(
        (model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(120)), reverse=True)
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is page.search_field

    fresh = LedgerModel(services.points, page_size=7)
    fresh.show_member(member.id)
    qtmodeltester.check(fresh)  # type: ignore[attr-defined]


def _join_and_earn(services: Services, admin: Actor, zhang: PersonRow, points: int) -> MemberRow:
    member = services.points.join(admin, zhang.id)
    services.points.earn(admin, member.id, points, "志愿服务", new_key())
    return member


# -- settings and the expiry timer -------------------------------------------------------------------------------

def _settings(window: MainWindow) -> PointsSection:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    section = settings.show_section("points")
    assert isinstance(section, PointsSection)
    return section


def test_the_points_settings_are_saved_and_a_refused_value_changes_nothing(
        qtbot: QtBot, services: Services, window: MainWindow) -> None:
    section = _settings(window)
    expiry = find(section, QSpinBox, "points_expiry_days")
    daily = find(section, QSpinBox, "points_daily_cap")
    monthly = find(section, QSpinBox, "points_monthly_cap")
    assert (expiry.text(), daily.text(), monthly.text()) == ("永不过期", "不限", "不限")
    assert shown_text(find(section, QLabel, "points_expiry_days_explanation")).startswith("获得的积分多少天后过期")

    expiry.setValue(365)
    daily.setValue(20)
    monthly.setValue(5000)  # within its range, but the expiry below is not: nothing is saved
    expiry.setValue(5000)
    click(qtbot, find(section, QPushButton, "save_points_settings"))
    assert shown_text(find(section, QLabel, "error_points_expiry_days")) == "超出允许范围（0–3650）。"
    assert [services.settings.get_int(k) for k in ("points_expiry_days", "points_daily_cap",
                                                    "points_monthly_cap")] == [0, 0, 0]

    expiry.setValue(365)
    refund = find(section, QCheckBox, "voucher_expiry_refund")
    assert refund.isChecked()  # by default an expired voucher gives its points back
    refund.setChecked(False)
    click(qtbot, find(section, QPushButton, "save_points_settings"))
    assert shown_text(find(section, QLabel, "error_points_expiry_days")) == ""
    assert shown_text(find(section, QLabel, "points_settings_result")) == "已保存。"
    assert services.settings.get_bool("voucher_expiry_refund") is False
    assert [services.settings.get_int(k) for k in ("points_expiry_days", "points_daily_cap",
                                                    "points_monthly_cap")] == [365, 20, 5000]


def test_a_cap_reached_is_named_when_points_are_earned(
        services: Services, admin: Actor, zhang: PersonRow) -> None:
    services.settings.set_int(admin, "points_daily_cap", 10)
    member = _join_and_earn(services, admin, zhang, 8)
    with pytest.raises(e.PointsCapReached) as refused:
        services.points.earn(admin, member.id, 5, "志愿服务", new_key())
    assert error_text(refused.value) == "超过每日积分上限 10：今天已获得 8。请明天再记，或请管理员调整上限。"


def test_the_session_writes_off_expired_points_and_the_page_shows_it(
        qtbot: QtBot, services: Services, admin: Actor, zhang: PersonRow, clock: FixedClock, tasks: TaskRunner,
        start_session: Callable[[], DeskSession]) -> None:
    services.settings.set_int(admin, "points_expiry_days", 30)
    member = _join_and_earn(services, admin, zhang, 12)
    clock.advance(days=31)

    session = start_session()  # points that expired while the program was closed go at once
    assert session.points_expiry_timer.isActive()
    qtbot.waitUntil(lambda: services.points.balance(member.id) == 0)
    entries = services.points.ledger(member.id)
    assert [(e.kind.value, e.amount) for e in entries] == [("expire", -12), ("earn", 12)]

    session.points_expiry_timer.timeout.emit()  # later ticks find nothing more to write off
    tasks.wait()
    qtbot.wait(50)
    assert len(services.points.ledger(member.id)) == 2


def test_an_expiry_entry_is_worded_in_the_desks_language(
        qtbot: QtBot, services: Services, admin: Actor, zhang: PersonRow, clock: FixedClock,
        window: MainWindow) -> None:
    services.settings.set_int(admin, "points_expiry_days", 30)
    member = _join_and_earn(services, admin, zhang, 12)
    clock.advance(days=31)
    assert services.points.expire_due() == 1
    page = _page(window)
    _find(qtbot, page, "张明")
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)

    assert _cells(page)[0][1:] == ["过期", f"{MINUS}12", "0", "超过有效期的积分自动过期", "系统", ""]
    assert page.ledger.index(1, LedgerModel.REASON).data(Qt.ItemDataRole.ToolTipRole) == "这笔积分 2026-12-28 10:00 到期"
    assert services.points.balance(member.id) == 0


@pytest.mark.parametrize(("error", "message"), [
    (e.NotAMember("person", name="张明"), "张明 还不是红色积分会员，请先加入红色积分。"),
    (e.AlreadyMember("person", number="MH00001"), "此人已是红色积分会员（会员号 MH00001），请直接查找。"),
    (e.InsufficientPoints("points", balance=3, needed=10), "积分不足：当前余额 3，需要 10。余额不会变成负数。"),
    (e.PointsCapReached("points", period="month", cap=200, earned=190),
     "超过每月积分上限 200：本月已获得 190。请下月再记，或请管理员调整上限。"),
    (e.AlreadyReversed(entry=7), "这条流水已经冲正过，不能再冲正一次。"),
    (e.CannotReverse(kind="reverse"), "冲正记录本身不能再冲正。如需更正，请做一次积分调整。"),
    (e.DuplicateSubmission("points"), "这次提交与已记账的另一笔变动重复，未再记账。请关闭窗口后重新操作。"),
    (e.ProjectNotOpen(status="finished"), "该项目当前“已结束”，不接受认领。"),
    (e.SignupClosed(deadline="2026-11-30 18:00"), "报名已于 2026-11-30 18:00 截止，不能再认领。"),
    (e.ProjectFull(slots=12), "名额已满（共 12 个），不能再认领。"),
    (e.AlreadyClaimed(), "此人已经认领了这个项目。"),
    (e.NotClaimed(name="张明"), "张明 没有认领这个项目，不能登记完成。"),
    (e.WrongClaimState(state="completed", action="cancel"), "这条认领当前是“已完成”，不能这样操作，请刷新后再试。"),
    (e.ProjectStarted(), "项目已经开始，不能再取消认领；没来的请登记为缺席。"),
    (e.SlotsBelowClaims(claimed=5), "已有 5 人认领，名额不能少于认领人数。"),
    (e.BadFormat("search", expected="member_code"), "这不是有效的会员卡，请重新扫描，或输入卡上的会员号。"),
    (e.NotFound("search", entity="member", key="MH00042"), "没有会员号为 MH00042 的会员，请核对会员卡或会员号。"),
    (e.NotFound("member", entity="member", key=42), "找不到该记录，可能已被其他前台删除，请刷新后再试。"),
])
def test_every_points_and_projects_refusal_is_worded(error: e.DeskError, message: str) -> None:
    assert error_text(error) == message


def test_the_points_refusals_are_worded_in_english(language: str) -> None:
    english = {
        "en": "Not enough points: the balance is 3, this needs 10. A balance never goes below zero.",
        "zh_CN": "积分不足：当前余额 3，需要 10。余额不会变成负数。",
    }
    assert error_text(e.InsufficientPoints("points", balance=3, needed=10)) == english[language]
    places = error_text(e.ProjectFull(slots=1))
    assert places == {"en": "All 1 place is taken; it can no longer be claimed.",
                      "zh_CN": "名额已满（共 1 个），不能再认领。"}[language]
    assert [entry_kind_name(k.value) for k in EntryKind] == {
        "en": ["Earned", "Exchanged", "Refunded", "Adjusted", "Expired", "Reversal"],
        "zh_CN": ["获得", "兑换", "退还", "调整", "过期", "冲正"]}[language]


# -- pictures ----------------------------------------------------------------------------------------------------

@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> str:
    apply_language(request.param)  # before the window is built; tests/ui/conftest.py switches back afterwards
    return str(request.param)


@pytest.fixture
def shots(tmp_path: Path, language: str) -> Path:
    folder = Path(os.environ.get("DESK_SHOTS_DIR") or tmp_path / "shots") / language
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_points_page_renders_without_clipped_words(
        qtbot: QtBot, services: Services, admin: Actor, zhang: PersonRow, window: MainWindow, clock: FixedClock,
        shots: Path, language: str, confirmations: list[str]) -> None:
    member = services.points.join(admin, zhang.id)
    for points, reason in [(10, "十一月主题党日志愿服务"), (4, "法律援助宣传")]:
        services.points.earn(admin, member.id, points, reason, new_key())
        clock.advance(minutes=35)
    spent = services.points.spend(admin, member.id, 6, "汇上佳超市兑换：大米 5 斤", new_key())
    clock.advance(hours=2)
    services.points.reverse(admin, spent.entry_id, "商家退货", new_key())
    page = _page(window)
    problems: dict[str, list[str]] = {}

    def shot(name: str, root: QWidget | None = None) -> None:
        qtbot.wait(30)  # let the layouts settle before measuring
        widget = root or window
        assert widget.grab().toImage().save(str(shots / f"points-{name}.png"))
        if found := clipped(widget):
            problems[name] = found

    shot("1-empty")
    type_into(qtbot, page.search_field, "张明")
    qtbot.waitUntil(lambda: page.findChild(QTableView, "points_matches").model().rowCount() == 2)
    shot("2-matches")
    qtbot.keyClick(page.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)  # 张明华: not a member yet
    shot("3-not-a-member")
    _find(qtbot, page, "RHM:MH00001")
    page.table.selectRow(1)
    shot("4-member")
    click(qtbot, find(page, QPushButton, "adjust_points"))
    dialog = _dialog(qtbot, page, AdjustDialog)
    find(dialog, QSpinBox, "amount").setValue(-50)
    type_into(qtbot, find(dialog, QLineEdit, "reason"), "兑换扣减")
    click(qtbot, find(dialog, QPushButton, "save_button"))  # refused: the error shows under the amount
    shot("5-adjust-refused", dialog)
    dialog.reject()
    page.table.selectRow(2)
    click(qtbot, find(page, QPushButton, "reverse_entry"))
    reverse = _dialog(qtbot, page, ReverseDialog)
    shot("6-reverse", reverse)
    reverse.reject()
    section = _settings(window)
    shot("7-settings", section.window())

    assert problems == {}
