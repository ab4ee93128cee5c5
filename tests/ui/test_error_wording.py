"""Every refusal a service can raise has its own words for the user, in Chinese and in English — never the
generic "操作未能完成（code）" line, which would leave a desk user without what happened and what to do."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

import desk.domain.errors as errors
from desk.ui.i18n import apply_language
from desk.ui.wording import error_text

# Bases only: a service raises one of their subclasses.
ABSTRACT = {errors.InvalidInput, errors.DatabaseError, errors.VoucherCodeError}
HAN = re.compile(r"[\u4e00-\u9fff]")


def _concrete(cls: type[errors.DeskError]) -> Iterator[type[errors.DeskError]]:
    for sub in cls.__subclasses__():
        if sub not in ABSTRACT:
            yield sub
        yield from _concrete(sub)


ERRORS = sorted(set(_concrete(errors.DeskError)), key=lambda cls: cls.__name__)


@pytest.fixture
def english(qtbot: QtBot) -> Iterator[None]:
    apply_language("en")
    yield
    apply_language("zh_CN")


@pytest.mark.parametrize("error", ERRORS, ids=[cls.__name__ for cls in ERRORS])
def test_every_error_is_worded_in_chinese(qtbot: QtBot, error: type[errors.DeskError]) -> None:
    text = error_text(error())
    assert text and not text.startswith("操作未能完成") and HAN.search(text)


@pytest.mark.parametrize("error", ERRORS, ids=[cls.__name__ for cls in ERRORS])
def test_every_error_is_worded_in_english(english: None, error: type[errors.DeskError]) -> None:
    text = error_text(error())
    assert text and not text.startswith("The operation could not be completed") and not HAN.search(text)
