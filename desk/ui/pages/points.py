"""UI layer: the 积分 page — find a person (phone, last four digits, name, a scanned member card or a typed member
number), let them join 红色积分, see their balance, their 积分流水, the projects they claimed and their 兑换券,
exchange points for a merchant's reward (兑换, Ctrl+E: the catalogue, then the slip preview), reprint or void a
voucher, print the member card, and, as an administrator, adjust points or reverse an entry.

The keyboard path: the find field has the focus whenever the page is shown; type and press Enter (↑ ↓ choose among
several matches); a scanned card, which types its text and presses Enter, shows the member at once. ↓ from the
field moves into the ledger, Esc there goes back. Every change is the points service's; afterwards the window
re-reads topic "points" everywhere, and the field is ready for the next person. The member card PDF and the
voucher slips are made on the background worker.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QModelIndex, QObject, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desk.domain.errors import AlreadyReversed, BadFormat, CannotReverse, DeskError
from desk.domain.people import Query, parse_query
from desk.domain.points import EntryKind, parse_member_code
from desk.domain.staff import Role
from desk.printing.member_card import CardLabels, MemberCard, member_card_pdf
from desk.services.people import PersonRow
from desk.services.points import MemberRow, Posted
from desk.services.vouchers import Issued
from desk.ui.files import choose_pdf_file
from desk.ui.pages import PageContext, PageSpec, register_page
from desk.ui.points import amount_text
from desk.ui.points.dialogs import AdjustDialog, ReverseDialog
from desk.ui.points.ledger import LedgerModel
from desk.ui.points.panel import MemberPanel
from desk.ui.projects.member_claims import MemberClaimsView
from desk.ui.projects.notice_dialog import PointsNoticeDialog
from desk.ui.settings._common import RowsModel, base_zone, make_table, selected_row
from desk.ui.vouchers.catalogue import CatalogueDialog
from desk.ui.vouchers.layouts import SlipLayouts, default_printer
from desk.ui.vouchers.member_vouchers import MemberVouchersView
from desk.ui.vouchers.preview import SlipPreviewDialog
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating
from desk.ui.wording import category_name, entry_kind_name, error_text

SEARCH_DELAY_MS = 150
VISIBLE_MATCHES = 4
HINT_STYLE = "color: #5f6368;"
STATUS_STYLE = "color: #1e6b34; font-weight: bold;"
EXCHANGE_SHORTCUT = "Ctrl+E"




def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PointsMatchesModel(RowsModel[PersonRow]):
    """The few people a search found, with their member number when they have one."""

    NAME, PHONE, CATEGORY, NUMBER = range(4)

    def headers(self) -> list[str]:
        return [self.tr("姓名"), self.tr("电话"), self.tr("类别"), self.tr("会员号")]

    def cell(self, row: PersonRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.PHONE:
            return row.masked_phone
        if column == self.CATEGORY:
            return category_name(row.category.value)
        return row.member_no or self.tr("未加入")


class PointsPage(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._people = context.services.people
        self._points = context.services.points
        self._zone: dt.tzinfo = base_zone(context.services.bases.profile().timezone)
        self._query = Query("empty", "")
        self._searched = ""  # the text the matches belong to

        self._search = QLineEdit()
        self._search.setObjectName("points_search")
        self._search.setClearButtonEnabled(True)
        font = self._search.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self._search.setFont(font)
        self._search.setMinimumHeight(36)
        self._go = QPushButton()
        self._go.setObjectName("points_find")
        self._go.setMinimumHeight(36)
        self._notice = QPushButton()  # the monthly / quarterly 积分公示 for the board
        self._notice.setObjectName("points_notice")
        self._notice.setMinimumHeight(36)
        self._search_error = ErrorLabel()
        self._search_error.setObjectName("error_search")
        self._hint = QLabel()
        self._hint.setObjectName("points_hint")
        self._hint.setWordWrap(True)
        self._hint.setStyleSheet(HINT_STYLE)
        self._hint.hide()
        self._error = ErrorLabel()
        self._error.setObjectName("points_error")
        self._errors = FieldErrors(self._error)
        for field in ("search", "code", "phone"):
            self._errors.bind(field, self._search_error, self._search)

        self._keys = QLabel()
        self._keys.setObjectName("points_keys")
        self._keys.setWordWrap(True)
        self._keys.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._keys.setStyleSheet(HINT_STYLE)
        self._matches_model = PointsMatchesModel(self)
        self._matches = make_table("points_matches", self._matches_model)
        self._matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the find field
        self._matches.setWordWrap(False)
        self._matches.setAlternatingRowColors(False)
        row_height = self._matches.verticalHeader().defaultSectionSize()
        self._matches.setMinimumHeight(self._matches.horizontalHeader().sizeHint().height()
                                       + VISIBLE_MATCHES * row_height + 4)
        self._left = QStackedWidget()
        self._left.setObjectName("points_stack")
        self._left.addWidget(self._keys)
        self._left.addWidget(self._matches)
        self._panel = MemberPanel(admin=context.actor.role is Role.ADMIN)
        self._status = QLabel()
        self._status.setObjectName("points_status")
        self._status.setWordWrap(True)
        self._status.setStyleSheet(STATUS_STYLE)
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._card_result = QLabel()
        self._card_result.setObjectName("card_result")
        self._card_result.setWordWrap(True)
        self._card_result.setOpenExternalLinks(True)
        self._card_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self._card_result.hide()

        self._tabs = QTabWidget()
        self._tabs.setObjectName("member_tabs")
        self._ledger = LedgerModel(self._points, self)
        self._table = QTableView()
        self._table.setObjectName("ledger_table")
        self._table.setModel(self._ledger)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setAlternatingRowColors(True)
        self._table.setWordWrap(False)
        self._table.verticalHeader().hide()
        self._table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._table.horizontalHeader().setStretchLastSection(True)
        self._table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._empty_ledger = QLabel()
        self._empty_ledger.setObjectName("ledger_empty")
        self._empty_ledger.setStyleSheet(HINT_STYLE)
        self._ledger_error = ErrorLabel()
        self._ledger_error.setObjectName("ledger_error")
        self._claims = MemberClaimsView(context)
        self._vouchers = MemberVouchersView(context)

        search_row = QHBoxLayout()
        search_row.addWidget(self._search, 1)
        search_row.addWidget(self._go)
        search_row.addSpacing(12)
        search_row.addWidget(self._notice)
        messages = QWidget()
        messages.setObjectName("points_messages")
        column = QVBoxLayout(messages)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self._search_error)
        column.addWidget(self._hint)
        # One line is always kept for what is said about the search, so the boxes below do not jump.
        messages.setMinimumHeight(self.fontMetrics().lineSpacing() + 6)
        middle = QHBoxLayout()
        middle.addWidget(self._left, 1)
        middle.addWidget(self._panel, 1)
        ledger_tab = QWidget()
        ledger_tab.setObjectName("ledger_tab")
        ledger = QVBoxLayout(ledger_tab)
        ledger.addWidget(self._table, 1)
        ledger.addWidget(self._empty_ledger)
        ledger.addWidget(self._ledger_error)
        claims_tab = QWidget()
        claims_tab.setObjectName("claims_tab")
        claims = QVBoxLayout(claims_tab)
        claims.addWidget(self._claims)
        self._vouchers_tab = QWidget()
        self._vouchers_tab.setObjectName("vouchers_tab")
        vouchers = QVBoxLayout(self._vouchers_tab)
        vouchers.addWidget(self._vouchers)
        self._tabs.addTab(ledger_tab, "")
        self._tabs.addTab(claims_tab, "")
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(messages)
        layout.addLayout(middle)
        layout.addWidget(self._error)
        layout.addWidget(self._status)
        layout.addWidget(self._card_result)
        layout.addWidget(self._tabs, 1)
        self._left.setFixedHeight(max(self._matches.minimumHeight(), self._panel.sizeHint().height()))

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._run_search)
        self._search.textEdited.connect(self._on_search_text_edited)
        self._search.returnPressed.connect(self._on_search_return_pressed)
        self._search.installEventFilter(self)
        self._table.installEventFilter(self)
        self._claims.table.installEventFilter(self)
        self._vouchers.table.installEventFilter(self)
        self._go.clicked.connect(self._on_search_return_pressed)
        self._notice.clicked.connect(lambda: PointsNoticeDialog.ask(self, self._context))
        self._matches.clicked.connect(self._on_matches_clicked)
        self._matches.doubleClicked.connect(self._on_matches_double_clicked)
        self._panel.join_requested.connect(self._on_panel_join_requested)
        self._panel.exchange_requested.connect(self._on_panel_exchange_requested)
        self._exchange_shortcut = QShortcut(QKeySequence(EXCHANGE_SHORTCUT), self)
        self._exchange_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._exchange_shortcut.activated.connect(self._on_panel_exchange_requested)
        self._vouchers.changed.connect(self._changed)
        self._panel.print_requested.connect(self._on_panel_print_requested)
        self._panel.adjust_requested.connect(self._on_panel_adjust_requested)
        self._panel.reverse_requested.connect(self._on_panel_reverse_requested)
        self._table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self._ledger.failed.connect(self._on_ledger_failed)
        self._ledger.modelReset.connect(self._on_ledger_reset)
        self.setFocusProxy(self._search)
        self.retranslate()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def search_field(self) -> QLineEdit:
        return self._search

    @property
    def panel(self) -> MemberPanel:
        return self._panel

    @property
    def ledger(self) -> LedgerModel:
        return self._ledger

    @property
    def table(self) -> QTableView:
        return self._table

    @property
    def tabs(self) -> QTabWidget:
        return self._tabs

    @property
    def claims(self) -> MemberClaimsView:
        return self._claims

    @property
    def vouchers(self) -> MemberVouchersView:
        return self._vouchers

    def refresh(self) -> None:
        """Shown again (navigation): the base's zone may have changed, other desks may have written."""
        self._zone = base_zone(self._context.services.bases.profile().timezone)
        self._claims.set_zone(self._zone)
        self._vouchers.set_zone(self._zone)
        self.reload_points()
        self._search.setFocus()

    def reload_points(self) -> None:
        """Points changed (here, on another page, or by the expiry timer): read the shown person again."""
        person = self._panel.person
        if person is None:
            return
        try:
            person = self._people.row(person.id)
            member = self._points.member_of_person(person.id)
        except DeskError as error:
            self._panel.show_person(None, None, self._zone)
            self._ledger.show_member(None)
            self._claims.show_member(None)
            self._show_vouchers(None)
            self._errors.show(error)
            return
        self._show(person, member, keep_entry=True)

    def reload_vouchers(self) -> None:
        """Vouchers changed (redeemed at a station, expired by the daily timer): the member's list is read again."""
        self._show_vouchers(self._panel.member.id if self._panel.member else None)

    def reload_projects(self) -> None:
        """Projects or claims changed (the 项目 page, another desk): the shown member's claims are read again."""
        self._claims.reload_projects()

    def retranslate(self) -> None:
        self._search.setPlaceholderText(self.tr("手机号、手机尾号 4 位、姓名，或扫描会员卡"))
        self._go.setText(self.tr("查找 (Enter)"))
        self._notice.setText(self.tr("积分公示…"))
        self._keys.setText(self.tr(
            "输入后按 Enter 查找，多人匹配时用 ↑ ↓ 选择\n"
            "扫描会员卡直接显示会员 · ↓ 进入积分流水 · Esc 回到查找框"))
        self._tabs.setTabText(0, self.tr("积分流水"))
        self._tabs.setTabText(1, self.tr("认领的项目"))
        self._word_vouchers_tab()
        self._empty_ledger.setText(self.tr("还没有积分流水。"))
        self._matches_model.relabel()
        self._ledger.relabel()
        self._show_empty_ledger()
        self._fit_ledger_columns()

    # -- searching -----------------------------------------------------------------------------------------------

    def _set_hint(self, text: str) -> None:
        self._hint.setText(text)
        self._hint.setVisible(bool(text))

    def _on_search_text_edited(self, _text: str) -> None:
        self._debounce.start()

    def _run_search(self) -> None:
        self._debounce.stop()
        text = self._search.text()
        self._searched = text
        self._errors.clear()
        self._set_hint("")
        try:
            query = parse_query(text)
            found = self._people.search(text) if query.kind in ("phone", "last4", "name") else []
        except DeskError as error:
            self._query = Query("empty", "")
            self._matches_model.set_rows([])
            self._left.setCurrentWidget(self._keys)
            self._errors.show(error)
            return
        self._query = query
        self._matches_model.set_rows(found)
        if found:
            self._left.setCurrentWidget(self._matches)
            self._fit_matches()
            self._matches.selectRow(0)
            if len(found) > 1:
                self._set_hint(self.tr("找到 %n 位，用 ↑ ↓ 选择，Enter 确定。", "", len(found)))
            elif self._is_card(text):
                self._choose(found[0])  # a card names one member: nothing left to choose
            return
        self._left.setCurrentWidget(self._keys)
        if query.kind == "last4":
            self._set_hint(self.tr("没有手机尾号为 %1 的群众。新访客请先在“签到”页登记。").replace("%1", query.value))
        elif query.kind == "name":
            self._set_hint(self.tr("没有姓名以“%1”开头的群众。新访客请先在“签到”页登记。").replace("%1", query.value))
        elif query.kind == "phone":
            self._set_hint(self.tr("这个号码还没有登记。新访客请先在“签到”页登记。"))
        elif query.kind == "digits":
            self._set_hint(self.tr("请继续输入：完整的 11 位手机号，或手机尾号 4 位。"))

    @staticmethod
    def _is_card(text: str) -> bool:
        try:
            return parse_member_code(text) is not None
        except BadFormat:
            return False

    def _fit_matches(self) -> None:
        self._matches.resizeColumnsToContents()
        header = self._matches.horizontalHeader()
        for column in range(header.count() - 1):
            header.resizeSection(column, min(header.sectionSize(column) + 16, 200))

    def _move_highlight(self, step: int) -> None:
        if self._debounce.isActive():
            self._run_search()
        count = self._matches_model.rowCount()
        if self._left.currentWidget() is not self._matches or not count:
            return
        row = selected_row(self._matches)
        self._matches.selectRow(max(0, min(count - 1, row + step)))
        self._set_hint("")

    def _on_search_return_pressed(self) -> None:
        if self._debounce.isActive() or self._search.text() != self._searched:
            self._run_search()
        if self._left.currentWidget() is self._matches:
            person = self._matches_model.row_at(selected_row(self._matches))
            if person is not None:
                self._choose(person)
        elif self._query.kind == "empty" and not self._search_error.isVisible():
            self._set_hint(self.tr("请先输入手机号、手机尾号 4 位或姓名，或扫描会员卡。"))

    def _on_matches_clicked(self, index: QModelIndex) -> None:
        self._matches.selectRow(index.row())
        self._search.setFocus()

    def _on_matches_double_clicked(self, index: QModelIndex) -> None:
        person = self._matches_model.row_at(index.row())
        if person is not None:
            self._choose(person)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self._search:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                if self._debounce.isActive() or self._search.text() != self._searched:
                    self._run_search()  # what was typed first, so the arrow moves in its matches
                if self._left.currentWidget() is self._matches and self._matches_model.rowCount() > 1:
                    self._move_highlight(1 if key == Qt.Key.Key_Down else -1)
                elif key == Qt.Key.Key_Down:
                    self._focus_ledger()
                return True
            if key == Qt.Key.Key_Escape and self._search.text():
                self._debounce.stop()
                self._search.clear()
                self._run_search()
                return True
        elif watched in (self._table, self._claims.table, self._vouchers.table) and key == Qt.Key.Key_Escape:
            self._search.setFocus()
            self._search.selectAll()
            return True
        return super().eventFilter(watched, event)

    def _focus_ledger(self) -> None:
        if self._tabs.currentWidget() is self._vouchers_tab:
            self._vouchers.table.setFocus()
            return
        if self._tabs.currentIndex() != 0:
            self._claims.table.setFocus()
            return
        if not self._ledger.rowCount():
            return
        self._table.setFocus()
        if selected_row(self._table) < 0:
            self._table.selectRow(0)

    # -- the person ----------------------------------------------------------------------------------------------

    def _choose(self, person: PersonRow) -> None:
        self._status.clear()
        self._card_result.hide()
        try:
            member = self._points.member_of_person(person.id)
        except DeskError as error:
            self._errors.show(error)
            return
        self._show(person, member, keep_entry=False)
        self._set_hint("")
        # The text stays to show what was looked up, selected so the next scan or typing replaces it.
        self._search.setFocus()
        self._search.selectAll()

    def _show(self, person: PersonRow, member: MemberRow | None, keep_entry: bool) -> None:
        kept = self._selected_entry_id() if keep_entry else None
        self._panel.show_person(person, member, self._zone)
        self._ledger.zone = self._zone
        self._ledger.show_member(member.id if member else None)
        self._claims.show_member(member.id if member else None)
        self._show_vouchers(member.id if member else None)
        if kept is not None and (row := self._ledger.row_of(kept)) >= 0:
            self._table.selectRow(row)
        self._panel.set_entry_selected(selected_row(self._table) >= 0)

    def _selected_entry_id(self) -> int | None:
        entry = self._ledger.row_at(selected_row(self._table))
        return entry.id if entry else None

    def _changed(self) -> None:
        """Tell every page that shows points (this one included) to read them again."""
        window = self.window()
        reload = getattr(window, "reload", None)
        if callable(reload):
            reload("points")
        else:
            self.reload_points()

    def _on_panel_join_requested(self) -> None:
        person = self._panel.person
        if person is None:
            return
        self._errors.clear()
        try:
            member = self._points.join(self._context.actor, person.id)
        except DeskError as error:
            self._errors.show(error)
            return
        self._changed()
        self._status.setText(self.tr("%1 已加入红色积分，会员号 %2。可以打印会员卡交给本人。").replace(
            "%1", member.name).replace("%2", member.number))
        self._search.setFocus()
        self._search.selectAll()

    def _on_panel_adjust_requested(self) -> None:
        member = self._panel.member
        if member is None:
            return
        self._errors.clear()
        AdjustDialog.ask(self, self._points, self._context.actor, member, self._on_points_posted)

    def _on_panel_reverse_requested(self) -> None:
        member = self._panel.member
        entry = self._ledger.row_at(selected_row(self._table))
        self._errors.clear()
        self._ledger_error.show_text("")
        if member is None or entry is None:
            self._ledger_error.show_text(self.tr("请先在积分流水中选择要冲正的一笔。"))
            return
        # Said before the reason is typed; the service refuses these as well, whatever the screen showed.
        if entry.reverses_id is not None:
            self._ledger_error.show_text(error_text(CannotReverse(kind=entry.kind.value)))
            return
        if entry.reversed_by is not None:
            self._ledger_error.show_text(error_text(AlreadyReversed(entry=entry.id)))
            return
        ReverseDialog.ask(self, self._points, self._context.actor, member, entry, self._zone,
                          self._on_points_posted)

    def _on_points_posted(self, posted: Posted) -> None:
        if not isValid(self):
            return
        self._changed()
        if (row := self._ledger.row_of(posted.entry_id)) >= 0:
            self._table.selectRow(row)
        self._status.setText(self.tr("已记账：%1 积分，余额 %2。").replace("%1", amount_text(posted.amount)).replace(
            "%2", str(posted.balance)))
        self._search.setFocus()
        self._search.selectAll()

    # -- vouchers ------------------------------------------------------------------------------------------------

    def _show_vouchers(self, member_id: int | None) -> None:
        """The member's vouchers; their tab is there once the member has exchanged points at least once, so a
        member who never has shows the two tabs that matter to them."""
        self._vouchers.show_member(member_id)
        index = self._tabs.indexOf(self._vouchers_tab)
        wanted = self._vouchers.model.rowCount() > 0
        if wanted and index < 0:
            self._tabs.addTab(self._vouchers_tab, "")
            self._word_vouchers_tab()
        elif not wanted and index >= 0:
            self._tabs.removeTab(index)

    def _word_vouchers_tab(self) -> None:
        index = self._tabs.indexOf(self._vouchers_tab)
        if index >= 0:
            self._tabs.setTabText(index, self.tr("兑换券"))

    def _on_panel_exchange_requested(self) -> None:
        member = self._panel.member
        if member is None:  # Ctrl+E before anyone was found
            self._set_hint(self.tr("请先查找会员（手机号、尾号、姓名或扫描会员卡），再兑换。"))
            return
        self._errors.clear()
        self._status.clear()
        CatalogueDialog.ask(self, self._context, member, self._on_voucher_issued)

    def _on_voucher_issued(self, issued: Issued) -> None:
        if not isValid(self):
            return
        layout = SlipLayouts(self._context.services.ctx.location.data_dir).layout_for(default_printer())
        SlipPreviewDialog.ask(self, self._context, [issued.slip], layout)
        self._changed()
        voucher = issued.voucher
        self._status.setText(self.tr("已兑换：%1（%2），%3 积分，余额 %4。券码 %5。").replace(
            "%1", voucher.reward_title).replace("%2", voucher.merchant_name).replace(
            "%3", str(voucher.points)).replace("%4", str(issued.balance)).replace("%5", voucher.code))
        if (row := self._vouchers.model.row_of(voucher.id)) >= 0:
            self._vouchers.table.selectRow(row)

    # -- the member card -----------------------------------------------------------------------------------------

    def _card_labels(self) -> CardLabels:
        return CardLabels(title=self.tr("红色积分会员卡"), name=self.tr("会员：{name}"), number=self.tr("会员号"),
                          joined=self.tr("入会日期：{date}"), hint=self.tr("凭此卡在前台签到、预约、认领项目与兑换积分"))

    def _on_panel_print_requested(self) -> None:
        member = self._panel.member
        if member is None:
            return
        self._errors.clear()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        suggested = Path(folder) / self.tr("会员卡-%1.pdf").replace("%1", member.number)
        path = choose_pdf_file(self, self.tr("保存会员卡"), suggested, self.tr("PDF 文件 (*.pdf)"))
        if path is None:
            return
        card = MemberCard(self._context.services.bases.profile().name, member.name, member.number,
                          member.joined_at.astimezone(self._zone).date())
        labels = self._card_labels()

        def work() -> Path | OSError:
            pdf = member_card_pdf(card, labels)
            try:
                path.write_bytes(pdf)
            except OSError as error:  # a read-only folder or a full USB stick: say so, it is not a bug
                return error
            return path

        self._panel.set_printing(True)
        self._card_result.setText(self.tr("正在生成会员卡…"))
        self._card_result.show()
        self._context.tasks.run(work, self._on_card_saved, self._on_card_failed)

    def _on_card_saved(self, saved: Path | OSError) -> None:
        if not isValid(self):  # logged out while the worker ran
            return
        self._panel.set_printing(False)
        if isinstance(saved, OSError):
            self._card_result.hide()
            self._error.show_text(self.tr("无法保存到 %1（%2）。请换一个文件夹再试。").replace(
                "%1", str(saved.filename or "")).replace("%2", saved.strerror or str(saved)))
            return
        link = QUrl.fromLocalFile(str(saved)).toString()
        self._card_result.setText(self.tr("会员卡已保存：%1 <a href=\"%2\">打开</a>（用小票打印机打印）").replace(
            "%1", _html(str(saved))).replace("%2", link))

    def _on_card_failed(self, error: DeskError) -> None:
        if not isValid(self):
            return
        self._panel.set_printing(False)
        self._card_result.hide()
        self._errors.show(error)

    # -- the ledger ----------------------------------------------------------------------------------------------

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._ledger_error.show_text("")
        self._panel.set_entry_selected(current.isValid())

    def _on_ledger_reset(self) -> None:
        self._ledger_error.show_text("")
        self._show_empty_ledger()

    def _show_empty_ledger(self) -> None:
        self._empty_ledger.setVisible(self._panel.member is not None and self._ledger.rowCount() == 0)

    def _on_ledger_failed(self, error: DeskError) -> None:
        self._ledger_error.show_text(error_text(error))

    def _fit_ledger_columns(self) -> None:
        """Widths for what the columns hold (not for the rows loaded now), so they do not jump between members."""
        metrics = self._table.fontMetrics()
        header = self._table.horizontalHeader()
        samples = {LedgerModel.TIME: ["2026-11-28 20:55"], LedgerModel.KIND: [entry_kind_name(k.value) for k in EntryKind],
                   LedgerModel.AMOUNT: ["+10000"], LedgerModel.BALANCE: ["100000"],
                   LedgerModel.REASON: ["十一月主题党日志愿服务补记"], LedgerModel.STAFF: ["王建国"]}
        for column, texts in samples.items():
            texts.append(str(self._ledger.headerData(column, Qt.Orientation.Horizontal)))
            header.resizeSection(column, max(metrics.horizontalAdvance(text) for text in texts) + 24)

    # -- focus ---------------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the window is shown and laid out: a focus set before that is lost on some platforms.
        QTimer.singleShot(0, self._search, self._search.setFocus)


register_page(PageSpec(
    key="points",
    title=str(QT_TRANSLATE_NOOP("Pages", "积分")),
    icon="points.svg",
    order=50,
    roles=frozenset({Role.ADMIN, Role.DESK}),
    factory=PointsPage,
))
