"""SVG carrier: read and write ``<openbadges:credential>`` (not public API).

OB 3.0 (ob3-spec.md §1.2): declare ``xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"``
on the root ``<svg>``, and make ``<openbadges:credential>`` its first child: a compact JWS goes
in the ``verify`` attribute, credential JSON in a CDATA section.  OB 2.0 (§1.3) used
``<openbadges:assertion>`` in ``http://openbadges.org``; it is read only.

Elements are matched by namespace URI, not by prefix (as the 1EdTech validator does).  Baking
edits the bytes in place: the rest of the document (comments, formatting, prefixes) is kept.

Parsing is hardened: any DOCTYPE is refused before anything is expanded, so entity tricks
(XXE, billion laughs) and external DTDs never run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal
from xml.parsers import expat

from ..errors import AlreadyBakedError, BakeError, CorruptImageError, NotBakedError, UnsafeSvgError
from ._types import NOT_BAKED_HINTS, Carrier, ImageInfo, Unbaked, check_payload, payload_kind

__all__ = ["NS_OB2", "NS_OB3", "NS_SVG", "bake", "inspect", "unbake"]

NS_SVG = "http://www.w3.org/2000/svg"
NS_OB3 = "https://purl.imsglobal.org/ob/v3p0"  # no /spec/ in this one (docformat.md)
NS_OB2 = "http://openbadges.org"
_SEP = "\x1f"  # expat namespace separator; cannot occur in a URI or a name

# XML 1.0 §2.2 Char: what a document can hold at all, even as a character reference.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class _Found:
    version: Literal["3.0", "2.0"]
    start: int
    end: int = -1
    verify: str | None = None
    text: list[str] = field(default_factory=list)


@dataclass
class _Doc:
    root_start: int = -1
    root_tag_end: int = -1
    root_attrs: dict[str, str] = field(default_factory=dict)
    found: list[_Found] = field(default_factory=list)


def _tag_end(data: bytes, start: int) -> int:
    """Offset just past the ``>`` that closes the tag starting at ``start`` (quote-aware)."""
    quote = 0
    for i in range(start, len(data)):
        b = data[i]
        if quote:
            if b == quote:
                quote = 0
        elif b in (0x22, 0x27):
            quote = b
        elif b == 0x3E:
            return i + 1
    msg = "SVG is not well-formed: unterminated tag"
    raise CorruptImageError(msg)


def _parse(image: bytes) -> _Doc:
    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    doc = _Doc()
    stack: list[_Found | None] = []

    def refuse(*_: object) -> None:
        msg = (
            "SVG has a DOCTYPE or entity declarations, which badgekit refuses "
            "(XXE and entity-expansion risk)"
        )
        raise UnsafeSvgError(msg)

    def start(name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(_SEP)
        pos = parser.CurrentByteIndex
        if doc.root_start < 0:
            if local != "svg" or ns not in (NS_SVG, ""):
                shown = f"{{{ns}}}{local}" if ns else local
                msg = f"not an SVG image: the root element is <{shown}>, not <svg>"
                raise CorruptImageError(msg)
            doc.root_start, doc.root_tag_end, doc.root_attrs = pos, _tag_end(image, pos), attrs
        item: _Found | None = None
        if (ns, local) in ((NS_OB3, "credential"), (NS_OB2, "assertion")):
            item = _Found("3.0" if ns == NS_OB3 else "2.0", pos, verify=attrs.get("verify"))
            doc.found.append(item)
        stack.append(item)

    def end(_name: str) -> None:
        item = stack.pop()
        if item is not None:
            pos = parser.CurrentByteIndex
            item.end = (
                image.index(b">", pos) + 1 if image.startswith(b"</", pos) else _tag_end(image, pos)
            )

    def chars(text: str) -> None:
        for item in stack:
            if item is not None:
                item.text.append(text)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(image, True)
    except expat.ExpatError as e:
        reason = expat.errors.messages[e.code]
        msg = f"SVG is not well-formed XML: {reason} (line {e.lineno}, column {e.offset})"
        raise CorruptImageError(msg) from None
    if doc.root_start < 0:
        msg = "SVG has no root element"
        raise CorruptImageError(msg)
    return doc


def _payload_of(item: _Found) -> str:
    return item.verify if item.verify is not None else "".join(item.text).strip()


def _where(item: _Found) -> str:
    tag = "<openbadges:credential>" if item.version == "3.0" else "<openbadges:assertion>"
    return f"{tag} verify attribute" if item.verify is not None else f"{tag} CDATA"


def _carrier(item: _Found) -> Carrier:
    text = _payload_of(item)
    return Carrier(item.version, _where(item), payload_kind(text), len(text.encode("utf-8")))


def _cdata(text: str) -> str:
    # ``]]>`` cannot sit inside one CDATA section, and a CR inside CDATA would be normalised
    # to LF by every XML parser: close the section around both (``\r`` as a char reference).
    parts = re.split(r"(\r)", text.replace("]]>", "]]]]><![CDATA[>"))
    return "".join("&#13;" if p == "\r" else f"<![CDATA[{p}]]>" for p in parts if p)


def _attr(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def _element(payload: str) -> bytes:
    if _NOT_XML_CHAR.search(payload):
        bad = _NOT_XML_CHAR.search(payload)
        code = ord(bad.group()) if bad else 0
        msg = f"payload contains U+{code:04X}, which no XML document can hold; cannot bake into SVG"
        raise BakeError(msg)
    if payload_kind(payload) == "json":
        body = f"<openbadges:credential>{_cdata(payload)}</openbadges:credential>"
    else:
        body = f'<openbadges:credential verify="{_attr(payload)}"></openbadges:credential>'
    return body.encode("utf-8")


_XMLNS_OB = re.compile(rb"""xmlns:openbadges\s*=\s*(["'])(.*?)\1""", re.S)


def _check_encoding(image: bytes) -> None:
    head = image[:200].lstrip(b"\xef\xbb\xbf")
    m = re.match(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""", head)
    if m and m.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        msg = f"SVG is encoded as {m.group(1).decode()}; badgekit bakes UTF-8 SVG only"
        raise BakeError(msg)


def bake(image: bytes, payload: str, *, replace: bool = False) -> bytes:
    """Return ``image`` with ``<openbadges:credential>`` as the first child of ``<svg>``.

    :raises AlreadyBakedError: the SVG already carries badge data and ``replace`` is false.
    """
    check_payload(payload)
    element = _element(payload)
    _check_encoding(image)
    doc = _parse(image)
    if doc.found and not replace:
        where = ", ".join(_where(f) for f in doc.found)
        msg = f"SVG already carries badge data ({where}); use replace/--force to overwrite it"
        raise AlreadyBakedError(msg)
    # Remove old carriers (outermost only), back to front so offsets stay valid.
    out = image
    spans = sorted({(f.start, f.end) for f in doc.found}, reverse=True)
    outer = [s for s in spans if not any(o[0] < s[0] and s[1] <= o[1] for o in spans)]
    for s, e in outer:
        out = out[:s] + out[e:]
    head_end = doc.root_tag_end
    head = out[doc.root_start : head_end]
    m = _XMLNS_OB.search(head)
    declaration = f' xmlns:openbadges="{NS_OB3}"'.encode()
    if m:  # prefix bound (maybe to the OB 2.0 namespace, whose element we just removed)
        head = head[: m.start()] + declaration[1:] + head[m.end() :]
    else:
        close = len(head) - (2 if head.endswith(b"/>") else 1)
        head = head[:close].rstrip() + declaration + head[close:]
    if head.endswith(b"/>"):  # <svg .../> has no children yet
        head = head[:-2].rstrip() + b">" + element + b"</svg>"
    else:
        head += element
    return out[: doc.root_start] + head + out[head_end:]


def unbake(image: bytes) -> Unbaked:
    """Return the first OB 3.0 ``<openbadges:credential>``, else the first OB 2.0 assertion.

    :raises NotBakedError: no carrier found.
    """
    doc = _parse(image)
    ob3 = [f for f in doc.found if f.version == "3.0"]
    chosen = ob3 or doc.found
    if not chosen:
        msg = f"this SVG carries no Open Badges credential ({NOT_BAKED_HINTS['svg']})"
        raise NotBakedError(msg)
    item = chosen[0]
    payload = _payload_of(item)
    if not payload:
        msg = f"SVG {_where(item)} is empty"
        raise NotBakedError(msg)
    return Unbaked(payload, "svg", _carrier(item), _warnings(doc))


def _warnings(doc: _Doc) -> tuple[str, ...]:
    out = []
    n3 = sum(1 for f in doc.found if f.version == "3.0")
    if n3 > 1:
        out.append(
            f"{n3} <openbadges:credential> elements found; the spec allows one, the first was read"
        )
    if n3 and len(doc.found) > n3:
        out.append("a legacy OB 2.0 <openbadges:assertion> is also present and was ignored")
    return tuple(out)


def _length(value: str | None) -> float | None:
    m = re.match(r"\s*([0-9.]+)", value or "")
    try:
        return float(m.group(1)) if m else None
    except ValueError:
        return None


def inspect(image: bytes) -> ImageInfo:
    """Describe an SVG: its size, dimensions and the badge carriers it holds."""
    doc = _parse(image)
    width, height = _length(doc.root_attrs.get("width")), _length(doc.root_attrs.get("height"))
    view_box = doc.root_attrs.get("viewBox", "").replace(",", " ").split()
    if (width is None or height is None) and len(view_box) == 4:
        width, height = _length(view_box[2]), _length(view_box[3])
    return ImageInfo(
        format="svg",
        size=len(image),
        width=width,
        height=height,
        carriers=tuple(_carrier(f) for f in doc.found),
        warnings=_warnings(doc),
    )
