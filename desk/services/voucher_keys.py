"""Services layer: the Ed25519 keys that sign voucher QR codes.

The keys live in the data folder, `<data_dir>/keys/` (Location.keys_dir), and nowhere else: not in the database,
so neither a database backup nor a PostgreSQL server shared by several desks ever holds a private key.

    <ID>.private.pem   the signing key, PKCS8 PEM, permissions 0600 where the OS has them
    <ID>.public.pem    a public key, SubjectPublicKeyInfo PEM: one per key this station knows
    current            the id of the key that signs new vouchers at this desk

A key id is 4 base32 symbols of the SHA-256 of the public key (voucher_payload.key_id_of), so a file's name can
be checked against its content. Rotation makes a new signing key and deletes the private half of the old one,
keeping its public half so slips signed before stay valid until they expire. Desks of one base share the
signing key through an explicit export and import of a key bundle; a merchant station imports public keys
only and can then verify slips but never sign one.

A bundle is JSON (format `desk-voucher-keys`). Version 2 seals the signing key with a passphrase: scrypt
(n 2^17, r 8, p 1: about 128 MB and a fraction of a second, once per export or import) derives an AES-256-GCM key
that encrypts the key's raw 32 bytes, with the key id as associated data. A lost USB stick then holds nothing
that can sign without the passphrase, which travels separately. Version 1 bundles (the key as plain PEM) are
still read.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import shutil
import time
import unicodedata
from base64 import b64decode, b64encode
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)

from desk.domain.errors import (
    KeyBundleInvalid,
    KeyConflict,
    KeyInUse,
    KeyPassphraseRequired,
    KeyPassphraseWeak,
    KeyPassphraseWrong,
    NotFound,
    SigningKeyMissing,
)
from desk.domain.voucher_payload import is_key_id, key_id_of

log = logging.getLogger("desk.voucher_keys")

KEYS_FOLDER = "keys"  # the same folder as Location.keys_dir
PRIVATE_SUFFIX = ".private.pem"
PUBLIC_SUFFIX = ".public.pem"
CURRENT_FILE = "current"
FULL_CHECK_S = 2.0  # how stale the key listing may get when the folder itself looks unchanged
BUNDLE_FORMAT = "desk-voucher-keys"
BUNDLE_VERSION = 2  # the signing key sealed with a passphrase; version 1 (plain PEM) is still read
PASSPHRASE_MIN = 10
PASSPHRASE_MAX = 200
SCRYPT_COST = {"n": 2 ** 17, "r": 8, "p": 1}
# What a bundle may ask of scrypt: a forged one cannot make an import take minutes or gigabytes (scrypt needs
# 128 · n · r bytes).
_SCRYPT_MOST = {"n": 2 ** 20, "r": 16, "p": 4}
_SCRYPT_MEMORY_MOST = 256 * 2 ** 20
_SEALED_FIELDS = {"kdf", "n", "r", "p", "salt", "nonce", "sealed"}
# A bundle holds a handful of keys of a few hundred bytes each; anything much larger is not one.
LARGEST_BUNDLE = 1_000_000
MOST_KEYS = 1000


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    private_key: Ed25519PrivateKey


@dataclass(frozen=True)
class KeyInfo:
    key_id: str
    current: bool  # signs new vouchers at this desk
    can_sign: bool  # this station holds its private half


@dataclass(frozen=True)
class ImportResult:
    added: tuple[str, ...]  # ids of keys this station did not know before
    current: str | None  # the signing key taken over from the bundle, or None when it kept its own


@dataclass(frozen=True)
class _State:
    public: dict[str, Ed25519PublicKey]
    private: dict[str, Ed25519PrivateKey]
    current: str | None


@dataclass(frozen=True)
class _BundleKey:
    key_id: str
    public: Ed25519PublicKey
    private: Ed25519PrivateKey | None
    sealed: dict[str, Any] | None = None  # the signing key still sealed with its passphrase


class VoucherKeys:
    """The keys of one station's data folder. Reads are cached until a file in the folder changes."""

    def __init__(self, data_dir: Path) -> None:
        self._folder = data_dir / KEYS_FOLDER
        self._cache: tuple[tuple[tuple[str, int, int], ...], _State] | None = None
        self._cache_folder: tuple[int, int] = (0, 0)
        self._cache_checked = 0.0

    @property
    def folder(self) -> Path:
        return self._folder

    def current(self) -> SigningKey:
        """The key that signs new vouchers; the first call on a station without any key creates it.

        Raises SigningKeyMissing on a station that holds public keys only."""
        state = self._load()
        if state.current in state.private:
            assert state.current is not None
            return SigningKey(state.current, state.private[state.current])
        if state.public or state.current is not None:
            raise SigningKeyMissing()
        return self._create_first()

    def can_sign(self) -> bool:
        """Whether current() gives a key: this station holds the signing key, or has no key yet and makes one."""
        state = self._load()
        if state.current is not None:
            return state.current in state.private
        return not state.public

    def public_keys(self) -> dict[str, Ed25519PublicKey]:
        """Every key a slip may be signed with, retired ones included, by key id."""
        return dict(self._load().public)

    def keys(self) -> list[KeyInfo]:
        state = self._load()
        return [KeyInfo(key_id, key_id == state.current, key_id in state.private) for key_id in sorted(state.public)]

    def rotate(self) -> SigningKey:
        """A new signing key; the old ones stay as public keys (verify only), their private halves are deleted.

        Raises SigningKeyMissing on a station that holds public keys only: it never signs, so it never rotates."""
        if not self.can_sign():
            raise SigningKeyMissing()
        self._ensure_folder()
        private = Ed25519PrivateKey.generate()
        key_id = key_id_of(private.public_key())
        self._write_key(key_id, private.public_key(), private)
        self._set_current(key_id)
        self._retire_all_but(key_id)
        return SigningKey(key_id, private)

    def remove(self, key_id: str) -> None:
        """Forget a retired key: slips signed with it no longer verify here (after they expired, or when the key
        leaked). The signing key is refused (KeyInUse): rotate first."""
        state = self._load()
        if key_id not in state.public:
            raise NotFound(entity="voucher_key", key=key_id)
        if key_id == state.current:
            raise KeyInUse(key_id=key_id)
        for path in (self._private_path(key_id), self._public_path(key_id)):
            path.unlink(missing_ok=True)
        self._cache = None

    def export_bundle(self, include_private: bool, passphrase: str | None = None) -> bytes:
        """Every known public key, and with `include_private` the signing key too, sealed with `passphrase` (for
        another desk of this base). A station without any key makes its first one.

        Raises KeyPassphraseRequired / KeyPassphraseWeak for a signing key without a passphrase of at least
        PASSPHRASE_MIN characters, SigningKeyMissing on a station that holds public keys only."""
        secret = _passphrase_bytes(passphrase) if include_private else b""
        signing = self.current() if include_private or not self._load().public else None
        state = self._load()
        keys = []
        for key_id in sorted(state.public):
            entry: dict[str, Any] = {"id": key_id, "public": _public_pem(state.public[key_id]).decode("ascii")}
            if include_private and signing is not None and key_id == signing.key_id:
                entry["sealed"] = _seal(signing.private_key, key_id, secret)
            keys.append(entry)
        bundle = {"format": BUNDLE_FORMAT, "version": BUNDLE_VERSION,
                  "current": signing.key_id if include_private and signing is not None else None, "keys": keys}
        return (json.dumps(bundle, indent=2) + "\n").encode("utf-8")

    def import_bundle(self, data: bytes, passphrase: str | None = None) -> ImportResult:
        """Add the keys of a bundle; with a signing key in it, that key signs here from now on.

        Nothing is written when the bundle is damaged (KeyBundleInvalid), its signing key is sealed and the
        passphrase is missing (KeyPassphraseRequired) or wrong (KeyPassphraseWrong), or it holds a key whose id is
        known here with different key material (KeyConflict)."""
        current, incoming = _parse_bundle(data, passphrase)
        state = self._load()
        for key in incoming:
            known = state.public.get(key.key_id)
            if known is not None and _raw_public(known) != _raw_public(key.public):
                raise KeyConflict(key_id=key.key_id)
            mine = state.private.get(key.key_id)
            if mine is not None and key.private is not None and _raw_private(mine) != _raw_private(key.private):
                raise KeyConflict(key_id=key.key_id)
        self._ensure_folder()
        added = []
        for key in incoming:
            new_private = key.private is not None and key.key_id not in state.private
            if key.key_id not in state.public or new_private:
                self._write_key(key.key_id, key.public, key.private if new_private else None)
            if key.key_id not in state.public:
                added.append(key.key_id)
        taken_over = None
        if current is not None and current != state.current:
            self._set_current(current)
            self._retire_all_but(current)
            taken_over = current
        return ImportResult(tuple(added), taken_over)

    # -- files ----------------------------------------------------------------------------------------------------

    def _private_path(self, key_id: str) -> Path:
        return self._folder / f"{key_id}{PRIVATE_SUFFIX}"

    def _public_path(self, key_id: str) -> Path:
        return self._folder / f"{key_id}{PUBLIC_SUFFIX}"

    def _ensure_folder(self) -> None:
        self._folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            self._folder.chmod(0o700)

    def _create_first(self) -> SigningKey:
        private = Ed25519PrivateKey.generate()
        key_id = key_id_of(private.public_key())
        # The first key is made in a staging folder renamed into place, so another program never sees a key
        # without its `current` file, and when two programs make the first key at once one folder wins.
        staging = self._folder.with_name(f".{KEYS_FOLDER}-{secrets.token_hex(4)}.partial")
        staging.mkdir(mode=0o700, parents=True)
        try:
            _write_key_files(staging, key_id, private.public_key(), private)
            _write_file(staging / CURRENT_FILE, (key_id + "\n").encode("ascii"), 0o644)
            with contextlib.suppress(OSError):
                self._folder.rmdir()  # only when empty: a folder left without keys
            os.rename(staging, self._folder)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
            self._cache = None
            if self._load().public:
                return self.current()  # another program made the first key at the same moment
            # The folder holds other files but no key: write into it.
            self._write_key(key_id, private.public_key(), private)
            self._set_current(key_id)
        self._cache = None
        return SigningKey(key_id, private)

    def _write_key(self, key_id: str, public: Ed25519PublicKey, private: Ed25519PrivateKey | None) -> None:
        _write_key_files(self._folder, key_id, public, private)
        self._cache = None

    def _set_current(self, key_id: str) -> None:
        _write_file(self._folder / CURRENT_FILE, (key_id + "\n").encode("ascii"), 0o644)
        self._cache = None

    def _retire_all_but(self, key_id: str) -> None:
        for path in self._folder.glob(f"*{PRIVATE_SUFFIX}"):
            if path.name != self._private_path(key_id).name:
                path.unlink(missing_ok=True)
        self._cache = None

    def _load(self) -> _State:
        # Every scan at a station asks for the keys. Every key file is written by renaming it into place, which
        # changes the folder, so the folder's own stat answers "anything new?"; the full listing (a file copied
        # over another in place) is looked at again once a couple of seconds have passed.
        folder = self._folder_stamp()
        now = time.monotonic()
        if self._cache is not None and self._cache_folder == folder and now - self._cache_checked < FULL_CHECK_S:
            return self._cache[1]
        snapshot = self._snapshot()
        self._cache_folder, self._cache_checked = folder, now
        if self._cache is not None and self._cache[0] == snapshot:
            return self._cache[1]
        state = self._read()
        self._cache = (snapshot, state)
        return state

    def _folder_stamp(self) -> tuple[int, int]:
        try:
            found = os.stat(self._folder)
        except OSError:
            return (0, 0)
        return (found.st_ino, found.st_mtime_ns)

    def _snapshot(self) -> tuple[tuple[str, int, int], ...]:
        """Name, modification time and size of every file, to notice what another program changed (this object
        drops its cache on each of its own writes)."""
        try:
            with os.scandir(self._folder) as entries:
                return tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries
                                    if e.is_file()))
        except FileNotFoundError:
            return ()

    def _read(self) -> _State:
        public: dict[str, Ed25519PublicKey] = {}
        private: dict[str, Ed25519PrivateKey] = {}
        if not self._folder.is_dir():
            return _State(public, private, None)
        for path in sorted(self._folder.iterdir()):
            key_id = _key_id_of_file(path.name, PUBLIC_SUFFIX)
            if key_id is not None:
                key = _load_public(path)
                if key is not None and key_id_of(key) == key_id:
                    public[key_id] = key
                else:
                    log.warning("ignoring voucher key file %s: unreadable or not the key its name says", path)
        for path in sorted(self._folder.iterdir()):
            key_id = _key_id_of_file(path.name, PRIVATE_SUFFIX)
            if key_id is not None:
                secret = _load_private(path)
                if secret is not None and key_id_of(secret.public_key()) == key_id:
                    private[key_id] = secret
                    public.setdefault(key_id, secret.public_key())
                else:
                    log.warning("ignoring voucher key file %s: unreadable or not the key its name says", path)
        current = None
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = (self._folder / CURRENT_FILE).read_text("ascii").strip()
            current = text if is_key_id(text) else None
        return _State(public, private, current)


