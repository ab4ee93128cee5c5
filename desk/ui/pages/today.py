"""UI layer: the 今日 page, the first page after login — the day at the base at a glance: tiles for visitors, who
is on site, the next bookings, the charging ports, the 母婴室, points, vouchers and projects closing soon, and two
charts (visitors per hour against the same weekday of the weeks before, and by category).

Each tile opens the page behind it (click, or Tab to it and Enter/Space): the page asks the main window by
`open_page`. The figures are read on the worker, so the window never waits for them: when the page is shown, and
every 30 s while it is visible; a read still running is never started twice, and a request meanwhile reads once
more when it is done.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget
from shiboken6 import isValid

from desk.domain.errors import DeskError
from desk.domain.staff import Role
from desk.services.dashboard import COMPARE_WEEKS, NEXT_BOOKINGS, Dashboard, RoomState, UpcomingBooking
from desk.ui.charging import clock_time, duration_text
from desk.ui.charts import COMPARISON, BarChart, ColumnChart, Series, plain_number
from desk.ui.pages import PageContext, PageSpec, register_page
from desk.ui.settings._common import base_zone, format_date, format_datetime
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import category_name, error_text

REFRESH_MS = 30_000
TILE_HEIGHT = 112
TILE_MIN_WIDTH = 176
HINT_STYLE = "color: #5f6368;"
TEXT = QColor("#202124")
MUTED = QColor("#5f6368")
ALERT = QColor("#b3261e")
BUSY = QColor("#1a56b8")
BORDER = QColor("#dadce0")
FOCUS = QColor("#8c1d18")
BACKGROUND = QColor("#ffffff")
HOVER = QColor("#f8f9fa")
CLOSING_LINES = 4  # projects listed beside the charts; the tile counts them all
DEFAULT_HOURS = (9, 21)  # the chart's span on a day without hours or visits
# The tiles in reading order (four to a row) and the page each opens.
TILES = (("visitors", "visit_log"), ("on_site", "checkin"), ("bookings", "bookings"), ("charging", "charging"),
         ("nursing", "charging"), ("points", "points"), ("vouchers", "redeem"), ("projects", "projects"))


class Tile(QWidget):
    """A tile: a caption, one large figure and up to two lines beneath; it opens its page when activated.
    Painted, so that every line is elided to the tile's width; the full text is in the tooltip."""

    activated = Signal(str)  # the key of the page behind it

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(TILE_MIN_WIDTH, TILE_HEIGHT)
        self._caption = ""
        self._value = "—"
        self._lines: list[str] = []
        self._alert_lines: set[int] = set()
        self._value_color = TEXT
        self._more = ""  # extra lines for the tooltip only
        self._hovered = False

    # -- public --------------------------------------------------------------------------------------------------

    def set_caption(self, caption: str) -> None:
        self._caption = caption
        self._changed()

    def set_content(self, value: str, lines: list[str], *, value_color: QColor = TEXT,
                    alert_lines: set[int] | None = None, more: str = "") -> None:
        self._value = value
        self._lines = [line for line in lines if line][:2]
        self._value_color = value_color
        self._alert_lines = alert_lines or set()
        self._more = more
        self._changed()

    def caption(self) -> str:
        return self._caption

    def value(self) -> str:
        return self._value

    def lines(self) -> list[str]:
        return list(self._lines)

    def texts(self) -> list[str]:
        """Everything the tile says, in reading order: what the tooltip, screen readers and tests read."""
        return [self._caption, self._value, *self._lines]

    def sizeHint(self) -> QSize:
        return QSize(TILE_MIN_WIDTH + 40, TILE_HEIGHT)

    def fits(self) -> bool:
        """Every text is shown whole at the current width (nothing elided)."""
        inner = self.rect().adjusted(12, 0, -12, 0).width()
        return all(QFontMetrics(font).horizontalAdvance(text) <= inner
                   for font, text in ((self._caption_font(), self._caption), (self._value_font(), self._value),
                                      *((self._line_font(), line) for line in self._lines)))

    # -- Qt ------------------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and not event.isAutoRepeat():
            self.activated.emit(self.key)
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.activated.emit(self.key)
            return
        super().mouseReleaseEvent(event)

    def enterEvent(self, event: QEnterEvent) -> None:
        self._hovered = True
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hovered = False
        self.update()
        super().leaveEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        focused = self.hasFocus()
        width = 2 if focused else 1
        frame = QRectF(self.rect()).adjusted(width / 2 + 0.5, width / 2 + 0.5, -width / 2 - 0.5, -width / 2 - 0.5)
        painter.setPen(QPen(FOCUS if focused else BORDER, width))
        painter.setBrush(HOVER if self._hovered else BACKGROUND)
        painter.drawRoundedRect(frame, 6, 6)

        inner = self.rect().adjusted(12, 8, -12, -8)
        top = inner.top()
        for font, text, color in ((self._caption_font(), self._caption, MUTED),
                                  (self._value_font(), self._value, self._value_color)):
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(color)
            painter.drawText(QRect(inner.left(), top, inner.width(), metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width()))
            top += metrics.height() + 2
        font = self._line_font()
        metrics = QFontMetrics(font)
        painter.setFont(font)
        for index, line in enumerate(self._lines):
            painter.setPen(ALERT if index in self._alert_lines else MUTED)
            painter.drawText(QRect(inner.left(), top, inner.width(), metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(line, Qt.TextElideMode.ElideRight, inner.width()))
            top += metrics.height() + 1
        painter.end()

    # -- helpers -------------------------------------------------------------------------------------------------

    def _caption_font(self) -> QFont:
        return QFont(self.font())

    def _value_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        return font

    def _line_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 7.0))
        return font

    def _changed(self) -> None:
        text = "\n".join(t for t in (*self.texts(), self._more) if t)
        self.setToolTip(text)
        self.setAccessibleName(" · ".join(t for t in self.texts() if t))
        self.setAccessibleDescription(self._more)
        self.update()


