"""Text shaping with harfbuzz and glyph outlines as SVG paths (not public API).

Shaping gives kerning, ligatures, marks and right-to-left order; each glyph's fontTools
outline is then mapped into place, and a whole slot becomes one SVG ``<path>``, so a composed
badge needs no font to display (and a renderer has few elements to walk).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import uharfbuzz as hb

from ..errors import FontError

if TYPE_CHECKING:
    from .fonts import Font, Glyph

__all__ = ["Matrix", "ShapedRun", "glyph_path", "line_path", "shape"]

#: OpenType features turned on for every run (kerning, standard and contextual ligatures).
FEATURES = {"kern": True, "liga": True, "calt": True}


@dataclass(frozen=True)
class ShapedRun:
    """A shaped line of text, in font units (y up), glyphs in visual (left-to-right) order.

    ``glyphs`` holds ``(gid, x, y, advance)`` per glyph: pen position plus harfbuzz offsets.
    """

    font: Font
    text: str
    glyphs: tuple[tuple[int, float, float, float], ...]
    advance: float
    ink: tuple[float, float, float, float] | None

    def width(self, size: float) -> float:
        """Advance width of the run at ``size`` (user units)."""
        return self.advance * size / self.font.upem


def shape(font: Font, text: str, tracking: float = 0.0) -> ShapedRun:
    """Shape ``text`` (one line) with ``font``; ``tracking`` is extra space per glyph in em.

    :raises FontError: the font lacks a glyph for a character of ``text``.
    """
    return _shape(font, text, tracking)


@functools.lru_cache(maxsize=8192)
def _shape(font: Font, text: str, tracking: float) -> ShapedRun:
    missing = font.missing(text)
    if missing:
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:5])
        msg = f"font {font.name} has no glyph for {shown}; pass a font file that covers them"
        raise FontError(msg)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font.hb_font, buf, FEATURES)
    track = tracking * font.upem
    x = 0.0
    glyphs: list[tuple[int, float, float, float]] = []
    xmin = ymin = float("inf")
    xmax = ymax = float("-inf")
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        gid = int(info.codepoint)
        gx, gy = x + pos.x_offset, float(pos.y_offset)
        adv = pos.x_advance + (track if pos.x_advance else 0.0)
        glyphs.append((gid, gx, gy, adv))
        bounds = font.glyph(gid).bounds
        if bounds is not None:
            xmin, ymin = min(xmin, gx + bounds[0]), min(ymin, gy + bounds[1])
            xmax, ymax = max(xmax, gx + bounds[2]), max(ymax, gy + bounds[3])
        x += adv
    if glyphs and track:
        x -= track  # no tracking after the last glyph, so centred text stays centred
    ink = (xmin, ymin, xmax, ymax) if xmin != float("inf") else None
    return ShapedRun(font, text, tuple(glyphs), x, ink)


def fmt(value: float) -> str:
    """Format a coordinate compactly (2 decimals, no trailing zeros)."""
    out = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


Matrix = tuple[float, float, float, float, float, float]


def glyph_path(glyph: Glyph, m: Matrix, out: list[str]) -> None:
    """Append ``glyph``'s outline, mapped by the affine matrix ``m`` (SVG order a b c d e f)."""
    a, b, c, d, e, f = m
    for op, pts in glyph.ops:
        if op == "Z":
            out.append("Z")
            continue
        coords = []
        for i in range(0, len(pts), 2):
            x, y = pts[i], pts[i + 1]
            coords.append(f"{a * x + c * y + e:.2f} {b * x + d * y + f:.2f}")
        out.append(op + " ".join(coords))


def line_path(run: ShapedRun, x: float, baseline: float, size: float, out: list[str]) -> None:
    """Append the outlines of ``run`` at ``size`` with its pen origin at (``x``, ``baseline``)."""
    k = size / run.font.upem
    for gid, gx, gy, _adv in run.glyphs:
        glyph = run.font.glyph(gid)
        if glyph.ops:
            glyph_path(glyph, (k, 0.0, 0.0, -k, x + gx * k, baseline - gy * k), out)
