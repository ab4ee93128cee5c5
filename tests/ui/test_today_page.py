"""The 今日 page on the real window: the first page after login; a check-in typed on the check-in page shows on its
tiles when it is shown again; every tile opens its page by mouse and by keyboard; Ctrl+0 opens the tenth page; the
figures are read on the worker, never twice at once, errors in the page's label; tiles, lists and charts fit in
Chinese and in English at the window's usual size and at the page's smallest."""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from uihelp import ADMIN_PASSWORD, click, find, shown_text, type_into

from desk.domain.clock import FixedClock
from desk.domain.errors import DatabaseLocked
from desk.domain.people import Category, Purpose
from desk.domain.staff import Actor, Role
from desk.services.bundle import Services
from desk.services.people import PersonForm
from desk.storage.models import Visit
from desk.ui import pages
from desk.ui.charts import BarChart, ColumnChart, Series
from desk.ui.i18n import apply_language
from desk.ui.main_window import MainWindow
from desk.ui.pages import PageContext, PageSpec
from desk.ui.pages.checkin import CheckinPage
from desk.ui.pages.today import REFRESH_MS, TILES, LineList, TodayPage
from desk.ui.session import DeskSession
from desk.ui.tasks import TaskRunner
from desk.ui.wording import error_text

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def _loaded(qtbot: QtBot, page: TodayPage) -> None:
    qtbot.waitUntil(lambda: page.board is not None and not page.is_loading(), timeout=5000)


def _today(window: MainWindow, qtbot: QtBot) -> TodayPage:
    page = window.show_page("today")
    assert isinstance(page, TodayPage)
    _loaded(qtbot, page)
    return page


def _people_today(services: Services, clock: FixedClock) -> tuple[int, int]:
    """Visits and party sizes added up, of the base's local day, straight from the rows."""
    day = clock.now().astimezone(ZONE).date()
    with services.ctx.db.read() as s:
        rows = s.execute(select(Visit.checked_in_at, Visit.party_size)).all()
    today = [size for at, size in rows if at.astimezone(ZONE).date() == day]
    return len(today), sum(today)


def test_today_is_the_first_page_after_login(qtbot: QtBot, services: Services, admin: Actor, clock: FixedClock,
                                            start_session: Callable[[], DeskSession]) -> None:
    services.visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.READING, 3)
    session = start_session()
    dialog = session.dialog
    assert dialog is not None
    qtbot.waitUntil(find(dialog, QPushButton, "login_button").isEnabled)
    type_into(qtbot, find(dialog, QLineEdit, "username"), "admin")
    type_into(qtbot, find(dialog, QLineEdit, "password"), ADMIN_PASSWORD)
    with qtbot.waitSignal(session.main_window_shown, timeout=10000):
        click(qtbot, find(dialog, QPushButton, "login_button"))
    window = session.window
    assert isinstance(window, MainWindow)
    assert window.page_keys()[0] == "today"
    assert find(window, QListWidget, "navigation").item(0).toolTip() == "今日 (Ctrl+1)"
    page = window.current_page()
    assert isinstance(page, TodayPage)
    _loaded(qtbot, page)
    visits, people = _people_today(services, clock)
    assert page.tile("visitors").value() == str(people)
    assert page.tile("visitors").lines()[0] == f"{visits} 条登记"


def test_desk_staff_start_on_today_and_merchant_cashiers_never_see_it(
        services: Services, admin: Actor, make_window: Callable[[Actor], MainWindow]) -> None:
    services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    desk = make_window(services.auth.login("lixiaomei", "desk-pass-1"))
    assert isinstance(desk.current_page(), TodayPage)
    assert "today" not in [spec.key for spec in pages.discover_pages() if Role.MERCHANT in spec.roles]


def test_a_check_in_typed_on_the_check_in_page_shows_on_today_when_it_is_shown_again(
        qtbot: QtBot, services: Services, admin: Actor, clock: FixedClock,
        make_window: Callable[[Actor], MainWindow]) -> None:
    services.visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.READING, 2)
    services.people.register(admin, PersonForm("张明", "138 1234 5678", Category.PARTY_MEMBER))
    window = make_window(admin)
    page = _today(window, qtbot)
    visits_before, people_before = _people_today(services, clock)
    assert page.tile("visitors").value() == str(people_before)
    on_site_before = page.tile("on_site").value()

    clock.advance(minutes=5)
    checkin = window.show_page("checkin")
    assert isinstance(checkin, CheckinPage)
    type_into(qtbot, checkin.search_field, "13812345678")
    qtbot.keyClick(checkin.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "张明" in find(checkin, QLabel, "checkin_status").text())

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is page
    visits, people = _people_today(services, clock)
    assert (visits, people) == (visits_before + 1, people_before + 1)
    qtbot.waitUntil(lambda: page.tile("visitors").value() == str(people), timeout=5000)
    assert page.tile("visitors").lines()[0] == f"{visits} 条登记"
    assert page.tile("on_site").value() == str(int(on_site_before) + 1)
    by_category = dict(zip(page.categories_chart.labels(), page.categories_chart.values(), strict=True))
    assert by_category["党员"] == 1


