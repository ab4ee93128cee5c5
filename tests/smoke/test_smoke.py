"""Smoke tests: the real `desk` program, started as a person starts it, on a real (virtual) screen.

Each test runs the installed `desk` script under `xvfb-run` with Qt's xcb platform — not the offscreen platform
the other tests use — and `DESK_QUIT_AFTER_STARTUP=1`, which ends the program once its first dialog is shown
and the database was probed. Without `xvfb-run` the tests are skipped, except on CI (`CI` set), where the real
window must be proven to start.

`DESK_UPDATE_SCREENSHOT=1` also copies the main-window screenshot to docs/screenshot.png (shown in the README).
"""

from __future__ import annotations

import atexit
import functools
import itertools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.smoke

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCREENSHOT_SCRIPT = Path(__file__).with_name("screenshot_main.py")
README_SCREENSHOT = PROJECT_DIR / "docs" / "screenshot.png"
SCREEN = "-screen 0 1280x800x24"
START_LIMIT_S = 60
DEMO_PASSWORD_HINT = "hongse2026"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


@pytest.fixture
def xvfb() -> str:
    """The path of xvfb-run; skips (fails on CI) without it."""
    found = shutil.which("xvfb-run")
    if found is None:
        reason = ("xvfb-run is not installed (apt-get install xvfb xauth libxcb-icccm4 libxcb-keysyms1); "
                  "the real window cannot be started")
        if os.environ.get("CI"):
            pytest.fail("CI must prove the real window starts: " + reason)
        pytest.skip(reason)
    return found


