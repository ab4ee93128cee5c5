"""Benchmarks: logging in on the big database, and from an accepted login to the main window on screen."""

from __future__ import annotations

import sqlite3
import time

from argon2 import PasswordHasher
from dataset import working_copy
from registry import BenchEnv, bench, paired_medians, qt_app

from desk.domain.clock import SystemClock
from desk.services.auth import AuthService
from desk.services.demo import DEMO_PASSWORD
from desk.services.passwords import MEMORY_KIB, PARALLELISM, TIME_COST
from desk.services.startup import open_database

WAIT_S = 60


@bench("login", goal_ms=500, order=20)
def login(env: BenchEnv) -> tuple[float, float]:
    """`AuthService.login` (argon2 verify, throttle, audit event, commit) vs a raw SELECT + argon2 verify."""
    location = working_copy(env.dataset, env.new_folder("login"))
    assert location.sqlite_path is not None
    ctx, _ = open_database(location, SystemClock(), create=False)
    auth = AuthService(ctx)
    conn = sqlite3.connect(location.sqlite_path)
    hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM)

    def floor() -> None:
        (stored,) = conn.execute("SELECT password_hash FROM staff WHERE username = ?", ("admin",)).fetchone()
        hasher.verify(stored, DEMO_PASSWORD)

    try:
        return paired_medians(lambda: auth.login("admin", DEMO_PASSWORD), floor, env.repeats, warmup=1)
    finally:
        conn.close()
        ctx.db.dispose()


@bench("login_to_main", goal_ms=300, order=30)
def login_to_main(env: BenchEnv) -> tuple[float, float]:
    """From the login dialog's `logged_in` signal to the main window shown with its first page built and
    loaded, in the real session; vs a bare QMainWindow with a list and a stack."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QStackedWidget, QWidget

    from desk.ui.dialogs.login import LoginDialog
    from desk.ui.session import DeskSession
    from desk.ui.tasks import TaskRunner

    app = qt_app()
    location = working_copy(env.dataset, env.new_folder("login_to_main"))
    tasks = TaskRunner(app)
    session = DeskSession(location, None, SystemClock(), tasks, parent=app)
    if not session.start():
        raise RuntimeError("the session did not start on the benchmark database")
    deadline = time.monotonic() + WAIT_S
    while session.services is None:  # the worker opens the database behind the login dialog
        if time.monotonic() > deadline:
            raise RuntimeError("the database did not open within a minute")
        tasks.wait(100)
        app.processEvents()
    services = session.services
    dialog = session.dialog
    assert isinstance(dialog, LoginDialog)
    actor = services.auth.login("admin", DEMO_PASSWORD)

    def settle() -> None:
        """Let the window paint and any page work the worker started come back."""
        for _ in range(3):
            app.processEvents()
            tasks.wait()

    def open_main() -> None:
        dialog.logged_in.emit(actor)
        if session.window is None or not session.window.isVisible():
            raise RuntimeError("the main window did not open")
        settle()

    def close_main() -> None:
        window = session.window
        assert window is not None
        session.window = None
        window.hide()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()

    shown: list[QMainWindow] = []

    def bare() -> None:
        window = QMainWindow()
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QListWidget())
        row.addWidget(QStackedWidget(), 1)
        window.setCentralWidget(central)
        window.resize(1180, 760)
        window.show()
        shown.append(window)
        app.processEvents()

    def close_bare() -> None:
        window = shown.pop()
        window.hide()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()

    try:
        # The first login of a run also imports the window and its pages; the window is up before the first
        # page's figures come back from the worker, so both moments are noted.
        started = time.perf_counter()
        dialog.logged_in.emit(actor)
        shown_ms = (time.perf_counter() - started) * 1000
        settle()
        cold = (time.perf_counter() - started) * 1000
        close_main()
        env.note(f"login_to_main: first time after start-up {cold:.1f} ms with the first page's figures; the "
                 f"window itself {shown_ms:.1f} ms (imports the main window and pages)")
        return paired_medians(open_main, bare, env.repeats, warmup=1, after_work=close_main, after_floor=close_bare)
    finally:
        dialog.hide()
        tasks.wait()
        services.ctx.db.dispose()
        session.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
