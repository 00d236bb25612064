"""Badge artwork for display: a clean PNG, whatever the file carried (not public API).

A baked image is untrusted input, even when its credential verifies: the artwork is not
signed.  An SVG can hold scripts, event handlers, ``<foreignObject>`` and references to other
files or hosts.  So the wall never shows the file itself:

1. an SVG is rewritten through an **allow-list** (SVG-namespace drawing elements and plain
   attributes only; no scripts, handlers, animation, foreign content, links, DOCTYPE
   entities, or references other than ``#fragment`` and ``data:image/png|jpeg|gif``), and the
   baked credential is dropped with everything else not on the list;
2. the result (or a PNG, wrapped in a one-element SVG) is rasterised by
   :func:`badgekit.design.render.render`, cairosvg with ``unsafe=False`` and a fetcher that
   serves only ``data:`` images, into a fresh PNG that carries pixels and nothing else.

The page then shows that PNG as a ``data:`` URL in an ``<img>``.
"""

from __future__ import annotations

import base64
import re
import struct
from html import escape
from xml.parsers import expat

from ..design.render import render
from ..errors import BadgekitError

__all__ = ["MAX_SVG_BYTES", "display_png", "sanitize_svg"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
#: Largest SVG rewritten for display.
MAX_SVG_BYTES = 8 * 1024 * 1024
#: Largest PNG side drawn (bounds memory on a hostile IHDR).
MAX_PNG_SIDE = 8192
_SEP = "\x1f"

_FE = (
    "Blend ColorMatrix ComponentTransfer Composite ConvolveMatrix DiffuseLighting "
    "DisplacementMap DistantLight DropShadow Flood FuncA FuncB FuncG FuncR GaussianBlur Image "
    "Merge MergeNode Morphology Offset PointLight SpecularLighting SpotLight Tile Turbulence"
)
#: Drawing elements kept (their SVG spelling).  Anything else is dropped with its content.
_DRAWING = (
    "svg g defs symbol use path rect circle ellipse line polyline polygon text tspan textPath "
    "linearGradient radialGradient stop pattern clipPath mask filter marker image style switch"
)
_ELEMENTS = frozenset(_DRAWING.split() + [f"fe{name}" for name in _FE.split()])
#: Elements whose tag is dropped but whose drawing content is kept.
_UNWRAP = frozenset({"a"})
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_SAFE_DATA = re.compile(r"data:image/(png|jpeg|gif)[;,]", re.IGNORECASE)


class _Unsafe(Exception):
    """The SVG uses a DOCTYPE subset or entities: it is not drawn at all."""


def _safe_ref(value: str) -> bool:
    v = value.strip()
    return v.startswith("#") or bool(_SAFE_DATA.match(v))


def _safe_value(value: str) -> bool:
    lowered = value.lower()
    if "javascript:" in lowered or "@import" in lowered or "expression(" in lowered:
        return False
    return all(_safe_ref(m.group(2)) for m in _URL.finditer(value))


def _attr_name(name: str) -> str | None:
    ns, _, local = name.rpartition(_SEP)
    if local.lower().startswith("on"):
        return None
    if not ns:
        return local
    if ns == XLINK_NS and local == "href":
        return "xlink:href"
    if ns == XML_NS and local in ("space", "lang"):
        return f"xml:{local}"
    return None


def _attrs(attrs: dict[str, str]) -> str:
    out = []
    for name, value in attrs.items():
        shown = _attr_name(name)
        if shown is None or not _safe_value(value):
            continue
        if shown in ("href", "xlink:href") and not _safe_ref(value):
            continue
        out.append(f' {shown}="{escape(value, quote=True)}"')
    return "".join(out)


def sanitize_svg(data: bytes) -> bytes | None:
    """Rewrite an SVG through the drawing allow-list (see the module docstring).

    :returns: a new, self-contained SVG document, or ``None`` when the input is not a
        well-formed SVG, is too large, or uses DOCTYPE subsets or entities.
    """
    if len(data) > MAX_SVG_BYTES:
        return None
    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    out: list[str] = []
    # Per open element: "keep" (tag written), "unwrap" (content only) or "drop" (nothing).
    stack: list[str] = []
    style_at: list[int] = []  # where each open <style> starts in ``out``

    def refuse(*_: object) -> None:
        raise _Unsafe

    def doctype(_name: str, _sysid: str | None, _pubid: str | None, internal: int) -> None:
        if internal:
            raise _Unsafe

    def start(name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(_SEP)
        if not stack and (ns != SVG_NS or local != "svg"):
            raise _Unsafe
        if stack and stack[-1] == "drop":
            stack.append("drop")
        elif ns == SVG_NS and local in _ELEMENTS:
            root = f' xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}"' if not stack else ""
            if local == "style":
                style_at.append(len(out))
            out.append(f"<{local}{root}{_attrs(attrs)}>")
            stack.append("keep")
        elif ns == SVG_NS and local in _UNWRAP:
            stack.append("unwrap")
        else:
            stack.append("drop")

    def end(name: str) -> None:
        local = name.rpartition(_SEP)[2]
        if stack.pop() != "keep":
            return
        out.append(f"</{local}>")
        if local == "style" and style_at:
            # A style sheet with @import or an external url() is dropped as a whole.
            start = style_at.pop()
            if not _safe_value("".join(out[start:])):
                del out[start:]

    def chars(text: str) -> None:
        if stack and stack[-1] != "drop":
            out.append(escape(text, quote=False))

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = refuse
    parser.SkippedEntityHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except (_Unsafe, expat.ExpatError):
        return None
    return "".join(out).encode("utf-8")


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    if not (0 < width <= MAX_PNG_SIDE and 0 < height <= MAX_PNG_SIDE):
        return None
    return width, height


def _png_as_svg(data: bytes) -> bytes | None:
    size = _png_size(data)
    if size is None:
        return None
    w, h = size
    href = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    return (
        f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}" viewBox="0 0 {w} {h}" '
        f'width="{w}" height="{h}"><image width="{w}" height="{h}" xlink:href="{href}"/></svg>'
    ).encode("ascii")


def display_png(image: bytes, *, size: int = 256) -> bytes | None:
    """A clean PNG of a badge image (PNG or SVG bytes), its longer side ``size`` pixels.

    :returns: PNG bytes with pixels only (no credential, no text chunks), or ``None`` when
        the image cannot be drawn safely.
    """
    if image[:8] == b"\x89PNG\r\n\x1a\n":
        svg = _png_as_svg(image)
    else:
        svg = sanitize_svg(image)
        if svg is not None:
            svg = re.sub(rb"<(title|desc)\b.*?</\1>", b"", svg, flags=re.DOTALL)
    if svg is None:
        return None
    try:
        return render(svg, size=size, alt="")
    except BadgekitError:
        return None