def _desk_script() -> str:
    script = shutil.which("desk", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.fail(f"the `desk` script is not installed next to {sys.executable} (pip install -e .)")
    return script


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The caller's environment without anything that would choose another database, display or platform."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DESK_") and k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    # The real platform even when the test run itself draws offscreen (QT_QPA_PLATFORM=offscreen).
    env.update(QT_QPA_PLATFORM="xcb", DESK_DATA_DIR=str(data_dir), DESK_QUIT_AFTER_STARTUP="1")
    env.update(extra)
    return env


def _run(command: list[str], env: dict[str, str], timeout: float = START_LIMIT_S) -> Run:
    """Run in a process group of its own, so a hung program and its X server are killed on timeout."""
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        pytest.fail(f"{' '.join(command)} did not end within {timeout:.0f} s\nstdout:\n{stdout}\nstderr:\n{stderr}")
    return Run(process.returncode, stdout, stderr, time.monotonic() - started)


# xvfb-run keeps its X authority file in a temporary folder of its own unless given one, and exits with status 5
# (hiding the program's) whenever removing that folder races the X server's shutdown: give it a file here.
_AUTH_FOLDER = Path(tempfile.mkdtemp(prefix="desk-smoke-xauth-"))
atexit.register(shutil.rmtree, _AUTH_FOLDER, True)
_auth_files = itertools.count(1)


def _under_xvfb(xvfb: str, *command: str) -> list[str]:
    auth = _AUTH_FOLDER / f"Xauthority-{next(_auth_files)}"
    return [xvfb, "-a", "-f", str(auth), "-s", SCREEN, *command]


def _log_text(data_dir: Path) -> str:
    path = data_dir / "logs" / "desk.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _describe(run: Run, data_dir: Path) -> str:
    return (f"exit {run.returncode} after {run.seconds:.1f} s\nstdout:\n{run.stdout}\nstderr:\n{run.stderr}\n"
            f"log:\n{_log_text(data_dir)}")


@functools.cache
def _has_command_line() -> bool:
    """True when `desk --help` prints the command line's usage (not just the window)."""
    with tempfile.TemporaryDirectory() as scratch:  # a program without one would start (and quit) its window
        env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
        env.update(QT_QPA_PLATFORM="offscreen", DESK_QUIT_AFTER_STARTUP="1", DESK_DATA_DIR=scratch)
        done = subprocess.run([sys.executable, "-m", "desk", "--help"], env=env, capture_output=True, text=True,
                              timeout=START_LIMIT_S, check=False)
    return "usage:" in done.stdout


def _make_demo_database(data_dir: Path) -> None:
    """`desk init --demo`, as the README says; built in Python where the command line has no `init` yet."""
    if _has_command_line():
        env = _env(data_dir)
        del env["DESK_QUIT_AFTER_STARTUP"]
        run = _run([_desk_script(), "init", "--demo"], env)
        assert run.returncode == 0, _describe(run, data_dir)
        assert DEMO_PASSWORD_HINT in run.stdout
    else:
        from desk.domain.clock import SystemClock
        from desk.services.demo import seed_demo
        from desk.services.startup import open_database
        from desk.storage.location import resolve

        ctx, _ = open_database(resolve(data_dir=data_dir), SystemClock(), create=True)
        try:
            seed_demo(ctx)
        finally:
            ctx.db.dispose()
    assert (data_dir / "desk.sqlite3").exists()


def _assert_clean(run: Run) -> None:
    assert "Traceback" not in run.stderr, run.stderr
    assert "Traceback" not in run.stdout, run.stdout


def test_first_start_on_an_empty_data_folder_shows_the_setup_dialog(xvfb: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    run = _run(_under_xvfb(xvfb, _desk_script()), _env(data_dir))
    assert run.returncode == 0, _describe(run, data_dir)
    _assert_clean(run)
    assert "showing the setup dialog" in _log_text(data_dir), _describe(run, data_dir)


def test_start_on_a_demo_database_shows_the_login_dialog(xvfb: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _make_demo_database(data_dir)
    run = _run(_under_xvfb(xvfb, _desk_script()), _env(data_dir))
    assert run.returncode == 0, _describe(run, data_dir)
    _assert_clean(run)
    log = _log_text(data_dir)
    assert "is ready; showing the login dialog" in log, _describe(run, data_dir)


def test_a_garbage_database_file_stops_the_start_with_a_reason(xvfb: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database\n" * 400)
    run = _run(_under_xvfb(xvfb, _desk_script()), _env(data_dir, DESK_DB=str(garbage)))
    assert run.returncode == 1, _describe(run, data_dir)
    _assert_clean(run)
    log = _log_text(data_dir)
    assert "cannot start: database_corrupt" in log, _describe(run, data_dir)
    assert str(garbage) in log
    assert garbage.read_bytes() == b"this is not a database\n" * 400  # refused, not "repaired"


def test_the_command_line_prints_its_help(tmp_path: Path) -> None:
    if not _has_command_line():
        pytest.skip("desk/cli.py has no command line with --help yet")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
    env["DESK_DATA_DIR"] = str(tmp_path / "data")
    run = _run([sys.executable, "-m", "desk", "--help"], env)
    assert run.returncode == 0, run.stderr
    _assert_clean(run)
    assert "usage:" in run.stdout
    for command in ("gui", "init", "check"):
        assert command in run.stdout
    assert not (tmp_path / "data").exists()  # asking for help touches nothing


def test_screenshot_of_the_main_window_after_logging_in(xvfb: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _make_demo_database(data_dir)
    png = tmp_path / "main-window.png"
    env = _env(data_dir)
    del env["DESK_QUIT_AFTER_STARTUP"]  # this run logs in and stays until the window is grabbed
    run = _run(_under_xvfb(xvfb, sys.executable, str(SCREENSHOT_SCRIPT), str(png)), env)
    assert run.returncode == 0, _describe(run, data_dir)
    _assert_clean(run)
    assert png.exists()
    from PIL import Image

    with Image.open(png) as image:
        assert image.width >= 800 and image.height >= 500, image.size
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
    assert len(colours) > 16, f"the screenshot looks blank: {len(colours)} colours"
    assert "【演示数据】" in run.stdout  # the window title says it is demo data
    if os.environ.get("DESK_UPDATE_SCREENSHOT") == "1":
        README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, README_SCREENSHOT)
