"""UI layer: unexpected exceptions are logged and shown in a crash dialog with the log path; Qt's own
warnings go to the log (named logger "qt")."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from desk.domain.errors import DeskError
from desk.ui import boxes

log = logging.getLogger("desk.crash")
qt_log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    qt_log.log(_LEVELS.get(kind, logging.WARNING), "%s", message)


def install(log_path: str) -> None:
    qInstallMessageHandler(_qt_message)
    showing = False

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if isinstance(value, DeskError):
            # An expected failure nobody caught: still worded for the user, not a crash.
            log.warning("uncaught %s", value.describe())
            boxes.show_error(None, value)
            return
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if showing:  # an error while the dialog is open must not stack dialogs
            return
        showing = True
        try:
            boxes.show_crash(None, f"{kind.__name__}: {value}"[:300], log_path)
        finally:
            showing = False

    sys.excepthook = hook

