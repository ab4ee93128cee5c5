"""UI layer: the main window — navigation on the left, pages on the right, status bar with base, staff and
clock. Pages come from the registry in desk.ui.pages and are built the first time they are shown."""

from __future__ import annotations

import zoneinfo

from PySide6.QtCore import QEvent, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from desk.domain.staff import Actor
from desk.resources import ICONS_DIR
from desk.services.bases import BaseProfile
from desk.ui.dialogs.password import ChangePasswordDialog
from desk.ui.pages import PageContext, PageSpec, pages_for
from desk.ui.widgets import Retranslating
from desk.ui.wording import role_name

CLOCK_INTERVAL_MS = 1000
PREFERRED_SIZE = QSize(1180, 760)
FRAME_ALLOWANCE = QSize(16, 40)  # a title bar and borders, as desktop window systems draw them
NAV_WIDTHS = (140, 200)  # the page list's narrowest and widest
NAV_MARGIN = 16  # the list's frame and the room a selected item's highlight takes


class MainWindow(Retranslating, QMainWindow):
    logout_requested = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self._context = context
        self._profile: BaseProfile = context.services.bases.profile()
        self._zone = zoneinfo.ZoneInfo(self._profile.timezone)
        self._specs: list[PageSpec] = pages_for(context.actor.role)
        self._built: dict[str, QWidget] = {}

        self._nav = QListWidget()
        self._nav.setObjectName("navigation")
        self._nav.setIconSize(QSize(24, 24))
        self._nav.setSpacing(2)
        self._stack = QStackedWidget()
        self._stack.setObjectName("pages")
        for spec in self._specs:
            item = QListWidgetItem(QIcon(str(ICONS_DIR / spec.icon)), "")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self._nav.addItem(item)
            placeholder = QWidget()  # replaced by the real page the first time it is shown
            placeholder.setObjectName(f"unbuilt_{spec.key}")
            self._stack.addWidget(placeholder)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._nav)
        row.addWidget(self._stack, 1)
        self.setCentralWidget(central)

        self._base_label = QLabel()
        self._base_label.setObjectName("status_base")
        self._staff_label = QLabel()
        self._staff_label.setObjectName("status_staff")
        self._clock_label = QLabel()
        self._clock_label.setObjectName("status_clock")
        for label in (self._base_label, self._staff_label, self._clock_label):
            self.statusBar().addPermanentWidget(label)

        self._make_actions()
        self._nav.currentRowChanged.connect(self._on_navigation_changed)
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_INTERVAL_MS)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._clock.start()
        self._fit_screen()
        self.retranslate()
        if self._specs:
            self._nav.setCurrentRow(0)

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def actor(self) -> Actor:
        return self._context.actor

    def page_keys(self) -> list[str]:
        return [spec.key for spec in self._specs]

    def show_page(self, key: str) -> QWidget:
        self._nav.setCurrentRow(self.page_keys().index(key))
        return self._built[key]

    def current_page(self) -> QWidget:
        return self._built[self._specs[self._stack.currentIndex()].key]

    def reload(self, topic: str) -> None:
        """Data changed outside the pages (an in-app timer, e.g. topic "visits" or "bookings"): every page built so
        far that shows it — it has a `reload_<topic>()` method — reads it again."""
        for page in self._built.values():
            reload = getattr(page, f"reload_{topic}", None)
            if callable(reload):
                reload()

    def profile_changed(self, profile: BaseProfile) -> None:
        self._profile = profile
        self._zone = zoneinfo.ZoneInfo(profile.timezone)
        self.retranslate()

    # -- building ------------------------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        self._account_menu = self.menuBar().addMenu("")
        self._change_password = QAction(self)
        self._change_password.setObjectName("action_change_password")
        self._change_password.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self._change_password.triggered.connect(self._on_change_password_triggered)
        self._logout = QAction(self)
        self._logout.setObjectName("action_logout")
        self._logout.setShortcut(QKeySequence("Ctrl+L"))
        self._logout.triggered.connect(self.logout_requested.emit)
        self._quit = QAction(self)
        self._quit.setObjectName("action_quit")
        self._quit.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self._quit.triggered.connect(self.close)
        for action in (self._change_password, self._logout):
            self._account_menu.addAction(action)
        self._account_menu.addSeparator()
        self._account_menu.addAction(self._quit)
        self._go_menu = self.menuBar().addMenu("")
        self._page_actions: list[QAction] = []
        for index, spec in enumerate(self._specs[:10]):  # Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth
            action = QAction(self)
            action.setObjectName(f"action_page_{spec.key}")
            action.setShortcut(QKeySequence(f"Ctrl+{(index + 1) % 10}"))
            action.triggered.connect(lambda _checked=False, row=index: self._nav.setCurrentRow(row))
            self._go_menu.addAction(action)
            self._page_actions.append(action)

    def _page(self, row: int) -> QWidget:
        spec = self._specs[row]
        page = self._built.get(spec.key)
        if page is None:
            page = spec.factory(self._context)
            page.setObjectName(f"page_{spec.key}")
            old = self._stack.widget(row)
            if old is not None:
                self._stack.removeWidget(old)
                old.deleteLater()
            self._stack.insertWidget(row, _scrolling(page))
            self._built[spec.key] = page
            profile_changed = getattr(page, "profile_changed", None)
            if profile_changed is not None:
                profile_changed.connect(self.profile_changed)
            restored = getattr(page, "restored", None)
            if restored is not None:  # after a restore everyone logs in again, on the restored data
                restored.connect(self.logout_requested.emit)
            open_page = getattr(page, "open_page", None)
            if open_page is not None:  # a page that leads to others (the 今日 tiles)
                open_page.connect(self._on_page_open_page)
        return page

    def _fit_screen(self) -> None:
        # Roomy where the screen allows it, never larger than the screen: a desk PC may have 1366×768 or less.
        # The size set here leaves out the title bar and borders, which the window system adds around it.
        available = self.screen().availableGeometry().size() - FRAME_ALLOWANCE
        self.resize(PREFERRED_SIZE.boundedTo(available))

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_navigation_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self._page(row)
        self._stack.setCurrentIndex(row)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def _on_page_open_page(self, key: str) -> None:
        keys = self.page_keys()
        if key in keys:  # a page this role does not see stays closed
            self._nav.setCurrentRow(keys.index(key))

    def _on_change_password_triggered(self) -> None:
        ChangePasswordDialog(self._context.services.auth, self._context.actor, parent=self).open()

    def _on_clock_timeout(self) -> None:
        now = self._context.clock.now().astimezone(self._zone)
        locale = QLocale()
        self._clock_label.setText(f"{now:%Y-%m-%d} {locale.dayName(now.isoweekday(), QLocale.FormatType.ShortFormat)}"
                                  f" {now:%H:%M}")

    def retranslate(self) -> None:
        title = self.tr("红色港湾前台 — %1").replace("%1", self._profile.name)
        if self._profile.is_demo:
            title += " " + self.tr("【演示数据】")
        self.setWindowTitle(title)
        for row, spec in enumerate(self._specs):
            item = self._nav.item(row)
            item.setText(spec.translated_title())
            if row < 10:
                item.setToolTip(f"{spec.translated_title()} (Ctrl+{(row + 1) % 10})")
        # As wide as the longest page name in this language needs, so the pages keep every pixel there is.
        self._nav.setFixedWidth(max(NAV_WIDTHS[0], min(NAV_WIDTHS[1], self._nav.sizeHintForColumn(0) + NAV_MARGIN)))
        actor = self._context.actor
        self._base_label.setText(self._profile.name)
        self._staff_label.setText(self.tr("%1（%2）").replace("%1", actor.display_name).replace(
            "%2", role_name(actor.role.value)))
        self._account_menu.setTitle(self.tr("账户(&A)"))
        self._go_menu.setTitle(self.tr("页面(&G)"))
        self._change_password.setText(self.tr("修改密码…"))
        self._logout.setText(self.tr("注销 / 切换用户"))
        self._quit.setText(self.tr("退出"))
        for action, spec in zip(self._page_actions, self._specs, strict=False):
            action.setText(spec.translated_title())
        self._on_clock_timeout()


def _scrolling(page: QWidget) -> QScrollArea:
    """The page filling the window, or scrolling where the window is smaller than the page needs: the window
    is never forced larger than a small desk screen, whichever pages were opened before."""
    area = QScrollArea()
    area.setObjectName(f"scroll_{page.objectName()}")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(_PageHolder(page))
    return area


class _PageHolder(QWidget):
    """Holds a page at the size of the page area, or at the page's own minimum where that is larger. Without a
    layout on purpose: through one, a page's wrapped texts would have the scroll area give it the height they
    would like at that width rather than the room there is, and scroll a page that fits."""

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self._page = page
        page.setParent(self)

    def minimumSizeHint(self) -> QSize:
        return self._page.minimumSizeHint().expandedTo(self._page.minimumSize())

    def sizeHint(self) -> QSize:
        return self._page.sizeHint()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the page's needs changed: the scroll area asks again
            self.updateGeometry()
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._page.setGeometry(self.rect())
