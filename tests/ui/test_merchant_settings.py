"""Settings → 联盟商家与兑换项目 on the real window: a merchant and a reward added by typing are listed (the phone
masked in the table, in full in the form only); a refused value is shown next to its field and nothing is saved;
restock, switching off and on, a merchant's cashiers named when it is switched off, and a stock changed by
another desk while the form was open."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import update
from uihelp import click, find, shown_text, type_into

from desk.domain.staff import Actor, Role
from desk.services.bundle import Services
from desk.services.merchants import MerchantForm, RewardForm
from desk.storage.models import Reward
from desk.ui import boxes
from desk.ui.main_window import MainWindow
from desk.ui.pages.settings import SettingsPage
from desk.ui.settings.merchants import MerchantsSection


@pytest.fixture
def section(window: MainWindow) -> MerchantsSection:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    shown = settings.show_section("merchants")
    assert isinstance(shown, MerchantsSection)
    return shown


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(boxes, "confirm", confirm)
    return asked


def _rows(view: QTableView) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _pick(qtbot: QtBot, view: QTableView, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _set_spin(qtbot: QtBot, spin: QSpinBox, value: int) -> None:
    """Type the number as a person would: select what is there, type, press Enter."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    qtbot.keyClick(spin, Qt.Key.Key_Enter)
    assert spin.value() == value


def _type_lines(edit: QPlainTextEdit, text: str) -> None:
    """Chinese into a multi-line field, as an input method commits it."""
    edit.setFocus()
    edit.selectAll()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def _seed(services: Services, admin: Actor) -> tuple[int, int]:
    shop = services.merchants.add_merchant(admin, MerchantForm(
        name="汇上佳超市", contact_person="陈立新", contact_phone="13812345678", category="超市"))
    tea = services.merchants.add_reward(admin, shop.id, RewardForm(title="奶茶一杯", points=30, stock=20))
    return shop.id, tea.id


def _reload(section: MerchantsSection) -> None:
    section.refresh()


def test_add_a_merchant_and_a_reward_by_typing(
        qtbot: QtBot, services: Services, admin: Actor, section: MerchantsSection) -> None:
    assert _rows(find(section, QTableView, "merchants_table")) == []
    assert find(section, QLabel, "merchant_heading").text() == "新商家"
    assert not find(section, QPushButton, "save_reward").isEnabled()  # rewards belong to a merchant

    type_into(qtbot, find(section, QLineEdit, "merchant_name"), "汇上佳超市")
    type_into(qtbot, find(section, QLineEdit, "merchant_category"), "超市")
    type_into(qtbot, find(section, QLineEdit, "contact_person"), "陈立新")
    type_into(qtbot, find(section, QLineEdit, "contact_phone"), "138 1234 5678")
    type_into(qtbot, find(section, QLineEdit, "merchant_address"), "明华商圈 3 号楼 1 层")
    type_into(qtbot, find(section, QLineEdit, "plaque_no"), "MH-LM-001")
    assert find(section, QDateEdit, "joined_on").date() == QDate(2026, 11, 28)  # today, unless changed
    click(qtbot, find(section, QPushButton, "save_merchant"))

    assert _rows(find(section, QTableView, "merchants_table")) == [
        ["汇上佳超市", "超市", "陈立新", "138****5678", "0", "启用"]]
    assert find(section, QLabel, "merchant_notice").text() == "已新增“汇上佳超市”。按“新增兑换项目”为它添加兑换项目。"
    assert find(section, QLineEdit, "contact_phone").text() == "13812345678"  # in full in the form only
    [merchant] = services.merchants.merchants(admin)
    assert (merchant.name, merchant.address, merchant.plaque_no, str(merchant.joined_on)) == (
        "汇上佳超市", "明华商圈 3 号楼 1 层", "MH-LM-001", "2026-11-28")

    click(qtbot, find(section, QPushButton, "new_reward"))
    assert find(section, QStackedWidget, "merchant_forms").currentWidget().objectName() == "reward_page"
    assert find(section, QLabel, "reward_merchant").text() == "汇上佳超市"
    assert find(section, QLabel, "reward_heading").text() == "新兑换项目"
    type_into(qtbot, find(section, QLineEdit, "reward_title"), "奶茶一杯")
    _type_lines(find(section, QPlainTextEdit, "reward_terms"), "限中杯\n不与其他优惠同享")
    _set_spin(qtbot, find(section, QSpinBox, "reward_points"), 30)
    type_into(qtbot, find(section, QLineEdit, "face_value"), "12.5")
    unlimited = find(section, QCheckBox, "stock_unlimited")
    assert unlimited.isChecked() and not find(section, QSpinBox, "reward_stock").isEnabled()
    click(qtbot, unlimited)
    _set_spin(qtbot, find(section, QSpinBox, "reward_stock"), 20)
    monthly = find(section, QSpinBox, "monthly_limit")
    assert monthly.text() == "不限"
    _set_spin(qtbot, monthly, 2)
    assert find(section, QSpinBox, "validity_days").text() == "30 天"
    click(qtbot, find(section, QPushButton, "save_reward"))

    assert _rows(find(section, QTableView, "rewards_table")) == [
        ["奶茶一杯", "30", "¥12.50", "20", "2", "30 天", "可兑换"]]
    assert find(section, QLabel, "reward_notice").text() == "已新增“奶茶一杯”。"
    assert find(section, QLabel, "reward_heading").text() == "奶茶一杯"
    assert _rows(find(section, QTableView, "merchants_table"))[0][4] == "1"
    [reward] = services.merchants.rewards(admin)
    assert (reward.terms, reward.face_value, reward.stock, reward.monthly_limit, reward.validity_days) == (
        "限中杯\n不与其他优惠同享", Decimal("12.50"), 20, 2, 30)


