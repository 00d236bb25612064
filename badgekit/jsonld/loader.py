"""A static JSON-LD document loader: bundled contexts only, never the network (not public API).

URLs are matched **exactly** against :data:`BUNDLED` (shared/data/README.md, "JSON-LD
contexts"), so the loader fails closed: any other URL raises :class:`DocumentLoaderError`
naming the URL and how to add a context.

Extra contexts come from a directory the user supplies.  The naming rule: the directory holds a
``urls.json`` file, a JSON object mapping each context URL to a file name in that directory
(``{"https://example.org/ctx/v1": "example-v1.json"}``); only files listed there are used.
Extra contexts may not replace a bundled URL (a swapped OB context would change what a
signature means).

Each context is parsed once and kept; the loader also owns the caches of processed contexts
that :mod:`badgekit.jsonld.canon` uses, so a loader is the unit of caching (no global pyld state).
"""

from __future__ import annotations

import functools
import json
import threading
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import _io
from ..errors import DocumentLoaderError

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping

__all__ = ["BUNDLED", "StaticLoader", "default_loader"]

#: Context URL -> bundled file in ``badgekit/jsonld/contexts/`` (shared/data/README.md).
BUNDLED: dict[str, str] = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://www.w3.org/2018/credentials/v1": "credentials-v1.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": "ob-v3p0-context-3.0.2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": "ob-v3p0-context-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json": "ob-v3p0-context.json",
    # The 1EdTech validator maps this alias to the unversioned 3.0.0 context (README.md).
    "https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld": "ob-v3p0-context.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": "ob-v3p0-extensions.json",
    "https://w3id.org/security/data-integrity/v2": "data-integrity-v2.jsonld",
    "https://w3id.org/security/data-integrity/v1": "data-integrity-v1.jsonld",
    "https://w3id.org/security/multikey/v1": "multikey-v1.jsonld",
    "https://w3id.org/security/suites/ed25519-2020/v1": "ed25519-signature-2020-v1.jsonld",
    "https://w3id.org/vc/status-list/2021/v1": "status-list-2021-v1.jsonld",
    "https://www.w3.org/ns/credentials/status/v1": "bitstring-status-list-v1.jsonld",
    "https://www.w3.org/ns/did/v1": "did-v1.jsonld",
    "https://www.w3.org/ns/cid/v1": "cid-v1.jsonld",
    # CLR 2.0: transcribed from LearnCard's verbatim copy (learningeconomy/LearnCard); the
    # 1EdTech host serves it; JSON content, not bytes, decides canonical forms (README.md).
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": "clr-v2p0-context-2.0.1.json",
    "https://w3id.org/openbadges/v2": "openbadges-v2-context.json",
    "https://openbadgespec.org/v2/context.json": "openbadges-v2-context.json",
}

_MAX_CONTEXT_BYTES = 1024 * 1024
_HOW_TO_ADD = (
    "badgekit never fetches contexts; add it from a directory of extra contexts "
    "(a urls.json there maps the URL to a file; CLI: --contexts DIR)"
)


def _parse(data: bytes, where: str) -> dict[str, Any]:
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as e:
        msg = f"context {where} is not valid JSON ({e})"
        raise DocumentLoaderError(msg) from None
    if not isinstance(doc, dict):
        msg = f"context {where} is not a JSON object"
        raise DocumentLoaderError(msg)
    return doc


def _read_extra_dir(directory: Path) -> dict[str, Path]:
    index = directory / "urls.json"
    if not index.is_file():
        msg = f"extra contexts directory {directory} has no urls.json (URL -> file name)"
        raise DocumentLoaderError(msg)
    table = _parse(_io.read_bytes(index, limit=_MAX_CONTEXT_BYTES), str(index))
    out: dict[str, Path] = {}
    for url, name in table.items():
        if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
            msg = f"{index}: the file for {url!r} must be a plain file name, got {name!r}"
            raise DocumentLoaderError(msg)
        out[url] = directory / name
    return out


class StaticLoader:
    """A pyld document loader serving bundled (and user-supplied) contexts, offline.

    >>> loader = StaticLoader()
    >>> loader.document("https://www.w3.org/ns/credentials/v2")["@context"]["@protected"]
    True

    :param extra_dir: a directory of extra contexts with a ``urls.json`` index.
    :param extra: extra contexts given in memory, URL -> parsed JSON object.
    :raises DocumentLoaderError: a bad extra directory, or an extra URL that is bundled.
    """

    def __init__(
        self,
        extra_dir: str | os.PathLike[str] | None = None,
        *,
        extra: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self._files: dict[str, Path] = {}
        self._docs: dict[str, dict[str, Any]] = {}
        if extra_dir is not None:
            self._files = _read_extra_dir(Path(extra_dir))
        for url, doc in (extra or {}).items():
            if not isinstance(doc, dict):
                msg = f"extra context for {url!r} must be a JSON object"
                raise TypeError(msg)
            self._docs[url] = json.loads(json.dumps(doc))
        for url in [*self._files, *(extra or {})]:
            if url in BUNDLED:
                msg = f"extra context {url!r} would replace a bundled context; refused"
                raise DocumentLoaderError(msg)
        self._lock = threading.Lock()
        #: pyld ``ContextResolver`` shared cache (URL -> resolved context), owned per loader.
        self.resolved_cache: dict[str, Any] = {}
        #: processed active contexts, keyed in :mod:`badgekit.jsonld._processor`.
        self.processed_cache: dict[Any, Any] = {}
        #: small canonical-form memo (proof configurations), see :func:`canon.canonize_memo`.
        self.memo: dict[str, str] = {}

    @property
    def urls(self) -> frozenset[str]:
        """Every URL this loader can serve."""
        return frozenset(BUNDLED) | frozenset(self._files) | frozenset(self._docs)

    def document(self, url: str) -> dict[str, Any]:
        """Return the parsed context document for ``url`` (parsed once, then cached).

        The returned object is shared: callers must not modify it.

        :raises DocumentLoaderError: ``url`` is neither bundled nor an extra context.
        """
        doc = self._docs.get(url)
        if doc is not None:
            return doc
        with self._lock:
            doc = self._docs.get(url)
            if doc is None:
                doc = self._load(url)
                self._docs[url] = doc
        return doc

    def _load(self, url: str) -> dict[str, Any]:
        if url in BUNDLED:
            data = resources.files(__package__).joinpath("contexts", BUNDLED[url]).read_bytes()
            return _parse(data, url)
        path = self._files.get(url)
        if path is None:
            msg = f"unknown JSON-LD context {url!r}: {_HOW_TO_ADD}"
            raise DocumentLoaderError(msg)
        return _parse(_io.read_bytes(path, limit=_MAX_CONTEXT_BYTES), f"{url} ({path})")

    def __call__(self, url: str, options: Any = None) -> dict[str, Any]:
        """The pyld document-loader protocol (``documentLoader(url, options)``)."""
        # tag "static" lets pyld's ContextResolver keep the resolved context in our cache.
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": self.document(url),
            "tag": "static",
        }

    def clear_caches(self) -> None:
        """Drop processed-context caches (parsed documents are kept)."""
        self.resolved_cache.clear()
        self.processed_cache.clear()
        self.memo.clear()


@functools.lru_cache(maxsize=1)
def default_loader() -> StaticLoader:
    """The shared bundled-only loader used when a caller passes no ``loader``.

    One instance per process, so its caches persist across calls (a lazily built singleton,
    like the suite registry).
    """
    return StaticLoader()
