"""Benchmarks: the registry and the timing helpers every benchmark module uses.

A benchmark is a function `(env) -> (median_ms, floor_ms)` registered with `@bench(name, goal_ms=..., goal_ratio=...)`
in a module `tests/bench/bench_<area>.py`. The floor is the same work done the cheapest way, measured in the same
run, so the ratio does not depend on how fast the machine is.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dataset import Dataset

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


@dataclass
class BenchEnv:
    """What a benchmark gets: the cached big database, how often to repeat, a scratch folder, a place for notes."""

    dataset: Dataset
    repeats: int
    quick: bool
    scratch: Path
    notes: list[str] = field(default_factory=list)
    _folders: int = 0

    def new_folder(self, name: str) -> Path:
        """An empty scratch folder of its own (benchmarks never write to the cached database)."""
        self._folders += 1
        folder = self.scratch / f"{self._folders:02d}-{name}"
        folder.mkdir(parents=True)
        return folder

    def note(self, text: str) -> None:
        self.notes.append(text)


BenchFn = Callable[[BenchEnv], tuple[float, float]]


@dataclass(frozen=True)
class Bench:
    name: str
    fn: BenchFn
    goal_ms: float | None
    goal_ratio: float | None
    order: int

    def goal_text(self) -> str:
        parts = []
        if self.goal_ratio is not None:
            parts.append(f"ratio ≤ {self.goal_ratio:g}")
        if self.goal_ms is not None:
            parts.append(f"≤ {self.goal_ms:g} ms")
        return ", ".join(parts) or "—"

    def over_goal(self, median_ms: float, floor_ms: float) -> bool:
        ratio = median_ms / floor_ms if floor_ms > 0 else float("inf")
        return bool((self.goal_ratio is not None and ratio > self.goal_ratio)
                    or (self.goal_ms is not None and median_ms > self.goal_ms))


BENCHES: dict[str, Bench] = {}


def bench(name: str, *, goal_ms: float | None = None, goal_ratio: float | None = None,
          order: int = 100) -> Callable[[BenchFn], BenchFn]:
    """Register a benchmark. `order` places it in the table (the user's path first: start-up, login, ...)."""

    def register(fn: BenchFn) -> BenchFn:
        if name in BENCHES:
            raise ValueError(f"benchmark {name!r} is registered twice")
        BENCHES[name] = Bench(name, fn, goal_ms, goal_ratio, order)
        return fn

    return register


def ordered() -> list[Bench]:
    return sorted(BENCHES.values(), key=lambda b: (b.order, b.name))


def timed_ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _nothing() -> None:
    pass


def paired_medians(work: Callable[[], object], floor: Callable[[], object], repeats: int, *, warmup: int = 1,
                   after_work: Callable[[], object] = _nothing,
                   after_floor: Callable[[], object] = _nothing) -> tuple[float, float]:
    """Median ms of `work` and of `floor`, run alternately so both see the same machine load.

    `after_work` / `after_floor` run untimed after each call (closing a window, say)."""
    work_ms: list[float] = []
    floor_ms: list[float] = []
    for i in range(warmup + repeats):
        spent = timed_ms(work)
        after_work()
        floor_spent = timed_ms(floor)
        after_floor()
        if i >= warmup:
            work_ms.append(spent)
            floor_ms.append(floor_spent)
    return statistics.median(work_ms), statistics.median(floor_ms)


_app: list[QApplication] = []


def qt_app() -> QApplication:
    """The one QApplication of the run (offscreen); Qt messages other than known offscreen noise are printed."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    if not _app:
        def show(kind: QtMsgType, _context: object, message: str) -> None:
            if "propagateSizeHints" not in message:  # the offscreen platform says this for every window
                print(f"qt {kind.name}: {message}")

        qInstallMessageHandler(show)
        app = QApplication.instance() or QApplication(["desk-bench"])
        assert isinstance(app, QApplication)
        _app.append(app)
    return _app[0]
