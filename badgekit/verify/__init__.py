"""Verification: check any badge file and report why it is or is not genuine."""

from __future__ import annotations

from .pipeline import Verifier, verify
from .report import CHECK_IDS, CheckResult, CheckStatus, Verdict, VerificationReport

__all__ = [
    "CHECK_IDS",
    "CheckResult",
    "CheckStatus",
    "Verdict",
    "VerificationReport",
    "Verifier",
    "verify",
]
