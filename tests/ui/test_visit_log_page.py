"""到访记录 on the real window: the paged table model (qtmodeltester), filters, sorting by clicking a header (a new
SQL query each time), pages fetched as the table is scrolled, and a model that keeps only a few pages of rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from uihelp import click, find, type_into
from visitlog_data import Log, build_log

from desk.domain.clock import FixedClock
from desk.domain.people import Category, Purpose
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.visit_log import PAGE_SIZE, SortKey, VisitFilter
from desk.ui.main_window import MainWindow
from desk.ui.pages.visit_log import VisitLogModel, VisitLogPage
from desk.ui.tasks import TaskRunner


@pytest.fixture
def log(services: Services, admin: Actor, clock: FixedClock) -> Log:
    return build_log(services.ctx, admin, clock)


def _open(window: MainWindow) -> VisitLogPage:
    page = window.show_page("visit_log")
    assert isinstance(page, VisitLogPage)
    return page


def _column(page: VisitLogPage, column: int) -> list[str]:
    model = page.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _spy_pages(services: Services, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Every page query the model makes: (filter, sort, descending, cursor given)."""
    calls: list[tuple[Any, ...]] = []
    real = services.visit_log.page

    def page(f: VisitFilter, sort: SortKey = SortKey.CHECKED_IN, descending: bool = True, after: Any = None,
             limit: int = PAGE_SIZE) -> Any:
        calls.append((f, sort, descending, after is not None))
        return real(f, sort, descending, after, limit)

    monkeypatch.setattr(services.visit_log, "page", page)
    return calls


def _click_header(qtbot: QtBot, view: QTableView, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_the_page_lists_every_visit_newest_first(log: Log, window: MainWindow, tasks: TaskRunner,
                                                 qtbot: QtBot) -> None:
    page = _open(window)
    assert window.page_keys().index("visit_log") == window.page_keys().index("checkin") + 1
    model = page.model
    assert model.rowCount() == len(log.visit_ids)
    assert _column(page, VisitLogModel.ARRIVED)[0] == "2026/11/28 09:30"
    assert _column(page, VisitLogModel.ARRIVED)[-1] == "2026/2/1 10:00"
    names = _column(page, VisitLogModel.NAME)
    assert names[:4] == ["（顺丰）", "张三", "李四", "（新就业群体）"]
    assert "（群众）" in names and "王五" in names
    left = _column(page, VisitLogModel.LEFT)
    assert left[:3] == ["在场", "09:50", "在场"]
    assert "21:00 闭馆自动" in left and "2026/11/27 00:10" in left  # left after midnight: the date is shown
    phones = _column(page, VisitLogModel.PHONE)
    assert phones[1] == "138****1234" and all(len(p) in (0, 11) and (not p or "****" in p) for p in phones)
    count = find(page, QLabel, "visit_count")
    qtbot.waitUntil(lambda: count.text() == f"共 {len(log.visit_ids)} 条")


def test_the_model_passes_the_model_tester(qtmodeltester: ModelTester, services: Services, log: Log) -> None:
    model = VisitLogModel(services.visit_log, page_size=3, cached_pages=2)
    model.set_query(VisitFilter(), SortKey.NAME, False)
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(log.visit_ids)
    qtmodeltester.check(model)


def test_searching_by_last_four_digits_shows_only_their_visits(log: Log, window: MainWindow, qtbot: QtBot) -> None:
    page = _open(window)
    search = find(page, QLineEdit, "search")
    type_into(qtbot, search, "5678")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert _column(page, VisitLogModel.NAME) == ["张三丰"]
    assert _column(page, VisitLogModel.PHONE) == ["139****5678"]

    type_into(qtbot, search, "1234")  # 张三 and 李四 share the last four digits
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)  # after the pause while typing
    assert set(_column(page, VisitLogModel.NAME)) == {"张三", "李四"}
    assert {p[-4:] for p in _column(page, VisitLogModel.PHONE)} == {"1234"}

    type_into(qtbot, search, "张三")  # a name typed through the input method: a prefix
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert set(_column(page, VisitLogModel.NAME)) == {"张三", "张三丰"}

    type_into(qtbot, search, "123456")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert page.model.rowCount() == 0


def test_filters_by_category_purpose_and_local_dates(log: Log, window: MainWindow, qtbot: QtBot) -> None:
    page = _open(window)
    category = find(page, QComboBox, "category_filter")
    purpose = find(page, QComboBox, "purpose_filter")
    assert category.itemText(0) == "全部类别" and purpose.itemText(0) == "全部事由"
    category.setCurrentIndex(category.findData(Category.NEW_EMPLOYMENT.value))
    assert set(_column(page, VisitLogModel.CATEGORY)) == {"新就业群体"}
    assert page.model.rowCount() == 4
    purpose.setCurrentIndex(purpose.findData(Purpose.READING.value))
    assert page.model.rowCount() == 0
    category.setCurrentIndex(0)
    assert set(_column(page, VisitLogModel.PURPOSE)) == {"阅读"} and page.model.rowCount() == 3

    start, end = find(page, QDateEdit, "from_day"), find(page, QDateEdit, "to_day")
    assert start.text() == "不限" and end.text() == "不限"
    start.setDate(dt.date(2026, 11, 28))
    end.setDate(dt.date(2026, 11, 28))
    assert _column(page, VisitLogModel.NAME) == ["张三", "李四"]
    assert page.current_filter() == VisitFilter(dt.date(2026, 11, 28), dt.date(2026, 11, 28), None,
                                                Purpose.READING, "")

    click(qtbot, find(page, QPushButton, "clear_filters"))
    assert page.current_filter() == VisitFilter()
    assert page.model.rowCount() == len(log.visit_ids)


