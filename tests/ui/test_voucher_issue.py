"""Issuing vouchers at the desk on the real window: the 积分 page's 兑换 (Ctrl+E) opens the reward catalogue, Enter
issues, the slip preview opens at once and prints or saves; the balance and the ledger follow; a reward the member
cannot have is refused with the reason and nothing spent; the member's 兑换券 tab reprints and voids; the 打印
settings section chooses the paper per printer; the preview is painted from the PDF's own bytes (compared with
poppler where it is installed, and its QR code decodes); and the screens in Chinese and English, looked at.

The clock stands at Saturday 2026-11-28 10:00 at the base.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import func, insert, select
from test_screenshots import clipped
from uihelp import click, find, shown_text, type_into

from desk.domain import errors as e
from desk.domain.people import Category
from desk.domain.staff import Actor, Role
from desk.domain.vouchers import VoucherStatus
from desk.printing.voucher_slip import SlipLayout, VoucherSlip, voucher_slip_pdf
from desk.services.bundle import Services
from desk.services.people import PersonForm
from desk.services.points import MemberRow, new_key
from desk.storage.models import AuditEvent, Merchant, PointsEntry, Reward, Voucher
from desk.ui import boxes
from desk.ui.i18n import apply_language
from desk.ui.main_window import MainWindow
from desk.ui.pages.points import PointsPage
from desk.ui.pages.settings import SettingsPage
from desk.ui.settings.printing import PrintingSection
from desk.ui.vouchers import preview as preview_module
from desk.ui.vouchers import slip_labels
from desk.ui.vouchers.catalogue import CatalogueDialog
from desk.ui.vouchers.layouts import NO_PRINTER, SlipLayouts
from desk.ui.vouchers.member_vouchers import VoidDialog
from desk.ui.vouchers.pdf_pages import PdfPages
from desk.ui.vouchers.preview import SlipPreviewDialog
from desk.ui.wording import error_text

MINUS = "\u2212"
CREATED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


# -- the alliance and a member (shared with test_redeem_page) ----------------------------------------------------

@dataclass(frozen=True)
class Shop:
    merchant_id: int
    other_merchant_id: int
    coupon: int  # 满50减10, 200 points, 5 in stock, 2 a month
    tea: int  # 奶茶一杯, 50 points, unlimited
    cooker: int  # 电饭煲, 5000 points: more than the member has
    noodles: int  # the other merchant's 牛肉面一碗, 80 points


def add_shop(services: Services) -> Shop:
    """Two merchants and their rewards, written straight into the tables (the merchants area has its own tests)."""
    with services.ctx.db.write_core() as conn:
        def merchant(name: str, address: str) -> int:
            return int(conn.execute(insert(Merchant).returning(Merchant.id), {
                "name": name, "active": True, "created_at": CREATED, "address": address, "contact_person": "",
                "contact_phone": "", "category": "", "plaque_no": "", "joined_on": None}).scalar_one())

        def reward(merchant_id: int, title: str, points: int, stock: int | None, limit: int | None,
                   face: int | None = None, terms: str = "") -> int:
            return int(conn.execute(insert(Reward).returning(Reward.id), {
                "merchant_id": merchant_id, "title": title, "terms": terms, "points": points,
                "face_value_fen": face, "stock": stock, "monthly_limit": limit, "validity_days": 30,
                "active": True, "created_at": CREATED}).scalar_one())

        shop = merchant("汇上佳超市", "明华商圈中心广场 3 号")
        other = merchant("老王牛肉面", "明华商圈美食街 8 号")
        return Shop(shop, other,
                    coupon=reward(shop, "满50减10", 200, 5, 2, 1000, "仅限店内使用，不找零，不与其他优惠同享。"),
                    tea=reward(shop, "奶茶一杯", 50, None, None),
                    cooker=reward(shop, "电饭煲", 5000, 1, None),
                    noodles=reward(other, "牛肉面一碗", 80, None, None))


def add_member(services: Services, admin: Actor, points: int = 1000) -> MemberRow:
    person = services.people.register(admin, PersonForm("张明", "13812345678", Category.PARTY_MEMBER))
    member = services.points.join(admin, person.id)
    services.points.earn(admin, member.id, points, "十一月主题党日志愿服务", new_key())
    found = services.points.member_of_person(person.id)
    assert found is not None
    return found


def decode_qr(image: QImage) -> list[str]:
    """The QR codes an independent decoder reads in a picture (skipped where zxing-cpp is not installed)."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("L")
    return [result.text for result in zxingcpp.read_barcodes(picture)]


