"""Domain layer: the serial short code printed on a voucher slip for manual entry, e.g. `HY7K-3M9K`.

The code is for a person who types what they read when the scanner fails, so it is built against misreading and
mistyping, not against forgery (the signed QR text and the database do that):

- Alphabet: the 31 symbols `23456789ABCDEFGHJKMNPQRSTUVWXYZ` — digits and capital letters without 0/O, 1/I/L,
  which are easy to confuse on a receipt printer. None of those five is in the alphabet, so there is nothing they
  could stand for: typed, they are reported as a malformed code (with the symbol) rather than guessed.
- 7 data symbols hold the voucher's serial number: CAPACITY = 31**7 - 1 = 27 512 614 110 serial numbers (1 …
  CAPACITY), far more than a district will ever issue.
- 1 check symbol: the weighted sum of the 8 symbol values, with weights 8, 7, …, 2 for the data and 1 for the
  check, is 0 modulo 31. Because 31 is prime and the weights are distinct and non-zero modulo 31, every single
  wrong symbol and every swap of two symbols (adjacent or not, the check symbol included) changes the sum, so the
  code is reported as a typo instead of naming another voucher.
- Shown as two groups of 4 (`XXXX-XXXX`). Input is forgiving: lower case, spaces, missing or extra dashes and
  full-width characters (typed with a Chinese input method) are accepted.
- The serial number is scrambled by a fixed permutation of the code space (affine maps modulo 31**7 alternating
  with reversal of the base-31 digits), so consecutive vouchers get unrelated-looking codes. The constants are
  public; this is not a security feature.
"""

from __future__ import annotations

import unicodedata

from desk.domain.errors import Required, SerialMalformed, SerialTypo

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BASE = len(ALPHABET)  # 31, a prime: the check symbol relies on it
DATA_LENGTH = 7
CODE_LENGTH = DATA_LENGTH + 1
SPACE = BASE ** DATA_LENGTH
CAPACITY = SPACE - 1  # serial numbers 1 … CAPACITY (0 is not a serial)
FIELD = "code"

_VALUE = {symbol: index for index, symbol in enumerate(ALPHABET)}
# Data weights 8 … 2 and check weight 1: distinct and non-zero modulo 31.
_WEIGHTS = tuple(range(CODE_LENGTH, 0, -1))
# (multiplier, offset) of each affine round; every multiplier is coprime to 31, so each round is a bijection.
_ROUNDS = ((0x2F6A1C3B5, 0x1D3E7F9A2), (0x3A9C5E7B1, 0x0B7D2F4C6), (0x1E5B9D3A7, 0x27C4E6A8D))
_INVERSES = tuple(pow(multiplier, -1, SPACE) for multiplier, _offset in _ROUNDS)
# Dashes people type or that input methods produce between the two groups; ignored like white space.
_DASHES = frozenset("-_‐‑‒–—―−")
# Anything longer is not an attempt at a code; refusing early keeps a pasted novel cheap.
_LONGEST_INPUT = 64


def serial_code(number: int) -> str:
    """The printed code of voucher serial `number` (1 … CAPACITY), e.g. "HY7K-3M9K"."""
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= CAPACITY:
        raise ValueError(f"a voucher serial number is an integer from 1 to {CAPACITY}, not {number!r}")
    data = _digits(_scramble(number))
    symbols = "".join(ALPHABET[d] for d in data) + ALPHABET[_check_value(data)]
    return f"{symbols[:4]}-{symbols[4:]}"


def parse_serial(text: str) -> int:
    """The serial number a typed code stands for.

    Raises SerialMalformed (params: reason "length" with `length`, "symbol" with `symbol`, or "range") when the
    text cannot be a code at all, and SerialTypo when it has the shape of a code but its check symbol does not
    match (a wrong or swapped symbol).
    """
    symbols = normalise_serial(text)
    values = [_VALUE[symbol] for symbol in symbols]
    if sum(w * v for w, v in zip(_WEIGHTS, values, strict=True)) % BASE:
        raise SerialTypo(FIELD)
    number = _unscramble(_number(values[:DATA_LENGTH]))
    if number == 0:
        # The one code of the space that names no voucher.
        raise SerialMalformed(FIELD, reason="range")
    return number


def normalise_serial(text: str) -> str:
    """The 8 symbols of a typed code, upper case, separators removed; raises Required for an empty text and
    SerialMalformed for one that cannot be a code."""
    if len(text) > _LONGEST_INPUT:
        raise SerialMalformed(FIELD, reason="length", length=len(text))
    folded = unicodedata.normalize("NFKC", text).upper()
    symbols = "".join(ch for ch in folded if not (ch.isspace() or ch in _DASHES))
    for symbol in symbols:
        if symbol not in _VALUE:
            raise SerialMalformed(FIELD, reason="symbol", symbol=symbol)
    if not symbols:
        raise Required(FIELD)
    if len(symbols) != CODE_LENGTH:
        raise SerialMalformed(FIELD, reason="length", length=len(symbols))
    return symbols


def _check_value(data: list[int]) -> int:
    # The check symbol has weight 1, so it is minus the weighted sum of the data.
    return -sum(w * v for w, v in zip(_WEIGHTS[:DATA_LENGTH], data, strict=True)) % BASE


def _digits(value: int) -> list[int]:
    """The DATA_LENGTH base-31 digits of `value`, most significant first."""
    digits = [0] * DATA_LENGTH
    for position in range(DATA_LENGTH - 1, -1, -1):
        value, digits[position] = divmod(value, BASE)
    return digits


def _number(digits: list[int]) -> int:
    value = 0
    for digit in digits:
        value = value * BASE + digit
    return value


def _reverse(value: int) -> int:
    return _number(_digits(value)[::-1])


def _scramble(value: int) -> int:
    for index, (multiplier, offset) in enumerate(_ROUNDS):
        value = (multiplier * value + offset) % SPACE
        if index < len(_ROUNDS) - 1:
            value = _reverse(value)
    return value


def _unscramble(value: int) -> int:
    for index in range(len(_ROUNDS) - 1, -1, -1):
        if index < len(_ROUNDS) - 1:
            value = _reverse(value)
        value = (value - _ROUNDS[index][1]) * _INVERSES[index] % SPACE
    return value