def test_clicking_a_header_sorts_in_sql(log: Log, window: MainWindow, qtbot: QtBot,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    page = _open(window)
    calls = _spy_pages(window._context.services, monkeypatch)
    view = find(page, QTableView, "visit_table")
    header = view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        VisitLogModel.ARRIVED, Qt.SortOrder.DescendingOrder)

    _click_header(qtbot, view, VisitLogModel.NAME)
    assert calls[-1][1] is SortKey.NAME and calls[-1][3] is False  # a new query from the first page
    first_order = calls[-1][2]
    names = _column(page, VisitLogModel.NAME)
    named = [n for n in names if not n.startswith("（")]
    if first_order:  # descending: the nameless come first, then names from the end of the alphabet
        assert named == sorted(named, reverse=True)
    else:
        assert named == sorted(named) and names[: len(named)] == named

    _click_header(qtbot, view, VisitLogModel.NAME)
    assert calls[-1][1] is SortKey.NAME and calls[-1][2] is (not first_order)
    assert page.model.sort_key == (SortKey.NAME, not first_order)

    _click_header(qtbot, view, VisitLogModel.PARTY)
    sizes = [int(s) for s in _column(page, VisitLogModel.PARTY)]
    assert sizes in (sorted(sizes), sorted(sizes, reverse=True)) and calls[-1][1] is SortKey.PARTY_SIZE

    queries = len(calls)
    _click_header(qtbot, view, VisitLogModel.PHONE)  # phones are not sorted
    assert len(calls) == queries
    assert header.sortIndicatorSection() == VisitLogModel.PARTY
    assert page.model.sort_key[0] is SortKey.PARTY_SIZE


def test_more_rows_load_as_the_table_scrolls(log: Log, services: Services, admin: Actor, clock: FixedClock,
                                             window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    for minute in range(PAGE_SIZE + 20):
        clock.set(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=minute))
        services.visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.READING)
    clock.set(dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC))
    page = _open(window)
    calls = _spy_pages(services, monkeypatch)
    model = page.model
    total = len(log.visit_ids) + PAGE_SIZE + 20
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    view = find(page, QTableView, "visit_table")
    assert view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    view.scrollToBottom()  # the view asks for more as a person scrolls down
    assert model.rowCount() == total and not model.canFetchMore()
    assert calls and all(call[3] for call in calls)  # continued after the cursor, never from the top again
    ids = [model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(total)]
    assert len(set(ids)) == total


def test_the_model_keeps_only_a_few_pages_of_rows(services: Services, log: Log) -> None:
    model = VisitLogModel(services.visit_log, page_size=2, cached_pages=2)
    model.set_query(VisitFilter())
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(log.visit_ids)
    assert model.cached_rows() <= 4
    expected = [row.id for row in services.visit_log.page(VisitFilter()).rows]
    # Read top to bottom and back: pages that were let go are read again by id, in the same order.
    seen = [model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]
    again = [model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in reversed(range(model.rowCount()))]
    assert seen == expected and again == expected[::-1]
    assert model.index(0, VisitLogModel.NAME).data() == "（顺丰）"
    assert model.cached_rows() <= 4


def test_desk_staff_see_the_page(make_window: Callable[[Actor], MainWindow], services: Services, log: Log) -> None:
    window = make_window(log.desk)
    assert "visit_log" in window.page_keys()
    assert _open(window).model.rowCount() == len(log.visit_ids)


def test_visits_changed_elsewhere_are_read_again_in_place(qtbot: QtBot, services: Services, log: Log,
                                                           window: MainWindow) -> None:
    """The closing-time timer checks people out while the log is open: the rows shown follow, in place."""
    page = _open(window)
    view = find(page, QTableView, "visit_table")
    view.selectRow(2)
    assert _column(page, VisitLogModel.LEFT)[:3] == ["在场", "09:50", "在场"]
    services.visits.check_out(log.admin, [log.visit_ids[13], log.visit_ids[11]])  # 顺丰 and 李四 on the 28th
    with qtbot.waitSignal(page.model.dataChanged):
        window.reload("visits")
    assert _column(page, VisitLogModel.LEFT)[:3] == ["10:00", "09:50", "10:00"]
    assert page.model.rowCount() == len(log.visit_ids) and view.currentIndex().row() == 2