def test_every_tile_opens_its_page_by_mouse_and_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    page = _today(window, qtbot)
    for name, target in TILES:
        window.show_page("today")
        qtbot.mouseClick(page.tile(name), Qt.MouseButton.LeftButton)
        assert window.page_keys()[window.findChild(QListWidget, "navigation").currentRow()] == target
        assert window.current_page().objectName() == f"page_{target}"

    window.show_page("today")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    first = page.tile(TILES[0][0])
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    # Tab walks the tiles in reading order; Enter or Space opens the one with the focus.
    for name, _target in TILES[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is page.tile(name)
    qtbot.keyClick(page.tile("projects"), Qt.Key.Key_Space)
    assert window.current_page().objectName() == "page_projects"
    window.show_page("today")
    page.tile("charging").setFocus()
    qtbot.keyClick(page.tile("charging"), Qt.Key.Key_Return)
    assert window.current_page().objectName() == "page_charging"


def _probe(context: PageContext) -> QWidget:
    return QLabel("probe")


def test_ctrl_0_opens_the_tenth_page(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                     make_window: Callable[[Actor], MainWindow], admin: Actor) -> None:
    for number in range(2):  # enough pages whatever else is registered: the tenth exists
        monkeypatch.setitem(pages._PAGES, f"probe_{number}", PageSpec(
            key=f"probe_{number}", title="探针", icon="settings.svg", order=950 + number, roles=frozenset(Role),
            factory=_probe))
    window = make_window(admin)
    keys = window.page_keys()
    assert len(keys) >= 10
    nav = find(window, QListWidget, "navigation")
    assert nav.item(9).toolTip().endswith("(Ctrl+0)")
    assert nav.item(10).toolTip() == ""  # the eleventh has no shortcut
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)

    assert nav.currentRow() == 9
    assert window.current_page().objectName() == f"page_{keys[9]}"


