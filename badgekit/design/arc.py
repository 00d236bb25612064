"""Text set along a circular arc, glyph by glyph (not public API).

An arc slot is a band around a circle: ``radius`` is the middle of the band and ``band`` its
thickness.  Angles are in degrees, clockwise from the top (0 = top, 180 = bottom).  Top arcs
read clockwise with letters standing outward; bottom arcs read left to right with letters
standing upright (their tops toward the centre), as on a seal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import TextFitError
from .text import ShapedRun, glyph_path, shape

if TYPE_CHECKING:
    from .fonts import Font

__all__ = ["ArcSpec", "FittedArc", "fit_arc"]


@dataclass(frozen=True)
class ArcSpec:
    """Where an arc text runs: circle centre, band radius and thickness, angle and span."""

    cx: float
    cy: float
    radius: float
    band: float
    angle: float
    span: float
    max_size: float
    min_size: float
    bottom: bool = False
    tracking: float = 0.0


@dataclass(frozen=True)
class FittedArc:
    """An arc text fitted to its band: size, shaped run and the baseline radius used."""

    size: float
    run: ShapedRun
    spec: ArcSpec

    @property
    def baseline(self) -> float:
        """Radius of the baseline: inside the band's middle for top arcs, outside for bottom."""
        half = self.run.font.cap_height * self.size / self.run.font.upem / 2
        return self.spec.radius + half if self.spec.bottom else self.spec.radius - half

    def path(self) -> str:
        """The outlines, each glyph turned to follow the circle, as SVG path data."""
        spec, run, rb = self.spec, self.run, self.baseline
        k = self.size / run.font.upem
        total = run.advance * k
        out: list[str] = []
        for gid, gx, gy, adv in run.glyphs:
            glyph = run.font.glyph(gid)
            if not glyph.ops:
                continue
            centre = (gx + adv / 2) * k - total / 2  # along the baseline, from the text centre
            turn = centre / rb
            theta = math.radians(spec.angle) + (-turn if spec.bottom else turn)
            px, py = spec.cx + rb * math.sin(theta), spec.cy - rb * math.cos(theta)
            rot = theta - math.pi if spec.bottom else theta
            cos, sin = math.cos(rot), math.sin(rot)
            # rotate(rot) . scale(k, -k) . translate(-adv/2, gy): glyph centre on the circle.
            ox, oy = -adv / 2, gy
            out_m = (
                k * cos,
                k * sin,
                k * sin,
                -k * cos,
                px + k * (cos * ox + sin * oy),
                py + k * (sin * ox - cos * oy),
            )
            glyph_path(glyph, out_m, out)
        return "".join(out)


def _size_for(run: ShapedRun, spec: ArcSpec) -> float:
    font = run.font
    by_band = spec.band * font.upem / font.cap_height
    size = min(spec.max_size, by_band)
    # The arc length at the baseline must hold the run; the baseline moves with the size,
    # so solve advance*s/upem <= span*(radius -/+ cap*s/(2*upem)) for s.
    span = math.radians(spec.span)
    a = run.advance / font.upem
    c = font.cap_height / font.upem / 2
    denom = a - span * c if spec.bottom else a + span * c
    if denom > 0:
        size = min(size, span * spec.radius / denom)
    return size


def fit_arc(slot: str, text: str, font: Font, spec: ArcSpec) -> FittedArc:
    """Fit ``text`` on the arc of ``spec``, shrinking it down to ``min_size`` if needed.

    :raises TextFitError: the text is too long for the arc even at the minimum size.
    """
    run = shape(font, text, spec.tracking)
    size = _size_for(run, spec)
    if size >= spec.min_size:
        return FittedArc(size, run, spec)
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _size_for(shape(font, text[:mid].rstrip(), spec.tracking), spec) >= spec.min_size:
            lo = mid
        else:
            hi = mid - 1
    best = text[:lo].rstrip()
    if lo < len(text) and not text[lo].isspace() and " " in best:
        best = best.rsplit(" ", 1)[0]  # whole words, as in a box
    shown = text if len(text) <= 48 else text[:47] + "…"
    msg = (
        f'slot {slot!r}: "{shown}" is too long for its {spec.span:g}° arc at the minimum size '
        f'{spec.min_size:g}; the longest start that fits is "{best}"'
    )
    raise TextFitError(msg, slot=slot)
