"""VC-JWT with P-384 keys (ES384, RFC 7518 §3.4) and VC-JWTs by did:jwk issuers."""

from __future__ import annotations

import base64
import json

import pytest
from joserfc import jws
from joserfc.jwk import import_key
from proofs_support import NOW, credential

from badgekit.errors import SigningError
from badgekit.keys.keypair import KeyPair
from badgekit.proofs import decode_unverified, sign, verify_proof

P384 = KeyPair.generate("p384")
P256 = KeyPair.generate("p256")


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _doc(issuer: str) -> dict[str, object]:
    doc = credential()
    doc["issuer"]["id"] = issuer
    return doc


def test_es384_round_trip_under_a_did_key() -> None:
    token = sign(_doc(P384.did_key), P384, suite="jwt")
    assert isinstance(token, str)
    decoded = decode_unverified(token)
    assert decoded.header["alg"] == "ES384"
    assert len(decoded.signature) == 96
    result = verify_proof(token, now=NOW)
    assert result.verified, result
    assert result.key_type == "p384"


def test_joserfc_verifies_our_es384() -> None:
    token = sign(_doc(P384.did_key), P384, suite="jwt")
    assert isinstance(token, str)
    key = import_key(P384.public_pem(), "EC")
    obj = jws.deserialize_compact(token, key, algorithms=["ES384"])
    assert json.loads(obj.payload)["iss"] == P384.did_key


def test_we_verify_joserfc_es384() -> None:
    doc = _doc(P384.did_key)
    payload = {**doc, "iss": P384.did_key, "jti": doc["id"], "nbf": 1262304000}
    payload["sub"] = doc["credentialSubject"]["id"]  # type: ignore[index]
    header = {"alg": "ES384", "kid": P384.did_key_vm, "typ": "JWT"}
    key = import_key(P384.private_pem(), "EC")
    token = jws.serialize_compact(header, json.dumps(payload), key, algorithms=["ES384"])
    result = verify_proof(token, now=NOW)
    assert result.verified, result


@pytest.mark.parametrize(("key", "alg"), [(P384, "ES256"), (P256, "ES384")])
def test_alg_must_fit_the_curve(key: KeyPair, alg: str) -> None:
    with pytest.raises(SigningError, match=f"alg {alg} does not fit"):
        sign(_doc(key.did_key), key, suite="jwt", alg=alg)


def test_an_es256_header_on_a_p384_key_is_refused() -> None:
    good = sign(_doc(P384.did_key), P384, suite="jwt")
    assert isinstance(good, str)
    payload = good.split(".")[1]
    new_header = b64(json.dumps({"alg": "ES256", "kid": P384.did_key_vm, "typ": "JWT"}).encode())
    signing_input = f"{new_header}.{payload}".encode()
    token = f"{new_header}.{payload}.{b64(P384.sign(signing_input))}"
    result = verify_proof(token, now=NOW)
    assert not result.verified
    assert result.reason_code == "key_type_mismatch"


@pytest.mark.parametrize("kind", ["ed25519", "p256", "p384", "rsa"])
def test_vc_jwt_by_a_did_jwk_issuer(kind: str) -> None:
    key = KeyPair.generate(kind, rsa_bits=2048)  # type: ignore[arg-type]
    token = sign(_doc(key.did_jwk), key, suite="jwt")
    assert isinstance(token, str)
    assert decode_unverified(token).header["kid"] == f"{key.did_jwk}#0"
    result = verify_proof(token, now=NOW)
    assert result.verified, result
    assert result.controller == key.did_jwk
