"""eddsa-rdfc-2022, eddsa-2022 and Ed25519Signature2020: round trips and every way to fail."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from proofs_support import ISSUER, VECTOR, credential, vector_key

from badgekit.errors import (
    DocumentLoaderError,
    SigningError,
    UnsafeJsonLdError,
    UnsupportedSuiteError,
)
from badgekit.jsonld import StaticLoader, default_loader
from badgekit.keys.keypair import KeyPair
from badgekit.keys.multibase import b58decode, b58encode
from badgekit.proofs import sign, verify_proof
from badgekit.proofs._di import DataIntegritySuite
from badgekit.proofs.ed25519_2020 import ED25519_2020_CONTEXT
from badgekit.proofs.registry import get

CREATED = "2024-05-01T10:00:00Z"
_text = st.text(
    st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40
)  # any unicode, incl. control characters and quotes (N-Quads escaping)


def _signed(**kw: Any) -> dict[str, Any]:
    out = sign(credential(), vector_key(), created=CREATED, **kw)
    assert isinstance(out, dict)
    return out


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))]
    return [path]


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = doc
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _get(doc: dict[str, Any], path: tuple[Any, ...]) -> Any:
    node: Any = doc
    for step in path:
        node = node[step]
    return node


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=_text,
    narrative=_text,
    subject=st.from_regex(r"did:example:[a-z0-9]{1,20}", fullmatch=True),
)
def test_sign_then_verify_generated_credentials(name: str, narrative: str, subject: str) -> None:
    doc = credential(name=name)
    doc["credentialSubject"]["id"] = subject
    doc["credentialSubject"]["achievement"]["criteria"]["narrative"] = narrative
    signed = sign(doc, vector_key(), created=CREATED)
    assert isinstance(signed, dict)
    assert verify_proof(signed).verified


def test_did_key_issuer_round_trip() -> None:
    key = KeyPair.generate()
    doc = credential()
    doc["issuer"]["id"] = key.did_key
    signed = sign(doc, key, created=CREATED)
    assert isinstance(signed, dict)
    assert signed["proof"][0]["verificationMethod"] == key.did_key_vm
    result = verify_proof(signed)
    assert result.verified, result
    assert result.controller == key.did_key


@pytest.mark.parametrize(
    "path",
    [p for p in _leaves(_signed()) if p[-1] != "proofValue"],  # see the byte-flip test
    ids=lambda p: ".".join(map(str, p)),
)
def test_every_single_field_change_fails(path: tuple[Any, ...]) -> None:
    tampered = copy.deepcopy(_signed())
    old = _get(tampered, path)
    if path == ("@context", 1):
        new: Any = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"
    elif isinstance(old, str) and old.startswith(("http", "did:", "urn:")):
        new = old + "x"
    elif isinstance(old, str) and old[:4].isdigit():
        new = old.replace("0", "1", 1)
    elif path[-1] == "type" or (len(path) > 1 and path[-2] == "type"):
        new = "Achievement" if old != "Achievement" else "Profile"
    else:
        new = old + " " if isinstance(old, str) else "changed"
    _set(tampered, path, new)
    result = verify_proof(tampered)
    assert not result.verified, path


def test_flipping_any_proof_value_byte_fails() -> None:
    signed = _signed()
    raw = b58decode(signed["proof"][0]["proofValue"][1:])
    for i in range(len(raw)):
        flipped = bytearray(raw)
        flipped[i] ^= 0x01
        tampered = copy.deepcopy(signed)
        tampered["proof"][0]["proofValue"] = "z" + b58encode(bytes(flipped))
        assert verify_proof(tampered).reason_code == "bad_signature", i


def test_truncated_or_non_base58_proof_value_is_malformed() -> None:
    signed = _signed()
    for bad in ("z", "zzz", "u" + signed["proof"][0]["proofValue"][1:], 42):
        tampered = copy.deepcopy(signed)
        tampered["proof"][0]["proofValue"] = bad
        assert verify_proof(tampered).reason_code == "malformed_proof"


def test_wrong_key_fails() -> None:
    other = KeyPair.generate()
    vm = f"{ISSUER}#{vector_key().public_multibase}"  # claims the issuer's key
    signed = sign(credential(), other, created=CREATED, verification_method=f"{ISSUER}#x")
    assert isinstance(signed, dict)
    signed["proof"][0]["verificationMethod"] = vm
    assert verify_proof(signed).reason_code == "bad_signature"


def test_wrong_controller_is_reported_distinctly() -> None:
    key = KeyPair.generate()
    doc = credential()
    # A good signature by a key of another controller (sign() itself refuses to make one).
    proof = get("eddsa-rdfc-2022").create_proof(
        doc, key, verification_method=key.did_key_vm, created=CREATED, loader=default_loader()
    )
    result = verify_proof({**doc, "proof": [proof]})
    assert result.reason_code == "controller_mismatch"
    assert result.controller == key.did_key
    # The signature is checked first: a changed issuer is tampering, not a foreign key.
    signed = sign(credential(), vector_key(), created=CREATED)
    assert isinstance(signed, dict)
    signed["issuer"]["id"] = key.did_key
    assert verify_proof(signed).reason_code == "bad_signature"


def test_signing_refuses_a_key_the_issuer_cannot_own() -> None:
    doc = credential()
    doc["issuer"]["id"] = KeyPair.generate().did_key
    with pytest.raises(SigningError, match="did:key of another key"):
        sign(doc, vector_key())
    with pytest.raises(SigningError, match="different key"):
        sign(credential(), vector_key(), verification_method=KeyPair.generate().did_key_vm)
    with pytest.raises(SigningError, match="not issuer"):
        sign(credential(), vector_key(), verification_method=vector_key().did_key_vm)


@pytest.mark.parametrize(
    "fragment", ["#x", "#key-1", "#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwJ"]
)
def test_signing_refuses_a_did_key_method_no_verifier_can_resolve(fragment: str) -> None:
    key = vector_key()
    doc = credential()
    doc["issuer"]["id"] = key.did_key
    with pytest.raises(SigningError, match="not a usable did:key"):
        sign(doc, key, verification_method=key.did_key + fragment)
    with pytest.raises(SigningError, match="not a usable did:key"):
        sign(doc, key, verification_method="did:key:z6Mkfoo" + fragment)


def test_issuer_id_with_a_fragment_has_no_default_method() -> None:
    doc = credential()
    doc["issuer"]["id"] = ISSUER + "#me"
    with pytest.raises(SigningError, match="#fragment"):
        sign(doc, vector_key())


@pytest.mark.parametrize("iri", ["https://example.org/a#b#c", "https://example.org/a|b"])
def test_an_invalid_iri_is_a_result_not_a_crash(iri: str) -> None:
    signed = _signed()
    signed["credentialSubject"]["id"] = iri
    result = verify_proof(signed)
    assert result.reason_code == "unsafe_jsonld"
    assert iri in result.message
    with pytest.raises(UnsafeJsonLdError, match="invalid IRI"):
        sign(credential(), vector_key(), verification_method=ISSUER + "#k#1")


def test_unknown_context_url() -> None:
    doc = credential()
    doc["@context"].append("https://example.org/unknown-context.json")
    with pytest.raises(DocumentLoaderError, match=r"https://example.org/unknown-context.json"):
        sign(doc, vector_key())
    signed = _signed()
    signed["@context"].append("https://example.org/unknown-context.json")
    assert verify_proof(signed).reason_code == "unknown_context"


def test_undefined_term_cannot_be_signed_nor_verified() -> None:
    with pytest.raises(UnsafeJsonLdError, match=r"'favouriteColour' at \$\.favouriteColour"):
        sign(credential(favouriteColour="blue"), vector_key())
    signed = _signed()
    signed["credentialSubject"]["favouriteColour"] = "blue"
    result = verify_proof(signed)
    assert result.reason_code == "unsafe_jsonld"
    assert "credentialSubject.favouriteColour" in result.message


def test_relative_iri_cannot_be_signed() -> None:
    doc = credential()
    doc["credentialSubject"]["id"] = "people/alice"
    with pytest.raises(UnsafeJsonLdError, match="relative IRI 'people/alice'"):
        sign(doc, vector_key())


def test_proofs_accumulate_in_an_array_and_any_one_verifies() -> None:
    first = _signed()
    second = sign(first, KeyPair.generate(), created=CREATED, verification_method=f"{ISSUER}#k2")
    assert isinstance(second, dict)
    assert len(second["proof"]) == 2
    # the second proof does not resolve offline; the first still verifies the credential
    assert verify_proof(second).verified
    broken = copy.deepcopy(second)
    broken["proof"][0]["proofValue"] = broken["proof"][1]["proofValue"]
    assert not verify_proof(broken).verified


def test_allowed_suites_is_an_allow_list() -> None:
    signed = _signed()
    result = verify_proof(signed, allowed_suites=["ed25519-2020"])
    assert result.reason_code == "unsupported_suite"
    with pytest.raises(UnsupportedSuiteError, match="allowed"):
        verify_proof(signed, allowed_suites=["nope"])
    with pytest.raises(UnsupportedSuiteError, match="eddsa-rdfc-2022"):
        sign(credential(), vector_key(), suite="eddsa-2022")


def test_wrong_proof_purpose_and_missing_proof() -> None:
    signed = _signed()
    signed["proof"][0]["proofPurpose"] = "authentication"
    assert verify_proof(signed).reason_code == "malformed_proof"
    assert verify_proof(credential()).reason_code == "no_proof"


def test_eddsa_2022_earlier_name_verifies() -> None:
    legacy = DataIntegritySuite("eddsa-2022", "DataIntegrityProof", "eddsa-2022")
    doc = credential()
    proof = legacy.create_proof(
        doc,
        vector_key(),
        verification_method=VECTOR["keyPair"]["verificationMethodId"],
        created=CREATED,
        loader=StaticLoader(),
    )
    result = verify_proof({**doc, "proof": proof})
    assert result.verified, result
    assert result.suite == "eddsa-2022"


def test_ed25519_signature_2020_round_trip_and_context_rule() -> None:
    doc = credential()
    doc["@context"] = [*doc["@context"], ED25519_2020_CONTEXT]
    signed = sign(doc, vector_key(), suite="ed25519-2020", created=CREATED)
    assert isinstance(signed, dict)
    assert signed["proof"][0]["type"] == "Ed25519Signature2020"
    assert "cryptosuite" not in signed["proof"][0]
    assert verify_proof(signed).verified
    with pytest.raises(SigningError, match="ed25519-2020/v1"):
        sign(credential(), vector_key(), suite="ed25519-2020")
    signed["proof"][0].pop("created")
    assert verify_proof(signed).reason_code == "malformed_proof"


def test_data_integrity_needs_an_ed25519_key() -> None:
    with pytest.raises(SigningError, match="Ed25519"):
        sign(credential(), KeyPair.generate("p256"), verification_method=f"{ISSUER}#p")
