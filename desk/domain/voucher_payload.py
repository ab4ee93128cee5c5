"""Domain layer: the text of a voucher slip's QR code — compact, versioned and signed with Ed25519.

Anyone with the base's public key (a merchant station) can check a slip offline; only a desk holding the private
key can make one. Pure functions: keys are passed in (desk.services.voucher_keys keeps them).

Text: `RHV1:` + base32 (RFC 4648 alphabet, upper case, no padding) of message + signature. `RH` is Red Harbour
as in the member card's `RHM:`, `V1` the format version. Every symbol is in the QR alphanumeric set, so the code
is encoded in the QR's dense alphanumeric mode: 137–146 characters, QR version 6 (41 × 41 modules) at error
correction M.

Message (big-endian, 18–24 bytes), signed as a whole so the version is covered too:

    offset  size  field
    0       1     format version (1)
    1       3     key id: 4 base32 symbols, 5 bits each (the top 4 bits are 0)
    4       5     voucher serial number (1 … voucher_code.CAPACITY)
    9       4     merchant id
    13      2     expiry date (local), days since 2000-01-01
    15      1     length n of the base code (2–8)
    16      n     base code, ASCII [A-Z0-9]
    16 + n  64    Ed25519 signature of bytes 0 … 15 + n

Reading is forgiving where a scanner or input method is involved (surrounding white space, lower case from a
scanner typing with Caps Lock on, full-width forms from a Chinese input method) and strict everywhere else:
the base32 text must be the canonical encoding of the bytes, so no two different texts read as one voucher.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desk.domain.errors import (
    BadVoucherSignature,
    NotAVoucher,
    Required,
    UnknownVoucherKey,
    VoucherVersionUnsupported,
)
from desk.domain.voucher_code import CAPACITY

VERSION = 1
PREFIX_STEM = "RHV"
PREFIX = f"{PREFIX_STEM}{VERSION}:"
KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
KEY_ID_LENGTH = 4
SIGNATURE_LENGTH = 64
BASE_CODE_LENGTHS = range(2, 9)
MERCHANT_ID_MAX = 2 ** 32 - 1
EPOCH = dt.date(2000, 1, 1)
LAST_EXPIRY = EPOCH + dt.timedelta(days=2 ** 16 - 1)
FIELD = "code"

_HEAD_LENGTH = 16  # bytes before the base code
_PREFIX_PATTERN = re.compile(rf"{PREFIX_STEM}([1-9][0-9]{{0,2}}):")
_BASE_CODE = re.compile(r"[A-Z0-9]{2,8}")
_KEY_ID = re.compile(rf"[{KEY_ID_ALPHABET}]{{{KEY_ID_LENGTH}}}")
# The longest valid text is 146 characters; anything far longer is refused before any decoding work.
_LONGEST_TEXT = 256
_BASE32_TEXT = re.compile("[A-Z2-7]*")
_AS_INT_DIGITS = str.maketrans(KEY_ID_ALPHABET, "0123456789abcdefghijklmnopqrstuv")
_NO_BYTE_BOUNDARY = {1, 3, 6}  # unpadded lengths (mod 8) no whole number of bytes encodes to


@dataclass(frozen=True)
class Payload:
    """What a slip's QR code says. `expires_on` is the last local day on which the voucher can be redeemed."""

    serial: int
    base_code: str
    merchant_id: int
    expires_on: dt.date
    key_id: str
    version: int = VERSION


