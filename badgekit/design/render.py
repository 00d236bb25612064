"""SVG -> PNG with cairosvg, deterministic and offline (not public API).

cairosvg runs with ``unsafe=False`` and a URL fetcher that serves only ``data:image/``
URLs, so rendering never touches the network or the file system.  badgekit writes the PNG
itself from cairo's pixels, with alt text as ``iTXt`` chunks (``Title``, ``Description``) right
after ``IHDR`` and nothing time-dependent, so the same SVG always gives the same bytes.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
import urllib.parse
import zlib
from html import unescape
from typing import TYPE_CHECKING

from cairosvg.parser import Tree
from cairosvg.surface import PNGSurface
from PIL import Image

from ..errors import RenderError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["MAX_ISSUING_BYTES", "MIN_ISSUING_SIZE", "issuing_warnings", "render", "render_sizes"]

#: Common badge platform limits: PNG at most 2 MB, at least 600 px a side for issuing.
MAX_ISSUING_BYTES = 2 * 1024 * 1024
MIN_ISSUING_SIZE = 600
#: Largest output side badgekit renders (a 8192 x 8192 RGBA image is 256 MB of memory).
MAX_RENDER_SIZE = 8192

_PNG_SIG = b"\x89PNG\r\n\x1a\n"
_VIEWBOX = re.compile(rb'<svg\b[^>]*?\sviewBox="([^"]+)"', re.DOTALL)
_TITLE = re.compile(rb"<title\b[^>]*>(.*?)</title>", re.DOTALL)
_DESC = re.compile(rb"<desc\b[^>]*>(.*?)</desc>", re.DOTALL)


def _fetch(url: str, resource_type: str) -> bytes:
    """cairosvg URL fetcher: ``data:image/...`` only, never a file or network URL."""
    if url.startswith("data:image/") and "," in url:
        head, _, payload = url.partition(",")
        if head.endswith(";base64"):
            try:
                return base64.b64decode(payload, validate=False)
            except binascii.Error:
                return _EMPTY
        return urllib.parse.unquote_to_bytes(payload)
    return _EMPTY


_EMPTY = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _itxt(keyword: str, text: str) -> bytes:
    # PNG 1.2 §11.3.4.5 iTXt: keyword, NUL, compression flag 0, method 0, language tag "",
    # NUL, translated keyword "", NUL, UTF-8 text.
    body = keyword.encode("latin-1") + b"\0\0\0\0\0" + text.encode("utf-8")
    return _chunk(b"iTXt", body)


def _alt_text(svg: bytes) -> tuple[str, str]:
    def first(pattern: re.Pattern[bytes]) -> str:
        m = pattern.search(svg)
        return unescape(m.group(1).decode("utf-8", "replace")).strip() if m else ""

    return first(_TITLE), first(_DESC)


def _out_size(svg: bytes, size: int) -> tuple[int, int]:
    m = _VIEWBOX.search(svg[:4096])
    try:
        w, h = (float(v) for v in m.group(1).replace(b",", b" ").split()[2:4]) if m else (1, 1)
    except ValueError:
        w = h = 1.0
    if w <= 0 or h <= 0:
        w = h = 1.0
    if w >= h:
        return size, max(1, round(size * h / w))
    return max(1, round(size * w / h)), size


def _draw(svg: bytes, width: int, height: int) -> tuple[bytes, int]:
    """Rasterise with cairosvg; return cairo's premultiplied BGRA pixels and the row stride."""
    tree = Tree(bytestring=svg, unsafe=False, url_fetcher=_fetch)
    surface = PNGSurface(tree, None, 96, output_width=width, output_height=height)
    image = surface.cairo
    image.flush()
    w, h = image.get_width(), image.get_height()
    if (w, h) != (width, height):
        msg = f"cannot render the SVG at {width}x{height} (cairo made {w}x{h})"
        raise RenderError(msg)
    return bytes(image.get_data()), image.get_stride()


def _encode(pixels: bytes, stride: int, width: int, height: int, text: bytes) -> bytes:
    """Encode straight-alpha RGBA as PNG: IHDR, the alt-text chunks, one IDAT, IEND.

    Filter type 0 and zlib level 3 are about four times faster than libpng's defaults and,
    for flat badge art, smaller too.  No time or software chunk: equal pixels, equal bytes.
    """
    rgba = Image.frombuffer("RGBA", (width, height), pixels, "raw", "BGRa", stride, 1).tobytes()
    row = width * 4
    raw = b"".join(b"\0" + rgba[y * row : (y + 1) * row] for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    return (
        _PNG_SIG
        + _chunk(b"IHDR", ihdr)
        + text
        + _chunk(b"IDAT", zlib.compress(raw, 3))
        + _chunk(b"IEND", b"")
    )


def render(svg: bytes, *, size: int = 600, alt: str | None = None) -> bytes:
    """Render SVG bytes to a PNG whose longer side is ``size`` pixels.

    >>> png = render(compose("shield", {"title": "Hello"}).svg, size=300)   # doctest: +SKIP

    :param alt: the PNG's alt text (``Description``); default: the SVG's ``<desc>``.
    :returns: PNG bytes with ``Title``/``Description`` iTXt chunks; identical for identical input.
    :raises RenderError: ``size`` out of range, or the SVG cannot be rendered.
    """
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_RENDER_SIZE:
        msg = f"render size must be a whole number from 1 to {MAX_RENDER_SIZE} pixels, not {size!r}"
        raise RenderError(msg)
    width, height = _out_size(svg, size)
    try:
        pixels, stride = _draw(svg, width, height)
    except RenderError:
        raise
    except Exception as e:  # cairosvg raises many unrelated types on bad input
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        msg = f"cannot render the SVG ({first})"
        raise RenderError(msg) from e
    title, desc = _alt_text(svg)
    desc = alt if alt is not None else desc
    text = (_itxt("Title", title) if title else b"") + (_itxt("Description", desc) if desc else b"")
    return _encode(pixels, stride, width, height, text)


def render_sizes(
    svg: bytes, sizes: Iterable[int] = (600, 300, 64), *, alt: str | None = None
) -> dict[int, bytes]:
    """Render ``svg`` at several sizes in one call.

    :returns: PNG bytes keyed by size, in the order given (duplicates rendered once).
    :raises RenderError: as :func:`render`.
    """
    out: dict[int, bytes] = {}
    for size in sizes:
        if size not in out:
            out[size] = render(svg, size=size, alt=alt)
    return out


def issuing_warnings(png: bytes) -> tuple[str, ...]:
    """Check a rendered PNG against common badge platform limits.

    :returns: one-line warnings: over 2 MB, or a side under 600 px.
    """
    warnings: list[str] = []
    if len(png) > MAX_ISSUING_BYTES:
        warnings.append(
            f"PNG is {len(png):,} bytes; badge platforms commonly accept at most "
            f"{MAX_ISSUING_BYTES:,}"
        )
    if png.startswith(_PNG_SIG) and len(png) >= 24:
        width, height = struct.unpack(">II", png[16:24])
        if max(width, height) < MIN_ISSUING_SIZE:
            warnings.append(
                f"PNG is {width}x{height} px; issue badges at {MIN_ISSUING_SIZE} px or more "
                "(smaller sizes are for email signatures and previews)"
            )
    return tuple(warnings)
