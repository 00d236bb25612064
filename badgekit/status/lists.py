"""Reading an entry from a status list credential, with its checks (not public API).

[BSL] §"Validate Algorithm" (ob3-spec.md §4 step 4): the list credential's proof must verify
(else STATUS_VERIFICATION_ERROR), its type and its subject's ``statusPurpose`` must match the
entry, the expanded bitstring must have at least 131,072 entries (STATUS_LIST_LENGTH_ERROR) and
the index must lie inside it (RANGE_ERROR).  The validity period is judged at the injected
``now``.  The expensive steps (proof, expansion) are memoised in a :class:`ListCache` so that a
verifier checking thousands of badges against one list does them once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import BadgekitError, StatusListError
from .bitstring import MIN_ENTRIES, StatusList
from .result import StatusResult

if TYPE_CHECKING:
    from .entries import ListEntry
    from .result import ProofVerifier, Severity

__all__ = ["ListCache", "issuer_of", "read_entry"]


@dataclass
class ListCache:
    """Memoised proof checks and expanded bitstrings, keyed by the document object.

    The documents are kept alive by the cache, so an ``id()`` is never reused while cached.
    """

    proofs: dict[int, tuple[Any, str | None]] = field(default_factory=dict)
    bits: dict[tuple[int, int, str], tuple[Any, StatusList | str]] = field(default_factory=dict)

    def proof_problem(self, doc: dict[str, Any], verifier: ProofVerifier | None) -> str | None:
        """``None`` when the list's proof verified, else why not (memoised)."""
        hit = self.proofs.get(id(doc))
        if hit is None or hit[0] is not doc:
            hit = (doc, _proof_problem(doc, verifier))
            if verifier is not None:
                self.proofs[id(doc)] = hit
        return hit[1]

    def expand(self, doc: dict[str, Any], subject: dict[str, Any], entry: ListEntry) -> StatusList:
        """The bitstring of ``subject`` for ``entry``'s size and format (memoised).

        :raises StatusListError: the ``encodedList`` is malformed or over the size bound.
        """
        key = (id(doc), entry.status_size, entry.fmt)
        hit = self.bits.get(key)
        if hit is None or hit[0] is not doc:
            try:
                value: StatusList | str = StatusList.decode(
                    subject.get("encodedList"), status_size=entry.status_size, fmt=entry.fmt
                )
            except StatusListError as e:
                value = str(e)
            hit = (doc, value)
            self.bits[key] = hit
        if isinstance(hit[1], str):
            raise StatusListError(hit[1])
        return hit[1]


def _proof_problem(doc: dict[str, Any], verifier: ProofVerifier | None) -> str | None:
    if verifier is None:
        return "its proof was not checked (no proof verifier was given), so it is not trusted"
    if not doc.get("proof"):
        return "it carries no proof, so it is not trusted"
    try:
        outcome = verifier(doc)
    except BadgekitError as e:
        return f"its proof does not verify ({e})"
    if not outcome.verified:
        return f"its proof does not verify ({outcome.message})"
    return None


