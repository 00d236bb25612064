"""The OB 3.0 / VCDM 2.0 credential data model: plain data, no cryptography (not public API).

Achievements (badge classes) are read from human-edited files, checked for quality, and turned
into unsigned ``OpenBadgeCredential`` dicts; any credential (OB 3.0 on VCDM 2.0 or 1.1, OB 2.0
assertions) can be parsed, schema-checked and summarised for display.  The facade
(:mod:`badgekit`) re-exports the public names.
"""

from __future__ import annotations

from .achievement import Achievement, Alignment, Criteria, ImageRef, IssuerProfile, starter_file
from .build import build_credential, recipient_subject
from .identity import hash_identity, recipient_matches
from .parse import CredentialSummary, detect_version, parse_credential, summarize
from .quality import Finding, QualityReport, check_achievement
from .schema import SchemaIssue, validate_schema
from .validity import Duration, ValidityPolicy, parse_validity

__all__ = [
    "Achievement",
    "Alignment",
    "CredentialSummary",
    "Criteria",
    "Duration",
    "Finding",
    "ImageRef",
    "IssuerProfile",
    "QualityReport",
    "SchemaIssue",
    "ValidityPolicy",
    "build_credential",
    "check_achievement",
    "detect_version",
    "hash_identity",
    "parse_credential",
    "parse_validity",
    "recipient_matches",
    "recipient_subject",
    "starter_file",
    "summarize",
    "validate_schema",
]
