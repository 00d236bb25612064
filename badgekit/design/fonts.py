"""Font loading: the bundled families in ``fonts/`` and user font files (not public API).

A :class:`Font` wraps one font file twice: harfbuzz (``uharfbuzz``) shapes text with it, and
fontTools draws its glyph outlines.  Fonts and glyph outlines are cached, because a batch of
personalised badges composes the same templates thousands of times.
"""

from __future__ import annotations

import functools
import io
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb
from fontTools.pens.basePen import BasePen
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont, TTLibError

from .. import _assets
from ..errors import FontError

__all__ = ["WEIGHTS", "Font", "FontFamily", "Glyph", "families", "load_font", "resolve_font"]

#: The weights every bundled family ships.
WEIGHTS = ("regular", "bold")

#: Largest font file accepted (bundled subsets are ~170 KB; full CJK fonts are ~20 MB).
MAX_FONT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class FontFamily:
    """A bundled font family, as listed in ``fonts/fonts.toml``."""

    key: str
    name: str
    kind: str
    licence: str
    files: dict[str, Path]


@dataclass(frozen=True)
class Glyph:
    """One glyph outline in font units (y up) and its ink bounds (``None`` if blank).

    ``ops`` lists SVG path commands with absolute coordinates: ``("M", (x, y))``,
    ``("L", (x, y))``, ``("Q", (x1, y1, x, y))``, ``("C", (x1, y1, x2, y2, x, y))``, ``("Z", ())``.
    """

    ops: tuple[tuple[str, tuple[float, ...]], ...]
    bounds: tuple[float, float, float, float] | None


class _OutlinePen(BasePen):  # type: ignore[misc]
    """A fontTools pen that records an outline as SVG commands (curves split into segments)."""

    def __init__(self, glyph_set: object) -> None:
        super().__init__(glyph_set)
        self.ops: list[tuple[str, tuple[float, ...]]] = []

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.ops.append(("M", pt))

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.ops.append(("L", pt))

    def _qCurveToOne(self, pt1: tuple[float, float], pt2: tuple[float, float]) -> None:
        self.ops.append(("Q", (*pt1, *pt2)))

    def _curveToOne(
        self, pt1: tuple[float, float], pt2: tuple[float, float], pt3: tuple[float, float]
    ) -> None:
        self.ops.append(("C", (*pt1, *pt2, *pt3)))

    def _closePath(self) -> None:
        self.ops.append(("Z", ()))


class Font:
    """A loaded font: harfbuzz for shaping, fontTools for outlines and metrics."""

    def __init__(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as e:
            msg = f"{path}: cannot read font file ({e.strerror or e})"
            raise FontError(msg) from None
        if len(data) > MAX_FONT_BYTES:
            msg = f"{path}: font file is larger than {MAX_FONT_BYTES:,} bytes"
            raise FontError(msg)
        try:
            self._tt = TTFont(io.BytesIO(data), lazy=True)
            self.cmap: dict[int, str] = self._tt.getBestCmap() or {}
            self.upem = int(self._tt["head"].unitsPerEm)
            os2 = self._tt["OS/2"]
            hhea = self._tt["hhea"]
            self._glyph_set = self._tt.getGlyphSet()
            self._order = self._tt.getGlyphOrder()
        except (TTLibError, KeyError, AssertionError, ValueError, OSError) as e:
            msg = f"{path}: not a usable OpenType/TrueType font ({e})"
            raise FontError(msg) from None
        self.path = path
        self.name = str(self._tt["name"].getDebugName(4) or path.stem)
        self.ascender = float(getattr(os2, "sTypoAscender", 0) or hhea.ascent)
        self.descender = float(getattr(os2, "sTypoDescender", 0) or hhea.descent)
        cap = float(getattr(os2, "sCapHeight", 0) or 0)
        self.cap_height = cap if cap > 0 else self.ascender * 0.7
        face = hb.Face(hb.Blob(data))
        self.hb_font = hb.Font(face)
        self._glyphs: dict[int, Glyph] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Font({self.name!r})"

    def glyph(self, gid: int) -> Glyph:
        """Return the (cached) outline of glyph ``gid``."""
        found = self._glyphs.get(gid)
        if found is not None:
            return found
        with self._lock:
            name = self._order[gid] if 0 <= gid < len(self._order) else ".notdef"
            glyph = self._glyph_set[name]
            pen = _OutlinePen(self._glyph_set)
            glyph.draw(pen)
            bpen = BoundsPen(self._glyph_set)
            glyph.draw(bpen)
            found = Glyph(tuple(pen.ops), bpen.bounds)
            self._glyphs[gid] = found
        return found

    def missing(self, text: str) -> list[str]:
        """Return the characters of ``text`` this font has no glyph for (spaces excepted)."""
        return sorted({c for c in text if ord(c) not in self.cmap and not c.isspace()})


@functools.cache
def families() -> dict[str, FontFamily]:
    """Return the bundled families keyed by name (``"inter"``), read from ``fonts/fonts.toml``."""
    root = _assets.asset_dir("fonts")
    try:
        doc = tomllib.loads((root / "fonts.toml").read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        msg = f"{root / 'fonts.toml'}: cannot read the font list ({e})"
        raise FontError(msg) from None
    out: dict[str, FontFamily] = {}
    for key, entry in doc.get("families", {}).items():
        files = {w: root / str(entry[w]) for w in WEIGHTS}
        name, kind, licence = str(entry["name"]), str(entry["kind"]), str(entry["licence"])
        out[key] = FontFamily(key, name, kind, licence, files)
    return out


@functools.lru_cache(maxsize=32)
def load_font(path: Path) -> Font:
    """Load (once) the font file at ``path``.

    :raises FontError: the file is missing or is not a font.
    """
    return Font(path)


def resolve_font(family: str, weight: str = "regular") -> Font:
    """Return a bundled family's font in ``weight``, or the font file at path ``family``.

    :param family: a bundled family name (``"inter"``) or a path to a ``.ttf``/``.otf`` file.
    :param weight: ``"regular"`` or ``"bold"`` (ignored for a font file).
    :raises FontError: unknown family or weight, or an unreadable font file.
    """
    known = families()
    if family in known:
        if weight not in WEIGHTS:
            msg = f"unknown font weight {weight!r} (choose from {', '.join(WEIGHTS)})"
            raise FontError(msg)
        return load_font(known[family].files[weight])
    if family.lower().endswith((".ttf", ".otf")):
        return load_font(Path(family).resolve())
    msg = f"unknown font {family!r}: use one of {', '.join(sorted(known))} or a .ttf/.otf file"
    raise FontError(msg)
