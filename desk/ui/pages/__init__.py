"""UI layer: the page registry. Each module in this package registers its page with `register_page`;
the main window discovers the modules, so a new area adds a page without editing a central list.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desk.domain.staff import Actor, Role

if TYPE_CHECKING:
    from desk.domain.clock import Clock
    from desk.services.bundle import Services
    from desk.ui.tasks import TaskRunner


@dataclass(frozen=True)
class PageContext:
    """What a page gets: the services, who is logged in, the worker and the clock. No sessions, no engine."""

    services: Services
    actor: Actor
    tasks: TaskRunner
    clock: Clock


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # a QT_TRANSLATE_NOOP("Pages", ...) literal; shown through `translated_title`
    icon: str  # file name in resources/icons
    order: int
    roles: frozenset[Role]
    factory: Callable[[PageContext], QWidget]

    def translated_title(self) -> str:
        return QCoreApplication.translate("Pages", self.title)


_PAGES: dict[str, PageSpec] = {}


def register_page(spec: PageSpec) -> PageSpec:
    _PAGES[spec.key] = spec
    return spec


def discover_pages() -> list[PageSpec]:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return sorted(_PAGES.values(), key=lambda spec: spec.order)


def pages_for(role: Role) -> list[PageSpec]:
    return [spec for spec in discover_pages() if role in spec.roles]
