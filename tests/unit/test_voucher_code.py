"""The serial short code of a voucher slip, no database: round trips, forgiving input, and that every single wrong
symbol and every swap of two symbols is reported as a typo rather than read as another voucher."""

from __future__ import annotations

import itertools
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.domain import voucher_code
from desk.domain.errors import DeskError, Required, SerialMalformed, SerialTypo
from desk.domain.voucher_code import ALPHABET, CAPACITY, CODE_LENGTH, parse_serial, serial_code

CODE_SHAPE = re.compile(rf"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}")


def random_numbers(count: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    return [rng.randint(1, CAPACITY) for _ in range(count)]


def test_the_alphabet_has_no_confusable_symbols_and_a_prime_size() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 31
    assert all(len(ALPHABET) % d for d in range(2, len(ALPHABET)))  # prime
    assert not set("0O1IL") & set(ALPHABET)
    assert CAPACITY == 31 ** 7 - 1 == 27_512_614_110


@pytest.mark.parametrize("number", [1, 2, 3, 999, 10 ** 6, 2 ** 31, CAPACITY - 1, CAPACITY])
def test_edge_numbers_round_trip(number: int) -> None:
    code = serial_code(number)
    assert CODE_SHAPE.fullmatch(code), code
    assert parse_serial(code) == number


def test_random_numbers_round_trip_and_codes_are_distinct() -> None:
    numbers = random_numbers(20_000, seed=1)
    codes = [serial_code(n) for n in numbers]
    assert [parse_serial(c) for c in codes] == numbers
    assert len(set(codes)) == len(set(numbers))


def test_the_first_hundred_thousand_serials_have_distinct_codes() -> None:
    codes = {serial_code(n) for n in range(1, 100_001)}
    assert len(codes) == 100_000


@given(st.integers(min_value=1, max_value=CAPACITY))
def test_any_serial_round_trips(number: int) -> None:
    assert parse_serial(serial_code(number)) == number


def test_consecutive_serials_do_not_look_consecutive() -> None:
    codes = [serial_code(n).replace("-", "") for n in range(1, 2001)]
    differing = [sum(a != b for a, b in zip(x[:7], y[:7], strict=True)) for x, y in itertools.pairwise(codes)]
    assert min(differing) >= 3
    assert sum(differing) / len(differing) > 6
    # Every data position varies across the first hundred vouchers, the first one included.
    for position in range(7):
        assert len({code[position] for code in codes[:100]}) >= 25


@pytest.mark.parametrize("number", [0, -1, CAPACITY + 1, 31 ** 7, True, 1.0, "1"])
def test_numbers_outside_the_space_are_a_bug(number: object) -> None:
    with pytest.raises(ValueError):
        serial_code(number)  # type: ignore[arg-type]


# -- forgiving input ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", [
    "{code}",
    "{lower}",
    "{plain}",
    "{lower_plain}",
    "  {code}  ",
    "{code}\n",
    "{first} {second}",
    "{first}  -  {second}",
    "-{first}--{second}-",
    "{first}–{second}",  # en dash from a word processor
    "{first}—{second}",  # the long dash of a Chinese input method
    "{first}_{second}",
    "{spaced}",
    "{fullwidth}",  # typed with a Chinese input method in full-width mode
    "{first}\u3000{second}",  # ideographic space
])
def test_typed_variants_are_accepted(typed: str) -> None:
    number = 123_456_789
    code = serial_code(number)
    plain = code.replace("-", "")
    text = typed.format(
        code=code, lower=code.lower(), plain=plain, lower_plain=plain.lower(), first=plain[:4], second=plain[4:],
        spaced=" ".join(plain), fullwidth="".join(chr(ord(ch) + 0xFEE0) for ch in code))
    assert parse_serial(text) == number


# -- typos --------------------------------------------------------------------------------------------------------

def test_every_single_wrong_symbol_is_a_typo() -> None:
    missed = []
    checked = 0
    for number in random_numbers(3000, seed=2):
        plain = serial_code(number).replace("-", "")
        for position in range(CODE_LENGTH):
            for symbol in ALPHABET:
                if symbol == plain[position]:
                    continue
                typed = plain[:position] + symbol + plain[position + 1:]
                checked += 1
                try:
                    parse_serial(typed)
                except SerialTypo:
                    continue
                missed.append(typed)
    assert checked == 3000 * CODE_LENGTH * 30
    assert missed == []


