"""Nothing reads the wall clock except desk.domain.clock: every time rule runs on an injected clock."""

import re
from pathlib import Path

DESK = Path(__file__).resolve().parents[2] / "desk"
WALL_CLOCK = re.compile(
    r"datetime\.now\(|date\.today\(|\btime\.time\(|utcnow\(|QDateTime\.currentDateTime|QDate\.currentDate|"
    r"QTime\.currentTime|\btime\.localtime\(")


def test_only_the_clock_module_reads_the_wall_clock() -> None:
    offenders = [
        f"{path.relative_to(DESK.parent)}:{number}: {line.strip()}"
        for path in DESK.rglob("*.py") if path != DESK / "domain" / "clock.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WALL_CLOCK.search(line)
    ]
    assert offenders == []
