"""Helpers for the status tests: a tamper-evident stand-in signer and document builders.

The stand-in proof is a SHA-256 digest of the document without its proof.  It is not a
signature, but it fails on any change, which is all the status layer needs to see: the real
suites are tested in ``tests/proofs`` and wired in ``test_status_real_proofs.py``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from badgekit.status import StatusList, build_list_credential, status_entry

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
LIST_URL = "https://issuer.example/status/1"


def _digest(doc: dict[str, Any]) -> str:
    body = {k: v for k, v in doc.items() if k != "proof"}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def fake_sign(doc: dict[str, Any]) -> dict[str, Any]:
    """Add a stand-in proof that breaks when any field changes."""
    return {**doc, "proof": [{"type": "TestDigestProof", "digest": _digest(doc)}]}


@dataclass(frozen=True)
class Outcome:
    verified: bool
    message: str


def fake_verify(doc: dict[str, Any]) -> Outcome:
    """Check the stand-in proof."""
    proofs = doc.get("proof")
    proof = proofs[0] if isinstance(proofs, list) and proofs else proofs
    if not isinstance(proof, dict) or proof.get("type") != "TestDigestProof":
        return Outcome(False, "no test proof")
    if proof.get("digest") != _digest(doc):
        return Outcome(False, "the digest does not match the document")
    return Outcome(True, "ok")


CRED_ID = "urn:uuid:5b1c7c6e-3a4b-4d8e-9f00-000000000001"


def credential(
    *entries: dict[str, Any], cred_id: str = CRED_ID, issuer: str = "did:example:issuer"
) -> dict[str, Any]:
    """A minimal credential carrying ``entries`` as its credentialStatus."""
    cred: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": cred_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Example Academy"},
        "validFrom": "2025-01-01T00:00:00Z",
    }
    if entries:
        cred["credentialStatus"] = entries[0] if len(entries) == 1 else list(entries)
    return cred


def entry(index: int, *, url: str = LIST_URL, purpose: str = "revocation") -> dict[str, Any]:
    return status_entry(url, index, purpose=purpose)


def signed_list(
    revoked: tuple[int, ...] = (),
    *,
    url: str = LIST_URL,
    purpose: str = "revocation",
    valid_from: datetime = NOW - timedelta(days=1),
    valid_until: datetime | None = None,
    status_list: StatusList | None = None,
) -> dict[str, Any]:
    bits = status_list or StatusList()
    for index in revoked:
        bits.set(index)
    doc = build_list_credential(
        bits,
        list_url=url,
        issuer="did:example:issuer",
        purpose=purpose,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    return fake_sign(doc)
