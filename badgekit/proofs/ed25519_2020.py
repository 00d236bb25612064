"""``Ed25519Signature2020``: the legacy suite some verifiers still need (not public API).

Same hashing as eddsa-rdfc-2022 but no ``cryptosuite``, ``created`` required, and the document
must list ``https://w3id.org/security/suites/ed25519-2020/v1`` (ob3-spec.md §3.2).
"""

from __future__ import annotations

from ._di import DataIntegritySuite

__all__ = ["ED25519_2020", "ED25519_2020_CONTEXT"]

ED25519_2020_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1"

ED25519_2020 = DataIntegritySuite(
    name="ed25519-2020",
    proof_type="Ed25519Signature2020",
    cryptosuite=None,
    requires_created=True,
    required_context=ED25519_2020_CONTEXT,
)
