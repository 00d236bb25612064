"""VC-JWT (ob3-spec.md §3.1): round trips for RS256/ES256/EdDSA, refusals, claims, interop."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from joserfc import jws
from joserfc.jwk import import_key
from proofs_support import ISSUER, NOW, MemoryResolver, credential, vector_key

from badgekit.errors import CredentialError, SigningError
from badgekit.keys.keypair import KeyPair
from badgekit.proofs import decode_unverified, sign, verify_proof

KEYS = {
    kind: KeyPair.generate(kind, rsa_bits=2048) if kind == "rsa" else KeyPair.generate(kind)
    for kind in ("ed25519", "rsa", "p256")
}


def _b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _setup(kind: str) -> tuple[KeyPair, str, MemoryResolver]:
    key = KEYS[kind]
    vm = f"{ISSUER}#key-{kind}"
    return key, vm, MemoryResolver({vm: (key, ISSUER)})


def _token(kind: str, **changes: Any) -> tuple[str, MemoryResolver]:
    key, vm, resolver = _setup(kind)
    token = sign(credential(**changes), key, suite="jwt", verification_method=vm)
    assert isinstance(token, str)
    return token, resolver


def _resign(kind: str, header: dict[str, Any], payload: dict[str, Any]) -> str:
    key = KEYS[kind]
    signing_input = f"{_b64(header)}.{_b64(payload)}"
    sig = base64.urlsafe_b64encode(key.sign(signing_input.encode())).rstrip(b"=").decode()
    return f"{signing_input}.{sig}"


@pytest.mark.parametrize("kind", ["ed25519", "rsa", "p256"])
def test_round_trip_every_key_type(kind: str) -> None:
    token, resolver = _token(kind)
    decoded = decode_unverified(token)
    assert decoded.header == {
        "alg": KEYS[kind].jws_alg,
        "typ": "JWT",
        "kid": f"{ISSUER}#key-{kind}",
    }
    assert decoded.payload["iss"] == ISSUER
    assert decoded.payload["jti"] == "http://example.com/credentials/3527"
    assert decoded.payload["sub"] == "did:example:ebfeb1f712ebc6f1c276e12ec21"
    assert decoded.payload["nbf"] == 1262304000  # validFrom 2010-01-01T00:00:00Z
    result = verify_proof(token, resolver=resolver, now=NOW)  # type: ignore[arg-type]
    assert result.verified, result
    assert result.key_type == kind


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.text(min_size=1, max_size=50),
    sub=st.from_regex(r"did:example:[a-z0-9]{1,16}", fullmatch=True),
)
def test_round_trip_generated(name: str, sub: str) -> None:
    doc = credential(name=name)
    doc["credentialSubject"]["id"] = sub
    key, vm, resolver = _setup("ed25519")
    token = sign(doc, key, suite="jwt", verification_method=vm)
    assert verify_proof(token, resolver=resolver, now=NOW).verified  # type: ignore[arg-type]


def test_expired_and_not_yet_valid() -> None:
    token, resolver = _token("p256", validUntil="2015-01-01T00:00:00Z")
    assert decode_unverified(token).payload["exp"] == 1420070400
    ok = verify_proof(token, resolver=resolver, now=datetime(2014, 1, 1, tzinfo=UTC))  # type: ignore[arg-type]
    assert ok.verified
    late = verify_proof(token, resolver=resolver, now=datetime(2015, 1, 1, tzinfo=UTC))  # type: ignore[arg-type]
    assert late.reason_code == "expired"
    early = datetime(2010, 1, 1, tzinfo=UTC) - timedelta(seconds=1)
    assert verify_proof(token, resolver=resolver, now=early).reason_code == "not_yet_valid"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ({"alg": "none", "kid": f"{ISSUER}#key-ed25519"}, "unsupported_alg"),
        ({"alg": "HS256", "kid": f"{ISSUER}#key-ed25519"}, "unsupported_alg"),
        ({"alg": "RS512", "kid": f"{ISSUER}#key-ed25519"}, "unsupported_alg"),
        ({"alg": "RS256", "kid": f"{ISSUER}#key-ed25519"}, "key_type_mismatch"),
        ({"alg": "EdDSA", "kid": f"{ISSUER}#key-ed25519", "crit": ["exp"]}, "bad_header"),
        ({"alg": "EdDSA", "kid": f"{ISSUER}#key-ed25519", "cty": "vc"}, "bad_header"),
        ({"alg": "EdDSA", "kid": f"{ISSUER}#key-ed25519", "typ": "vc+jwt"}, "bad_header"),
        ({"alg": "EdDSA"}, "bad_header"),
    ],
)
def test_header_refusals(header: dict[str, Any], code: str) -> None:
    token, resolver = _token("ed25519")
    payload = decode_unverified(token).payload
    forged = _resign("ed25519", header, payload)
    if header["alg"] == "none":
        forged = forged.rsplit(".", 1)[0] + "."
    assert verify_proof(forged, resolver=resolver, now=NOW).reason_code == code  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("claim", "value"),
    [("iss", "https://evil.example"), ("jti", "urn:x"), ("sub", "did:example:other"), ("nbf", 1)],
)
def test_claims_must_match_the_credential(claim: str, value: Any) -> None:
    token, resolver = _token("ed25519")
    decoded = decode_unverified(token)
    payload = {**decoded.payload, claim: value}
    forged = _resign("ed25519", decoded.header, payload)
    assert verify_proof(forged, resolver=resolver, now=NOW).reason_code == "claims_mismatch"  # type: ignore[arg-type]


def test_tampered_payload_and_wrong_key() -> None:
    token, resolver = _token("rsa")
    head, _body, sig = token.split(".")
    payload = decode_unverified(token).payload
    payload["name"] = "Forged"
    forged = f"{head}.{_b64(payload)}.{sig}"
    assert verify_proof(forged, resolver=resolver, now=NOW).reason_code == "bad_signature"  # type: ignore[arg-type]
    other = MemoryResolver({f"{ISSUER}#key-rsa": (KeyPair.generate("rsa", rsa_bits=2048), ISSUER)})
    assert verify_proof(token, resolver=other, now=NOW).reason_code == "bad_signature"  # type: ignore[arg-type]
    wrong = MemoryResolver({f"{ISSUER}#key-rsa": (KEYS["rsa"], "https://other.example")})
    assert verify_proof(token, resolver=wrong, now=NOW).reason_code == "controller_mismatch"  # type: ignore[arg-type]


def test_older_vc_claim_form_is_accepted() -> None:
    token, resolver = _token("ed25519")
    decoded = decode_unverified(token)
    claims = {k: decoded.payload[k] for k in ("iss", "jti", "sub", "nbf")}
    older = _resign("ed25519", decoded.header, {**claims, "vc": credential()})
    assert verify_proof(older, resolver=resolver, now=NOW).verified  # type: ignore[arg-type]


def test_alg_must_fit_the_key_when_signing() -> None:
    with pytest.raises(SigningError, match="does not fit"):
        sign(credential(), vector_key(), suite="jwt", alg="RS256")
    with pytest.raises(SigningError, match="unsupported JWS alg"):
        sign(credential(), vector_key(), suite="jwt", alg="HS256")


def test_malformed_tokens() -> None:
    for bad in ("a.b", "a.b.c.d", "!!!.e30.e30", "e30.e30.", "eyJhbGciOiJFZERTQSJ9.bm90IGpzb24.AA"):
        result = verify_proof(bad, now=NOW)
        assert not result.verified
        assert result.reason_code in {"malformed_token", "bad_header"}, bad


# --- interop with an independent JOSE implementation (joserfc) --- #

_KTY = {"ed25519": "OKP", "rsa": "RSA", "p256": "EC"}
_JOSE_KEYS = {kind: import_key(KEYS[kind].private_pem(), _KTY[kind]) for kind in KEYS}


@pytest.mark.filterwarnings("ignore:EdDSA is deprecated")
@pytest.mark.parametrize("kind", ["ed25519", "rsa", "p256"])
def test_joserfc_verifies_our_tokens(kind: str) -> None:
    token, _ = _token(kind)
    obj = jws.deserialize_compact(token, _JOSE_KEYS[kind], algorithms=[KEYS[kind].jws_alg])
    assert json.loads(obj.payload)["iss"] == ISSUER


@pytest.mark.filterwarnings("ignore:EdDSA is deprecated")
@pytest.mark.parametrize("kind", ["ed25519", "rsa", "p256"])
def test_we_verify_joserfc_tokens(kind: str) -> None:
    _, vm, resolver = _setup(kind)
    doc = credential()
    payload = {
        **doc,
        "iss": ISSUER,
        "jti": doc["id"],
        "sub": doc["credentialSubject"]["id"],
        "nbf": 1262304000,
    }
    header = {"alg": KEYS[kind].jws_alg, "kid": vm, "typ": "JWT"}
    token = jws.serialize_compact(
        header, json.dumps(payload), _JOSE_KEYS[kind], algorithms=[header["alg"]]
    )
    result = verify_proof(token, resolver=resolver, now=NOW)  # type: ignore[arg-type]
    assert result.verified, result


def test_rfc9864_ed25519_alg_name_is_accepted() -> None:
    token, resolver = _token("ed25519")
    decoded = decode_unverified(token)
    renamed = _resign("ed25519", {**decoded.header, "alg": "Ed25519"}, decoded.payload)
    assert verify_proof(renamed, resolver=resolver, now=NOW).verified  # type: ignore[arg-type]


# --- claims edge cases --- #


@pytest.mark.parametrize(
    "changes",
    [
        {"nbf": None},
        {"nbf": None, "validFrom": None},
        {"sub": ["not", "hashable"]},
        {"sub": {"id": "x"}},
    ],
)
def test_null_or_odd_claims_fail_without_raising(changes: dict[str, Any]) -> None:
    token, resolver = _token("ed25519")
    decoded = decode_unverified(token)
    payload = {k: v for k, v in decoded.payload.items() if changes.get(k, v) is not None}
    payload.update({k: v for k, v in changes.items() if k in ("nbf", "exp", "sub")})
    result = verify_proof(_resign("ed25519", decoded.header, payload), resolver=resolver, now=NOW)  # type: ignore[arg-type]
    assert not result.verified
    assert result.reason_code == "claims_mismatch"


def test_null_exp_without_valid_until_is_no_exp() -> None:
    token, resolver = _token("ed25519")
    decoded = decode_unverified(token)
    forged = _resign("ed25519", decoded.header, {**decoded.payload, "exp": None})
    assert verify_proof(forged, resolver=resolver, now=NOW).verified  # type: ignore[arg-type]


def test_signing_a_jwt_needs_valid_from() -> None:
    doc = credential()
    del doc["validFrom"]
    with pytest.raises(CredentialError, match="validFrom"):
        sign(doc, KEYS["ed25519"], suite="jwt", verification_method=f"{ISSUER}#key-ed25519")


def _hashed_subject_token() -> tuple[str, MemoryResolver, str]:
    doc = credential()
    del doc["credentialSubject"]["id"]
    identity = "sha256$" + "ab" * 32
    doc["credentialSubject"]["identifier"] = [
        {
            "type": "IdentityObject",
            "identityHash": identity,
            "identityType": "emailAddress",
            "hashed": True,
            "salt": "pepper",
        }
    ]
    key, vm, resolver = _setup("ed25519")
    token = sign(doc, key, suite="jwt", verification_method=vm)
    assert isinstance(token, str)
    return token, resolver, identity


def test_subject_with_only_a_hashed_identifier() -> None:
    token, resolver, identity = _hashed_subject_token()
    decoded = decode_unverified(token)
    assert "sub" not in decoded.payload  # never invented
    assert verify_proof(token, resolver=resolver, now=NOW).verified  # type: ignore[arg-type]
    with_hash = _resign("ed25519", decoded.header, {**decoded.payload, "sub": identity})
    assert verify_proof(with_hash, resolver=resolver, now=NOW).verified  # type: ignore[arg-type]
    other = _resign("ed25519", decoded.header, {**decoded.payload, "sub": "mailto:a@b.example"})
    result = verify_proof(other, resolver=resolver, now=NOW)  # type: ignore[arg-type]
    assert result.reason_code == "claims_mismatch"
