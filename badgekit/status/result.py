"""The outcome of a status check, and the protocols through which status is injected (not
public API; :class:`StatusResult` is re-exported by :mod:`badgekit`).

Checking status never raises because a badge or a list is bad: it returns a
:class:`StatusResult`, as digitalbazaar/vc's ``checkStatus`` does.  Fetching and the proof
check of a status list credential are injected, so this layer stays below ``verify`` and
``proofs`` (conventions.md §5.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

__all__ = [
    "JsonFetcher",
    "ProofOutcome",
    "ProofVerifier",
    "Severity",
    "StatusResult",
    "StatusState",
]

#: What the status says about the credential.
StatusState = Literal["valid", "revoked", "suspended", "unknown"]
#: How a verifier should weigh the result: ``ok`` passes, ``warning`` is shown but does not fail
#: verification (status could not be checked), ``error`` fails it (revoked, suspended, or a
#: status list that cannot be trusted).
Severity = Literal["ok", "warning", "error"]

_RANK = {"ok": 0, "warning": 1, "error": 2}
_STATE_RANK = {"valid": 0, "unknown": 1, "suspended": 2, "revoked": 3}


@dataclass(frozen=True)
class StatusResult:
    """What one status check found.

    :ivar state: ``valid``, ``revoked``, ``suspended`` or ``unknown``.
    :ivar purpose: the ``statusPurpose`` checked (``revocation``, ``suspension``, ``message``…),
        ``revocation`` for a 1EdTech revocation list, or ``None`` when there is no entry.
    :ivar message: one sentence a teacher understands.
    :ivar source: where the answer came from: the list URL, ``file:PATH``, ``offline`` or
        ``none``.
    :ivar code: stable reason code for programs: ``ok``, ``no_status``, ``revoked``,
        ``suspended``, ``status_set``, ``offline``, ``not_found``, ``retrieval_error``,
        ``verification_error``, ``issuer_mismatch``, ``list_expired``, ``list_not_yet_valid``,
        ``length_error``, ``range_error``, ``malformed``, ``unsupported_type``.
    :ivar severity: ``ok``, ``warning`` or ``error`` (see :data:`Severity`).
    :ivar index: the ``statusListIndex`` checked, when there is one.
    :ivar value: the status value read from the list (0 = unset), when one was read.
    """

    state: StatusState
    purpose: str | None
    message: str
    source: str
    code: str = "ok"
    severity: Severity = "ok"
    index: int | None = None
    value: int | None = None

    @property
    def ok(self) -> bool:
        """True when nothing in the result should fail verification."""
        return self.severity != "error"

    @property
    def check_status(self) -> Literal["passed", "failed", "warning"]:
        """The verify check status this result maps to."""
        return {"ok": "passed", "warning": "warning", "error": "failed"}[self.severity]  # type: ignore[return-value]

    def worse_than(self, other: StatusResult) -> bool:
        """True when this result should win over ``other`` when several entries are checked."""
        mine = (_RANK[self.severity], _STATE_RANK[self.state])
        return mine > (_RANK[other.severity], _STATE_RANK[other.state])

    def to_json(self) -> dict[str, Any]:
        """This result as a JSON-ready dict (``None`` fields left out)."""
        out: dict[str, Any] = {
            "state": self.state,
            "purpose": self.purpose,
            "message": self.message,
            "source": self.source,
            "code": self.code,
            "severity": self.severity,
            "index": self.index,
            "value": self.value,
        }
        return {k: v for k, v in out.items() if v is not None}


class JsonFetcher(Protocol):
    """Anything that GETs a URL and returns parsed JSON (``badgekit.net.Fetcher`` does).

    It raises :class:`~badgekit.errors.NetworkError` (or another ``BadgekitError``) on failure.
    """

    def fetch_json(self, url: str, *, accept: str = ...) -> Any:
        """GET ``url`` with the given ``Accept`` header and parse the body as JSON."""
        ...


class ProofOutcome(Protocol):
    """The part of a proof verification result that status needs."""

    @property
    def verified(self) -> bool:
        """True when the proof verified."""
        ...

    @property
    def message(self) -> str:
        """Why not, in one sentence (or a short success note)."""
        ...


class ProofVerifier(Protocol):
    """Checks the proof of a status list credential, e.g.
    ``lambda doc: badgekit.verify_proof(doc, resolver=resolver, now=now)``.

    It should return a result rather than raise; a ``BadgekitError`` it raises counts as a
    failed proof.
    """

    def __call__(self, credential: dict[str, Any], /) -> ProofOutcome:
        """Verify the embedded proof(s) of ``credential``."""
        ...
