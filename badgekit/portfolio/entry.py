"""One verified file of a portfolio, and what may be shown of it (not public API; the types are
re-exported by :mod:`badgekit`).

The rule this module enforces for every writer (CSV, badge wall, snippets): a badge's *claims*
(name, issuer, dates, criteria…) are shown only when its proof passed and its key belongs to
its issuer.  That is true of a valid badge, and of an expired, revoked or not-yet-valid one
(genuine, but not valid now).  For anything else only the file name and badgekit's own
reason are shown, never what the file claims.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ..verify.report import CheckStatus, Verdict

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from ..verify.report import CheckResult, VerificationReport

__all__ = [
    "BadgeStatus",
    "Portfolio",
    "PortfolioEntry",
    "SkippedFile",
    "day_of",
    "result_line",
]


class BadgeStatus(StrEnum):
    """What a portfolio says about one file (the CSV ``Status`` column's first word)."""

    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    NOT_YET_VALID = "not yet valid"
    NOT_VALID = "not valid"
    UNVERIFIED = "unverified"


_STATUS = {
    Verdict.VALID: BadgeStatus.VALID,
    Verdict.EXPIRED: BadgeStatus.EXPIRED,
    Verdict.REVOKED: BadgeStatus.REVOKED,
    Verdict.SUSPENDED: BadgeStatus.SUSPENDED,
    Verdict.NOT_YET_VALID: BadgeStatus.NOT_YET_VALID,
    Verdict.NOT_VALID: BadgeStatus.NOT_VALID,
    Verdict.UNVERIFIED: BadgeStatus.UNVERIFIED,
}
#: Statuses whose credential is genuine (proof passed, issuer bound): its claims may be shown.
TRUSTED = frozenset(
    {
        BadgeStatus.VALID,
        BadgeStatus.EXPIRED,
        BadgeStatus.REVOKED,
        BadgeStatus.SUSPENDED,
        BadgeStatus.NOT_YET_VALID,
    }
)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CAMEL = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+")


def day_of(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` day of an ISO 8601 date-time (other text is returned as it is)."""
    if not value:
        return None
    m = _DAY.match(value.strip())
    return m.group(0) if m else value.strip()


def _unconfirmed_binding(report: VerificationReport) -> CheckResult | None:
    """The ``issuer_binding`` check when it only warned: the signature is good, but that the
    key is the issuer's was not confirmed (a key named in a did:web or HTTPS issuer's address,
    offline; ob3-spec.md §3.3).  Anyone can name any issuer that way, so nothing is shown."""
    binding = report.check("issuer_binding")
    return binding if binding is not None and binding.status is CheckStatus.WARNING else None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _words(status: str) -> str:
    """A ``Result.status`` for people: ``InProgress`` as ``In progress`` (others unchanged)."""
    if _CAMEL.fullmatch(status):
        return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", status).capitalize()
    return status


def result_line(result: Any) -> tuple[str, str] | None:
    """``("Final grade", "A \u00b7 Completed")``: what a result measured and what it says
    (value, level reached, status), from a summary's ``results`` entry; ``None`` if empty."""
    if not isinstance(result, dict):
        return None
    said = [_text(result.get(k)) for k in ("value", "achieved_level", "status")]
    if said[2]:
        said[2] = _words(said[2])
    parts = [p for p in said if p]
    if not parts:
        return None
    return _text(result.get("name")) or "Result", " \u00b7 ".join(parts)


@dataclass(frozen=True)
class PortfolioEntry:
    """One badge file and its verification report.

    :ivar file: the path relative to the scanned folder, with ``/`` separators (for a
        credential inside a CLR: ``record.png#2``, its place in the record).
    :ivar path: the absolute path.
    :ivar report: the :class:`~badgekit.VerificationReport`.
    :ivar part_of: for a credential inside a CLR 2.0 record, the record's ``file``.
    """

    file: str
    path: Path
    report: VerificationReport
    part_of: str | None = None

    @property
    def status(self) -> BadgeStatus:
        """valid, expired, revoked, suspended, not yet valid, not valid, or unverified.

        A genuine signature whose key was not confirmed to be the issuer's is *unverified*
        (the verify command calls it VALID with a warning)."""
        status = _STATUS[self.report.verdict]
        if status in TRUSTED and _unconfirmed_binding(self.report) is not None:
            return BadgeStatus.UNVERIFIED
        return status

    @property
    def trusted(self) -> bool:
        """True when the badge is genuine, so its claims may be displayed (even if expired)."""
        return self.status in TRUSTED and self.report.credential is not None

    @property
    def badge(self) -> dict[str, Any] | None:
        """The credential summary, only for a genuine badge; ``None`` otherwise."""
        return self.report.credential if self.trusted else None

    def _field(self, *keys: str) -> str | None:
        badge = self.badge or {}
        return next((v for v in (_text(badge.get(k)) for k in keys) if v), None)

    @property
    def name(self) -> str | None:
        """The badge (achievement) name of a genuine badge."""
        return self._field("achievement_name", "name")

    @property
    def issuer(self) -> str | None:
        """The issuer's name (or id) of a genuine badge."""
        return self._field("issuer_name", "issuer_id")

    @property
    def earned(self) -> str | None:
        """The day the badge was earned (awarded, else valid from), of a genuine badge."""
        return day_of(self._field("awarded_date", "valid_from"))

    @property
    def expires(self) -> str | None:
        """The day the badge expires, of a genuine badge."""
        return day_of(self._field("valid_until"))

    @property
    def narrative(self) -> str | None:
        """The earner's own story (how they met the criteria; Markdown), of a genuine badge."""
        return self._field("narrative")

    @property
    def results(self) -> tuple[tuple[str, str], ...]:
        """The earner's results as ``(what, outcome)`` pairs (:func:`result_line`), of a
        genuine badge."""
        lines = (result_line(r) for r in (self.badge or {}).get("results") or ())
        return tuple(line for line in lines if line)

    @property
    def reason(self) -> str | None:
        """Why the badge is not valid, in badgekit's own words (``None`` when valid)."""
        report = self.report
        if self.status is BadgeStatus.VALID:
            return None
        if self.status is BadgeStatus.UNVERIFIED:
            binding = _unconfirmed_binding(report)
            if binding is not None:
                return binding.message
            # The first check that could not run says why (a later one says only "an earlier
            # check could not run").
            proof = report.check("proof")
            skipped = [c for c in report.checks if c.status is CheckStatus.SKIPPED]
            first = next((c for c in skipped if c.code != "skipped"), proof)
            return first.message if first else "the badge's proof could not be checked"
        first = report.failures[0] if report.failures else None
        if first is None:
            return "no check passed"
        if self.trusted:
            return first.message
        return f"{first.id}: {first.message}"

    @property
    def status_text(self) -> str:
        """``valid``, ``expired``, ``revoked``, ``not yet valid``, or ``not valid: <reason>``."""
        if self.trusted:
            return self.status.value
        return f"{self.status.value}: {self.reason}"

    @property
    def warnings(self) -> tuple[str, ...]:
        """Messages of the checks that passed with a warning."""
        return tuple(c.message for c in self.report.checks if c.status is CheckStatus.WARNING)


@dataclass(frozen=True)
class SkippedFile:
    """A file the scan did not verify, and why (too large, a symbolic link, over the limit)."""

    file: str
    reason: str


@dataclass(frozen=True)
class Portfolio:
    """Every badge file found in a folder, verified with one shared verifier.

    :ivar root: the scanned folder.
    :ivar entries: one entry per badge file, sorted by path.
    :ivar skipped: files that were found but not verified.
    :ivar checked_at: the moment dates and status were checked against.
    :ivar online: whether network lookups were allowed (an *unverified* badge found offline
        may verify online).
    """

    root: Path
    entries: tuple[PortfolioEntry, ...]
    skipped: tuple[SkippedFile, ...]
    checked_at: datetime
    online: bool = False

    def counts(self) -> dict[BadgeStatus, int]:
        """How many entries have each status (every status present, zero included)."""
        found = Counter(e.status for e in self.entries)
        return {s: found.get(s, 0) for s in BadgeStatus}

    def summary(self) -> str:
        """``"5 badges: 3 valid, 1 expired, 1 revoked, 0 not valid"`` (other statuses when any)."""
        counts = self.counts()
        shown = [BadgeStatus.VALID, BadgeStatus.EXPIRED, BadgeStatus.REVOKED]
        others = (BadgeStatus.SUSPENDED, BadgeStatus.NOT_YET_VALID, BadgeStatus.UNVERIFIED)
        shown += [s for s in others if counts[s]]
        parts = [f"{counts[s]} {s.value}" for s in shown]
        parts.append(f"{counts[BadgeStatus.NOT_VALID]} not valid")
        n = len(self.entries)
        return f"{n} badge file{'s' if n != 1 else ''}: " + ", ".join(parts)
