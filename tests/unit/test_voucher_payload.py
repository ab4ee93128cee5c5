"""The signed QR text of a voucher slip, no database: round trips, size, and that every altered, cut, extended,
foreign or garbage text is refused with a DeskError (never a traceback, never a voucher)."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import given
from hypothesis import strategies as st
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

from desk.domain.errors import (
    BadVoucherSignature,
    DeskError,
    NotAVoucher,
    Required,
    UnknownVoucherKey,
    VoucherVersionUnsupported,
)
from desk.domain.voucher_code import CAPACITY, serial_code
from desk.domain.voucher_payload import (
    KEY_ID_ALPHABET,
    LAST_EXPIRY,
    PREFIX,
    Payload,
    _base32,
    is_key_id,
    key_id_of,
    looks_like_voucher,
    read,
    sign,
    verify,
)

QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def other_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def keys(key: Ed25519PrivateKey) -> dict[str, Ed25519PublicKey]:
    return {key_id_of(key.public_key()): key.public_key()}


@pytest.fixture(scope="module")
def payload(key: Ed25519PrivateKey) -> Payload:
    return Payload(serial=123_456, base_code="HG01", merchant_id=7, expires_on=dt.date(2026, 12, 31),
                   key_id=key_id_of(key.public_key()))


@pytest.fixture(scope="module")
def text(payload: Payload, key: Ed25519PrivateKey) -> str:
    return sign(payload, key)


def raw_of(text: str) -> bytes:
    body = text[len(PREFIX):]
    return base64.b32decode(body + "=" * (-len(body) % 8))


def text_of(raw: bytes) -> str:
    return PREFIX + base64.b32encode(raw).decode("ascii").rstrip("=")


def qr_version(text: str) -> int:
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    return int(code.version)


# -- round trips and size -----------------------------------------------------------------------------------------

def test_a_signed_payload_reads_and_verifies(text: str, payload: Payload, keys: dict[str, Ed25519PublicKey]) -> None:
    assert text.startswith("RHV1:")
    assert read(text) == payload
    assert verify(text, keys) == payload


@pytest.mark.parametrize("base_code", ["MH", "HG01", "ABCDEFGH", "12345678"])
@pytest.mark.parametrize(("serial", "merchant_id", "expires_on"), [
    (1, 1, dt.date(2000, 1, 1)),
    (CAPACITY, 2 ** 32 - 1, LAST_EXPIRY),
    (98_765, 12, dt.date(2027, 2, 28)),
])
def test_every_field_round_trips_and_the_qr_stays_small(
        key: Ed25519PrivateKey, keys: dict[str, Ed25519PublicKey], base_code: str, serial: int, merchant_id: int,
        expires_on: dt.date) -> None:
    payload = Payload(serial=serial, base_code=base_code, merchant_id=merchant_id, expires_on=expires_on,
                      key_id=key_id_of(key.public_key()))
    text = sign(payload, key)
    assert verify(text, keys) == payload
    assert set(text) <= QR_ALPHANUMERIC
    assert len(text) == {2: 137, 4: 140, 8: 146}.get(len(base_code), len(text))
    assert 137 <= len(text) <= 146
    assert qr_version(text) == 6  # 41 × 41 modules at error correction M


@pytest.mark.parametrize("variant", [
    lambda t: t.lower(),  # a scanner typing with Caps Lock on
    lambda t: f"  {t}\r\n",
    lambda t: f"\t{t}\n",
    lambda t: "".join(chr(ord(ch) + 0xFEE0) for ch in t),  # full-width, from a Chinese input method
    lambda t: t[:4] + "：" + t[5:],  # a full-width colon only
])
def test_what_a_scanner_or_input_method_does_to_the_text_is_accepted(
        text: str, payload: Payload, keys: dict[str, Ed25519PublicKey], variant: object) -> None:
    assert callable(variant)
    assert verify(variant(text), keys) == payload


def test_signatures_are_deterministic(payload: Payload, key: Ed25519PrivateKey, text: str) -> None:
    assert sign(payload, key) == text


def test_key_ids_are_short_and_stable(key: Ed25519PrivateKey, other_key: Ed25519PrivateKey) -> None:
    key_id = key_id_of(key.public_key())
    assert len(key_id) == 4 and set(key_id) <= set(KEY_ID_ALPHABET) and is_key_id(key_id)
    assert key_id_of(key.public_key()) == key_id
    assert key_id_of(other_key.public_key()) != key_id
    assert not is_key_id("abcd") and not is_key_id("ABC") and not is_key_id("AB01")


# -- tampering ----------------------------------------------------------------------------------------------------

def test_every_changed_character_is_refused(text: str, keys: dict[str, Ed25519PublicKey]) -> None:
    accepted = []
    for position in range(len(text)):
        for symbol in BASE32 + ":=1890-+ ":
            if symbol == text[position].upper():
                continue
            changed = text[:position] + symbol + text[position + 1:]
            try:
                verify(changed, keys)
            except DeskError:
                continue
            accepted.append(changed)
    assert accepted == []


def test_every_changed_byte_is_refused(text: str, keys: dict[str, Ed25519PublicKey]) -> None:
    raw = raw_of(text)
    accepted = []
    for position in range(len(raw)):
        for mask in (1, 2, 4, 8, 16, 32, 64, 128, 0xFF, 0x5A):
            changed = bytearray(raw)
            changed[position] ^= mask
            try:
                verify(text_of(bytes(changed)), keys)
            except DeskError:
                continue
            accepted.append((position, mask))
    assert accepted == []


def test_the_spare_bits_of_the_last_symbol_must_be_zero(text: str, keys: dict[str, Ed25519PublicKey]) -> None:
    # 84 bytes are 672 bits, 135 symbols hold 675: a decoder ignoring the spare bits would take both texts.
    last = BASE32.index(text[-1])
    for spare in range(1, 8):
        with pytest.raises(NotAVoucher) as refused:
            verify(text[:-1] + BASE32[last | spare], keys)
        assert refused.value.params["reason"] == "encoding"


def test_every_truncation_is_refused(text: str, keys: dict[str, Ed25519PublicKey]) -> None:
    for length in range(len(text)):
        with pytest.raises(DeskError):
            verify(text[:length], keys)


@pytest.mark.parametrize("extension", ["A", "AA", "AAAAAAAA", "=", "====", "7" * 13, ":", "{text}", " X"])
def test_an_extended_text_is_refused(text: str, keys: dict[str, Ed25519PublicKey], extension: str) -> None:
    with pytest.raises(DeskError):
        verify(text + extension.format(text=text), keys)


def test_extra_bytes_in_the_binary_are_refused(text: str, keys: dict[str, Ed25519PublicKey]) -> None:
    raw = raw_of(text)
    for extra in (b"\x00", b"\x00" * 5, raw[-64:]):
        with pytest.raises(NotAVoucher):
            verify(text_of(raw + extra), keys)
        with pytest.raises(NotAVoucher):
            verify(text_of(raw[:-64] + extra + raw[-64:]), keys)


def test_another_keys_signature_is_refused(text: str, keys: dict[str, Ed25519PublicKey],
                                           other_key: Ed25519PrivateKey) -> None:
    raw = raw_of(text)
    message = raw[:-64]
    forged = text_of(message + other_key.sign(message))
    assert read(forged) == read(text)  # reading alone trusts nothing
    with pytest.raises(BadVoucherSignature):
        verify(forged, keys)


def test_a_code_signed_by_an_unknown_key_is_refused(payload: Payload, other_key: Ed25519PrivateKey,
                                                    keys: dict[str, Ed25519PublicKey]) -> None:
    other_id = key_id_of(other_key.public_key())
    foreign = sign(Payload(**{**payload.__dict__, "key_id": other_id}), other_key)
    with pytest.raises(UnknownVoucherKey) as refused:
        verify(foreign, keys)
    assert refused.value.params == {"key_id": other_id}
    with pytest.raises(UnknownVoucherKey):
        verify(foreign, {})
    # A station that files the wrong key under that id still refuses it.
    with pytest.raises(BadVoucherSignature):
        verify(foreign, {other_id: next(iter(keys.values()))})


def test_another_version_is_refused(text: str, keys: dict[str, Ed25519PublicKey]) -> None:
    for version in (2, 9, 10, 255):
        with pytest.raises(VoucherVersionUnsupported) as refused:
            read(f"RHV{version}:" + text[len(PREFIX):])
        assert refused.value.params == {"version": version}
    with pytest.raises(NotAVoucher):
        read("RHV0:" + text[len(PREFIX):])
    with pytest.raises(NotAVoucher):
        read("RHV01:" + text[len(PREFIX):])


def test_a_version_byte_that_disagrees_with_the_prefix_is_refused(text: str, key: Ed25519PrivateKey,
                                                                 keys: dict[str, Ed25519PublicKey]) -> None:
    message = bytearray(raw_of(text)[:-64])
    message[0] = 2
    resigned = text_of(bytes(message) + key.sign(bytes(message)))  # even correctly signed
    with pytest.raises(NotAVoucher) as refused:
        verify(resigned, keys)
    assert refused.value.params["reason"] == "content"


@pytest.mark.parametrize("garbage", [
    "hello",
    "RHV1",
    "RHV1:",
    "RHV1:====",
    "RHV1:" + "A" * 135,
    "RHV1:" + "A" * 10_000,
    "RHV1:" + "二维码" * 40,
    "RHV1:AEECOAYGM7QSZXX777777777AJGUR6ZZXJ7TVTCRMUBN66SGS27IP42P4S37ZGVKI5M76BT3OY7MGAREIE5OVYCUPCGWIH6MAÉ",
    "\x00" * 50,
    "x" * 10_000,
    "😀" * 10_000,
    "KY5Z-VWU4",  # a serial code
    "RHM:MH00001",  # a member card
    "https://weixin.qq.com/r/abc",
    "RHV1:" + "8" * 135,
    "RHV1:" + "a b c",
])
def test_garbage_is_not_a_voucher(garbage: str, keys: dict[str, Ed25519PublicKey]) -> None:
    with pytest.raises(NotAVoucher) as refused:
        verify(garbage, keys)
    assert refused.value.field == "code"
    with pytest.raises(NotAVoucher):
        read(garbage)


def test_non_ascii_inside_a_real_code_is_refused(text: str, keys: dict[str, Ed25519PublicKey]) -> None:
    for position in (len(PREFIX), len(text) // 2, len(text) - 1):
        for intruder in ("é", "中", "\u200b", "\x00"):
            with pytest.raises(NotAVoucher):
                verify(text[:position] + intruder + text[position:], keys)
            with pytest.raises(NotAVoucher):
                verify(text[:position] + intruder + text[position + 1:], keys)


def test_the_empty_text_is_required(keys: dict[str, Ed25519PublicKey]) -> None:
    with pytest.raises(Required):
        verify("", keys)
    for blank in ("   ", "\n", "\r\n", "\u3000"):
        with pytest.raises(Required):
            read(blank)


@given(st.text(max_size=300))
def test_any_text_is_a_voucher_or_a_desk_error(garbage: str) -> None:
    with pytest.raises(DeskError):
        verify(garbage, {})


@given(st.binary(min_size=0, max_size=120))
def test_any_bytes_after_the_prefix_are_refused(raw: bytes) -> None:
    key = Ed25519PrivateKey.generate()
    with pytest.raises(DeskError):
        verify(text_of(raw), {key_id_of(key.public_key()): key.public_key()})


# -- what sign() refuses ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("change", [
    {"serial": 0},
    {"serial": CAPACITY + 1},
    {"base_code": "m"},
    {"base_code": "mh"},
    {"base_code": "TOOLONGXX"},
    {"base_code": "红港"},
    {"merchant_id": 0},
    {"merchant_id": 2 ** 32},
    {"expires_on": dt.date(1999, 12, 31)},
    {"expires_on": LAST_EXPIRY + dt.timedelta(days=1)},
    {"key_id": "ZZZZ"},
    {"key_id": "abcd"},
    {"version": 2},
])
def test_a_payload_the_format_cannot_carry_is_a_bug(payload: Payload, key: Ed25519PrivateKey,
                                                    change: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        sign(Payload(**{**payload.__dict__, **change}), key)


# -- telling a QR text from a typed serial ------------------------------------------------------------------------

def test_looks_like_voucher(text: str) -> None:
    for scanned in (text, text.lower(), f"  {text}", "RHV2:ABC", "rhv1:", "ＲＨＶ１：" + text[5:]):
        assert looks_like_voucher(scanned), scanned
    for typed in ("", "KY5Z-VWU4", "ky5zvwu4", "RHV", "RHV:", "RHV1", "RHVX:", "RHM:MH00001", serial_code(1),
                  "RHV0:ABC", " " * 10_000):
        assert not looks_like_voucher(typed), typed


def _standard_base32(body: str) -> bytes | None:
    """What the standard library makes of an unpadded text, with the canonical check: None when refused."""
    try:
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
    except ValueError:
        return None
    return raw if base64.b32encode(raw).decode("ascii").rstrip("=") == body else None


@given(st.binary(max_size=90))
def test_the_base32_reader_reads_what_the_standard_library_writes(raw: bytes) -> None:
    assert _base32(base64.b32encode(raw).decode("ascii").rstrip("=")) == raw


@given(st.text(alphabet=BASE32 + "0189=a_+- ", max_size=40))
def test_the_base32_reader_refuses_what_the_standard_library_refuses(body: str) -> None:
    expected = _standard_base32(body) if set(body) <= set(BASE32) else None
    try:
        got: bytes | None = _base32(body)
    except NotAVoucher as refused:
        assert refused.params["reason"] == "encoding"
        got = None
    assert got == expected
