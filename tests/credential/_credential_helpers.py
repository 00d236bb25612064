"""Shared values and helpers of the credential tests (imported by name; no wall clock)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

CREDENTIALS = Path(__file__).resolve().parent.parent / "data" / "credentials"
#: A fixed issuing moment: tests never read the wall clock.
NOW = datetime(2026, 3, 14, 15, 9, 26, 535897, tzinfo=UTC)
DID = "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"


def load_fixture(name: str) -> dict[str, Any]:
    """A hand-made credential from ``tests/data/credentials/``."""
    data: dict[str, Any] = json.loads((CREDENTIALS / name).read_text(encoding="utf-8"))
    return data


def with_proof(credential: dict[str, Any]) -> dict[str, Any]:
    """The credential plus a dummy proof array, as the strict schema expects of a signed one."""
    out = dict(credential)
    out["proof"] = [
        {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "created": "2026-03-14T15:09:26Z",
            "verificationMethod": f"{DID}#{DID.removeprefix('did:key:')}",
            "proofPurpose": "assertionMethod",
            "proofValue": "z" + "1" * 86,
        }
    ]
    return out
