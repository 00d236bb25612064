"""RDF Dataset Canonicalization (RDFC-1.0 / URDNA2015) of JSON-LD documents (not public API).

Three engines, which agree byte for byte (tested, with hypothesis and the 1EdTech vector):

* ``"oxigraph"`` (default): one safe-mode expansion with processed contexts cached in the
  loader (:mod:`._processor`), the dataset built from that expansion, then pyoxigraph's
  RDFC-1.0 on those quads.
* ``"fast"``: the same expansion, then pyld's URDNA2015.
* ``"pyld"``: the reference path, plain ``pyld.jsonld.normalize`` with the loader passed per
  call and a fresh resolver (pyld's own per-operation cache only).

One known difference: pyld 3.3 writes C0 control characters other than tab/LF/CR (and DEL)
raw inside literals, where RDFC-1.0's canonical N-Quads (and digitalbazaar rdf-canonize, which
most verifiers run) escape them (``\b``, ``\f``, ``\u0001``).  Only the oxigraph engine gets
such literals right, so it is the default; the pyld engines agree with it on everything else.

``base`` is always ``None``: a relative IRI never silently picks up a default base
(ob3-spec.md §7).  RDFC-1.0 is run with a work bound, so a poisoned dataset (many
indistinguishable blank nodes) aborts instead of running for ever ([DI] §"dataset poisoning").
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, Literal

import pyoxigraph as ox
from pyld import jsonld
from pyld.canon import URDNA2015

from ..errors import CredentialError
from ._processor import CachingProcessor, jsonld_errors, options_for, to_dataset
from .safe import expand_safe

if TYPE_CHECKING:
    from .loader import StaticLoader

__all__ = ["ENGINES", "MAX_DEEP_ITERATIONS", "Engine", "RdfcHash", "canonize", "canonize_memo"]

Engine = Literal["fast", "pyld", "oxigraph"]
ENGINES: tuple[Engine, ...] = ("oxigraph", "fast", "pyld")
#: RDFC-1.0's hash algorithm (its "implementation-specific parameter"): SHA-256 by default;
#: ecdsa-rdfc-2019 with a P-384 key MUST use SHA-384 ([ECDSA] §3 "canon-and-hash").
RdfcHash = Literal["sha256", "sha384"]
_OX_ALGORITHM = {
    "sha256": ox.CanonicalizationAlgorithm.RDFC_1_0,
    "sha384": ox.CanonicalizationAlgorithm.RDFC_1_0_SHA_384,
}
#: Most N-degree hash runs RDFC-1.0 may do for one document before it is called poisoned.
MAX_DEEP_ITERATIONS = 1000
_NQUADS = {"format": "application/n-quads"}
_MEMO_MAX = 1024


class _BoundedRdfc(URDNA2015):  # type: ignore[misc]
    """pyld's URDNA2015 (= RDFC-1.0 output) with a bound on N-degree hashing, and RDFC-1.0's
    hash algorithm parameter (SHA-256 by default, SHA-384 for P-384 ECDSA)."""

    def __init__(self, hash_algorithm: RdfcHash = "sha256") -> None:
        super().__init__()
        self._deep = 0
        self._hash_algorithm = hash_algorithm

    def create_hash(self) -> Any:
        return hashlib.new(self._hash_algorithm)

    def hash_n_degree_quads(self, id_: Any, issuer: Any) -> Any:
        self._deep += 1
        if self._deep > MAX_DEEP_ITERATIONS:
            msg = (
                f"canonicalization needed over {MAX_DEEP_ITERATIONS} N-degree hash runs: "
                "refusing a poisoned dataset"
            )
            raise CredentialError(msg)
        return super().hash_n_degree_quads(id_, issuer)


def _expanded(doc: dict[str, Any], loader: StaticLoader, proc: CachingProcessor, safe: bool) -> Any:
    if safe:
        return expand_safe(doc, loader, proc)
    with jsonld_errors():
        return proc.expand(doc, options_for(loader))


def _oxigraph(nquads: str, hash_algorithm: RdfcHash = "sha256") -> str:
    # As UTF-8: given a str with a lone surrogate, pyoxigraph takes it for a file object.
    dataset = ox.Dataset(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(_OX_ALGORITHM[hash_algorithm])
    return "".join(sorted(f"{quad} .\n" for quad in dataset))


def canonize(
    doc: dict[str, Any],
    loader: StaticLoader,
    *,
    safe: bool = True,
    engine: Engine = "oxigraph",
    hash_algorithm: RdfcHash = "sha256",
) -> str:
    """Canonical N-Quads (RDFC-1.0) of a JSON-LD document, offline.

    >>> canonize(credential, StaticLoader())                 # doctest: +SKIP
    '<did:example:ebfeb1f712ebc6f1c276e12ec21> <http://www.w3.org/1999/02/...> .\\n...'

    :param loader: the document loader, passed to pyld for this call only.
    :param safe: enforce safe mode first (undefined terms, relative IRIs).
    :param engine: ``"oxigraph"`` (default), ``"fast"`` or ``"pyld"`` (reference).
    :param hash_algorithm: RDFC-1.0's internal hash (:data:`RdfcHash`); it only decides the
        blank node labels.  The ``"pyld"`` reference engine has SHA-256 only.
    :raises UnsafeJsonLdError: safe mode found an undefined term or a relative IRI.
    :raises DocumentLoaderError: a context URL is not available offline.
    :raises CredentialError: invalid JSON-LD, or a poisoned dataset.
    """
    if not isinstance(doc, dict):
        msg = f"a JSON-LD document must be a dict, not {type(doc).__name__}"
        raise TypeError(msg)
    if hash_algorithm not in _OX_ALGORITHM or (engine == "pyld" and hash_algorithm != "sha256"):
        msg = f"RDFC-1.0 hash {hash_algorithm!r} is not available with the {engine} engine"
        raise ValueError(msg)
    if engine == "pyld":
        if safe:
            expand_safe(doc, loader)
        opts = {**options_for(loader), "algorithm": "URDNA2015", **_NQUADS}
        opts["contextResolver"] = jsonld.ContextResolver({}, loader)  # no cross-call cache
        with jsonld_errors():
            return str(jsonld.JsonLdProcessor().normalize(doc, opts))
    proc = CachingProcessor(loader)
    dataset = to_dataset(proc, _expanded(doc, loader, proc, safe))
    if engine == "oxigraph":
        try:
            return _oxigraph(proc.to_nquads(dataset), hash_algorithm)
        except SyntaxError as e:  # an IRI pyld let through (e.g. with safe=False)
            msg = f"the document's RDF cannot be canonicalized ({str(e).splitlines()[0]})"
            raise CredentialError(msg) from None
        except UnicodeEncodeError:  # JSON allows "\ud800"; RDF literals are Unicode text
            msg = "the document has text that is not Unicode (a lone surrogate such as \\ud800)"
            raise CredentialError(msg) from None
    if engine != "fast":
        msg = f"unknown canonicalization engine {engine!r} (use one of {', '.join(ENGINES)})"
        raise ValueError(msg)
    return str(_BoundedRdfc(hash_algorithm).main(dataset, _NQUADS))


def canonize_memo(
    doc: dict[str, Any],
    loader: StaticLoader,
    *,
    safe: bool = True,
    hash_algorithm: RdfcHash = "sha256",
) -> str:
    """:func:`canonize`, memoised in the loader for small repeated documents.

    Meant for proof configurations, which are identical across a batch (same ``created``,
    verification method and contexts), so a batch canonicalizes them once.
    """
    key = json.dumps(doc, sort_keys=True, ensure_ascii=False) + ("|safe" if safe else "")
    if hash_algorithm != "sha256":
        key += f"|{hash_algorithm}"
    hit = loader.memo.get(key)
    if hit is None:
        hit = canonize(doc, loader, safe=safe, hash_algorithm=hash_algorithm)
        if len(loader.memo) >= _MEMO_MAX:
            loader.memo.clear()
        loader.memo[key] = hit
    return hit
