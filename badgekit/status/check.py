"""Checking a credential's status (not public API; re-exported by :mod:`badgekit`).

ob3-spec.md §4 step 4.  :class:`StatusChecker` holds the injected pieces (source, proof
verifier, time) and memoises lookups, proof checks and expanded lists, so verifying a folder of
badges that share one list fetches and checks that list once.  :func:`check_status` is the
one-shot form.  Nothing here raises because a badge or a list is bad: every outcome is a
:class:`StatusResult`, and a list that cannot be trusted is never reported as valid.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import StatusListError
from .entries import RevocationListEntry, UnsupportedEntry, parse_entries, parse_entry
from .lists import ListCache, issuer_of, read_entry
from .result import StatusResult
from .revocation_list import check_revocation_list
from .sources import SourceMiss, StatusSource, make_source

if TYPE_CHECKING:
    import os

    from .result import JsonFetcher, ProofVerifier
    from .sources import FileSource

__all__ = ["LIST_ACCEPT", "StatusChecker", "check_entries", "check_status"]

#: Accept header for a status list credential ([BSL] §"Media Types").
LIST_ACCEPT = "application/vc+ld+json, application/vc+json;q=0.9, application/json;q=0.8"


class _MemoSource:
    """Remembers every lookup (hit or miss) of the wrapped source for the checker's lifetime."""

    def __init__(self, inner: StatusSource) -> None:
        self._inner = inner
        self._seen: dict[tuple[str, str], tuple[Any, str] | SourceMiss] = {}

    def lookup(self, url: str, *, accept: str) -> tuple[Any, str]:
        key = (url, accept)
        if key not in self._seen:
            try:
                self._seen[key] = self._inner.lookup(url, accept=accept)
            except SourceMiss as miss:
                self._seen[key] = miss
        hit = self._seen[key]
        if isinstance(hit, SourceMiss):
            raise SourceMiss(hit.message, code=hit.code)
        return hit


def _aware(when: datetime | None) -> datetime:
    moment = when if when is not None else datetime.now(UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class StatusChecker:
    """Checks the status of many credentials with one source, verifier and cache.

    >>> checker = StatusChecker(online=True, verify_proof=my_verifier)   # doctest: +SKIP
    >>> [checker.check(c).state for c in credentials]                    # doctest: +SKIP

    :param online: allow fetching lists over HTTPS.
    :param fetcher: the fetcher for online lookups (default ``badgekit.net.Fetcher()``).
    :param status_file: a local status file or directory (see ``load_status_file``).
    :param source: a ready-made source (overrides ``online``, ``fetcher``, ``status_file``).
    :param verify_proof: checks a status list credential's proof; returns an object with
        ``verified`` and ``message``.
    :param now: default time for :meth:`check` (default: the time of each call, UTC).
    :raises FileAccessError: ``status_file`` cannot be read.
    :raises StatusListError: ``status_file`` is malformed.
    """

    def __init__(
        self,
        *,
        online: bool = False,
        fetcher: JsonFetcher | None = None,
        status_file: str | os.PathLike[str] | FileSource | None = None,
        source: StatusSource | None = None,
        verify_proof: ProofVerifier | None = None,
        now: datetime | None = None,
    ) -> None:
        inner = source or make_source(online=online, fetcher=fetcher, status_file=status_file)
        self._source = _MemoSource(inner)
        self._verifier = verify_proof
        self._now = now
        self._cache = ListCache()

    def check_entries(
        self, credential: dict[str, Any], *, now: datetime | None = None
    ) -> tuple[StatusResult, ...]:
        """One result per ``credentialStatus`` entry (empty when there is none)."""
        if not isinstance(credential, dict):
            msg = f"credential must be a dict, not {type(credential).__name__}"
            raise TypeError(msg)
        when = _aware(now if now is not None else self._now)
        return tuple(self._one(raw, credential, when) for raw in parse_entries(credential))

    def check(self, credential: dict[str, Any], *, now: datetime | None = None) -> StatusResult:
        """The worst result over every entry; ``valid``/``no_status`` when there is none."""
        results = self.check_entries(credential, now=now)
        if not results:
            msg = "the credential has no credentialStatus; there is no status to check"
            return StatusResult("valid", None, msg, "none", "no_status", "ok")
        worst = results[0]
        for result in results[1:]:
            if result.worse_than(worst):
                worst = result
        return worst

    def _one(self, raw: Any, credential: dict[str, Any], now: datetime) -> StatusResult:
        try:
            entry = parse_entry(raw)
        except StatusListError as e:
            return StatusResult("unknown", None, str(e), "none", "malformed", "error")
        if isinstance(entry, UnsupportedEntry):
            names = ", ".join(entry.types) or "(none)"
            msg = f"status type {names} is not supported, so it was not checked"
            return StatusResult("unknown", None, msg, "none", "unsupported_type", "warning")
        if isinstance(entry, RevocationListEntry):
            return check_revocation_list(entry, credential, self._source)
        try:
            doc, label = self._source.lookup(entry.list_url, accept=LIST_ACCEPT)
        except SourceMiss as miss:
            where = "offline" if miss.code == "offline" else entry.list_url
            return StatusResult(
                "unknown", entry.purpose, miss.message, where, miss.code, "warning", entry.index
            )
        return read_entry(
            entry,
            doc,
            label,
            verifier=self._verifier,
            now=now,
            cache=self._cache,
            issuer=issuer_of(credential),
        )


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
    checker = StatusChecker(
        online=online,
        fetcher=fetcher,
        status_file=status_file,
        source=source,
        verify_proof=verify_proof,
    )
    return checker.check_entries(credential, now=now)


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
    With several entries the worst result is returned.  To check many credentials, make one
    :class:`StatusChecker` and reuse it.

    >>> r = check_status(cred, online=True,
    ...                  verify_proof=lambda d: badgekit.verify_proof(d))  # doctest: +SKIP
    >>> r.state                                                            # doctest: +SKIP
    'revoked'

    :param credential: the credential (a dict, as parsed from JSON).
    :param now: the time to judge the list's validity period at (default: now, UTC).
    :param online: allow fetching lists over HTTPS.
    :param fetcher: the fetcher for online lookups (default ``badgekit.net.Fetcher()``).
    :param status_file: a local status file or directory (see ``load_status_file``).
    :param source: a ready-made source (overrides ``online``, ``fetcher``, ``status_file``).
    :param verify_proof: checks a status list credential's proof; returns an object with
        ``verified`` and ``message``.
    :returns: the result; ``state`` ``valid`` with code ``no_status`` when there is no entry.
    :raises FileAccessError: ``status_file`` cannot be read.
    :raises StatusListError: ``status_file`` is malformed.
    """
    checker = StatusChecker(
        online=online,
        fetcher=fetcher,
        status_file=status_file,
        source=source,
        verify_proof=verify_proof,
    )
    return checker.check(credential, now=now)