class LineList(QWidget):
    """A few lines of text, each elided to the width (the full text in its tooltip), or a muted line when empty.
    On a short screen it gives up height down to MIN_ROWS: the last row then says how many lines are not shown."""

    MIN_ROWS = 2

    def __init__(self, rows: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = rows
        self._lines: list[str] = []
        self._empty = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def set_lines(self, lines: list[str], empty: str) -> None:
        self._lines = lines[:self._rows]
        self._empty = empty
        self.setToolTip("\n".join(self._lines))
        self.setAccessibleName("; ".join(self._lines) or empty)
        self.updateGeometry()
        self.update()

    def lines(self) -> list[str]:
        return list(self._lines)

    def shown(self) -> list[str]:
        """The rows as painted at the current height."""
        fit = max(1, self.height() // self._step())
        if len(self._lines) <= fit:
            return list(self._lines) or [self._empty]
        hidden = len(self._lines) - (fit - 1)
        return [*self._lines[:fit - 1], self.tr("…还有 %n 条", "", hidden)]

    def sizeHint(self) -> QSize:
        return QSize(200, max(1, len(self._lines)) * self._step())  # no room kept for lines there are not

    def minimumSizeHint(self) -> QSize:
        return QSize(120, min(max(1, len(self._lines)), self.MIN_ROWS) * self._step())

    def _step(self) -> int:
        return self.fontMetrics().height() + 4

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        lines = self.shown()
        cut = len(self._lines) > len(lines)  # the last row says how many are not shown
        for index, line in enumerate(lines):
            painter.setPen(MUTED if not self._lines or (cut and index == len(lines) - 1) else TEXT)
            painter.drawText(QRect(0, index * self._step(), self.width(), self._step()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(line, Qt.TextElideMode.ElideRight, self.width()))
        painter.end()


class TodayPage(Retranslating, QWidget):
    open_page = Signal(str)  # a page key: the main window shows that page

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._board: Dashboard | None = None
        self._zone: dt.tzinfo = dt.UTC
        self._loading = False
        self._again = False

        self._title = QLabel()
        self._title.setObjectName("today_title")
        title_font = self._title.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() + 3)
        self._title.setFont(title_font)
        self._date = QLabel()
        self._date.setObjectName("today_date")
        self._updated = QLabel()
        self._updated.setObjectName("today_updated")
        self._updated.setStyleSheet(HINT_STYLE)
        self._error = ErrorLabel()
        self._error.setObjectName("today_error")

        self._tiles: dict[str, Tile] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        for index, (name, target) in enumerate(TILES):
            tile = Tile(target)
            tile.setObjectName(f"tile_{name}")
            tile.activated.connect(self.open_page.emit)
            self._tiles[name] = tile
            grid.addWidget(tile, index // 4, index % 4)
        for column in range(4):
            grid.setColumnStretch(column, 1)

        self._hourly_title = QLabel()
        self._hourly_title.setObjectName("today_hourly_title")
        self._hourly = ColumnChart()
        self._hourly.setObjectName("today_hourly_chart")
        self._categories_title = QLabel()
        self._categories_title.setObjectName("today_categories_title")
        self._categories = BarChart()
        self._categories.setObjectName("today_categories_chart")
        self._upcoming_title = QLabel()
        self._upcoming_title.setObjectName("today_upcoming_title")
        self._upcoming = LineList(NEXT_BOOKINGS)
        self._upcoming.setObjectName("today_upcoming")
        self._closing_title = QLabel()
        self._closing_title.setObjectName("today_closing_title")
        self._closing = LineList(CLOSING_LINES)
        self._closing.setObjectName("today_closing")
        bold = self._hourly_title.font()
        bold.setBold(True)
        for label in (self._hourly_title, self._categories_title, self._upcoming_title, self._closing_title):
            label.setFont(bold)

        header = QHBoxLayout()
        header.addWidget(self._title)
        header.addSpacing(12)
        header.addWidget(self._date)
        header.addStretch(1)
        header.addWidget(self._updated)
        hourly_box = QVBoxLayout()
        hourly_box.setSpacing(4)
        hourly_box.addWidget(self._hourly_title)
        hourly_box.addWidget(self._hourly, 1)
        side = QVBoxLayout()
        side.setSpacing(4)
        for title, body in ((self._categories_title, self._categories), (self._upcoming_title, self._upcoming),
                            (self._closing_title, self._closing)):
            if title is not self._categories_title:
                side.addSpacing(10)
            side.addWidget(title)
            side.addWidget(body)
        side.addStretch(1)
        charts = QHBoxLayout()
        charts.setSpacing(24)
        charts.addLayout(hourly_box, 3)
        charts.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self._error)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addLayout(charts, 1)

        self._timer = QTimer(self)
        self._timer.setObjectName("today_refresh_timer")
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.setFocusProxy(self._tiles[TILES[0][0]])
        self.retranslate()

    def retranslate(self) -> None:
        self._title.setText(self.tr("今日概况"))
        captions = {
            "visitors": self.tr("今日到访（人次）"),
            "on_site": self.tr("在馆人数"),
            "bookings": self.tr("接下来的预约"),
            "charging": self.tr("空闲充电桩 / 插座"),
            "nursing": self.tr("母婴室"),
            "points": self.tr("今日发放积分"),
            "vouchers": self.tr("今日兑换券"),
            "projects": self.tr("报名即将截止"),
        }
        for name, caption in captions.items():
            self._tiles[name].set_caption(caption)
        self._hourly_title.setText(self.tr("每小时到访人次"))
        self._categories_title.setText(self.tr("今日到访类别"))
        self._upcoming_title.setText(self.tr("即将开始的预约"))
        self._closing_title.setText(self.tr("三天内截止报名的项目"))
        self._hourly.set_empty_text(self.tr("今天还没有到访登记。"))
        self._categories.set_empty_text(self.tr("今天还没有到访登记。"))
        self._hourly.set_value_text(self._people)
        if self._board is not None:
            self._show(self._board)

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def board(self) -> Dashboard | None:
        return self._board

    def tile(self, name: str) -> Tile:
        return self._tiles[name]

    @property
    def hourly_chart(self) -> ColumnChart:
        return self._hourly

    @property
    def categories_chart(self) -> BarChart:
        return self._categories

    def is_loading(self) -> bool:
        return self._loading

    def refresh(self) -> None:
        """Shown (navigation): read the figures again, other pages and desks may have written."""
        self._load()

    def reload_visits(self) -> None:
        """An in-app timer changed data (closing-time check-out, no-shows, expiry): read again while shown; a
        hidden page reads when it is shown."""
        if self.isVisible():
            self._load()

    reload_bookings = reload_points = reload_vouchers = reload_visits

    # -- loading -------------------------------------------------------------------------------------------------

    def _load(self) -> None:
        if self._loading:
            self._again = True  # once more when the running read is done, with what was written meanwhile
            return
        self._loading = True
        dashboard = self._context.services.dashboard
        self._context.tasks.run(dashboard.today, self._on_loaded, self._on_failed)

    def _on_loaded(self, board: Dashboard) -> None:
        if not isValid(self):  # logged out while the worker ran
            return
        self._loading = False
        self._error.show_text("")
        self._board = board
        self._show(board)
        self._load_again()

    def _on_failed(self, error: DeskError) -> None:
        if not isValid(self):
            return
        self._loading = False
        self._error.show_text(error_text(error))
        self._load_again()

    def _load_again(self) -> None:
        if self._again:
            self._again = False
            self._load()

    # -- showing -------------------------------------------------------------------------------------------------

    def _show(self, board: Dashboard) -> None:
        self._zone = base_zone(board.timezone)
        self._date.setText(format_date(board.day))
        self._updated.setText(self.tr("更新于 %1").replace("%1", f"{board.now.astimezone(self._zone):%H:%M:%S}"))
        self._show_visitors(board)
        self._show_bookings(board)
        self._show_rooms(board)
        self._show_points(board)
        self._show_charts(board)

    def _show_visitors(self, board: Dashboard) -> None:
        usual = round(sum(board.hourly_average))
        self._tiles["visitors"].set_content(str(board.people_today), [
            self.tr("%n 条登记", "", board.visits_today),
            self.tr("近%1周同日平均 %2").replace("%1", str(COMPARE_WEEKS)).replace("%2", str(usual)),
        ])
        self._tiles["on_site"].set_content(str(board.on_site_people), [
            self.tr("%n 条登记未签退", "", board.on_site_visits)])

    def _show_bookings(self, board: Dashboard) -> None:
        tile = self._tiles["bookings"]
        no_shows = self.tr("今日爽约 %n 次", "", board.no_shows)
        if not board.next_bookings:
            self._upcoming.set_lines([], self.tr("暂无预约"))
            tile.set_content("—", [self.tr("暂无预约"), no_shows], alert_lines={1} if board.no_shows else None)
            return
        self._upcoming.set_lines([f"{self._moment(b.starts_at, board.day)}  {self._booking_text(b)}"
                                  for b in board.next_bookings], self.tr("暂无预约"))
        first = board.next_bookings[0]
        tile.set_content(self._moment(first.starts_at, board.day), [self._booking_text(first), no_shows],
                         alert_lines={1} if board.no_shows else None,
                         more="\n".join(f"{self._moment(b.starts_at, board.day)} {self._booking_text(b)}"
                                        for b in board.next_bookings[1:]))

    def _show_rooms(self, board: Dashboard) -> None:
        ports = board.ports
        in_use = self.tr("充电中 %1 · 超时 %2").replace("%1", str(ports.charging)).replace("%2", str(ports.overdue))
        broken = self.tr("故障 %n 个", "", ports.out_of_order) if ports.out_of_order else ""
        self._tiles["charging"].set_content(
            f"{ports.free} / {ports.total}", [in_use, broken],
            alert_lines={0} if ports.overdue else None)

        tile = self._tiles["nursing"]
        room = board.nursing
        if room is None:
            tile.set_content("—", [self.tr("本基地没有母婴室")])
            return
        cleaned = (self.tr("上次清洁 %1 %2").replace("%1", self._moment(room.last_cleaning_at, board.day))
                   .replace("%2", room.last_cleaning_by).strip()
                   if room.last_cleaning_at else self.tr("尚无清洁记录"))
        if room.state is RoomState.FREE:
            tile.set_content(self.tr("空闲"), [cleaned])
        elif room.state is RoomState.OUT_OF_ORDER:
            tile.set_content(self.tr("暂停使用"), [cleaned], value_color=MUTED)
        elif room.state is RoomState.OVERDUE:
            tile.set_content(self.tr("超时"), [
                self.tr("已超时 %1").replace("%1", duration_text(room.minutes_over)), cleaned],
                value_color=ALERT, alert_lines={0})
        else:
            tile.set_content(self.tr("使用中"), [
                self.tr("%1 起，预计 %2 结束").replace("%1", clock_time(room.since, self._zone)).replace(
                    "%2", clock_time(room.expected_end, self._zone)), cleaned], value_color=BUSY)

    def _show_points(self, board: Dashboard) -> None:
        self._tiles["points"].set_content(str(board.points_earned), [
            self.tr("使用 %1 分").replace("%1", str(board.points_spent))])
        self._tiles["vouchers"].set_content(str(board.vouchers_issued), [
            self.tr("核销 %n 张", "", board.vouchers_redeemed)])
        tile = self._tiles["projects"]
        projects = board.closing_projects
        self._closing.set_lines([self.tr("%1 %2 截止，余 %n 名", "", p.slots_left).replace("%1", p.title).replace(
            "%2", self._moment(p.signup_deadline, board.day)) for p in projects], self.tr("三天内没有截止的报名"))
        if not projects:
            tile.set_content("0", [self.tr("三天内没有截止的报名")])
            return
        first = projects[0]
        tile.set_content(str(len(projects)), [
            first.title,
            self.tr("%1 截止，余 %n 名", "", first.slots_left).replace(
                "%1", self._moment(first.signup_deadline, board.day))])

    def _show_charts(self, board: Dashboard) -> None:
        first, last = self._hour_span(board)
        hours = range(first, last)
        labels = [self.tr("%1时").replace("%1", str(h)) for h in hours]
        spans = [f"{h:02d}:00–{h + 1:02d}:00" for h in hours]
        today = Series(self.tr("今日"), tuple(float(board.hourly[h]) for h in hours))
        usual = Series(self.tr("近 %1 周同日平均").replace("%1", str(COMPARE_WEEKS)),
                       tuple(board.hourly_average[h] for h in hours), COMPARISON, dashed=True)
        self._hourly.set_data(labels, [today, usual], spans)
        self._categories.set_data(
            [category_name(c.category.value) for c in board.visitors], [c.people for c in board.visitors],
            [self.tr("%1 人次 · %2 次").replace("%1", str(c.people)).replace("%2", str(c.visits))
             for c in board.visitors])

    # -- helpers -------------------------------------------------------------------------------------------------

    @staticmethod
    def _hour_span(board: Dashboard) -> tuple[int, int]:
        """Opening to closing hour, widened to every hour with visitors today or on the weeks before."""
        busy = [h for h in range(24) if board.hourly[h] or board.hourly_average[h]]
        first, last = DEFAULT_HOURS
        if board.opens is not None and board.closes is not None:
            first = board.opens.hour
            last = board.closes.hour + (1 if board.closes.minute else 0)
        elif busy:
            first, last = busy[0], busy[-1] + 1
        if busy:
            first, last = min(first, busy[0]), max(last, busy[-1] + 1)
        return first, max(last, first + 1)

    def _moment(self, moment: dt.datetime | None, today: dt.date) -> str:
        """A time as the tiles say it: "14:30" today, "明天 10:00" tomorrow, the date otherwise."""
        if moment is None:
            return ""
        local = moment.astimezone(self._zone)
        if local.date() == today:
            return f"{local:%H:%M}"
        if local.date() == today + dt.timedelta(days=1):
            return self.tr("明天 %1").replace("%1", f"{local:%H:%M}")
        if local.date() == today - dt.timedelta(days=1):
            return self.tr("昨天 %1").replace("%1", f"{local:%H:%M}")
        return format_datetime(moment, self._zone)

    def _booking_text(self, booking: UpcomingBooking) -> str:
        who = booking.masked_name or self.tr("未留姓名")
        return f"{booking.facility_name} {booking.unit_name} · {who}"

    def _people(self, value: float) -> str:
        return self.tr("%1 人次").replace("%1", plain_number(value))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()
        if event.spontaneous():  # the window restored from the task bar (navigation calls `refresh` itself)
            self._load()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def _on_timer_timeout(self) -> None:
        self._load()


register_page(PageSpec(
    key="today",
    title=str(QT_TRANSLATE_NOOP("Pages", "今日")),
    icon="today.svg",
    order=5,
    roles=frozenset({Role.ADMIN, Role.DESK}),
    factory=TodayPage,
))