# -- bundles ------------------------------------------------------------------------------------------------------

def _parse_bundle(data: bytes, passphrase: str | None) -> tuple[str | None, list[_BundleKey]]:
    """The signing key id (or None) and the keys of a bundle; KeyBundleInvalid for anything else."""
    if len(data) > LARGEST_BUNDLE:
        raise KeyBundleInvalid(reason="size")
    try:
        bundle = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise KeyBundleInvalid(reason="format") from None
    if not isinstance(bundle, dict) or bundle.get("format") != BUNDLE_FORMAT:
        raise KeyBundleInvalid(reason="format")
    version = bundle.get("version")
    if version not in (1, BUNDLE_VERSION):
        raise KeyBundleInvalid(reason="version")
    entries = bundle.get("keys")
    current = bundle.get("current")
    if not isinstance(entries, list) or not 0 < len(entries) <= MOST_KEYS:
        raise KeyBundleInvalid(reason="keys")
    if current is not None and not (isinstance(current, str) and is_key_id(current)):
        raise KeyBundleInvalid(reason="current")
    # Every key is checked before a sealed one is opened: a damaged bundle is told as such, not as a passphrase.
    keys = [_bundle_key(entry, version) for entry in entries]
    ids = [key.key_id for key in keys]
    if len(set(ids)) != len(ids):
        raise KeyBundleInvalid(reason="duplicate")
    signing = [key.key_id for key in keys if key.private is not None or key.sealed is not None]
    # A signing key travels with its name as the bundle's current key, and only then.
    if signing != ([current] if current is not None else []):
        raise KeyBundleInvalid(reason="current")
    return current, [_opened(key, passphrase) for key in keys]


