"""The redemption station (核销) on the real window: the scanner's text + Enter redeems once with a green banner and
the field ready for the next scan; the same slip again is refused with when, where and by whom; a typed serial with
one wrong character is a typo; garbage and a tampered code are not genuine; voided, expired and another merchant's
vouchers are refused by name; a merchant cashier sees only this page and redeems only their own merchant's
vouchers; the session expires unused vouchers; and every banner in Chinese and English, looked at.

The clock stands at Saturday 2026-11-28 10:00 at the base.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel
from pytestqt.qtbot import QtBot
from test_screenshots import clipped
from test_voucher_issue import Shop, add_member, add_shop
from uihelp import find, shown_text, type_into

from desk.domain import errors as e
from desk.domain.clock import FixedClock
from desk.domain.staff import Actor, Role
from desk.domain.voucher_code import ALPHABET
from desk.domain.vouchers import Outcome, VoucherStatus
from desk.services.bundle import Services
from desk.services.points import MemberRow, new_key
from desk.services.vouchers import Issued
from desk.ui.i18n import apply_language
from desk.ui.main_window import MainWindow
from desk.ui.pages.redeem import RedeemPage, RedemptionsModel
from desk.ui.session import DeskSession
from desk.ui.tasks import TaskRunner
from desk.ui.vouchers import banner
from desk.ui.vouchers.banner import Tone
from desk.ui.wording import error_text


@pytest.fixture
def shop(services: Services, admin: Actor) -> Shop:
    return add_shop(services)


@pytest.fixture
def member(services: Services, admin: Actor) -> MemberRow:
    return add_member(services, admin)


@pytest.fixture
def sounds(monkeypatch: pytest.MonkeyPatch) -> list[Tone]:
    """The beeps the station gives, in order (no sound card needed)."""
    played: list[Tone] = []
    monkeypatch.setattr(banner, "play_sound", played.append)
    return played


def _issue(services: Services, admin: Actor, member: MemberRow, reward: int) -> Issued:
    return services.vouchers.issue(admin, member.id, reward, new_key())


def _page(qtbot: QtBot, window: MainWindow) -> RedeemPage:
    page = window.show_page("redeem")
    assert isinstance(page, RedeemPage)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.input_field)
    return page


def _scan(qtbot: QtBot, page: RedeemPage, text: str) -> None:
    """What a USB scanner does: type the text and press Enter."""
    type_into(qtbot, page.input_field, text)
    qtbot.keyClick(page.input_field, Qt.Key.Key_Return)


def _ready_for_the_next_scan(page: RedeemPage) -> bool:
    return page.input_field.text() == "" and QApplication.focusWidget() is page.input_field


def _history(page: RedeemPage) -> list[list[str]]:
    model = page.history
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _typo(code: str) -> str:
    """The code with its last data symbol swapped for another one of the alphabet."""
    position = code.index("-") + 3
    wrong = next(s for s in ALPHABET if s != code[position])
    return code[:position] + wrong + code[position + 1:]


def test_a_scan_redeems_once_and_the_second_scan_says_when_where_and_by_whom(
        qtbot: QtBot, services: Services, admin: Actor, member: MemberRow, shop: Shop, window: MainWindow,
        clock: FixedClock, sounds: list[Tone]) -> None:
    issued = _issue(services, admin, member, shop.coupon)
    code = issued.voucher.code
    page = _page(qtbot, window)
    assert window.page_keys().index("redeem") == window.page_keys().index("projects") + 1
    assert not page.banner.isVisible() and _history(page) == []

    _scan(qtbot, page, issued.slip.qr_text)

    assert page.banner.isVisible() and page.banner.outcome is Outcome.REDEEMED and page.banner.tone is Tone.SUCCESS
    assert page.banner.texts() == ("核销成功", "满50减10", f"汇上佳超市 · 会员 张* MH00001 · 200 积分 · 券码 {code}")
    assert sounds == [Tone.SUCCESS]
    assert _ready_for_the_next_scan(page)
    assert services.vouchers.get(issued.voucher.id).status is VoucherStatus.REDEEMED
    assert _history(page) == [["今天 10:00", code, "满50减10", "汇上佳超市", "张* MH00001", "200", "王建国"]]
    assert shown_text(find(page, QLabel, "redeem_history_title")) == "各商家的核销记录（今天 1 张）"

    clock.advance(minutes=7)
    _scan(qtbot, page, issued.slip.qr_text)

    assert page.banner.outcome is Outcome.ALREADY_REDEEMED and page.banner.tone is Tone.REFUSED
    title, headline, details = page.banner.texts()
    assert (title, headline) == ("此券已核销过", "已于 2026-11-28 10:00 在 汇上佳超市 核销")
    assert details == f"经办人 王建国 · 满50减10（汇上佳超市）· 会员 张* MH00001 · 券码 {code}"
    assert sounds == [Tone.SUCCESS, Tone.REFUSED]
    assert _ready_for_the_next_scan(page)
    assert len(_history(page)) == 1


def test_a_typed_serial_with_one_wrong_character_is_a_typo_and_the_right_one_redeems(
        qtbot: QtBot, services: Services, admin: Actor, member: MemberRow, shop: Shop, window: MainWindow,
        sounds: list[Tone]) -> None:
    issued = _issue(services, admin, member, shop.tea)
    page = _page(qtbot, window)
    wrong = _typo(issued.voucher.code)

    _scan(qtbot, page, wrong)

    assert page.banner.outcome is Outcome.TYPO and page.banner.tone is Tone.RETYPE
    assert page.banner.texts() == ("券码有一位输错了", "请对照兑换券重新输入券码，或再扫一次二维码。", f"刚才输入的是：{wrong}")
    assert sounds == [Tone.RETYPE] and _ready_for_the_next_scan(page)
    assert services.vouchers.get(issued.voucher.id).status is VoucherStatus.ISSUED

    _scan(qtbot, page, issued.voucher.code.lower().replace("-", " "))  # as a person types it

    assert page.banner.outcome is Outcome.REDEEMED


@pytest.mark.parametrize("typed", ["hello world", "ABCD-EFGI", "https://example.com/?q=1", "VC1:" + "Z" * 9996])
def test_garbage_is_not_a_genuine_voucher(
        qtbot: QtBot, services: Services, admin: Actor, window: MainWindow, sounds: list[Tone], typed: str) -> None:
    page = _page(qtbot, window)
    if len(typed) > 100:
        page.input_field.setText(typed)  # a scanner's burst: typed key by key it would take minutes
        qtbot.keyClick(page.input_field, Qt.Key.Key_Return)
    else:
        _scan(qtbot, page, typed)
    assert page.banner.outcome is Outcome.NOT_GENUINE and page.banner.tone is Tone.REFUSED
    reason = services.vouchers.verify(typed).error
    assert isinstance(reason, e.VoucherCodeError)
    assert page.banner.texts() == ("不是有效的兑换券", "请勿兑换。", error_text(reason))
    assert sounds == [Tone.REFUSED] and _ready_for_the_next_scan(page)


def test_a_tampered_qr_code_is_not_genuine_and_changes_nothing(
        qtbot: QtBot, services: Services, admin: Actor, member: MemberRow, shop: Shop, window: MainWindow,
        sounds: list[Tone]) -> None:
    issued = _issue(services, admin, member, shop.coupon)
    text = issued.slip.qr_text
    tampered = text[:-3] + ("A" if text[-3] != "A" else "B") + text[-2:]
    page = _page(qtbot, window)
    _scan(qtbot, page, tampered)
    assert page.banner.outcome is Outcome.NOT_GENUINE
    assert page.banner.texts()[2] != ""  # says why: the signature or the code does not hold
    assert services.vouchers.get(issued.voucher.id).status is VoucherStatus.ISSUED


def test_an_empty_enter_asks_for_a_code(qtbot: QtBot, window: MainWindow, sounds: list[Tone]) -> None:
    page = _page(qtbot, window)
    qtbot.keyClick(page.input_field, Qt.Key.Key_Return)
    assert shown_text(find(page, QLabel, "redeem_error")) == "请先扫描兑换券上的二维码，或输入券码。"
    assert not page.banner.isVisible() and sounds == []


def test_voided_expired_and_another_merchants_vouchers_are_refused_by_name(
        qtbot: QtBot, services: Services, admin: Actor, member: MemberRow, shop: Shop, window: MainWindow,
        clock: FixedClock, sounds: list[Tone]) -> None:
    voided = _issue(services, admin, member, shop.coupon)
    services.vouchers.void(admin, voided.voucher.id, "会员改换其他商品")
    noodles = _issue(services, admin, member, shop.noodles)
    page = _page(qtbot, window)

    _scan(qtbot, page, voided.slip.qr_text)
    assert page.banner.outcome is Outcome.VOIDED
    assert page.banner.texts()[:2] == ("此券已作废", "前台已作废这张券（原因：会员改换其他商品），不能兑换。")

    combo = find(page, QComboBox, "redeem_merchant")  # the desk redeems for 汇上佳超市 here
    assert combo.itemText(0) == "任意商家（按券所属商家核销）"
    combo.setCurrentIndex(combo.findData(shop.merchant_id))
    assert QApplication.focusWidget() is page.input_field
    _scan(qtbot, page, noodles.slip.qr_text)
    assert page.banner.outcome is Outcome.WRONG_MERCHANT
    assert page.banner.texts()[:2] == ("不是本店的兑换券", "此券只能在 老王牛肉面 使用，请勿兑换。")
    assert services.vouchers.get(noodles.voucher.id).status is VoucherStatus.ISSUED
    assert shown_text(find(page, QLabel, "redeem_history_title")) == "汇上佳超市 的核销记录（今天 0 张）"

    clock.advance(days=31)
    _scan(qtbot, page, noodles.voucher.code)
    assert page.banner.outcome is Outcome.EXPIRED
    assert page.banner.texts()[:2] == ("此券已过期", "有效期至 2026-12-27，已过期，不能兑换。")
    assert sounds == [Tone.REFUSED] * 3


def test_a_merchant_cashier_sees_only_the_station_and_redeems_only_their_own_vouchers(
        qtbot: QtBot, services: Services, admin: Actor, member: MemberRow, shop: Shop,
        make_window: Callable[[Actor], MainWindow], sounds: list[Tone]) -> None:
    own = _issue(services, admin, member, shop.tea)
    other = _issue(services, admin, member, shop.noodles)
    services.staff.add(admin, "huishang", "汇上佳收银员", Role.MERCHANT, "shop-pass-1", "shop-pass-1",
                       shop.merchant_id)
    cashier = services.auth.login("huishang", "shop-pass-1")

    window = make_window(cashier)

    # The station is the first page; besides it only the settings, which show a cashier the language alone.
    assert window.page_keys()[0] == "redeem" and set(window.page_keys()) <= {"redeem", "settings"}
    page = window.current_page()
    assert isinstance(page, RedeemPage)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.input_field)
    assert not find(page, QComboBox, "redeem_merchant").isVisible()
    assert shown_text(find(page, QLabel, "redeem_merchant_fixed")) == "汇上佳超市"

    _scan(qtbot, page, other.slip.qr_text)
    assert page.banner.outcome is Outcome.WRONG_MERCHANT
    assert page.banner.texts()[1] == "此券只能在 老王牛肉面 使用，请勿兑换。"
    assert services.vouchers.get(other.voucher.id).status is VoucherStatus.ISSUED

    _scan(qtbot, page, own.slip.qr_text)
    assert page.banner.outcome is Outcome.REDEEMED
    assert page.history.rowCount() == 1 and page.history.row_at(0) is not None
    assert page.history.index(0, RedemptionsModel.STAFF).data() == "汇上佳收银员"
    assert shown_text(find(page, QLabel, "redeem_history_title")) == "汇上佳超市 的核销记录（今天 1 张）"
    assert sounds == [Tone.REFUSED, Tone.SUCCESS]


def test_the_session_expires_unused_vouchers_and_refunds_them(
        qtbot: QtBot, services: Services, admin: Actor, member: MemberRow, shop: Shop, clock: FixedClock,
        tasks: TaskRunner, start_session: Callable[[], DeskSession]) -> None:
    issued = _issue(services, admin, member, shop.coupon)
    assert services.points.balance(member.id) == 800
    clock.advance(days=31)

    session = start_session()  # vouchers whose last day passed while the program was closed go at once

    assert session.voucher_expiry_timer.isActive()
    qtbot.waitUntil(lambda: services.vouchers.get(issued.voucher.id).status is VoucherStatus.EXPIRED)
    assert services.points.balance(member.id) == 1000
    session.voucher_expiry_timer.timeout.emit()  # later ticks find nothing more
    tasks.wait()
    qtbot.wait(50)
    assert services.points.balance(member.id) == 1000


@pytest.mark.parametrize(("error", "message"), [
    (e.RewardUnavailable("reward", title="奶茶一杯", merchant="汇上佳超市", reason="reward"),
     "“奶茶一杯”已下架，暂不能兑换。请选择其他兑换项目。"),
    (e.RewardUnavailable("reward", title="奶茶一杯", merchant="汇上佳超市", reason="merchant"),
     "汇上佳超市 已暂停参加积分兑换，暂不能兑换它的项目。"),
    (e.OutOfStock("reward", title="电饭煲"), "“电饭煲”已兑完，请选择其他兑换项目。"),
    (e.MonthlyLimitReached("reward", title="满50减10", limit=2), "“满50减10”每位会员每月限兑 2 次，本月已达上限，下月再来兑换。"),
    (e.VoucherNotIssued(status="redeemed"), "这张兑换券当前“已核销”，不能再重印或作废。请刷新后再看。"),
    (e.NothingToSettle(merchant="汇上佳超市"), "汇上佳超市 在这段时间没有待结算的核销记录。"),
    (e.SerialTypo("code"), "券码有一位输错了（或两位颠倒了），请对照兑换券重新输入，或扫描二维码。"),
    (e.NotAVoucher("code", reason="prefix"), "这不是兑换券的二维码。请扫描兑换券上的二维码，或输入券码。"),
    (e.VoucherVersionUnsupported("code", version=9), "这张兑换券由更新版本的前台程序生成，本程序读不懂。请先升级本程序。"),
    (e.UnknownVoucherKey("code", key_id="K7QX"),
     "这张兑换券的签名密钥（K7QX）本机不认识：可能不是本基地发的券，或本机还没有导入密钥。请勿兑换，请管理员核实。"),
    (e.BadVoucherSignature("code", key_id="K7QX"), "兑换券的签名不符：二维码被改动过或是伪造的。请勿兑换。"),
    (e.SigningKeyMissing(), "这台电脑只有验券用的公钥，不能发券。请在持有签名密钥的前台兑换，或请管理员导入签名密钥。"),
    (e.KeyBundleInvalid(reason="format"), "密钥包已损坏或不是前台的密钥包，未导入任何密钥。"),
    (e.KeyConflict(key_id="K7QX"), "密钥 K7QX 与本机已有的同名密钥不同，未导入任何密钥。请核对密钥包的来源。"),
    (e.KeyInUse(key_id="K7QX"), "密钥 K7QX 正在签发新的兑换券，不能删除。请先更换密钥。"),
])
def test_every_voucher_refusal_is_worded(error: e.DeskError, message: str) -> None:
    assert error_text(error) == message


# -- screenshots -------------------------------------------------------------------------------------------------

@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> str:
    apply_language(request.param)
    return str(request.param)


@pytest.fixture
def shots(tmp_path: Path, language: str) -> Path:
    folder = Path(os.environ.get("DESK_SHOTS_DIR") or tmp_path / "shots") / language
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_every_banner_renders_without_clipped_words(
        qtbot: QtBot, services: Services, admin: Actor, member: MemberRow, shop: Shop, window: MainWindow,
        clock: FixedClock, shots: Path, language: str, sounds: list[Tone]) -> None:
    coupon = _issue(services, admin, member, shop.coupon)
    voided = _issue(services, admin, member, shop.tea)
    services.vouchers.void(admin, voided.voucher.id, "会员改换其他商品")
    noodles = _issue(services, admin, member, shop.noodles)
    page = _page(qtbot, window)
    problems: dict[str, list[str]] = {}

    def shot(name: str) -> None:
        qtbot.wait(30)  # let the layouts settle before measuring
        assert window.grab().toImage().save(str(shots / f"redeem-{name}.png"))
        if found := clipped(window):
            problems[name] = found

    shot("0-waiting")
    _scan(qtbot, page, coupon.slip.qr_text)
    shot("1-redeemed")
    _scan(qtbot, page, coupon.slip.qr_text)
    shot("2-already-redeemed")
    _scan(qtbot, page, voided.voucher.code)
    shot("3-voided")
    _scan(qtbot, page, _typo(noodles.voucher.code))
    shot("4-typo")
    _scan(qtbot, page, "hello world")
    shot("5-not-genuine")
    combo = find(page, QComboBox, "redeem_merchant")
    combo.setCurrentIndex(combo.findData(shop.merchant_id))
    _scan(qtbot, page, noodles.slip.qr_text)
    shot("6-wrong-merchant")
    clock.advance(days=31)
    combo.setCurrentIndex(0)
    _scan(qtbot, page, noodles.slip.qr_text)
    shot("7-expired")
    assert [o for o in (page.banner.outcome,)] == [Outcome.EXPIRED]
    assert problems == {}