def test_refused_input_is_shown_next_to_its_field_and_nothing_is_saved(
        qtbot: QtBot, services: Services, admin: Actor, section: MerchantsSection) -> None:
    type_into(qtbot, find(section, QLineEdit, "merchant_name"), "老街坊面馆")
    type_into(qtbot, find(section, QLineEdit, "contact_phone"), "0755-1234abc")
    click(qtbot, find(section, QPushButton, "save_merchant"))

    assert shown_text(find(section, QLabel, "error_contact_phone")) == (
        "请填写 11 位手机号，或带区号的固定电话，例如 0755-12345678（只用数字、空格和短横线）。")
    assert find(section, QLineEdit, "contact_phone").hasFocus()
    assert services.merchants.merchants(admin) == []

    type_into(qtbot, find(section, QLineEdit, "contact_phone"), "0755-12345678")
    date = find(section, QDateEdit, "joined_on")
    date.setDate(QDate(2026, 11, 29))
    click(qtbot, find(section, QPushButton, "save_merchant"))
    assert shown_text(find(section, QLabel, "error_joined_on")) == "日期不能晚于今天（2026-11-28）。"
    assert shown_text(find(section, QLabel, "error_contact_phone")) == ""
    assert services.merchants.merchants(admin) == []

    click(qtbot, find(section, QCheckBox, "joined_unknown"))
    assert not date.isEnabled()
    click(qtbot, find(section, QPushButton, "save_merchant"))
    assert [m.masked_phone for m in services.merchants.merchants(admin)] == ["075****5678"]
    assert services.merchants.merchants(admin)[0].joined_on is None

    click(qtbot, find(section, QPushButton, "new_merchant"))
    type_into(qtbot, find(section, QLineEdit, "merchant_name"), "老街坊面馆")
    click(qtbot, find(section, QPushButton, "save_merchant"))
    assert shown_text(find(section, QLabel, "error_merchant_name")) == "名称“老街坊面馆”已被使用（包括已停用的），请换一个。"
    assert len(services.merchants.merchants(admin)) == 1

    _pick(qtbot, find(section, QTableView, "merchants_table"), 0)
    click(qtbot, find(section, QPushButton, "new_reward"))
    type_into(qtbot, find(section, QLineEdit, "reward_title"), "牛肉面一碗")
    type_into(qtbot, find(section, QLineEdit, "face_value"), "9.999")
    click(qtbot, find(section, QPushButton, "save_reward"))
    assert shown_text(find(section, QLabel, "error_face_value")) == (
        "请填写以元为单位的金额，最多两位小数，例如 10 或 9.90；没有面值请留空。")
    type_into(qtbot, find(section, QLineEdit, "face_value"), "")
    click(qtbot, find(section, QPushButton, "save_reward"))  # the points were left at 0
    assert shown_text(find(section, QLabel, "error_points")) == "超出允许范围（1–100000）。"
    assert shown_text(find(section, QLabel, "error_face_value")) == ""
    assert services.merchants.rewards(admin) == []


def test_the_table_masks_the_phone_and_the_form_edits_it_in_full(
        qtbot: QtBot, services: Services, admin: Actor, section: MerchantsSection) -> None:
    _seed(services, admin)
    _reload(section)
    table = find(section, QTableView, "merchants_table")
    assert _rows(table)[0][3] == "138****5678"
    phone = find(section, QLineEdit, "contact_phone")
    assert phone.text() == "13812345678"
    type_into(qtbot, phone, "139 0000 1111")
    qtbot.keyClick(phone, Qt.Key.Key_Return)  # Enter saves
    assert find(section, QLabel, "merchant_notice").text() == "已保存。"
    assert _rows(table)[0][3] == "139****1111"
    assert services.audit.recent(1)[0].action == "merchant_edited"


