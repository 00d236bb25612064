"""ecdsa-rdfc-2019 with P-256 and P-384 keys: round trips under did:key, https and did:jwk
issuers, key type mismatches in both directions (SigningError, key_type_mismatch), signature
lengths that do not fit the curve, and hypothesis round trips with tampering."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from proofs_support import credential

from badgekit.errors import SigningError
from badgekit.keys.keypair import KeyPair
from badgekit.keys.multibase import b58decode, b58encode
from badgekit.proofs import sign, verify_proof
from badgekit.proofs.registry import SIGNING_SUITES, embedded_suite_for

CREATED = "2024-05-01T10:00:00Z"
SUITE = "ecdsa-rdfc-2019"
SIZES = {"p256": 64, "p384": 96}


@pytest.fixture(scope="module")
def keys() -> dict[str, KeyPair]:
    return {kind: KeyPair.generate(kind) for kind in ("ed25519", "p256", "p384")}  # type: ignore[arg-type]


def _doc(issuer: str) -> dict[str, Any]:
    doc = credential()
    doc["issuer"]["id"] = issuer
    return doc


def _sign(doc: dict[str, Any], key: KeyPair, **kw: Any) -> dict[str, Any]:
    signed = sign(doc, key, suite=kw.pop("suite", SUITE), created=CREATED, **kw)
    assert isinstance(signed, dict)
    return signed


def _proof_bytes(signed: dict[str, Any]) -> bytes:
    return b58decode(signed["proof"][-1]["proofValue"][1:])


def test_registered_for_signing() -> None:
    assert SUITE in SIGNING_SUITES
    proof = {"type": "DataIntegrityProof", "cryptosuite": SUITE}
    suite = embedded_suite_for(proof)
    assert suite is not None
    assert suite.name == SUITE


@pytest.mark.parametrize("kind", ["p256", "p384"])
def test_did_key_issuer_round_trip(kind: str, keys: dict[str, KeyPair]) -> None:
    key = keys[kind]
    signed = _sign(_doc(key.did_key), key)
    proof = signed["proof"][0]
    assert proof["cryptosuite"] == SUITE
    assert proof["type"] == "DataIntegrityProof"
    assert proof["verificationMethod"] == f"{key.did_key}#{key.public_multibase}"
    assert len(_proof_bytes(signed)) == SIZES[kind]
    result = verify_proof(signed)
    assert result.verified, result
    assert result.key_type == kind
    assert result.suite == SUITE
    # deterministic ECDSA: the same credential signs to the same bytes
    assert _sign(_doc(key.did_key), key) == signed


@pytest.mark.parametrize("kind", ["p256", "p384"])
def test_https_issuer_uses_the_multibase_fragment(kind: str, keys: dict[str, KeyPair]) -> None:
    key = keys[kind]
    signed = _sign(_doc("https://issuer.example/org"), key)
    vm = signed["proof"][0]["verificationMethod"]
    assert vm == f"https://issuer.example/org#{key.public_multibase}"
    assert vm.partition("#")[2].startswith({"p256": "zDn", "p384": "z82"}[kind])
    assert verify_proof(signed).verified


@pytest.mark.parametrize(
    ("kind", "suite"), [("ed25519", "eddsa-rdfc-2022"), ("p256", SUITE), ("p384", SUITE)]
)
def test_did_jwk_issuer_round_trip(kind: str, suite: str, keys: dict[str, KeyPair]) -> None:
    key = keys[kind]
    signed = _sign(_doc(key.did_jwk), key, suite=suite)
    assert signed["proof"][0]["verificationMethod"] == f"{key.did_jwk}#0"
    result = verify_proof(signed)
    assert result.verified, result
    assert result.controller == key.did_jwk
    tampered = copy.deepcopy(signed)
    tampered["name"] = "Teamwork Badge!"
    assert verify_proof(tampered).reason_code == "bad_signature"


def test_did_jwk_issuer_refuses_another_key(keys: dict[str, KeyPair]) -> None:
    doc = _doc(keys["p256"].did_jwk)
    with pytest.raises(SigningError, match="did:jwk of another key"):
        _sign(doc, keys["p384"])
    with pytest.raises(SigningError, match="names a different key"):
        _sign(doc, keys["p384"], verification_method=keys["p256"].did_jwk + "#0")
    with pytest.raises(SigningError, match="not a usable did:jwk"):
        _sign(doc, keys["p256"], verification_method=keys["p256"].did_jwk + "#1")
    with pytest.raises(SigningError, match="has a #fragment"):
        _sign(_doc(keys["p256"].did_jwk + "#0"), keys["p256"])
    with pytest.raises(SigningError, match="not a usable did:jwk"):
        _sign(_doc("did:jwk:eyJ"), keys["p256"])


def test_a_did_jwk_of_one_key_under_another_issuer(keys: dict[str, KeyPair]) -> None:
    key = keys["p256"]
    with pytest.raises(SigningError, match="is controlled by did:jwk:"):
        _sign(_doc("https://issuer.example/org"), key, verification_method=key.did_jwk + "#0")


@pytest.mark.parametrize(
    ("kind", "suite", "message"),
    [
        ("p256", "eddsa-rdfc-2022", "eddsa-rdfc-2022 signs with Ed25519 keys only, not P-256"),
        ("p384", "eddsa-rdfc-2022", "not P-384 \\(P-384 keys sign with ecdsa-rdfc-2019\\)"),
        ("p256", "ed25519-2020", "ed25519-2020 signs with Ed25519 keys only, not P-256"),
        ("ed25519", SUITE, "ecdsa-rdfc-2019 signs with P-256 or P-384 keys only, not Ed25519"),
    ],
)
def test_key_type_mismatch_when_signing(
    kind: str, suite: str, message: str, keys: dict[str, KeyPair]
) -> None:
    key = keys[kind]
    doc = _doc(key.did_key)
    if suite == "ed25519-2020":
        doc["@context"].append("https://w3id.org/security/suites/ed25519-2020/v1")
    with pytest.raises(SigningError, match=message):
        _sign(doc, key, suite=suite)


def test_rsa_key_with_ecdsa_is_refused() -> None:
    rsa = KeyPair.generate("rsa", rsa_bits=2048)
    vm = "https://issuer.example/org#rsa-1"
    with pytest.raises(SigningError, match="not RSA \\(RSA keys sign with jwt"):
        _sign(_doc("https://issuer.example/org"), rsa, verification_method=vm)


def _swap_key(signed: dict[str, Any], other: KeyPair) -> dict[str, Any]:
    """The proof re-pointed at a did:key of another key type (issuer too, so only the key
    type can be what fails)."""
    doc = copy.deepcopy(signed)
    doc["issuer"]["id"] = other.did_key
    doc["proof"][0]["verificationMethod"] = other.did_key_vm
    return doc


def test_key_type_mismatch_when_verifying(keys: dict[str, KeyPair]) -> None:
    ed = _sign(_doc(keys["ed25519"].did_key), keys["ed25519"], suite="eddsa-rdfc-2022")
    ec = _sign(_doc(keys["p256"].did_key), keys["p256"])
    # an eddsa-rdfc-2022 proof naming a P-256 key
    result = verify_proof(_swap_key(ed, keys["p256"]))
    assert not result.verified
    assert result.reason_code == "key_type_mismatch"
    assert "Ed25519 keys only" in result.message
    assert result.key_type == "p256"
    # an ecdsa-rdfc-2019 proof naming an Ed25519 key
    result = verify_proof(_swap_key(ec, keys["ed25519"]))
    assert not result.verified
    assert result.reason_code == "key_type_mismatch"
    assert "P-256 or P-384 keys only" in result.message


def test_an_eddsa_proof_relabelled_ecdsa_fails(keys: dict[str, KeyPair]) -> None:
    signed = _sign(_doc(keys["ed25519"].did_key), keys["ed25519"], suite="eddsa-rdfc-2022")
    signed["proof"][0]["cryptosuite"] = SUITE
    result = verify_proof(signed)
    assert not result.verified
    assert result.reason_code == "key_type_mismatch"


@pytest.mark.parametrize(("kind", "other"), [("p256", "p384"), ("p384", "p256")])
def test_signature_of_the_other_curve(kind: str, other: str, keys: dict[str, KeyPair]) -> None:
    """A did:key of one curve with a signature of the other curve's length."""
    signed = _sign(_doc(keys[other].did_key), keys[other])
    doc = _swap_key(signed, keys[kind])
    result = verify_proof(doc)
    assert not result.verified
    assert result.reason_code == "key_type_mismatch"
    assert f"{SIZES[other]}-byte signature" in result.message
    assert f"{keys[kind].label} key" in result.message


