"""Logging to a rotating file in the data folder; one named logger per area (desk.ui, desk.tasks, qt, ...)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_NAME = "desk.log"


def setup_logging(logs_dir: Path, level: int = logging.INFO) -> Path | None:
    """Log to logs_dir/desk.log (1 MB × 5). Returns the path, or None if the folder is not writable."""
    root = logging.getLogger()
    root.setLevel(level)
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            logs_dir / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in root.handlers if getattr(h, "desk_file", False)]:
        root.removeHandler(old)
    handler.desk_file = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return logs_dir / LOG_FILE_NAME
