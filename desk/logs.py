"""Logging to a rotating file in the data folder; one named logger per area (desk.ui, desk.tasks, qt, ...)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_FILE_NAME = "desk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5


class RotatingFile(logging.FileHandler):
    """desk.log, moved to desk.log.1 … desk.log.5 when it would pass MAX_BYTES.

    The same rotation as `logging.handlers.RotatingFileHandler`, which is not used because importing
    `logging.handlers` (socket, pickle, queue) costs several milliseconds before the first dialog appears.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT) -> None:
        super().__init__(path, encoding="utf-8")
        self._max_bytes = max_bytes
        self._backup_count = backup_count

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self._max_bytes > 0 and self._backup_count > 0:
                size = self.stream.tell() + len(self.format(record).encode("utf-8")) + 1
                if size > self._max_bytes and self.stream.tell() > 0:
                    self._rotate()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
        for index in range(self._backup_count - 1, 0, -1):
            older = f"{self.baseFilename}.{index}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{index + 1}")
        os.replace(self.baseFilename, f"{self.baseFilename}.1")
        self.stream = self._open()


def setup_logging(logs_dir: Path, level: int = logging.INFO) -> Path | None:
    """Log to logs_dir/desk.log (1 MB × 5). Returns the path, or None if the folder is not writable."""
    root = logging.getLogger()
    root.setLevel(level)
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFile(logs_dir / LOG_FILE_NAME)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in root.handlers if getattr(h, "desk_file", False)]:
        root.removeHandler(old)
    handler.desk_file = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return logs_dir / LOG_FILE_NAME