@pytest.fixture
def shop(services: Services, admin: Actor) -> Shop:
    return add_shop(services)


@pytest.fixture
def member(services: Services, admin: Actor) -> MemberRow:
    return add_member(services, admin)


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
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


def _show_member(qtbot: QtBot, page: PointsPage, text: str = "13812345678") -> None:
    type_into(qtbot, page.search_field, text)
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)
    assert shown_text(find(page, QLabel, "member_name")) == "张明"


def _catalogue(qtbot: QtBot, page: PointsPage) -> CatalogueDialog:
    qtbot.keyClick(page.search_field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = page.findChild(CatalogueDialog)
    assert dialog is not None, "Ctrl+E opened no catalogue"
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.filter_field)
    return dialog


def _filter(qtbot: QtBot, dialog: CatalogueDialog, text: str) -> None:
    type_into(qtbot, dialog.filter_field, text)
    qtbot.waitUntil(lambda: all(text in (o.title + o.merchant_name) for o in dialog.model.rows()))


def _preview(qtbot: QtBot, parent: QWidget) -> SlipPreviewDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(SlipPreviewDialog)), timeout=5000)
    dialog = next(d for d in parent.findChildren(SlipPreviewDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=10000)
    return dialog


def _entries(services: Services) -> int:
    with services.ctx.db.read() as s:
        return int(s.execute(select(func.count()).select_from(PointsEntry)).scalar_one())


def _vouchers(services: Services) -> int:
    with services.ctx.db.read() as s:
        return int(s.execute(select(func.count()).select_from(Voucher)).scalar_one())


# -- issuing -----------------------------------------------------------------------------------------------------

def test_a_reward_is_issued_by_keyboard_and_the_slip_previews_prints_and_saves(
        qtbot: QtBot, services: Services, member: MemberRow, shop: Shop, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(window)
    _show_member(qtbot, page)
    assert shown_text(find(page, QLabel, "member_balance")) == "1000"
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["积分流水", "认领的项目"]

    dialog = _catalogue(qtbot, page)
    cells = [[dialog.model.index(r, c).data() for c in range(dialog.model.columnCount())]
             for r in range(dialog.model.rowCount())]
    assert cells == [  # cheapest first; what cannot be had is listed with the reason
        ["汇上佳超市", "奶茶一杯", "50", "不限", "0 / 不限", "可兑换"],
        ["老王牛肉面", "牛肉面一碗", "80", "不限", "0 / 不限", "可兑换"],
        ["汇上佳超市", "满50减10", "200", "5", "0 / 2", "可兑换"],
        ["汇上佳超市", "电饭煲", "5000", "1", "0 / 不限", "积分不足，还差 4000"],
    ]
    assert dialog.current_offer() is not None and dialog.current_offer().title == "奶茶一杯"
    _filter(qtbot, dialog, "满50")
    assert [o.title for o in dialog.model.rows()] == ["满50减10"]
    assert shown_text(find(dialog, QLabel, "catalogue_summary")) == \
        "兑换“满50减10”（汇上佳超市）需 200 积分，兑换后余额 800。按 Enter 兑换。"
    qtbot.keyClick(dialog.filter_field, Qt.Key.Key_Return)

    preview = _preview(qtbot, page)  # opens at once, drawn by the worker
    assert not isValid(dialog) or not dialog.isVisible()
    voucher = services.vouchers.vouchers(member_id=member.id)[0]
    assert (voucher.reward_title, voucher.points, voucher.status) == ("满50减10", 200, VoucherStatus.ISSUED)
    assert shown_text(find(preview, QLabel, "preview_summary")) == f"券码 {voucher.code} · 汇上佳超市 · 满50减10"
    assert preview.layout_choice() is SlipLayout.RECEIPT_80  # no printer here: the usual receipt paper
    images = preview.page_images()
    assert len(images) == 1 and find(preview, QLabel, "slip_page_1").isVisible()
    slip = services.vouchers.slip(voucher.id)
    assert decode_qr(images[0]) == [slip.qr_text]  # the preview shows a code that scans

    # The balance and the ledger moved with it, and the member now has a 兑换券 tab.
    assert shown_text(find(page, QLabel, "member_balance")) == "800"
    assert services.points.balance(member.id) == 800
    assert [page.ledger.index(0, c).data() for c in range(1, 5)] == ["兑换", f"{MINUS}200", "800",
                                                                        "兑换：汇上佳超市 满50减10"]
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["积分流水", "认领的项目", "兑换券"]
    assert shown_text(find(page, QLabel, "points_status")) == \
        f"已兑换：满50减10（汇上佳超市），200 积分，余额 800。券码 {voucher.code}。"

    # Save as PDF: the very file the preview was painted from.
    saved = tmp_path / "slip.pdf"
    monkeypatch.setattr(preview_module, "choose_pdf_file", lambda *_args: saved)
    qtbot.keyClick(preview, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shown_text(find(preview, QLabel, "preview_status")).startswith("已保存："))
    assert preview.rendered is not None and saved.read_bytes() == preview.rendered.pdf
    assert PdfPages(saved.read_bytes()).page(0).size_points.width() == pytest.approx(80 / 25.4 * 72)

    # Print: the Qt print dialog (answered here with a PDF printer) gets the same pages.
    printed = tmp_path / "printed.pdf"

    def choose(_parent: QWidget, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(preview_module, "choose_printer", choose)
    qtbot.keyClick(preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shown_text(find(preview, QLabel, "preview_status")).startswith("已发送到打印机"),
                    timeout=10000)
    assert printed.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):  # the printout itself scans
        subprocess.run(["pdftoppm", "-r", "203", "-png", "-singlefile", str(printed), str(tmp_path / "printed")],
                       check=True)
        assert decode_qr(QImage(str(tmp_path / "printed.png"))) == [slip.qr_text]

    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not isValid(preview) or not preview.isVisible())


def test_an_unaffordable_reward_is_refused_with_the_reason_and_nothing_is_spent(
        qtbot: QtBot, services: Services, member: MemberRow, shop: Shop, window: MainWindow) -> None:
    page = _page(window)
    _show_member(qtbot, page)
    entries, balance = _entries(services), services.points.balance(member.id)
    dialog = _catalogue(qtbot, page)
    _filter(qtbot, dialog, "电饭煲")
    assert shown_text(find(dialog, QLabel, "catalogue_summary")).startswith("“电饭煲”现在不能兑换：积分不足")
    assert not find(dialog, QPushButton, "issue_button").isEnabled()

    qtbot.keyClick(dialog.filter_field, Qt.Key.Key_Return)

    assert shown_text(find(dialog, QLabel, "catalogue_error")) == error_text(
        e.InsufficientPoints("points", balance=1000, needed=5000)) == "积分不足：当前余额 1000，需要 5000。余额不会变成负数。"
    assert dialog.isVisible() and not page.findChildren(SlipPreviewDialog)
    assert (_entries(services), _vouchers(services), services.points.balance(member.id)) == (entries, 0, balance)
    qtbot.keyClick(dialog.filter_field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible())


def test_a_refusal_of_the_service_is_said_in_the_catalogue(
        qtbot: QtBot, services: Services, admin: Actor, member: MemberRow, shop: Shop, window: MainWindow) -> None:
    page = _page(window)
    _show_member(qtbot, page)
    dialog = _catalogue(qtbot, page)
    _filter(qtbot, dialog, "满50")
    with services.ctx.db.write() as s:  # another desk takes the last ones while the catalogue is open
        s.get_one(Reward, shop.coupon).stock = 0
    qtbot.keyClick(dialog.filter_field, Qt.Key.Key_Return)

    assert shown_text(find(dialog, QLabel, "catalogue_error")) == "“满50减10”已兑完，请选择其他兑换项目。"
    assert dialog.model.index(0, 5).data() == "已兑完"  # the list shows the stock as it is now
    assert services.points.balance(member.id) == 1000 and _vouchers(services) == 0


def test_a_double_enter_issues_one_voucher(
        qtbot: QtBot, services: Services, member: MemberRow, shop: Shop, window: MainWindow) -> None:
    page = _page(window)
    _show_member(qtbot, page)
    dialog = _catalogue(qtbot, page)
    _filter(qtbot, dialog, "奶茶")
    key = dialog._key
    qtbot.keyClick(dialog.filter_field, Qt.Key.Key_Return)
    again = services.vouchers.issue(window.actor, member.id, shop.tea, key)  # the same submission once more
    assert again.replayed and _vouchers(services) == 1 and services.points.balance(member.id) == 950
    _preview(qtbot, page).reject()


def test_reprint_and_void_from_the_members_vouchers(
        qtbot: QtBot, services: Services, admin: Actor, member: MemberRow, shop: Shop, window: MainWindow,
        confirmations: list[str]) -> None:
    issued = services.vouchers.issue(admin, member.id, shop.coupon, new_key())
    page = _page(window)
    _show_member(qtbot, page)
    page.tabs.setCurrentIndex(2)
    view = page.vouchers
    cells = [view.model.index(0, c).data() for c in range(view.model.columnCount())]
    assert cells == [issued.voucher.code, "满50减10", "汇上佳超市", "未使用", "2026-11-28 10:00", "2026-12-27"]
    view.table.selectRow(0)

    click(qtbot, find(page, QPushButton, "reprint_voucher"))
    preview = _preview(qtbot, window)
    assert shown_text(find(preview, QLabel, "preview_summary")).endswith("（重印）")
    assert preview.rendered is not None and decode_qr(preview.page_images()[0])  # the reprint scans as well
    preview.reject()
    assert view.model.index(0, 3).data() == "未使用（重印 1 次）"
    with services.ctx.db.read() as s:
        assert s.execute(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "voucher_reprinted")).scalar_one() == 1

    view.table.selectRow(0)
    click(qtbot, find(page, QPushButton, "void_voucher"))
    dialog = window.findChild(VoidDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    click(qtbot, find(dialog, QPushButton, "save_button"))
    assert dialog.error_text("reason") == "请填写此项。" and confirmations == []
    type_into(qtbot, find(dialog, QLineEdit, "reason"), "会员改换其他商品")
    click(qtbot, find(dialog, QPushButton, "save_button"))
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible())

    assert confirmations == [f"作废兑换券 {issued.voucher.code} 并退回 200 积分吗？\n原因：会员改换其他商品"]
    assert services.points.balance(member.id) == 1000
    assert shown_text(find(page, QLabel, "member_balance")) == "1000"
    assert page.ledger.index(0, 1).data() == "退还"
    assert view.model.index(0, 3).data() == "已作废（重印 1 次）"
    assert view.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == "作废原因：会员改换其他商品"
    view.table.selectRow(0)
    assert not find(page, QPushButton, "void_voucher").isEnabled()
    assert not find(page, QPushButton, "reprint_voucher").isEnabled()


