"""UI layer: the parts of the 项目 page (desk.ui.pages.projects) — the project list, the project form, the claim
panel with group verification, the member's projects view and the 积分公示 dialog — and how a project is said on
screen: its time in the base's zone, its points rule, refusals worded for staff. Registers no page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale

from desk.services.projects import ProjectRow
from desk.ui.files import choose_save_file, documents_folder  # noqa: F401 - the parts call (and tests replace) them here

translate = QCoreApplication.translate

MINUTES_PER_HOUR = 60


class ProjectWords:
    """Words shared by the parts of the page. Plurals go through `ProjectWords.tr(..., None, n)` so that lupdate
    marks them as plural messages."""

    @staticmethod
    def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate("ProjectWords", text, disambiguation, n)


def points_rule(points: int | None, points_per_hour: int | None, max_hours: int | None) -> str:
    """"5 分", or "每小时 1 分，最多 2 小时"."""
    if points is not None:
        return ProjectWords.tr("%n 分", None, points)
    return (ProjectWords.tr("每小时 %n 分", None, points_per_hour or 0)
            + ProjectWords.tr("，最多 %n 小时", None, max_hours or 0))


def project_points(project: ProjectRow) -> str:
    return points_rule(project.points, project.points_per_hour, project.max_hours)


def short_range(starts_at: dt.datetime, ends_at: dt.datetime, zone: dt.tzinfo, today: dt.date) -> str:
    """For the list: "11-29 09:00–11:00" for one day, "12-01 – 12-31" for several (the times are in the
    details); the year only when it is not this year's."""
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    end_day, end_time = end.date(), f"{end:%H:%M}"
    if end.time() == dt.time(0, 0) and end_day > start.date():
        end_day, end_time = end_day - dt.timedelta(days=1), "24:00"  # midnight ends the day before

    def day(value: dt.date) -> str:
        return f"{value:%Y-%m-%d}" if value.year != today.year else f"{value:%m-%d}"

    if end_day == start.date():
        return f"{day(start.date())} {start:%H:%M}–{end_time}"
    return f"{day(start.date())} – {day(end_day)}"


def weekday(day: dt.date) -> str:
    """The short weekday in the desk's language (周日, Sun)."""
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)


def long_range(starts_at: dt.datetime, ends_at: dt.datetime, zone: dt.tzinfo) -> str:
    """For the details: "2026-11-29（周日）09:00–11:00", or both days with their weekdays."""
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    end_day, end_time = end.date(), f"{end:%H:%M}"
    if end.time() == dt.time(0, 0) and end_day > start.date():
        end_day, end_time = end_day - dt.timedelta(days=1), "24:00"  # midnight ends the day before
    if end_day == start.date():
        return (translate("ProjectWords", "%1（%2）%3–%4").replace("%1", f"{start:%Y-%m-%d}")
                .replace("%2", weekday(start.date())).replace("%3", f"{start:%H:%M}").replace("%4", end_time))
    return (translate("ProjectWords", "%1（%2）%3 至 %4（%5）%6").replace("%1", f"{start:%Y-%m-%d}")
            .replace("%2", weekday(start.date())).replace("%3", f"{start:%H:%M}")
            .replace("%4", f"{end_day:%Y-%m-%d}").replace("%5", weekday(end_day)).replace("%6", end_time))


def moment(value: dt.datetime, zone: dt.tzinfo) -> str:
    """YYYY-MM-DD HH:MM in the base's zone: the same in both languages."""
    return f"{value.astimezone(zone):%Y-%m-%d %H:%M}"


def hours_text(minutes: int | None) -> str:
    """Minutes worked as hours: "2", "1.5"; "" when not counted."""
    if minutes is None:
        return ""
    hours = minutes / MINUTES_PER_HOUR
    return f"{hours:.0f}" if hours == int(hours) else f"{hours:.1f}".rstrip("0").rstrip(".")






def html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def save_failed_text(error: OSError) -> str:
    return translate("ProjectWords", "无法保存到 %1（%2）。请换一个文件夹再试。").replace(
        "%1", str(error.filename or "")).replace("%2", error.strerror or str(error))
