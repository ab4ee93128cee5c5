"""UI layer: the person picker — one field for a phone, its last four digits or the start of a name, the few
people it matches (↑ ↓ move, Enter chooses) and, where the place needs no name, a visible 匿名 choice.

Any form that needs "who is this for" uses it (the booking forms do); it knows nothing of the page around it.
Matches are looked up while typing (the search is indexed); Enter first looks up whatever was typed since the
last look-up, so a fast typist never chooses the previous match.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desk.domain.errors import DeskError
from desk.domain.people import parse_query
from desk.services.people import PeopleService, PersonRow
from desk.ui.widgets import Retranslating
from desk.ui.wording import category_name, error_text

SEARCH_DELAY_MS = 150
VISIBLE_ROWS = 5
HINT_STYLE = "color: #5f6368;"
CHOSEN_STYLE = "color: #1e6b34; font-weight: bold;"
_ANONYMOUS = "anonymous"  # item data of the 匿名 choice (a person's item holds their PersonRow)


class PersonPicker(Retranslating, QWidget):
    person_chosen = Signal(object)  # PersonRow, or None for "anonymous"

    def __init__(self, people: PeopleService, allow_anonymous: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("person_picker")
        self._people = people
        self._allow_anonymous = allow_anonymous
        self._found: list[PersonRow] = []
        self._searched = ""  # the text the list belongs to
        self._chosen: PersonRow | None = None
        self._has_choice = False

        self._search = QLineEdit()
        self._search.setObjectName("person_search")
        self._search.setClearButtonEnabled(True)
        self._results = QListWidget()
        self._results.setObjectName("person_results")
        self._results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the field
        self._results.setUniformItemSizes(True)
        row_height = self._results.fontMetrics().height() + 8
        self._results.setFixedHeight(VISIBLE_ROWS * row_height + 2 * self._results.frameWidth() + 2)
        self._hint = QLabel()
        self._hint.setObjectName("person_hint")
        self._hint.setWordWrap(True)
        self._hint.setStyleSheet(HINT_STYLE)
        self._chosen_label = QLabel()
        self._chosen_label.setObjectName("person_chosen")
        self._chosen_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self._search)
        layout.addWidget(self._results)
        layout.addWidget(self._chosen_label)
        layout.addWidget(self._hint)
        self.setFocusProxy(self._search)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._run_search)
        self._search.textEdited.connect(self._on_search_text_edited)
        self._search.installEventFilter(self)
        self._results.itemClicked.connect(self._on_results_item_clicked)
        self._run_search()
        self.retranslate()

    def retranslate(self) -> None:
        self._search.setPlaceholderText(self.tr("手机号、尾号 4 位或姓名"))
        self._search.setToolTip(self.tr("输入后用 ↑ ↓ 选择，Enter 确定"))
        self._show_list()
        self._show_choice()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def search_field(self) -> QLineEdit:
        return self._search

    def has_choice(self) -> bool:
        return self._has_choice

    def chosen(self) -> PersonRow | None:
        """The chosen person; None when nobody is chosen yet or "anonymous" was chosen (see `has_choice`)."""
        return self._chosen

    def set_allow_anonymous(self, allowed: bool) -> None:
        self._allow_anonymous = allowed
        if not allowed and self._has_choice and self._chosen is None:
            self._set_choice(False, None)
        self._show_list()

    def choose(self, person: PersonRow | None) -> None:
        """Choose a person (or "anonymous" with None) as if staff had picked them from the list."""
        if person is None and not self._allow_anonymous:
            return
        self._set_choice(True, person)
        self.person_chosen.emit(person)

    def reset(self) -> None:
        self._debounce.stop()
        self._search.clear()
        self._run_search()
        self._set_choice(False, None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Taken here: a dialog's default button must not act on a half-typed search.
                self._choose_current()
                return True
        return super().eventFilter(watched, event)

    # -- searching -----------------------------------------------------------------------------------------------

    def _on_search_text_edited(self, _text: str) -> None:
        if self._has_choice:
            self._set_choice(False, None)  # a new search: the earlier choice no longer stands
        self._debounce.start()

    def _run_search(self) -> None:
        self._debounce.stop()
        text = self._search.text()
        self._searched = text
        self._set_hint("")
        try:
            query = parse_query(text)
            self._found = self._people.search(text) if query.kind in ("phone", "last4", "name") else []
        except DeskError as error:
            self._found = []
            self._show_list()
            self._set_hint(error_text(error))
            return
        self._show_list()
        if self._found:
            if len(self._found) > 1:
                self._set_hint(self.tr("找到 %n 位，用 ↑ ↓ 选择，Enter 确定。", "", len(self._found)))
        elif query.kind in ("phone", "last4", "name"):
            self._set_hint(self.tr("没有找到。新访客请先在“签到”页登记。") if not self._allow_anonymous
                           else self.tr("没有找到。新访客请先在“签到”页登记；不留姓名的请选“匿名”。"))
        elif query.kind == "digits":
            self._set_hint(self.tr("请继续输入：完整的 11 位手机号，或手机尾号 4 位。"))

    def _show_list(self) -> None:
        self._results.clear()
        for person in self._found:
            parts = [person.name, person.masked_phone, category_name(person.category.value)]
            item = QListWidgetItem("  ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, person)
            if person.party_branch:
                item.setToolTip(person.party_branch)
            self._results.addItem(item)
        if self._allow_anonymous:
            item = QListWidgetItem(self.tr("匿名（不登记姓名和电话）"))
            item.setData(Qt.ItemDataRole.UserRole, _ANONYMOUS)
            self._results.addItem(item)
        if self._results.count():
            self._results.setCurrentRow(0)

    def _move(self, step: int) -> None:
        if self._debounce.isActive():
            self._run_search()
        count = self._results.count()
        if count:
            self._results.setCurrentRow(max(0, min(count - 1, self._results.currentRow() + step)))

    def _choose_current(self) -> None:
        if self._debounce.isActive() or self._search.text() != self._searched:
            self._run_search()
        item = self._results.currentItem()
        if item is None:
            if not self._hint.text():
                self._set_hint(self.tr("请先输入手机号、尾号 4 位或姓名。"))
            return
        self._choose_item(item)

    def _choose_item(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        self.choose(None if data == _ANONYMOUS else data)

    def _on_results_item_clicked(self, item: QListWidgetItem) -> None:
        self._results.setCurrentItem(item)
        self._choose_item(item)
        self._search.setFocus()

    def _set_choice(self, chosen: bool, person: PersonRow | None) -> None:
        self._has_choice = chosen
        self._chosen = person if chosen else None
        self._show_choice()

    def _set_hint(self, text: str) -> None:
        self._hint.setText(text)
        self._show_choice()

    def _show_choice(self) -> None:
        """One line under the list: who is chosen; before that, what the search found or needs."""
        chosen_or_nothing_to_say = self._has_choice or not self._hint.text()
        self._chosen_label.setVisible(chosen_or_nothing_to_say)
        self._hint.setVisible(not chosen_or_nothing_to_say)
        if not self._has_choice:
            self._chosen_label.setStyleSheet(HINT_STYLE)
            self._chosen_label.setText(self.tr("尚未选择预约人"))
            return
        self._chosen_label.setStyleSheet(CHOSEN_STYLE)
        person = self._chosen
        if person is None:
            self._chosen_label.setText(self.tr("已选：匿名"))
        else:
            self._chosen_label.setText(self.tr("已选：%1").replace(
                "%1", " · ".join(p for p in (person.name, person.masked_phone) if p)))