def test_a_desk_user_issues_too(
        qtbot: QtBot, services: Services, admin: Actor, member: MemberRow, shop: Shop,
        make_window: object) -> None:
    services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    desk = services.auth.login("lixiaomei", "desk-pass-1")
    window = make_window(desk)  # type: ignore[operator]
    page = _page(window)
    _show_member(qtbot, page)
    click(qtbot, find(page, QPushButton, "exchange_points"))
    dialog = page.findChild(CatalogueDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.filter_field, Qt.Key.Key_Return)  # the first reward on offer: 奶茶一杯
    _preview(qtbot, page).reject()
    assert services.points.balance(member.id) == 950


def test_the_voucher_tables_pass_the_model_tester(
        qtmodeltester: object, services: Services, admin: Actor, member: MemberRow, shop: Shop) -> None:
    from desk.ui.pages.redeem import RedemptionsModel
    from desk.ui.vouchers.catalogue import OffersModel
    from desk.ui.vouchers.member_vouchers import VouchersModel

    issued = [services.vouchers.issue(admin, member.id, shop.tea, new_key()) for _ in range(3)]
    services.vouchers.redeem(admin, issued[0].slip.qr_text)
    vouchers = VouchersModel(services.vouchers, page_size=2)
    vouchers.show_member(member.id)
    assert vouchers.rowCount() == 2 and vouchers.canFetchMore()
    qtmodeltester.check(vouchers)  # type: ignore[attr-defined]  # fetches the next page as a view would
    assert vouchers.rowCount() == 3 and not vouchers.canFetchMore()
    assert vouchers.index(2, VouchersModel.STATUS).data() == "已核销"
    offers = OffersModel()
    offers.set_rows(services.vouchers.catalogue(member.id))
    qtmodeltester.check(offers)  # type: ignore[attr-defined]
    redemptions = RedemptionsModel()
    redemptions.set_rows(services.vouchers.redemptions(shop.merchant_id))
    qtmodeltester.check(redemptions)  # type: ignore[attr-defined]


