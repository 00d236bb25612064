"""SVG carrier: read and write ``<openbadges:credential>`` (not public API).

OB 3.0 (ob3-spec.md §1.2): declare ``xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"``
on the root ``<svg>``, and make ``<openbadges:credential>`` its first child: a compact JWS goes
in the ``verify`` attribute, credential JSON in a CDATA section.  CLR 2.0 is baked the same
way as ``<clr:credential>`` in ``https://purl.imsglobal.org/clr/v2p0``.  OB 2.0 (§1.3) used
``<openbadges:assertion>`` in ``http://openbadges.org``; it is read only, including the hosted
form that carries both the assertion URL (``verify``) and its JSON (body).

Elements are matched by namespace URI, not by prefix (as the 1EdTech validator does).  Baking
edits the bytes in place: the rest of the document (comments, formatting, prefixes) is kept.

Parsing is hardened: a DOCTYPE with an internal subset or an unknown external DTD is refused
before anything is expanded, so entity tricks (XXE, billion laughs) never run.  The plain W3C
SVG 1.0/1.1 DOCTYPE that Illustrator and older tools write is accepted; its DTD is never read,
and any entity reference that would need it is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from xml.parsers import expat

from ..errors import (
    AlreadyBakedError,
    BakeError,
    CorruptImageError,
    NotBakedError,
    PayloadTooLargeError,
    UnsafeSvgError,
)
from ._types import (
    MAX_PAYLOAD_BYTES,
    NOT_BAKED_HINTS,
    Carrier,
    ImageInfo,
    Unbaked,
    check_payload,
    check_standard,
    payload_kind,
)

if TYPE_CHECKING:
    from ._types import Standard

__all__ = ["NS_CLR", "NS_OB2", "NS_OB3", "NS_SVG", "bake", "inspect", "unbake"]

NS_SVG = "http://www.w3.org/2000/svg"
NS_OB3 = "https://purl.imsglobal.org/ob/v3p0"  # no /spec/ in this one (docformat.md)
NS_OB2 = "http://openbadges.org"
# CLR 2.0: the 1EdTech validator matches QName(NS_CLR, "credential") with a ``verify``
# attribute (SvgParser.QNames.CLR20), the OB 3.0 scheme under CLR's namespace.  The CLR spec
# text itself was not at hand; we write the ``clr`` prefix (readers match the namespace).
NS_CLR = "https://purl.imsglobal.org/clr/v2p0"
#: What we write per standard: (prefix, namespace).  ob3-spec.md §1.2: the OB 3.0 examples
#: use the ``openbadges`` prefix.
_WRITE: dict[str, tuple[str, str]] = {"ob": ("openbadges", NS_OB3), "clr": ("clr", NS_CLR)}
#: (namespace, local name) -> (rank, standard, version, tag as shown).  Unbake reads the lowest
#: rank first: OB 3.0, then CLR 2.0, then the legacy OB 2.0 assertion.
_ELEMENTS: dict[tuple[str, str], tuple[int, Standard, Literal["3.0", "2.0"], str]] = {
    (NS_OB3, "credential"): (0, "ob", "3.0", "<openbadges:credential>"),
    (NS_CLR, "credential"): (1, "clr", "2.0", "<clr:credential>"),
    (NS_OB2, "assertion"): (2, "ob", "2.0", "<openbadges:assertion>"),
}
_SEP = "\x1f"  # expat namespace separator; cannot occur in a URI or a name

# XML 1.0 §2.2 Char: what a document can hold at all, even as a character reference.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class _Found:
    rank: int  # 0 OB 3.0, 1 CLR 2.0, 2 OB 2.0 (see _ELEMENTS)
    standard: Standard
    version: Literal["3.0", "2.0"]
    tag: str
    start: int
    tag_end: int
    self_closing: bool
    end: int = -1
    verify: str | None = None
    # Character data as (inside a CDATA section?, text) runs, in document order.
    runs: list[tuple[bool, str]] = field(default_factory=list)


@dataclass
class _Doc:
    root_start: int = -1
    root_tag_end: int = -1
    root_name: bytes = b""  # the root's qualified name as written (``svg`` or ``svg:svg``)
    root_attrs: dict[str, str] = field(default_factory=dict)
    root_ns: dict[str, str] = field(default_factory=dict)  # prefixes declared on the root
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


def _refuse(*_: object) -> None:
    msg = (
        "SVG has a DOCTYPE or entity declarations, which badgekit refuses "
        "(XXE and entity-expansion risk); remove the DOCTYPE and try again"
    )
    raise UnsafeSvgError(msg)


# The public SVG DTDs that design tools reference; they are never fetched.
_SVG_DTD = re.compile(
    r"http://www\.w3\.org/(Graphics/SVG/1\.1/DTD/svg11(-[a-z]+)?\.dtd"
    r"|TR/2001/(REC|PR)-SVG-2001\d{4}/DTD/svg10\.dtd)"
)


def _doctype(_name: str, sysid: str | None, _pubid: str | None, internal: int) -> None:
    if internal or (sysid is not None and not _SVG_DTD.fullmatch(sysid)):
        _refuse()


def _skipped_entity(name: str, _is_parameter: int) -> None:
    msg = f"SVG references the entity &{name}; defined in an external DTD, which badgekit refuses"
    raise UnsafeSvgError(msg)


def _parse(image: bytes) -> _Doc:
    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    doc = _Doc()
    stack: list[_Found | None] = []
    in_cdata = False

    def namespace(prefix: str | None, uri: str | None) -> None:
        if doc.root_start < 0:  # declarations reported before the root's start tag
            doc.root_ns[prefix or ""] = uri or ""

    def start(name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(_SEP)
        pos = parser.CurrentByteIndex
        if doc.root_start < 0:
            if local != "svg" or ns not in (NS_SVG, ""):
                shown = f"{{{ns}}}{local}" if ns else local
                msg = f"not an SVG image: the root element is <{shown}>, not <svg>"
                raise CorruptImageError(msg)
            doc.root_start, doc.root_tag_end, doc.root_attrs = pos, _tag_end(image, pos), attrs
            doc.root_name = re.split(rb"[\s/>]", image[pos + 1 : doc.root_tag_end], maxsplit=1)[0]
        item: _Found | None = None
        known = _ELEMENTS.get((ns, local))
        if known is not None:
            tag_end = _tag_end(image, pos)
            closed = image[tag_end - 2 : tag_end] == b"/>"
            item = _Found(*known, pos, tag_end, closed, verify=attrs.get("verify"))
            doc.found.append(item)
        stack.append(item)

    def end(_name: str) -> None:
        item = stack.pop()
        if item is not None:
            # For ``<x/>`` expat reports the end *after* the tag; for ``</x>``, at its ``<``.
            pos = parser.CurrentByteIndex
            item.end = item.tag_end if item.self_closing else image.index(b">", pos) + 1

    def chars(text: str) -> None:
        for item in stack:
            if item is not None:
                if item.runs and item.runs[-1][0] == in_cdata:  # merge into the current run
                    item.runs[-1] = (in_cdata, item.runs[-1][1] + text)
                else:
                    item.runs.append((in_cdata, text))

    def cdata(flag: bool) -> None:
        nonlocal in_cdata
        in_cdata = flag
        if flag:  # an empty section still marks where the payload starts or ends
            chars("")

    parser.StartDoctypeDeclHandler = _doctype
    parser.SkippedEntityHandler = _skipped_entity
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse  # type: ignore[assignment]
    parser.StartNamespaceDeclHandler = namespace
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartCdataSectionHandler = lambda: cdata(True)
    parser.EndCdataSectionHandler = lambda: cdata(False)
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


def _body(item: _Found) -> str:
    runs = list(item.runs)
    if not any(in_cdata for in_cdata, _ in runs):
        return "".join(text for _, text in runs).strip()
    # Whitespace around the CDATA sections is layout, not payload; inside them (and character
    # references between them, which is how a CR is written) everything is payload.
    if not runs[0][0]:
        runs[0] = (False, runs[0][1].lstrip())
    if not runs[-1][0]:
        runs[-1] = (False, runs[-1][1].rstrip())
    return "".join(text for _, text in runs)


@dataclass(frozen=True)
class _Read:
    payload: str
    where: str  # e.g. "<openbadges:assertion> CDATA"
    hosted_url: str | None = None
    note: str | None = None  # what was left unread, as a warning


def _read(item: _Found) -> _Read:
    """What an element carries: ``verify`` holds a compact JWS or (OB 2.0) the hosted
    assertion URL, the body holds JSON in CDATA (ob3-spec.md §1.2-1.3).

    With both: a JWS wins over the body (signed wins: the signature is what can be checked);
    a URL next to JSON is the OB 2.0 hosted form that Concentric Sky's bakery writes, so the
    JSON is read and the URL kept as ``hosted_url``.
    """
    body, verify = _body(item), item.verify
    at_verify, at_body = f"{item.tag} verify attribute", f"{item.tag} CDATA"
    if verify is None or not verify.strip():
        return _Read(body, at_body)
    kind = payload_kind(verify)
    if not body.strip():
        return _Read(verify, at_verify)
    if kind != "jws" and payload_kind(body) == "json":
        if kind == "url":
            return _Read(body, at_body, hosted_url=verify.strip())
        note = f"the {item.tag} verify attribute is neither a JWS nor a URL and was ignored"
        return _Read(body, at_body, note=note)
    note = f"the {item.tag} body was ignored: its verify attribute was read"
    return _Read(verify, at_verify, note=note)


def _carrier(item: _Found) -> Carrier:
    r = _read(item)
    size = len(r.payload.encode("utf-8"))
    kind = payload_kind(r.payload)
    return Carrier(item.version, r.where, kind, size, item.standard, r.hosted_url)


def _must_escape(ascii_only: bool) -> re.Pattern[str]:
    # A CR would be normalised to LF by every XML parser, even inside CDATA (XML 1.0 §2.11), so
    # it is written as a character reference; so is non-ASCII text in a document declared ASCII.
    return re.compile("[\r\x80-\U0010ffff]" if ascii_only else "\r")


def _cdata(text: str, ascii_only: bool) -> str:
    """``text`` as CDATA sections, always starting and ending with one (so that whitespace
    around the element body can be told from the payload's own)."""
    text = text.replace("]]>", "]]]]><![CDATA[>")  # ``]]>`` cannot sit inside one section
    body = _must_escape(ascii_only).sub(lambda m: f"]]>&#{ord(m.group())};<![CDATA[", text)
    return f"<![CDATA[{body}]]>"


def _attr(text: str, ascii_only: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    # Literal TAB/LF/CR in an attribute become spaces (XML 1.0 §3.3.3): write references.
    pattern = "[\t\n\r\x80-\U0010ffff]" if ascii_only else "[\t\n\r]"
    return re.sub(pattern, lambda m: f"&#{ord(m.group())};", text)


def _element(payload: str, *, ascii_only: bool, declare: bool, standard: Standard) -> bytes:
    bad = _NOT_XML_CHAR.search(payload)
    if bad:
        code = ord(bad.group())
        msg = f"payload contains U+{code:04X}, which no XML document can hold; cannot bake into SVG"
        raise BakeError(msg)
    prefix, ns = _WRITE[standard]
    xmlns = f' xmlns:{prefix}="{ns}"' if declare else ""
    tag = f"{prefix}:credential"
    if payload_kind(payload) == "json":
        body = f"<{tag}{xmlns}>{_cdata(payload, ascii_only)}</{tag}>"
    else:
        body = f'<{tag}{xmlns} verify="{_attr(payload, ascii_only)}"></{tag}>'
    return body.encode("utf-8")


# Single-byte encodings that agree with ASCII on every byte below 0x80: the element we insert
# is pure ASCII (anything else written as a character reference), so it reads the same in them.
_ASCII_COMPATIBLE = re.compile(r"(us-)?ascii|iso[-_]?8859-\d{1,2}|latin-?1|(windows|cp)-?125\d")


def _ascii_only(image: bytes) -> bool:
    """Whether the inserted element must be pure ASCII: false for UTF-8 (also when no encoding
    is declared), true for an ASCII-compatible single-byte encoding.

    :raises BakeError: any other declared encoding.
    """
    head = image[:200].removeprefix(b"\xef\xbb\xbf")
    m = re.match(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""", head)
    name = m.group(1).decode().lower() if m else "utf-8"
    if name in ("utf-8", "utf8"):
        return False
    if _ASCII_COMPATIBLE.fullmatch(name):
        return True
    msg = f"SVG is encoded as {name}; badgekit bakes UTF-8, ASCII and ISO-8859/Windows SVG only"
    raise BakeError(msg)


def bake(image: bytes, payload: str, *, replace: bool = False, standard: Standard = "ob") -> bytes:
    """Return ``image`` with ``<openbadges:credential>`` (or ``<clr:credential>`` for
    ``standard="clr"``) as the first child of ``<svg>``.

    :raises AlreadyBakedError: the SVG already carries badge data and ``replace`` is false.
    """
    prefix, ns = _WRITE[check_standard(standard)]
    check_payload(payload)
    ascii_only = _ascii_only(image)
    doc = _parse(image)
    if doc.found and not replace:
        where = ", ".join(_read(f).where for f in doc.found)
        msg = f"SVG already carries badge data ({where}); use replace/--force to overwrite it"
        raise AlreadyBakedError(msg)
    bound = doc.root_ns.get(prefix)
    # If the root binds our prefix to another namespace (say OB 2.0's), rebinding it would
    # change the meaning of whatever else uses it: declare ours on our element instead.
    declare = bound not in (None, ns)
    element = _element(payload, ascii_only=ascii_only, declare=declare, standard=standard)
    # Remove old carriers (outermost only), back to front so offsets stay valid.
    out = image
    spans = sorted({(f.start, f.end) for f in doc.found}, reverse=True)
    outer = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o != s for o in spans)]
    for s, e in outer:
        out = out[:s] + out[e:]
    head = out[doc.root_start : doc.root_tag_end]
    closed = head.endswith(b"/>")
    if bound is None:
        close = len(head) - (2 if closed else 1)
        head = head[:close] + f' xmlns:{prefix}="{ns}"'.encode() + head[close:]
    if closed:  # ``<svg .../>`` has no children yet: open it and close it after our element
        head = head[:-2].rstrip() + b">" + element + b"</" + doc.root_name + b">"
    else:
        head += element
    return out[: doc.root_start] + head + out[doc.root_tag_end :]


def unbake(image: bytes) -> Unbaked:
    """Return the first OB 3.0 ``<openbadges:credential>``, else the first CLR 2.0
    ``<clr:credential>``, else the first OB 2.0 assertion.

    :raises NotBakedError: no carrier found.
    """
    doc = _parse(image)
    item = _chosen(doc)
    if item is None:
        msg = f"this SVG carries no Open Badges credential ({NOT_BAKED_HINTS['svg']})"
        raise NotBakedError(msg)
    read = _read(item)
    if not read.payload.strip():
        msg = f"SVG {read.where} is empty"
        raise NotBakedError(msg)
    size = len(read.payload.encode("utf-8"))
    if size > MAX_PAYLOAD_BYTES:
        msg = f"SVG {read.where} holds {size:,} bytes, over the {MAX_PAYLOAD_BYTES:,}-byte limit"
        raise PayloadTooLargeError(msg)
    return Unbaked(read.payload, "svg", _carrier(item), _warnings(doc))


def _chosen(doc: _Doc) -> _Found | None:
    """The element unbake reads: the first of the most preferred kind (``min`` keeps the
    first of equal ranks)."""
    return min(doc.found, key=lambda f: f.rank, default=None)


def _warnings(doc: _Doc) -> tuple[str, ...]:
    chosen = _chosen(doc)
    if chosen is None:
        return ()
    out = []
    for rank in (0, 1):  # one <openbadges:credential>, one <clr:credential> (§1.2)
        same = [f for f in doc.found if f.rank == rank]
        if len(same) > 1:
            first = ", the first was read" if chosen.rank == rank else ""
            out.append(f"{len(same)} {same[0].tag} elements found; the spec allows one{first}")
    ranks = {f.rank for f in doc.found}
    if chosen.rank == 0 and 1 in ranks:
        out.append("a CLR 2.0 <clr:credential> is also present and was ignored")
    if chosen.rank < 2 and 2 in ranks:
        out.append("a legacy OB 2.0 <openbadges:assertion> is also present and was ignored")
    note = _read(chosen).note
    if note:
        out.append(note)
    return tuple(out)


def _length(value: str | None) -> float | None:
    # A plain number or one with an absolute unit; a percentage says nothing about size.
    m = re.fullmatch(
        r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*", value or ""
    )
    return float(m.group(1)) if m else None


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
