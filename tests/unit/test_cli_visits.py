"""`desk export visits` and `desk purge` in-process on a temp data folder: what they print, their exit codes, the
files and the database they leave; every bad input is one clear line, a non-zero exit and nothing written."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update
from visitlog_data import PHONES, START, build_log

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
from desk.storage.models import AuditEvent, Person

# The wording needs Qt's translators; an offscreen application keeps the test independent of a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytestmark = pytest.mark.usefixtures("cli_process")  # see tests/conftest.py


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


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
    ctx, _result = open_database(resolve(None, data_dir), clock or SystemClock(), create=False)  # type: ignore[arg-type]
    try:
        yield ctx
    finally:
        ctx.db.dispose()


@pytest.fixture
def base(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Path:
    code, _out, err = run(capsys, data_dir, "init", "--base-name", "明华红色港湾党群服务基地", "--base-code", "MH")
    assert (code, err) == (0, "")
    return data_dir


@pytest.fixture
def logged(base: Path) -> Path:
    """The visit log of tests/visitlog_data.py (26–28 November 2026), written as the command line."""
    with opened(base, FixedClock(START)) as ctx:
        build_log(ctx, COMMAND_LINE, ctx.clock)  # type: ignore[arg-type]
    return base


def _audit_count(data_dir: Path) -> int:
    with opened(data_dir) as ctx, ctx.db.read() as s:
        return int(s.execute(select(func.count()).select_from(AuditEvent)).scalar_one())


# -- export visits -------------------------------------------------------------------------------------------------

def test_export_visits_as_xlsx(capsys: pytest.CaptureFixture[str], logged: Path, out: Path) -> None:
    target = out / "十一月.xlsx"
    code, stdout, stderr = run(capsys, logged, "export", "visits", "--from", "2026-11-26", "--to", "2026-11-28",
                               "-o", str(target))
    assert (code, stderr) == (0, "")
    assert stdout == f"已导出 13 条到访记录（2026-11-26 至 2026-11-28）到 {target}\n"
    sheet = load_workbook(target).active
    assert sheet.freeze_panes == "A2" and sheet.max_row == 14
    assert sheet["B2"].value == dt.datetime(2026, 11, 26, 9, 5)
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert not any(phone in text for phone in PHONES) and "138****1234" in text
    with opened(logged) as ctx:
        event = AuditService(ctx).recent(1)[0]
    assert (event.actor, event.action, event.summary) == (
        "cli", "visits_exported", "2026-11-26–2026-11-28: 13 row(s) as xlsx (十一月.xlsx)")


def test_export_visits_as_csv(capsys: pytest.CaptureFixture[str], logged: Path, out: Path) -> None:
    target = out / "day.CSV"
    code, stdout, _err = run(capsys, logged, "export", "visits", "--from", "2026-11-27", "--to", "2026-11-27",
                             "--output", str(target))
    assert code == 0 and "已导出 4 条到访记录" in stdout
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["日期", "到达", "离开", "时长（分钟）", "姓名"]
    assert [row[4] for row in rows[1:]] == ["张三丰", "欧阳𠮷祥", "（饿了么）", "张三"]
    assert not any(phone in raw.decode("utf-8-sig") for phone in PHONES)


def test_an_empty_range_still_writes_the_header(capsys: pytest.CaptureFixture[str], logged: Path,
                                               out: Path) -> None:
    target = out / "none.csv"
    code, stdout, _err = run(capsys, logged, "export", "visits", "--from", "2020-01-01", "--to", "2020-01-31",
                             "-o", str(target))
    assert code == 0 and "已导出 0 条到访记录" in stdout
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == 1


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "2026-13-01", "--to", "2026-11-30"), "--from 的日期 “2026-13-01” 不对，应为 YYYY-MM-DD"),
    (("--from", "2026-02-30", "--to", "2026-03-01"), "--from 的日期 “2026-02-30” 不对"),
    (("--from", "20261101", "--to", "2026-11-30"), "--from 的日期 “20261101” 不对"),
    (("--from", "2026-11-01", "--to", "yesterday"), "--to 的日期 “yesterday” 不对"),
    (("--from", "2026-11-30", "--to", "2026-11-01"), "--to 2026-11-01 早于 --from 2026-11-30"),
])
def test_bad_dates_are_refused(capsys: pytest.CaptureFixture[str], logged: Path, out: Path,
                               args: tuple[str, ...], message: str) -> None:
    before = _audit_count(logged)
    code, stdout, stderr = run(capsys, logged, "export", "visits", *args, "-o", str(out / "v.xlsx"))
    assert code == cli.EXIT_FAILED and stdout == ""
    assert stderr.count("\n") == 1 and stderr.startswith("desk: ") and message in stderr
    assert list(out.iterdir()) == []
    assert _audit_count(logged) == before


@pytest.mark.parametrize(("name", "message"), [
    ("visits.pdf", "只能导出为 .xlsx 或 .csv 文件，visits.pdf 不行。"),
    ("visits", "只能导出为 .xlsx 或 .csv 文件，visits 不行。"),
    ("missing/visits.xlsx", "文件夹 "),
])
def test_bad_output_files_are_refused(capsys: pytest.CaptureFixture[str], logged: Path, out: Path, name: str,
                                      message: str) -> None:
    before = _audit_count(logged)
    code, stdout, stderr = run(capsys, logged, "export", "visits", "--from", "2026-11-01", "--to", "2026-11-30",
                               "-o", str(out / name))
    assert (code, stdout) == (cli.EXIT_FAILED, "")
    assert stderr.count("\n") == 1 and message in stderr
    assert list(out.iterdir()) == []
    assert _audit_count(logged) == before


def test_a_folder_as_output_is_refused(capsys: pytest.CaptureFixture[str], logged: Path, out: Path) -> None:
    folder = out / "reports.xlsx"
    folder.mkdir()
    code, _stdout, stderr = run(capsys, logged, "export", "visits", "--from", "2026-11-01", "--to", "2026-11-30",
                                "-o", str(folder))
    assert code == cli.EXIT_FAILED and "是文件夹" in stderr
    assert list(folder.iterdir()) == []


def test_missing_arguments_are_a_usage_error(capsys: pytest.CaptureFixture[str], logged: Path, out: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["export", "visits", "--from", "2026-11-01", "-o", str(out / "v.xlsx"), "--data-dir", str(logged)])
    assert exit_.value.code == 2
    assert "--to" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_exporting_without_a_database(capsys: pytest.CaptureFixture[str], data_dir: Path, out: Path) -> None:
    code, _stdout, stderr = run(capsys, data_dir, "export", "visits", "--from", "2026-11-01", "--to",
                                "2026-11-30", "-o", str(out / "v.xlsx"))
    assert code == cli.EXIT_FAILED and "找不到数据库" in stderr and stderr.count("\n") == 1
    assert not (data_dir / DB_FILE_NAME).exists() and list(out.iterdir()) == []


# -- purge ---------------------------------------------------------------------------------------------------------

@pytest.fixture
def town(base: Path) -> dict[str, int]:
    """Relative to the real clock (the command uses it): two people due, a member and a recent visitor not."""
    now = SystemClock().now()
    ids = {}
    clock = FixedClock(now - dt.timedelta(days=400))
    with opened(base, clock) as ctx:
        people = PeopleService(ctx)
        for key, phone in (("old", "13900000001"), ("older", "13900000002"), ("member", "13900000003"),
                           ("recent", "13900000004")):
            ids[key] = people.register(COMMAND_LINE, PersonForm(f"测试{key}", phone, Category.RESIDENT)).id
        clock.set(now - dt.timedelta(days=30))
        VisitService(ctx).check_in(COMMAND_LINE, ids["recent"], Purpose.READING)
        with ctx.db.write() as s:
            s.execute(update(Person).where(Person.id == ids["member"]).values(member_no="MH000001"))
    return ids


def _anonymised(data_dir: Path, ids: dict[str, int]) -> set[str]:
    with opened(data_dir) as ctx, ctx.db.read() as s:
        return {key for key, person_id in ids.items() if s.get(Person, person_id).anonymised_at is not None}


def _cutoff(days: int = 180) -> str:
    return (SystemClock().now() - dt.timedelta(days=days)).astimezone(dt.timezone(dt.timedelta(hours=8))).date(
    ).isoformat()


def test_purge_dry_run_counts_and_changes_nothing(capsys: pytest.CaptureFixture[str], base: Path,
                                                  town: dict[str, int]) -> None:
    before = _audit_count(base)
    code, stdout, stderr = run(capsys, base, "purge", "--dry-run")
    assert (code, stderr) == (0, "")
    assert stdout == (f"将匿名化 2 人的姓名和电话（最近一次到访早于 {_cutoff()}，且不是积分会员；保留期限 180 天）。"
                      "未作任何改动。\n")
    assert _anonymised(base, town) == set()
    assert _audit_count(base) == before


def test_purge_anonymises_those_due_once(capsys: pytest.CaptureFixture[str], base: Path,
                                         town: dict[str, int]) -> None:
    code, stdout, _err = run(capsys, base, "purge")
    assert code == 0
    assert stdout == f"已匿名化 2 人的姓名和电话（最近一次到访早于 {_cutoff()}，且不是积分会员；保留期限 180 天）。\n"
    assert _anonymised(base, town) == {"old", "older"}
    with opened(base) as ctx:
        event = AuditService(ctx).recent(1)[0]
        assert (event.actor, event.action) == ("cli", "people_anonymised")
        with ctx.db.read() as s:
            assert s.execute(select(func.count()).select_from(Person)).scalar_one() == 4  # the rows stay
    before = _audit_count(base)
    code, stdout, _err = run(capsys, base, "purge")
    assert code == 0 and stdout.startswith("已匿名化 0 人")
    assert _audit_count(base) == before


def test_purge_follows_the_saved_period(capsys: pytest.CaptureFixture[str], base: Path,
                                        town: dict[str, int]) -> None:
    with opened(base) as ctx:
        from desk.services.retention import RetentionService

        RetentionService(ctx).set_days(COMMAND_LINE, 20)
    code, stdout, _err = run(capsys, base, "purge", "--dry-run")
    assert code == 0 and stdout.startswith(f"将匿名化 3 人的姓名和电话（最近一次到访早于 {_cutoff(20)}")
    assert "保留期限 20 天" in stdout


def test_help_describes_both_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    top = capsys.readouterr().out
    assert "export" in top and "purge" in top and "desk export visits --from" in top
    with pytest.raises(SystemExit):
        cli.main(["export", "visits", "--help"])
    text = capsys.readouterr().out
    for option in ("--from", "--to", "-o", ".xlsx", ".csv"):
        assert option in text
    with pytest.raises(SystemExit):
        cli.main(["purge", "--help"])
    assert "--dry-run" in capsys.readouterr().out


def test_the_commands_run_as_a_real_process(logged: Path, out: Path) -> None:
    """No traceback reaches the terminal for a bad date; a good export exits 0."""
    import subprocess

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    bad = subprocess.run([sys.executable, "-m", "desk", "export", "visits", "--from", "2026-11-xx", "--to",
                          "2026-11-30", "-o", str(out / "v.xlsx"), "--data-dir", str(logged)],
                         capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1
    good = subprocess.run([sys.executable, "-m", "desk", "export", "visits", "--from", "2026-11-26", "--to",
                           "2026-11-26", "-o", str(out / "v.csv"), "--data-dir", str(logged)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert good.returncode == 0 and (out / "v.csv").exists()
