"""BatchSigner with ecdsa-rdfc-2019: P-256 takes the fast path (deterministic ECDSA lets it be
checked against badgekit.sign); P-384, whose RDFC-1.0 hash is SHA-384, goes through sign()."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from badgekit.batch.signer import BatchSigner
from badgekit.keys.keypair import KeyPair
from badgekit.proofs import sign, verify_proof

VECTOR = json.loads(
    (Path(__file__).parent.parent / "vectors" / "ob3-eddsa-rdfc-2022-test-vector.json").read_text()
)
NOW = datetime(2024, 5, 1, tzinfo=UTC)


def _docs(issuer: str, n: int) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        doc = copy.deepcopy(VECTOR["unsignedCredential"])
        doc["id"] = f"urn:uuid:00000000-0000-4000-8000-{i:012d}"
        doc["issuer"]["id"] = issuer
        doc["credentialSubject"]["id"] = f"did:example:learner{i}"
        doc["name"] = f"Badge {i} ✓"
        out.append(doc)
    return out


@pytest.mark.parametrize(("kind", "fast"), [("p256", True), ("p384", False)])
def test_same_result_as_sign(kind: str, fast: bool) -> None:
    key = KeyPair.generate(kind)  # type: ignore[arg-type]
    signer = BatchSigner(key, suite="ecdsa-rdfc-2019", now=NOW)
    for doc in _docs(key.did_key, 4):
        signed = signer.sign(doc)
        assert signed == sign(doc, key, suite="ecdsa-rdfc-2019", now=NOW)
        assert verify_proof(signed).verified
    assert (signer.canonizer.hits == 4) is fast
