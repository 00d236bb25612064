"""Icons: the bundled Tabler set (searchable by name and keyword) and users' own files
(not public API).

Bundled icons are line drawings on a 24 x 24 grid, recoloured to the template's icon role.
A user's SVG passes :mod:`.sanitize` first; a user's PNG is decoded and re-encoded by Pillow
(dropping every metadata chunk).  Both are embedded as ``data:`` images, so the composed badge
never refers to another file.
"""

from __future__ import annotations

import base64
import binascii
import functools
import io
import json
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .. import _assets, _io
from ..errors import BadgekitError, IconError
from .sanitize import check_tree, parse_svg, serialize
from .text import fmt

__all__ = ["Icon", "IconInfo", "bundled_icons", "load_icon", "search_icons"]

#: Largest user icon file, and largest PNG icon side, accepted.
MAX_ICON_BYTES = 2 * 1024 * 1024
MAX_ICON_SIDE = 2048

_ICON_FILE = "icons/tabler-icons.json"
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg);base64,([A-Za-z0-9+/=\s]*)", re.IGNORECASE)


@dataclass(frozen=True)
class IconInfo:
    """A bundled icon's name and search keywords."""

    name: str
    theme: str
    category: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Icon:
    """An icon ready to place: a bundled line icon (``body``) or an embedded image (``href``)."""

    name: str
    body: str = ""
    href: str = ""

    def svg(self, x: float, y: float, size: float, color: str, stroke: float = 1.75) -> str:
        """The icon as SVG, fitted into the square at (``x``, ``y``) of side ``size``."""
        if self.href:
            return (
                f'<image x="{fmt(x)}" y="{fmt(y)}" width="{fmt(size)}" height="{fmt(size)}" '
                f'preserveAspectRatio="xMidYMid meet" href="{self.href}"/>'
            )
        k = size / 24
        body = self.body.replace("currentColor", color)
        return (
            f'<g transform="matrix({k:.6g} 0 0 {k:.6g} {fmt(x)} {fmt(y)})" fill="none" '
            f'stroke="{color}" stroke-width="{stroke:g}" stroke-linecap="round" '
            f'stroke-linejoin="round">{body}</g>'
        )


@functools.cache
def _bundled() -> tuple[dict[str, IconInfo], dict[str, str]]:
    path = _assets.asset_dir("templates") / _ICON_FILE
    try:
        doc = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as e:
        msg = f"{path}: cannot read the icon set ({e})"
        raise IconError(msg) from None
    infos: dict[str, IconInfo] = {}
    bodies: dict[str, str] = {}
    for name, entry in doc["icons"].items():
        infos[name] = IconInfo(name, entry["theme"], entry["category"], tuple(entry["tags"]))
        bodies[name] = entry["body"]
    return infos, bodies


def bundled_icons() -> list[IconInfo]:
    """Every bundled icon, sorted by name."""
    return sorted(_bundled()[0].values(), key=lambda i: i.name)


def search_icons(query: str = "") -> list[IconInfo]:
    """Icons whose name, theme, category or keywords match every word of ``query``.

    Exact name matches come first, then name matches, then keyword matches.
    """
    words = query.lower().split()
    if not words:
        return bundled_icons()
    scored: list[tuple[int, str, IconInfo]] = []
    for info in _bundled()[0].values():
        hay = " ".join((info.name, info.theme, info.category.lower(), *info.tags))
        if all(w in hay for w in words):
            rank = 0 if info.name == query.lower() else 1 if words[0] in info.name else 2
            scored.append((rank, info.name, info))
    return [info for _, _, info in sorted(scored, key=lambda t: t[:2])]


