"""A member card in the person fields: the scanner types the card's QR text ("RHM:" and the member number) and
presses Enter. In the 签到 field that checks the member in at once; in the booking form's person field it chooses
the member; a typed member number does the same. A damaged card or a card of nobody here is said next to the
field, and nothing is written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from test_booking_board import at, block_of, column, move_to, open_dialog
from uihelp import find, shown_text, type_into

from desk.domain.booking import BookingState
from desk.domain.people import Category
from desk.domain.points import member_code
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.people import PersonForm
from desk.services.points import MemberRow
from desk.storage.models import Visit
from desk.ui.booking.forms import BookingDialog
from desk.ui.main_window import MainWindow
from desk.ui.pages.bookings import BookingsPage
from desk.ui.pages.checkin import CheckinPage


@pytest.fixture
def zhang(services: Services, admin: Actor) -> MemberRow:
    """张明 is a member; 张明华 shares the start of the name, so a name search would find two."""
    services.people.register(admin, PersonForm("张明华", "13912345678", Category.RESIDENT))
    person = services.people.register(admin, PersonForm("张明", "13812345678", Category.PARTY_MEMBER))
    return services.points.join(admin, person.id)


@pytest.fixture
def checkin(window: MainWindow) -> CheckinPage:
    page = window.show_page("checkin")
    assert isinstance(page, CheckinPage)
    return page


def _visits(services: Services) -> int:
    with services.ctx.db.read() as s:
        return int(s.execute(select(func.count()).select_from(Visit)).scalar_one())


def _on_site(page: CheckinPage) -> list[list[str]]:
    model = page.on_site.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _scan(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """What a USB scanner does: types the text at once and presses Enter."""
    type_into(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_scanning_a_member_card_in_the_check_in_field_checks_the_member_in(
        qtbot: QtBot, services: Services, zhang: MemberRow, checkin: CheckinPage) -> None:
    assert member_code(zhang.number) == "RHM:MH00001"

    _scan(qtbot, checkin.search_field, "RHM:MH00001")

    assert _visits(services) == 1
    assert [v.person_id for v in services.visits.on_site()] == [zhang.person_id]
    assert shown_text(find(checkin, QLabel, "checkin_status")).startswith("已签到：张明 · 138****5678")
    assert checkin.search_field.text() == ""  # ready for the next card
    assert _on_site(checkin) == [["张明", "138****5678", "阅读", "1", "10:00", "0 分钟"]]


def test_a_typed_member_number_checks_in_the_same_way(
        qtbot: QtBot, services: Services, zhang: MemberRow, checkin: CheckinPage) -> None:
    _scan(qtbot, checkin.search_field, "mh00001")

    assert [v.person_id for v in services.visits.on_site()] == [zhang.person_id]


@pytest.mark.parametrize(("scanned", "message"), [
    pytest.param("RHM:12", "这不是有效的会员卡，请重新扫描，或输入卡上的会员号。", id="damaged-card"),
    pytest.param("RHM:MH09999", "没有会员号为 MH09999 的会员，请核对会员卡或会员号。", id="card-of-nobody"),
])
def test_a_card_that_names_nobody_is_said_next_to_the_field_and_nothing_is_written(
        qtbot: QtBot, services: Services, zhang: MemberRow, checkin: CheckinPage, scanned: str,
        message: str) -> None:
    _scan(qtbot, checkin.search_field, scanned)

    assert shown_text(find(checkin, QLabel, "error_search")) == message
    assert _visits(services) == 0
    assert checkin.search_field.text() == scanned  # kept, to be read against the card


def test_scanning_a_member_card_in_the_booking_form_chooses_the_member(
        qtbot: QtBot, services: Services, zhang: MemberRow, window: MainWindow) -> None:
    page = window.show_page("bookings")
    assert isinstance(page, BookingsPage)
    view = page.board_view
    qtbot.waitUntil(view.hasFocus)
    move_to(qtbot, view, 0, column(view, at("14:00")))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, page, BookingDialog)
    assert isinstance(dialog, BookingDialog)
    qtbot.waitUntil(dialog.picker.search_field.hasFocus)

    _scan(qtbot, dialog.picker.search_field, "RHM:MH00001")

    assert dialog.picker.has_choice()
    chosen = dialog.picker.chosen()
    assert chosen is not None and chosen.id == zhang.person_id
    assert find(dialog, QLabel, "person_chosen").text() == "已选：张明 · 138****5678"
    note = find(dialog, QLineEdit, "booking_note")
    assert note.hasFocus()
    qtbot.keyClick(note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    block = block_of(page, "张明")
    assert (block.state, block.starts_at) == (BookingState.BOOKED, at("14:00"))


def test_a_damaged_card_in_the_booking_form_is_said_under_the_field(
        qtbot: QtBot, services: Services, zhang: MemberRow, window: MainWindow) -> None:
    page = window.show_page("bookings")
    assert isinstance(page, BookingsPage)
    view = page.board_view
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, page, BookingDialog)
    assert isinstance(dialog, BookingDialog)
    qtbot.waitUntil(dialog.picker.search_field.hasFocus)

    _scan(qtbot, dialog.picker.search_field, "RHM:???")

    assert not dialog.picker.has_choice()
    assert shown_text(find(dialog, QLabel, "person_hint")) == "这不是有效的会员卡，请重新扫描，或输入卡上的会员号。"
    dialog.reject()
