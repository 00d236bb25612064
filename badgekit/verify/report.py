"""Verification results: one :class:`CheckResult` per check, gathered in a report (not public
API; the types are re-exported by :mod:`badgekit`).

Modelled on digitalbazaar/vc: verifying never raises because a badge is bad; it returns
``verified`` plus per-check results, and :meth:`VerificationReport.raise_for_status` raises on
demand.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..errors import VerificationFailed

__all__ = ["CHECK_IDS", "CheckResult", "CheckStatus", "Verdict", "VerificationReport"]

#: Every check, in the order the pipeline runs them (ob3-spec.md §4; stable ids for programs).
CHECK_IDS = (
    "container",
    "format",
    "schema",
    "jsonld",
    "proof",
    "issuer_binding",
    "dates",
    "status",
    "recipient",
)


class CheckStatus(StrEnum):
    """Outcome of one check."""

    PASSED = "passed"
    FAILED = "failed"
    WARNING = "warning"
    SKIPPED = "skipped"


class Verdict(StrEnum):
    """The one-word answer shown first to a person."""

    VALID = "VALID"
    NOT_VALID = "NOT VALID"
    EXPIRED = "EXPIRED"
    NOT_YET_VALID = "NOT YET VALID"
    REVOKED = "REVOKED"
    SUSPENDED = "SUSPENDED"
    UNVERIFIED = "UNVERIFIED"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check.

    :ivar id: stable check id (one of :data:`CHECK_IDS`).
    :ivar status: passed, failed, warning or skipped.
    :ivar code: stable reason code for programs (``"ok"``, ``"expired"``, ``"bad_signature"``…).
    :ivar message: one sentence a teacher understands.
    :ivar details: extra facts for programs (suite, key id, JSON paths…).
    """

    id: str
    status: CheckStatus
    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # One line, always: messages quote values from the badge (names, reasons, URLs).
        object.__setattr__(self, "message", " ".join(self.message.split()))

    def to_json(self) -> dict[str, Any]:
        """This result as a JSON-ready dict."""
        out: dict[str, Any] = {
            "id": self.id,
            "status": self.status.value,
            "code": self.code,
            "message": self.message,
        }
        if self.details:
            out["details"] = self.details
        return out


