"""pyld with per-loader caches of processed contexts: the fast canonicalization path.

(not public API)

pyld re-processes every type-scoped context (``Profile``, ``Achievement``, ...) for each node,
because a non-propagating context is cloned under a fresh ``_uuid`` and so misses pyld's own
cache.  That is about 70% of the time of an OB 3.0 expansion.  :class:`CachingProcessor`
memoises ``_process_context`` on what its result depends on: the *identity* of the (frozen,
immutable) active context, the local context, and the flags.  Options are fixed by
:mod:`.canon` (``base=None``, JSON-LD 1.1, the loader owning the cache), so the memo is exact.

Equivalence with plain pyld is tested byte for byte (tests/jsonld/test_canon_equivalence.py).
pyld internals are used here, and only here: ``_process_context``, ``_create_node_map``,
``_graph_to_rdf`` (pyld 3.3).
"""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, Any

from pyld import jsonld
from pyld.context_resolver import ContextResolver

from ..errors import BadgekitError, CredentialError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .loader import StaticLoader

__all__ = ["CachingProcessor", "jsonld_errors", "options_for", "to_dataset"]

#: Largest number of processed contexts one loader keeps before starting afresh.
MAX_PROCESSED = 4096
_RDF_OPTIONS = {
    "processingMode": "json-ld-1.1",
    "produceGeneralizedRdf": False,
    "rdfDirection": None,
}


def options_for(loader: StaticLoader) -> dict[str, Any]:
    """pyld options for one operation: our loader, its resolver cache, and no base IRI."""
    return {
        "documentLoader": loader,
        "contextResolver": ContextResolver(loader.resolved_cache, loader),
        "base": None,
        "processingMode": "json-ld-1.1",
    }


def _local_key(local_ctx: Any) -> Any:
    if isinstance(local_ctx, str):
        return local_ctx
    if isinstance(local_ctx, list):
        return tuple(x if isinstance(x, str) else json.dumps(x, sort_keys=True) for x in local_ctx)
    return None  # objects: keyed by identity (scoped contexts are shared, frozen objects)


class CachingProcessor(jsonld.JsonLdProcessor):  # type: ignore[misc]
    """A ``JsonLdProcessor`` whose context processing is memoised in the loader."""

    def __init__(self, loader: StaticLoader, on_property_dropped: Any = jsonld.noop) -> None:
        super().__init__(on_property_dropped=on_property_dropped)
        self._cache = loader.processed_cache

    def _process_context(
        self,
        active_ctx: Any,
        local_ctx: Any,
        options: Any,
        override_protected: bool = False,
        propagate: bool = True,
        validate_scoped: bool = True,
        cycles: Any = None,
    ) -> Any:
        args = (override_protected, propagate, validate_scoped, cycles)
        # Only finished contexts are frozen; partial ones (being built) are plain dicts.
        if cycles or not isinstance(active_ctx, jsonld.frozendict):
            return super()._process_context(active_ctx, local_ctx, options, *args)
        lk = _local_key(local_ctx)
        key = (active_ctx["_uuid"], lk if lk is not None else id(local_ctx), *args[:3])
        hit = self._cache.get(key)
        if hit is not None and (lk is not None or hit[0] is local_ctx):
            return hit[1]
        result = super()._process_context(active_ctx, local_ctx, options, *args)
        if len(self._cache) >= MAX_PROCESSED:
            self._cache.clear()
        # Keep local_ctx alive with the entry so that its id() cannot be reused meanwhile.
        self._cache[key] = (local_ctx, result)
        return result


def to_dataset(processor: CachingProcessor, expanded: Any) -> dict[str, Any]:
    """The RDF dataset of an expanded document (pyld ``to_rdf`` without re-expanding it)."""
    issuer = jsonld.IdentifierIssuer("_:b")
    node_map: dict[str, Any] = {"@default": {}}
    processor._create_node_map(expanded, node_map, "@default", issuer)
    dataset: dict[str, Any] = {}
    for graph_name, graph in sorted(node_map.items()):
        # as pyld to_rdf: relative graph names are skipped (safe mode rejects them earlier)
        if graph_name == "@default" or jsonld._is_absolute_iri(graph_name):
            dataset[graph_name] = processor._graph_to_rdf(graph, issuer, dict(_RDF_OPTIONS))
    return dataset


@contextlib.contextmanager
def jsonld_errors() -> Iterator[None]:
    """Turn pyld errors into badgekit errors, surfacing a loader error pyld wrapped."""
    try:
        yield
    except jsonld.JsonLdError as e:
        deepest: BaseException = e
        cause: BaseException | None = e
        while cause is not None:
            if isinstance(cause, BadgekitError):
                raise cause from None
            if isinstance(cause, jsonld.JsonLdError):
                deepest = cause
            cause = cause.__cause__ or cause.__context__
        first = str(deepest.args[0]).splitlines()[0] if deepest.args else type(deepest).__name__
        code = getattr(deepest, "code", None)
        msg = f"invalid JSON-LD: {first}" + (f" ({code})" if code else "")
        raise CredentialError(msg) from None
    except (ValueError, TypeError) as e:
        # pyld raises plain errors for some malformed input (a relative @context URL).
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        msg = f"invalid JSON-LD: {first}"
        raise CredentialError(msg) from None
