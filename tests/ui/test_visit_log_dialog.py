"""到访记录 → double-click a visit: staff correct the purpose or the check-out time (audited); a check-out before
the check-in is refused beside its field and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QLabel, QPushButton, QTableView
from pytestqt.qtbot import QtBot
from uihelp import click, find, shown_text
from visitlog_data import Log, build_log

from desk.domain.clock import FixedClock
from desk.domain.people import CheckoutKind, Purpose
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.ui.dialogs.visit import VisitDialog
from desk.ui.main_window import MainWindow
from desk.ui.pages.visit_log import VisitLogModel, VisitLogPage


@pytest.fixture
def log(services: Services, admin: Actor, clock: FixedClock) -> Log:
    return build_log(services.ctx, admin, clock)


def _open(window: MainWindow) -> VisitLogPage:
    page = window.show_page("visit_log")
    assert isinstance(page, VisitLogPage)
    return page


def _row_of(page: VisitLogPage, visit_id: int) -> int:
    model = page.model
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.ItemDataRole.UserRole) == visit_id)


def _double_click(qtbot: QtBot, page: VisitLogPage, visit_id: int) -> VisitDialog:
    view = find(page, QTableView, "visit_table")
    index = page.model.index(_row_of(page, visit_id), VisitLogModel.NAME)
    view.scrollTo(index)
    # What a mouse sends for a double-click: press and release, then the double-click (QTest's mouseDClick alone
    # lacks the first press).
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    dialog = page.findChild(VisitDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _corrections(services: Services) -> list[tuple[str, str, str]]:
    return [(e.actor, e.entity_id, e.summary) for e in services.audit.recent(50) if e.action == "visit_corrected"]


def _set_out(dialog: VisitDialog, day: dt.date, hour: int, minute: int) -> None:
    edit = find(dialog, QDateTimeEdit, "checked_out_at")
    edit.setDateTime(QDateTime(QDate(day.year, day.month, day.day), QTime(hour, minute), QTimeZone.utc()))


def test_correcting_the_purpose(qtbot: QtBot, services: Services, log: Log, window: MainWindow) -> None:
    page = _open(window)
    visit_id = log.visit_ids[4]  # 李四, 法律咨询 on the 26th
    dialog = _double_click(qtbot, page, visit_id)
    assert find(dialog, QLabel, "value_name").text() == "李四"
    assert find(dialog, QLabel, "value_phone").text() == "137****1234"
    assert find(dialog, QLabel, "value_staff").text() == "李晓梅"
    purpose = find(dialog, QComboBox, "purpose")
    assert purpose.currentText() == "法律咨询"
    purpose.setCurrentIndex(purpose.findData(Purpose.ENQUIRY.value))
    click(qtbot, find(dialog, QPushButton, "save_button"))
    qtbot.waitUntil(lambda: not dialog.isVisible())

    row = _row_of(page, visit_id)
    assert page.model.index(row, VisitLogModel.PURPOSE).data() == "办事咨询"
    assert services.visit_log.row(visit_id).purpose is Purpose.ENQUIRY
    assert _corrections(services) == [("admin", str(visit_id), "purpose legal_aid → enquiry")]


def test_correcting_the_check_out_time(qtbot: QtBot, services: Services, log: Log, window: MainWindow) -> None:
    page = _open(window)
    visit_id = log.visit_ids[11]  # 李四 on the 28th, still on site since 09:10
    dialog = _double_click(qtbot, page, visit_id)
    left, edit = find(dialog, QCheckBox, "checked_out"), find(dialog, QDateTimeEdit, "checked_out_at")
    assert not left.isChecked() and not edit.isEnabled()
    click(qtbot, left)
    assert edit.isEnabled()
    _set_out(dialog, dt.date(2026, 11, 28), 9, 45)
    click(qtbot, find(dialog, QPushButton, "save_button"))
    qtbot.waitUntil(lambda: not dialog.isVisible())

    row = services.visit_log.row(visit_id)
    assert row.checked_out_at == dt.datetime(2026, 11, 28, 1, 45, tzinfo=dt.UTC)
    assert row.checkout_kind is CheckoutKind.MANUAL
    assert page.model.index(_row_of(page, visit_id), VisitLogModel.LEFT).data() == "09:45"
    assert _corrections(services) == [("admin", str(visit_id), "checked out — → 2026-11-28T01:45+00:00")]


def test_saving_untouched_changes_nothing(qtbot: QtBot, services: Services, log: Log, window: MainWindow) -> None:
    """The edit shows minutes; a check-out at 09:55:00.xxx is not "changed" to 09:55 by saving."""
    page = _open(window)
    dialog = _double_click(qtbot, page, log.visit_ids[1])
    click(qtbot, find(dialog, QPushButton, "save_button"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _corrections(services) == []


def test_a_check_out_before_the_check_in_is_refused_beside_the_field(
        qtbot: QtBot, services: Services, log: Log, window: MainWindow) -> None:
    page = _open(window)
    visit_id = log.visit_ids[12]  # 张三 on the 28th at 09:30 local, left 09:50
    before = services.visit_log.row(visit_id)
    dialog = _double_click(qtbot, page, visit_id)
    _set_out(dialog, dt.date(2026, 11, 28), 9, 0)
    purpose = find(dialog, QComboBox, "purpose")
    purpose.setCurrentIndex(purpose.findData(Purpose.OTHER.value))
    click(qtbot, find(dialog, QPushButton, "save_button"))

    assert dialog.isVisible()
    assert dialog.error_text("checked_out_at") == "结束不能早于开始，请检查。"
    assert shown_text(find(dialog, QLabel, "error_checked_out_at")) == "结束不能早于开始，请检查。"
    assert services.visit_log.row(visit_id) == before  # the purpose was not saved either
    assert _corrections(services) == []

    _set_out(dialog, dt.date(2026, 11, 28), 9, 55)
    click(qtbot, find(dialog, QPushButton, "save_button"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.visit_log.row(visit_id).purpose is Purpose.OTHER


def test_the_check_out_cannot_be_set_in_the_future(qtbot: QtBot, log: Log, window: MainWindow) -> None:
    page = _open(window)
    dialog = _double_click(qtbot, page, log.visit_ids[12])
    edit = find(dialog, QDateTimeEdit, "checked_out_at")
    _set_out(dialog, dt.date(2026, 11, 29), 12, 0)
    assert edit.dateTime() == QDateTime(QDate(2026, 11, 28), QTime(10, 0), QTimeZone.utc())  # now, local
    click(qtbot, find(dialog, QPushButton, "cancel_button"))


def test_the_dialog_opens_through_ask(qtbot: QtBot, log: Log, window: MainWindow,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[int] = []

    def ask(parent: object, visits: object, actor: Actor, row: object, *_rest: object) -> None:
        opened.append(row.id)  # type: ignore[attr-defined]

    monkeypatch.setattr(VisitDialog, "ask", classmethod(lambda cls, *args: ask(*args)))
    page = _open(window)
    view = find(page, QTableView, "visit_table")
    index = page.model.index(2, VisitLogModel.ARRIVED)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter opens it as well as a double-click
    assert opened == [index.data(Qt.ItemDataRole.UserRole)]
