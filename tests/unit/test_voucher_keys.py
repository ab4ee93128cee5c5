"""The voucher signing keys in the data folder: first use, rotation, removal, sharing between desks by export and
import, a merchant station that can verify but not sign, file permissions, and that no key ever reaches the
database or its backups."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed448 import Ed448PrivateKey
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from desk.domain.errors import (
    BadVoucherSignature,
    KeyBundleInvalid,
    KeyConflict,
    KeyInUse,
    KeyPassphraseRequired,
    KeyPassphraseWeak,
    KeyPassphraseWrong,
    NotFound,
    SigningKeyMissing,
    UnknownVoucherKey,
)
from desk.domain.staff import Actor
from desk.domain.voucher_payload import Payload, key_id_of, sign, verify
from desk.services.backups import BackupService
from desk.services.context import ServiceContext
from desk.services.voucher_keys import (
    CURRENT_FILE,
    PASSPHRASE_MIN,
    PRIVATE_SUFFIX,
    PUBLIC_SUFFIX,
    SCRYPT_COST,
    SigningKey,
    VoucherKeys,
)

POSIX = os.name == "posix"
PASSPHRASE = "港湾 desk 2026"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "desk-a"


def slip(signing: SigningKey, serial: int = 1001) -> str:
    return sign(Payload(serial=serial, base_code="MH", merchant_id=3, expires_on=dt.date(2027, 1, 31),
                        key_id=signing.key_id), signing.private_key)


def public_pem(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def private_pem(key: Ed25519PrivateKey | Ed448PrivateKey) -> str:
    return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode("ascii")


def bundle(keys: list[dict[str, object]], current: str | None = None, **extra: object) -> bytes:
    return json.dumps({"format": "desk-voucher-keys", "version": 1, "current": current, "keys": keys,
                       **extra}).encode("utf-8")


def signing_bundle(key: Ed25519PrivateKey) -> bytes:
    key_id = key_id_of(key.public_key())
    return bundle([{"id": key_id, "public": public_pem(key), "private": private_pem(key)}], current=key_id)


def sealed_bundle(desk: VoucherKeys) -> bytes:
    """The bundle a desk exports for another desk of its base: the signing key sealed with PASSPHRASE."""
    return desk.export_bundle(include_private=True, passphrase=PASSPHRASE)


def folder_listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


# -- first use ----------------------------------------------------------------------------------------------------

def test_the_first_use_creates_the_signing_key(data_dir: Path) -> None:
    keys = VoucherKeys(data_dir)
    assert keys.public_keys() == {}
    assert keys.can_sign()
    first = keys.current()
    assert keys.folder == data_dir / "keys"
    assert sorted(p.name for p in keys.folder.iterdir()) == sorted(
        [f"{first.key_id}{PRIVATE_SUFFIX}", f"{first.key_id}{PUBLIC_SUFFIX}", CURRENT_FILE])
    assert (keys.folder / CURRENT_FILE).read_text().strip() == first.key_id
    assert b"BEGIN PRIVATE KEY" in (keys.folder / f"{first.key_id}{PRIVATE_SUFFIX}").read_bytes()  # PKCS8
    # The same key on every later call and in every later program.
    assert keys.current().key_id == first.key_id
    again = VoucherKeys(data_dir)
    assert again.current().key_id == first.key_id
    assert list(again.public_keys()) == [first.key_id]
    assert verify(slip(first), again.public_keys()).serial == 1001
    assert [(k.key_id, k.current, k.can_sign) for k in again.keys()] == [(first.key_id, True, True)]


@pytest.mark.skipif(not POSIX, reason="file modes are POSIX")
def test_private_keys_are_readable_by_their_owner_only(data_dir: Path) -> None:
    keys = VoucherKeys(data_dir)
    first = keys.current()
    second = keys.rotate()
    assert stat.S_IMODE(keys.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((keys.folder / f"{second.key_id}{PRIVATE_SUFFIX}").stat().st_mode) == 0o600
    assert stat.S_IMODE((keys.folder / f"{first.key_id}{PUBLIC_SUFFIX}").stat().st_mode) == 0o644
    other = VoucherKeys(data_dir.parent / "desk-b")
    other.import_bundle(sealed_bundle(keys), PASSPHRASE)
    assert stat.S_IMODE((other.folder / f"{second.key_id}{PRIVATE_SUFFIX}").stat().st_mode) == 0o600


def test_programs_making_the_first_key_at_once_agree_on_one(data_dir: Path) -> None:
    barrier = threading.Barrier(8)
    found: list[str] = []

    def first_use() -> None:
        keys = VoucherKeys(data_dir)
        barrier.wait()
        found.append(keys.current().key_id)

    threads = [threading.Thread(target=first_use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8 and len(set(found)) == 1
    assert list(VoucherKeys(data_dir).public_keys()) == found[:1]
    assert not [p for p in data_dir.iterdir() if p.name != "keys"]  # no staging folder left behind


def test_an_empty_keys_folder_gets_a_first_key(data_dir: Path) -> None:
    (data_dir / "keys").mkdir(parents=True)
    assert VoucherKeys(data_dir).current().key_id in VoucherKeys(data_dir).public_keys()
    # A folder with other files but no key as well.
    other = data_dir.parent / "desk-b"
    (other / "keys").mkdir(parents=True)
    (other / "keys" / "notes.txt").write_text("keys of the 汇洋 desk")
    made = VoucherKeys(other).current()
    assert VoucherKeys(other).current().key_id == made.key_id


# -- rotation and removal -----------------------------------------------------------------------------------------

def test_old_slips_stay_valid_after_rotation(data_dir: Path) -> None:
    keys = VoucherKeys(data_dir)
    old = keys.current()
    old_slip = slip(old)
    new = keys.rotate()
    assert new.key_id != old.key_id
    assert keys.current().key_id == new.key_id
    station = VoucherKeys(data_dir).public_keys()
    assert set(station) == {old.key_id, new.key_id}
    assert verify(old_slip, station).key_id == old.key_id
    assert verify(slip(new, 1002), station).key_id == new.key_id
    # The old key verifies only: its private half is gone.
    assert not (keys.folder / f"{old.key_id}{PRIVATE_SUFFIX}").exists()
    assert {(k.key_id, k.current, k.can_sign) for k in keys.keys()} == {
        (old.key_id, False, False), (new.key_id, True, True)}


def test_a_removed_key_is_unknown(data_dir: Path) -> None:
    keys = VoucherKeys(data_dir)
    old = keys.current()
    old_slip = slip(old)
    new = keys.rotate()
    keys.remove(old.key_id)
    assert list(keys.public_keys()) == [new.key_id]
    with pytest.raises(UnknownVoucherKey):
        verify(old_slip, VoucherKeys(data_dir).public_keys())
    with pytest.raises(KeyInUse):
        keys.remove(new.key_id)
    with pytest.raises(NotFound):
        keys.remove(old.key_id)
    with pytest.raises(NotFound):
        keys.remove("../x")


def test_a_deleted_key_file_is_noticed_by_a_running_program(data_dir: Path) -> None:
    keys = VoucherKeys(data_dir)
    old = keys.current()
    keys.rotate()
    assert old.key_id in keys.public_keys()
    (keys.folder / f"{old.key_id}{PUBLIC_SUFFIX}").unlink()
    assert old.key_id not in keys.public_keys()


def test_a_rotation_by_another_program_is_noticed(data_dir: Path) -> None:
    gui, cli = VoucherKeys(data_dir), VoucherKeys(data_dir)
    gui.current()
    rotated = cli.rotate()
    assert gui.current().key_id == rotated.key_id
    assert rotated.key_id in gui.public_keys()


def test_unreadable_or_misnamed_key_files_are_ignored(data_dir: Path) -> None:
    keys = VoucherKeys(data_dir)
    signing = keys.current()
    stranger = Ed25519PrivateKey.generate()
    (keys.folder / f"ABCD{PUBLIC_SUFFIX}").write_text("not a key")
    (keys.folder / f"AAAA{PUBLIC_SUFFIX}").write_text(public_pem(stranger))  # not the key its name says
    (keys.folder / f"BBBB{PRIVATE_SUFFIX}").write_text(private_pem(stranger))
    (keys.folder / "readme.txt").write_text("do not share")
    assert list(VoucherKeys(data_dir).public_keys()) == [signing.key_id]
    assert VoucherKeys(data_dir).current().key_id == signing.key_id


# -- sharing between desks ----------------------------------------------------------------------------------------

def test_a_desk_of_the_same_base_imports_the_signing_key(tmp_path: Path) -> None:
    first_desk = VoucherKeys(tmp_path / "desk-a")
    shared = first_desk.current()
    second_desk = VoucherKeys(tmp_path / "desk-b")
    result = second_desk.import_bundle(sealed_bundle(first_desk), PASSPHRASE)
    assert result.added == (shared.key_id,)
    assert result.current == shared.key_id
    assert second_desk.can_sign()
    assert second_desk.current().key_id == shared.key_id
    # A slip from the second desk verifies wherever the first desk's key is known.
    assert verify(slip(second_desk.current(), 2001), first_desk.public_keys()).serial == 2001
    # Importing the same bundle again changes nothing.
    again = second_desk.import_bundle(sealed_bundle(first_desk), PASSPHRASE)
    assert again.added == () and again.current is None


def test_a_desk_that_already_made_its_own_key_switches_to_the_shared_one(tmp_path: Path) -> None:
    first_desk, second_desk = VoucherKeys(tmp_path / "desk-a"), VoucherKeys(tmp_path / "desk-b")
    shared = first_desk.current()
    own = second_desk.current()
    own_slip = slip(own)
    result = second_desk.import_bundle(sealed_bundle(first_desk), PASSPHRASE)
    assert result.current == shared.key_id
    assert second_desk.current().key_id == shared.key_id
    # Its own key now verifies only; slips it signed stay valid here.
    assert verify(own_slip, second_desk.public_keys()).key_id == own.key_id
    assert not (second_desk.folder / f"{own.key_id}{PRIVATE_SUFFIX}").exists()


def test_rotation_travels_with_the_next_bundle(tmp_path: Path) -> None:
    first_desk, second_desk = VoucherKeys(tmp_path / "desk-a"), VoucherKeys(tmp_path / "desk-b")
    old = first_desk.current()
    second_desk.import_bundle(sealed_bundle(first_desk), PASSPHRASE)
    new = first_desk.rotate()
    result = second_desk.import_bundle(sealed_bundle(first_desk), PASSPHRASE)
    assert result.added == (new.key_id,) and result.current == new.key_id
    assert second_desk.current().key_id == new.key_id
    assert {k.key_id: k.can_sign for k in second_desk.keys()} == {old.key_id: False, new.key_id: True}


def test_a_merchant_station_verifies_but_cannot_sign(tmp_path: Path) -> None:
    desk = VoucherKeys(tmp_path / "desk")
    old = desk.current()
    new = desk.rotate()
    public_bundle = desk.export_bundle(include_private=False)
    assert b"PRIVATE" not in public_bundle
    assert json.loads(public_bundle)["current"] is None
    station = VoucherKeys(tmp_path / "merchant")
    result = station.import_bundle(public_bundle)
    assert set(result.added) == {old.key_id, new.key_id} and result.current is None
    assert not station.can_sign()
    with pytest.raises(SigningKeyMissing):
        station.current()
    with pytest.raises(SigningKeyMissing):
        station.rotate()
    with pytest.raises(SigningKeyMissing):
        station.export_bundle(include_private=True, passphrase=PASSPHRASE)
    assert not list(station.folder.glob(f"*{PRIVATE_SUFFIX}"))
    for signing in (old, new):
        assert verify(slip(signing), station.public_keys()).key_id == signing.key_id
    # It can pass the public keys on.
    assert json.loads(station.export_bundle(include_private=False))["keys"] == json.loads(public_bundle)["keys"]
    # And becomes a signing desk only by importing the signing key.
    station.import_bundle(sealed_bundle(desk), PASSPHRASE)
    assert station.can_sign() and station.current().key_id == new.key_id


def test_a_forged_slip_fails_at_a_merchant_station(tmp_path: Path) -> None:
    desk = VoucherKeys(tmp_path / "desk")
    signing = desk.current()
    station = VoucherKeys(tmp_path / "merchant")
    station.import_bundle(desk.export_bundle(include_private=False))
    forger = Ed25519PrivateKey.generate()
    payload = Payload(serial=5, base_code="MH", merchant_id=3, expires_on=dt.date(2027, 1, 31),
                      key_id=signing.key_id)
    assert verify(slip(signing, 5), station.public_keys()) == payload
    with pytest.raises(UnknownVoucherKey):
        verify(sign(Payload(**{**payload.__dict__, "key_id": key_id_of(forger.public_key())}), forger),
               station.public_keys())


def test_a_bundle_whose_private_key_differs_for_a_known_id_is_refused(tmp_path: Path) -> None:
    # Key ids are 20 bits: among a few thousand keys two share an id, which is what a forged bundle would claim.
    seen: dict[str, Ed25519PrivateKey] = {}
    while True:
        candidate = Ed25519PrivateKey.generate()
        key_id = key_id_of(candidate.public_key())
        if key_id in seen:
            mine, theirs = seen[key_id], candidate
            break
        seen[key_id] = candidate
    desk = VoucherKeys(tmp_path / "desk")
    desk.import_bundle(signing_bundle(mine))
    assert desk.current().key_id == key_id
    before = folder_listing(desk.folder)
    for offered in (signing_bundle(theirs), bundle([{"id": key_id, "public": public_pem(theirs)}])):
        with pytest.raises(KeyConflict) as refused:
            desk.import_bundle(offered)
        assert refused.value.params == {"key_id": key_id}
        assert folder_listing(desk.folder) == before
    # Nothing of a refused bundle is imported, not even its other keys.
    extra = Ed25519PrivateKey.generate()
    with pytest.raises(KeyConflict):
        desk.import_bundle(bundle([{"id": key_id_of(extra.public_key()), "public": public_pem(extra)},
                                   {"id": key_id, "public": public_pem(theirs)}]))
    assert folder_listing(desk.folder) == before
    assert verify(slip(desk.current()), desk.public_keys()).key_id == key_id
    with pytest.raises(BadVoucherSignature):
        verify(slip(SigningKey(key_id, theirs)), desk.public_keys())


def _invalid_bundles() -> list[tuple[str, bytes]]:
    key = Ed25519PrivateKey.generate()
    key_id = key_id_of(key.public_key())
    other = Ed25519PrivateKey.generate()
    other_id = key_id_of(other.public_key())
    ed448 = Ed448PrivateKey.generate()
    good = {"id": key_id, "public": public_pem(key)}
    return [
        ("empty", b""),
        ("binary", bytes(range(256))),
        ("not json", b"-----BEGIN PUBLIC KEY-----"),
        ("a list", b"[]"),
        ("another format", json.dumps({"format": "x", "version": 1, "keys": [good]}).encode()),
        ("another version", json.dumps({"format": "desk-voucher-keys", "version": 3, "keys": [good]}).encode()),
        ("no keys", bundle([])),
        ("keys not a list", bundle({"id": key_id})),  # type: ignore[arg-type]
        ("a key not an object", bundle(["ABCD"])),
        ("unknown field", bundle([{**good, "note": "x"}])),
        ("bad id", bundle([{**good, "id": "abcd"}])),
        ("id of another key", bundle([{**good, "id": other_id}])),
        ("public not pem", bundle([{**good, "public": "hello"}])),
        ("public not text", bundle([{**good, "public": 5}])),
        ("public of another kind", bundle([{**good, "public": ed448.public_key().public_bytes(
            Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()}])),
        ("private without current", bundle([{**good, "private": private_pem(key)}])),
        ("current without private", bundle([good], current=key_id)),
        ("current not a key id", bundle([good], current="../../etc")),
        ("private of another key", bundle([{**good, "private": private_pem(other)}], current=key_id)),
        ("private of another kind", bundle([{**good, "private": private_pem(ed448)}], current=key_id)),
        ("private not pem", bundle([{**good, "private": "x"}], current=key_id)),
        ("private of a retired key", bundle([{**good, "private": private_pem(key)},
                                             {"id": other_id, "public": public_pem(other),
                                              "private": private_pem(other)}], current=key_id)),
        ("duplicate", bundle([good, good])),
        ("huge", b" " * 2_000_000),
    ]


@pytest.mark.parametrize(("name", "data"), _invalid_bundles(), ids=[name for name, _ in _invalid_bundles()])
def test_a_damaged_bundle_is_refused_and_nothing_is_written(data_dir: Path, name: str, data: bytes) -> None:
    keys = VoucherKeys(data_dir)
    keys.current()
    before = folder_listing(keys.folder)
    with pytest.raises(KeyBundleInvalid):
        keys.import_bundle(data)
    assert folder_listing(keys.folder) == before


def test_a_hand_made_public_bundle_imports(data_dir: Path) -> None:
    key = Ed25519PrivateKey.generate()
    key_id = key_id_of(key.public_key())
    keys = VoucherKeys(data_dir)
    assert keys.import_bundle(bundle([{"id": key_id, "public": public_pem(key)}])).added == (key_id,)
    assert not keys.can_sign()
    assert verify(slip(SigningKey(key_id, key)), keys.public_keys()).key_id == key_id


# -- the signing key sealed with a passphrase ----------------------------------------------------------------------

def test_the_signing_key_travels_sealed(tmp_path: Path) -> None:
    desk = VoucherKeys(tmp_path / "desk")
    signing = desk.current()
    data = sealed_bundle(desk)
    raw = signing.private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    assert b"PRIVATE" not in data and raw.hex().encode() not in data
    parsed = json.loads(data)
    assert parsed["version"] == 2 and parsed["current"] == signing.key_id
    sealed = parsed["keys"][0]["sealed"]
    assert sealed["kdf"] == "scrypt" and {k: sealed[k] for k in SCRYPT_COST} == SCRYPT_COST
    assert raw not in base64.b64decode(sealed["sealed"])
    # Two exports of one key share nothing but the key id: a new salt and nonce each time.
    assert json.loads(sealed_bundle(desk))["keys"][0]["sealed"]["salt"] != sealed["salt"]


def test_a_sealed_bundle_needs_its_passphrase_and_nothing_is_written_without_it(tmp_path: Path) -> None:
    desk = VoucherKeys(tmp_path / "desk")
    signing = desk.current()
    data = sealed_bundle(desk)
    other = VoucherKeys(tmp_path / "other")
    other.current()
    before = folder_listing(other.folder)
    for passphrase, refusal in ((None, KeyPassphraseRequired), ("", KeyPassphraseRequired),
                                ("港湾 desk 2025", KeyPassphraseWrong), (PASSPHRASE + " ", KeyPassphraseWrong)):
        with pytest.raises(refusal):
            other.import_bundle(data, passphrase)
        assert folder_listing(other.folder) == before
    # Typed with a Chinese input method's full-width letters and digits, it is the same passphrase.
    full_width = PASSPHRASE.replace("desk", "ｄｅｓｋ").replace("2026", "２０２６")
    assert other.import_bundle(data, full_width).current == signing.key_id
    assert other.current().key_id == signing.key_id


@pytest.mark.parametrize("passphrase", [None, "", "short", "x" * (PASSPHRASE_MIN - 1), "港湾\x07desk 2026",
                                        "y" * 201])
def test_a_signing_key_is_never_exported_without_a_good_passphrase(data_dir: Path, passphrase: str | None) -> None:
    keys = VoucherKeys(data_dir)
    with pytest.raises((KeyPassphraseRequired, KeyPassphraseWeak)):
        keys.export_bundle(include_private=True, passphrase=passphrase)
    assert folder_listing(keys.folder) == {}  # not even a first key was made
    assert b"sealed" not in keys.export_bundle(include_private=False)  # public keys need none


def _tampered(data: bytes, change: dict[str, object]) -> bytes:
    parsed = json.loads(data)
    parsed["keys"][0]["sealed"].update(change)
    return json.dumps(parsed).encode("utf-8")


def test_a_tampered_sealed_key_is_refused(tmp_path: Path) -> None:
    desk = VoucherKeys(tmp_path / "desk")
    desk.current()
    data = sealed_bundle(desk)
    sealed = json.loads(data)["keys"][0]["sealed"]
    flipped = bytearray(base64.b64decode(sealed["sealed"]))
    flipped[3] ^= 1
    station = VoucherKeys(tmp_path / "station")
    for change in ({"sealed": base64.b64encode(bytes(flipped)).decode()},
                   {"nonce": base64.b64encode(bytes(12)).decode()},
                   {"salt": base64.b64encode(bytes(16)).decode()}):
        with pytest.raises(KeyPassphraseWrong):  # AES-GCM tells an altered key from a genuine one
            station.import_bundle(_tampered(data, change), PASSPHRASE)
    for change in ({"n": 2 ** 30}, {"n": 2 ** 20}, {"r": 16, "n": 2 ** 18}, {"n": 3 * 2 ** 14}, {"r": 0}, {"p": True}, {"kdf": "pbkdf2"},
                   {"salt": "not base64!"}, {"nonce": base64.b64encode(bytes(8)).decode()},
                   {"sealed": base64.b64encode(bytes(10)).decode()}, {"extra": 1}):
        with pytest.raises(KeyBundleInvalid):  # refused before any key derivation
            station.import_bundle(_tampered(data, change), PASSPHRASE)
    with pytest.raises(KeyBundleInvalid):  # a version 2 bundle carries no plain private key
        station.import_bundle(data.replace(b'"sealed"', b'"private"'), PASSPHRASE)
    assert folder_listing(station.folder) == {}


def test_a_version_1_bundle_with_a_plain_signing_key_still_imports(data_dir: Path) -> None:
    key = Ed25519PrivateKey.generate()
    keys = VoucherKeys(data_dir)
    assert keys.import_bundle(signing_bundle(key)).current == key_id_of(key.public_key())
    assert keys.can_sign()


# -- never in the database or its backups -------------------------------------------------------------------------

def test_keys_are_not_in_the_database_or_its_backups(ctx: ServiceContext, admin: Actor) -> None:
    backups = BackupService(ctx)
    if not backups.supported:
        pytest.skip("backups of a PostgreSQL database are made with pg_dump, outside the data folder")
    keys = VoucherKeys(ctx.location.data_dir)
    assert keys.folder == ctx.location.keys_dir
    old = keys.current()
    new = keys.rotate()
    secrets_on_disk = [p.read_bytes() for p in keys.folder.iterdir()]
    raw_secrets = [new.private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
                   old.private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())]
    made = [backups.backup_now(admin), backups.daily_backup_if_due(), backups.backup_now(admin, ctx.location.data_dir)]
    files = [p for p in made if p is not None]
    assert len(files) == 3
    # A backup is the database file alone, made by SQLite's backup API: the keys folder is not in it.
    assert keys.folder not in {*backups.folder.parents, backups.folder}
    assert all(path.suffix == ".sqlite3" for path in backups.folder.iterdir())
    database = ctx.location.sqlite_path
    assert database is not None
    for path in [*files, database]:
        content = path.read_bytes()
        assert b"PRIVATE KEY" not in content
        for secret in [*raw_secrets, *secrets_on_disk]:
            assert secret not in content, path
    # The keys folder is untouched by backups.
    assert sorted(p.name for p in keys.folder.iterdir()) == sorted(
        [f"{old.key_id}{PUBLIC_SUFFIX}", f"{new.key_id}{PUBLIC_SUFFIX}", f"{new.key_id}{PRIVATE_SUFFIX}",
         CURRENT_FILE])
