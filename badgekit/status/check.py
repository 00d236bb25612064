"""Checking a credential's status (not public API; re-exported by :mod:`badgekit`).

ob3-spec.md §4 step 4 and [BSL] §"Validate Algorithm": obtain the status list credential,
verify its proof, check its type, purpose and validity period, expand ``encodedList`` (bounded)
and read the entry.  A 1EdTech revocation list is an unsigned JSON document listing revoked
credential ids.  Nothing here raises because a badge or a list is bad; every outcome is a
:class:`StatusResult`, and a status list that cannot be trusted is never reported as valid.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import BadgekitError, StatusListError
from .bitstring import MIN_ENTRIES, StatusList
from .entries import (
    ListEntry,
    RevocationListEntry,
    UnsupportedEntry,
    parse_entries,
    parse_entry,
)
from .result import StatusResult
from .sources import SourceMiss, StatusSource, make_source

if TYPE_CHECKING:
    import os

    from .result import JsonFetcher, ProofVerifier, Severity, StatusState
    from .sources import FileSource

__all__ = ["check_entries", "check_status"]

_LIST_ACCEPT = "application/vc+ld+json, application/vc+json;q=0.9, application/json;q=0.8"
# ob3-spec.md §4: [VAL] GETs the 1EdTech list with "Accept: application/json".
_REVOCATION_ACCEPT = "application/json"


def _result(
    state: StatusState,
    severity: Severity,
    code: str,
    message: str,
    *,
    purpose: str | None,
    source: str,
    index: int | None = None,
    value: int | None = None,
) -> StatusResult:
    return StatusResult(state, purpose, message, source, code, severity, index, value)


def _parse_time(value: Any, field: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        msg = f"the status list's {field} is not a date-time string"
        raise StatusListError(msg)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        msg = f"the status list's {field} {value!r} is not an ISO 8601 date-time"
        raise StatusListError(msg) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _types(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [t for t in value if isinstance(t, str)] if isinstance(value, list) else []


def _subject(doc: dict[str, Any]) -> dict[str, Any]:
    subject = doc.get("credentialSubject")
    if isinstance(subject, list) and len(subject) == 1:
        subject = subject[0]
    if not isinstance(subject, dict):
        msg = "the status list credential has no credentialSubject object"
        raise StatusListError(msg)
    return subject


def _verify_list_proof(doc: dict[str, Any], verifier: ProofVerifier | None) -> str | None:
    """``None`` when the list's proof verified, else why not."""
    if verifier is None:
        return "its proof was not checked (no proof verifier was given), so it is not trusted"
    if "proof" not in doc:
        return "it carries no proof, so it is not trusted"
    try:
        outcome = verifier(doc)
    except BadgekitError as e:
        return f"its proof does not verify ({e})"
    if not outcome.verified:
        return f"its proof does not verify ({outcome.message})"
    return None


def _read_list(
    entry: ListEntry, doc: Any, label: str, verifier: ProofVerifier | None, now: datetime
) -> StatusResult:
    """Validate the status list credential ``doc`` and read ``entry`` from it."""

    def fail(code: str, why: str, severity: Severity = "error") -> StatusResult:
        msg = f"the status list {entry.list_url} cannot be used: {why}"
        return _result(
            "unknown", severity, code, msg, purpose=entry.purpose, source=label, index=entry.index
        )

    if not isinstance(doc, dict):
        return fail("malformed", "it is not a JSON credential")
    if entry.credential_type not in _types(doc.get("type")):
        return fail("verification_error", f"its type does not include {entry.credential_type}")
    why = _verify_list_proof(doc, verifier)
    if why is not None:
        return fail("verification_error", why)
    try:
        start = _parse_time(doc.get("validFrom", doc.get("issuanceDate")), "validFrom")
        end = _parse_time(doc.get("validUntil", doc.get("expirationDate")), "validUntil")
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
        bits = StatusList.decode(
            subject.get("encodedList"), status_size=entry.status_size, fmt=entry.fmt
        )
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
    kw: dict[str, Any] = {"purpose": purpose, "source": label, "index": entry.index, "value": value}
    if value == 0 and purpose != "message":
        return _result("valid", "ok", "ok", f"not {_word(purpose)} ({where})", **kw)
    if purpose == "revocation":
        return _result("revoked", "error", "revoked", f"revoked ({where}){extra}", **kw)
    if purpose == "suspension":
        return _result("suspended", "error", "suspended", f"suspended ({where}){extra}", **kw)
    if purpose == "message":
        text = note or f"status value {value:#x}"
        return _result("valid", "ok", "status_set", f"status message: {text} ({where})", **kw)
    msg = f"status {purpose!r} is set to {value:#x} ({where}){extra}"
    return _result("unknown", "warning", "status_set", msg, **kw)


def _word(purpose: str) -> str:
    return {"revocation": "revoked", "suspension": "suspended"}.get(purpose, f"set ({purpose})")