@pytest.mark.parametrize("size", [0, 32, 63, 65, 95, 97, 128])
def test_odd_signature_lengths_are_malformed(size: int, keys: dict[str, KeyPair]) -> None:
    signed = _sign(_doc(keys["p384"].did_key), keys["p384"])
    signed["proof"][0]["proofValue"] = "z" + b58encode(b"\x01" * size)
    result = verify_proof(signed)
    assert result.reason_code == "malformed_proof"
    assert "64 or 96-byte" in result.message


def test_a_huge_proof_value_is_refused_quickly(keys: dict[str, KeyPair]) -> None:
    signed = _sign(_doc(keys["p256"].did_key), keys["p256"])
    signed["proof"][0]["proofValue"] = "z" + "2" * 100_000
    assert verify_proof(signed).reason_code == "malformed_proof"


@pytest.mark.parametrize(
    ("kind", "alg", "message"),
    [
        ("p256", "EdDSA", "ecdsa-rdfc-2019 signs with ES256 or ES384, not EdDSA"),
        ("p256", "ES384", "alg ES384 does not fit a P-256 key"),
        ("p384", "ES256", "alg ES256 does not fit a P-384 key"),
        ("ed25519", "ES256", "suite eddsa-rdfc-2022 signs with EdDSA, not ES256"),
    ],
)
def test_alg_must_fit_suite_and_key(
    kind: str, alg: str, message: str, keys: dict[str, KeyPair]
) -> None:
    key = keys[kind]
    suite = "eddsa-rdfc-2022" if kind == "ed25519" else SUITE
    with pytest.raises(SigningError, match=message):
        _sign(_doc(key.did_key), key, suite=suite, alg=alg)


