"""The tallest forms fit the smallest desk screen (1024×768, less the task bar and the title bar) in both
languages: a dialog taller than the screen hides its buttons."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desk.domain.clock import FixedClock
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.ui.dialogs.setup import SetupDialog
from desk.ui.i18n import apply_language
from desk.ui.pages import PageContext
from desk.ui.projects.form import ProjectDialog
from desk.ui.tasks import TaskRunner

ROOM = (1024, 768 - 40 - 32)  # the screen less a task bar and the dialog's own title bar


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> str:
    apply_language(request.param)
    return str(request.param)


def _fits(qtbot: QtBot, dialog: QDialog) -> tuple[int, int]:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    needed = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    return needed.width(), needed.height()


def test_the_project_form_fits(qtbot: QtBot, language: str, services: Services, admin: Actor, tasks: TaskRunner,
                               clock: FixedClock) -> None:
    width, height = _fits(qtbot, ProjectDialog(PageContext(services, admin, tasks, clock), dt.UTC))
    assert width <= ROOM[0] and height <= ROOM[1]


def test_the_first_start_setup_fits(qtbot: QtBot, language: str) -> None:
    width, height = _fits(qtbot, SetupDialog())
    assert width <= ROOM[0] and height <= ROOM[1]
