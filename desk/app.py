"""Composition root: settings → logging → QApplication (font, language) → session (database, services,
dialogs, main window). Nothing here holds state for others to reach: everything is passed in."""

from __future__ import annotations

import os
import sys

from desk.domain.clock import SystemClock
from desk.logs import setup_logging
from desk.services.preferences import Preferences
from desk.storage.location import Location

QUIT_AFTER_STARTUP = "DESK_QUIT_AFTER_STARTUP"


def run_gui(location: Location, base_code: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from desk.ui import crash
    from desk.ui.fonts import install_cjk_font
    from desk.ui.i18n import apply_language
    from desk.ui.session import DeskSession
    from desk.ui.tasks import TaskRunner

    log_path = setup_logging(location.logs_dir)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("desk")
    app.setOrganizationName("desk")
    from PySide6.QtGui import QIcon

    from desk.resources import ICONS_DIR

    app.setWindowIcon(QIcon(str(ICONS_DIR / "desk.svg")))
    crash.install(str(log_path or "—"))
    install_cjk_font(app)
    apply_language(Preferences(location.data_dir).language)
    tasks = TaskRunner(app)
    session = DeskSession(location, base_code, SystemClock(), tasks,
                          quit_after_startup=os.environ.get(QUIT_AFTER_STARTUP) == "1", parent=app)
    if not session.start():
        return 1
    code = app.exec()
    tasks.wait()
    return code
