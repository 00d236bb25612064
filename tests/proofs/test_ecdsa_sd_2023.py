"""ecdsa-sd-2023: the W3C vc-di-ecdsa derived vector, base-proof refusal, every way to fail."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from proofs_support import MemoryResolver, credential
from sd_support import (
    SD_BASE,
    SD_DERIVED,
    SD_KEYS,
    cbor,
    make_derived,
    proof_value,
    raw_proof_value,
)

from badgekit.errors import ProofError, SigningError, UnsupportedSuiteError
from badgekit.jsonld import StaticLoader
from badgekit.keys.keypair import KeyPair
from badgekit.keys.resolver import Resolver
from badgekit.proofs import REASONS, ProofResult, _cbor, _sd, sign, verify_proof
from badgekit.proofs.ecdsa_sd_2023 import ECDSA_SD_2023
from badgekit.proofs.registry import SIGNING_SUITES, SUITES, embedded_suite_for

VM = SD_DERIVED["proof"]["verificationMethod"]
W3C_ISSUER = SD_DERIVED["issuer"]
ISSUER_KEY = KeyPair.from_public_multibase(SD_KEYS["baseKeyPair"]["publicKeyMultibase"])
#: the vector's issuer is an https URL but its key a did:key: bind them as a published key would
RESOLVER = MemoryResolver({VM: (ISSUER_KEY, W3C_ISSUER)})


def _check(doc: dict[str, Any], resolver: Any = RESOLVER) -> ProofResult:
    result = ECDSA_SD_2023.verify_proof(doc, doc["proof"], resolver=resolver, loader=StaticLoader())
    assert result.reason_code in REASONS
    return result


def _derived() -> dict[str, Any]:
    return copy.deepcopy(SD_DERIVED)


def _with_value(raw: bytes) -> dict[str, Any]:
    doc = _derived()
    doc["proof"]["proofValue"] = proof_value(raw)
    return doc


def _parts() -> list[Any]:
    raw = raw_proof_value(SD_DERIVED["proof"]["proofValue"])
    parts = _cbor.decode(raw[3:], max_items=10_000)
    assert isinstance(parts, list)
    return parts


# --- the W3C vector --- #


def test_w3c_derived_vector_verifies() -> None:
    result = _check(_derived())
    assert result.verified, result
    assert (result.suite, result.key_type, result.controller) == (
        "ecdsa-sd-2023",
        "p256",
        W3C_ISSUER,
    )
    assert verify_proof(_derived(), resolver=RESOLVER).verified


def test_w3c_vector_parts() -> None:
    parsed = _sd.parse_derived_proof_value(SD_DERIVED["proof"]["proofValue"])
    ephemeral = KeyPair.from_public_multibase(SD_KEYS["proofKeyPair"]["publicKeyMultibase"])
    assert parsed.public_key == b"\x80\x24" + ephemeral.public_bytes
    assert all(label.startswith("u") and len(label) == 44 for label in parsed.label_map.values())
    # the disclosed document has 20 statements: 14 mandatory, 6 signed one by one
    assert (len(parsed.mandatory_indexes), len(parsed.signatures)) == (14, 6)


def test_w3c_vector_with_did_key_is_not_the_issuers_key() -> None:
    result = _check(_derived(), Resolver())  # the signature is good; the key is not the issuer's
    assert result.reason_code == "controller_mismatch", result


def test_registered_verify_only() -> None:
    assert embedded_suite_for(SD_DERIVED["proof"]) is ECDSA_SD_2023
    assert SUITES["ecdsa-sd-2023"] is ECDSA_SD_2023
    assert "ecdsa-sd-2023" not in SIGNING_SUITES
    with pytest.raises(UnsupportedSuiteError):
        sign(credential(), KeyPair.generate("p256"), suite="ecdsa-sd-2023")
    with pytest.raises(SigningError, match="does not sign ecdsa-sd-2023"):
        ECDSA_SD_2023.create_proof(
            credential(), KeyPair.generate("p256"), verification_method=VM, created=None,
            loader=StaticLoader(),
        )  # fmt: skip


def test_base_proof_is_refused() -> None:
    result = _check(copy.deepcopy(SD_BASE))
    assert not result.verified
    assert result.reason_code == "sd_base_proof"
    assert "base proof" in result.message
    assert "for the holder to derive" in result.message
    assert verify_proof(copy.deepcopy(SD_BASE), resolver=RESOLVER).reason_code == "sd_base_proof"


# --- tampering --- #


def _tampered(change: Any) -> ProofResult:
    doc = _derived()
    change(doc["credentialSubject"])
    return _check(doc)


def test_tampered_disclosed_claim() -> None:
    result = _tampered(lambda s: s["boards"][1].update(boardName="Kanaha Stock"))
    assert result.reason_code == "bad_signature"
    assert "disclosed statement" in result.message


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.update(sailNumber="Earth102"),
        lambda s: s["sails"][0].update(size=6.2),  # /credentialSubject/sails/1 is mandatory
        lambda s: s["boards"][0].update(year=2021),  # /credentialSubject/boards/0/year
    ],
    ids=["sailNumber", "sail", "board-year"],
)
def test_tampered_mandatory_claim(change: Any) -> None:
    result = _tampered(change)
    assert result.reason_code == "bad_signature"
    assert "base signature" in result.message


def test_tampered_issuer() -> None:
    doc = _derived()
    doc["issuer"] = "https://vc.example/someone-else"
    assert _check(doc).reason_code == "bad_signature"


def test_tampered_proof_options() -> None:
    doc = _derived()
    doc["proof"]["created"] = "2023-08-15T23:36:39Z"
    assert _check(doc).reason_code == "bad_signature"


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s["boards"][1].pop("brand"),
        lambda s: s["boards"][1].update(colour="red"),
        lambda s: s.pop("boards"),
    ],
    ids=["removed", "added", "removed-object"],
)
def test_removed_or_added_statement(change: Any) -> None:
    result = _tampered(change)
    assert result.reason_code == "bad_signature"  # a count or (indexes shifted) the base signature


def test_added_statement_is_counted() -> None:
    result = _tampered(lambda s: s["boards"][1].update(colour="red"))
    assert "7 non-mandatory statements but the proof signs 6" in result.message


def test_added_blank_node() -> None:
    result = _tampered(lambda s: s["boards"].append({"boardName": "Extra"}))
    assert result.reason_code == "bad_signature"
    assert "label map" in result.message


def test_swapped_signatures() -> None:
    parts = _parts()
    parts[2] = [parts[2][1], parts[2][0], *parts[2][2:]]
    assert _check(_with_value(_sd.DERIVED_HEADER + cbor(parts))).reason_code == "bad_signature"


# --- keys --- #


def test_ed25519_key_is_a_key_type_mismatch() -> None:
    resolver = MemoryResolver({VM: (KeyPair.generate(), W3C_ISSUER)})
    result = _check(_derived(), resolver)
    assert result.reason_code == "key_type_mismatch"
    assert result.key_type == "ed25519"


def test_unresolvable_key() -> None:
    assert _check(_derived(), MemoryResolver({})).reason_code == "resolution_failed"


def test_another_p256_key_is_a_bad_signature() -> None:
    resolver = MemoryResolver({VM: (KeyPair.generate("p256"), W3C_ISSUER)})
    assert _check(_derived(), resolver).reason_code == "bad_signature"


# --- malformed proofs (hostile input) --- #


def _replaced(index: int, value: Any) -> bytes:
    parts = _parts()
    parts[index] = value
    return _sd.DERIVED_HEADER + cbor(parts)


def _encoded(index: int, encoded: bytes) -> bytes:
    """The vector's parts with part ``index`` replaced by hand-made CBOR bytes."""
    items = [cbor(p) for p in _parts()]
    items[index] = encoded
    return _sd.DERIVED_HEADER + b"\x85" + b"".join(items)


