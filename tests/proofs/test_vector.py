"""The 1EdTech OB 3.0 eddsa-rdfc-2022 test vector, byte for byte (ob3-spec.md §3.2)."""

from __future__ import annotations

import hashlib

import pytest
from proofs_support import VECTOR, credential, vector_key

from badgekit.jsonld import StaticLoader, canonize
from badgekit.keys.multibase import b58encode
from badgekit.proofs import sign, verify_proof
from badgekit.proofs._di import hash_data, proof_config


@pytest.mark.parametrize("engine", ["fast", "pyld", "oxigraph"])
def test_canonical_document(engine: str) -> None:
    nquads = canonize(VECTOR["unsignedCredential"], StaticLoader(), engine=engine)  # type: ignore[arg-type]
    assert nquads == VECTOR["canonicalDocumentNQuads"]
    assert hashlib.sha256(nquads.encode()).hexdigest() == VECTOR["documentHashHex"]


@pytest.mark.parametrize("engine", ["fast", "pyld", "oxigraph"])
def test_canonical_proof_config(engine: str) -> None:
    config = proof_config(VECTOR["unsignedCredential"], VECTOR["proofOptions"])
    nquads = canonize(config, StaticLoader(), engine=engine)  # type: ignore[arg-type]
    assert nquads == VECTOR["canonicalProofConfigNQuads"]
    assert hashlib.sha256(nquads.encode()).hexdigest() == VECTOR["proofConfigHashHex"]


def test_hash_data_and_signature() -> None:
    doc = VECTOR["unsignedCredential"]
    data = hash_data(doc, proof_config(doc, VECTOR["proofOptions"]), StaticLoader())
    assert data.hex() == VECTOR["hashDataHex"]
    signature = vector_key().sign(data)
    assert signature.hex() == VECTOR["signatureHex"]
    assert "z" + b58encode(signature) == VECTOR["proofValue"]


def test_sign_reproduces_the_signed_vector() -> None:
    signed = sign(credential(), vector_key(), created=VECTOR["proofOptions"]["created"])
    assert isinstance(signed, dict)
    expected = dict(VECTOR["signedCredential"])
    expected["proof"] = [expected["proof"]]  # ob3-spec.md §5: badgekit emits an array
    assert signed == expected


def test_the_published_signed_credential_verifies() -> None:
    result = verify_proof(VECTOR["signedCredential"])
    assert result.verified, result
    assert result.controller == VECTOR["keyPair"]["controller"]
    assert result.verification_method == VECTOR["keyPair"]["verificationMethodId"]
    assert result.key_type == "ed25519"


def test_secret_key_multibase_of_the_vector_loads() -> None:
    key = vector_key()
    from badgekit.keys.keypair import KeyPair

    assert (
        KeyPair.from_multikey(VECTOR["keyPair"]["secretKeyMultibase"]).public_jwk == key.public_jwk
    )
    assert key.public_multibase == VECTOR["keyPair"]["publicKeyMultibase"]
