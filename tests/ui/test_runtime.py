"""The background worker, the crash handler and Qt's warnings in the log."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, qWarning
from pytestqt.qtbot import QtBot

from desk.domain.errors import DatabaseLocked, DeskError
from desk.logs import setup_logging
from desk.ui import boxes, crash
from desk.ui.tasks import TaskRunner


def test_results_come_back_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    worker_threads: list[threading.Thread] = []
    results: list[tuple[int, bool]] = []

    def work() -> int:
        worker_threads.append(threading.current_thread())
        return 42

    runner.run(work, lambda value: results.append((value, QThread.currentThread().isMainThread())))
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [(42, True)]
    assert worker_threads[0] is not threading.main_thread()


def test_expected_failures_reach_the_error_callback(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[DeskError] = []

    def work() -> None:
        raise DatabaseLocked(location="x.sqlite3")

    runner.run(work, lambda _value: pytest.fail("no result expected"), errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], DatabaseLocked)


def test_one_worker_runs_jobs_in_order(qtbot: QtBot) -> None:
    runner = TaskRunner()
    seen: list[int] = []
    for number in range(5):
        runner.run(lambda n=number: n, seen.append)
    qtbot.waitUntil(lambda: len(seen) == 5, timeout=5000)
    assert seen == [0, 1, 2, 3, 4]


def test_an_unexpected_error_is_logged_and_shown_with_the_log_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(boxes, "show_crash", lambda _parent, summary, path: shown.append((summary, path)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log_path = setup_logging(tmp_path / "logs")
    assert log_path is not None
    crash.install(str(log_path))
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert shown == [("ZeroDivisionError: division by zero", str(log_path))]
    assert "ZeroDivisionError" in log_path.read_text(encoding="utf-8")


def test_an_uncaught_desk_error_is_worded_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    crashes: list[str] = []
    worded: list[DeskError] = []
    monkeypatch.setattr(boxes, "show_crash", lambda *args: crashes.append("crash"))
    monkeypatch.setattr(boxes, "show_error", lambda _parent, error: worded.append(error))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    crash.install("desk.log")
    error = DatabaseLocked(location="x.sqlite3")
    sys.excepthook(type(error), error, None)
    assert crashes == [] and worded == [error]


@pytest.mark.qt_log_ignore("a warning from Qt for the log")
def test_qt_warnings_go_to_the_log(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    crash.install("desk.log")
    try:
        with caplog.at_level(logging.WARNING, logger="qt"):
            qWarning("a warning from Qt for the log")
        assert any(r.name == "qt" and "a warning from Qt" in r.getMessage() for r in caplog.records)
    finally:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(None)
