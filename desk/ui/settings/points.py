"""UI layer: settings section "红色积分" (admins only) — when earned points expire, how many points one member
may earn per day and per month (0 means never / no cap), and whether an expired, unused voucher refunds its points. Each value is saved with SettingsService.set_int, which
refuses a value out of its range; the refusal is shown under that field."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError, OutOfRange
from desk.domain.staff import Role
from desk.services.points import DAILY_CAP_SETTING, EXPIRY_DAYS_SETTING, MONTHLY_CAP_SETTING
from desk.services.settings import INTEGER_SETTINGS
from desk.services.vouchers import EXPIRY_REFUND_SETTING
from desk.ui.pages import PageContext
from desk.ui.settings import SectionSpec, register_section
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating

KEYS = (EXPIRY_DAYS_SETTING, DAILY_CAP_SETTING, MONTHLY_CAP_SETTING)
EXPLANATION_STYLE = "color: #5f6368;"
TYPED_MAX = 9_999_999


class PointsSection(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._settings = context.services.settings

        self._intro = QLabel()
        self._intro.setObjectName("points_settings_intro")
        self._intro.setWordWrap(True)
        self._box = QGroupBox()
        self._error = ErrorLabel()
        self._error.setObjectName("points_settings_error")
        self._errors = FieldErrors(self._error)
        self._labels: dict[str, QLabel] = {}
        self._spins: dict[str, QSpinBox] = {}
        self._explanations: dict[str, QLabel] = {}
        form = QFormLayout(self._box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in KEYS:
            spin = QSpinBox()
            spin.setObjectName(key)
            # Wider than allowed: a mistyped extra digit is refused with the range named, not silently dropped.
            spin.setRange(0, TYPED_MAX)
            spin.setMinimumWidth(140)
            spin.setAccelerated(True)
            explanation = QLabel()
            explanation.setObjectName(f"{key}_explanation")
            explanation.setWordWrap(True)
            explanation.setStyleSheet(EXPLANATION_STYLE)
            field = QWidget()
            column = QVBoxLayout(field)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            line = QHBoxLayout()
            line.addWidget(spin)
            line.addStretch(1)
            column.addLayout(line)
            column.addWidget(explanation)
            label = QLabel()
            label.setBuddy(spin)
            form.addRow(label, self._errors.with_label(key, field))
            self._labels[key], self._spins[key], self._explanations[key] = label, spin, explanation
        # Vouchers are paid in points: whether an expired, unused one gives them back is a points rule too.
        self._refund = QCheckBox()
        self._refund.setObjectName(EXPIRY_REFUND_SETTING)
        self._refund_explanation = QLabel()
        self._refund_explanation.setObjectName(f"{EXPIRY_REFUND_SETTING}_explanation")
        self._refund_explanation.setWordWrap(True)
        self._refund_explanation.setStyleSheet(EXPLANATION_STYLE)
        refund = QWidget()
        refund_column = QVBoxLayout(refund)
        refund_column.setContentsMargins(0, 0, 0, 0)
        refund_column.setSpacing(2)
        refund_column.addWidget(self._refund)
        refund_column.addWidget(self._refund_explanation)
        form.addRow("", refund)
        self._save = QPushButton()
        self._save.setObjectName("save_points_settings")
        buttons = QHBoxLayout()
        buttons.addWidget(self._save)
        buttons.addStretch(1)
        form.addRow("", buttons)
        self._result = QLabel()
        self._result.setObjectName("points_settings_result")
        self._result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._box)
        layout.addWidget(self._error)
        layout.addWidget(self._result)
        layout.addStretch(1)
        self._box.setMaximumWidth(760)
        self._intro.setMaximumWidth(760)

        self._save.clicked.connect(self._on_save_clicked)
        self.refresh()
        self.retranslate()

    def refresh(self) -> None:
        for key, spin in self._spins.items():
            spin.setValue(self._settings.get_int(key))
        self._refund.setChecked(self._settings.get_bool(EXPIRY_REFUND_SETTING))
        self._errors.clear()

    def retranslate(self) -> None:
        self._intro.setText(self.tr(
            "红色积分的规则，对所有前台一起生效。积分流水只增不改：规则改动只影响以后的积分，已记的不变。"))
        self._box.setTitle(self.tr("积分规则"))
        labels = {EXPIRY_DAYS_SETTING: self.tr("有效期(&E)"), DAILY_CAP_SETTING: self.tr("每日上限(&D)"),
                  MONTHLY_CAP_SETTING: self.tr("每月上限(&M)")}
        explanations = {
            EXPIRY_DAYS_SETTING: self.tr("获得的积分多少天后过期；0 表示永不过期。先用快到期的积分，到期未用的自动扣除。"),
            DAILY_CAP_SETTING: self.tr("每位会员每天最多获得的积分；0 表示不限。超过时记分会被拒绝并说明原因。"),
            MONTHLY_CAP_SETTING: self.tr("每位会员每个自然月最多获得的积分；0 表示不限。"),
        }
        for key in KEYS:
            self._labels[key].setText(labels[key])
            self._explanations[key].setText(explanations[key])
        self._spins[EXPIRY_DAYS_SETTING].setSuffix(self.tr(" 天"))
        self._spins[EXPIRY_DAYS_SETTING].setSpecialValueText(self.tr("永不过期"))
        for key in (DAILY_CAP_SETTING, MONTHLY_CAP_SETTING):
            self._spins[key].setSuffix(self.tr(" 积分"))
            self._spins[key].setSpecialValueText(self.tr("不限"))
        self._refund.setText(self.tr("过期未使用的兑换券退回积分(&R)"))
        self._refund_explanation.setText(self.tr(
            "勾选时，兑换券过了有效期仍未核销，所用积分自动退回会员，库存恢复；不勾选时只恢复库存。"))
        self._save.setText(self.tr("保存"))

    def _on_save_clicked(self) -> None:
        self._errors.clear()
        self._result.clear()
        actor = self._context.actor
        for spin in self._spins.values():
            spin.interpretText()  # a number typed but not yet committed counts too
        values = {key: spin.value() for key, spin in self._spins.items()}
        try:
            # Every value is checked before the first is written: one refused value leaves all three as they were.
            for key, value in values.items():
                _default, low, high = INTEGER_SETTINGS[key]
                if not low <= value <= high:
                    raise OutOfRange(key, minimum=low, maximum=high)
            for key, value in values.items():
                self._spins[key].setValue(self._settings.set_int(actor, key, value))
            self._refund.setChecked(self._settings.set_bool(actor, EXPIRY_REFUND_SETTING, self._refund.isChecked()))
        except DeskError as error:
            self._errors.show(error)
            return
        self._result.setText(self.tr("已保存。"))


register_section(SectionSpec(
    key="points",
    title=str(QT_TRANSLATE_NOOP("Settings", "红色积分")),
    order=360,
    roles=frozenset({Role.ADMIN}),
    factory=PointsSection,
))