RAW = raw_proof_value(SD_DERIVED["proof"]["proofValue"])
_LABEL = cbor(b"\x01" * 32)
_MALFORMED = {
    "wrong-header": b"\xd9\x5d\x02" + RAW[3:],
    "no-header": RAW[3:],
    "truncated": RAW[:-5],
    "trailing": RAW + b"\x00",
    "empty": _sd.DERIVED_HEADER,
    "four-parts": _sd.DERIVED_HEADER + cbor(_parts()[:4]),
    "not-array": _sd.DERIVED_HEADER + cbor(7),
    "huge-array-claim": _sd.DERIVED_HEADER + b"\x9b" + (2**40).to_bytes(8, "big"),
    "huge-bytes-claim": _sd.DERIVED_HEADER + b"\x85\x5a\xff\xff\xff\xff",
    "indefinite": _sd.DERIVED_HEADER + b"\x9f" + cbor(_parts())[1:] + b"\xff",
    "reserved-info": _sd.DERIVED_HEADER + b"\x85\x1c",
    "text-string": _encoded(0, b"\x61a"),
    "negative-int": _encoded(4, b"\x81\x20"),
    "float": _encoded(4, b"\x81\xf9\x3c\x00"),
    "tag": _sd.DERIVED_HEADER + b"\xd8\x40" + cbor(_parts()),
    "deep": _sd.DERIVED_HEADER + b"\x81" * 10 + b"\x00",
    "short-base-signature": _replaced(0, b"\x01" * 63),
    "public-key-header": _replaced(1, b"\xed\x01" + b"\x02" * 33),
    "public-key-point": _replaced(1, b"\x80\x24\x05" + b"\x01" * 32),
    "public-key-length": _replaced(1, b"\x80\x24\x02" + b"\x01" * 31),
    "signature-length": _replaced(2, [b"\x01" * 65]),
    "signatures-not-array": _replaced(2, b"\x01" * 64),
    "too-many-signatures": _replaced(2, [b"\x01" * 64] * (_sd.MAX_SIGNATURES + 1)),
    "label-length": _replaced(3, {0: b"\x01" * 31}),
    "label-not-map": _replaced(3, [b"\x01" * 32]),
    "label-bytes-key": _encoded(3, b"\xa1\x41\x00" + _LABEL),
    "label-duplicate-key": _encoded(3, b"\xa2" + (b"\x00" + _LABEL) * 2),
    "label-duplicate-value": _replaced(3, {0: b"\x01" * 32, 1: b"\x01" * 32}),
    "too-many-labels": _replaced(3, {i: i.to_bytes(32, "big") for i in range(_sd.MAX_LABELS + 1)}),
    "mandatory-not-ints": _replaced(4, [b"\x00"]),
    "too-many-mandatory": _replaced(4, list(range(_sd.MAX_MANDATORY + 1))),
}


