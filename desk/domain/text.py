"""Domain layer: cleaning of free text typed by staff (names, addresses, reasons)."""

from __future__ import annotations

import unicodedata

from desk.domain.errors import ControlCharacters, Required, TooLong, TooShort

_ALLOWED_IN_MULTILINE = {"\n", "\t"}


def has_control_characters(value: str, multiline: bool = False) -> bool:
    for ch in value:
        if multiline and ch in _ALLOWED_IN_MULTILINE:
            continue
        # Cc = control, Cf = format (zero-width, bidi overrides), Cs/Co = surrogates and private use.
        if unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co"}:
            return True
    return False


def clean_text(
    value: str | None,
    field: str,
    *,
    max_length: int,
    required: bool = True,
    min_length: int = 0,
    multiline: bool = False,
) -> str:
    """Strip, normalise (NFC) and validate one text field. Returns "" for an optional empty field."""
    text = unicodedata.normalize("NFC", (value or "")).strip()
    if not text:
        if required:
            raise Required(field)
        return ""
    if has_control_characters(text, multiline):
        raise ControlCharacters(field)
    if len(text) > max_length:
        raise TooLong(field, max_length=max_length)
    if len(text) < min_length:
        raise TooShort(field, min_length=min_length)
    return text
