"""Proof suites: eddsa-rdfc-2022 (+ eddsa-2022), Ed25519Signature2020, ecdsa-rdfc-2019 (P-256,
P-384), ecdsa-sd-2023 (verify only) and VC-JWT.

Experts' layer; the facade's :func:`badgekit.sign` and :func:`badgekit.verify_proof` are the
recipes.  Suites sign and verify the exact JSON dict (conventions §4 rule 4).
"""

from __future__ import annotations

from .api import default_verification_method, sign, verify_proof
from .base import REASONS, ProofResult, ProofSuite
from .registry import DEFAULT_SUITE, SIGNING_SUITES, SUITES, get
from .vc_jwt import decode_unverified

__all__ = [
    "DEFAULT_SUITE",
    "REASONS",
    "SIGNING_SUITES",
    "SUITES",
    "ProofResult",
    "ProofSuite",
    "decode_unverified",
    "default_verification_method",
    "get",
    "sign",
    "verify_proof",
]