def key_id_of(public_key: Ed25519PublicKey) -> str:
    """The short id of a key: the first 4 base32 symbols of the SHA-256 of its raw 32 bytes."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b32encode(hashlib.sha256(raw).digest()).decode("ascii")[:KEY_ID_LENGTH]


def is_key_id(text: str) -> bool:
    return _KEY_ID.fullmatch(text) is not None


def sign(payload: Payload, private_key: Ed25519PrivateKey) -> str:
    """The QR text of `payload`, signed with `private_key` (whose id must be `payload.key_id`)."""
    _check(payload)
    if key_id_of(private_key.public_key()) != payload.key_id:
        raise ValueError(f"payload names key {payload.key_id}, but the private key is {key_id_of(private_key.public_key())}")
    message = _pack(payload)
    return PREFIX + base64.b32encode(message + private_key.sign(message)).decode("ascii").rstrip("=")


def read(text: str) -> Payload:
    """What a QR text says, without checking its signature (use verify() before trusting it).

    Raises Required for an empty text, VoucherVersionUnsupported for a voucher code of another format version and
    NotAVoucher (params: reason "prefix" | "encoding" | "length" | "content") for anything else that is not one.
    """
    return _decode(text)[0]


def verify(text: str, public_keys: Mapping[str, Ed25519PublicKey]) -> Payload:
    """What a QR text says, once its signature is checked against the key it names in `public_keys`.

    Raises what read() raises, UnknownVoucherKey when the key id is not in `public_keys` and BadVoucherSignature
    when the signature does not match (an altered or forged code).
    """
    payload, message, signature = _decode(text)
    key = public_keys.get(payload.key_id)
    if key is None:
        raise UnknownVoucherKey(FIELD, key_id=payload.key_id)
    try:
        key.verify(signature, message)
    except InvalidSignature:
        raise BadVoucherSignature(FIELD, key_id=payload.key_id) from None
    return payload


def looks_like_voucher(text: str) -> bool:
    """True when `text` starts like a voucher QR code (of any version) rather than a typed serial code."""
    head = unicodedata.normalize("NFKC", text.lstrip()[:12]).upper()
    return _PREFIX_PATTERN.match(head) is not None


def _check(payload: Payload) -> None:
    """Refuse a payload this format cannot carry; called when signing, where a bad value is a bug."""
    problems = []
    if payload.version != VERSION:
        problems.append(f"version {payload.version} (this program writes {VERSION})")
    if not 1 <= payload.serial <= CAPACITY:
        problems.append(f"serial {payload.serial}")
    if _BASE_CODE.fullmatch(payload.base_code) is None:
        problems.append(f"base code {payload.base_code!r}")
    if not 1 <= payload.merchant_id <= MERCHANT_ID_MAX:
        problems.append(f"merchant id {payload.merchant_id}")
    if not EPOCH <= payload.expires_on <= LAST_EXPIRY:
        problems.append(f"expiry {payload.expires_on}")
    if not is_key_id(payload.key_id):
        problems.append(f"key id {payload.key_id!r}")
    if problems:
        raise ValueError("cannot sign a voucher payload with " + ", ".join(problems))


def _pack(payload: Payload) -> bytes:
    key_value = 0
    for symbol in payload.key_id:
        key_value = key_value * 32 + KEY_ID_ALPHABET.index(symbol)
    base = payload.base_code.encode("ascii")
    return b"".join((
        payload.version.to_bytes(1, "big"),
        key_value.to_bytes(3, "big"),
        payload.serial.to_bytes(5, "big"),
        payload.merchant_id.to_bytes(4, "big"),
        (payload.expires_on - EPOCH).days.to_bytes(2, "big"),
        len(base).to_bytes(1, "big"),
        base,
    ))


def _decode(text: str) -> tuple[Payload, bytes, bytes]:
    """The payload, the signed message and the signature of a QR text; raises a DeskError for anything else."""
    if len(text) > _LONGEST_TEXT:
        raise NotAVoucher(FIELD, reason="length")
    value = unicodedata.normalize("NFKC", text).strip().upper()
    if not value:
        raise Required(FIELD)
    prefix = _PREFIX_PATTERN.match(value)
    if prefix is None:
        raise NotAVoucher(FIELD, reason="prefix")
    if prefix.group(0) != PREFIX:
        raise VoucherVersionUnsupported(FIELD, version=int(prefix.group(1)))
    body = value[prefix.end():]
    raw = _base32(body)
    if len(raw) < _HEAD_LENGTH + SIGNATURE_LENGTH:
        raise NotAVoucher(FIELD, reason="length")
    base_length = raw[_HEAD_LENGTH - 1]
    message_length = _HEAD_LENGTH + base_length
    if base_length not in BASE_CODE_LENGTHS or len(raw) != message_length + SIGNATURE_LENGTH:
        raise NotAVoucher(FIELD, reason="length")
    message, signature = raw[:message_length], raw[message_length:]
    return _unpack(message), message, signature


def _base32(body: str) -> bytes:
    # The symbols read as one base-32 integer, in C: base64.b32decode is plain Python and cost a redemption as
    # much again as its database statements. `int` alone would also take digits and signs, hence the pattern.
    if _BASE32_TEXT.fullmatch(body) is None or len(body) % 8 in _NO_BYTE_BOUNDARY:
        raise NotAVoucher(FIELD, reason="encoding")
    size, spare = divmod(5 * len(body), 8)
    value = int(body.translate(_AS_INT_DIGITS), 32) if body else 0
    # The last symbol's spare bits must be 0: a decoder ignoring them would read two texts as one voucher.
    if value & ((1 << spare) - 1):
        raise NotAVoucher(FIELD, reason="encoding")
    return (value >> spare).to_bytes(size, "big")


def _unpack(message: bytes) -> Payload:
    version = message[0]
    key_value = int.from_bytes(message[1:4], "big")
    serial = int.from_bytes(message[4:9], "big")
    merchant_id = int.from_bytes(message[9:13], "big")
    expires_on = EPOCH + dt.timedelta(days=int.from_bytes(message[13:15], "big"))
    base_code = message[_HEAD_LENGTH:].decode("ascii", errors="replace")
    if (version != VERSION or key_value >= 32 ** KEY_ID_LENGTH or not 1 <= serial <= CAPACITY
            or merchant_id < 1 or _BASE_CODE.fullmatch(base_code) is None):
        raise NotAVoucher(FIELD, reason="content")
    key_id = "".join(KEY_ID_ALPHABET[(key_value >> shift) & 31] for shift in range(15, -1, -5))
    return Payload(serial=serial, base_code=base_code, merchant_id=merchant_id, expires_on=expires_on,
                   key_id=key_id, version=version)
