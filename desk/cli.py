"""Temporary: replaced by the full command line."""
import sys

from desk.storage.location import resolve


def main(argv: list[str] | None = None) -> int:
    from desk.app import run_gui

    return run_gui(resolve())


if __name__ == "__main__":
    sys.exit(main())
