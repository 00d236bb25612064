"""A CLR 2.0 ClrCredential built from signed badges, for the CLR tests (CLR 2.0 §ClrCredential:
``@context`` [VCDM 2.0, CLR 2.0.1, OB 3.0.3], a ClrSubject carrying the learner's
AchievementCredentials in ``verifiableCredential`` and their achievements in ``achievement``)."""

from __future__ import annotations

from typing import Any

from verify_support import ED, ISSUED, unsigned

import badgekit
from badgekit import KeyPair
from badgekit.credential.constants import CLR_CONTEXT, OB_CONTEXT, VC_V2_CONTEXT

REGISTRAR = KeyPair.from_seed(bytes(range(3, 35)))


def badge(name: str, key: KeyPair = ED, **changes: Any) -> dict[str, Any]:
    """A signed OB 3.0 badge named ``name`` (its achievement too)."""
    doc = unsigned(**changes)
    doc["name"] = name
    doc["credentialSubject"]["achievement"]["name"] = name
    doc["id"] = f"urn:uuid:00000000-0000-4000-8000-{abs(hash(name)) % 10**12:012d}"
    signed = badgekit.sign(doc, key, now=ISSUED)
    assert isinstance(signed, dict)
    return signed


def clr(credentials: list[Any], *, key: KeyPair = REGISTRAR, sign: bool = True) -> dict[str, Any]:
    """A ClrCredential by ``key``'s did:key carrying ``credentials`` (dicts or JWS strings)."""
    achievements = [
        c["credentialSubject"]["achievement"] for c in credentials if isinstance(c, dict)
    ]
    doc: dict[str, Any] = {
        "@context": [VC_V2_CONTEXT, CLR_CONTEXT, OB_CONTEXT],
        "id": "urn:uuid:7e0f3c53-53bb-4a4c-9f6a-00000000c1a0",
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": "Professional learning record 2024-25",
        "issuer": {"id": key.did_key, "type": ["Profile"], "name": "District PD Office"},
        "validFrom": "2025-05-02T12:00:00Z",
        "credentialSubject": {
            "type": ["ClrSubject"],
            "identifier": credentials[0]["credentialSubject"]["identifier"]
            if credentials and isinstance(credentials[0], dict)
            else [],
            "achievement": achievements,
            "verifiableCredential": credentials,
        },
    }
    if not sign:
        return doc
    signed = badgekit.sign(doc, key, now=ISSUED)
    assert isinstance(signed, dict)
    return signed
