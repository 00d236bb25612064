"""JSON-LD safe mode: no undefined terms, no relative IRIs (not public API).

pyld silently drops a term that no context defines, and a relative ``@type`` or ``@id``
vanishes from the RDF (ob3-spec.md §2.3, §7).  Signed data would then not cover what the JSON
shows.  We expand once with a sentinel ``@vocab`` placed *before* the document's own contexts:
a term the contexts do not define then expands to ``urn:badgekit:undefined-term:<term>``
instead of disappearing.  When no sentinel IRI comes out, the sentinel changed nothing, so the
same expansion feeds canonicalization (one expansion per document).  As a backstop, pyld's
``on_property_dropped`` hook catches keys dropped anyway (e.g. under a ``@vocab`` reset), and
every ``@id``/``@type`` in the expanded form must be an absolute IRI or a blank node.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..errors import UnsafeJsonLdError
from ._processor import CachingProcessor, jsonld_errors, options_for

if TYPE_CHECKING:
    from .loader import StaticLoader

__all__ = ["SENTINEL_VOCAB", "check_safe", "expand_safe"]

SENTINEL_VOCAB = "urn:badgekit:undefined-term:"
_SENTINEL_CTX: dict[str, str] = {"@vocab": SENTINEL_VOCAB}
_KEYWORDS = frozenset(
    "@base @container @context @direction @graph @id @import @included @index @json "
    "@language @list @nest @none @prefix @propagate @protected @reverse @set @type "
    "@value @version @vocab".split()
)
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]*$")
# RFC 3987: no controls or <>"{}|\^` anywhere, and no '#' inside the fragment (RDF tools such as
# pyoxigraph refuse these IRIs, so they could neither be signed nor verified).
_INVALID_IRI = re.compile(r'[\x00-\x20\x7f<>"{}|\\^`]|#.*#')


def _with_sentinel(doc: dict[str, Any]) -> dict[str, Any]:
    ctx = doc.get("@context", [])
    out = dict(doc)
    out["@context"] = [_SENTINEL_CTX, *(ctx if isinstance(ctx, list) else [ctx])]
    return out


def _iri_ok(value: Any) -> bool:
    return isinstance(value, str) and (value.startswith("_:") or bool(_ABSOLUTE.match(value)))


def _find_problem(node: Any) -> tuple[str, str] | None:
    """First ``(kind, value)`` problem in an expanded document: undefined term or relative IRI."""
    if isinstance(node, list):
        for item in node:
            found = _find_problem(item)
            if found:
                return found
        return None
    if not isinstance(node, dict):
        return None
    for key, value in node.items():
        if key.startswith(SENTINEL_VOCAB):
            return ("term", key[len(SENTINEL_VOCAB) :])
        if key == "@value":
            continue
        if key in ("@id", "@type"):
            for iri in value if isinstance(value, list) else [value]:
                if isinstance(iri, str) and iri.startswith(SENTINEL_VOCAB):
                    return ("term", iri[len(SENTINEL_VOCAB) :])
                if not _iri_ok(iri) and not (key == "@type" and iri == "@json"):
                    return ("relative IRI", str(iri))
                if isinstance(iri, str) and _INVALID_IRI.search(iri):
                    return ("invalid IRI", iri)
            continue
        found = _find_problem(value)
        if found:
            return found
    return None


def _locate(doc: Any, needle: str, path: str = "$") -> str | None:
    """JSON path of the first key or string value equal to ``needle`` in the input document."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key == "@context":
                continue
            sub = f"{path}.{key}"
            if key == needle:
                return sub
            found = _locate(value, needle, sub)
            if found:
                return found
    elif isinstance(doc, list):
        for i, item in enumerate(doc):
            found = _locate(item, needle, f"{path}[{i}]")
            if found:
                return found
    elif doc == needle:
        return path
    return None


def _keyword_like(doc: Any) -> str | None:
    """A key shaped like a keyword that JSON-LD ignores (``@foo``), if any."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key.startswith("@") and key not in _KEYWORDS:
                return str(key)
            found = _keyword_like(value)
            if found:
                return found
    elif isinstance(doc, list):
        for item in doc:
            found = _keyword_like(item)
            if found:
                return found
    return None


def _raise(doc: dict[str, Any], kind: str, value: str) -> None:
    where = _locate(doc, value) or "$"
    if kind == "term":
        msg = f"term {value!r} at {where} is not defined by the document's @context (safe mode)"
    elif kind == "invalid IRI":
        msg = f"invalid IRI {value!r} at {where} (a character or a second '#' IRIs do not allow)"
    else:
        msg = f"relative IRI {value!r} at {where} (safe mode needs absolute IRIs)"
    raise UnsafeJsonLdError(msg)


def expand_safe(
    doc: dict[str, Any], loader: StaticLoader, processor: CachingProcessor | None = None
) -> Any:
    """Expand ``doc`` and enforce safe mode; return the expanded form (as plain pyld gives it).

    :raises UnsafeJsonLdError: an undefined term or a relative IRI, naming it and its JSON path.
    :raises DocumentLoaderError: a context URL that is not bundled.
    :raises CredentialError: invalid JSON-LD.
    """
    if not isinstance(doc, dict):
        msg = f"a JSON-LD document must be a dict, not {type(doc).__name__}"
        raise TypeError(msg)
    dropped: list[Any] = []
    proc = processor or CachingProcessor(loader)
    proc.on_property_dropped = dropped.append
    with jsonld_errors():
        expanded = proc.expand(_with_sentinel(doc), options_for(loader))
    if dropped:
        name = dropped[0] if isinstance(dropped[0], str) else _keyword_like(doc)
        _raise(doc, "term", name or "?")
    problem = _find_problem(expanded)
    if problem:
        _raise(doc, *problem)
    return expanded


def check_safe(doc: dict[str, Any], loader: StaticLoader) -> None:
    """Raise if ``doc`` has a term its contexts do not define or a relative IRI.

    >>> check_safe({"@context": ["https://www.w3.org/ns/credentials/v2"], "nope": 1}, loader)
    Traceback (most recent call last):
    UnsafeJsonLdError: term 'nope' at $.nope is not defined by the document's @context ...

    :raises UnsafeJsonLdError: naming the term or IRI and its JSON path.
    """
    expand_safe(doc, loader)
