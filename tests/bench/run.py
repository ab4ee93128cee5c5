"""Benchmarks: run every registered benchmark on the big data set and print median, floor and ratio.

    python tests/bench/run.py [--quick] [--json FILE] [--only NAME ...] [--repeats N]

The data set is built once and cached under .bench-cache/ (see dataset.py); `--quick` uses a twentieth of it
and fewer repeats, for a fast check. Benchmarks live in tests/bench/bench_*.py and register themselves with
`@bench`. The figures are information, not a verdict: the exit status is 0 unless a benchmark could not run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # run as `python tests/bench/run.py` from anywhere, or imported
    sys.path.insert(0, str(HERE))

import dataset  # noqa: E402
from registry import BENCHES, BenchEnv, ordered  # noqa: E402

FULL_REPEATS = 7
QUICK_REPEATS = 3


def discover() -> None:
    for path in sorted(HERE.glob("bench_*.py")):
        importlib.import_module(path.stem)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a twentieth of the data set, 3 runs each")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the results as JSON")
    parser.add_argument("--only", metavar="NAME", nargs="+", help="run only these benchmarks")
    parser.add_argument("--repeats", type=int, help="measured runs per benchmark (default 7, or 3 with --quick)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # In-process benchmarks draw their windows offscreen whatever display this shell has: comparable figures.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    discover()
    unknown = sorted(set(args.only or []) - set(BENCHES))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHES)}", file=sys.stderr)
        return 2
    scale = dataset.QUICK if args.quick else dataset.FULL
    repeats = args.repeats or (QUICK_REPEATS if args.quick else FULL_REPEATS)
    data = dataset.ensure(scale)
    print(f"data set {dataset.cache_key(scale)}: {data.size_bytes / 1e6:.1f} MB, "
          + ", ".join(f"{table} {rows:,}" for table, rows in data.counts.items())
          + f" ({'cached; ' if data.cached else ''}built in {data.build_seconds:.1f} s)")
    print(f"median of {repeats} runs each, after a warm-up run; floor = the same work done the cheapest way\n")

    results: list[dict[str, object]] = []
    failed = False
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as scratch:
        env = BenchEnv(data, repeats, args.quick, Path(scratch))
        for entry in ordered():
            name = entry.name
            if args.only and name not in args.only:
                continue
            started = time.perf_counter()
            try:
                median_ms, floor_ms = entry.fn(env)
            except Exception:
                failed = True
                print(f"{name}: could not run\n{traceback.format_exc()}", file=sys.stderr)
                results.append({"name": name, "median_ms": None, "floor_ms": None, "ratio": None,
                                "goal": entry.goal_text(), "error": True})
                continue
            ratio = median_ms / floor_ms if floor_ms > 0 else float("inf")
            results.append({"name": name, "median_ms": round(median_ms, 2), "floor_ms": round(floor_ms, 2),
                            "ratio": round(ratio, 2), "goal": entry.goal_text(),
                            "over_goal": entry.over_goal(median_ms, floor_ms),
                            "seconds": round(time.perf_counter() - started, 1)})
    print_table(results)
    for note in env.notes:
        print(f"  note: {note}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 1 if failed else 0


def print_table(results: list[dict[str, object]]) -> None:
    header = ("benchmark", "median ms", "floor ms", "ratio", "goal", "")
    rows = [header]
    for r in results:
        if r.get("error"):
            rows.append((str(r["name"]), "error", "", "", str(r["goal"]), "could not run"))
            continue
        rows.append((str(r["name"]), f"{r['median_ms']:.1f}", f"{r['floor_ms']:.1f}", f"{r['ratio']:.2f}",
                     str(r["goal"]), "over goal" if r["over_goal"] else "ok"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    right = {1, 2, 3}
    for index, row in enumerate(rows):
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        print("  ".join(cells).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    sys.exit(main())
