"""UI layer: the 暖新驿站 panel — one click per platform checks in a courier, rider or driver with no personal
data; the ticked services go with that click. Today's counts are shown on the buttons and beneath them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.domain.people import ALL_STATION_SERVICES, Platform, StationService
from desk.services.visits import CourierCounts, VisitRow
from desk.ui.pages import PageContext
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import error_text, platform_name, service_name

COLUMNS = 2  # a narrow column beside the check-in entry, which needs the width for its purposes


class StationPanel(Retranslating, QGroupBox):
    checked_in = Signal(object)  # VisitRow

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("station_panel")
        self._context = context
        self._counts: CourierCounts | None = None
        self._platforms: dict[Platform, QPushButton] = {}
        self._services: dict[StationService, QCheckBox] = {}
        self._intro = QLabel()
        self._intro.setObjectName("station_intro")
        self._intro.setWordWrap(True)
        self._intro.setStyleSheet("color: #5f6368;")
        grid = QGridLayout()
        grid.setSpacing(6)
        for number, platform in enumerate(Platform):
            button = QPushButton()
            button.setObjectName(f"courier_{platform.value}")
            button.setMinimumHeight(52)
            button.clicked.connect(lambda _checked=False, chosen=platform: self._on_platform_clicked(chosen))
            grid.addWidget(button, number // COLUMNS, number % COLUMNS)
            self._platforms[platform] = button
        ticks = QGridLayout()
        ticks.setHorizontalSpacing(10)
        ticks.setVerticalSpacing(4)
        for number, service in enumerate(ALL_STATION_SERVICES):
            box = QCheckBox()
            box.setObjectName(f"service_{(service.name or str(int(service))).lower()}")
            ticks.addWidget(box, number // COLUMNS, number % COLUMNS)
            self._services[service] = box
        self._today = QLabel()
        self._today.setObjectName("station_today")
        self._today.setWordWrap(True)
        self._error = ErrorLabel()
        self._error.setObjectName("station_error")

        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(grid)
        layout.addLayout(ticks)
        layout.addWidget(self._today)
        layout.addWidget(self._error)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("暖新驿站"))
        self._intro.setText(self.tr("快递员、外卖骑手、网约车司机：先勾选用到的服务，再点平台，一次点击登记一人。"))
        for service, box in self._services.items():
            box.setText(service_name(service))
        self._show_counts()

    # -- public --------------------------------------------------------------------------------------------------

    def reload(self) -> None:
        self._counts = self._context.services.visits.courier_counts()
        self._show_counts()

    def ticked(self) -> StationService:
        chosen = StationService.NONE
        for service, box in self._services.items():
            if box.isChecked():
                chosen |= service
        return chosen

    # -- helpers -------------------------------------------------------------------------------------------------

    def _show_counts(self) -> None:
        counts = self._counts
        for platform, button in self._platforms.items():
            today = counts.platforms.get(platform, 0) if counts else 0
            button.setText(self.tr("%1\n今日 %2").replace("%1", platform_name(platform.value)).replace("%2", str(today)))
            button.setToolTip(self.tr("登记一位%1（不记录个人信息）").replace("%1", platform_name(platform.value)))
        if counts is None:
            self._today.setText("")
            return
        used = " · ".join(
            self.tr("%1 %2").replace("%1", service_name(service)).replace("%2", str(counts.services.get(service, 0)))
            for service in ALL_STATION_SERVICES)
        self._today.setText(self.tr("今日共 %n 人次", "", counts.total) + "\n" + used)

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_platform_clicked(self, platform: Platform) -> None:
        self._error.show_text("")
        try:
            visit: VisitRow = self._context.services.visits.check_in_courier(self._context.actor, platform,
                                                                              self.ticked())
        except DeskError as error:
            self._error.show_text(error_text(error))
            return
        for box in self._services.values():  # the ticks were for this courier, not the next one
            box.setChecked(False)
        self.reload()
        self.checked_in.emit(visit)
