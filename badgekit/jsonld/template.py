"""Canonicalization of many documents of one shape: expand once, substitute values (not public
API; used by :mod:`badgekit.batch`).

A batch signs thousands of credentials that differ only in a few string values (the id, the
recipient's salted hash, dates, a status index).  JSON-LD expansion, ~70% of a canonicalization,
depends on the document's *shape*, not on those values, so it is done once per shape:

1. the variable values (at known JSON paths) are replaced by unique sentinels, and the skeleton
   is expanded in safe mode and turned into N-Quads with blank node labels, once;
2. per document, each sentinel in that N-Quads text is replaced by the document's own value,
   escaped as an IRI or as a string literal (wherever the sentinel landed), and RDFC-1.0 runs on
   the result (pyoxigraph, as :func:`~badgekit.jsonld.canon.canonize`'s default engine).

A value only stands for itself in the RDF if it is a string whose term does not interpret it
(no ``@vocab`` coercion, not a ``type``), so only such paths are templated; an IRI value must
look like an absolute IRI with no character N-Quads would need escaped.  Anything else, and the
first document of every shape, goes through :func:`canonize` itself, and the first document of
every shape is compared with it byte for byte: a shape whose template disagrees is never used.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .canon import canonize
from .safe import expand_safe

if TYPE_CHECKING:
    from .loader import StaticLoader

__all__ = ["VARIABLE_PATHS", "TemplateCanonizer"]

#: JSON paths ("*" = any list index) whose string values vary across a batch of credentials.
VARIABLE_PATHS: tuple[tuple[str, ...], ...] = (
    ("id",),
    ("validFrom",),
    ("validUntil",),
    ("awardedDate",),
    ("issuanceDate",),
    ("expirationDate",),
    ("credentialSubject", "id"),
    ("credentialSubject", "narrative"),
    ("credentialSubject", "identifier", "*", "identityHash"),
    ("credentialSubject", "identifier", "*", "salt"),
    ("evidence", "*", "id"),
    ("evidence", "*", "narrative"),
    ("evidence", "*", "name"),
    ("credentialStatus", "id"),
    ("credentialStatus", "statusListIndex"),
)
#: Shapes kept per canonizer before it starts afresh (a batch has a handful).
MAX_SHAPES = 256
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*\Z")
_IRI_SCHEMES = ("urn:", "did:", "https:", "http:")


@dataclass
class _Shape:
    parts: list[str]  # literal text and sentinel slots, alternating: text, slot, text, ...
    kinds: list[str]  # per slot: "iri" or "literal"
    slots: list[int]  # per slot: the value index
    trusted: bool = False  # checked against canonize() on a real document


def _escape_literal(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _split(doc: Any, path: tuple[str, ...], values: list[str], nonce: str) -> Any:
    """Replace the string leaves at ``path`` in ``doc`` (a copy) by sentinels."""
    if not path:
        if isinstance(doc, str):
            values.append(doc)
            return f"urn:x-badgekit-{nonce}:{len(values) - 1}"
        return doc
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(doc, list):
            return [_split(item, rest, values, nonce) for item in doc]
        return doc
    if isinstance(doc, dict) and head in doc:
        return {**doc, head: _split(doc[head], rest, values, nonce)}
    return doc


def _oxigraph(nquads: str) -> str:
    # the same steps as canon.canonize's default engine, on ready-made N-Quads
    dataset = ox.Dataset(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return "".join(sorted(f"{quad} .\n" for quad in dataset))


class TemplateCanonizer:
    """RDFC-1.0 of documents of repeated shapes; equal to :func:`canonize` (safe mode on).

    >>> canon = TemplateCanonizer(StaticLoader())                # doctest: +SKIP
    >>> canon.canonize(credential) == canonize(credential, loader)  # doctest: +SKIP
    True

    :ivar hits: documents canonicalized through a template.
    :ivar misses: documents canonicalized by :func:`canonize` (new shapes, odd values).
    """

    def __init__(self, loader: StaticLoader) -> None:
        self.loader = loader
        self.nonce = secrets.token_hex(6)
        self._shapes: dict[str, _Shape | None] = {}
        self.hits = 0
        self.misses = 0

    def _skeleton(self, doc: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        values: list[str] = []
        skeleton: Any = doc
        for path in VARIABLE_PATHS:
            skeleton = _split(skeleton, path, values, self.nonce)
        return skeleton, values

    def _build(self, skeleton: dict[str, Any]) -> _Shape | None:
        from ._processor import CachingProcessor, to_dataset

        proc = CachingProcessor(self.loader)
        try:
            text: str = proc.to_nquads(to_dataset(proc, expand_safe(skeleton, self.loader, proc)))
        except Exception:  # the real document will raise the proper error through canonize()
            return None
        pattern = re.compile(rf'(<|")urn:x-badgekit-{self.nonce}:(\d+)(>|")')
        parts: list[str] = []
        kinds: list[str] = []
        slots: list[int] = []
        pos = 0
        for m in pattern.finditer(text):
            if (m.group(1) == "<") != (m.group(3) == ">"):
                return None
            parts.append(text[pos : m.start()])
            kinds.append("iri" if m.group(1) == "<" else "literal")
            slots.append(int(m.group(2)))
            pos = m.end()
        parts.append(text[pos:])
        return _Shape(parts, kinds, slots)

    def _fill(self, shape: _Shape, values: list[str]) -> str | None:
        out = [shape.parts[0]]
        for i, (kind, slot) in enumerate(zip(shape.kinds, shape.slots, strict=True)):
            value = values[slot]
            if kind == "iri":
                if not value.startswith(_IRI_SCHEMES) or not _IRI.match(value):
                    return None
                out.append(f"<{value}>")
            else:
                out.append(f'"{_escape_literal(value)}"')
            out.append(shape.parts[i + 1])
        return "".join(out)

    def canonize(self, doc: dict[str, Any]) -> str:
        """Canonical N-Quads of ``doc``, as ``canonize(doc, loader)`` gives them.

        :raises UnsafeJsonLdError: safe mode found an undefined term or a relative IRI.
        :raises DocumentLoaderError: a context URL is not available offline.
        :raises CredentialError: invalid JSON-LD.
        """
        skeleton, values = self._skeleton(doc)
        schemes = ",".join(v.partition(":")[0] if ":" in v else "" for v in values)
        key = f"{skeleton!r}|{schemes}"
        if key not in self._shapes:
            if len(self._shapes) >= MAX_SHAPES:
                self._shapes.clear()
            self._shapes[key] = self._build(skeleton)
        shape = self._shapes[key]
        filled = self._fill(shape, values) if shape is not None else None
        if shape is None or filled is None:
            self.misses += 1
            return canonize(doc, self.loader)
        try:
            result = _oxigraph(filled)
        except (SyntaxError, ValueError):
            self.misses += 1
            return canonize(doc, self.loader)
        if not shape.trusted:
            reference = canonize(doc, self.loader)
            if reference != result:
                self._shapes[key] = None  # never trust this shape again
                self.misses += 1
                return reference
            shape.trusted = True
        self.hits += 1
        return result