def test_figures_are_read_once_at_a_time_on_a_timer_and_errors_are_worded(
        qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    page = _today(window, qtbot)
    timer = page.findChild(QTimer, "today_refresh_timer")
    assert timer is not None and timer.isActive() and timer.interval() == REFRESH_MS
    calls: list[int] = []
    today = services.dashboard.today

    def counted() -> object:
        calls.append(1)
        return today()

    monkeypatch.setattr(services.dashboard, "today", counted)
    for _ in range(4):
        page.refresh()  # one runs, the others ask for one more read after it
    _loaded(qtbot, page)
    qtbot.waitUntil(lambda: len(calls) == 2 and not page.is_loading())
    assert len(calls) == 2

    timer.timeout.emit()
    qtbot.waitUntil(lambda: len(calls) == 3 and not page.is_loading())
    window.reload("visits")  # an in-app timer checked people out at closing time
    qtbot.waitUntil(lambda: len(calls) == 4 and not page.is_loading())
    window.show_page("settings")
    assert not timer.isActive()  # not read while nobody looks
    window.reload("bookings")
    window.show_page("today")
    assert timer.isActive()
    qtbot.waitUntil(lambda: not page.is_loading())
    assert len(calls) == 5  # once, on being shown again

    def locked() -> object:
        raise DatabaseLocked(location="desk.sqlite3")

    monkeypatch.setattr(services.dashboard, "today", locked)
    page.refresh()
    error = find(page, QLabel, "today_error")
    qtbot.waitUntil(lambda: shown_text(error) != "")
    assert shown_text(error) == error_text(DatabaseLocked(location="desk.sqlite3"))
    monkeypatch.setattr(services.dashboard, "today", today)
    page.refresh()
    qtbot.waitUntil(lambda: shown_text(error) == "" and not page.is_loading())


def test_the_charts_say_their_numbers(qtbot: QtBot) -> None:
    chart = ColumnChart()
    qtbot.addWidget(chart)
    labels = [f"{h}时" for h in range(9, 21)]
    today = tuple(float(h % 5) for h in range(9, 21))
    usual = tuple(h / 4 for h in range(9, 21))
    chart.set_data(labels, [Series("今日", today), Series("平均", usual, dashed=True)],
                   [f"{h:02d}:00–{h + 1:02d}:00" for h in range(9, 21)])
    chart.resize(600, 220)
    chart.show()
    center = chart.slot_rect(4).center()
    text = chart.tooltip_at(center.x(), center.y())
    assert text.splitlines() == ["13:00–14:00", f"今日 {int(today[4])}", f"平均 {usual[4]:.1f}"]
    assert "09:00–10:00" in chart.accessibleDescription()
    wide = chart.shown_labels()
    chart.resize(270, 220)
    narrow = chart.shown_labels()
    assert wide == list(range(len(labels))) and len(narrow) < len(labels) and narrow[0] == 0

    bars = BarChart()
    qtbot.addWidget(bars)
    bars.set_data(["党员", "群众"], [3, 5], ["3 人次", "5 人次"])
    bars.resize(300, 80)
    assert bars.tooltip_at(150, bars.row_height() * 1.5) == "群众: 5 人次"
    assert bars.accessibleDescription() == "党员: 3 人次; 群众: 5 人次"
    with pytest.raises(ValueError):
        bars.set_data(["党员"], [1, 2])


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> str:
    apply_language(request.param)
    return str(request.param)


def _fitting(page: TodayPage) -> list[str]:
    problems = [f"tile {name}: {page.tile(name).texts()}" for name, _ in TILES if not page.tile(name).fits()]
    for label in page.findChildren(QLabel):
        if label.isVisible() and label.text() and label.sizeHint().width() > label.width():
            problems.append(f"label {label.objectName()}: {label.text()!r}")
    if not page.categories_chart.fits():
        problems.append(f"categories: {page.categories_chart.labels()}")
    chart = page.hourly_chart
    shown = chart.shown_labels()
    if len(shown) < 2:
        problems.append("hourly chart: fewer than two hour labels")
    return problems


def test_everything_fits_in_both_languages(qtbot: QtBot, services: Services, admin: Actor, clock: FixedClock,
                                           language: str, make_window: Callable[[Actor], MainWindow],
                                           tmp_path: Path) -> None:
    for hours, category, size in ((1, Category.RESIDENT, 3), (2, Category.NEW_EMPLOYMENT, 1),
                                  (3, Category.VOLUNTEER, 12)):
        clock.set(dt.datetime(2026, 11, 28, 1, 0, tzinfo=dt.UTC) + dt.timedelta(hours=hours))
        services.visits.check_in_anonymous(admin, category, Purpose.READING, size)
    window = make_window(admin)
    page = _today(window, qtbot)
    folder = Path(os.environ.get("DESK_SHOTS_DIR") or tmp_path) / language
    folder.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 800), (window.minimumSizeHint().width(), window.minimumSizeHint().height())):
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: window.width() >= min(w, window.minimumSizeHint().width()))
        QApplication.processEvents()
        window.grab().save(str(folder / f"today_{window.width()}x{window.height()}.png"))
        assert _fitting(page) == [], f"{language} at {window.width()}×{window.height()}"
    # The tiles' lines never overlap the next tile: each is as tall as its content needs.
    tiles = [page.tile(name) for name, _ in TILES]
    assert all(tile.geometry().intersected(other.geometry()).isEmpty()
               for tile in tiles for other in tiles if tile is not other)
    assert page.tile("visitors").mapTo(window, QPoint(0, 0)).y() >= 0


def test_a_short_list_says_how_many_lines_it_leaves_out(qtbot: QtBot) -> None:
    lines = LineList(5)
    qtbot.addWidget(lines)
    lines.set_lines(["09:30 党建书吧 A1", "10:00 党建书吧 A2", "10:30 母婴室", "11:00 党员活动室"], "没有预约")
    step = lines.sizeHint().height() // 4  # as tall as its lines
    assert lines.minimumSizeHint().height() == LineList.MIN_ROWS * step  # it may give up rows, down to two
    lines.resize(300, 4 * step)
    assert lines.shown() == lines.lines()
    lines.resize(300, 2 * step)
    assert lines.shown() == ["09:30 党建书吧 A1", "…还有 3 条"]
    lines.set_lines([], "没有预约")
    assert lines.shown() == ["没有预约"] and lines.sizeHint().height() == step


def test_the_window_is_never_larger_than_its_screen(qtbot: QtBot, services: Services, admin: Actor,
                                                   clock: FixedClock, tasks: TaskRunner) -> None:
    window = MainWindow(PageContext(services, admin, tasks, clock))
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()  # 800 × 800 offscreen, smaller than the preferred window
    assert window.width() <= room.width() and window.height() <= room.height()
    for key in window.page_keys():  # no page pushes it larger: they scroll inside it
        window.show_page(key)
        assert window.width() <= room.width() and window.height() <= room.height()
