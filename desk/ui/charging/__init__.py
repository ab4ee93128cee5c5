"""UI layer: the parts of the 充电与母婴室 page (desk.ui.pages.charging) — the port tiles, the panel of the chosen
port and the 母婴室 panel — plus how times and lengths are said on them. Registers no page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from desk.services.charging import PortState


class ChargingWords:
    """Words shared by the parts of the page. Plurals go through `ChargingWords.tr(..., None, n)` so that lupdate
    marks them as plural messages."""

    @staticmethod
    def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate("ChargingWords", text, disambiguation, n)


def clock_time(moment: dt.datetime | None, zone: dt.tzinfo) -> str:
    """HH:MM in the base's zone."""
    return f"{moment.astimezone(zone):%H:%M}" if moment is not None else ""


def duration_text(minutes: int) -> str:
    """A length as people say it: "45 分钟", "2 小时", "1 小时 20 分钟"."""
    hours, rest = divmod(max(minutes, 0), 60)
    if hours == 0:
        return ChargingWords.tr("%n 分钟", None, rest)
    if rest == 0:
        return ChargingWords.tr("%n 小时", None, hours)
    return ChargingWords.tr("%n 小时", None, hours) + " " + ChargingWords.tr("%n 分钟", None, rest)


def short_duration(minutes: int) -> str:
    """A length for the narrow tiles: "45分钟", "2小时", "1小时20分"."""
    hours, rest = divmod(max(minutes, 0), 60)
    if hours == 0:
        return ChargingWords.tr("%n分钟", None, rest)
    if rest == 0:
        return ChargingWords.tr("%n小时", None, hours)
    return ChargingWords.tr("%1小时%2分").replace("%1", str(hours)).replace("%2", str(rest))


def state_name(state: PortState) -> str:
    return {
        PortState.FREE: ChargingWords.tr("空闲"),
        PortState.CHARGING: ChargingWords.tr("充电中"),
        PortState.OVERDUE: ChargingWords.tr("已超时"),
        PortState.OUT_OF_ORDER: ChargingWords.tr("故障"),
    }[state]


def person_text(masked_name: str, masked_phone: str, anonymous: bool) -> str:
    """Who a session is for, as the panel and the alert show it (masked)."""
    if anonymous:
        return ChargingWords.tr("匿名")
    return " ".join(part for part in (masked_name, masked_phone) if part)


def short_person(masked_name: str, masked_phone: str, anonymous: bool) -> str:
    """Who a session is for on a tile: the masked name and the phone's last four digits."""
    if anonymous:
        return ChargingWords.tr("匿名")
    tail = ChargingWords.tr("尾号%1").replace("%1", masked_phone[-4:]) if masked_phone else ""
    return " ".join(part for part in (masked_name, tail) if part)
