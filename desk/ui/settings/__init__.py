"""UI layer: sections of the settings page. Each module here registers one with `register_section`; the
settings page discovers them, so later areas (facilities, points rules, ...) add their own section."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desk.domain.staff import Role
from desk.ui.pages import PageContext


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str  # a QT_TRANSLATE_NOOP("Settings", ...) literal
    order: int
    roles: frozenset[Role]
    factory: Callable[[PageContext], QWidget]

    def translated_title(self) -> str:
        return QCoreApplication.translate("Settings", self.title)


_SECTIONS: dict[str, SectionSpec] = {}


def register_section(spec: SectionSpec) -> SectionSpec:
    _SECTIONS[spec.key] = spec
    return spec


def sections_for(role: Role) -> list[SectionSpec]:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return sorted((s for s in _SECTIONS.values() if role in s.roles), key=lambda s: s.order)