def _bundle_key(entry: Any, version: int) -> _BundleKey:
    secret_field = "sealed" if version == BUNDLE_VERSION else "private"
    if not isinstance(entry, dict) or not set(entry) <= {"id", "public", secret_field}:
        raise KeyBundleInvalid(reason="keys")
    key_id, public_text = entry.get("id"), entry.get("public")
    if not isinstance(key_id, str) or not is_key_id(key_id) or not isinstance(public_text, str):
        raise KeyBundleInvalid(reason="keys")
    public = _public_from_pem(public_text.encode("utf-8", errors="replace"))
    if public is None or key_id_of(public) != key_id:
        raise KeyBundleInvalid(reason="public_key", key_id=key_id)
    secret = entry.get(secret_field)
    if secret is None:
        return _BundleKey(key_id, public, None)
    if version == BUNDLE_VERSION:
        return _BundleKey(key_id, public, None, _sealed_fields(secret, key_id))
    private = _private_from_pem(secret.encode("utf-8", errors="replace")) if isinstance(secret, str) else None
    if private is None or _raw_public(private.public_key()) != _raw_public(public):
        raise KeyBundleInvalid(reason="private_key", key_id=key_id)
    return _BundleKey(key_id, public, private)


def _opened(key: _BundleKey, passphrase: str | None) -> _BundleKey:
    """The key with its sealed signing key opened (PASSPHRASE errors when it cannot be)."""
    if key.sealed is None:
        return key
    if not passphrase:
        raise KeyPassphraseRequired()
    private = _unseal(key.sealed, key.key_id, _normalised(passphrase).encode("utf-8"))
    if _raw_public(private.public_key()) != _raw_public(key.public):
        raise KeyBundleInvalid(reason="private_key", key_id=key.key_id)
    return _BundleKey(key.key_id, key.public, private)