def parse_time(value: Any, what: str) -> datetime | None:
    """An ISO 8601 date-time (UTC when it has no offset), or ``None`` when absent.

    :raises StatusListError: not a date-time string.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        msg = f"its {what} is not a date-time string"
        raise StatusListError(msg)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        msg = f"its {what} {value!r} is not an ISO 8601 date-time"
        raise StatusListError(msg) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def issuer_of(doc: dict[str, Any]) -> str | None:
    """The issuer id of a credential (``issuer`` or ``issuer.id``), or ``None``."""
    issuer = doc.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) and issuer else None


def _types(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [t for t in value if isinstance(t, str)] if isinstance(value, list) else []


def _subject(doc: dict[str, Any]) -> dict[str, Any]:
    subject = doc.get("credentialSubject")
    if isinstance(subject, list) and len(subject) == 1:
        subject = subject[0]
    if not isinstance(subject, dict):
        msg = "it has no credentialSubject object"
        raise StatusListError(msg)
    return subject


def read_entry(
    entry: ListEntry,
    doc: Any,
    label: str,
    *,
    verifier: ProofVerifier | None,
    now: datetime,
    cache: ListCache,
    issuer: str | None = None,
) -> StatusResult:
    """Validate the status list credential ``doc`` and read ``entry`` from it.

    :param issuer: the issuer id of the credential being checked; a list signed by anyone else
        is not trusted (a holder could otherwise hand over an all-clear list signed by
        themselves; [BSL] leaves issuer trust to the verifier).
    """

    def fail(code: str, why: str, severity: Severity = "error") -> StatusResult:
        msg = f"the status list {entry.list_url} cannot be used: {why}"
        return StatusResult("unknown", entry.purpose, msg, label, code, severity, entry.index)

    if not isinstance(doc, dict):
        return fail("malformed", "it is not a JSON credential")
    if entry.credential_type not in _types(doc.get("type")):
        return fail("verification_error", f"its type does not include {entry.credential_type}")
    problem = cache.proof_problem(doc, verifier)
    if problem is not None:
        return fail("verification_error", problem)
    list_issuer = issuer_of(doc)
    if issuer is not None and list_issuer != issuer:
        why = f"it is issued by {list_issuer or 'nobody'}, not by the badge's issuer {issuer}"
        return fail("issuer_mismatch", why)
    try:
        start = parse_time(doc.get("validFrom", doc.get("issuanceDate")), "validFrom")
        end = parse_time(doc.get("validUntil", doc.get("expirationDate")), "validUntil")
        subject = _subject(doc)
    except StatusListError as e:
        return fail("malformed", str(e))
    if start is not None and now < start:
        return fail("list_not_yet_valid", f"it is not valid before {start.isoformat()}", "warning")
    if end is not None and now > end:
        return fail("list_expired", f"it expired on {end.isoformat()}", "warning")
    if entry.subject_type not in _types(subject.get("type")):
        return fail("verification_error", f"its subject type is not {entry.subject_type}")
    purposes = _types(subject.get("statusPurpose"))
    if entry.purpose not in purposes:
        listed = ", ".join(repr(p) for p in purposes) or "no purpose"
        return fail("verification_error", f"it is for {listed}, not {entry.purpose!r}")
    try:
        bits = cache.expand(doc, subject, entry)
    except StatusListError as e:
        return fail("malformed", str(e))
    if bits.length < MIN_ENTRIES:
        return fail("length_error", f"it has {bits.length:,} entries, under {MIN_ENTRIES:,}")
    if entry.index >= bits.length:
        return fail("range_error", f"index {entry.index} is beyond its {bits.length:,} entries")
    return _interpret(entry, bits.get(entry.index), label)


def _interpret(entry: ListEntry, value: int, label: str) -> StatusResult:
    purpose, where = entry.purpose, f"entry {entry.index} of {entry.list_url}"
    note = entry.message_for(value)
    extra = f" ({note})" if note else ""

    def result(state: Any, severity: Severity, code: str, message: str) -> StatusResult:
        return StatusResult(state, purpose, message, label, code, severity, entry.index, value)

    if value == 0 and purpose != "message":
        word = {"revocation": "revoked", "suspension": "suspended"}.get(purpose, "set")
        return result("valid", "ok", "ok", f"not {word} ({where})")
    if purpose == "revocation":
        return result("revoked", "error", "revoked", f"revoked ({where}){extra}")
    if purpose == "suspension":
        return result("suspended", "error", "suspended", f"suspended ({where}){extra}")
    if purpose == "message":
        text = note or f"status value {value:#x}"
        return result("valid", "ok", "status_set", f"status message: {text} ({where})")
    msg = f"status {purpose!r} is set to {value:#x} ({where}){extra}"
    return result("unknown", "warning", "status_set", msg)
