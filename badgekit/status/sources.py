"""Where status documents come from: the network, a local status file, or nowhere (not public
API).

A *source* maps a URL (a ``statusListCredential`` or a 1EdTech revocation list ``id``) to the
JSON document found there.  Online lookups go through an injected :class:`JsonFetcher` (by
default ``badgekit.net.Fetcher``, bounded and public addresses only); a status file is read
once, up front, so a bad file is a clear error before any badge is checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .._io import read_bytes
from ..errors import BadgekitError, StatusListError
from ..net import Fetcher

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Sequence

    from .result import JsonFetcher

__all__ = [
    "MAX_STATUS_FILES",
    "MAX_STATUS_FILE_BYTES",
    "OFFLINE_MESSAGE",
    "ChainSource",
    "FileSource",
    "OfflineSource",
    "OnlineSource",
    "SourceMiss",
    "StatusSource",
    "load_status_file",
    "make_source",
]

#: Largest status file read (a 16 KiB list is a few hundred bytes; maps of many lists are bigger).
MAX_STATUS_FILE_BYTES = 32 * 1024 * 1024
#: Most files read from a status directory.
MAX_STATUS_FILES = 10_000
#: The message of an offline check without a status file.
OFFLINE_MESSAGE = "status not checked (offline); use --online or --status-file"

_DOCUMENT_KEYS = frozenset({"@context", "type", "credentialSubject", "revokedCredential"})


class SourceMiss(Exception):
    """A source has no document for a URL (internal signal, never leaves this package).

    :ivar code: ``offline``, ``not_found`` or ``retrieval_error``.
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class StatusSource(Protocol):
    """Maps a URL to the JSON document published there."""

    def lookup(self, url: str, *, accept: str) -> tuple[Any, str]:
        """Return ``(document, source label)``.

        :raises SourceMiss: the document is not available from this source.
        """
        ...


class OfflineSource:
    """The source of an offline check: nothing is available."""

    def lookup(self, url: str, *, accept: str) -> tuple[Any, str]:
        """Always a miss with :data:`OFFLINE_MESSAGE`."""
        raise SourceMiss(OFFLINE_MESSAGE, code="offline")


@dataclass(frozen=True)
class OnlineSource:
    """Fetch documents over HTTP(S) through ``fetcher`` (bounded; see ``badgekit.net``)."""

    fetcher: JsonFetcher = field(default_factory=Fetcher)

    def lookup(self, url: str, *, accept: str) -> tuple[Any, str]:
        """GET ``url``; any failure is a ``retrieval_error`` miss naming the reason."""
        try:
            document = self.fetcher.fetch_json(url, accept=accept)
        except BadgekitError as e:
            msg = f"could not fetch the status: {e}"
        else:
            return document, url
        # Raised outside the handler: a miss is cached, and must not keep the failed fetch's
        # traceback (and the HTTP response in its frames) alive.
        raise SourceMiss(msg, code="retrieval_error")


@dataclass(frozen=True)
class FileSource:
    """Documents read from a local status file or directory.

    :ivar documents: URL -> document (keyed by the document's ``id`` or by a map's keys).
    :ivar anonymous: documents without an ``id``; used when no keyed document matches and
        there is exactly one of them (the user named the file on purpose).
    :ivar label: ``file:PATH``.
    """

    documents: dict[str, Any]
    anonymous: tuple[Any, ...]
    label: str

    def lookup(self, url: str, *, accept: str) -> tuple[Any, str]:
        """The document for ``url``, or a ``not_found`` miss."""
        if url in self.documents:
            return self.documents[url], self.label
        if len(self.anonymous) == 1:
            return self.anonymous[0], self.label
        known = ", ".join(sorted(self.documents)[:3]) or "no identified documents"
        msg = f"the status file {self.label[5:]} has no document for {url} (it has {known})"
        raise SourceMiss(msg, code="not_found")


