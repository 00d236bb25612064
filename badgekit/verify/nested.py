"""Credentials inside credentials: endorsements and a CLR's achievements (not public API).

OB 3.0 §"Verification" step 6: each EndorsementCredential (in ``endorsement`` as JSON or in
``endorsementJwt`` as a compact JWS, on the credential, its achievement and its issuer) is
verified like a credential of its own; a bad endorsement is reported, never held against the
badge.  CLR 2.0: every credential in ``credentialSubject.verifiableCredential`` is verified
the same way, and the record is not valid if one of them is not genuine.

Hostile files are bounded: at most :data:`MAX_DEPTH` levels of nesting and
:data:`MAX_CREDENTIALS` nested credentials per file; a credential whose id is one of the
credentials it sits in is a loop and is not followed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .report import CheckResult, CheckStatus, Verdict

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .report import VerificationReport

__all__ = ["MAX_CREDENTIALS", "MAX_DEPTH", "Carried", "carried_items", "summarize_carried"]

#: Deepest nesting followed: a CLR (1) carrying badges (2) with endorsements (3).
MAX_DEPTH = 3
#: Most nested credentials checked in one file (a full transcript carries dozens).
MAX_CREDENTIALS = 200

_WHERE = {"credential": "the badge", "achievement": "the achievement", "issuer": "the issuer"}


@dataclass(frozen=True)
class Carried:
    """One credential found inside another.

    :ivar payload: the credential object or its compact JWS.
    :ivar where: ``credential``, ``achievement``, ``issuer`` or ``record`` (a CLR's list).
    :ivar target: for an endorsement, the id of what it is attached to.
    """

    payload: dict[str, Any] | str
    where: str
    target: str | None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _id(node: Any) -> str | None:
    value = node.get("id") if isinstance(node, dict) else node
    return value if isinstance(value, str) else None


def _endorsements_of(node: Any, where: str) -> list[Carried]:
    if not isinstance(node, dict):
        return []
    found = [
        Carried(e, where, _id(node))
        for key in ("endorsement", "endorsementJwt")
        for e in _as_list(node.get(key))
        if isinstance(e, dict | str)
    ]
    return found


def carried_items(credential: dict[str, Any], what: str) -> list[Carried]:
    """The endorsements of a credential (on itself, its achievement and its issuer), or the
    credentials a CLR carries (``what == "credentials"``)."""
    subject = credential.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    if what == "credentials":
        carried = subject.get("verifiableCredential") if isinstance(subject, dict) else None
        return [Carried(c, "record", None) for c in _as_list(carried) if isinstance(c, dict | str)]
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    return [
        *_endorsements_of(credential, "credential"),
        *_endorsements_of(achievement, "achievement"),
        *_endorsements_of(credential.get("issuer"), "issuer"),
    ]


def _who(report: VerificationReport) -> str:
    summary = report.credential or {}
    name = summary.get("issuer_name") or summary.get("issuer_id") or "an unnamed issuer"
    return str(name)


def _title(report: VerificationReport) -> str:
    summary = report.credential or {}
    return str(summary.get("achievement_name") or summary.get("name") or report.source)


def summarize_carried(
    what: str, reports: Sequence[VerificationReport], refused: str | None
) -> CheckResult:
    """One check for the nested reports: ``endorsements`` never fail (a bad endorsement does
    not make the badge any less genuine), a CLR's ``credentials`` fail when one is not genuine
    or the record is beyond the bounds (``refused`` says why)."""
    details: dict[str, Any] = {"count": len(reports)}
    if what == "endorsements":
        good = [r for r in reports if r.verified]
        named = "; ".join(
            f"{_who(r)}: {'genuine' if r.verified else r.verdict.value.lower()}" for r in reports
        )
        noun = "endorsement" if len(reports) == 1 else "endorsements"
        msg = f"{len(reports)} {noun} ({named})"
        if refused:
            return CheckResult(what, CheckStatus.WARNING, "bounded", f"{msg}; {refused}", details)
        if len(good) == len(reports):
            return CheckResult(what, CheckStatus.PASSED, "ok", msg, details)
        msg = f"{msg}; an endorsement that does not verify says nothing about the badge"
        return CheckResult(what, CheckStatus.WARNING, "endorsement_not_valid", msg, details)
    if refused:
        return CheckResult(what, CheckStatus.FAILED, "too_many", refused, details)
    forged = [r for r in reports if r.verdict is Verdict.NOT_VALID]
    other = [r for r in reports if not r.verified and r.verdict is not Verdict.NOT_VALID]
    total = len(reports)
    if forged:
        first = forged[0]
        msg = (
            f"{len(forged)} of the {total} credentials in the record is not genuine: "
            f"{_title(first)} ({first.headline})"
        )
        return CheckResult(what, CheckStatus.FAILED, "credential_not_valid", msg, details)
    if other:
        states = "; ".join(f"{_title(r)}: {r.verdict.value.lower()}" for r in other)
        msg = f"{total - len(other)} of the {total} credentials in the record are valid ({states})"
        return CheckResult(what, CheckStatus.WARNING, "credential_not_current", msg, details)
    msg = (
        "the credential in the record is genuine"
        if total == 1
        else (f"all {total} credentials in the record are genuine")
    )
    return CheckResult(what, CheckStatus.PASSED, "ok", msg, details)


def loop_message(where: str, ident: str) -> str:
    """Why a nested credential that contains itself is not followed."""
    return (
        f"this credential (on {_WHERE.get(where, 'the record')}) has the id {ident} of a "
        "credential it sits in: a loop, not followed"
    )