@pytest.mark.parametrize("raw", list(_MALFORMED.values()), ids=list(_MALFORMED))
def test_malformed_proof_value(raw: bytes) -> None:
    result = _check(_with_value(raw))
    assert not result.verified
    assert result.reason_code == "malformed_proof", result


@pytest.mark.parametrize(
    "value",
    [
        None,
        42,
        "",
        "z" + SD_DERIVED["proof"]["proofValue"][1:],  # base58btc is not this suite's encoding
        SD_DERIVED["proof"]["proofValue"] + "=",  # padding
        SD_DERIVED["proof"]["proofValue"][:40] + "+" + SD_DERIVED["proof"]["proofValue"][41:],
        "u" + "A" * (_sd.MAX_PROOF_BYTES * 2),  # far too long: refused before decoding
    ],
    ids=["none", "int", "empty", "base58", "padding", "non-url-alphabet", "too-long"],
)
def test_malformed_proof_value_text(value: Any) -> None:
    doc = _derived()
    doc["proof"]["proofValue"] = value
    assert _check(doc).reason_code == "malformed_proof"


@pytest.mark.parametrize(
    "change",
    [
        {"proofPurpose": "authentication"},
        {"verificationMethod": ""},
        {"created": "yesterday"},
    ],
)
def test_malformed_proof_fields(change: dict[str, Any]) -> None:
    doc = _derived()
    doc["proof"].update(change)
    assert _check(doc).reason_code == "malformed_proof"


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(tail: bytes) -> None:
    result = _check(_with_value(_sd.DERIVED_HEADER + tail))
    assert not result.verified
    assert result.reason_code in {"malformed_proof", "bad_signature"}


