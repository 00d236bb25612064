"""P-384 keys (and the P-256/P-384 secretKeyMultibase forms), with the vc-di-ecdsa key pairs."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from badgekit.errors import KeyMaterialError, ResolutionError
from badgekit.keys import KeyPair, Resolver
from badgekit.keys.did import did_key_document, did_key_public
from badgekit.keys.multibase import b58decode, encode_multibase

VECTORS = json.loads(
    (Path(__file__).parent.parent / "vectors" / "vc-di-ecdsa-rdfc-2019.json").read_text()
)
P256 = VECTORS["p256"]["keyPair"]
P384 = VECTORS["p384"]["keyPair"]


def test_vector_key_pairs_load_from_secret_multibase() -> None:
    for pair, kind in ((P256, "p256"), (P384, "p384")):
        key = KeyPair.from_multikey(pair["secretKeyMultibase"])
        assert key.kind == kind
        assert key.has_private
        assert key.public_multibase == pair["publicKeyMultibase"]


def test_p384_multikey_layout() -> None:
    key = KeyPair.from_multikey(P384["secretKeyMultibase"])
    raw = b58decode(key.public_multibase[1:])
    assert raw[:2] == b"\x81\x24"  # multicodec p384-pub, varint 0x1201
    assert len(raw[2:]) == 49
    assert raw[2] in (2, 3)
    assert key.public_multibase.startswith("z82")
    assert key.did_key.startswith("did:key:z82")
    secret = b58decode(P384["secretKeyMultibase"][1:])
    assert secret[:2] == b"\x87\x26"
    assert len(secret) == 2 + 48


def test_generate_p384_round_trips() -> None:
    key = KeyPair.generate("p384")
    assert key.kind == "p384"
    assert key.label == "P-384"
    assert key.jws_alg == "ES384"
    assert KeyPair.parse(key.private_pem()).public_jwk == key.public_jwk
    assert KeyPair.parse(key.public_pem()).kind == "p384"
    assert KeyPair.from_public_multibase(key.public_multibase).public_jwk == key.public_jwk
    jwk = key.public_jwk
    assert jwk["crv"] == "P-384"
    assert len(jwk["x"]) == len(jwk["y"]) == 64
    assert KeyPair.from_jwk(jwk).fingerprint == key.fingerprint
    assert "d" not in jwk


def test_p384_private_jwk_loads() -> None:
    key = KeyPair.from_multikey(P384["secretKeyMultibase"])
    private = key.private_key
    assert isinstance(private, ec.EllipticCurvePrivateKey)
    d = private.private_numbers().private_value.to_bytes(48, "big")
    jwk = {**key.public_jwk, "d": base64.urlsafe_b64encode(d).rstrip(b"=").decode()}
    loaded = KeyPair.from_jwk(jwk)
    assert loaded.has_private
    assert loaded.sign(b"x") == key.sign(b"x")


@pytest.mark.parametrize(("kind", "size"), [("p256", 64), ("p384", 96)])
def test_signatures_are_r_s_and_deterministic(kind: str, size: int) -> None:
    key = KeyPair.generate(kind)  # type: ignore[arg-type]
    signature = key.sign(b"hash data")
    assert len(signature) == size == key.signature_size
    assert key.sign(b"hash data") == signature  # RFC 6979
    assert key.public().verify(signature, b"hash data")
    assert not key.verify(signature, b"hash datA")
    assert not key.verify(signature[:-1], b"hash data")
    assert not key.verify(signature + b"\0", b"hash data")


def test_a_p256_signature_does_not_verify_as_p384() -> None:
    p256 = KeyPair.generate("p256")
    p384 = KeyPair.generate("p384")
    assert not p384.verify(p256.sign(b"m"), b"m")  # wrong length
    assert not p256.verify(p384.sign(b"m")[:64], b"m")


def test_did_key_of_p384_resolves_offline() -> None:
    key = KeyPair.from_multikey(P384["secretKeyMultibase"]).public()
    assert did_key_public(key.did_key).public_jwk == key.public_jwk
    document = did_key_document(key.did_key)
    assert document["verificationMethod"][0]["publicKeyMultibase"] == key.public_multibase
    resolved = Resolver().resolve(key.did_key_vm)
    assert resolved.key.kind == "p384"
    assert resolved.controller == key.did_key


def test_fragment_p384_key_resolves_offline() -> None:
    key = KeyPair.generate("p384")
    vm = f"https://issuer.example/org#{key.public_multibase}"
    resolved = Resolver().resolve(vm)
    assert resolved.source == "fragment"
    assert resolved.key.kind == "p384"
    assert resolved.controller == "https://issuer.example/org"


def test_p384_uncompressed_point_refused() -> None:
    key = KeyPair.generate("p384")
    uncompressed = key.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    with pytest.raises(KeyMaterialError, match=r"expected 49|at most 128"):
        KeyPair.from_public_multibase(encode_multibase(b"\x81\x24", uncompressed))
    with pytest.raises(ResolutionError):
        did_key_public("did:key:" + encode_multibase(b"\x81\x24", uncompressed))


@pytest.mark.parametrize(
    ("header", "length", "message"),
    [
        (b"\x81\x24", 49, "not a valid P-384 point"),  # 0x05 is no point encoding
        (b"\x87\x26", 47, "expected 48"),  # a P-384 secret of the wrong length
        (b"\x87\x26", 48, "not a valid P-384 secret key"),  # zero scalar
        (b"\x86\x26", 31, "expected 32"),
    ],
)
def test_malformed_ec_multikeys_refused(header: bytes, length: int, message: str) -> None:
    body = b"\x05" + b"\0" * (length - 1) if header == b"\x81\x24" else b"\0" * length
    with pytest.raises(KeyMaterialError, match=message):
        KeyPair.from_multikey(encode_multibase(header, body))


def test_public_multibase_refuses_ec_secret_keys() -> None:
    with pytest.raises(KeyMaterialError, match="not an Ed25519"):
        KeyPair.from_public_multibase(P384["secretKeyMultibase"])
    with pytest.raises(KeyMaterialError, match="not an Ed25519"):
        KeyPair.from_public_multibase(P256["secretKeyMultibase"])


def test_unsupported_curves_refused() -> None:
    with pytest.raises(KeyMaterialError, match="secp256k1 is not supported"):
        KeyPair.from_private(ec.generate_private_key(ec.SECP256K1()))
    with pytest.raises(KeyMaterialError, match="secp521r1 is not supported"):
        KeyPair(ec.generate_private_key(ec.SECP521R1()).public_key())
    with pytest.raises(KeyMaterialError, match="use ed25519, rsa, p256 or p384"):
        KeyPair.generate("p521")  # type: ignore[arg-type]
