"""One function per OB 3.0 check: format, schema, jsonld, proof + issuer binding, status,
recipient (not public API; ob3-spec.md §4).

Each returns :class:`CheckResult` objects with messages a teacher understands; none raises
because a badge is bad.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from ..credential.identity import recipient_matches
from ..credential.schema import validate_schema
from ..errors import DocumentLoaderError, UnsafeJsonLdError
from ..jsonld.safe import check_safe
from .report import CheckResult, CheckStatus

if TYPE_CHECKING:
    from ..jsonld.loader import StaticLoader
    from ..proofs.base import ProofResult
    from ..status.result import StatusResult

__all__ = [
    "check_format",
    "check_jsonld",
    "check_proof",
    "check_recipient",
    "check_schema",
    "status_check",
]

_VERSIONS = {
    "3.0-vcdm2": "Open Badges 3.0",
    "3.0-vcdm1.1": "Open Badges 3.0 (VCDM 1.1)",
    "2.0": "Open Badges 2.0",
}
_OB3_TYPES = {"OpenBadgeCredential", "AchievementCredential"}
# JSON-LD compaction may give these as a single value instead of an array (ob3-spec.md §2.1).
_COMPACTABLE = ("type", "proof", "credentialSchema", "termsOfUse")

PASSED, FAILED, WARNING, SKIPPED = (
    CheckStatus.PASSED,
    CheckStatus.FAILED,
    CheckStatus.WARNING,
    CheckStatus.SKIPPED,
)


def _types(node: Any) -> list[str]:
    t = node.get("type") if isinstance(node, dict) else None
    return (
        [t]
        if isinstance(t, str)
        else [x for x in t if isinstance(x, str)]
        if isinstance(t, list)
        else []
    )


def check_format(credential: dict[str, Any], version: str) -> CheckResult:
    """Is it an Open Badge at all, and which version."""
    types = _types(credential)
    name = _VERSIONS.get(version)
    if version.startswith("3.0"):
        if "VerifiableCredential" in types and _OB3_TYPES & set(types):
            return CheckResult("format", PASSED, "ob3", f"{name} credential", {"type": types})
        msg = "the credential's type must include VerifiableCredential and OpenBadgeCredential"
        return CheckResult("format", FAILED, "wrong_type", msg, {"type": types})
    if version == "2.0":
        return CheckResult("format", PASSED, "ob2", f"{name} assertion", {"type": types})
    msg = (
        "this is not an Open Badge: its @context names neither Open Badges 3.0 nor Open Badges 2.0"
    )
    return CheckResult("format", FAILED, "not_a_badge", msg)


def _arrays(node: Any) -> Any:
    """A copy with every compactable single value wrapped in an array."""
    if isinstance(node, list):
        return [_arrays(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: _arrays(v) for k, v in node.items()}
    for key in _COMPACTABLE:
        if key in out and not isinstance(out[key], list):
            out[key] = [out[key]]
    return out


def check_schema(credential: dict[str, Any]) -> CheckResult:
    """Validate against the bundled OB 3.0 JSON Schema (ob3-spec.md §5).

    JSON-LD compacted single values (a ``proof`` object, ``"type": "Profile"``) are allowed by
    the spec but not by the strict schema: they give a warning, not a failure.
    """
    issues = validate_schema(credential)
    if not issues:
        return CheckResult(
            "schema", PASSED, "ok", "the credential matches the Open Badges 3.0 schema"
        )
    listed = [str(i) for i in issues]
    if not validate_schema(_arrays(copy.deepcopy(credential))):
        msg = "the credential uses single values where the strict schema wants arrays (allowed)"
        return CheckResult("schema", WARNING, "compacted", msg, {"issues": listed})
    msg = f"the credential does not match the Open Badges 3.0 schema: {listed[0]}"
    if len(listed) > 1:
        msg += f" (and {len(listed) - 1} more)"
    return CheckResult("schema", FAILED, "schema_invalid", msg, {"issues": listed})


def check_jsonld(credential: dict[str, Any], loader: StaticLoader) -> CheckResult:
    """JSON-LD safe mode: every term defined, no relative IRIs, only bundled contexts."""
    document = {k: v for k, v in credential.items() if k != "proof"}
    try:
        check_safe(document, loader)
    except DocumentLoaderError as e:
        return CheckResult("jsonld", FAILED, "unknown_context", str(e))
    except UnsafeJsonLdError as e:
        return CheckResult("jsonld", FAILED, "unsafe_jsonld", str(e))
    return CheckResult(
        "jsonld", PASSED, "ok", "every property is defined by the credential's contexts"
    )


def check_proof(result: ProofResult, *, jsonld_ok: bool) -> tuple[CheckResult, CheckResult]:
    """Map a :class:`ProofResult` to the ``proof`` and ``issuer_binding`` checks."""
    details = {k: v for k, v in result.to_dict().items() if v is not None}
    code = result.reason_code
    key = result.verification_method or "the key"
    if result.verified or code in ("expired", "not_yet_valid"):
        # A VC-JWT whose exp/nbf has passed has a good signature; ``dates`` reports the rest.
        msg = f"the {result.suite} signature is valid (key {key})"
        binding = f"the signing key belongs to the issuer ({result.controller})"
        return (
            CheckResult("proof", PASSED, "ok", msg, details),
            CheckResult("issuer_binding", PASSED, "ok", binding, details),
        )
    if code == "controller_mismatch":
        msg = "not checked: the signing key does not belong to the issuer"
        return (
            CheckResult("proof", SKIPPED, "controller_mismatch", msg, details),
            CheckResult("issuer_binding", FAILED, code, result.message, details),
        )
    skipped = CheckResult(
        "issuer_binding", SKIPPED, "no_key", "not checked: no signing key was confirmed"
    )
    if code in ("unsafe_jsonld", "unknown_context", "invalid_jsonld") and not jsonld_ok:
        msg = "not checked: the credential's JSON-LD is not safe to canonicalize (see jsonld)"
        return CheckResult("proof", SKIPPED, code, msg, details), skipped
    plain = {
        "no_proof": "the credential has no proof: nothing shows who issued it",
        "bad_signature": (
            "the signature does not match: the badge was changed after it was signed, "
            "or was signed with another key"
        ),
        "resolution_failed": f"the issuer's key could not be found: {result.message}",
        "unsupported_suite": f"the proof type is not supported: {result.message}",
    }
    return CheckResult("proof", FAILED, code, plain.get(code, result.message), details), skipped


def status_check(result: StatusResult) -> CheckResult:
    """Map a :class:`StatusResult` to the ``status`` check."""
    details = result.to_json()
    if result.state in ("revoked", "suspended"):
        return CheckResult("status", FAILED, result.code, result.message, details)
    status = {"passed": PASSED, "warning": WARNING, "failed": FAILED}[result.check_status]
    return CheckResult("status", status, result.code, result.message, details)


def check_recipient(subject: Any, recipient: str) -> CheckResult:
    """Does the credential name ``recipient`` (an email, DID or URL)?"""
    if not isinstance(subject, dict):
        return CheckResult("recipient", FAILED, "no_subject", "the credential names no recipient")
    found = recipient_matches(subject, recipient)
    if found:
        return CheckResult("recipient", PASSED, "ok", f"the badge was issued to {recipient}")
    if found is None:
        msg = "the credential names no recipient to compare with"
        return CheckResult("recipient", WARNING, "no_recipient", msg)
    return CheckResult("recipient", FAILED, "mismatch", f"the badge was not issued to {recipient}")
