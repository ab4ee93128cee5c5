"""UI layer: the one module that opens message boxes. Field validation errors never come here: they are shown
next to their field. Each box is a module function, so tests patch it instead of answering a real dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desk.domain.errors import DeskError
from desk.ui.wording import error_text

translate = QCoreApplication.translate


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def show_error(parent: QWidget | None, error: DeskError) -> None:
    """An expected failure that belongs to no field (e.g. the database became locked)."""
    QMessageBox.warning(parent, translate("Boxes", "未能完成"), error_text(error))


def show_crash(parent: QWidget | None, summary: str, log_path: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, translate("Boxes", "程序出错"),
                      translate("Boxes", "程序遇到了意外错误，刚才的操作可能没有完成。\n\n%1\n\n详细信息已写入日志：\n%2\n"
                         "请把日志文件发给维护人员。").replace("%1", summary).replace("%2", log_path),
                      QMessageBox.StandardButton.Ok, parent)
    box.exec()


def show_fatal(text: str) -> None:
    """A start-up failure (missing, locked or too-new database): explain, then the program ends."""
    QMessageBox.critical(None, translate("Boxes", "无法启动红色港湾前台"), text)
