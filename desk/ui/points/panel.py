"""UI layer: the member panel of the 积分 page — who was found (name, masked phone, category), their member number,
the day they joined and the balance in large type, with what can be done: 加入红色积分 for a person who is not a
member yet, 兑换 (exchange points for a merchant's reward) and 打印会员卡 for a member, and for administrators 调整积分
and 冲正. The panel only shows and asks; the page does the work."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.services.people import PersonRow
from desk.services.points import MemberRow
from desk.ui.widgets import Retranslating
from desk.ui.wording import category_name

HINT_STYLE = "color: #5f6368;"
BALANCE_STYLE = "color: #8c1d18; font-weight: bold;"
# As tall as the other buttons: the panel keeps one height whether the person has joined or not.
PRIMARY_STYLE = ("QPushButton { padding: 3px 12px; background: #8c1d18; color: white; border: 1px solid #8c1d18;"
                 " border-radius: 4px; font-weight: bold; }"
                 "QPushButton:focus { border: 2px solid #202124; }")


def _label(name: str, selectable: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class MemberPanel(Retranslating, QGroupBox):
    join_requested = Signal()
    exchange_requested = Signal()
    print_requested = Signal()
    adjust_requested = Signal()
    reverse_requested = Signal()

    def __init__(self, admin: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("member_panel")
        self._admin = admin
        self._person: PersonRow | None = None
        self._member: MemberRow | None = None
        self._zone: dt.tzinfo = dt.UTC

        self._name = _label("member_name", selectable=True)
        font = self._name.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self._name.setFont(font)
        self._details = _label("member_details")
        self._number = _label("member_number", selectable=True)  # read out to the member, copied into forms
        self._join_hint = _label("member_join_hint")  # one line, where a member's number goes
        self._join_hint.setStyleSheet(HINT_STYLE)
        self._empty = _label("member_empty")
        self._empty.setWordWrap(True)
        self._empty.setStyleSheet(HINT_STYLE)

        self._balance_caption = _label("balance_caption")
        self._balance_caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        self._balance_caption.setStyleSheet(HINT_STYLE)
        self._balance = _label("member_balance")
        big = self._balance.font()
        big.setPointSizeF(big.pointSizeF() * 2.6)
        self._balance.setFont(big)
        self._balance.setStyleSheet(BALANCE_STYLE)
        self._balance.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self._join = QPushButton()
        self._join.setObjectName("join_member")
        self._join.setStyleSheet(PRIMARY_STYLE)
        self._exchange = QPushButton()
        self._exchange.setObjectName("exchange_points")
        self._exchange.setStyleSheet(PRIMARY_STYLE)
        self._print = QPushButton()
        self._print.setObjectName("print_card")
        self._adjust = QPushButton()
        self._adjust.setObjectName("adjust_points")
        self._reverse = QPushButton()
        self._reverse.setObjectName("reverse_entry")
        self._join.clicked.connect(self.join_requested.emit)
        self._exchange.clicked.connect(self.exchange_requested.emit)
        self._print.clicked.connect(self.print_requested.emit)
        self._adjust.clicked.connect(self.adjust_requested.emit)
        self._reverse.clicked.connect(self.reverse_requested.emit)

        who = QVBoxLayout()
        who.setSpacing(4)
        who.addWidget(self._empty)
        who.addWidget(self._name)
        who.addWidget(self._details)
        who.addWidget(self._number)
        who.addWidget(self._join_hint)
        who.addStretch(1)
        balance = QVBoxLayout()
        balance.setSpacing(0)
        balance.addWidget(self._balance_caption)
        balance.addWidget(self._balance)
        balance.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(who, 1)
        top.addLayout(balance)
        buttons = QHBoxLayout()
        buttons.addWidget(self._join)
        buttons.addWidget(self._exchange)
        buttons.addWidget(self._print)
        buttons.addWidget(self._adjust)
        buttons.addWidget(self._reverse)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(buttons)
        self._show()
        self.retranslate()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def person(self) -> PersonRow | None:
        return self._person

    @property
    def member(self) -> MemberRow | None:
        return self._member

    def show_person(self, person: PersonRow | None, member: MemberRow | None, zone: dt.tzinfo) -> None:
        """A person and, when they have joined, their membership (None: nobody chosen)."""
        self._person, self._member, self._zone = person, member, zone
        self._show()
        self.retranslate()

    def set_entry_selected(self, selected: bool) -> None:
        """冲正 acts on the ledger row chosen in the table below."""
        self._reverse.setEnabled(selected)

    def set_printing(self, printing: bool) -> None:
        """One card at a time: the button waits for the worker."""
        self._print.setEnabled(not printing)

    def retranslate(self) -> None:
        self.setTitle(self.tr("会员"))
        self._empty.setText(self.tr("在上面输入手机号、手机尾号 4 位或姓名后按 Enter，或扫描会员卡，这里显示会员信息和积分余额。"))
        self._balance_caption.setText(self.tr("积分余额"))
        self._join.setText(self.tr("加入红色积分(&J)"))
        self._join_hint.setText(self.tr("还不是红色积分会员"))
        self._join.setToolTip(self.tr("加入后获得会员号，可以累计积分，到联盟商家兑换"))
        self._exchange.setText(self.tr("兑换(&E)…"))
        self._exchange.setToolTip(self.tr("用积分兑换联盟商家的兑换项目，打印兑换券 (Ctrl+E)"))
        self._print.setText(self.tr("打印会员卡(&P)…"))
        self._print.setToolTip(self.tr("保存 80 mm 会员卡 PDF（姓名打码，会员号和二维码），用小票打印机打印"))
        self._adjust.setText(self.tr("调整积分(&A)…"))
        self._adjust.setToolTip(self.tr("管理员手动增加或扣减积分，须填写原因"))
        self._reverse.setText(self.tr("冲正(&R)…"))
        self._reverse.setToolTip(self.tr("撤销下面选中的一笔流水：记一笔相反的流水，原流水保留"))
        person, member = self._person, self._member
        if person is None:
            return
        self._name.setText(person.name or self.tr("（未留姓名）"))
        self._details.setText(" · ".join(p for p in (person.masked_phone, category_name(person.category.value)) if p))
        if member is not None:
            joined = member.joined_at.astimezone(self._zone).date().isoformat()
            self._number.setText(self.tr("会员号 %1 · %2 加入").replace("%1", member.number).replace("%2", joined))
            self._balance.setText(str(member.balance))

    # -- helpers -------------------------------------------------------------------------------------------------

    def _show(self) -> None:
        person, member = self._person, self._member
        self._empty.setVisible(person is None)
        for widget in (self._name, self._details):
            widget.setVisible(person is not None)
        for widget in (self._number, self._balance_caption, self._balance):
            widget.setVisible(member is not None)
        not_joined = person is not None and member is None
        self._join_hint.setVisible(not_joined)
        self._join.setVisible(not_joined)
        self._exchange.setVisible(member is not None)
        self._print.setVisible(member is not None)
        self._adjust.setVisible(member is not None and self._admin)
        self._reverse.setVisible(member is not None and self._admin)
        self._reverse.setEnabled(False)