def _open_raster(data: bytes, what: str) -> Image.Image:
    """Open a PNG or JPEG lazily (header only), refusing one over :data:`MAX_ICON_SIDE`.

    Pillow's own decompression-bomb check fires at open time, before the size is known to
    us, so it is turned into the same one-line :class:`IconError`.
    """
    too_big = f"{what}: image is larger than {MAX_ICON_SIDE} px a side"
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise IconError(too_big) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
            msg = f"{what}: not a readable PNG or JPEG ({e})"
            raise IconError(msg) from None
    if max(im.size) > MAX_ICON_SIDE:
        im.close()
        msg = f"{what}: image is {im.width}x{im.height}; at most {MAX_ICON_SIDE} px a side"
        raise IconError(msg)
    return im


def _check_embedded_images(text: str, what: str) -> None:
    """Images embedded in a user's SVG get the same size limit as a PNG icon."""
    for m in _DATA_IMAGE.finditer(text):
        try:
            raw = base64.b64decode("".join(m.group(1).split()), validate=True)
        except (binascii.Error, ValueError):
            msg = f"{what}: an embedded image is not valid base64"
            raise IconError(msg) from None
        _open_raster(raw, f"{what}: embedded image").close()


def _svg_icon(data: bytes, what: str) -> Icon:
    root = parse_svg(data, what=what, error=IconError)
    check_tree(root, what=what, error=IconError, images=True)
    _check_embedded_images(data.decode("utf-8", "replace"), what)
    if not root.get("viewBox") and not (root.get("width") and root.get("height")):
        msg = f"{what}: SVG has neither a viewBox nor a width and height"
        raise IconError(msg)
    clean = serialize(root).encode("utf-8")
    return Icon(what, href="data:image/svg+xml;base64," + base64.b64encode(clean).decode())


def _png_icon(data: bytes, what: str) -> Icon:
    if len(data) >= 24 and data[12:16] == b"IHDR":
        # Read the size from the header before Pillow does (its bomb check would raise first).
        width, height = int.from_bytes(data[16:20]), int.from_bytes(data[20:24])
        if max(width, height) > MAX_ICON_SIDE:
            size = f"{width}x{height}"
            msg = f"{what}: PNG is {size}; icons may be at most {MAX_ICON_SIDE} px a side"
            raise IconError(msg)
    try:
        with _open_raster(data, what) as im:
            if im.format != "PNG":
                msg = f"{what}: not a PNG or SVG file"
                raise IconError(msg)
            im.load()
            rgba = im.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        msg = f"{what}: not a readable PNG ({e})"
        raise IconError(msg) from None
    out = io.BytesIO()
    rgba.save(out, format="PNG", optimize=False)
    return Icon(what, href="data:image/png;base64," + base64.b64encode(out.getvalue()).decode())


def icon_from_bytes(data: bytes, name: str = "icon") -> Icon:
    """An icon from the bytes of a user's SVG or PNG file, after the safety pass.

    :raises IconError: unknown format, unreadable, too large, or unsafe.
    """
    what = f"icon {name}"
    if len(data) > MAX_ICON_BYTES:
        msg = f"{what}: file is larger than {MAX_ICON_BYTES:,} bytes"
        raise IconError(msg)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png_icon(data, what)
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return _svg_icon(data, what)
    msg = f"{what}: not a PNG or SVG file"
    raise IconError(msg)


def load_icon(spec: str) -> Icon:
    """Resolve ``spec``: a bundled icon name, or a path to an ``.svg``/``.png`` file.

    :raises IconError: unknown icon name (with suggestions), or a bad icon file.
    """
    bodies = _bundled()[1]
    if spec in bodies:
        return Icon(spec, body=bodies[spec])
    if spec.lower().endswith((".svg", ".png")) or "/" in spec or os.path.isfile(spec):
        try:
            data = _io.read_bytes(spec, limit=MAX_ICON_BYTES)
        except BadgekitError as e:
            msg = f"icon {spec}: {e}"
            raise IconError(msg) from None
        return icon_from_bytes(data, Path(spec).name)
    near = [i.name for i in search_icons(spec)][:5]
    hint = f"; did you mean {', '.join(near)}?" if near else "; see `badgekit icons`"
    msg = f"unknown icon {spec!r}{hint}"
    raise IconError(msg)