# -- the sealed signing key ----------------------------------------------------------------------------------------

def _normalised(passphrase: str) -> str:
    # Full-width letters from a Chinese input method and their ASCII forms are one passphrase.
    return unicodedata.normalize("NFKC", passphrase)


def _passphrase_bytes(passphrase: str | None) -> bytes:
    """A passphrase good enough to seal the signing key with, as bytes; raises what export_bundle says."""
    if not passphrase:
        raise KeyPassphraseRequired()
    text = _normalised(passphrase)
    if len(text) < PASSPHRASE_MIN or len(text) > PASSPHRASE_MAX or any(
            unicodedata.category(ch) == "Cc" for ch in text):
        raise KeyPassphraseWeak(min_length=PASSPHRASE_MIN)
    return text.encode("utf-8")


def _seal(private: Ed25519PrivateKey, key_id: str, passphrase: bytes) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    key = Scrypt(salt=salt, length=32, **SCRYPT_COST).derive(passphrase)
    sealed = AESGCM(key).encrypt(nonce, _raw_private(private), key_id.encode("ascii"))
    return {"kdf": "scrypt", **SCRYPT_COST, "salt": b64encode(salt).decode("ascii"),
            "nonce": b64encode(nonce).decode("ascii"), "sealed": b64encode(sealed).decode("ascii")}