# -- the paper per printer ---------------------------------------------------------------------------------------

def test_the_printing_section_chooses_the_paper_and_issuing_uses_it(
        qtbot: QtBot, services: Services, member: MemberRow, shop: Shop, window: MainWindow) -> None:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    section = settings.show_section("printing")
    assert isinstance(section, PrintingSection)
    combo = section.combo(NO_PRINTER)  # no printer on this machine: the paper of slips saved as PDF
    assert combo.currentData() == SlipLayout.RECEIPT_80.value
    combo.setCurrentIndex(combo.findData(SlipLayout.RECEIPT_58.value))
    assert shown_text(find(section, QLabel, "printing_status")) == "已保存：没有打印机（另存为 PDF） 使用 58 mm 小票。"
    layouts = SlipLayouts(services.ctx.location.data_dir)
    assert layouts.chosen(NO_PRINTER) is SlipLayout.RECEIPT_58
    services.preferences.set_language("zh_CN")  # the language is kept beside it, and keeps it
    assert layouts.chosen(NO_PRINTER) is SlipLayout.RECEIPT_58

    page = _page(window)
    _show_member(qtbot, page)
    dialog = _catalogue(qtbot, page)
    qtbot.keyClick(dialog.filter_field, Qt.Key.Key_Return)
    preview = _preview(qtbot, page)
    assert preview.layout_choice() is SlipLayout.RECEIPT_58
    assert preview.rendered is not None
    assert PdfPages(preview.rendered.pdf).page(0).size_points.width() == pytest.approx(58 / 25.4 * 72)

    # The paper can still be changed for this one slip in the preview.
    find(preview, QComboBox, "slip_layout").setCurrentIndex(2)
    qtbot.waitUntil(lambda: preview.rendered is not None and preview.rendered.layout is SlipLayout.A4,
                    timeout=10000)
    assert PdfPages(preview.rendered.pdf).page(0).size_points.height() == pytest.approx(297 / 25.4 * 72)
    preview.reject()


