"""Guards against a Qt binding that drops references to None: PySide6 6.12.0 did so on every
QDateTimeEdit.setTime/setDate, and the program aborted after a few thousand calls."""

import sys

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDateEdit, QTimeEdit
from pytestqt.qtbot import QtBot

CALLS = 500


def test_setting_times_and_dates_keeps_none_alive(qtbot: QtBot) -> None:
    time_edit, date_edit = QTimeEdit(), QDateEdit()
    qtbot.addWidget(time_edit)
    qtbot.addWidget(date_edit)
    before = sys.getrefcount(None)
    for i in range(CALLS):
        time_edit.setTime(QTime(8 + i % 12, 0))
        date_edit.setDate(QDate(2026, 1 + i % 12, 1))
    assert sys.getrefcount(None) - before > -CALLS // 10
