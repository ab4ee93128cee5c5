"""Services layer: every service of the program, built once from a context by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from desk.services.audit import AuditService
from desk.services.auth import AuthService
from desk.services.backups import BackupService
from desk.services.bases import BaseService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService
from desk.services.preferences import Preferences
from desk.services.retention import RetentionService
from desk.services.settings import SettingsService
from desk.services.staff import StaffService
from desk.services.visits import VisitService


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

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        return cls(ctx, AuthService(ctx), StaffService(ctx), BaseService(ctx), BackupService(ctx), CheckService(ctx),
                   AuditService(ctx), Preferences(ctx.location.data_dir), SettingsService(ctx), PeopleService(ctx),
                   VisitService(ctx), RetentionService(ctx))