# -- the preview is the PDF --------------------------------------------------------------------------------------

def _slip(reprint: bool = False) -> VoucherSlip:
    return VoucherSlip("明华红色港湾党群服务基地", "汇上佳超市", "明华商圈中心广场 3 号", "满50减10", 200, None,
                       "张*", "HY7K-3M9Q", "VC1:ABCDEFGHJKMNPQRSTUVWXYZ234567ABCDEFGHJKMNPQRSTUVWXYZ234567",
                       dt.date(2026, 11, 28), dt.date(2026, 12, 27), "仅限店内使用，不找零。", reprint)


@pytest.mark.parametrize("layout", list(SlipLayout))
def test_the_preview_paints_the_pdf_as_a_pdf_reader_does(tmp_path: Path, layout: SlipLayout) -> None:
    pdf = voucher_slip_pdf([_slip(reprint=True), _slip()], layout, slip_labels())
    pages = PdfPages(pdf)
    assert len(pages) == (1 if layout is SlipLayout.A4 else 2)
    image = pages.image(0, 203)
    assert decode_qr(image)[0].startswith("VC1:")
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils is not installed: no reference rendering to compare with")
    source = tmp_path / "slip.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "203", "-png", "-singlefile", "-f", "1", "-l", "1", str(source),
                    str(tmp_path / "poppler")], check=True)
    from PIL import Image, ImageChops, ImageStat

    ours = Image.open(io.BytesIO(_png(image))).convert("L")
    theirs = Image.open(tmp_path / "poppler.png").convert("L")
    assert abs(ours.width - theirs.width) <= 1 and abs(ours.height - theirs.height) <= 1
    size = (min(ours.width, theirs.width), min(ours.height, theirs.height))
    difference = ImageChops.difference(ours.crop((0, 0, *size)), theirs.crop((0, 0, *size)))
    # Two renderers smooth glyph edges a little differently, and each draws the serial's Courier with its own
    # stand-in: the pictures agree but for those edges.
    assert ImageStat.Stat(difference).mean[0] < 10


