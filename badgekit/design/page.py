"""A printed page laid out in millimetres: fitted text, images and shapes (not public API).

Certificates and business cards are drawn on a :class:`Page`.  Text goes through the same
shaping and fitting as template slots (harfbuzz glyph outlines, shrink then wrap then refuse),
so the page needs no font to print and looks the same everywhere.  Images are ``data:`` URLs
only, and the result is one standalone SVG with ``<title>`` and ``<desc>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from .compose import _greek_upper
from .fit import BoxSpec, FittedText, fit_box
from .fonts import resolve_font
from .text import fmt

__all__ = ["Page", "TextStyle"]

_SVG_NS = "http://www.w3.org/2000/svg"


@dataclass(frozen=True)
class TextStyle:
    """How a text is set: font, weight, size range (mm), colour, lines, alignment."""

    font: str = "inter"
    weight: str = "regular"
    max_size: float = 4.0
    min_size: float = 2.5
    color: str = "#000000"
    max_lines: int = 1
    line_height: float = 1.15
    align: str = "center"
    tracking: float = 0.0
    upper: bool = False


class Page:
    """An SVG page of ``width`` x ``height`` millimetres (the user unit is 1 mm)."""

    def __init__(self, width: float, height: float, *, background: str | None = "#ffffff"):
        self.width = width
        self.height = height
        self._parts: list[str] = []
        if background:
            self.rect(0, 0, width, height, fill=background)

    def add(self, fragment: str) -> None:
        """Append raw SVG markup (made by badgekit, never by a credential)."""
        self._parts.append(fragment)

    def text(
        self, name: str, text: str, box: tuple[float, float, float, float], style: TextStyle
    ) -> FittedText:
        """Fit ``text`` into ``box`` (x, y, width, height) and draw it as outlines.

        :param name: what the text is, for error messages (``"earner name"``).
        :raises TextFitError: the text does not fit at ``style.min_size``.
        :raises FontError: the font lacks a character of ``text``.
        """
        clean = " ".join(text.split())
        if style.upper:
            clean = _greek_upper(clean)
        x, y, w, h = box
        spec = BoxSpec(
            x=x,
            y=y,
            width=w,
            height=h,
            max_size=style.max_size,
            min_size=style.min_size,
            max_lines=style.max_lines,
            line_height=style.line_height,
            align=style.align,
            tracking=style.tracking,
        )
        fitted = fit_box(name, clean, resolve_font(style.font, style.weight), spec)
        self._parts.append(f'<path fill="{style.color}" d="{fitted.path()}"/>')
        return fitted

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: str = "none",
        stroke: str | None = None,
        width: float = 0.0,
        rx: float = 0.0,
    ) -> None:
        """A rectangle, filled and/or stroked (``width`` is the stroke width in mm)."""
        line = f' stroke="{stroke}" stroke-width="{fmt(width)}"' if stroke else ""
        corner = f' rx="{fmt(rx)}"' if rx else ""
        self._parts.append(
            f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(w)}" height="{fmt(h)}"{corner} '
            f'fill="{fill}"{line}/>'
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, *, stroke: str, width: float
    ) -> None:
        """A straight line."""
        self._parts.append(
            f'<path d="M{fmt(x1)} {fmt(y1)} L{fmt(x2)} {fmt(y2)}" stroke="{stroke}" '
            f'stroke-width="{fmt(width)}" fill="none"/>'
        )

    def diamond(self, cx: float, cy: float, r: float, *, fill: str) -> None:
        """A small square turned 45 degrees (an ornament), ``r`` from centre to corner."""
        c, d = fmt(cx), fmt(cy)
        self._parts.append(
            f'<path d="M{c} {fmt(cy - r)} L{fmt(cx + r)} {d} L{c} {fmt(cy + r)} '
            f'L{fmt(cx - r)} {d} Z" fill="{fill}"/>'
        )

    def image(self, href: str, x: float, y: float, w: float, h: float) -> None:
        """A ``data:image/...`` URL drawn into the box, its aspect ratio kept."""
        if not href.startswith("data:image/"):
            msg = "a page only embeds data:image/ URLs"
            raise ValueError(msg)
        self._parts.append(
            f'<image x="{fmt(x)}" y="{fmt(y)}" width="{fmt(w)}" height="{fmt(h)}" '
            f'preserveAspectRatio="xMidYMid meet" href="{href}"/>'
        )

    def svg(self, *, title: str, desc: str) -> bytes:
        """The page as standalone SVG bytes (``width``/``height`` in mm)."""
        w, h = fmt(self.width), fmt(self.height)
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="{_SVG_NS}" width="{w}mm" height="{h}mm" viewBox="0 0 {w} {h}">'
            f"<title>{escape(' '.join(title.split()))}</title>"
            f"<desc>{escape(' '.join(desc.split()))}</desc>"
        )
        return (head + "".join(self._parts) + "</svg>").encode("utf-8")