def _sealed_fields(value: Any, key_id: str) -> dict[str, Any]:
    """A sealed key's fields, checked for shape and for a cost this program is willing to pay."""
    if not isinstance(value, dict) or set(value) != _SEALED_FIELDS or value["kdf"] != "scrypt":
        raise KeyBundleInvalid(reason="private_key", key_id=key_id)
    for name, most in _SCRYPT_MOST.items():
        cost = value[name]
        if not isinstance(cost, int) or isinstance(cost, bool) or not 1 <= cost <= most or (
                name == "n" and cost & (cost - 1)):
            raise KeyBundleInvalid(reason="private_key", key_id=key_id)
    if 128 * value["n"] * value["r"] > _SCRYPT_MEMORY_MOST:
        raise KeyBundleInvalid(reason="private_key", key_id=key_id)
    try:
        salt, nonce, sealed = (b64decode(value[name], validate=True) for name in ("salt", "nonce", "sealed"))
    except (TypeError, ValueError):
        raise KeyBundleInvalid(reason="private_key", key_id=key_id) from None
    if len(salt) < 16 or len(nonce) != 12 or len(sealed) != 32 + 16:
        raise KeyBundleInvalid(reason="private_key", key_id=key_id)
    return {"n": value["n"], "r": value["r"], "p": value["p"], "salt": salt, "nonce": nonce, "sealed": sealed}


def _unseal(fields: dict[str, Any], key_id: str, passphrase: bytes) -> Ed25519PrivateKey:
    key = Scrypt(salt=fields["salt"], length=32, n=fields["n"], r=fields["r"], p=fields["p"]).derive(passphrase)
    try:
        raw = AESGCM(key).decrypt(fields["nonce"], fields["sealed"], key_id.encode("ascii"))
    except InvalidTag:
        raise KeyPassphraseWrong() from None
    return Ed25519PrivateKey.from_private_bytes(raw)


# -- key material ------------------------------------------------------------------------------------------------

def _key_id_of_file(name: str, suffix: str) -> str | None:
    if not name.endswith(suffix):
        return None
    key_id = name[:-len(suffix)]
    return key_id if is_key_id(key_id) else None


def _public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)


def _private_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _raw_private(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _public_from_pem(data: bytes) -> Ed25519PublicKey | None:
    try:
        key = load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        return None
    return key if isinstance(key, Ed25519PublicKey) else None


def _private_from_pem(data: bytes) -> Ed25519PrivateKey | None:
    try:
        key = load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        return None
    return key if isinstance(key, Ed25519PrivateKey) else None


def _load_public(path: Path) -> Ed25519PublicKey | None:
    try:
        return _public_from_pem(path.read_bytes())
    except OSError:
        return None


def _load_private(path: Path) -> Ed25519PrivateKey | None:
    try:
        return _private_from_pem(path.read_bytes())
    except OSError:
        return None


def _write_key_files(folder: Path, key_id: str, public: Ed25519PublicKey, private: Ed25519PrivateKey | None) -> None:
    # The public half first: a private file never exists without the public one that names it.
    _write_file(folder / f"{key_id}{PUBLIC_SUFFIX}", _public_pem(public), 0o644)
    if private is not None:
        _write_file(folder / f"{key_id}{PRIVATE_SUFFIX}", _private_pem(private), 0o600)


def _write_file(path: Path, data: bytes, mode: int) -> None:
    """Write a whole file that is never seen half written: a temporary file with the final permissions from its
    creation (a private key is never readable by others, not even for a moment), then an atomic rename."""
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(partial, mode)  # the umask may have taken bits away, never added them; keep exactly `mode`
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
