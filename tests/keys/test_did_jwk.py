"""did:jwk (quartzjer/did-jwk spec.md): build, resolve offline, and refuse what the spec refuses."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from badgekit.errors import ResolutionError
from badgekit.keys import KeyPair, Resolver
from badgekit.keys.did_jwk import did_jwk_document, did_jwk_public

# The spec's P-256 example (spec.md §Examples "P-256"): DID and its JWK.
SPEC_DID = (
    "did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6"
    "OTFQSDZDZEgyVjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9"
)
SPEC_JWK = {
    "crv": "P-256",
    "kty": "EC",
    "x": "acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0",
    "y": "_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE",
}
# The spec's X25519 example: an encryption key ("use": "enc"), only under keyAgreement.
SPEC_X25519_DID = (
    "did:jwk:eyJrdHkiOiJPS1AiLCJjcnYiOiJYMjU1MTkiLCJ1c2UiOiJlbmMiLCJ4IjoiM3A3YmZYdDl3YlRUVzJIQzd"
    "PUTFOei1EUThoYmVHZE5yZngtRkctSUswOCJ9"
)


def _did(jwk: Any, *, pad: bool = False) -> str:
    raw = base64.urlsafe_b64encode(json.dumps(jwk).encode())
    return "did:jwk:" + (raw if pad else raw.rstrip(b"=")).decode()


def test_the_spec_example_resolves() -> None:
    resolved = Resolver().resolve(SPEC_DID + "#0")
    assert resolved.key.public_jwk == SPEC_JWK
    assert resolved.id == SPEC_DID + "#0"
    assert resolved.controller == SPEC_DID
    assert resolved.source == "did:jwk"
    assert resolved.type == "JsonWebKey2020"


def test_our_did_jwk_is_the_spec_form() -> None:
    assert KeyPair.from_jwk(SPEC_JWK).did_jwk == SPEC_DID  # sorted members, no whitespace


def test_the_spec_document_shape() -> None:
    document = did_jwk_document(SPEC_DID)
    assert document["id"] == SPEC_DID
    [method] = document["verificationMethod"]
    assert method == {
        "id": SPEC_DID + "#0",
        "type": "JsonWebKey2020",
        "controller": SPEC_DID,
        "publicKeyJwk": SPEC_JWK,
    }
    assert document["assertionMethod"] == [SPEC_DID + "#0"]
    assert "keyAgreement" not in document  # a signing key (badgekit reads no other)


@pytest.mark.parametrize("kind", ["ed25519", "p256", "p384", "rsa"])
def test_every_key_type_round_trips(kind: str) -> None:
    key = KeyPair.generate(kind, rsa_bits=2048)  # type: ignore[arg-type]
    did = key.did_jwk
    assert did.startswith("did:jwk:ey")
    assert did_jwk_public(did).public_jwk == key.public_jwk
    resolved = Resolver().resolve(f"{did}#0")
    assert resolved.key.fingerprint == key.fingerprint
    assert not resolved.key.has_private


def test_any_serialization_of_the_jwk_is_its_own_did() -> None:
    """The spec: many DIDs per key; the DID is kept as given (the controller is that string)."""
    spaced = (
        "did:jwk:"
        + base64.urlsafe_b64encode(json.dumps(SPEC_JWK, indent=1).encode()).rstrip(b"=").decode()
    )
    resolved = Resolver().resolve(spaced + "#0")
    assert resolved.key.public_jwk == SPEC_JWK
    assert resolved.controller == spaced != SPEC_DID


def test_bare_did_resolves_to_method_0() -> None:
    assert Resolver().resolve(SPEC_DID).id == SPEC_DID + "#0"


@pytest.mark.parametrize("fragment", ["1", "key-1", "", SPEC_JWK["x"]])
def test_other_fragments_refused(fragment: str) -> None:
    with pytest.raises(ResolutionError, match="one verification method, #0"):
        Resolver().resolve(f"{SPEC_DID}#{fragment}")


@pytest.mark.parametrize(
    ("did", "message"),
    [
        (_did({**SPEC_JWK, "d": "AAAA"}), r"private key material \(d\)"),
        (_did({"kty": "oct", "k": "AAAA"}), "symmetric"),
        (
            _did({"kty": "RSA", "n": "AQAB", "e": "AQAB", "p": "AQ", "q": "AQ"}),
            r"private key material \(p, q\)",
        ),
        (SPEC_X25519_DID, "use 'enc'"),
        (_did({**SPEC_JWK, "use": "enc"}), "use 'enc'"),
        (_did({"kty": "OKP", "crv": "X25519", "x": SPEC_JWK["x"]}), "unsupported JWK"),
        (_did({"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"}), "invalid EC JWK"),
        (_did(["not", "an", "object"]), "not a JSON object"),
        (_did(SPEC_JWK, pad=True), "not base64url"),
        ("did:jwk:eyJ!", "not base64url"),
        ("did:jwk:", "not base64url"),
        ("did:jwk:" + base64.urlsafe_b64encode(b"\xff\xfe{").decode(), "not a UTF-8 JSON JWK"),
        ("did:jwk:" + "A" * 9000, "at most 8192"),
    ],
)
def test_refused(did: str, message: str) -> None:
    with pytest.raises(ResolutionError, match=message):
        Resolver().resolve(did + "#0")


def test_use_sig_is_fine() -> None:
    did = _did({**SPEC_JWK, "use": "sig", "kid": "ignored"})
    assert Resolver().resolve(did + "#0").key.public_jwk == SPEC_JWK
