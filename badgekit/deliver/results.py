"""What sending reports: one :class:`SendResult` per badge, a :class:`SendSummary` per run
(not public API; re-exported by :mod:`badgekit.deliver` and :mod:`badgekit`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["SendOutcome", "SendProgress", "SendResult", "SendSummary"]

#: ``accepted`` (the server took it now), ``already_sent`` (accepted by an earlier run),
#: ``failed`` (a 5xx answer, or the badge file is unusable), ``deferred`` (4xx to the last
#: retry), ``no_address`` (issued to a DID or URL, or no contact recorded), ``bad_address``,
#: ``written`` (a dry run wrote its ``.eml`` file).
SendOutcome = Literal[
    "accepted", "already_sent", "failed", "deferred", "no_address", "bad_address", "written"
]
_PROBLEMS = ("failed", "deferred", "bad_address")


@dataclass(frozen=True)
class SendResult:
    """The outcome of one badge.

    :ivar reply: the server's last words, or why the badge was not sent.
    """

    credential_id: str
    file: str
    to: str | None
    outcome: SendOutcome
    reply: str | None = None
    message_id: str | None = None
    attempts: int = 0


@dataclass(frozen=True)
class SendProgress:
    """Counts so far, passed to the ``progress`` callback of :func:`send_batch`."""

    done: int
    total: int
    sent: int
    problems: int


@dataclass(frozen=True)
class SendSummary:
    """The totals of one run of :func:`~badgekit.deliver.send_batch`.

    :ivar sent: messages accepted by the server in this run (``written`` in a dry run).
    :ivar problems: the results that need a look (failed, deferred, bad address), in order.
    :ivar without_address: the results of badges with nowhere to send them (a DID).
    """

    total: int
    sent: int
    already_sent: int
    failed: int
    deferred: int
    bad_address: int
    no_address: int
    seconds: float
    dry_run: bool
    journal: str | None
    outbox: str | None
    problems: tuple[SendResult, ...] = ()
    without_address: tuple[SendResult, ...] = ()

    @classmethod
    def of(cls, results: list[SendResult], **kw: Any) -> SendSummary:
        """Count ``results``."""
        n = Counter(r.outcome for r in results)
        return cls(
            total=len(results),
            sent=n["accepted"] + n["written"],
            already_sent=n["already_sent"],
            failed=n["failed"],
            deferred=n["deferred"],
            bad_address=n["bad_address"],
            no_address=n["no_address"],
            problems=tuple(r for r in results if r.outcome in _PROBLEMS),
            without_address=tuple(r for r in results if r.outcome == "no_address"),
            **kw,
        )

    @property
    def ok(self) -> bool:
        """Whether every badge with an address has been sent (now or before)."""
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)
