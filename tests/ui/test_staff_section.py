"""Settings → 工作人员: add, edit, disable and enable, reset a password; the last administrator stays."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from uihelp import ADMIN_PASSWORD, click, find, shown_text, type_into

from desk.domain.errors import AccountDisabled
from desk.domain.staff import Actor, Role
from desk.services.bundle import Services
from desk.storage.models import Merchant
from desk.ui import boxes
from desk.ui.dialogs.staff import ResetPasswordDialog, StaffDialog
from desk.ui.main_window import MainWindow
from desk.ui.pages.settings import SettingsPage
from desk.ui.settings.staff import StaffModel, StaffSection

LAST_ADMIN = "这是唯一启用的管理员，不能停用或降级。请先设置另一位管理员。"


@pytest.fixture
def section(window: MainWindow) -> StaffSection:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    section = settings.show_section("staff")
    assert isinstance(section, StaffSection)
    return section


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation is answered yes; the texts asked are kept for the test to read."""
    asked: list[str] = []

    def confirm(_parent: object, title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(boxes, "confirm", confirm)
    return asked


def _table(section: StaffSection) -> dict[str, list[str]]:
    model = section.model
    return {model.index(r, StaffModel.USERNAME).data(): [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())}


def _select(qtbot: QtBot, section: StaffSection, username: str) -> None:
    view = find(section, QTableView, "staff_table")
    row = next(r for r in range(section.model.rowCount()) if section.model.index(r, 0).data() == username)
    rect = view.visualRect(section.model.index(row, StaffModel.NAME))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    selected = section.selected()
    assert selected is not None and selected.username == username


def _open_add(qtbot: QtBot, section: StaffSection) -> StaffDialog:
    click(qtbot, find(section, QPushButton, "add_staff"))
    dialog = section.findChild(StaffDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _save(qtbot: QtBot, dialog: StaffDialog | ResetPasswordDialog) -> None:
    click(qtbot, find(dialog, QPushButton, "save_button"))


def _choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0
    combo.setCurrentIndex(index)


def test_add_a_desk_user_who_can_then_log_in(qtbot: QtBot, services: Services, section: StaffSection) -> None:
    dialog = _open_add(qtbot, section)
    assert not find(dialog, QComboBox, "merchant").isEnabled()
    type_into(qtbot, find(dialog, QLineEdit, "username"), "zhangsan")
    type_into(qtbot, find(dialog, QLineEdit, "display_name"), "张三")
    _choose(find(dialog, QComboBox, "role"), Role.DESK.value)
    type_into(qtbot, find(dialog, QLineEdit, "password"), "zhang-pass-1")
    type_into(qtbot, find(dialog, QLineEdit, "password_repeat"), "zhang-pass-1")

    with qtbot.waitSignal(dialog.finished, timeout=2000):
        _save(qtbot, dialog)

    assert _table(section)["zhangsan"][:5] == ["zhangsan", "张三", "前台", "", "启用"]
    selected = section.selected()
    assert selected is not None and selected.username == "zhangsan"
    assert "张三" in find(section, QLabel, "staff_notice").text()
    actor = services.auth.login("zhangsan", "zhang-pass-1")
    assert (actor.display_name, actor.role) == ("张三", Role.DESK)


def test_a_taken_username_is_shown_next_to_it_and_the_dialog_stays(
        qtbot: QtBot, services: Services, admin: Actor, section: StaffSection) -> None:
    dialog = _open_add(qtbot, section)
    type_into(qtbot, find(dialog, QLineEdit, "username"), "admin")
    type_into(qtbot, find(dialog, QLineEdit, "display_name"), "另一个王建国")
    type_into(qtbot, find(dialog, QLineEdit, "password"), "other-pass-1")
    type_into(qtbot, find(dialog, QLineEdit, "password_repeat"), "other-pass-1")

    _save(qtbot, dialog)

    assert dialog.isVisible()
    assert shown_text(find(dialog, QLabel, "error_username")) == "用户名“admin”已被使用，请换一个。"
    assert shown_text(find(dialog, QLabel, "error_display_name")) == ""
    assert list(_table(section)) == ["admin"]

    type_into(qtbot, find(dialog, QLineEdit, "password_repeat"), "other-pass-2")
    type_into(qtbot, find(dialog, QLineEdit, "username"), "wangjg")
    _save(qtbot, dialog)
    assert shown_text(find(dialog, QLabel, "error_password_repeat")) == "两次输入的密码不一致，请重新输入。"
    assert shown_text(find(dialog, QLabel, "error_username")) == ""
    assert len(services.staff.list_staff(admin)) == 1


def test_a_merchant_cashier_needs_a_merchant(qtbot: QtBot, services: Services, section: StaffSection) -> None:
    with services.ctx.db.write() as s:
        s.add(Merchant(name="书香社区书店", active=True, created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    dialog = _open_add(qtbot, section)
    type_into(qtbot, find(dialog, QLineEdit, "username"), "shuxiang")
    type_into(qtbot, find(dialog, QLineEdit, "display_name"), "书店收银")
    type_into(qtbot, find(dialog, QLineEdit, "password"), "book-pass-1")
    type_into(qtbot, find(dialog, QLineEdit, "password_repeat"), "book-pass-1")
    merchant = find(dialog, QComboBox, "merchant")
    _choose(find(dialog, QComboBox, "role"), Role.MERCHANT.value)
    assert merchant.isEnabled()

    _save(qtbot, dialog)
    assert shown_text(find(dialog, QLabel, "error_merchant")) == "商户收银员必须绑定一个联盟商家。"

    merchant.setCurrentIndex(merchant.findText("书香社区书店"))
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        _save(qtbot, dialog)
    assert _table(section)["shuxiang"][2:4] == ["商户收银员", "书香社区书店"]


def test_edit_by_double_click(qtbot: QtBot, services: Services, admin: Actor, section: StaffSection) -> None:
    services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    section.refresh()
    view = find(section, QTableView, "staff_table")
    row = next(r for r in range(section.model.rowCount()) if section.model.index(r, 0).data() == "lixiaomei")
    rect = view.visualRect(section.model.index(row, StaffModel.NAME))
    # a real double click is a click followed by a double-click event; the view needs both
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    dialog = section.findChild(StaffDialog)
    assert dialog is not None and dialog.isVisible()
    assert find(dialog, QLineEdit, "username").isReadOnly()
    assert dialog.findChild(QLineEdit, "password") is None  # passwords are reset, not edited
    type_into(qtbot, find(dialog, QLineEdit, "display_name"), "李晓梅（组长）")
    _choose(find(dialog, QComboBox, "role"), Role.ADMIN.value)
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        _save(qtbot, dialog)

    assert _table(section)["lixiaomei"][1:3] == ["李晓梅（组长）", "管理员"]


def test_disable_and_enable_again(
        qtbot: QtBot, services: Services, admin: Actor, section: StaffSection, confirmations: list[str]) -> None:
    services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    section.refresh()
    toggle = find(section, QPushButton, "toggle_staff")
    assert not toggle.isEnabled()
    _select(qtbot, section, "lixiaomei")
    assert toggle.text() == "停用"

    click(qtbot, toggle)

    assert "李晓梅" in confirmations[-1] and "停用" in confirmations[-1]
    assert _table(section)["lixiaomei"][4] == "停用"
    assert toggle.text() == "启用"
    with pytest.raises(AccountDisabled):
        services.auth.login("lixiaomei", "desk-pass-1")

    click(qtbot, toggle)

    assert _table(section)["lixiaomei"][4] == "启用"
    assert toggle.text() == "停用"
    assert services.auth.login("lixiaomei", "desk-pass-1").username == "lixiaomei"


def test_disabling_is_not_done_when_the_admin_says_no(
        qtbot: QtBot, services: Services, admin: Actor, section: StaffSection, monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    section.refresh()
    monkeypatch.setattr(boxes, "confirm", lambda *_args: False)
    _select(qtbot, section, "lixiaomei")

    click(qtbot, find(section, QPushButton, "toggle_staff"))

    assert _table(section)["lixiaomei"][4] == "启用"


def test_the_last_admin_cannot_be_disabled_or_demoted(
        qtbot: QtBot, services: Services, section: StaffSection, confirmations: list[str]) -> None:
    section.refresh()
    _select(qtbot, section, "admin")

    click(qtbot, find(section, QPushButton, "toggle_staff"))

    assert "您自己的账户" in confirmations[-1]
    assert shown_text(find(section, QLabel, "staff_error")) == LAST_ADMIN
    assert _table(section)["admin"][4] == "启用"

    click(qtbot, find(section, QPushButton, "edit_staff"))
    dialog = section.findChild(StaffDialog)
    assert dialog is not None
    _choose(find(dialog, QComboBox, "role"), Role.DESK.value)
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert shown_text(find(dialog, QLabel, "dialog_error")) == LAST_ADMIN
    assert services.auth.login("admin", ADMIN_PASSWORD).role is Role.ADMIN


def test_reset_password_makes_them_choose_a_new_one(
        qtbot: QtBot, services: Services, admin: Actor, section: StaffSection) -> None:
    services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    section.refresh()
    _select(qtbot, section, "lixiaomei")

    click(qtbot, find(section, QPushButton, "reset_password"))
    dialog = section.findChild(ResetPasswordDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert "下次登录时必须改成" in find(dialog, QLabel, "reset_intro").text()
    type_into(qtbot, find(dialog, QLineEdit, "password"), "short")
    type_into(qtbot, find(dialog, QLineEdit, "password_repeat"), "short")
    _save(qtbot, dialog)
    assert shown_text(find(dialog, QLabel, "error_password")) == "太短了：至少 8 个字符。"

    type_into(qtbot, find(dialog, QLineEdit, "password"), "temporary-9")
    type_into(qtbot, find(dialog, QLineEdit, "password_repeat"), "temporary-9")
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        _save(qtbot, dialog)

    assert _table(section)["lixiaomei"][4] == "须改密码"
    assert "下次登录时必须修改密码" in find(section, QLabel, "staff_notice").text()
    actor = services.auth.login("lixiaomei", "temporary-9")
    assert services.auth.must_change_password(actor)


def test_a_locked_account_shows_as_locked(qtbot: QtBot, services: Services, section: StaffSection) -> None:
    for _ in range(5):
        with pytest.raises(Exception):  # noqa: B017 - the fifth failure locks; the exact errors are unit-tested
            services.auth.login("admin", "guessing-123")
    section.refresh()
    assert _table(section)["admin"][4] == "已锁定"


def test_last_login_is_shown_in_the_base_time_zone(services: Services, section: StaffSection) -> None:
    services.auth.login("admin", ADMIN_PASSWORD)  # at 02:00 UTC
    section.refresh()
    assert _table(section)["admin"][5] == "2026/11/28 10:00"


def test_the_staff_model_is_a_well_behaved_qt_model(
        qtmodeltester: ModelTester, services: Services, admin: Actor, section: StaffSection) -> None:
    services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    section.refresh()
    qtmodeltester.check(section.model)
    assert section.model.rowCount() == 2


def test_cancel_adds_nobody(qtbot: QtBot, services: Services, admin: Actor, section: StaffSection) -> None:
    dialog = _open_add(qtbot, section)
    type_into(qtbot, find(dialog, QLineEdit, "username"), "zhangsan")
    buttons = find(dialog, QDialogButtonBox, "")
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert [row.username for row in services.staff.list_staff(admin)] == ["admin"]