@dataclass(frozen=True)
class VerificationReport:
    """Everything :func:`badgekit.verify` found out about one badge.

    :ivar source: the file name, or ``"<bytes>"``/``"<credential>"`` for in-memory input.
    :ivar version: ``"3.0"``, ``"3.0 (VCDM 1.1)"``, ``"2.0"`` or ``None`` when unknown.
    :ivar credential: a display summary (only from a credential that was parsed), or ``None``;
        it is what the file *claims* unless :attr:`confirmed`.
    :ivar checks: every check in pipeline order.
    :ivar payload: the credential as found (dict), for programs that need more than the summary.
    :ivar role: for a credential found inside another: ``endorsement`` or ``credential`` (one
        of a CLR's); ``None`` for the file's own credential.
    :ivar nested: the reports of the credentials this one carries (endorsements, a CLR's
        credentials), each verified on its own.
    :ivar kind: ``badge``, ``endorsement``, ``clr``, ``ob2`` or ``unknown`` (``None`` when no
        credential was read).
    """

    source: str
    version: str | None
    checks: tuple[CheckResult, ...]
    credential: dict[str, Any] | None = None
    payload: dict[str, Any] | None = None
    role: str | None = None
    nested: tuple[VerificationReport, ...] = ()
    kind: str | None = None

    @property
    def verified(self) -> bool:
        """True only when no check failed, the container was read and the proof passed."""
        ran = {c.id for c in self.checks if c.status in (CheckStatus.PASSED, CheckStatus.WARNING)}
        proof = self.check("proof")
        failed = any(c.status is CheckStatus.FAILED for c in self.checks)
        return (
            not failed
            and "container" in ran
            and proof is not None
            and proof.status is CheckStatus.PASSED
        )

    @property
    def confirmed(self) -> bool:
        """True when :attr:`credential` is vouched for by its issuer: the proof passed and the
        signing key is known to belong to the issuer.  Otherwise the summary is only what the
        file claims (anyone can write any name, issuer or date into a file, and a key named
        only in the issuer's web address proves no ownership offline, ob3-spec.md §3.3)."""
        proof, binding = self.check("proof"), self.check("issuer_binding")
        return (
            self.credential is not None
            and proof is not None
            and proof.status is CheckStatus.PASSED
            and binding is not None
            and binding.status is CheckStatus.PASSED
        )

    @property
    def verdict(self) -> Verdict:
        """VALID, REVOKED, SUSPENDED, EXPIRED, NOT YET VALID, NOT VALID, or UNVERIFIED when nothing
        failed but the proof could not be checked (an OB 2.0 badge offline)."""
        if self.verified:
            return Verdict.VALID
        if not self.failures:
            return Verdict.UNVERIFIED
        by_id = {c.id: c for c in self.checks}
        proof_ok = "proof" in by_id and by_id["proof"].status is CheckStatus.PASSED
        others = [
            c
            for c in self.checks
            if c.status is CheckStatus.FAILED and c.id not in ("dates", "status")
        ]
        if proof_ok and not others:
            status, dates = by_id.get("status"), by_id.get("dates")
            if status and status.status is CheckStatus.FAILED:
                # An untrusted or unreadable list is not a revocation: only a set entry is.
                by_code = {"revoked": Verdict.REVOKED, "suspended": Verdict.SUSPENDED}
                return by_code.get(status.code, Verdict.NOT_VALID)
            if dates and dates.code == "not_yet_valid":
                return Verdict.NOT_YET_VALID
            if dates and dates.code == "expired":
                return Verdict.EXPIRED  # an unreadable or missing date is NOT VALID
        return Verdict.NOT_VALID

    @property
    def headline(self) -> str:
        """One sentence for a person that explains :attr:`verdict` (shown under it)."""
        text = self._headline()
        noun = {"endorsement": "endorsement", "clr": "record"}.get(self.kind or "")
        if noun:  # the same sentences, about what this report is of
            for old in ("This badge", "this badge", "the badge"):
                text = text.replace(old, old.replace("badge", noun))
        return text

    def _headline(self) -> str:
        verdict = self.verdict
        if verdict is Verdict.VALID:
            binding = self.check("issuer_binding")
            if binding is not None and binding.code == "unconfirmed":
                # ob3-spec.md §3.3: a key named only in the issuer's URL proves no ownership.
                who = (self.credential or {}).get("issuer_id") or "the issuer"
                return (
                    "The signature is valid and the badge has not been changed, but that the "
                    f"signing key belongs to {who} was not confirmed (run with --online)."
                )
            warned = {c.id for c in self.checks if c.status is CheckStatus.WARNING}
            tail = "; some things could not be fully checked (see the warnings)" if warned else ""
            if warned == {"endorsements"}:
                tail = "; not every endorsement of it verifies (see endorsements)"
            return f"This badge is genuine: its issuer signed it and it has not been changed{tail}."
        reason = {
            Verdict.EXPIRED: ("dates", "This badge is genuine, but it has expired"),
            Verdict.NOT_YET_VALID: ("dates", "This badge is genuine, but it is not valid yet"),
            Verdict.REVOKED: ("status", "The issuer has revoked this badge"),
            Verdict.SUSPENDED: ("status", "The issuer has suspended this badge"),
            Verdict.UNVERIFIED: ("proof", "This badge could not be checked"),
        }.get(verdict)
        if reason is not None:
            check = self.check(reason[0])
            if verdict is Verdict.UNVERIFIED:  # the first check that needed the network
                offline = (c for c in self.checks if c.code == "offline")
                check = next(offline, check)
            if check is None or verdict in (Verdict.REVOKED, Verdict.SUSPENDED):
                return f"{reason[1]} (see status below)." if check else f"{reason[1]}."
            if verdict in (Verdict.EXPIRED, Verdict.NOT_YET_VALID):
                # "this badge expired on 1 June 2026" -> "... but it expired on 1 June 2026."
                return f"This badge is genuine, but it {check.message.removeprefix('this badge ')}."
            return f"{reason[1]}: {check.message}."
        first = self.failures[0] if self.failures else None
        if first is not None and first.id == "recipient" and len(self.failures) == 1:
            # genuine, but someone else's: "the badge was not issued to bob@example.org"
            return f"This badge is genuine, but it {first.message.removeprefix('the badge ')}."
        if first is not None and first.id == "container":
            return f"No badge could be read from this file: {first.message}."
        why = f": {first.message}" if first else ""
        return f"Do not trust this badge{why}."

    @property
    def failures(self) -> tuple[CheckResult, ...]:
        """The failed checks."""
        return tuple(c for c in self.checks if c.status is CheckStatus.FAILED)

    def check(self, check_id: str) -> CheckResult | None:
        """The result of one check by id, or ``None`` if it did not run."""
        return next((c for c in self.checks if c.id == check_id), None)

    def raise_for_status(self) -> VerificationReport:
        """Return ``self`` if verified, else raise :class:`~badgekit.errors.VerificationFailed`.

        :raises VerificationFailed: naming the first failed check.
        """
        if self.verified:
            return self
        first = self.failures[0] if self.failures else None
        reason = f"{first.id}: {first.message}" if first else "no proof was checked"
        msg = f"{self.source}: {self.verdict.value}: {reason}"
        raise VerificationFailed(msg)

    def to_json(self) -> dict[str, Any]:
        """The report as the JSON object printed by ``badgekit verify --json``."""
        summary = self.credential
        if summary is not None:
            # "confirmed": false marks the summary as the file's unconfirmed claims.
            summary = {**summary, "confirmed": self.confirmed}
        out: dict[str, Any] = {
            "file": self.source,
            "verified": self.verified,
            "verdict": self.verdict.value,
            "version": self.version,
            "credential": summary,
            "checks": [c.to_json() for c in self.checks],
        }
        if self.role is not None:
            out["role"] = self.role
        if self.nested:
            out["nested"] = [n.to_json() for n in self.nested]
        return out

    def dumps(self) -> str:
        """:meth:`to_json` serialised."""
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False)

    def replace(self, **changes: Any) -> VerificationReport:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)
