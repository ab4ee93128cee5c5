"""Helpers for the window tests: typing as a person would, finding widgets by object name."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

W = TypeVar("W", bound=QWidget)

ADMIN_PASSWORD = "correct-horse-1"
BASE_NAME = "明华红色港湾党群服务基地"


def find(parent: QWidget, kind: type[W], name: str) -> W:
    widget = parent.findChild(kind, name)
    assert widget is not None, f"no {kind.__name__} named {name!r} in {parent.objectName()!r}"
    return widget


def type_into(qtbot: QtBot, edit: QLineEdit, text: str, *, replace: bool = True) -> None:
    """Type like a person: ASCII key by key; Chinese as an input method commits it (QTest aborts on it)."""
    edit.setFocus()
    if replace:
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    if text.isascii():
        qtbot.keyClicks(edit, text)
        return
    from PySide6.QtGui import QInputMethodEvent

    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled(), f"{button.objectName()} is disabled"
    if isinstance(button, QCheckBox | QRadioButton):
        # A check box in a stretched layout cell is wider than its text: click on the box itself.
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def shown_text(label: QLabel) -> str:
    """The text a person sees: nothing while the label is hidden."""
    return label.text() if label.isVisible() else ""