def _png(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def test_a_file_that_is_not_a_pdf_is_refused_not_misdrawn() -> None:
    from desk.ui.vouchers.pdf_pages import UnsupportedPdf

    for data in (b"not a pdf", b"", voucher_slip_pdf([_slip()], SlipLayout.RECEIPT_80)[:40]):
        with pytest.raises(UnsupportedPdf):
            PdfPages(data)


def _reader(image: object) -> object:
    from reportlab.lib.utils import ImageReader

    return ImageReader(image)


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


def test_the_issuing_screens_render_without_clipped_words(
        qtbot: QtBot, services: Services, admin: Actor, member: MemberRow, shop: Shop, window: MainWindow,
        shots: Path, language: str) -> None:
    services.vouchers.issue(admin, member.id, shop.tea, new_key())
    page = _page(window)
    _show_member(qtbot, page, "13812345678")
    problems: dict[str, list[str]] = {}

    def shot(name: str, widget: QWidget) -> None:
        qtbot.wait(50)  # let the layouts settle before measuring
        assert widget.grab().toImage().save(str(shots / f"vouchers-{name}.png"))
        if found := clipped(widget):
            problems[name] = found

    page.tabs.setCurrentIndex(2)
    shot("1-member", window)
    dialog = _catalogue(qtbot, page)
    shot("2-catalogue", dialog)
    _filter(qtbot, dialog, "满50")
    qtbot.keyClick(dialog.filter_field, Qt.Key.Key_Return)
    preview = _preview(qtbot, page)
    shot("3-preview", preview)
    layouts = find(preview, QComboBox, "slip_layout")
    for number, layout in enumerate((SlipLayout.RECEIPT_58, SlipLayout.A4)):
        layouts.setCurrentIndex(layouts.findData(layout.value))
        qtbot.waitUntil(lambda wanted=layout: preview.rendered is not None and preview.rendered.layout is wanted,
                        timeout=10000)
        shot(f"3{'ab'[number]}-preview-{layout.value}", preview)
    preview.reject()
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    settings.show_section("printing")
    shot("4-printing", window)
    assert problems == {}
