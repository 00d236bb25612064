"""Helpers for proof tests: the 1EdTech vector, keys, credentials, an in-memory resolver."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from badgekit.errors import ResolutionError
from badgekit.keys.keypair import KeyPair
from badgekit.keys.resolver import ResolvedKey

VECTOR = json.loads(
    (Path(__file__).parent.parent / "vectors" / "ob3-eddsa-rdfc-2022-test-vector.json").read_text()
)
NOW = datetime(2020, 6, 1, tzinfo=UTC)
ISSUER = VECTOR["keyPair"]["controller"]


def vector_key() -> KeyPair:
    return KeyPair.from_seed(bytes.fromhex(VECTOR["keyPair"]["privateKeySeedHex"]))


def credential(**changes: Any) -> dict[str, Any]:
    """A fresh copy of the vector's unsigned OB 3.0 credential, with top-level changes."""
    doc = copy.deepcopy(VECTOR["unsignedCredential"])
    doc.update(changes)
    return doc


class MemoryResolver:
    """Resolves verification methods from a dict (stands in for published key documents)."""

    def __init__(self, keys: dict[str, tuple[KeyPair, str]]) -> None:
        self.keys = keys

    def resolve(self, vm_id: str) -> ResolvedKey:
        if vm_id not in self.keys:
            msg = f"{vm_id}: unknown"
            raise ResolutionError(msg)
        key, controller = self.keys[vm_id]
        return ResolvedKey(key.public(), vm_id, controller, "JsonWebKey")
