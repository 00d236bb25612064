"""Open Badges 2.0 assertions: what can be checked offline, and online when asked (not public
API; ob3-spec.md §1.3).

Offline: the structure, the dates and the recipient.  A hosted assertion is genuine only if
the issuer's server still serves it, and a signed one needs the issuer's published key, so
the proof of either is checked only online; offline it is *skipped*, never passed.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import BadgekitError
from ..keys.keypair import KeyPair
from .report import CheckResult, CheckStatus

if TYPE_CHECKING:
    from ..net import Fetcher

__all__ = ["check_ob2_proof", "check_ob2_structure"]

_REQUIRED = ("id", "type", "recipient", "badge", "verification", "issuedOn")
OFFLINE = "run with --online to check it"


def check_ob2_structure(assertion: dict[str, Any]) -> CheckResult:
    """The OB 2.0 assertion has what the spec requires."""
    missing = [k for k in _REQUIRED if k not in assertion]
    if missing:
        msg = f"the OB 2.0 assertion lacks {', '.join(missing)}"
        return CheckResult("schema", CheckStatus.FAILED, "ob2_invalid", msg, {"missing": missing})
    recipient = assertion["recipient"]
    if not isinstance(recipient, dict) or not isinstance(recipient.get("identity"), str):
        msg = "the OB 2.0 assertion's recipient has no identity"
        return CheckResult("schema", CheckStatus.FAILED, "ob2_invalid", msg)
    msg = "the OB 2.0 assertion has every required property"
    return CheckResult("schema", CheckStatus.PASSED, "ok", msg)


def _b64(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _verification_type(assertion: dict[str, Any]) -> str:
    v = assertion.get("verification")
    kind = v.get("type") if isinstance(v, dict) else None
    return str(kind).lower().removesuffix("badge") if kind else ""


def _issuer_id(assertion: dict[str, Any]) -> str | None:
    badge = assertion.get("badge")
    issuer = badge.get("issuer") if isinstance(badge, dict) else None
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    return issuer if isinstance(issuer, str) and issuer else None


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _binding(status: CheckStatus, code: str, message: str) -> CheckResult:
    return CheckResult("issuer_binding", status, code, message)


def check_ob2_proof(
    assertion: dict[str, Any], jws: str | None, *, fetcher: Fetcher | None
) -> tuple[CheckResult, CheckResult]:
    """Check a hosted assertion (fetch and compare) or a signed one (RS256 with the issuer's
    published key), and whether that host or key belongs to the issuer.  Offline
    (``fetcher`` is ``None``) both are skipped."""
    kind = "signed" if jws else _verification_type(assertion)
    if fetcher is None:
        how = "the issuer's published key" if kind == "signed" else "the issuer's website"
        msg = f"an Open Badges 2.0 badge can only be confirmed with {how} ({OFFLINE})"
        why = "not checked: the issuer's server was not asked"
        return (
            CheckResult("proof", CheckStatus.SKIPPED, "offline", msg),
            _binding(CheckStatus.SKIPPED, "offline", why),
        )
    skipped = _binding(CheckStatus.SKIPPED, "no_key", "not checked: the badge was not confirmed")
    try:
        if jws:
            return _signed(assertion, jws, fetcher, skipped)
        return _hosted(assertion, fetcher, skipped)
    except BadgekitError as e:
        return CheckResult("proof", CheckStatus.FAILED, "retrieval_error", str(e)), skipped
    except (ValueError, UnicodeDecodeError, RecursionError):
        msg = "the signed assertion's JWS is malformed"
        return CheckResult("proof", CheckStatus.FAILED, "malformed_token", msg), skipped


def _hosted(
    assertion: dict[str, Any], fetcher: Fetcher, skipped: CheckResult
) -> tuple[CheckResult, CheckResult]:
    url = assertion.get("id")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        msg = "a hosted OB 2.0 assertion must have an HTTP(S) id to check it against"
        return CheckResult("proof", CheckStatus.FAILED, "ob2_invalid", msg), skipped
    hosted = fetcher.fetch_json(url, accept="application/ld+json, application/json")
    if hosted != assertion:
        msg = f"the assertion served at {url} differs from the one in the badge"
        return CheckResult("proof", CheckStatus.FAILED, "hosted_mismatch", msg), skipped
    msg = f"the issuer's server still serves this assertion at {url}"
    proof = CheckResult("proof", CheckStatus.PASSED, "ok", msg, {"suite": "ob2-hosted"})
    # OB 2.0 HostedBadge: by default the assertion must be hosted on the issuer's origin.
    issuer = _issuer_id(assertion)
    if issuer is None or not issuer.startswith(("https://", "http://")):
        msg = "the issuer's web address is not in the badge, so its host could not be compared"
        return proof, _binding(CheckStatus.WARNING, "unconfirmed", msg)
    if _origin(issuer) != _origin(url):
        msg = f"the assertion is hosted at {url}, not on the issuer's site {issuer}"
        return proof, _binding(CheckStatus.FAILED, "origin_mismatch", msg)
    return proof, _binding(CheckStatus.PASSED, "ok", f"hosted on the issuer's site ({issuer})")


def _signed(
    assertion: dict[str, Any], jws: str, fetcher: Fetcher, skipped: CheckResult
) -> tuple[CheckResult, CheckResult]:
    head, body, sig = jws.split(".")
    header = json.loads(_b64(head))
    alg = header.get("alg") if isinstance(header, dict) else None
    if alg != "RS256":
        msg = f"signed OB 2.0 badges use RS256, not {alg}"
        return CheckResult("proof", CheckStatus.FAILED, "unsupported_alg", msg), skipped
    verification = assertion.get("verification")
    creator = verification.get("creator") if isinstance(verification, dict) else None
    if not isinstance(creator, str) or not creator.startswith(("https://", "http://")):
        msg = "the signed assertion does not say where its key is (verification.creator)"
        return CheckResult("proof", CheckStatus.FAILED, "ob2_invalid", msg), skipped
    doc = fetcher.fetch_json(creator)
    pem = doc.get("publicKeyPem") if isinstance(doc, dict) else None
    if not isinstance(pem, str):
        msg = f"no publicKeyPem at {creator}"
        return CheckResult("proof", CheckStatus.FAILED, "resolution_failed", msg), skipped
    key = KeyPair.from_pem(pem.encode())
    if key.kind != "rsa":
        msg = f"the key at {creator} is {key.kind}, but the badge says RS256"
        return CheckResult("proof", CheckStatus.FAILED, "key_type_mismatch", msg), skipped
    if not key.verify(_b64(sig), f"{head}.{body}".encode("ascii")):
        msg = "the signature does not match: the badge was changed after it was signed"
        return CheckResult("proof", CheckStatus.FAILED, "bad_signature", msg), skipped
    msg = f"the RS256 signature is valid (key {creator})"
    proof = CheckResult("proof", CheckStatus.PASSED, "ok", msg, {"suite": "ob2-signed"})
    # OB 2.0 CryptographicKey: ``owner`` is the issuer profile the key belongs to.
    owner = doc.get("owner") if isinstance(doc, dict) else None
    issuer = _issuer_id(assertion)
    if not isinstance(owner, str) or issuer is None:
        msg = "the key does not name its owner, so it could not be tied to the issuer"
        return proof, _binding(CheckStatus.WARNING, "unconfirmed", msg)
    if owner != issuer:
        msg = f"the key belongs to {owner}, not to the badge's issuer {issuer}"
        return proof, _binding(CheckStatus.FAILED, "controller_mismatch", msg)
    return proof, _binding(CheckStatus.PASSED, "ok", f"the key belongs to the issuer {issuer}")