def test_cbor_decoder_bounds() -> None:
    assert _cbor.decode(cbor([1, b"ab", {3: [4]}]), max_items=3) == [1, b"ab", {3: [4]}]
    with pytest.raises(ProofError, match="too long"):
        _cbor.decode(cbor([0] * 4), max_items=3)
    with pytest.raises(ProofError, match="nesting"):
        _cbor.decode(b"\x81" * (_cbor.MAX_DEPTH + 1) + b"\x00", max_items=3)
    with pytest.raises(ProofError, match="truncated"):
        _cbor.decode(b"\x42a", max_items=3)


# --- the primitives --- #


def test_decompress_label_map() -> None:
    assert _sd.decompress_label_map({0: b"\xff" * 32, 12: b"\x00" * 32}) == {
        "c14n0": "u" + "_" * 42 + "8",
        "c14n12": "u" + "A" * 43,
    }


def test_label_replacement_leaves_literals_and_iris_alone() -> None:
    canonical = (
        '_:c14n1 <urn:p> "_:c14n0 \\" _:c14n1\u2028x" .\n_:c14n0 <urn:_:c14n1> _:c14n1 _:c14n0 .\n'
    )
    out = _sd.label_replaced_nquads(canonical, {"c14n0": "uB", "c14n1": "uA"})
    assert out == [
        '_:uA <urn:p> "_:c14n0 \\" _:c14n1\u2028x" .\n',
        "_:uB <urn:_:c14n1> _:uA _:uB .\n",
    ]
    with pytest.raises(ProofError, match="label map"):
        _sd.label_replaced_nquads(canonical, {"c14n0": "uB"})


# --- Open Badges 3.0 credentials --- #


def _ob3(key: KeyPair, **changes: Any) -> dict[str, Any]:
    doc = credential(**changes)
    doc["issuer"]["id"] = key.did_key
    return doc


def _mandatory_issuer_and_achievement(quad: str) -> bool:
    return "credentials#issuer" in quad or "/achievements/" in quad.split(" ")[0]


def test_ob3_disclosure_verifies_offline() -> None:
    key = KeyPair.generate("p256")
    derived = make_derived(
        _ob3(key), key, key.did_key_vm, mandatory=_mandatory_issuer_and_achievement
    )
    result = verify_proof(derived)  # did:key issuer: the default offline resolver is enough
    assert result.verified, result
    assert result.suite == "ecdsa-sd-2023"
    tampered = copy.deepcopy(derived)
    tampered["credentialSubject"]["achievement"]["name"] = "Leadership"
    assert verify_proof(tampered).reason_code == "bad_signature"


def test_ob3_disclosure_with_awkward_literals() -> None:
    key = KeyPair.generate("p256")
    doc = _ob3(key, name='line\u2028sep \u0085 nel _:c14n0 "q" \\ ctl \x01')
    derived = make_derived(doc, key, key.did_key_vm)
    assert verify_proof(derived).verified


def test_a_disclosed_badge_is_valid_in_the_verify_report_and_a_base_one_is_explained() -> None:
    import badgekit

    key = KeyPair.generate("p256")
    derived = make_derived(
        _ob3(key), key, key.did_key_vm, mandatory=_mandatory_issuer_and_achievement
    )
    report = badgekit.verify(derived)
    assert report.verdict is badgekit.Verdict.VALID
    proof = report.check("proof")
    assert proof is not None
    assert "Data Integrity (ecdsa-sd-2023)" in proof.message
    base = copy.deepcopy(derived)
    raw = bytearray(raw_proof_value(base["proof"]["proofValue"]))
    raw[2] = 0x00  # the base-proof header (vc-di-ecdsa §3.5.2: 0xd9 0x5d 0x00)
    base["proof"]["proofValue"] = proof_value(bytes(raw))
    refused = badgekit.verify(base)
    assert refused.verdict is badgekit.Verdict.NOT_VALID
    assert "holder" in refused.headline
