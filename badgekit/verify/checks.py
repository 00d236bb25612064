"""One function per OB 3.0 check: format, schema, jsonld, proof + issuer binding, status,
recipient (not public API; ob3-spec.md §4).

Each returns :class:`CheckResult` objects with messages a teacher understands; none raises
because a badge is bad.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from ..credential.identity import recipient_matches
from ..credential.schema import issue_paths, validate_schema
from ..errors import CredentialError, DocumentLoaderError, UnsafeJsonLdError
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
    "short_id",
    "status_check",
    "suite_label",
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


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _wrap_at(node: Any, path: str) -> bool:
    """Wrap the single value at schema issue ``path`` in an array if it is a compactable key
    (ob3-spec.md §2.1); ``True`` when something was wrapped."""
    steps: list[str | int] = [int(index) if index else key for key, index in _STEP.findall(path)]
    if not steps or steps[-1] not in _COMPACTABLE:
        return False
    for step in steps[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return False
    if not isinstance(node, dict) or steps[-1] not in node or isinstance(node[steps[-1]], list):
        return False
    node[steps[-1]] = [node[steps[-1]]]
    return True


def _passes_when_expanded(credential: dict[str, Any]) -> bool:
    """Does the credential pass once each single value the schema wants as an array (and
    JSON-LD compaction allows as a single value) is wrapped?"""
    doc = copy.deepcopy(credential)
    for _ in range(64):  # each round wraps at least one value; a credential has few
        if not validate_schema(doc):
            return True
        # Every branch's paths: "type": "Profile" in an issuer object fails the string branch
        # at ``issuer`` and the Profile branch at ``issuer.type``.
        if not any([_wrap_at(doc, path) for path in sorted(issue_paths(doc))]):
            return False
    return False


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
    if _passes_when_expanded(credential):
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
        msg = f"the badge uses a vocabulary (@context) that badgekit does not know: {e}"
        return CheckResult("jsonld", FAILED, "unknown_context", msg)
    except UnsafeJsonLdError as e:
        msg = f"the badge holds data that its vocabulary (@context) does not define: {e}"
        return CheckResult("jsonld", FAILED, "unsafe_jsonld", msg)
    except CredentialError as e:  # not JSON-LD at all (a null @id, a bad @type...)
        return CheckResult("jsonld", FAILED, "invalid_jsonld", str(e))
    except ValueError as e:  # pyld's own, e.g. a relative context IRI (jsonld.safe lets it out)
        msg = f"the credential is not valid JSON-LD: {e}"
        return CheckResult("jsonld", FAILED, "invalid_jsonld", msg)
    return CheckResult(
        "jsonld", PASSED, "ok", "every property is defined by the credential's contexts"
    )


_SUITE_LABEL = {
    "eddsa-rdfc-2022": "Data Integrity (eddsa-rdfc-2022)",
    "eddsa-2022": "Data Integrity (eddsa-2022)",
    "ed25519-2020": "Ed25519Signature2020",
}
_JWS_ALG = {"ed25519": "EdDSA", "p256": "ES256", "rsa": "RS256"}
# A multibase key, a JWK thumbprint or a hash: long runs that mean nothing to a person.
_LONG_TOKEN = re.compile(r"[A-Za-z0-9_-]{28,}")


def short_id(value: str) -> str:
    """``value`` with each long key/hash token shortened to ``z6MkehRg…gvVd`` (for messages;
    the full value stays in ``details``)."""
    did, sep, fragment = value.partition("#")
    if sep and did == f"did:key:{fragment}":
        value = did  # a did:key's one key: did:key:z6Mk…#z6Mk… says the same thing twice
    return _LONG_TOKEN.sub(lambda m: f"{m.group()[:8]}…{m.group()[-4:]}", value)


def suite_label(result: ProofResult) -> str:
    """A person's name for the proof format of ``result``."""
    if result.suite == "jwt":
        alg = _JWS_ALG.get(result.key_type or "")
        return f"VC-JWT ({alg})" if alg else "VC-JWT"
    return _SUITE_LABEL.get(result.suite, result.suite)


def check_proof(result: ProofResult) -> tuple[CheckResult, CheckResult]:
    """Map a :class:`ProofResult` to the ``proof`` and ``issuer_binding`` checks."""
    details = {k: v for k, v in result.to_dict().items() if v is not None}
    code = result.reason_code
    label = suite_label(result)
    if result.verified or code in ("expired", "not_yet_valid"):
        # A VC-JWT whose exp/nbf has passed has a good signature; ``dates`` reports the rest.
        key = short_id(result.verification_method or "the issuer's key")
        msg = f"the {label} signature is valid (key {key})"
        binding = f"the signing key belongs to the issuer {short_id(result.controller or '')}"
        return (
            CheckResult("proof", PASSED, "ok", msg, details),
            CheckResult("issuer_binding", PASSED, "ok", binding.rstrip(), details),
        )
    if code == "controller_mismatch":
        # The proof layers check the signature first: it is genuine, but made with a key
        # that is not the issuer's (anyone can sign anything with their own key).
        key = short_id(result.verification_method or "an unnamed key")
        msg = f"the {label} signature is valid, but made with key {key} (see issuer_binding)"
        binding = "the badge was signed with a key that does not belong to its issuer: " + short_id(
            result.message
        )
        return (
            CheckResult("proof", PASSED, "ok", msg, details),
            CheckResult("issuer_binding", FAILED, code, binding, details),
        )
    skipped = CheckResult(
        "issuer_binding", SKIPPED, "no_key", "not checked: no signing key was confirmed"
    )
    plain = {
        "no_proof": "the credential has no signature: nothing shows who issued it",
        "bad_signature": (
            f"the {label} signature does not match: the badge was changed after it was "
            "signed, or was signed with another key"
        ),
        "resolution_failed": f"the issuer's key could not be found: {result.message}",
        "unsupported_suite": f"this kind of signature is not supported: {result.message}",
        "key_type_mismatch": f"the key does not fit the signature: {result.message}",
    }
    msg = plain.get(code, f"the {label} signature is not valid: {result.message}")
    return CheckResult("proof", FAILED, code, msg, details), skipped


def status_check(result: StatusResult) -> CheckResult:
    """Map a :class:`StatusResult` to the ``status`` check."""
    details = result.to_json()
    if result.code == "no_status":
        msg = "the issuer publishes no revocation list for this badge"
        return CheckResult("status", PASSED, "no_status", msg, details)
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
