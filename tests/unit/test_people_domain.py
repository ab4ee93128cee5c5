"""Domain rules of people and visits, no database: phone numbers, masking, what a typed search means, names,
party sizes."""

from __future__ import annotations

import pytest

from desk.domain.errors import BadFormat, ControlCharacters, DeskError, OutOfRange, Required, TooLong
from desk.domain.people import (
    NAME_MAX,
    PARTY_SIZE_MAX,
    Category,
    Purpose,
    Query,
    check_party_size,
    clean_branch,
    clean_note,
    clean_person_name,
    mask_name,
    mask_phone,
    normalise_phone,
    parse_enum,
    parse_query,
)

# -- phone numbers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [
    "13812345678",
    "138 1234 5678",
    "138-1234-5678",
    " 138 1234-5678 ",
    "(138) 1234 5678",
    "+86 13812345678",
    "+86 138 1234 5678",
    "+8613812345678",
    "008613812345678",
    "0086 138 1234 5678",
    "8613812345678",
    "１３８１２３４５６７８",  # an input method in full-width mode
])
def test_phone_is_normalised_to_eleven_digits(typed: str) -> None:
    assert normalise_phone(typed) == "13812345678"


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_every_mobile_prefix_is_accepted(prefix: str) -> None:
    assert normalise_phone(prefix + "912345678") == prefix + "912345678"


@pytest.mark.parametrize("typed", [
    pytest.param("1381234567", id="10-digits"),
    pytest.param("138123456789", id="12-digits"),
    pytest.param("12812345678", id="second-digit-2"),
    pytest.param("10012345678", id="second-digit-0"),
    pytest.param("23812345678", id="not-starting-with-1"),
    pytest.param("1381234567a", id="letter"),
    pytest.param("abcdefghijk", id="letters"),
    pytest.param("138 1234 567８9", id="twelve-with-full-width"),
    pytest.param("13٨12345678", id="arabic-indic-digit"),
    pytest.param("+1 2025550123", id="foreign"),
    pytest.param("+86 1381234567", id="prefix-and-10-digits"),
    pytest.param("86 138 1234 567", id="86-and-10-digits"),
    pytest.param("010-12345678", id="landline"),
])
def test_bad_phone_is_refused(typed: str) -> None:
    with pytest.raises(BadFormat) as raised:
        normalise_phone(typed)
    assert raised.value.field == "phone"
    assert raised.value.params == {"expected": "phone"}


@pytest.mark.parametrize("typed", [None, "", "   ", " - "])
def test_empty_phone_is_none(typed: str | None) -> None:
    assert normalise_phone(typed) is None


def test_phone_error_names_the_field_it_was_asked_for() -> None:
    with pytest.raises(BadFormat) as raised:
        normalise_phone("123", field="contact_phone")
    assert raised.value.field == "contact_phone"


def test_normalised_phone_is_ascii_only() -> None:
    phone = normalise_phone("１３８ １２３４ ５６７８")
    assert phone is not None and phone.isascii() and len(phone) == 11


# -- masking ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("phone", "masked"), [
    ("13812345678", "138****5678"),
    ("19900001234", "199****1234"),
    (None, ""),
    ("", ""),
    ("1234567", "*******"),  # too short to show any of it
])
def test_mask_phone(phone: str | None, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(("name", "masked"), [
    ("张三", "张*"),
    ("王建国", "王*国"),
    ("欧阳晓梅", "欧**梅"),
    ("李", "李"),
    ("𠮷野家", "𠮷*家"),  # a character beyond the BMP counts as one
    ("小明😀", "小*😀"),
    (None, ""),
    ("", ""),
])
def test_mask_name(name: str | None, masked: str) -> None:
    assert mask_name(name) == masked


# -- what a search means ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "query"), [
    ("13812345678", Query("phone", "13812345678")),
    ("138 1234 5678", Query("phone", "13812345678")),
    ("+86 138-1234-5678", Query("phone", "13812345678")),
    ("8613812345678", Query("phone", "13812345678")),
    ("5678", Query("last4", "5678")),
    (" 5678 ", Query("last4", "5678")),
    ("５６７８", Query("last4", "5678")),
    ("张", Query("name", "张")),
    ("  王建 ", Query("name", "王建")),
    ("𠮷", Query("name", "𠮷")),
    ("Li", Query("name", "Li")),
    ("", Query("empty", "")),
    (None, Query("empty", "")),
    ("   ", Query("empty", "")),
    ("123", Query("digits", "123")),
    ("123456", Query("digits", "123456")),
    ("12812345678", Query("digits", "12812345678")),  # 11 digits, but no mobile number
    ("1381234567890", Query("digits", "1381234567890")),
])
def test_parse_query(typed: str | None, query: Query) -> None:
    assert parse_query(typed) == query


