"""Fitting text into a slot's box: shrink, then wrap, then refuse (not public API).

The order is the issue's rule: a text first shrinks from the slot's maximum size down to its
minimum; if it still does not fit on one line it wraps onto up to ``max_lines`` balanced lines;
if that fails too, :class:`~badgekit.errors.TextFitError` names the slot and the longest start
of the text that would fit.  Every fitted text's ink stays inside the box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import TextFitError
from .text import ShapedRun, line_path, shape

if TYPE_CHECKING:
    from .fonts import Font

__all__ = ["BoxSpec", "FittedText", "fit_box"]


@dataclass(frozen=True)
class BoxSpec:
    """Where and how big a text may be: a box (user units) plus size and line limits."""

    x: float
    y: float
    width: float
    height: float
    max_size: float
    min_size: float
    max_lines: int = 1
    line_height: float = 1.15
    align: str = "center"
    tracking: float = 0.0


@dataclass(frozen=True)
class FittedText:
    """A text fitted into its box: the size used and each line's pen origin."""

    size: float
    lines: tuple[ShapedRun, ...]
    origins: tuple[tuple[float, float], ...]

    def path(self) -> str:
        """The glyph outlines of every line, as SVG path data in user units."""
        out: list[str] = []
        for run, (x, y) in zip(self.lines, self.origins, strict=True):
            line_path(run, x, y, self.size, out)
        return "".join(out)


def _extent(run: ShapedRun) -> tuple[float, float]:
    """Horizontal extent (left, right) of a run in font units: advance box joined with ink."""
    if run.ink is None:
        return 0.0, run.advance
    return min(0.0, run.ink[0]), max(run.advance, run.ink[2])


def _vertical(runs: list[ShapedRun], font: Font, leading: float) -> tuple[float, float]:
    """Top and bottom (font units, y up, first baseline at 0) of the metric and ink block."""
    top, bottom = font.cap_height, -(len(runs) - 1) * leading
    for i, run in enumerate(runs):
        if run.ink is not None:
            top = max(top, run.ink[3] - i * leading)
            bottom = min(bottom, run.ink[1] - i * leading)
    return top, bottom


def _size_for(runs: list[ShapedRun], font: Font, spec: BoxSpec) -> float:
    """The largest size (capped at ``max_size``) at which ``runs`` fit the box."""
    leading = spec.line_height * font.upem
    widest = max(r - left for left, r in map(_extent, runs))
    top, bottom = _vertical(runs, font, leading)
    by_width = spec.width * font.upem / widest if widest > 0 else spec.max_size
    by_height = spec.height * font.upem / (top - bottom)
    return min(spec.max_size, by_width, by_height)


def _balanced(words: list[str], n: int, font: Font, spec: BoxSpec) -> list[ShapedRun]:
    """Split ``words`` into ``n`` lines whose widest line is as narrow as possible (DP)."""
    k = len(words)
    inf = float("inf")

    def width(i: int, j: int) -> float:
        left, right = _extent(shape(font, " ".join(words[i:j]), spec.tracking))
        return right - left

    # best[m][j]: narrowest widest-line for the first j words on m lines; cut[m][j]: last break.
    best = [[inf] * (k + 1) for _ in range(n + 1)]
    cut = [[0] * (k + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for m in range(1, n + 1):
        for j in range(m, k + 1):
            for i in range(m - 1, j):
                if best[m - 1][i] == inf:
                    continue
                cost = max(best[m - 1][i], width(i, j))
                if cost < best[m][j]:
                    best[m][j], cut[m][j] = cost, i
    lines: list[str] = []
    j = k
    for m in range(n, 0, -1):
        i = cut[m][j]
        lines.append(" ".join(words[i:j]))
        j = i
    return [shape(font, line, spec.tracking) for line in reversed(lines)]


def _try(text: str, font: Font, spec: BoxSpec) -> tuple[float, list[ShapedRun]] | None:
    """Fit ``text`` following the shrink-then-wrap rule, or return ``None``."""
    if "\n" in text:
        parts = [p.strip() for p in text.splitlines() if p.strip()]
        if len(parts) > spec.max_lines:
            return None
        runs = [shape(font, p, spec.tracking) for p in parts]
        size = _size_for(runs, font, spec)
        return (size, runs) if size >= spec.min_size else None
    words = text.split()
    whole = shape(font, " ".join(words), spec.tracking)
    most = min(spec.max_lines, len(words))
    if most > 1:
        # No wrapping makes the widest line narrower than an even share of the text (less the
        # spaces at the breaks); refusing here keeps a 3,000-word title from taking minutes in
        # the line-balancing search.  2% slack covers kerning around the removed spaces.
        left, right = _extent(whole)
        space = shape(font, " ", spec.tracking).advance
        floor = (right - left - (most - 1) * space) / most
        if floor * spec.min_size > spec.width * font.upem * 1.02:
            return None
    for n in range(1, most + 1):
        if n == 1:
            runs = [whole]
        else:
            runs = _balanced(words, n, font, spec)
        size = _size_for(runs, font, spec)
        if size >= spec.min_size:
            return size, runs
    return None


def _longest_fitting(text: str, font: Font, spec: BoxSpec) -> str:
    """The longest start of ``text`` (whole words if possible) that fits at the minimum size."""
    words = text.split()
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _try(" ".join(words[:mid]), font, spec) is not None:
            lo = mid
        else:
            hi = mid - 1
    if lo:
        return " ".join(words[:lo])
    first = words[0] if words else ""
    lo, hi = 0, len(first)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _try(first[:mid], font, spec) is not None:
            lo = mid
        else:
            hi = mid - 1
    return first[:lo]


def _short(text: str, limit: int = 48) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def fit_box(slot: str, text: str, font: Font, spec: BoxSpec) -> FittedText:
    """Fit ``text`` into the box of ``spec`` and place each line.

    :param slot: the slot's name, used in error messages.
    :raises TextFitError: the text does not fit at the minimum size on ``max_lines`` lines.
    :raises FontError: the font lacks a glyph the text needs.
    """
    found = _try(text, font, spec)
    if found is None:
        best = _longest_fitting(text, font, spec)
        lines = "1 line" if spec.max_lines == 1 else f"{spec.max_lines} lines"
        msg = (
            f'slot {slot!r}: "{_short(text)}" does not fit in {lines} at the minimum size '
            f'{spec.min_size:g}; the longest start that fits is "{best}"'
        )
        raise TextFitError(msg, slot=slot)
    size, runs = found
    k = size / font.upem
    leading = spec.line_height * font.upem
    top, bottom = _vertical(runs, font, leading)
    metric_h = (font.cap_height + (len(runs) - 1) * leading) * k
    y0 = spec.y + (spec.height - metric_h) / 2 + font.cap_height * k
    # Keep the ink inside the box: accents above capitals and descenders can stick out.
    y0 += max(0.0, spec.y - (y0 - top * k))
    y0 -= max(0.0, (y0 - bottom * k) - (spec.y + spec.height))
    origins: list[tuple[float, float]] = []
    for i, run in enumerate(runs):
        left, right = _extent(run)
        if spec.align == "left":
            x = spec.x - left * k
        elif spec.align == "right":
            x = spec.x + spec.width - right * k
        else:
            x = spec.x + (spec.width - run.advance * k) / 2
            x += max(0.0, spec.x - (x + left * k))
            x -= max(0.0, (x + right * k) - (spec.x + spec.width))
        origins.append((x, y0 + i * leading * k))
    return FittedText(size, tuple(runs), tuple(origins))
