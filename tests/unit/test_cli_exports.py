"""`desk export bookings|charging|ledger|vouchers` in-process on a temp data folder (SQLite) holding the two days
of ledger_data.py: what they print, their exit codes, the files and the audit events they leave; every bad input
is one clear line, a non-zero exit and nothing written. The data folder is built once for the module: the
refusals change nothing, and each export writes into a folder of its own test."""

from __future__ import annotations

import contextlib
import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from ledger_data import FROM, PHONES, TO, World, at, build_world
from openpyxl import load_workbook
from sqlalchemy import func, select

from desk import cli
from desk.domain.clock import FixedClock, SystemClock
from desk.domain.staff import COMMAND_LINE
from desk.services.audit import AuditService
from desk.services.context import ServiceContext
from desk.services.startup import open_database
from desk.storage.location import resolve
from desk.storage.models import AuditEvent

# The wording needs Qt's translators; an offscreen application keeps the test independent of a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

AREAS = {"bookings": "条预约", "charging": "条充电记录", "ledger": "条积分流水", "vouchers": "张兑换券"}
RANGE = ("--from", f"{FROM}", "--to", f"{TO}")
pytestmark = pytest.mark.usefixtures("cli_process")  # see tests/conftest.py


@contextlib.contextmanager
def opened(data_dir: Path, clock: object = None) -> Iterator[ServiceContext]:
    ctx, _result = open_database(resolve(None, data_dir), clock or SystemClock(), create=False)  # type: ignore[arg-type]
    try:
        yield ctx
    finally:
        ctx.db.dispose()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> tuple[Path, World]:
    data_dir = tmp_path_factory.mktemp("cli-exports") / "data"
    with pytest.MonkeyPatch.context() as patch:
        for name in ("DESK_DB", "DESK_DATA_DIR", "DESK_LANGUAGE"):
            patch.delenv(name, raising=False)
        assert cli.main(["init", "--base-name", "明华红色港湾党群服务基地", "--base-code", "MH",
                         "--data-dir", str(data_dir)]) == 0
    with opened(data_dir, FixedClock(at(FROM, 10))) as ctx:
        world = build_world(ctx, COMMAND_LINE, ctx.clock)  # type: ignore[arg-type]
    return data_dir, world


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


def _audit_count(data_dir: Path) -> int:
    with opened(data_dir) as ctx, ctx.db.read() as s:
        return int(s.execute(select(func.count()).select_from(AuditEvent)).scalar_one())


def test_every_area_exports_as_xlsx(capsys: pytest.CaptureFixture[str], data: tuple[Path, World],
                                    out: Path) -> None:
    data_dir, world = data
    # What the two days hold, counted from what ledger_data made (the day before the range left out).
    made = {"bookings": len([k for k in world.bookings if k != "b0"]),
            "charging": len([k for k in world.bookings if k.startswith("c")]),
            "vouchers": len([k for k in world.vouchers if k != "v0"])}
    for area, noun in AREAS.items():
        target = out / f"{area}.xlsx"
        code, stdout, stderr = run(capsys, data_dir, "export", area, *RANGE, "-o", str(target))
        assert (code, stderr) == (0, "")
        sheet = load_workbook(target).active
        rows = sheet.max_row - 1
        assert stdout == f"已导出 {rows} {noun}（{FROM} 至 {TO}）到 {target}\n"
        assert sheet.freeze_panes == "A2" and rows == made.get(area, rows) and rows > 0
        text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
        assert not any(phone in text for phone in PHONES)
        with opened(data_dir) as ctx:
            event = AuditService(ctx).recent(1)[0]
        assert event.actor == "cli" and event.summary == f"{FROM}–{TO}: {rows} row(s) as xlsx ({area}.xlsx)"


