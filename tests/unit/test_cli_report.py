"""`desk report monthly` in-process on a temp data folder: the PDF and the workbook it writes, what it prints and
audits, and every bad input — month, file, folder, base — as one clear line, a non-zero exit and nothing
written."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import sys
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from desk import cli
from desk.domain.clock import FixedClock, SystemClock
from desk.domain.people import Category, Purpose
from desk.domain.staff import COMMAND_LINE
from desk.services.audit import AuditService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService, PersonForm
from desk.services.startup import open_database
from desk.services.visits import VisitService
from desk.storage.location import DB_FILE_NAME, resolve
from desk.storage.models import AuditEvent, Visit

# The wording needs Qt's translators; an offscreen application keeps the test independent of a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.usefixtures("cli_process")  # see tests/conftest.py


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main([*args, "--data-dir", str(data_dir)])
    stdout, stderr = capsys.readouterr()
    return code, stdout, stderr


@contextlib.contextmanager
def opened(data_dir: Path, clock: object = None) -> Iterator[ServiceContext]:
    ctx, _result = open_database(resolve(None, data_dir), clock or SystemClock(),
                                 create=False)
    try:
        yield ctx
    finally:
        ctx.db.dispose()


@pytest.fixture
def visited(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """A base with a few visits in November 2026, one of them a party of four, and one on 1 December."""
    data_dir = tmp_path / "data"
    code, _out, err = run(capsys, data_dir, "init", "--base-name", "明华红色港湾党群服务基地", "--base-code", "MH")
    assert (code, err) == (0, "")
    clock = FixedClock(dt.datetime(2026, 11, 10, 10, 0, tzinfo=ZONE))
    with opened(data_dir, clock) as ctx:
        visits = VisitService(ctx)
        zhang = PeopleService(ctx).register(COMMAND_LINE, PersonForm("张伟", "13900000001", Category.RESIDENT)).id
        visits.check_in(COMMAND_LINE, zhang, Purpose.READING)
        clock.advance(hours=2)
        visits.check_in_anonymous(COMMAND_LINE, Category.VOLUNTEER, Purpose.MEETING, 4)
        clock.advance(days=3)
        visits.check_in(COMMAND_LINE, zhang, Purpose.LEGAL_AID)
        clock.set(dt.datetime(2026, 12, 1, 9, 0, tzinfo=ZONE))
        visits.check_in(COMMAND_LINE, zhang, Purpose.READING)
    return data_dir


def _november_people(data_dir: Path) -> int:
    start, end = (dt.datetime(2026, 11, 1, tzinfo=ZONE), dt.datetime(2026, 12, 1, tzinfo=ZONE))
    with opened(data_dir) as ctx, ctx.db.read() as s:
        return sum(size for size, at in s.execute(select(Visit.party_size, Visit.checked_in_at))
                   if start <= at < end)


def _audit_count(data_dir: Path) -> int:
    with opened(data_dir) as ctx, ctx.db.read() as s:
        return int(s.execute(select(func.count()).select_from(AuditEvent)).scalar_one())


def test_the_monthly_report_as_a_workbook(capsys: pytest.CaptureFixture[str], visited: Path, out: Path) -> None:
    target = out / "十一月月报.xlsx"
    code, stdout, stderr = run(capsys, visited, "report", "monthly", "--month", "2026-11", "-o", str(target))
    assert (code, stderr) == (0, "")
    assert stdout == f"已生成 MH 2026年11月 的工作月报：{target}\n"
    book = load_workbook(target)
    summary = book["概况"]
    assert (summary["A2"].value, summary["B2"].value) == ("到访人次", _november_people(visited))
    assert summary["C2"].value == 0  # October had no visits
    assert book["按日"]["A2"].value == dt.datetime(2026, 11, 1)
    with opened(visited) as ctx:
        event = AuditService(ctx).recent(1)[0]
    assert (event.actor, event.action, event.summary) == (
        "cli", "report_exported", "MH 2026-11-01–2026-11-30 as xlsx (十一月月报.xlsx)")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_monthly_report_as_a_pdf_for_a_named_base(capsys: pytest.CaptureFixture[str], visited: Path,
                                                      out: Path) -> None:
    target = out / "report.PDF"
    code, stdout, stderr = run(capsys, visited, "report", "monthly", "--month", "2026-11", "--base", "MH",
                               "-o", str(target))
    assert (code, stderr) == (0, "") and str(target) in stdout
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "明华红色港湾党群服务基地 工作月报" in text and "2026年11月" in text
    assert "到访人次" in text and str(_november_people(visited)) in text


@pytest.mark.parametrize(("month", "message"), [
    ("2026-13", "--month 的月份 “2026-13” 不对，应为 YYYY-MM"),
    ("2026-00", "--month 的月份 “2026-00” 不对"),
    ("2026-1", "--month 的月份 “2026-1” 不对"),
    ("2026-11-01", "--month 的月份 “2026-11-01” 不对"),
    ("十一月", "--month 的月份 “十一月” 不对"),
])
def test_a_bad_month_is_refused(capsys: pytest.CaptureFixture[str], visited: Path, out: Path, month: str,
                                message: str) -> None:
    before = _audit_count(visited)
    code, stdout, stderr = run(capsys, visited, "report", "monthly", "--month", month, "-o", str(out / "r.pdf"))
    assert (code, stdout) == (cli.EXIT_FAILED, "")
    assert stderr.count("\n") == 1 and stderr.startswith("desk: ") and message in stderr
    assert list(out.iterdir()) == [] and _audit_count(visited) == before


@pytest.mark.parametrize(("name", "message"), [
    ("report.csv", "月报只能生成为 .pdf 或 .xlsx 文件，report.csv 不行。"),
    ("report", "月报只能生成为 .pdf 或 .xlsx 文件，report 不行。"),
    ("missing/report.pdf", "文件夹 "),
])
def test_a_bad_output_file_is_refused(capsys: pytest.CaptureFixture[str], visited: Path, out: Path, name: str,
                                      message: str) -> None:
    before = _audit_count(visited)
    code, stdout, stderr = run(capsys, visited, "report", "monthly", "--month", "2026-11", "-o", str(out / name))
    assert (code, stdout) == (cli.EXIT_FAILED, "")
    assert stderr.count("\n") == 1 and message in stderr
    assert list(out.iterdir()) == [] and _audit_count(visited) == before


def test_a_folder_as_output_is_refused(capsys: pytest.CaptureFixture[str], visited: Path, out: Path) -> None:
    folder = out / "report.pdf"
    folder.mkdir()
    code, _stdout, stderr = run(capsys, visited, "report", "monthly", "--month", "2026-11", "-o", str(folder))
    assert code == cli.EXIT_FAILED and "是文件夹" in stderr and stderr.count("\n") == 1
    assert list(folder.iterdir()) == []


def test_an_unknown_base_is_refused(capsys: pytest.CaptureFixture[str], visited: Path, out: Path) -> None:
    before = _audit_count(visited)
    code, stdout, stderr = run(capsys, visited, "report", "monthly", "--month", "2026-11", "--base", "NF",
                               "-o", str(out / "r.xlsx"))
    assert (code, stdout) == (cli.EXIT_FAILED, "")
    assert stderr == "desk: 没有代码为 NF 的基地；本数据库的基地：MH。\n"
    assert list(out.iterdir()) == [] and _audit_count(visited) == before


def _sys_refuses_files() -> bool:
    try:
        Path("/sys/.desk-probe").touch()
    except OSError:
        return True
    Path("/sys/.desk-probe").unlink()
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux") or not _sys_refuses_files(),
                    reason="needs a folder nobody may write, even root (Linux /sys)")
def test_a_folder_that_cannot_be_written_is_refused(capsys: pytest.CaptureFixture[str], visited: Path) -> None:
    before = _audit_count(visited)
    code, stdout, stderr = run(capsys, visited, "report", "monthly", "--month", "2026-11", "-o", "/sys/r.pdf")
    assert (code, stdout) == (cli.EXIT_FAILED, "")
    assert stderr.count("\n") == 1 and stderr.startswith("desk: 无法写入 /sys/r.pdf：")
    assert not Path("/sys/r.pdf").exists() and _audit_count(visited) == before


def test_without_a_database_nothing_is_made(capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path) -> None:
    data_dir = tmp_path / "empty"
    code, _stdout, stderr = run(capsys, data_dir, "report", "monthly", "--month", "2026-11",
                                "-o", str(out / "r.pdf"))
    assert code == cli.EXIT_FAILED and "找不到数据库" in stderr and stderr.count("\n") == 1
    assert not (data_dir / DB_FILE_NAME).exists() and list(out.iterdir()) == []
