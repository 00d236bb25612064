"""Colour palettes, colour expressions and the WCAG 2.x contrast rule (not public API).

A palette gives a colour to each *role* a template uses.  Templates may also ask for a shade
of a role: ``primary+30`` mixes 30 % white into ``primary``, ``primary-30`` 30 % black.
Text colours are checked against their background with the WCAG 2.x contrast ratio
(https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio) and fixed automatically when too low.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import _assets
from ..errors import DesignError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "ROLES",
    "Palette",
    "contrast",
    "ensure_contrast",
    "palettes",
    "parse_color",
    "resolve_colors",
    "shade",
]

#: Every role a palette defines.  Text roles (``text``, ``on-*``) pair with a background role.
ROLES = ("primary", "secondary", "accent", "background", "text", "on-primary", "on-secondary")

#: WCAG 2.x minimum contrast ratios: normal text, and large text (>= 24 px, or >= 18.66 px bold).
SMALL_TEXT_RATIO = 4.5
LARGE_TEXT_RATIO = 3.0

_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_EXPR = re.compile(r"([a-z][a-z-]*?)(?:([+-])(\d{1,3}))?")


@dataclass(frozen=True)
class Palette:
    """A named set of colours, one per role (``#rrggbb``)."""

    name: str
    label: str
    colors: Mapping[str, str]


def parse_color(value: str, *, what: str = "colour") -> str:
    """Normalise ``#rgb``/``#rrggbb`` to lower-case ``#rrggbb``.

    :raises DesignError: ``value`` is not a hex colour.
    """
    m = _HEX.fullmatch(value.strip())
    if not m:
        msg = f"{what}: {value!r} is not a colour like #1a2b3c"
        raise DesignError(msg)
    digits = m.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def mix(color: str, other: str, amount: float) -> str:
    """Mix ``amount`` (0..1) of ``other`` into ``color``."""
    a, b = _rgb(color), _rgb(other)
    r, g, bl = (x + (y - x) * amount for x, y in zip(a, b, strict=True))
    return _hex((r, g, bl))


def luminance(color: str) -> float:
    """WCAG 2.x relative luminance of a ``#rrggbb`` colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    """WCAG 2.x contrast ratio between two colours, from 1.0 to 21.0."""
    la, lb = luminance(fg), luminance(bg)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def ensure_contrast(fg: str, bg: str, ratio: float) -> str:
    """Return ``fg`` if it reaches ``ratio`` on ``bg``, else the nearest shade of it that does.

    The shade moves toward black or white (whichever contrasts more with ``bg``) in 5 % steps,
    so the text keeps its hue where it can; pure black or white is the last resort.
    """
    if contrast(fg, bg) >= ratio:
        return fg
    target = "#000000" if contrast("#000000", bg) >= contrast("#ffffff", bg) else "#ffffff"
    for step in range(1, 21):
        candidate = mix(fg, target, step / 20)
        if contrast(candidate, bg) >= ratio:
            return candidate
    return target


def shade(expr: str, colors: Mapping[str, str]) -> str:
    """Evaluate a colour expression: a role (``accent``), a shade (``primary+30``) or a hex.

    :raises DesignError: unknown role or malformed expression.
    """
    if expr.startswith("#"):
        return parse_color(expr)
    m = _EXPR.fullmatch(expr)
    if not m or m.group(1) not in colors:
        msg = f"unknown colour role {expr!r} (roles: {', '.join(ROLES)})"
        raise DesignError(msg)
    base = colors[m.group(1)]
    if not m.group(2):
        return base
    amount = min(int(m.group(3)), 100) / 100
    return mix(base, "#ffffff" if m.group(2) == "+" else "#000000", amount)


@functools.cache
def palettes() -> dict[str, Palette]:
    """Return the bundled palettes (``templates/palettes.toml``) keyed by name."""
    path = _assets.asset_dir("templates") / "palettes.toml"
    try:
        doc = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        msg = f"{path}: cannot read the palettes ({e})"
        raise DesignError(msg) from None
    out: dict[str, Palette] = {}
    for name, entry in doc.items():
        colors = {r: parse_color(str(entry[r]), what=f"palette {name} {r}") for r in ROLES}
        out[name] = Palette(name, str(entry.get("label", name)), colors)
    return out


def resolve_colors(palette: str, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The colours of ``palette`` with ``overrides`` (role -> hex) applied.

    :raises DesignError: unknown palette or role, or a malformed colour.
    """
    known = palettes()
    if palette not in known:
        msg = f"unknown palette {palette!r} (choose from {', '.join(sorted(known))})"
        raise DesignError(msg)
    colors = dict(known[palette].colors)
    for role, value in (overrides or {}).items():
        if role not in ROLES:
            msg = f"unknown colour role {role!r} (roles: {', '.join(ROLES)})"
            raise DesignError(msg)
        colors[role] = parse_color(value, what=f"colour {role}")
    return colors
