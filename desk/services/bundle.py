"""Services layer: every service of the program, built once from a context by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from desk.services.audit import AuditService
from desk.services.auth import AuthService
from desk.services.backups import BackupService
from desk.services.bases import BaseService
from desk.services.bookings import BookingService
from desk.services.charging import ChargingService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.dashboard import DashboardService
from desk.services.day_board import DayBoardService
from desk.services.exports import ExportService
from desk.services.facilities import FacilityService
from desk.services.facility_admin import FacilityAdminService
from desk.services.ledger_exports import LedgerExportService
from desk.services.merchants import MerchantService
from desk.services.people import PeopleService
from desk.services.points import PointsService
from desk.services.preferences import Preferences
from desk.services.projects import ProjectService
from desk.services.reports import ReportService
from desk.services.retention import RetentionService
from desk.services.settings import SettingsService
from desk.services.settlements import SettlementService
from desk.services.staff import StaffService
from desk.services.visit_log import VisitLogService
from desk.services.visits import VisitService
from desk.services.vouchers import VoucherService


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    auth: AuthService
    staff: StaffService
    bases: BaseService
    backups: BackupService
    checks: CheckService
    audit: AuditService
    preferences: Preferences
    settings: SettingsService
    people: PeopleService
    visits: VisitService
    retention: RetentionService
    facilities: FacilityService
    facility_admin: FacilityAdminService
    bookings: BookingService
    day_board: DayBoardService
    charging: ChargingService
    visit_log: VisitLogService
    exports: ExportService
    ledger_exports: LedgerExportService
    points: PointsService
    vouchers: VoucherService
    settlements: SettlementService
    projects: ProjectService
    merchants: MerchantService
    dashboard: DashboardService
    reports: ReportService

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        return cls(
            ctx=ctx, auth=AuthService(ctx), staff=StaffService(ctx), bases=BaseService(ctx),
            backups=BackupService(ctx), checks=CheckService(ctx), audit=AuditService(ctx),
            preferences=Preferences(ctx.location.data_dir), settings=SettingsService(ctx), people=PeopleService(ctx),
            visits=VisitService(ctx), retention=RetentionService(ctx), facilities=FacilityService(ctx),
            facility_admin=FacilityAdminService(ctx),
            bookings=BookingService(ctx), day_board=DayBoardService(ctx), charging=ChargingService(ctx),
            visit_log=VisitLogService(ctx), exports=ExportService(ctx), ledger_exports=LedgerExportService(ctx),
            points=PointsService(ctx), vouchers=VoucherService(ctx),
            projects=ProjectService(ctx), merchants=MerchantService(ctx), settlements=SettlementService(ctx),
            dashboard=DashboardService(ctx), reports=ReportService(ctx),
        )
