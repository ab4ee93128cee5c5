"""Settings → 个人信息保留: the preview of who would be anonymised follows the days being edited, saving the period
starts the daily run, 立即执行 anonymises on the worker after a confirmation; the session's timer runs the purge
only once the period was saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import update
from uihelp import click, find

from desk.domain.clock import FixedClock
from desk.domain.people import Category, Purpose
from desk.domain.staff import Actor, Role
from desk.services.bundle import Services
from desk.services.people import PersonForm
from desk.storage.models import Person
from desk.ui import boxes
from desk.ui.main_window import MainWindow
from desk.ui.pages.settings import SettingsPage
from desk.ui.session import DeskSession
from desk.ui.settings import sections_for
from desk.ui.settings.retention import RetentionSection
from desk.ui.tasks import TaskRunner

START = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)
DUE_TEXT = "2 人的姓名和电话将被匿名化（最近一次到访早于 2026-06-01，且不是积分会员）"


@pytest.fixture
def people(services: Services, admin: Actor, clock: FixedClock) -> dict[str, int]:
    """Two people due after 180 days, a member and a recent visitor who are not."""
    ids = {}
    for key, phone in (("old", "13900000001"), ("older", "13900000002"), ("member", "13900000003"),
                       ("recent", "13900000004")):
        clock.set(START - dt.timedelta(days=400))
        ids[key] = services.people.register(admin, PersonForm(f"测试{key}", phone, Category.RESIDENT)).id
    clock.set(START - dt.timedelta(days=20))
    services.visits.check_in(admin, ids["recent"], Purpose.READING)
    with services.ctx.db.write() as s:
        s.execute(update(Person).where(Person.id == ids["member"]).values(member_no="MH000001"))
    clock.set(START)
    return ids


def _open(window: MainWindow) -> RetentionSection:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    section = settings.show_section("retention")
    assert isinstance(section, RetentionSection)
    return section


def _anonymised(services: Services, ids: dict[str, int]) -> set[str]:
    with services.ctx.db.read() as s:
        return {key for key, person_id in ids.items() if s.get(Person, person_id).anonymised_at is not None}


def test_the_preview_follows_the_days(qtbot: QtBot, services: Services, people: dict[str, int],
                                      window: MainWindow) -> None:
    section = _open(window)
    preview = find(section, QLabel, "retention_preview")
    qtbot.waitUntil(lambda: preview.text() == DUE_TEXT)
    assert "尚未启用" in find(section, QLabel, "retention_status").text()
    days = find(section, QSpinBox, "retention_days")
    assert (days.value(), days.minimum(), days.maximum()) == (180, 7, 3650)

    days.setValue(3650)
    qtbot.waitUntil(lambda: preview.text() == "0 人的姓名和电话将被匿名化（最近一次到访早于 2016-11-30，且不是积分会员）")
    assert not find(section, QPushButton, "purge_now").isEnabled()  # unsaved: 立即执行 would use 180
    days.setValue(10)
    # 10 days: the recent visitor (20 days ago) is due too; the member never.
    qtbot.waitUntil(lambda: preview.text().startswith("3 人的姓名和电话将被匿名化（最近一次到访早于 2026-11-18"))
    assert _anonymised(services, people) == set()  # a preview writes nothing
    assert not services.retention.confirmed


def test_saving_the_period_starts_the_daily_run(qtbot: QtBot, services: Services, people: dict[str, int],
                                                window: MainWindow) -> None:
    section = _open(window)
    find(section, QSpinBox, "retention_days").setValue(365)
    click(qtbot, find(section, QPushButton, "save_retention"))
    assert find(section, QLabel, "retention_result").text() == "已保存：保留 365 天。"
    assert "已启用" in find(section, QLabel, "retention_status").text()
    assert (services.retention.days, services.retention.confirmed) == (365, True)
    assert find(section, QPushButton, "purge_now").isEnabled()
    events = [(e.action, e.entity_id, e.summary) for e in services.audit.recent(5)]
    assert events[0] == ("setting_changed", "visitor_retention_days", "None → 365")


def test_running_it_now(qtbot: QtBot, services: Services, people: dict[str, int], window: MainWindow,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(boxes, "confirm", confirm)
    section = _open(window)
    preview = find(section, QLabel, "retention_preview")
    qtbot.waitUntil(lambda: preview.text() == DUE_TEXT)
    click(qtbot, find(section, QPushButton, "purge_now"))
    result = find(section, QLabel, "retention_result")
    qtbot.waitUntil(lambda: result.text() == "已匿名化 2 人（最近一次到访早于 2026-06-01）。")
    assert asked == ["现在就把这 2 人的姓名和电话匿名化吗？此操作无法撤销。"]
    assert _anonymised(services, people) == {"old", "older"}
    qtbot.waitUntil(lambda: preview.text().startswith("0 人"))
    assert [e.action for e in services.audit.recent(1)] == ["people_anonymised"]


def test_declining_the_confirmation_changes_nothing(qtbot: QtBot, services: Services, people: dict[str, int],
                                                     window: MainWindow, tasks: TaskRunner,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(boxes, "confirm", lambda *_args: False)
    section = _open(window)
    click(qtbot, find(section, QPushButton, "purge_now"))
    tasks.wait()
    qtbot.wait(50)
    assert _anonymised(services, people) == set()
    assert find(section, QLabel, "retention_result").text() == ""


def test_only_administrators_see_the_section() -> None:
    assert "retention" in [spec.key for spec in sections_for(Role.ADMIN)]
    assert "retention" not in [spec.key for spec in sections_for(Role.DESK)]
    assert "retention" not in [spec.key for spec in sections_for(Role.MERCHANT)]


def test_the_session_purges_only_after_the_period_was_saved(
        qtbot: QtBot, services: Services, admin: Actor, people: dict[str, int], tasks: TaskRunner,
        start_session: Callable[[], DeskSession]) -> None:
    session = start_session()
    assert session.retention_timer.isActive()
    tasks.wait()
    qtbot.wait(50)
    assert _anonymised(services, people) == set()  # never confirmed: the timer leaves everyone alone

    services.retention.set_days(admin, 180)
    session.retention_timer.timeout.emit()
    qtbot.waitUntil(lambda: _anonymised(services, people) == {"old", "older"})
    # Once a local day: later ticks the same day do nothing more.
    with services.ctx.db.write() as s:
        s.execute(update(Person).where(Person.id == people["member"]).values(member_no=None))
    session.retention_timer.timeout.emit()
    tasks.wait()
    qtbot.wait(50)
    assert _anonymised(services, people) == {"old", "older"}
