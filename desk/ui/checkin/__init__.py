"""UI layer: the parts of the 签到 page (desk.ui.pages.checkin) — the check-in entry, the 暖新驿站 panel and
the on-site list — plus how a visit is named where people read it. Registers no page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.services.visits import VisitRow
from desk.ui.wording import category_name, platform_name, purpose_name, service_name

translate = QCoreApplication.translate


def visitor_label(row: VisitRow) -> str:
    """Who a visit is, for lists and the roll-call: the name, or what is known of someone who gave none."""
    if row.platform is not None:
        return translate("Checkin", "暖新驿站 · %1").replace("%1", platform_name(row.platform.value))
    if row.person_id is None:
        return translate("Checkin", "%1（匿名）").replace("%1", category_name(row.category.value))
    return row.name or translate("Checkin", "（已匿名化）")


def visit_purpose(row: VisitRow) -> str:
    """The purpose, with the 暖新驿站 services a courier used."""
    used = [service_name(flag) for flag in row.services]
    purpose = purpose_name(row.purpose.value)
    if not used:
        return purpose
    return translate("Checkin", "%1（%2）").replace("%1", purpose).replace("%2", translate("Checkin", "、").join(used))