def test_restock_and_switch_a_reward_off(
        qtbot: QtBot, services: Services, admin: Actor, section: MerchantsSection, yes: list[str]) -> None:
    _, tea = _seed(services, admin)
    unlimited = services.merchants.add_reward(admin, services.merchants.merchants(admin)[0].id,
                                              RewardForm(title="满50减10", points=50))
    _reload(section)
    rewards = find(section, QTableView, "rewards_table")
    assert not find(section, QPushButton, "restock").isEnabled()  # nothing chosen yet
    _pick(qtbot, rewards, 1)
    assert section.current_reward() is not None and section.current_reward().id == unlimited.id
    assert not find(section, QPushButton, "restock").isEnabled()  # unlimited: nothing to add to
    _pick(qtbot, rewards, 0)
    _set_spin(qtbot, find(section, QSpinBox, "restock_quantity"), 5)
    click(qtbot, find(section, QPushButton, "restock"))

    assert find(section, QLabel, "reward_notice").text() == "已补货 5 张，现有库存 25 张。"
    assert _rows(rewards)[0][3] == "25"
    assert services.merchants.reward(admin, tea).stock == 25

    _set_spin(qtbot, find(section, QSpinBox, "restock_quantity"), 0)
    click(qtbot, find(section, QPushButton, "restock"))
    assert shown_text(find(section, QLabel, "error_restock")) == "超出允许范围（1–1000000）。"

    click(qtbot, find(section, QPushButton, "toggle_reward"))
    assert "奶茶一杯" in yes[-1]
    assert _rows(rewards)[1][6] == "已停用"  # active ones first
    assert not services.merchants.reward(admin, tea).active
    assert _rows(find(section, QTableView, "merchants_table"))[0][4] == "1"
    assert find(section, QPushButton, "toggle_reward").text() == "启用"


def test_switching_a_merchant_off_names_its_cashiers(
        qtbot: QtBot, services: Services, admin: Actor, section: MerchantsSection, yes: list[str]) -> None:
    shop, _ = _seed(services, admin)
    services.staff.add(admin, "huishang", "汇上佳收银员", Role.MERCHANT, "shop-pass-1", "shop-pass-1", shop)
    _reload(section)
    click(qtbot, find(section, QPushButton, "toggle_merchant"))

    assert "汇上佳超市" in yes[-1]
    assert shown_text(find(section, QLabel, "merchant_state")) == (
        "已停用：不能再开出它的兑换券。仍有 1 个商户收银员账户绑定此商家，可在“工作人员”中停用。")
    assert _rows(find(section, QTableView, "merchants_table"))[0][5] == "停用"
    assert _rows(find(section, QTableView, "rewards_table"))[0][6] == "商家已停用"
    assert services.staff.find(admin, "huishang").active
    click(qtbot, find(section, QPushButton, "toggle_merchant"))
    assert shown_text(find(section, QLabel, "merchant_state")) == ""
    assert services.merchants.merchants(admin)[0].active


def test_a_stock_changed_by_another_desk_is_not_overwritten(
        qtbot: QtBot, services: Services, admin: Actor, section: MerchantsSection) -> None:
    _, tea = _seed(services, admin)
    _reload(section)
    _pick(qtbot, find(section, QTableView, "rewards_table"), 0)
    stock = find(section, QSpinBox, "reward_stock")
    assert stock.value() == 20
    with services.ctx.db.write() as s:  # a voucher issued at another desk meanwhile
        s.execute(update(Reward).where(Reward.id == tea, Reward.stock > 0).values(stock=Reward.stock - 1))
    _set_spin(qtbot, stock, 50)
    click(qtbot, find(section, QPushButton, "save_reward"))

    assert shown_text(find(section, QLabel, "error_stock")) == (
        "库存刚被其他前台改变（现在剩 19），未保存。请查看后再修改，或用“补货”增加。")
    assert services.merchants.reward(admin, tea).stock == 19
    assert _rows(find(section, QTableView, "rewards_table"))[0][3] == "19"
    assert stock.value() == 50  # what was typed stays for a second look
    click(qtbot, find(section, QPushButton, "save_reward"))
    assert services.merchants.reward(admin, tea).stock == 50
    assert find(section, QLabel, "reward_notice").text() == "已保存。"


def test_the_tables_pass_the_model_tester(
        qtmodeltester: ModelTester, services: Services, admin: Actor, section: MerchantsSection) -> None:
    _seed(services, admin)
    _reload(section)
    qtmodeltester.check(find(section, QTableView, "merchants_table").model())
    qtmodeltester.check(find(section, QTableView, "rewards_table").model())
