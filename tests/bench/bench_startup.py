"""Benchmarks: start-up — the `desk` program until its login dialog is shown, against a bare PySide6 window."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from dataset import working_copy
from registry import BenchEnv, bench, paired_medians

# The cheapest program that shows a window with the same Python and Qt: the floor of any start-up.
BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""
TIMEOUT_S = 60


def desk_command() -> list[str]:
    """The installed `desk` script next to this Python (what a desk PC runs), else `python -m desk`."""
    script = shutil.which("desk", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "desk"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def run_checked(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} exited with {done.returncode}:\n{done.stderr[-2000:]}")


@bench("startup", goal_ratio=1.8, order=10)
def startup(env: BenchEnv) -> tuple[float, float]:
    location = working_copy(env.dataset, env.new_folder("startup"))
    desk_env = clean_env(DESK_DATA_DIR=str(location.data_dir), DESK_QUIT_AFTER_STARTUP="1")
    bare_env = clean_env()
    command = desk_command()
    return paired_medians(lambda: run_checked(command, desk_env),
                          lambda: run_checked([sys.executable, "-c", BARE_WINDOW], bare_env),
                          env.repeats, warmup=1)
