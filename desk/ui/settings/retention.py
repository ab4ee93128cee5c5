"""UI layer: settings section "个人信息保留" (admins only) — how long visitors' names and phones are kept, who
would be anonymised now, and anonymising them at once. Saving the period once is what lets the daily run start
(desk.ui.session); until then nothing is anonymised by itself.

Counting who is due reads every person, so the preview and the purge run on the background worker.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desk.domain.errors import DeskError
from desk.domain.staff import Role
from desk.services.retention import RETENTION_KEY, PurgeResult
from desk.services.settings import INTEGER_SETTINGS
from desk.ui import boxes
from desk.ui.pages import PageContext
from desk.ui.settings import SectionSpec, register_section
from desk.ui.settings._common import base_zone
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating

PREVIEW_DELAY_MS = 300


class RetentionSection(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._retention = context.services.retention
        self._saved_days = self._retention.days
        self._confirmed = self._retention.confirmed
        self._preview: PurgeResult | None = None
        self._generation = 0
        self._busy = False

        self._intro = QLabel()
        self._intro.setObjectName("retention_intro")
        self._intro.setWordWrap(True)
        self._box = QGroupBox()
        self._days_label = QLabel()
        self._days = QSpinBox()
        self._days.setObjectName("retention_days")
        _default, low, high = INTEGER_SETTINGS[RETENTION_KEY]
        self._days.setRange(low, high)
        self._days.setValue(self._saved_days)
        self._days.setMinimumWidth(120)
        self._preview_label = QLabel()
        self._preview_label.setObjectName("retention_preview")
        self._preview_label.setWordWrap(True)
        self._status = QLabel()
        self._status.setObjectName("retention_status")
        self._status.setWordWrap(True)
        self._save = QPushButton()
        self._save.setObjectName("save_retention")
        self._purge = QPushButton()
        self._purge.setObjectName("purge_now")
        self._result = QLabel()
        self._result.setObjectName("retention_result")
        self._result.setWordWrap(True)
        self._error = ErrorLabel()
        self._error.setObjectName("retention_error")
        self._errors = FieldErrors(self._error)

        form = QFormLayout(self._box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        days_row = QWidget()
        days_line = QHBoxLayout(days_row)
        days_line.setContentsMargins(0, 0, 0, 0)
        days_line.addWidget(self._days)
        days_line.addStretch(1)
        form.addRow(self._days_label, self._errors.with_label(RETENTION_KEY, days_row))
        form.addRow("", self._preview_label)
        form.addRow("", self._status)
        buttons = QHBoxLayout()
        buttons.addWidget(self._save)
        buttons.addWidget(self._purge)
        buttons.addStretch(1)
        form.addRow("", buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._box)
        layout.addWidget(self._error)
        layout.addWidget(self._result)
        layout.addStretch(1)
        self._box.setMaximumWidth(760)
        self._intro.setMaximumWidth(760)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._start_preview)
        self._days.valueChanged.connect(self._on_days_changed)
        self._save.clicked.connect(self._on_save_clicked)
        self._purge.clicked.connect(self._on_purge_clicked)
        self.retranslate()
        self._update_buttons()

    # -- public --------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._saved_days = self._retention.days
        self._confirmed = self._retention.confirmed
        self._days.blockSignals(True)
        self._days.setValue(self._saved_days)
        self._days.blockSignals(False)
        self._errors.clear()
        self._show_status()
        self._update_buttons()
        self._start_preview()

    def retranslate(self) -> None:
        self._intro.setText(self.tr(
            "到访群众的姓名和电话只保留一段时间。超过保留天数没有再来、也不是积分会员的人，姓名和电话会被匿名化"
            "（删除且无法恢复）；到访记录和各项统计人数保留不变。"))
        self._box.setTitle(self.tr("保留期限"))
        self._days_label.setText(self.tr("保留天数"))
        self._days.setSuffix(self.tr(" 天"))
        self._save.setText(self.tr("保存"))
        self._purge.setText(self.tr("立即执行…"))
        self._purge.setToolTip(self.tr("按已保存的保留天数立即匿名化"))
        self._show_preview()
        self._show_status()

    # -- preview -------------------------------------------------------------------------------------------------

    def _cutoff_text(self, result: PurgeResult) -> str:
        zone = base_zone(self._context.services.bases.profile().timezone)
        return result.cutoff.astimezone(zone).date().isoformat()

    def _on_days_changed(self, _value: int) -> None:
        self._update_buttons()
        self._preview_timer.start()  # one count after the spin box stops moving

    def _start_preview(self) -> None:
        self._preview_timer.stop()
        self._generation += 1
        generation, days, retention = self._generation, self._days.value(), self._retention
        self._preview = None
        self._show_preview()
        self._context.tasks.run(lambda: retention.preview(days),
                                lambda result: self._on_previewed(generation, result), self._on_failed)

    def _on_previewed(self, generation: int, result: PurgeResult) -> None:
        if not isValid(self) or generation != self._generation:
            return  # the days changed again while counting
        self._preview = result
        self._show_preview()

    def _show_preview(self) -> None:
        if self._preview is None:
            self._preview_label.setText(self.tr("正在统计…"))
            return
        text = self.tr("%n 人的姓名和电话将被匿名化（最近一次到访早于 %1，且不是积分会员）", "", self._preview.people)
        self._preview_label.setText(text.replace("%1", self._cutoff_text(self._preview)))

    def _show_status(self) -> None:
        if self._confirmed:
            self._status.setText(self.tr("自动匿名化已启用：程序每天自动执行一次。"))
            self._status.setStyleSheet("color: #1e6b34;")
        else:
            self._status.setText(self.tr("自动匿名化尚未启用：确认上面的人数后保存一次，程序才会每天自动执行。"))
            self._status.setStyleSheet("color: #7a4b00;")

    # -- actions -------------------------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        self._save.setEnabled(not self._busy)
        # Running now uses the saved period: with an unsaved change it would not do what the preview says.
        self._purge.setEnabled(not self._busy and self._days.value() == self._saved_days)

    def _on_save_clicked(self) -> None:
        self._errors.clear()
        self._result.clear()
        try:
            self._saved_days = self._retention.set_days(self._context.actor, self._days.value())
        except DeskError as error:
            self._errors.show(error)
            return
        self._confirmed = True
        self._show_status()
        self._update_buttons()
        self._result.setText(self.tr("已保存：保留 %n 天。", "", self._saved_days))

    def _on_purge_clicked(self) -> None:
        people = self._preview.people if self._preview is not None else None
        text = self.tr("现在就把符合条件的人的姓名和电话匿名化吗？此操作无法撤销。")
        if people is not None:
            text = self.tr("现在就把这 %n 人的姓名和电话匿名化吗？此操作无法撤销。", "", people)
        if not boxes.confirm(self, self.tr("立即匿名化"), text):
            return
        actor, retention = self._context.actor, self._retention
        self._busy = True
        self._update_buttons()
        self._errors.clear()
        self._result.setText(self.tr("正在匿名化…"))
        self._context.tasks.run(lambda: retention.purge(actor), self._on_purged, self._on_failed)

    def _on_purged(self, result: PurgeResult) -> None:
        if not isValid(self):
            return
        self._busy = False
        self._update_buttons()
        self._result.setText(self.tr("已匿名化 %n 人（最近一次到访早于 %1）。", "", result.people)
                             .replace("%1", self._cutoff_text(result)))
        self._start_preview()

    def _on_failed(self, error: DeskError) -> None:
        if not isValid(self):
            return
        self._busy = False
        self._update_buttons()
        self._result.clear()
        self._errors.show(error)


register_section(SectionSpec(
    key="retention",
    title=str(QT_TRANSLATE_NOOP("Settings", "个人信息保留")),
    order=350,
    roles=frozenset({Role.ADMIN}),
    factory=RetentionSection,
))
