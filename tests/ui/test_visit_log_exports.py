"""到访记录 → the day's 台账 as PDF and XLSX: the file dialog (patched) chooses where, the worker writes it, the
page shows the path, and the export is audited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDateEdit, QLabel, QPushButton
from pytestqt.qtbot import QtBot
from uihelp import click, find, shown_text
from visitlog_data import Log, build_log

from desk.domain.clock import FixedClock
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.ui.main_window import MainWindow
from desk.ui.pages import visit_log as visit_log_page
from desk.ui.pages.visit_log import VisitLogPage


@pytest.fixture
def log(services: Services, admin: Actor, clock: FixedClock) -> Log:
    return build_log(services.ctx, admin, clock)


@pytest.fixture
def chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Path, str]]:
    """The save dialog answers with a file in tmp_path/out named after the suggestion; what it was asked is
    recorded."""
    out = tmp_path / "out"
    out.mkdir()
    asked: list[tuple[str, Path, str]] = []

    def choose(_parent: object, title: str, suggested: Path, file_filter: str) -> Path | None:
        asked.append((title, suggested, file_filter))
        return out / suggested.name

    monkeypatch.setattr(visit_log_page, "choose_export_file", choose)
    return asked


def _open(window: MainWindow) -> VisitLogPage:
    page = window.show_page("visit_log")
    assert isinstance(page, VisitLogPage)
    return page


def _exports(services: Services) -> list[str]:
    return [e.summary for e in services.audit.recent(50) if e.action == "visits_exported"]


def test_the_days_register_as_pdf(qtbot: QtBot, services: Services, log: Log, window: MainWindow,
                                  chosen: list[tuple[str, Path, str]]) -> None:
    page = _open(window)
    day = find(page, QDateEdit, "register_day")
    assert day.date().toPython() == dt.date(2026, 11, 28)  # today in the base's zone
    day.setDate(dt.date(2026, 11, 26))
    click(qtbot, find(page, QPushButton, "export_register_pdf"))
    result = find(page, QLabel, "export_result")
    qtbot.waitUntil(lambda: "已导出" in result.text(), timeout=10000)

    title, suggested, file_filter = chosen[0]
    assert (title, suggested.name, file_filter) == ("保存当日台账", "到访台账-2026-11-26.pdf", "PDF 文件 (*.pdf)")
    path = Path(result.text().split("：", 1)[1])
    assert path.name == "到访台账-2026-11-26.pdf" and path.read_bytes().startswith(b"%PDF")
    assert result.text() == f"已导出 5 条到访记录到：{path}"
    assert _exports(services) == ["2026-11-26: 5 row(s) as pdf register (到访台账-2026-11-26.pdf)"]
    assert find(page, QPushButton, "export_register_pdf").isEnabled()


def test_the_days_register_as_xlsx(qtbot: QtBot, services: Services, log: Log, window: MainWindow,
                                   chosen: list[tuple[str, Path, str]]) -> None:
    page = _open(window)
    click(qtbot, find(page, QPushButton, "export_register_xlsx"))
    result = find(page, QLabel, "export_result")
    qtbot.waitUntil(lambda: "已导出" in result.text(), timeout=10000)
    path = Path(result.text().split("：", 1)[1])
    assert path.suffix == ".xlsx"
    rows = list(load_workbook(path).active.iter_rows(min_row=2, values_only=True))
    assert [row[4] for row in rows] == ["（新就业群体）", "李四", "张三", "（顺丰）"]  # today, in check-in order
    assert all(isinstance(row[1], dt.datetime) for row in rows)
    assert _exports(services) == ["2026-11-28–2026-11-28: 4 row(s) as xlsx (到访台账-2026-11-28.xlsx)"]


def test_cancelling_the_file_dialog_exports_nothing(qtbot: QtBot, services: Services, log: Log,
                                                    window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(visit_log_page, "choose_export_file", lambda *_args: None)
    page = _open(window)
    click(qtbot, find(page, QPushButton, "export_register_pdf"))
    assert find(page, QLabel, "export_result").text() == ""
    assert _exports(services) == []


def test_a_folder_that_cannot_be_written_is_explained(qtbot: QtBot, services: Services, log: Log,
                                                      window: MainWindow, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "no-such-folder" / "台账.xlsx"
    monkeypatch.setattr(visit_log_page, "choose_export_file", lambda *_args: missing)
    page = _open(window)
    click(qtbot, find(page, QPushButton, "export_register_xlsx"))
    error = find(page, QLabel, "export_error")
    qtbot.waitUntil(lambda: shown_text(error) != "", timeout=10000)
    assert shown_text(error).startswith("无法写入 ") and "请换一个文件夹" in shown_text(error)
    assert find(page, QLabel, "export_result").text() == ""
    assert _exports(services) == [] and not missing.parent.exists()
