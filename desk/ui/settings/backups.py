"""UI layer: settings section "备份与恢复" — back up now, restore from a backup, list backups (admins only).

Both run on the background worker: a backup of a large database takes seconds and the window stays usable.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desk.domain.errors import BackupNotSupported, DeskError
from desk.domain.staff import Role
from desk.services.backups import KEEP_DAILY, BackupInfo
from desk.ui import boxes
from desk.ui.pages import PageContext
from desk.ui.settings import SectionSpec, register_section
from desk.ui.settings._common import (
    RowsModel,
    base_zone,
    fit_columns,
    format_datetime,
    make_table,
    selected_row,
)
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import error_text


def choose_backup_file(parent: QWidget, title: str, start: Path, file_filter: str) -> Path | None:
    """Ask for the file to restore from; None when cancelled. Tests replace this function."""
    chosen, _selected_filter = QFileDialog.getOpenFileName(parent, title, str(start), file_filter)
    return Path(chosen) if chosen else None


class BackupModel(RowsModel[BackupInfo]):
    NAME, TIME, SIZE, KIND = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone: dt.tzinfo = dt.UTC

    def headers(self) -> list[str]:
        return [self.tr("文件名"), self.tr("时间"), self.tr("大小"), self.tr("类型")]

    def kind_name(self, info: BackupInfo) -> str:
        names = {
            "daily": self.tr("每日自动"),
            "manual": self.tr("手动"),
            "before_restore": self.tr("恢复前自动"),
            "before_upgrade": self.tr("升级前自动"),
        }
        return names.get(info.kind, self.tr("其他"))

    def cell(self, row: BackupInfo, column: int) -> str:
        if column == self.NAME:
            return row.path.name
        if column == self.TIME:
            return format_datetime(row.modified, self.zone)
        if column == self.SIZE:
            return QLocale().formattedDataSize(row.size_bytes, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)
        return self.kind_name(row)

    def cell_tooltip(self, row: BackupInfo, column: int) -> str | None:
        return str(row.path) if column == self.NAME else None

    def column_alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter if column == self.SIZE else None


class BackupsSection(Retranslating, QWidget):
    restored = Signal()  # the database was replaced: everyone logs in again

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._backups = context.services.backups
        self._busy = False
        self._intro = QLabel()
        self._intro.setObjectName("backup_intro")
        self._intro.setWordWrap(True)
        self._folder_label = QLabel()
        self._folder = QLabel(str(self._backups.folder))
        self._folder.setObjectName("backup_folder")
        self._folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._folder.setWordWrap(True)
        self._unsupported = QLabel()
        self._unsupported.setObjectName("backup_unsupported")
        self._unsupported.setWordWrap(True)
        self._unsupported.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._unsupported.setStyleSheet("color: #7a4b00; background: #fff4d6; padding: 6px;")
        self._model = BackupModel(self)
        self._table = make_table("backups_table", self._model)
        self._backup_now = QPushButton()
        self._backup_now.setObjectName("backup_now")
        self._restore = QPushButton()
        self._restore.setObjectName("restore_backup")
        self._result = QLabel()
        self._result.setObjectName("backup_result")
        self._result.setWordWrap(True)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._error = ErrorLabel()
        self._error.setObjectName("backup_error")

        folder_row = QHBoxLayout()
        folder_row.addWidget(self._folder_label)
        folder_row.addWidget(self._folder, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self._backup_now)
        buttons.addWidget(self._restore)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._unsupported)
        layout.addLayout(folder_row)
        layout.addWidget(self._table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self._error)
        layout.addWidget(self._result)

        self._unsupported.setVisible(not self._backups.supported)
        self._backup_now.clicked.connect(self._on_backup_now_clicked)
        self._restore.clicked.connect(self._on_restore_clicked)
        self._update_buttons()
        self.retranslate()

    def retranslate(self) -> None:
        self._intro.setText(self.tr(
            "程序每天自动备份一次数据库，保留最近 %n 天的自动备份；手动备份不会被自动删除。"
            "重要操作（如批量导入）之前，建议先立即备份。", "", KEEP_DAILY))
        self._folder_label.setText(self.tr("备份文件夹："))
        self._unsupported.setText(error_text(BackupNotSupported(location=self._context.services.ctx.location.display)))
        self._backup_now.setText(self.tr("立即备份"))
        self._restore.setText(self.tr("从备份恢复…"))
        self._model.relabel()
        fit_columns(self._table)

    def refresh(self) -> None:
        self._model.zone = base_zone(self._context.services.bases.profile().timezone)
        newest_first = sorted(self._backups.list_backups(), key=lambda info: info.modified, reverse=True)
        self._model.set_rows(newest_first)
        fit_columns(self._table)

    def _update_buttons(self) -> None:
        enabled = self._backups.supported and not self._busy
        self._backup_now.setEnabled(enabled)
        self._restore.setEnabled(enabled)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self._update_buttons()
        if busy:
            self._error.show_text("")
            self._result.setText(text)

    def _on_failed(self, error: DeskError) -> None:
        if not isValid(self):  # the window closed (logged out) while the worker ran
            return
        self.window().setEnabled(True)
        self._set_busy(False)
        self._result.clear()
        self._error.show_text(error_text(error))
        self.refresh()

    # -- back up -------------------------------------------------------------------------------------------------

    def _on_backup_now_clicked(self) -> None:
        actor = self._context.actor
        self._set_busy(True, self.tr("正在备份…"))
        self._context.tasks.run(lambda: self._backups.backup_now(actor), self._on_backed_up, self._on_failed)

    def _on_backed_up(self, path: Path) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self.refresh()
        self._result.setText(self.tr("已备份到：%1").replace("%1", str(path)))

    # -- restore -------------------------------------------------------------------------------------------------

    def _on_restore_clicked(self) -> None:
        chosen = self._model.row_at(selected_row(self._table))
        start = chosen.path if chosen is not None else self._backups.folder
        source = choose_backup_file(self, self.tr("选择要恢复的备份"), start,
                                    self.tr("数据库备份 (*.sqlite3);;所有文件 (*)"))
        if source is None:
            return
        text = self.tr("用备份“%1”替换现在的全部数据？\n\n恢复前会先把现在的数据自动备份到备份文件夹。"
                       "恢复后所有人（包括您）都需要重新登录，其他前台也要重新登录。").replace("%1", source.name)
        if not boxes.confirm(self, self.tr("从备份恢复"), text):
            return
        actor = self._context.actor
        self._set_busy(True, self.tr("正在检查并恢复备份…"))
        # Nothing else may read or write while the database file is being replaced.
        self.window().setEnabled(False)
        self._context.tasks.run(lambda: self._backups.restore(actor, source), self._on_restored, self._on_failed)

    def _on_restored(self, safety: Path) -> None:
        if not isValid(self):
            return
        self.window().setEnabled(True)
        self._set_busy(False)
        self.refresh()
        self._result.setText(self.tr("已恢复。原来的数据保存在：%1").replace("%1", str(safety)))
        boxes.inform(self, self.tr("已从备份恢复"), self.tr(
            "数据已从备份恢复。原来的数据保存在：\n%1\n\n请重新登录。").replace("%1", str(safety)))
        self.restored.emit()


register_section(SectionSpec(
    key="backups",
    title=str(QT_TRANSLATE_NOOP("Settings", "备份与恢复")),
    order=400,
    roles=frozenset({Role.ADMIN}),
    factory=BackupsSection,
))
