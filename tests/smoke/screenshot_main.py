"""Smoke test helper (run in its own process, under a virtual screen): start the real program the way `desk`
does, log in as the demo administrator through the login dialog, and save the main window as a PNG.

    DESK_DATA_DIR=<folder with a demo database> python screenshot_main.py OUT.png

Exit status 0 when the PNG was written; otherwise a message on stderr says which step did not happen.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from desk.app import run_gui
from desk.services.demo import DEMO_PASSWORD
from desk.storage.location import resolve
from desk.ui.session import DeskSession

POLL_MS = 50
SETTLE_MS = 800  # let the first page load and paint before the grab
TIMEOUT_MS = 45_000
EXIT_NO_WINDOW = 3
EXIT_LOGIN_REFUSED = 4
EXIT_NOT_SAVED = 5


def main() -> int:
    out = Path(sys.argv[1])
    app = QApplication(sys.argv[:1])  # run_gui uses the running application, as a test would
    outcome = {"code": 0, "clicked": False}

    def give_up(message: str, code: int) -> None:
        print(message, file=sys.stderr)
        outcome["code"] = code
        app.exit(code)

    def save() -> None:
        session = app.findChildren(DeskSession)[0]
        window = session.window
        if window is None or not window.isVisible():
            give_up("the main window closed before the screenshot", EXIT_NO_WINDOW)
            return
        if not window.grab().save(str(out), "PNG"):
            give_up(f"could not write {out}", EXIT_NOT_SAVED)
            return
        print(f"saved {out} ({window.width()}×{window.height()}), title: {window.windowTitle()}")
        app.quit()

    def poll() -> None:
        sessions = app.findChildren(DeskSession)
        if not sessions or outcome["clicked"]:
            return
        dialog = sessions[0].dialog
        button = dialog.findChild(QPushButton, "login_button") if dialog is not None else None
        if dialog is None or button is None or not button.isEnabled():
            return  # the database is still opening behind the dialog
        username = dialog.findChild(QLineEdit, "username")
        password = dialog.findChild(QLineEdit, "password")
        assert username is not None and password is not None
        username.setText("admin")
        password.setText(DEMO_PASSWORD)
        outcome["clicked"] = True
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        if sessions[0].window is None:
            error = dialog.findChild(QLabel, "error")
            give_up(f"login was refused: {error.text() if error is not None else '?'}", EXIT_LOGIN_REFUSED)
            return
        QTimer.singleShot(SETTLE_MS, save)

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(POLL_MS)
    QTimer.singleShot(TIMEOUT_MS, lambda: give_up("no main window within 45 s", EXIT_NO_WINDOW))
    code = run_gui(resolve())
    return outcome["code"] or code


if __name__ == "__main__":
    sys.exit(main())
