"""UI layer: settings section "操作日志" — who did what, newest first, read-only (admins only).

The log only grows, so the table loads one page at a time as it is scrolled (keyset paging on `seq`).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.domain.staff import Role
from desk.services.audit import AuditRow, AuditService
from desk.ui.pages import PageContext
from desk.ui.settings import SectionSpec, register_section
from desk.ui.settings._common import AnyIndex, RowsModel, base_zone, fit_columns, format_datetime, make_table
from desk.ui.widgets import Retranslating

PAGE_SIZE = 100
_CTX = "AuditLogModel"

# Every action code the services write; a code not listed here (from a newer program) is shown as it is.
ACTION_LABELS = {
    "login": str(QT_TRANSLATE_NOOP("AuditLogModel", "登录")),
    "login_failed": str(QT_TRANSLATE_NOOP("AuditLogModel", "登录失败")),
    "login_locked": str(QT_TRANSLATE_NOOP("AuditLogModel", "多次登录失败，账户锁定")),
    "login_refused_locked": str(QT_TRANSLATE_NOOP("AuditLogModel", "锁定期间尝试登录")),
    "login_refused_disabled": str(QT_TRANSLATE_NOOP("AuditLogModel", "已停用账户尝试登录")),
    "logout": str(QT_TRANSLATE_NOOP("AuditLogModel", "注销")),
    "password_changed": str(QT_TRANSLATE_NOOP("AuditLogModel", "修改自己的密码")),
    "password_reset": str(QT_TRANSLATE_NOOP("AuditLogModel", "重置密码")),
    "staff_added": str(QT_TRANSLATE_NOOP("AuditLogModel", "新增工作人员")),
    "staff_edited": str(QT_TRANSLATE_NOOP("AuditLogModel", "编辑工作人员")),
    "staff_enabled": str(QT_TRANSLATE_NOOP("AuditLogModel", "启用工作人员")),
    "staff_disabled": str(QT_TRANSLATE_NOOP("AuditLogModel", "停用工作人员")),
    "base_set_up": str(QT_TRANSLATE_NOOP("AuditLogModel", "首次设置基地")),
    "base_created": str(QT_TRANSLATE_NOOP("AuditLogModel", "新建基地")),
    "base_edited": str(QT_TRANSLATE_NOOP("AuditLogModel", "修改基地信息")),
    "hours_changed": str(QT_TRANSLATE_NOOP("AuditLogModel", "修改开放时间")),
    "closure_added": str(QT_TRANSLATE_NOOP("AuditLogModel", "新增闭馆日")),
    "closure_removed": str(QT_TRANSLATE_NOOP("AuditLogModel", "删除闭馆日")),
    "backup_made": str(QT_TRANSLATE_NOOP("AuditLogModel", "备份数据库")),
    "database_restored": str(QT_TRANSLATE_NOOP("AuditLogModel", "从备份恢复数据库")),
    "demo_seeded": str(QT_TRANSLATE_NOOP("AuditLogModel", "生成演示数据")),
    "booking_cancelled": str(QT_TRANSLATE_NOOP("AuditLogModel", "取消预约")),
    "booking_checked_in": str(QT_TRANSLATE_NOOP("AuditLogModel", "预约签到")),
    "booking_completed": str(QT_TRANSLATE_NOOP("AuditLogModel", "预约完成")),
    "booking_created": str(QT_TRANSLATE_NOOP("AuditLogModel", "新建预约")),
    "booking_extended": str(QT_TRANSLATE_NOOP("AuditLogModel", "延长预约")),
    "booking_walk_in": str(QT_TRANSLATE_NOOP("AuditLogModel", "现场使用")),
    "bookings_no_show": str(QT_TRANSLATE_NOOP("AuditLogModel", "预约未到释放")),
    "cleaning_logged": str(QT_TRANSLATE_NOOP("AuditLogModel", "清洁消毒登记")),
    "date_override_removed": str(QT_TRANSLATE_NOOP("AuditLogModel", "取消特别开放安排")),
    "date_override_set": str(QT_TRANSLATE_NOOP("AuditLogModel", "设置特别开放安排")),
    "facility_added": str(QT_TRANSLATE_NOOP("AuditLogModel", "新增设施")),
    "facility_hours_changed": str(QT_TRANSLATE_NOOP("AuditLogModel", "修改设施开放时间")),
    "facility_renamed": str(QT_TRANSLATE_NOOP("AuditLogModel", "设施改名")),
    "facility_rules_changed": str(QT_TRANSLATE_NOOP("AuditLogModel", "修改预约规则")),
    "people_anonymised": str(QT_TRANSLATE_NOOP("AuditLogModel", "匿名化到访者信息")),
    "person_added": str(QT_TRANSLATE_NOOP("AuditLogModel", "登记群众")),
    "person_edited": str(QT_TRANSLATE_NOOP("AuditLogModel", "修改群众信息")),
    "series_created": str(QT_TRANSLATE_NOOP("AuditLogModel", "新建周期预约")),
    "setting_changed": str(QT_TRANSLATE_NOOP("AuditLogModel", "修改设置")),
    "suspension_lifted": str(QT_TRANSLATE_NOOP("AuditLogModel", "解除预约暂停")),
    "unit_added": str(QT_TRANSLATE_NOOP("AuditLogModel", "新增位置")),
    "unit_edited": str(QT_TRANSLATE_NOOP("AuditLogModel", "修改位置")),
    "unit_out_of_order": str(QT_TRANSLATE_NOOP("AuditLogModel", "标记故障")),
    "unit_repaired": str(QT_TRANSLATE_NOOP("AuditLogModel", "故障修复")),
    "visit_checked_in": str(QT_TRANSLATE_NOOP("AuditLogModel", "到访签到")),
    "visit_corrected": str(QT_TRANSLATE_NOOP("AuditLogModel", "更正到访记录")),
    "visit_services": str(QT_TRANSLATE_NOOP("AuditLogModel", "登记驿站服务")),
    "visits_auto_checked_out": str(QT_TRANSLATE_NOOP("AuditLogModel", "闭馆自动签退")),
    "visits_checked_out": str(QT_TRANSLATE_NOOP("AuditLogModel", "签退")),
    "visits_exported": str(QT_TRANSLATE_NOOP("AuditLogModel", "导出到访记录")),
    "bookings_exported": str(QT_TRANSLATE_NOOP("AuditLogModel", "导出预约台账")),
    "charging_exported": str(QT_TRANSLATE_NOOP("AuditLogModel", "导出充电台账")),
    "points_ledger_exported": str(QT_TRANSLATE_NOOP("AuditLogModel", "导出积分流水台账")),
    "vouchers_exported": str(QT_TRANSLATE_NOOP("AuditLogModel", "导出兑换券台账")),
    "member_joined": str(QT_TRANSLATE_NOOP("AuditLogModel", "加入红色积分")),
    "project_created": str(QT_TRANSLATE_NOOP("AuditLogModel", "新建服务项目")),
    "project_edited": str(QT_TRANSLATE_NOOP("AuditLogModel", "修改服务项目")),
    "project_status_changed": str(QT_TRANSLATE_NOOP("AuditLogModel", "更改项目状态")),
    "project_claimed": str(QT_TRANSLATE_NOOP("AuditLogModel", "认领项目")),
    "claim_cancelled": str(QT_TRANSLATE_NOOP("AuditLogModel", "取消认领")),
    "claim_absent": str(QT_TRANSLATE_NOOP("AuditLogModel", "认领未到")),
    "points_notice_exported": str(QT_TRANSLATE_NOOP("AuditLogModel", "导出积分公示")),
    "voucher_issued": str(QT_TRANSLATE_NOOP("AuditLogModel", "兑换积分，开出兑换券")),
    "voucher_reprinted": str(QT_TRANSLATE_NOOP("AuditLogModel", "重印兑换券")),
    "voucher_redeemed": str(QT_TRANSLATE_NOOP("AuditLogModel", "核销兑换券")),
    "voucher_voided": str(QT_TRANSLATE_NOOP("AuditLogModel", "作废兑换券")),
    "vouchers_expired": str(QT_TRANSLATE_NOOP("AuditLogModel", "兑换券过期")),
    "vouchers_settled": str(QT_TRANSLATE_NOOP("AuditLogModel", "商家结算")),
    "settlement_exported": str(QT_TRANSLATE_NOOP("AuditLogModel", "导出结算单")),
    "report_exported": str(QT_TRANSLATE_NOOP("AuditLogModel", "导出统计报表")),
    # One per ledger entry kind ("points_" + EntryKind value).
    "points_earn": str(QT_TRANSLATE_NOOP("AuditLogModel", "获得积分")),
    "points_spend": str(QT_TRANSLATE_NOOP("AuditLogModel", "使用积分")),
    "points_refund": str(QT_TRANSLATE_NOOP("AuditLogModel", "退还积分")),
    "points_adjust": str(QT_TRANSLATE_NOOP("AuditLogModel", "调整积分")),
    "points_expire": str(QT_TRANSLATE_NOOP("AuditLogModel", "积分过期")),
    "points_reverse": str(QT_TRANSLATE_NOOP("AuditLogModel", "冲正积分")),
    "merchant_added": str(QT_TRANSLATE_NOOP("AuditLogModel", "新增联盟商家")),
    "merchant_edited": str(QT_TRANSLATE_NOOP("AuditLogModel", "修改联盟商家")),
    "merchant_activated": str(QT_TRANSLATE_NOOP("AuditLogModel", "启用联盟商家")),
    "merchant_deactivated": str(QT_TRANSLATE_NOOP("AuditLogModel", "停用联盟商家")),
    "reward_added": str(QT_TRANSLATE_NOOP("AuditLogModel", "新增兑换项目")),
    "reward_edited": str(QT_TRANSLATE_NOOP("AuditLogModel", "修改兑换项目")),
    "reward_activated": str(QT_TRANSLATE_NOOP("AuditLogModel", "启用兑换项目")),
    "reward_deactivated": str(QT_TRANSLATE_NOOP("AuditLogModel", "停用兑换项目")),
    "reward_restocked": str(QT_TRANSLATE_NOOP("AuditLogModel", "兑换项目补货")),
}

ENTITY_LABELS = {
    "staff": str(QT_TRANSLATE_NOOP("AuditLogModel", "工作人员")),
    "base": str(QT_TRANSLATE_NOOP("AuditLogModel", "基地")),
    "closure": str(QT_TRANSLATE_NOOP("AuditLogModel", "闭馆日")),
    "database": str(QT_TRANSLATE_NOOP("AuditLogModel", "数据库")),
    "booking": str(QT_TRANSLATE_NOOP("AuditLogModel", "预约")),
    "booking_series": str(QT_TRANSLATE_NOOP("AuditLogModel", "周期预约")),
    "date_override": str(QT_TRANSLATE_NOOP("AuditLogModel", "特别开放安排")),
    "facility": str(QT_TRANSLATE_NOOP("AuditLogModel", "设施")),
    "person": str(QT_TRANSLATE_NOOP("AuditLogModel", "群众")),
    "setting": str(QT_TRANSLATE_NOOP("AuditLogModel", "设置")),
    "unit": str(QT_TRANSLATE_NOOP("AuditLogModel", "位置")),
    "visit": str(QT_TRANSLATE_NOOP("AuditLogModel", "到访")),
    "member": str(QT_TRANSLATE_NOOP("AuditLogModel", "会员")),
    "points_entry": str(QT_TRANSLATE_NOOP("AuditLogModel", "积分流水")),
    "project": str(QT_TRANSLATE_NOOP("AuditLogModel", "服务项目")),
    "project_claim": str(QT_TRANSLATE_NOOP("AuditLogModel", "项目认领")),
    "points_notice": str(QT_TRANSLATE_NOOP("AuditLogModel", "积分公示")),
    "voucher": str(QT_TRANSLATE_NOOP("AuditLogModel", "兑换券")),
    "settlement": str(QT_TRANSLATE_NOOP("AuditLogModel", "结算单")),
    "merchant": str(QT_TRANSLATE_NOOP("AuditLogModel", "联盟商家")),
    "reward": str(QT_TRANSLATE_NOOP("AuditLogModel", "兑换项目")),
    "report": str(QT_TRANSLATE_NOOP("AuditLogModel", "统计报表")),
}

ACTOR_LABELS = {
    "system": str(QT_TRANSLATE_NOOP("AuditLogModel", "系统")),
    "cli": str(QT_TRANSLATE_NOOP("AuditLogModel", "命令行")),
}


def _translated(labels: dict[str, str], code: str) -> str:
    source = labels.get(code)
    return QCoreApplication.translate(_CTX, source) if source is not None else code


def action_name(code: str) -> str:
    return _translated(ACTION_LABELS, code)


class AuditLogModel(RowsModel[AuditRow]):
    TIME, ACTOR, ACTION, TARGET, SUMMARY = range(5)

    def __init__(self, audit: AuditService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._audit = audit
        self._more = False
        self.zone: dt.tzinfo = dt.UTC

    def headers(self) -> list[str]:
        return [self.tr("时间"), self.tr("操作人"), self.tr("操作"), self.tr("对象"), self.tr("摘要")]

    def cell(self, row: AuditRow, column: int) -> str:
        if column == self.TIME:
            return format_datetime(row.at, self.zone, seconds=True)
        if column == self.ACTOR:
            return _translated(ACTOR_LABELS, row.actor)
        if column == self.ACTION:
            return action_name(row.action)
        if column == self.TARGET:
            return f"{_translated(ENTITY_LABELS, row.entity)} {row.entity_id}".strip()
        return row.summary

    def cell_tooltip(self, row: AuditRow, column: int) -> str | None:
        if column == self.ACTION:
            return row.action
        if column == self.SUMMARY and row.summary:
            return row.summary
        return None

    def reload(self) -> None:
        rows = self._audit.page(None, PAGE_SIZE)
        self._more = len(rows) == PAGE_SIZE
        self.set_rows(rows)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's own default
        return not parent.isValid() and self._more

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008 - Qt's own default
        if parent.isValid() or not self._more:
            return
        before = self._rows[-1].seq if self._rows else None
        rows = self._audit.page(before, PAGE_SIZE)
        self._more = len(rows) == PAGE_SIZE
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()


class AuditLogSection(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._model = AuditLogModel(context.services.audit, self)
        self._table = make_table("audit_table", self._model)
        self._table.setWordWrap(False)
        self._intro = QLabel()
        self._intro.setObjectName("audit_intro")
        self._intro.setWordWrap(True)
        self._refresh = QPushButton()
        self._refresh.setObjectName("refresh_audit")
        top = QHBoxLayout()
        top.addWidget(self._intro, 1)
        top.addWidget(self._refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._table, 1)
        self._refresh.clicked.connect(self._on_refresh_clicked)
        self.retranslate()

    @property
    def model(self) -> AuditLogModel:
        return self._model

    def retranslate(self) -> None:
        self._intro.setText(self.tr("每项操作都记录在这里，最新的在最上面。日志只能查看，不能修改或删除。"))
        self._refresh.setText(self.tr("刷新"))
        self._model.relabel()

    def refresh(self) -> None:
        self._model.zone = base_zone(self._context.services.bases.profile().timezone)
        self._model.reload()
        fit_columns(self._table)
        self._table.scrollToTop()

    def _on_refresh_clicked(self) -> None:
        self.refresh()


register_section(SectionSpec(
    key="audit_log",
    title=str(QT_TRANSLATE_NOOP("Settings", "操作日志")),
    order=500,
    roles=frozenset({Role.ADMIN}),
    factory=AuditLogSection,
))
