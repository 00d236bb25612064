"""One function per OB 3.0 check: format, schema, jsonld, proof + issuer binding, status,
recipient (not public API; ob3-spec.md §4).

Each returns :class:`CheckResult` objects with messages a teacher understands; none raises
because a badge is bad.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from ..credential.constants import (
    TYPE_CLR_CREDENTIAL,
    TYPE_CLR_SUBJECT,
    TYPE_ENDORSEMENT_CREDENTIAL,
)
from ..credential.identity import recipient_matches
from ..credential.schema import issue_paths, validate_schema
from ..errors import CredentialError, DocumentLoaderError, UnsafeJsonLdError
from ..jsonld.safe import check_safe
from .report import CheckResult, CheckStatus

if TYPE_CHECKING:
    from ..jsonld.loader import StaticLoader
    from ..status.result import StatusResult

__all__ = [
    "check_endorses",
    "check_format",
    "check_jsonld",
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


_KIND_TYPES = {
    "badge": (_OB3_TYPES, "OpenBadgeCredential"),
    "endorsement": ({TYPE_ENDORSEMENT_CREDENTIAL}, TYPE_ENDORSEMENT_CREDENTIAL),
    "clr": ({TYPE_CLR_CREDENTIAL}, TYPE_CLR_CREDENTIAL),
}
_KIND_NAMES = {
    "endorsement": "Open Badges 3.0 endorsement",
    "clr": "CLR 2.0 learner record (ClrCredential)",
}


def check_format(credential: dict[str, Any], version: str, kind: str = "badge") -> CheckResult:
    """Is it an Open Badge (or an endorsement, or a CLR) at all, and which version."""
    types = _types(credential)
    name = _KIND_NAMES.get(kind) or _VERSIONS.get(version)
    if kind in _KIND_TYPES:
        wanted, label = _KIND_TYPES[kind]
        if "VerifiableCredential" in types and wanted & set(types):
            code = "ob3" if kind == "badge" else kind
            what = str(name) if kind == "clr" else f"{name} credential"
            return CheckResult("format", PASSED, code, what, {"type": types})
        msg = f"the credential's type must include VerifiableCredential and {label}"
        return CheckResult("format", FAILED, "wrong_type", msg, {"type": types})
    if kind == "ob2":
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


def _passes_when_expanded(credential: dict[str, Any], kind: str) -> bool:
    """Does the credential pass once each single value the schema wants as an array (and
    JSON-LD compaction allows as a single value) is wrapped?"""
    doc = copy.deepcopy(credential)
    for _ in range(64):  # each round wraps at least one value; a credential has few
        if not validate_schema(doc, kind=kind):
            return True
        # Every branch's paths: "type": "Profile" in an issuer object fails the string branch
        # at ``issuer`` and the Profile branch at ``issuer.type``.
        if not any([_wrap_at(doc, path) for path in sorted(issue_paths(doc, kind=kind))]):
            return False
    return False


def _check_clr_structure(credential: dict[str, Any]) -> CheckResult:
    """CLR 2.0 §ClrCredential/§ClrSubject, by hand (no CLR JSON Schema is bundled): a name,
    and a ClrSubject carrying at least one credential in ``verifiableCredential``."""
    subject = credential.get("credentialSubject")
    problems = [k for k in ("id", "name", "issuer", "credentialSubject") if k not in credential]
    if isinstance(subject, dict):
        if TYPE_CLR_SUBJECT not in _types(subject):
            problems.append("credentialSubject.type ClrSubject")
        carried = subject.get("verifiableCredential")
        if not isinstance(carried, list) or not carried:
            problems.append("credentialSubject.verifiableCredential (one or more credentials)")
    if problems:
        msg = f"the CLR lacks {', '.join(problems)}"
        return CheckResult("schema", FAILED, "clr_invalid", msg, {"missing": problems})
    msg = "the CLR has every property CLR 2.0 requires"
    return CheckResult("schema", PASSED, "ok", msg)


def check_schema(credential: dict[str, Any], kind: str = "badge") -> CheckResult:
    """Validate against the bundled OB 3.0 JSON Schema (ob3-spec.md §5): the AchievementCredential
    one, or the EndorsementCredential one; a CLR's structure is checked by hand.

    JSON-LD compacted single values (a ``proof`` object, ``"type": "Profile"``) are allowed by
    the spec but not by the strict schema: they give a warning, not a failure.
    """
    if kind == "clr":
        return _check_clr_structure(credential)
    which = "endorsement" if kind == "endorsement" else "achievement"
    issues = validate_schema(credential, kind=which)
    thing = "the endorsement" if which == "endorsement" else "the credential"
    if not issues:
        msg = f"{thing} matches the Open Badges 3.0 schema"
        return CheckResult("schema", PASSED, "ok", msg)
    listed = [str(i) for i in issues]
    if _passes_when_expanded(credential, which):
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
        msg = f"the credential uses a vocabulary (@context) that badgekit does not know: {e}"
        return CheckResult("jsonld", FAILED, "unknown_context", msg)
    except UnsafeJsonLdError as e:
        msg = f"the credential holds data that its vocabulary (@context) does not define: {e}"
        return CheckResult("jsonld", FAILED, "unsafe_jsonld", msg)
    except CredentialError as e:  # not JSON-LD at all (a null @id, a bad @type...)
        return CheckResult("jsonld", FAILED, "invalid_jsonld", str(e))
    except ValueError as e:  # pyld's own, e.g. a relative context IRI (jsonld.safe lets it out)
        msg = f"the credential is not valid JSON-LD: {e}"
        return CheckResult("jsonld", FAILED, "invalid_jsonld", msg)
    return CheckResult(
        "jsonld", PASSED, "ok", "every property is defined by the credential's contexts"
    )


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


def check_endorses(endorsement: dict[str, Any], target: str | None) -> CheckResult:
    """Is the endorsement about what it is attached to (its ``credentialSubject.id``)?

    OB 3.0 §EndorsementSubject: ``id`` is the profile, achievement or credential endorsed.
    Pasted into another badge, a genuine endorsement says nothing about it.
    """
    subject = endorsement.get("credentialSubject")
    about = subject.get("id") if isinstance(subject, dict) else None
    comment = subject.get("endorsementComment") if isinstance(subject, dict) else None
    details = {"endorses": about, "attached_to": target, "comment": comment}
    if not isinstance(about, str) or not about:
        msg = "the endorsement does not say what it endorses (credentialSubject.id)"
        return CheckResult("endorses", FAILED, "no_subject", msg, details)
    if target is not None and about != target:
        msg = f"the endorsement is about {about}, not {target} that it is attached to"
        return CheckResult("endorses", FAILED, "other_subject", msg, details)
    return CheckResult("endorses", PASSED, "ok", f"it endorses {about}", details)
