"""KeyPair: the 1EdTech vector key, Multikey/JWK/PEM round trips, files, and refusals."""

from __future__ import annotations

import base64
import os
import stat
from typing import TYPE_CHECKING, Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from hypothesis import given, settings
from hypothesis import strategies as st

from badgekit.errors import FileAccessError, KeyMaterialError, PassphraseError
from badgekit.keys import KeyPair
from badgekit.keys.multibase import (
    ED25519_PUB_HEADER,
    ED25519_SECRET_HEADER,
    b58decode,
    b58encode,
    decode_multibase,
    encode_multibase,
)

if TYPE_CHECKING:
    from pathlib import Path

KINDS = ("ed25519", "rsa", "p256")


def _b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def keys() -> dict[str, KeyPair]:
    return {
        "ed25519": KeyPair.generate(),
        "rsa": KeyPair.generate("rsa", rsa_bits=2048),
        "p256": KeyPair.generate("p256"),
    }


def _private_jwk(key: KeyPair) -> dict[str, Any]:
    private = key.private_key
    jwk: dict[str, Any] = dict(key.public_jwk)
    if isinstance(private, ed25519.Ed25519PrivateKey):
        jwk["d"] = _b64u(private.private_bytes_raw())
    elif isinstance(private, ec.EllipticCurvePrivateKey):
        jwk["d"] = _b64u(private.private_numbers().private_value.to_bytes(32, "big"))
    else:
        assert isinstance(private, rsa.RSAPrivateKey)
        nums = private.private_numbers()
        for name, value in (("d", nums.d), ("p", nums.p), ("q", nums.q)):
            jwk[name] = _b64u(value.to_bytes((value.bit_length() + 7) // 8, "big"))
    return jwk


# --- the 1EdTech test vector key --- #


def test_vector_seed_gives_the_published_public_key(vector: dict[str, Any]) -> None:
    pair = vector["keyPair"]
    key = KeyPair.from_seed(bytes.fromhex(pair["privateKeySeedHex"]))
    assert key.public_bytes.hex() == pair["publicKeyHex"]
    assert key.public_multibase == pair["publicKeyMultibase"]
    assert key.did_key == f"did:key:{pair['publicKeyMultibase']}"
    assert key.did_key_vm == f"{key.did_key}#{pair['publicKeyMultibase']}"


def test_vector_secret_multibase_64_byte_form(vector: dict[str, Any]) -> None:
    pair = vector["keyPair"]
    key = KeyPair.from_multikey(pair["secretKeyMultibase"])
    assert key.has_private
    assert key.public_bytes.hex() == pair["publicKeyHex"]


def test_secret_multibase_32_byte_seed_form(vector: dict[str, Any]) -> None:
    seed = bytes.fromhex(vector["keyPair"]["privateKeySeedHex"])
    key = KeyPair.from_multikey(encode_multibase(ED25519_SECRET_HEADER, seed))
    assert key.public_bytes.hex() == vector["keyPair"]["publicKeyHex"]


def test_secret_multibase_with_a_wrong_public_half_refused(vector: dict[str, Any]) -> None:
    seed = bytes.fromhex(vector["keyPair"]["privateKeySeedHex"])
    bad = encode_multibase(ED25519_SECRET_HEADER, seed + bytes(32))
    with pytest.raises(KeyMaterialError, match="public half does not match"):
        KeyPair.from_multikey(bad)


def test_public_multibase_parses_to_a_public_key(vector: dict[str, Any]) -> None:
    key = KeyPair.from_multikey(vector["keyPair"]["publicKeyMultibase"])
    assert not key.has_private
    with pytest.raises(KeyMaterialError, match="public key"):
        key.sign(b"x")


def test_from_public_multibase_refuses_secret_values(vector: dict[str, Any]) -> None:
    with pytest.raises(KeyMaterialError, match="publicKeyMultibase"):
        KeyPair.from_public_multibase(vector["keyPair"]["secretKeyMultibase"])


# --- multibase --- #


@given(st.binary(max_size=80))
def test_base58_round_trip(data: bytes) -> None:
    assert b58decode(b58encode(data)) == data


@given(st.binary(min_size=32, max_size=32))
def test_multikey_round_trip(raw: bytes) -> None:
    value = encode_multibase(ED25519_PUB_HEADER, raw)
    assert value.startswith("z6Mk")
    assert decode_multibase(value, ED25519_PUB_HEADER, lengths=(32,)) == raw
    assert KeyPair.from_public_multibase(value).public_bytes == raw


@settings(max_examples=25)
@given(st.binary(min_size=32, max_size=32))
def test_seed_round_trip(seed: bytes) -> None:
    key = KeyPair.from_multikey(encode_multibase(ED25519_SECRET_HEADER, seed))
    assert KeyPair.from_public_multibase(key.public_multibase).public_bytes == key.public_bytes


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (encode_multibase(b"\xec\x01", bytes(32)), "header is ec01, expected ed01"),
        (encode_multibase(ED25519_PUB_HEADER, bytes(31)), "holds 31 bytes"),
        (encode_multibase(ED25519_PUB_HEADER, bytes(33)), "holds 33 bytes"),
        ("z6Mk0OIl", "invalid base58btc character"),
        ("u7QE", "must start with 'z'"),
        ("", "must start with 'z'"),
    ],
)
def test_bad_multibase_refused(value: str, message: str) -> None:
    with pytest.raises(KeyMaterialError, match=message):
        decode_multibase(value, ED25519_PUB_HEADER, lengths=(32,))


