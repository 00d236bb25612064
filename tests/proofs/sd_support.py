"""Test helpers for ecdsa-sd-2023: a tiny CBOR encoder and a test-only disclosure maker.

badgekit does not sign or derive ecdsa-sd-2023 proofs; :func:`make_derived` builds a derived
proof the way [ECDSA] §3.5 describes (random HMAC-like labels, an ephemeral P-256 key), so
tests can make credentials with chosen content.  The W3C vector and the digitalbazaar interop
test check verification independently of this helper.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from badgekit.jsonld import StaticLoader
from badgekit.jsonld.canon import canonize
from badgekit.keys.keypair import KeyPair
from badgekit.proofs._di import proof_config
from badgekit.proofs._sd import DERIVED_HEADER, decompress_label_map, label_replaced_nquads

if TYPE_CHECKING:
    from collections.abc import Callable

VECTORS = Path(__file__).parent.parent / "vectors"
SD_DERIVED = json.loads((VECTORS / "ecdsa-sd-2023-derived.json").read_text())
SD_BASE = json.loads((VECTORS / "ecdsa-sd-2023-base.json").read_text())
SD_KEYS = json.loads((VECTORS / "ecdsa-sd-2023-key-material.json").read_text())
CREATED = "2024-05-01T10:00:00Z"


def cbor(value: Any) -> bytes:
    """Encode ints, bytes, lists and int-keyed dicts as definite-length CBOR."""

    def head(major: int, n: int) -> bytes:
        if n < 24:
            return bytes([major << 5 | n])
        for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if n < 1 << (8 * size):
                return bytes([major << 5 | info]) + n.to_bytes(size, "big")
        raise ValueError(n)

    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return head(0, value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(cbor(v) for v in value)
    if isinstance(value, dict):
        return head(5, len(value)) + b"".join(cbor(k) + cbor(v) for k, v in value.items())
    raise TypeError(value)


def proof_value(raw: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def raw_proof_value(value: str) -> bytes:
    text = value[1:]
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_derived(
    document: dict[str, Any],
    issuer_key: KeyPair,
    vm: str,
    *,
    mandatory: Callable[[str], bool] = lambda quad: False,
    loader: StaticLoader | None = None,
) -> dict[str, Any]:
    """``document`` with a derived ecdsa-sd-2023 proof disclosing all of it; ``mandatory``
    picks the mandatory N-Quads (after label replacement)."""
    loader = loader or StaticLoader()
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proof: dict[str, Any] = {
        "type": "DataIntegrityProof",
        "cryptosuite": "ecdsa-sd-2023",
        "created": CREATED,
        "verificationMethod": vm,
        "proofPurpose": "assertionMethod",
    }
    canonical = canonize(unsecured, loader)
    labels = sorted(set(re.findall(r"_:c14n([0-9]+)", canonical)), key=int)
    compressed = {int(n): secrets.token_bytes(32) for n in labels}
    nquads = label_replaced_nquads(canonical, decompress_label_map(compressed))
    indexes = [i for i, q in enumerate(nquads) if mandatory(q)]
    ephemeral = KeyPair.generate("p256")
    public = b"\x80\x24" + ephemeral.public_bytes
    proof_hash = hashlib.sha256(canonize(proof_config(unsecured, proof), loader).encode()).digest()
    mandatory_hash = hashlib.sha256("".join(nquads[i] for i in indexes).encode()).digest()
    base_signature = issuer_key.sign(proof_hash + public + mandatory_hash)
    signatures = [ephemeral.sign(q.encode()) for i, q in enumerate(nquads) if i not in indexes]
    parts = [base_signature, public, signatures, compressed, indexes]
    proof["proofValue"] = proof_value(DERIVED_HEADER + cbor(parts))
    return {**unsecured, "proof": proof}