def test_long_search_text_is_cut_not_refused() -> None:
    query = parse_query("张" * 100)
    assert query.kind == "name" and len(query.value) == 40


def test_search_with_control_characters_is_refused() -> None:
    with pytest.raises(ControlCharacters):
        parse_query("张\x07")


# -- names and other text --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["张三", "𠮷田", "小明😀", "Zhāng Sān", "阿卜杜·热合曼", "𠮷" * NAME_MAX, "😀" * NAME_MAX])
def test_names_with_emoji_and_rare_characters_are_accepted(name: str) -> None:
    assert clean_person_name(name) == name


def test_name_length_is_counted_in_characters() -> None:
    rare = "𠮷" * NAME_MAX
    assert len(rare.encode("utf-16-le")) == 4 * NAME_MAX  # two UTF-16 units each, yet one character
    assert clean_person_name(rare) == rare
    with pytest.raises(TooLong) as raised:
        clean_person_name(rare + "𠮷")
    assert raised.value.params == {"max_length": NAME_MAX}


def test_name_is_stripped() -> None:
    assert clean_person_name("  张三 \u3000") == "张三"


@pytest.mark.parametrize(("name", "error"), [
    pytest.param("", Required, id="empty"),
    pytest.param("    ", Required, id="spaces"),
    pytest.param("\u3000\u3000", Required, id="ideographic-spaces"),
    pytest.param(None, Required, id="none"),
    pytest.param("张" * 500, TooLong, id="500-characters"),
    pytest.param("张\x00三", ControlCharacters, id="nul"),
    pytest.param("张\x07三", ControlCharacters, id="bell"),
    pytest.param("张\n三", ControlCharacters, id="newline"),
    pytest.param("张\u202e三", ControlCharacters, id="bidi-override"),
    pytest.param("张\u200b三", ControlCharacters, id="zero-width-space"),
])
def test_bad_names_are_refused(name: str | None, error: type[DeskError]) -> None:
    with pytest.raises(error) as raised:
        clean_person_name(name)
    assert raised.value.field == "name"


def test_optional_texts() -> None:
    assert clean_branch("") == ""
    assert clean_branch(" 明华社区第一党支部 ") == "明华社区第一党支部"
    assert clean_note("行动不便\n需要协助") == "行动不便\n需要协助"  # a note may have several lines
    with pytest.raises(TooLong):
        clean_branch("支" * 61)
    with pytest.raises(ControlCharacters):
        clean_note("备注\x1b")


# -- party size and enumerations -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 2, 30, PARTY_SIZE_MAX])
def test_party_size_in_range(size: int) -> None:
    assert check_party_size(size) == size


@pytest.mark.parametrize("size", [0, -1, PARTY_SIZE_MAX + 1, 10_000])
def test_party_size_out_of_range(size: int) -> None:
    with pytest.raises(OutOfRange) as raised:
        check_party_size(size)
    assert raised.value.field == "party_size"
    assert raised.value.params == {"minimum": 1, "maximum": PARTY_SIZE_MAX}


def test_parse_enum() -> None:
    assert parse_enum(Category, "party_member", "category") is Category.PARTY_MEMBER
    assert parse_enum(Purpose, "nursing", "purpose") is Purpose.NURSING
    with pytest.raises(BadFormat) as raised:
        parse_enum(Purpose, "shopping", "purpose")
    assert raised.value.field == "purpose"