def _check_revocation_list(
    entry: RevocationListEntry, credential: dict[str, Any], source: StatusSource
) -> StatusResult:
    """ob3-spec.md §4 step 4, 1EdTech list as [VAL] ``RevocationListProbe`` reads it."""
    purpose = "revocation"
    cred_id = credential.get("id")
    if not isinstance(cred_id, str):
        msg = "the credential has no id, so the 1EdTech revocation list cannot be consulted"
        return _result("unknown", "warning", "malformed", msg, purpose=purpose, source="none")
    try:
        doc, label = source.lookup(entry.url, accept=_REVOCATION_ACCEPT)
    except SourceMiss as miss:
        # ob3-spec.md §4: "A failed fetch gives a warning, not an error."
        where = "offline" if miss.code == "offline" else entry.url
        return _result("unknown", "warning", miss.code, miss.message, purpose=purpose, source=where)
    listed = doc.get("revokedCredential") if isinstance(doc, dict) else None
    if not isinstance(listed, list):
        msg = f"the revocation list {entry.url} has no revokedCredential array"
        return _result("unknown", "warning", "malformed", msg, purpose=purpose, source=label)
    for item in listed:
        # "revoked if an entry's id equals the credential id and revoked is true or absent"
        if (
            isinstance(item, dict)
            and item.get("id") == cred_id
            and item.get("revoked", True) is True
        ):
            reason = item.get("revocationReason")
            why = f": {reason}" if isinstance(reason, str) and reason else ""
            msg = f"revoked by the issuer's revocation list {entry.url}{why}"
            return _result("revoked", "error", "revoked", msg, purpose=purpose, source=label)
    msg = f"not on the issuer's revocation list {entry.url}"
    return _result("valid", "ok", "ok", msg, purpose=purpose, source=label)


def _check_one(
    raw: Any,
    credential: dict[str, Any],
    source: StatusSource,
    verifier: ProofVerifier | None,
    now: datetime,
) -> StatusResult:
    try:
        entry = parse_entry(raw)
    except StatusListError as e:
        return _result("unknown", "error", "malformed", str(e), purpose=None, source="none")
    if isinstance(entry, UnsupportedEntry):
        msg = f"status type {', '.join(entry.types) or '(none)'} is not supported; not checked"
        return _result("unknown", "warning", "unsupported_type", msg, purpose=None, source="none")
    if isinstance(entry, RevocationListEntry):
        return _check_revocation_list(entry, credential, source)
    try:
        doc, label = source.lookup(entry.list_url, accept=_LIST_ACCEPT)
    except SourceMiss as miss:
        return _result(
            "unknown",
            "warning",
            miss.code,
            miss.message,
            purpose=entry.purpose,
            source="offline" if miss.code == "offline" else entry.list_url,
            index=entry.index,
        )
    return _read_list(entry, doc, label, verifier, now)


def check_entries(
    credential: dict[str, Any],
    *,
    now: datetime | None = None,
    online: bool = False,
    fetcher: JsonFetcher | None = None,
    status_file: str | os.PathLike[str] | FileSource | None = None,
    source: StatusSource | None = None,
    verify_proof: ProofVerifier | None = None,
) -> tuple[StatusResult, ...]:
    """Check every ``credentialStatus`` entry of ``credential``; one result per entry.

    Parameters as for :func:`check_status`.  An empty tuple when there is no entry.
    """
    if not isinstance(credential, dict):
        msg = f"credential must be a dict, not {type(credential).__name__}"
        raise TypeError(msg)
    raws = parse_entries(credential)
    if not raws:
        return ()
    when = now if now is not None else datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    src = source or make_source(online=online, fetcher=fetcher, status_file=status_file)
    return tuple(_check_one(raw, credential, src, verify_proof, when) for raw in raws)


def check_status(
    credential: dict[str, Any],
    *,
    now: datetime | None = None,
    online: bool = False,
    fetcher: JsonFetcher | None = None,
    status_file: str | os.PathLike[str] | FileSource | None = None,
    source: StatusSource | None = None,
    verify_proof: ProofVerifier | None = None,
) -> StatusResult:
    """Check the status (revocation, suspension) of a credential.

    Reads ``1EdTechRevocationList``, ``BitstringStatusListEntry`` and ``StatusList2021Entry``
    entries.  Documents come from ``status_file`` first, then from the network only when
    ``online`` is true; offline without a status file the result is ``unknown`` (a warning).
    A status list credential's proof is checked with ``verify_proof``; without one, or when
    it fails, the list is not trusted (``unknown``, severity ``error``), never ``valid``.
    With several entries the worst result is returned.

    >>> r = check_status(cred, online=True,
    ...                  verify_proof=lambda d: badgekit.verify_proof(d))  # doctest: +SKIP
    >>> r.state                                                            # doctest: +SKIP
    'revoked'

    :param credential: the credential (a dict, as parsed from JSON).
    :param now: the time to judge the list's validity period at (default: now, UTC).
    :param online: allow fetching lists over HTTPS.
    :param fetcher: the fetcher for online lookups (default ``badgekit.net.Fetcher()``).
    :param status_file: a local status file or directory (see :func:`load_status_file`).
    :param source: a ready-made source (overrides ``online``, ``fetcher``, ``status_file``).
    :param verify_proof: checks a status list credential's proof; returns an object with
        ``verified`` and ``message``.
    :returns: the result; ``state`` ``valid`` with code ``no_status`` when there is no entry.
    :raises FileAccessError: ``status_file`` cannot be read.
    :raises StatusListError: ``status_file`` is malformed.
    """
    results = check_entries(
        credential,
        now=now,
        online=online,
        fetcher=fetcher,
        status_file=status_file,
        source=source,
        verify_proof=verify_proof,
    )
    if not results:
        msg = "the credential has no credentialStatus; there is no status to check"
        return StatusResult("valid", None, msg, "none", "no_status", "ok")
    worst = results[0]
    for result in results[1:]:
        if result.worse_than(worst):
            worst = result
    return worst