@pytest.mark.parametrize("kind", ["p256", "p384"])
def test_alg_may_repeat_the_keys_own(kind: str, keys: dict[str, KeyPair]) -> None:
    key = keys[kind]
    assert verify_proof(_sign(_doc(key.did_key), key, alg=key.jws_alg)).verified


def test_proof_set_of_eddsa_and_ecdsa(keys: dict[str, KeyPair]) -> None:
    """One issuer (https), two keys, two suites: both proofs verify."""
    doc = _doc("https://issuer.example/org")
    both = _sign(_sign(doc, keys["ed25519"], suite="eddsa-rdfc-2022"), keys["p384"])
    assert [p["cryptosuite"] for p in both["proof"]] == ["eddsa-rdfc-2022", SUITE]
    assert verify_proof(both).verified


_names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=_names,
    kind=st.sampled_from(["p256", "p384"]),
    field=st.sampled_from(["name", "validFrom", "subject", "achievement", "issuer"]),
)
def test_round_trip_generated_subject_names_and_a_flipped_field(
    name: str, kind: str, field: str
) -> None:
    key = KeyPair.from_multikey(_SECRETS[kind])
    doc = _doc(key.did_key)
    doc["credentialSubject"]["name"] = name
    signed = _sign(doc, key)
    assert verify_proof(signed).verified
    flipped = copy.deepcopy(signed)
    if field == "name":
        flipped["credentialSubject"]["name"] = name + "x"
    elif field == "validFrom":
        flipped["validFrom"] = "2010-01-01T00:00:01Z"
    elif field == "subject":
        flipped["credentialSubject"]["id"] = "did:example:someone-else"
    elif field == "achievement":
        flipped["credentialSubject"]["achievement"]["name"] = "Other"
    else:
        flipped["issuer"]["name"] = "Other Corp"
    result = verify_proof(flipped)
    assert not result.verified
    assert result.reason_code == "bad_signature"


# fixed keys for the property test (hypothesis wants no fixtures): the vc-di-ecdsa vector keys
_SECRETS = {
    "p256": "z42twTcNeSYcnqg1FLuSFs2bsGH3ZqbRHFmvS9XMsYhjxvHN",
    "p384": "z2fanyY7zgwNpZGxX5fXXibvScNaUWNprHU9dKx7qpVj7mws9J8LLt4mDB5TyH2GLHWkUc",
}