@dataclass(frozen=True)
class ChainSource:
    """Try several sources in order (status file first, then the network)."""

    sources: Sequence[StatusSource]

    def lookup(self, url: str, *, accept: str) -> tuple[Any, str]:
        """The first hit; if every source misses, one miss carrying every reason."""
        misses: list[SourceMiss] = []
        for source in self.sources:
            try:
                return source.lookup(url, accept=accept)
            except SourceMiss as miss:
                misses.append(miss)
        if not misses:
            raise SourceMiss(OFFLINE_MESSAGE, code="offline")
        last = misses[-1]
        msg = "; ".join(m.message for m in misses)
        raise SourceMiss(msg, code=last.code)


def _is_document(obj: Any) -> bool:
    return isinstance(obj, dict) and bool(_DOCUMENT_KEYS & obj.keys())


def _add(obj: Any, origin: str, docs: dict[str, Any], anonymous: list[Any]) -> None:
    """File ``obj`` (a document, an array of documents, or a URL -> document map)."""
    if _is_document(obj):
        doc_id = obj.get("id")
        if isinstance(doc_id, str) and doc_id:
            docs.setdefault(doc_id, obj)
        else:
            anonymous.append(obj)
    elif isinstance(obj, list) and obj and all(_is_document(item) for item in obj):
        for item in obj:
            _add(item, origin, docs, anonymous)
    elif isinstance(obj, dict) and obj and all(_is_document(v) for v in obj.values()):
        for url, doc in obj.items():
            docs[url] = doc
            if isinstance(doc.get("id"), str) and doc["id"]:
                docs.setdefault(doc["id"], doc)
    else:
        msg = (
            f"{origin}: not a status list credential, a 1EdTech revocation list, "
            "or a JSON object mapping URLs to such documents"
        )
        raise StatusListError(msg)


def _read_json(path: Path) -> Any:
    data = read_bytes(path, limit=MAX_STATUS_FILE_BYTES)
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        msg = f"{path}: not valid JSON"
        raise StatusListError(msg) from None


def _files(directory: Path) -> Iterable[Path]:
    found = sorted(
        p for p in directory.iterdir() if p.suffix in (".json", ".jsonld") and p.is_file()
    )
    if len(found) > MAX_STATUS_FILES:
        msg = f"{directory}: more than {MAX_STATUS_FILES:,} status files"
        raise StatusListError(msg)
    if not found:
        msg = f"{directory}: no .json status files in the directory"
        raise StatusListError(msg)
    return found


def load_status_file(path: str | os.PathLike[str]) -> FileSource:
    """Read a ``--status-file``: a status list credential, a 1EdTech revocation list, a JSON
    object mapping URL -> such a document, an array of documents, or a directory of such files.

    >>> source = load_status_file("status.json")          # doctest: +SKIP

    :raises FileAccessError: the path cannot be read.
    :raises StatusListError: a file is not JSON or holds none of the accepted shapes.
    """
    p = Path(path)
    docs: dict[str, Any] = {}
    anonymous: list[Any] = []
    for file in _files(p) if p.is_dir() else (p,):
        _add(_read_json(file), str(file), docs, anonymous)
    return FileSource(docs, tuple(anonymous), f"file:{p}")


def make_source(
    *,
    online: bool = False,
    fetcher: JsonFetcher | None = None,
    status_file: str | os.PathLike[str] | FileSource | None = None,
) -> StatusSource:
    """The source for a check: the status file (if any), then the network (only if ``online``).

    :param online: allow network fetches.
    :param fetcher: the fetcher to use online (default: a bounded ``badgekit.net.Fetcher``).
    :param status_file: a path for :func:`load_status_file`, or an already loaded source.
    :raises FileAccessError: the status file cannot be read.
    :raises StatusListError: the status file is malformed.
    """
    sources: list[StatusSource] = []
    if status_file is not None:
        sources.append(
            status_file if isinstance(status_file, FileSource) else load_status_file(status_file)
        )
    if online:
        sources.append(OnlineSource(fetcher if fetcher is not None else Fetcher()))
    if not sources:
        return OfflineSource()
    return sources[0] if len(sources) == 1 else ChainSource(tuple(sources))
