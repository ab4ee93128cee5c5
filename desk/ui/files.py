"""UI layer: asking where to save a file the desk made (a PDF, a workbook)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                or str(Path.home()))


def choose_save_file(parent: QWidget, title: str, suggested: Path, file_filter: str, suffix: str) -> Path | None:
    """Ask where to save a file; None when cancelled. `suffix` (".pdf", ".xlsx") is added when the name lacks it.
    Pages import it under their own name so tests can replace it there."""
    chosen, _selected_filter = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def choose_pdf_file(parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
    return choose_save_file(parent, title, suggested, file_filter, ".pdf")