@pytest.mark.parametrize("length", [31, 33])
def test_wrong_seed_length_refused(length: int) -> None:
    with pytest.raises(KeyMaterialError):
        KeyPair.from_seed(bytes(length))
    with pytest.raises(KeyMaterialError, match=f"holds {length} bytes"):
        KeyPair.from_multikey(encode_multibase(ED25519_SECRET_HEADER, bytes(length)))


def test_overlong_multikey_refused_quickly() -> None:
    with pytest.raises(KeyMaterialError, match="200000 characters"):
        KeyPair.from_multikey("z" + "2" * 199_999)


def test_p256_multibase_round_trip(keys: dict[str, KeyPair]) -> None:
    key = keys["p256"]
    assert key.public_multibase.startswith("zDn")
    assert KeyPair.from_public_multibase(key.public_multibase).public_jwk == key.public_jwk


def test_invalid_p256_point_refused() -> None:
    value = encode_multibase(b"\x80\x24", b"\x02" + b"\xff" * 32)
    with pytest.raises(KeyMaterialError, match="not a valid P-256 point"):
        KeyPair.from_public_multibase(value)


def test_rsa_has_no_multibase(keys: dict[str, KeyPair]) -> None:
    with pytest.raises(KeyMaterialError, match="RSA keys have no did:key"):
        _ = keys["rsa"].did_key


# --- JWK --- #


@pytest.mark.parametrize("kind", KINDS)
def test_public_jwk_round_trip(keys: dict[str, KeyPair], kind: str) -> None:
    key = keys[kind]
    public = KeyPair.from_jwk(key.public_jwk)
    assert not public.has_private
    assert public.public_jwk == key.public_jwk
    assert public.fingerprint == key.fingerprint
    assert "d" not in key.public_jwk


@pytest.mark.parametrize("kind", KINDS)
def test_jwk_with_d_is_private_and_signs(keys: dict[str, KeyPair], kind: str) -> None:
    key = keys[kind]
    loaded = KeyPair.from_jwk(_private_jwk(key))
    assert loaded.has_private
    assert loaded.public_jwk == key.public_jwk
    signature = loaded.sign(b"badge")
    assert key.verify(signature, b"badge")
    assert not key.verify(signature, b"badgE")


@pytest.mark.parametrize(
    ("jwk", "message"),
    [
        ({"kty": "oct", "k": "AAAA"}, "unsupported JWK"),
        ({"kty": "EC", "crv": "P-521", "x": "AA", "y": "AA"}, "unsupported JWK"),
        ({"kty": "EC", "crv": "secp256k1", "x": "AA", "y": "AA"}, "unsupported JWK"),
        ({"kty": "OKP", "crv": "Ed25519", "x": 5}, "base64url string"),
        ({"kty": "OKP", "crv": "Ed25519", "x": "AAAA"}, "invalid OKP JWK"),
        ({"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"}, "invalid EC JWK"),
    ],
)
def test_bad_jwk_refused(jwk: dict[str, Any], message: str) -> None:
    with pytest.raises(KeyMaterialError, match=message):
        KeyPair.from_jwk(jwk)


@pytest.mark.parametrize("kind", KINDS)
def test_private_jwk_whose_public_part_is_another_key_refused(
    keys: dict[str, KeyPair], kind: str
) -> None:
    jwk = _private_jwk(keys[kind])
    other = KeyPair.generate(kind, rsa_bits=2048).public_jwk  # type: ignore[arg-type]
    jwk.update({k: v for k, v in other.items() if k in ("x", "y", "n")})
    with pytest.raises(KeyMaterialError, match=f"invalid {jwk['kty']} JWK|not the public key"):
        KeyPair.from_jwk(jwk)


def test_small_rsa_refused() -> None:
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    with pytest.raises(KeyMaterialError, match="1024 bits; at least 2048"):
        KeyPair.from_private(small)


# --- PEM and key files --- #


@pytest.mark.parametrize("kind", KINDS)
def test_pem_file_without_passphrase(keys: dict[str, KeyPair], kind: str, tmp_path: Path) -> None:
    path = keys[kind].save(tmp_path / "key.pem")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    data = path.read_bytes()
    assert data.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert KeyPair.load(path).fingerprint == keys[kind].fingerprint


@pytest.mark.parametrize("kind", KINDS)
def test_pem_file_with_passphrase(keys: dict[str, KeyPair], kind: str, tmp_path: Path) -> None:
    path = keys[kind].save(tmp_path / "key.pem", passphrase="correct horse")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    with pytest.raises(PassphraseError, match="a passphrase is needed"):
        KeyPair.load(path)
    with pytest.raises(PassphraseError, match="wrong passphrase"):
        KeyPair.load(path, passphrase="wrong horse")
    assert KeyPair.load(path, passphrase=b"correct horse").fingerprint == keys[kind].fingerprint


def test_public_pem_loads_as_public(keys: dict[str, KeyPair]) -> None:
    key = KeyPair.parse(keys["p256"].public_pem())
    assert not key.has_private
    assert key.public_jwk == keys["p256"].public_jwk


@pytest.mark.parametrize(
    "data",
    [
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        b"{not json",
        b"[1, 2]",
        b"hello",
        b"",
    ],
)
def test_unparseable_key_material(data: bytes) -> None:
    with pytest.raises(KeyMaterialError):
        KeyPair.parse(data)


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="no such file"):
        KeyPair.load(tmp_path / "absent.pem")


@pytest.mark.parametrize("kind", KINDS)
def test_repr_shows_no_private_material(keys: dict[str, KeyPair], kind: str) -> None:
    key = keys[kind]
    text = repr(key) + str(key)
    assert key.fingerprint in text
    jwk = _private_jwk(key)
    assert jwk["d"] not in text
    assert "PRIVATE" not in text
