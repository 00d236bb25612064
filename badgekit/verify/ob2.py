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


def check_ob2_proof(
    assertion: dict[str, Any], jws: str | None, *, fetcher: Fetcher | None
) -> CheckResult:
    """Check a hosted assertion (fetch and compare) or a signed one (RS256 with the issuer's
    published key).  Offline (``fetcher`` is ``None``) the check is skipped."""
    kind = "signed" if jws else _verification_type(assertion)
    if fetcher is None:
        msg = (
            f"an OB 2.0 {kind or 'hosted'} badge is checked against the issuer's server: {OFFLINE}"
        )
        return CheckResult("proof", CheckStatus.SKIPPED, "offline", msg)
    try:
        if jws:
            return _signed(assertion, jws, fetcher)
        return _hosted(assertion, fetcher)
    except BadgekitError as e:
        return CheckResult("proof", CheckStatus.FAILED, "retrieval_error", str(e))
    except (ValueError, UnicodeDecodeError):
        msg = "the signed assertion's JWS is malformed"
        return CheckResult("proof", CheckStatus.FAILED, "malformed_token", msg)


def _hosted(assertion: dict[str, Any], fetcher: Fetcher) -> CheckResult:
    url = assertion.get("id")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        msg = "a hosted OB 2.0 assertion must have an HTTP(S) id to check it against"
        return CheckResult("proof", CheckStatus.FAILED, "ob2_invalid", msg)
    hosted = fetcher.fetch_json(url, accept="application/ld+json, application/json")
    if hosted != assertion:
        msg = f"the assertion served at {url} differs from the one in the badge"
        return CheckResult("proof", CheckStatus.FAILED, "hosted_mismatch", msg)
    msg = f"the issuer's server still serves this assertion at {url}"
    return CheckResult("proof", CheckStatus.PASSED, "ok", msg, {"suite": "ob2-hosted"})


def _signed(assertion: dict[str, Any], jws: str, fetcher: Fetcher) -> CheckResult:
    head, body, sig = jws.split(".")
    header = json.loads(_b64(head))
    alg = header.get("alg") if isinstance(header, dict) else None
    if alg != "RS256":
        msg = f"signed OB 2.0 badges use RS256, not {alg}"
        return CheckResult("proof", CheckStatus.FAILED, "unsupported_alg", msg)
    creator = assertion.get("verification", {}).get("creator")
    if not isinstance(creator, str):
        msg = "the signed assertion does not say where its key is (verification.creator)"
        return CheckResult("proof", CheckStatus.FAILED, "ob2_invalid", msg)
    doc = fetcher.fetch_json(creator)
    pem = doc.get("publicKeyPem") if isinstance(doc, dict) else None
    if not isinstance(pem, str):
        msg = f"no publicKeyPem at {creator}"
        return CheckResult("proof", CheckStatus.FAILED, "resolution_failed", msg)
    key = KeyPair.from_pem(pem.encode())
    if not key.verify(_b64(sig), f"{head}.{body}".encode("ascii")):
        msg = "the signature does not match: the badge was changed after it was signed"
        return CheckResult("proof", CheckStatus.FAILED, "bad_signature", msg)
    msg = f"the RS256 signature is valid (key {creator})"
    return CheckResult("proof", CheckStatus.PASSED, "ok", msg, {"suite": "ob2-signed"})
