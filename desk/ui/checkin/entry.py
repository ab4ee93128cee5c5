"""UI layer: the check-in entry — one field for a phone, its last four digits or a name; the people it matches;
the short new-person form, inline; the purpose, the party size and the anonymous head count.

The keyboard path is the common one: type, Enter. Matches are looked up while typing (the search is indexed and
runs on the GUI thread); Enter looks up at once whatever was typed after the last look-up, so a scanner or a fast
typist never checks in the previous match.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import BadFormat, DeskError, PhoneTaken, Required
from desk.domain.people import (
    PARTY_SIZE_MAX,
    Category,
    Purpose,
    Query,
    mask_name,
    normalise_phone,
    parse_query,
)
from desk.services.people import PersonForm, PersonRow
from desk.services.visits import VisitRow
from desk.ui.pages import PageContext
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating
from desk.ui.wording import category_name, purpose_name

AnyIndex = QModelIndex | QPersistentModelIndex
SEARCH_DELAY_MS = 150
VISIBLE_MATCHES = 4
HINT_STYLE = "color: #5f6368;"
NOTICE_STYLE = "color: #7a4b00; background: #fff4d6; padding: 2px 6px;"
# The chosen purpose must be obvious at a glance: the native checked look is too faint.
PURPOSE_STYLE = ("QPushButton { padding: 4px 8px; border: 1px solid #b9b9b9; border-radius: 4px; background: #fbfbfb; }"
                 "QPushButton:hover { background: #f1f1f1; }"
                 "QPushButton:checked { background: #8c1d18; border-color: #8c1d18; color: white; font-weight: bold; }")


class Mode(enum.IntEnum):
    """What the box under the search field shows."""

    KEYS = 0  # nothing typed: the keyboard help
    MATCHES = 1
    NEW_PERSON = 2


class MatchesModel(QAbstractTableModel):
    """The few people a search found (at most the service's limit)."""

    NAME, PHONE, CATEGORY, STATE = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PersonRow] = []

    def set_rows(self, rows: list[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> PersonRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def relabel(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 3))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else 4

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        person = self.row_at(index.row())
        if person is None or not 0 <= index.column() < 4:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return person.name
            if column == self.PHONE:
                return person.masked_phone
            if column == self.CATEGORY:
                return category_name(person.category.value)
            return self.tr("在场") if person.on_site else ""
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE and person.on_site:
            return QColor("#b3261e")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME and person.party_branch:
            return person.party_branch
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = [self.tr("姓名"), self.tr("电话"), self.tr("类别"), self.tr("状态")]
        return headers[section] if 0 <= section < len(headers) else None


def spaced_phone(phone: str) -> str:
    """138 1234 5678: easy to read back to the visitor before registering."""
    return f"{phone[:3]} {phone[3:7]} {phone[7:]}" if len(phone) == 11 else phone


class NewPersonForm(Retranslating, QWidget):
    """The short form for a phone nobody has yet: name and category (and the branch of a party member)."""

    submitted = Signal()
    cancelled = Signal()

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_person_form")
        self._title = QLabel()
        self._title.setObjectName("new_person_title")
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self._name_label = QLabel()
        self._name = QLineEdit()
        self._name.setObjectName("new_name")
        self._category_label = QLabel()
        self._category = QComboBox()
        self._category.setObjectName("new_category")
        for category in Category:
            self._category.addItem("", category.value)
        self._category.setCurrentIndex(self._category.findData(Category.RESIDENT.value))
        self._branch_label = QLabel()
        self._branch = QLineEdit()
        self._branch.setObjectName("new_branch")
        self._submit = QPushButton()
        self._submit.setObjectName("new_submit")
        self._cancel = QPushButton()
        self._cancel.setObjectName("new_cancel")
        self._name_label.setBuddy(self._name)
        self._category_label.setBuddy(self._category)
        self._branch_label.setBuddy(self._branch)

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.addWidget(self._name_label, 0, 0)
        grid.addWidget(errors.with_label("name", self._name), 0, 1, 1, 3)
        grid.addWidget(self._category_label, 1, 0)
        grid.addWidget(self._category, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self._branch_label, 1, 2)
        self._branch_box = errors.with_label("party_branch", self._branch)
        grid.addWidget(self._branch_box, 1, 3)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(3, 160)
        buttons = QHBoxLayout()
        buttons.addWidget(self._submit)
        buttons.addWidget(self._cancel)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._title)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self._name.returnPressed.connect(self.submitted.emit)
        self._branch.returnPressed.connect(self.submitted.emit)
        self._submit.clicked.connect(self.submitted.emit)
        self._cancel.clicked.connect(self.cancelled.emit)
        self._category.currentIndexChanged.connect(self._on_category_changed)
        for widget in (self._name, self._branch, self._category):
            widget.installEventFilter(self)
        self._phone = ""
        self._on_category_changed()
        self.retranslate()

    def retranslate(self) -> None:
        self._title.setText(self.tr("新访客 · %1 — 请向访客核对号码").replace("%1", spaced_phone(self._phone)))
        self._name_label.setText(self.tr("姓名(&M)"))
        self._name.setPlaceholderText(self.tr("必填，按 Enter 登记并签到"))
        self._category_label.setText(self.tr("类别(&C)"))
        for index in range(self._category.count()):
            self._category.setItemText(index, category_name(str(self._category.itemData(index))))
        self._branch_label.setText(self.tr("党支部(&B)"))
        self._branch.setPlaceholderText(self.tr("选填"))
        self._submit.setText(self.tr("登记并签到 (Enter)"))
        self._cancel.setText(self.tr("取消 (Esc)"))

    def start(self, phone: str) -> None:
        self._phone = phone
        self._name.clear()
        self._branch.clear()
        self._category.setCurrentIndex(self._category.findData(Category.RESIDENT.value))
        self.retranslate()

    @property
    def category_combo(self) -> QComboBox:
        return self._category

    def focus_name(self) -> None:
        self._name.setFocus()

    def person_form(self, phone: str) -> PersonForm:
        return PersonForm(name=self._name.text(), phone=phone, category=Category(self._category.currentData()),
                          party_branch=self._branch.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return True
        return super().eventFilter(watched, event)

    def _on_category_changed(self, _index: int = 0) -> None:
        party = self._category.currentData() == Category.PARTY_MEMBER.value
        self._branch_label.setVisible(party)
        self._branch_box.setVisible(party)


class CheckinEntry(Retranslating, QGroupBox):
    checked_in = Signal(object)  # VisitRow

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkin_entry")
        self._context = context
        self._people = context.services.people
        self._visits = context.services.visits
        self._query = Query("empty", "")
        self._searched = ""  # the text the matches belong to
        self._purpose_chosen = False  # staff picked the purpose for this visitor: a match does not override it
        self._again_for: int | None = None  # the person on site whose second Enter checks in again

        self._search = QLineEdit()
        self._search.setObjectName("checkin_search")
        self._search.setClearButtonEnabled(True)
        font = self._search.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self._search.setFont(font)
        self._search.setMinimumHeight(36)
        self._go = QPushButton()
        self._go.setObjectName("checkin_button")
        self._go.setMinimumHeight(36)
        self._search_error = ErrorLabel()
        self._search_error.setObjectName("error_search")
        self._hint = QLabel()
        self._hint.setObjectName("checkin_hint")
        self._hint.setWordWrap(True)
        self._hint.hide()
        self._general_error = ErrorLabel()
        self._general_error.setObjectName("checkin_error")
        self._errors = FieldErrors(self._general_error)
        self._errors.bind("search", self._search_error, self._search)
        self._errors.bind("phone", self._search_error, self._search)

        self._keys = QLabel()
        self._keys.setObjectName("checkin_keys")
        self._keys.setWordWrap(True)
        self._keys.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._keys.setStyleSheet(HINT_STYLE)
        self._matches_model = MatchesModel(self)
        self._matches = QTableView()
        self._matches.setObjectName("checkin_matches")
        self._matches.setModel(self._matches_model)
        self._matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the search field
        self._matches.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._matches.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._matches.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._matches.setWordWrap(False)
        self._matches.verticalHeader().hide()
        self._matches.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._matches.horizontalHeader().setStretchLastSection(True)
        row_height = self._matches.verticalHeader().defaultSectionSize()
        self._matches.setMinimumHeight(self._matches.horizontalHeader().sizeHint().height()
                                       + VISIBLE_MATCHES * row_height + 4)
        self._form = NewPersonForm(self._errors)
        self._stack = QStackedWidget()
        self._stack.setObjectName("checkin_stack")
        for page in (self._keys, self._matches, self._form):
            self._stack.addWidget(page)
        # One height for all three (the form with an error line included): the purposes below never move.
        self._stack.setFixedHeight(max(self._matches.minimumHeight(),
                                       self._form.sizeHint().height() + self.fontMetrics().lineSpacing() + 4))

        self._purpose_label = QLabel()
        self._purposes = QButtonGroup(self)
        self._purposes.setExclusive(True)
        purpose_grid = QGridLayout()
        purpose_grid.setSpacing(6)
        self._purpose_buttons: list[QPushButton] = []
        for number, purpose in enumerate(Purpose):
            button = QPushButton()
            button.setObjectName(f"purpose_{purpose.value}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # chosen with F1–F8; the keyboard stays in the field
            button.setMinimumHeight(30)
            button.setStyleSheet(PURPOSE_STYLE)
            self._purposes.addButton(button, number)
            purpose_grid.addWidget(button, number // 4, number % 4)
            self._purpose_buttons.append(button)
        self._purpose_buttons[0].setChecked(True)
        self._size_label = QLabel()
        self._size = QSpinBox()
        self._size.setObjectName("party_size")
        self._size.setRange(1, PARTY_SIZE_MAX)
        self._size.setValue(1)
        self._size.setMinimumWidth(72)
        self._size_label.setBuddy(self._size)
        self._anonymous_label = QLabel()
        self._anonymous_category = QComboBox()
        self._anonymous_category.setObjectName("anonymous_category")
        for category in Category:
            self._anonymous_category.addItem("", category.value)
        self._anonymous_category.setCurrentIndex(self._anonymous_category.findData(Category.RESIDENT.value))
        self._anonymous = QPushButton()
        self._anonymous.setObjectName("anonymous_checkin")
        for combo in (self._anonymous_category, self._form.category_combo):
            # As wide as the longest category: a squeezed combo shows half a word.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        search_row = QHBoxLayout()
        search_row.addWidget(self._search, 1)
        search_row.addWidget(self._go)
        messages = QWidget()
        messages.setObjectName("checkin_messages")
        column = QVBoxLayout(messages)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self._search_error)
        column.addWidget(self._hint)
        # One line is always kept for what is said about the search, so the box below does not jump.
        messages.setMinimumHeight(self.fontMetrics().lineSpacing() + 6)
        extras = QHBoxLayout()
        extras.addWidget(self._size_label)
        extras.addWidget(self._size)
        extras.addStretch(1)
        extras.addWidget(self._anonymous_label)
        extras.addWidget(self._anonymous_category)
        extras.addWidget(self._anonymous)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(messages)
        layout.addWidget(self._stack)
        layout.addWidget(self._purpose_label)
        layout.addLayout(purpose_grid)
        layout.addLayout(extras)
        layout.addWidget(self._general_error)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._run_search)
        self._search.textChanged.connect(self._on_search_text_changed)
        self._search.returnPressed.connect(self._on_search_return_pressed)
        self._search.installEventFilter(self)
        self._size.installEventFilter(self)
        self._go.clicked.connect(self._on_search_return_pressed)
        self._matches.clicked.connect(self._on_matches_clicked)
        self._matches.doubleClicked.connect(self._on_matches_double_clicked)
        self._purposes.buttonClicked.connect(self._on_purposes_clicked)
        self._form.submitted.connect(self._on_form_submitted)
        self._form.cancelled.connect(self.reset)
        self._anonymous.clicked.connect(self.check_in_anonymous)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("签到"))
        self._search.setPlaceholderText(self.tr("手机号、手机尾号 4 位或姓名"))
        self._go.setText(self.tr("签到 (Enter)"))
        self._keys.setText(self.tr(
            "输入后按 Enter 签到；多人匹配时用 ↑ ↓ 选择。新号码会出现登记表。\n"
            "F1–F8 选事由 · Alt+N 人数 · F9 匿名登记 · Esc 清空 · Ctrl+R 刷新在场名单"))
        self._purpose_label.setText(self.tr("事由（F1–F8）"))
        for number, (purpose, button) in enumerate(zip(Purpose, self._purpose_buttons, strict=True), start=1):
            button.setText(f"{purpose_name(purpose.value)}  F{number}")
            button.setToolTip(self.tr("事由：%1（F%2）").replace("%1", purpose_name(purpose.value)).replace(
                "%2", str(number)))
        self._size_label.setText(self.tr("人数(&N)"))
        self._anonymous_label.setText(self.tr("不留信息："))
        for index in range(self._anonymous_category.count()):
            self._anonymous_category.setItemText(
                index, category_name(str(self._anonymous_category.itemData(index))))
        self._anonymous.setText(self.tr("匿名登记 (F9)"))
        self._anonymous.setToolTip(self.tr("只记类别、事由和人数，不记姓名和电话"))
        self._matches_model.relabel()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def search_field(self) -> QLineEdit:
        return self._search

    def purpose(self) -> Purpose:
        return list(Purpose)[max(self._purposes.checkedId(), 0)]

    def choose_purpose(self, number: int) -> None:
        """F1–F8: staff chose the purpose (it is kept even if a match's last purpose differs)."""
        self._purpose_buttons[number].click()

    def reset(self) -> None:
        """Ready for the next visitor: empty field with the focus, size 1, the purpose free to follow a match."""
        self._debounce.stop()
        self._search.clear()
        self._run_search()
        self._errors.clear()
        self._size.setValue(1)
        self._purpose_chosen = False
        self._search.setFocus()

    def check_in_anonymous(self) -> None:
        category = Category(self._anonymous_category.currentData())
        try:
            visit = self._visits.check_in_anonymous(self._context.actor, category, self.purpose(), self._size.value())
        except DeskError as error:
            self._errors.show(error)
            return
        self._done(visit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self._search:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move_highlight(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key == Qt.Key.Key_Escape and self._search.text():
                self.reset()
                return True
        elif watched is self._size and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Alt+N, type the size, Enter: checks in like Enter in the search field.
            self._size.interpretText()
            self._on_search_return_pressed()
            return True
        return super().eventFilter(watched, event)

    # -- searching -----------------------------------------------------------------------------------------------

    def _mode(self) -> Mode:
        return Mode(self._stack.currentIndex())

    def _set_hint(self, text: str, notice: bool = False) -> None:
        self._hint.setStyleSheet(NOTICE_STYLE if notice else HINT_STYLE)
        self._hint.setText(text)
        self._hint.setVisible(bool(text))

    def _on_search_text_changed(self, _text: str) -> None:
        self._again_for = None
        self._debounce.start()

    def _run_search(self) -> None:
        self._debounce.stop()
        text = self._search.text()
        self._searched = text
        self._again_for = None
        self._errors.clear()
        self._set_hint("")
        try:
            query = parse_query(text)
            found = self._people.search(text) if query.kind in ("phone", "last4", "name") else []
        except DeskError as error:
            self._query = Query("empty", "")
            self._matches_model.set_rows([])
            self._stack.setCurrentIndex(Mode.KEYS)
            self._errors.show(error)
            return
        self._query = query
        self._matches_model.set_rows(found)
        if found:
            self._stack.setCurrentIndex(Mode.MATCHES)
            self._fit_matches()
            self._highlight(0)
            if len(found) > 1:
                self._set_hint(self.tr("找到 %n 位，用 ↑ ↓ 选择，Enter 签到。", "", len(found)))
            return
        if query.kind == "phone":
            self._form.start(query.value)
            self._stack.setCurrentIndex(Mode.NEW_PERSON)
            self._set_hint(self.tr("这个号码还没有登记。按 Enter 填写姓名，再按 Enter 登记并签到。"))
            return
        self._stack.setCurrentIndex(Mode.KEYS)
        if query.kind == "last4":
            self._set_hint(self.tr("没有手机尾号为 %1 的访客。新访客请输入完整的 11 位手机号。").replace(
                "%1", query.value))
        elif query.kind == "name":
            self._set_hint(self.tr("没有姓名以“%1”开头的访客。新访客请输入手机号；不愿留信息的请用匿名登记 (F9)。").replace(
                "%1", query.value))
        elif query.kind == "digits":
            if len(query.value.lstrip("+")) >= 11:
                self._errors.show(BadFormat("phone", expected="phone"))
            else:
                self._set_hint(self.tr("请继续输入：完整的 11 位手机号，或手机尾号 4 位。"))

    def _fit_matches(self) -> None:
        self._matches.resizeColumnsToContents()
        header = self._matches.horizontalHeader()
        for column in range(header.count() - 1):
            header.resizeSection(column, min(header.sectionSize(column) + 24, 240))

    def _highlight(self, row: int) -> None:
        person = self._matches_model.row_at(row)
        if person is None:
            return
        self._matches.selectRow(row)
        self._again_for = None
        if person.last_purpose and not self._purpose_chosen:
            self._purpose_buttons[list(Purpose).index(Purpose(person.last_purpose))].setChecked(True)

    def _current_match(self) -> PersonRow | None:
        rows = self._matches.selectionModel().selectedRows()
        return self._matches_model.row_at(rows[0].row()) if rows else None

    def _move_highlight(self, step: int) -> None:
        if self._debounce.isActive():
            self._run_search()
        if self._mode() == Mode.NEW_PERSON and step > 0:
            self._form.focus_name()
            return
        count = self._matches_model.rowCount()
        if self._mode() != Mode.MATCHES or not count:
            return
        current = self._matches.selectionModel().selectedRows()
        row = current[0].row() if current else -1
        self._highlight(max(0, min(count - 1, row + step)))
        self._set_hint("")

    # -- checking in ---------------------------------------------------------------------------------------------

    def _on_search_return_pressed(self) -> None:
        if self._debounce.isActive() or self._search.text() != self._searched:
            self._run_search()
        mode = self._mode()
        if mode == Mode.MATCHES:
            person = self._current_match()
            if person is not None:
                self._check_in_known(person)
        elif mode == Mode.NEW_PERSON:
            self._form.focus_name()
        elif self._query.kind == "digits":
            self._errors.show(BadFormat("phone", expected="phone"))
        elif self._query.kind == "empty" and not self._search_error.isVisible():
            self._set_hint(self.tr("请先输入手机号、手机尾号 4 位或姓名。"))

    def _check_in_known(self, person: PersonRow) -> None:
        if person.on_site and self._again_for != person.id:
            # Usually a second check-in is a slip (the person is already in the list); a real return after
            # leaving without signing out is confirmed by pressing Enter once more.
            self._again_for = person.id
            self._set_hint(self.tr("%1 已在场（尚未签退）。再按一次 Enter 仍然签到；Esc 取消。").replace(
                "%1", person.name), notice=True)
            return
        try:
            visit = self._visits.check_in(self._context.actor, person.id, self.purpose(), self._size.value())
        except DeskError as error:
            self._errors.show(error)
            return
        self._done(visit)

    def _on_matches_clicked(self, index: QModelIndex) -> None:
        self._highlight(index.row())
        self._set_hint("")
        self._search.setFocus()

    def _on_matches_double_clicked(self, index: QModelIndex) -> None:
        person = self._matches_model.row_at(index.row())
        if person is not None:
            self._check_in_known(person)

    def _on_purposes_clicked(self, _button: QPushButton) -> None:
        self._purpose_chosen = True
        if self._mode() != Mode.NEW_PERSON:
            self._search.setFocus()

    def _on_form_submitted(self) -> None:
        self._errors.clear()
        try:
            phone = normalise_phone(self._search.text())
            if phone is None:
                raise Required("phone")
        except DeskError as error:
            self._errors.show(error)
            return
        taken = self._people.search(phone)
        if taken:
            # Registered meanwhile (another desk, or a number edited back to a known one): check in that person
            # instead of creating a second one with the same phone.
            self._run_search()
            self._errors.show(PhoneTaken("phone", person_id=taken[0].id, name=mask_name(taken[0].name)))
            return
        try:
            visit = self._visits.check_in_new(self._context.actor, self._form.person_form(phone), self.purpose(),
                                              self._size.value())
        except DeskError as error:
            self._errors.show(error)
            return
        self._done(visit)

    def _done(self, visit: VisitRow) -> None:
        self.reset()
        self.checked_in.emit(visit)
