"""The W3C vc-di-ecdsa ecdsa-rdfc-2019 test vectors (REC Appendix A.1 P-256, A.3 P-384), byte
for byte: canonical N-Quads, hashes, hash data, the deterministic signatures, and the signed
credentials; tampered copies fail.

The vectors' issuer (``https://vc.example/issuers/5678``) is not the controller of their
did:key, so badgekit's issuer binding calls them ``controller_mismatch`` (a valid signature by
someone else's key); with a resolver that says the issuer controls the key they verify.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from proofs_support import MemoryResolver

from badgekit.jsonld import StaticLoader, canonize
from badgekit.keys.keypair import KeyPair
from badgekit.keys.multibase import b58encode
from badgekit.proofs import verify_proof
from badgekit.proofs._di import hash_data, proof_config
from badgekit.proofs.ecdsa_rdfc_2019 import ECDSA_RDFC_2019

VECTORS = json.loads(
    (Path(__file__).parent.parent / "vectors" / "vc-di-ecdsa-rdfc-2019.json").read_text()
)
CURVES = {"p256": ("sha256", 64), "p384": ("sha384", 96)}


@pytest.fixture(scope="module")
def loader() -> StaticLoader:
    """Bundled contexts plus the credentials examples context the vectors use (test only)."""
    return StaticLoader(extra=VECTORS["contexts"])


def _key(curve: str) -> KeyPair:
    return KeyPair.from_multikey(VECTORS[curve]["keyPair"]["secretKeyMultibase"])


def _issuer_controls(curve: str) -> MemoryResolver:
    vector = VECTORS[curve]
    vm = vector["proofOptions"]["verificationMethod"]
    return MemoryResolver({vm: (_key(curve), vector["unsignedCredential"]["issuer"])})


@pytest.mark.parametrize("curve", CURVES)
def test_key_pair(curve: str) -> None:
    key = _key(curve)
    assert key.kind == curve
    assert key.public_multibase == VECTORS[curve]["keyPair"]["publicKeyMultibase"]
    vm = VECTORS[curve]["proofOptions"]["verificationMethod"]
    assert vm == key.did_key_vm


@pytest.mark.parametrize("engine", ["oxigraph", "fast"])
@pytest.mark.parametrize("curve", CURVES)
def test_canonical_document(curve: str, engine: str, loader: StaticLoader) -> None:
    vector = VECTORS[curve]
    algorithm, _ = CURVES[curve]
    nquads = canonize(
        vector["unsignedCredential"],
        loader,
        engine=engine,  # type: ignore[arg-type]
        hash_algorithm=algorithm,  # type: ignore[arg-type]
    )
    assert nquads == vector["canonicalDocumentNQuads"]
    assert hashlib.new(algorithm, nquads.encode()).hexdigest() == vector["documentHashHex"]


@pytest.mark.parametrize("engine", ["oxigraph", "fast"])
@pytest.mark.parametrize("curve", CURVES)
def test_canonical_proof_config(curve: str, engine: str, loader: StaticLoader) -> None:
    vector = VECTORS[curve]
    algorithm, _ = CURVES[curve]
    config = proof_config(vector["unsignedCredential"], vector["proofOptions"])
    assert config == vector["proofConfig"]
    nquads = canonize(config, loader, engine=engine, hash_algorithm=algorithm)  # type: ignore[arg-type]
    assert nquads == vector["canonicalProofConfigNQuads"]
    assert hashlib.new(algorithm, nquads.encode()).hexdigest() == vector["proofConfigHashHex"]


@pytest.mark.parametrize("curve", CURVES)
def test_hash_data_and_deterministic_signature(curve: str, loader: StaticLoader) -> None:
    vector = VECTORS[curve]
    algorithm, size = CURVES[curve]
    doc = vector["unsignedCredential"]
    data = hash_data(doc, proof_config(doc, vector["proofOptions"]), loader, algorithm)  # type: ignore[arg-type]
    assert data.hex() == vector["hashDataHex"]
    assert len(data) == size  # two 32- or 48-byte hashes, the proof config's first
    signature = _key(curve).sign(data)
    assert signature.hex() == vector["signatureHex"]  # the vectors use RFC 6979
    assert len(signature) == size
    assert "z" + b58encode(signature) == vector["proofValue"]


@pytest.mark.parametrize("curve", CURVES)
def test_create_proof_reproduces_the_signed_credential(curve: str, loader: StaticLoader) -> None:
    vector = VECTORS[curve]
    options = vector["proofOptions"]
    proof = ECDSA_RDFC_2019.create_proof(
        vector["unsignedCredential"],
        _key(curve),
        verification_method=options["verificationMethod"],
        created=options["created"],
        loader=loader,
    )
    assert proof == vector["signedCredential"]["proof"]  # (members in badgekit's order)


@pytest.mark.parametrize("curve", CURVES)
def test_the_published_signature_verifies(curve: str, loader: StaticLoader) -> None:
    signed = VECTORS[curve]["signedCredential"]
    result = verify_proof(signed, loader=loader, resolver=_issuer_controls(curve))  # type: ignore[arg-type]
    assert result.verified, result
    assert result.suite == "ecdsa-rdfc-2019"
    assert result.key_type == curve
    # Offline, the did:key resolves, and the signature is good, but the issuer does not
    # control that did:key: the binding (not the signature) fails.
    offline = verify_proof(signed, loader=loader)
    assert offline.reason_code == "controller_mismatch", offline


def _tampered(curve: str) -> list[tuple[str, dict[str, Any]]]:
    signed = VECTORS[curve]["signedCredential"]
    out = []
    for field, value in [
        ("name", "Alumni Credential!"),
        ("validFrom", "2023-01-01T00:00:01Z"),
        ("credentialSubject", {"id": "did:example:abcdefgh", "alumniOf": "The School of Exam"}),
    ]:
        doc = copy.deepcopy(signed)
        doc[field] = value
        out.append((field, doc))
    doc = copy.deepcopy(signed)
    doc["proof"]["created"] = "2023-02-24T23:36:39Z"
    out.append(("proof.created", doc))
    doc = copy.deepcopy(signed)
    pv = doc["proof"]["proofValue"]
    doc["proof"]["proofValue"] = pv[:-2] + ("A" if pv[-2] != "A" else "B") + pv[-1]
    out.append(("proofValue", doc))
    return out


@pytest.mark.parametrize("curve", CURVES)
def test_tampered_copies_fail(curve: str, loader: StaticLoader) -> None:
    resolver = _issuer_controls(curve)
    for what, doc in _tampered(curve):
        result = verify_proof(doc, loader=loader, resolver=resolver)  # type: ignore[arg-type]
        assert not result.verified, what
        assert result.reason_code == "bad_signature", (what, result)


def test_the_other_curves_signature_does_not_fit(loader: StaticLoader) -> None:
    """A P-384 did:key with the P-256 vector's 64-byte signature (and the reverse)."""
    for curve, other in (("p256", "p384"), ("p384", "p256")):
        doc = copy.deepcopy(VECTORS[other]["signedCredential"])
        doc["proof"]["proofValue"] = VECTORS[curve]["proofValue"]
        result = verify_proof(doc, loader=loader, resolver=_issuer_controls(other))  # type: ignore[arg-type]
        assert not result.verified
        assert result.reason_code == "key_type_mismatch"
        assert f"{CURVES[curve][1]}-byte signature" in result.message
        assert f"signs {CURVES[other][1]} bytes" in result.message