def test_csv_and_pdf(capsys: pytest.CaptureFixture[str], data: tuple[Path, World], out: Path) -> None:
    data_dir, world = data
    code, stdout, _err = run(capsys, data_dir, "export", "vouchers", *RANGE, "-o", str(out / "券.CSV"))
    assert code == 0 and stdout.startswith("已导出 ")
    raw = (out / "券.CSV").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert lines[0][0] == "券码" and len(lines) - 1 == len([k for k in world.vouchers if k != "v0"])
    code, stdout, _err = run(capsys, data_dir, "export", "charging", "--from", f"{FROM}", "--to", f"{FROM}",
                             "-o", str(out / "充电.pdf"))
    assert code == 0 and (out / "充电.pdf").read_bytes().startswith(b"%PDF")
    sessions = len([k for k in world.bookings if k.startswith("c")])
    assert stdout == f"已导出 {sessions} 条充电记录（{FROM} 至 {FROM}）到 {out / '充电.pdf'}\n"


@pytest.mark.parametrize(("args", "name", "message"), [
    (("--from", "2026-13-01", "--to", "2026-11-30"), "b.xlsx", "--from 的日期 “2026-13-01” 不对，应为 YYYY-MM-DD"),
    (("--from", "2026-11-01", "--to", "tomorrow"), "b.xlsx", "--to 的日期 “tomorrow” 不对"),
    (("--from", "2026-11-30", "--to", "2026-11-01"), "b.xlsx", "--to 2026-11-01 早于 --from 2026-11-30"),
    (("--from", "2026-01-01", "--to", "2027-01-02"), "b.xlsx",
     "一次最多导出 366 天，2026-01-01 至 2027-01-02 共 367 天，请分段导出。"),
    (RANGE, "b.txt", "只能导出为 .xlsx、.csv 或 .pdf 文件，b.txt 不行。"),
    (RANGE, "bookings", "只能导出为 .xlsx、.csv 或 .pdf 文件，bookings 不行。"),
    (RANGE, "missing/b.pdf", "文件夹 "),
])
def test_bad_input_is_refused(capsys: pytest.CaptureFixture[str], data: tuple[Path, World], out: Path,
                              args: tuple[str, ...], name: str, message: str) -> None:
    data_dir, _world = data
    before = _audit_count(data_dir)
    code, stdout, stderr = run(capsys, data_dir, "export", "bookings", *args, "-o", str(out / name))
    assert (code, stdout) == (cli.EXIT_FAILED, "")
    assert stderr.count("\n") == 1 and stderr.startswith("desk: ") and message in stderr
    assert list(out.iterdir()) == []
    assert _audit_count(data_dir) == before


def test_a_folder_as_output_is_refused(capsys: pytest.CaptureFixture[str], data: tuple[Path, World],
                                       out: Path) -> None:
    folder = out / "ledger.xlsx"
    folder.mkdir()
    code, _stdout, stderr = run(capsys, data[0], "export", "ledger", *RANGE, "-o", str(folder))
    assert code == cli.EXIT_FAILED and "是文件夹" in stderr and stderr.count("\n") == 1
    assert list(folder.iterdir()) == []


def test_a_file_that_cannot_be_written(capsys: pytest.CaptureFixture[str], data: tuple[Path, World], out: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from desk.services import ledger_exports

    def full(*_args: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ledger_exports, "write_csv", full)
    before = _audit_count(data[0])
    target = out / "ledger.csv"
    code, stdout, stderr = run(capsys, data[0], "export", "ledger", *RANGE, "-o", str(target))
    assert (code, stdout) == (cli.EXIT_FAILED, "")
    assert stderr == f"desk: 无法写入 {target}：No space left on device。\n"
    assert list(out.iterdir()) == [] and _audit_count(data[0]) == before


def test_help_names_every_area(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    top = capsys.readouterr().out
    assert "desk export bookings --from" in top and "desk export ledger --from" in top
    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    listed = capsys.readouterr().out
    assert all(area in listed for area in AREAS)
    with pytest.raises(SystemExit):
        cli.main(["export", "vouchers", "--help"])
    text = capsys.readouterr().out
    for option in ("--from", "--to", "-o", ".xlsx", ".csv", ".pdf", "366"):
        assert option in text