def test_every_swap_of_two_adjacent_symbols_is_a_typo() -> None:
    missed = []
    checked = 0
    for number in random_numbers(5000, seed=3):
        plain = serial_code(number).replace("-", "")
        for position in range(CODE_LENGTH - 1):
            if plain[position] == plain[position + 1]:
                continue  # the same text: nothing was mistyped
            typed = plain[:position] + plain[position + 1] + plain[position] + plain[position + 2:]
            checked += 1
            try:
                parse_serial(typed)
            except SerialTypo:
                continue
            missed.append(typed)
    assert checked > 5000 * 6
    assert missed == []


def test_every_swap_of_any_two_symbols_is_a_typo() -> None:
    missed = []
    for number in random_numbers(2000, seed=4):
        plain = list(serial_code(number).replace("-", ""))
        for i in range(CODE_LENGTH):
            for j in range(i + 1, CODE_LENGTH):
                if plain[i] == plain[j]:
                    continue
                typed = plain.copy()
                typed[i], typed[j] = typed[j], typed[i]
                try:
                    parse_serial("".join(typed))
                except SerialTypo:
                    continue
                missed.append("".join(typed))
    assert missed == []


def test_a_typo_names_the_field() -> None:
    plain = serial_code(42).replace("-", "")
    wrong = ALPHABET[(ALPHABET.index(plain[0]) + 1) % len(ALPHABET)]
    with pytest.raises(SerialTypo) as refused:
        parse_serial(wrong + plain[1:])
    assert refused.value.field == "code"
    assert refused.value.code == "serial_typo"


# -- malformed text -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "reason"), [
    ("KY5Z-VWU", "length"),
    ("KY5Z-VWU44", "length"),
    ("K", "length"),
    ("KY5Z-VWU4-KY5Z-VWU4", "length"),
    ("KY5Z-VWU0", "symbol"),  # zero is never printed
    ("KY5Z-VWUO", "symbol"),
    ("KY5Z-VWU1", "symbol"),
    ("KY5Z-VWUI", "symbol"),
    ("KY5Z-VWUL", "symbol"),
    ("KY5Z-VWU!", "symbol"),
    ("KY5Z/VWU4", "symbol"),
    ("券KY5Z-VWU4", "symbol"),
    ("RHV1:AEECOAYGM7QSZXX777", "symbol"),
    ("x" * 10_000, "length"),
    (" " * 10_000, "length"),
])
def test_malformed_text_is_not_a_typo(typed: str, reason: str) -> None:
    with pytest.raises(SerialMalformed) as refused:
        parse_serial(typed)
    assert refused.value.params["reason"] == reason
    assert refused.value.field == "code"


def test_a_symbol_outside_the_alphabet_is_named() -> None:
    with pytest.raises(SerialMalformed) as refused:
        parse_serial("ky5z-vwuo")
    assert refused.value.params == {"reason": "symbol", "symbol": "O"}


@pytest.mark.parametrize("typed", ["", "   ", " - ", "\t"])
def test_an_empty_code_is_required(typed: str) -> None:
    with pytest.raises(Required):
        parse_serial(typed)


def test_the_one_code_that_names_no_serial_is_refused() -> None:
    # Serial numbers start at 1; the code the permutation gives to 0 is well formed but names no voucher.
    data = voucher_code._digits(voucher_code._scramble(0))
    symbols = "".join(ALPHABET[d] for d in data) + ALPHABET[voucher_code._check_value(data)]
    with pytest.raises(SerialMalformed) as refused:
        parse_serial(symbols)
    assert refused.value.params["reason"] == "range"


@given(st.text(max_size=40))
def test_any_text_is_a_serial_or_a_desk_error(text: str) -> None:
    try:
        number = parse_serial(text)
    except DeskError:
        return
    assert 1 <= number <= CAPACITY


def test_the_documented_example() -> None:
    assert serial_code(12_390_091_379) == "HY7K-3M9K"
    with pytest.raises(SerialTypo):
        parse_serial("HY7K-3M9Q")
