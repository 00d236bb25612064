"""Composing a badge: template + texts + colours + icon -> standalone SVG bytes (not public API).

The result needs no font and refers to no other file: text is outlines, icons are inline
drawings or ``data:`` images.  It carries ``<title>`` and ``<desc>`` for screen readers.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from ..errors import TemplateError
from .arc import fit_arc
from .fit import fit_box
from .fonts import resolve_font
from .icons import Icon, load_icon
from .palettes import (
    LARGE_TEXT_RATIO,
    SMALL_TEXT_RATIO,
    contrast,
    ensure_contrast,
    resolve_colors,
    shade,
)
from .template import IconSlot, Template, TextSlot, load_template

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["ComposedBadge", "compose"]

_XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass(frozen=True)
class ComposedBadge:
    """A composed badge: the SVG, the size each text was fitted at, and any warnings.

    :ivar svg: standalone SVG bytes (UTF-8), ready to save or to :func:`render`.
    :ivar fitted: the font size (template units; px at 600 px) used for each text slot.
    :ivar warnings: one-line notes, e.g. a text colour changed to reach WCAG contrast.
    """

    svg: bytes
    template: str
    fitted: dict[str, float]
    warnings: tuple[str, ...]
    colors: dict[str, str] = field(default_factory=dict)
    title: str = ""
    description: str = ""
    width: float = 600.0
    height: float = 600.0


#: Accents Greek capitals go without: tonos/oxia, varia, perispomeni, psili, dasia, iota subscript.
_GREEK_CAPS_DROP = frozenset("\u0301\u0300\u0342\u0313\u0314\u0345")


def _greek_upper(text: str) -> str:
    """``text.upper()``, but Greek capitals lose their accents as Greek typesetting requires
    ("Φυσική" -> "ΦΥΣΙΚΗ", not "ΦΥΣΙΚΉ"); Latin capitals keep theirs ("École" -> "ÉCOLE")."""
    out: list[str] = []
    dropped = False  # an accent was just dropped from capital alpha, epsilon, omicron, upsilon
    base = ""  # the last letter (not a combining mark)
    for ch in unicodedata.normalize("NFD", text.upper()):
        if ch in _GREEK_CAPS_DROP and "\u0370" <= base <= "\u03ff":
            dropped = base in "\u0391\u0395\u039f\u03a5"
            continue
        if unicodedata.combining(ch) == 0:
            if dropped and ch in "\u0399\u03a5":  # iota, upsilon
                # "Ρολόι" -> "ΡΟΛΟΪ": the diaeresis keeps the vowels apart without the accent.
                ch += "\u0308"
            base, dropped = ch[0], False
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _clean(text: str, slot: TextSlot | None = None) -> str:
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    out = "\n".join(line for line in lines if line)
    return _greek_upper(out) if slot is not None and slot.case == "upper" else out


@functools.lru_cache(maxsize=4096)
def _outline(slot: TextSlot, text: str, font_name: str) -> tuple[float, str]:
    """Fitted size and path data of ``text`` in ``slot`` (cached: in a batch, only the
    personalised slots change from one badge to the next)."""
    font = resolve_font(font_name, slot.weight)
    if slot.arc is not None:
        fitted_arc = fit_arc(slot.name, text.replace("\n", " "), font, slot.arc)
        return fitted_arc.size, fitted_arc.path()
    assert slot.box is not None
    fitted_box = fit_box(slot.name, text, font, slot.box)
    return fitted_box.size, fitted_box.path()


def _text(
    slot: TextSlot, text: str, font_name: str, colors: dict[str, str], warnings: list[str]
) -> tuple[str, float]:
    size, body = _outline(slot, text, font_name)
    fg, bg = shade(slot.color, colors), shade(slot.on, colors)
    # WCAG 2.x: "large" text is at least 18 pt (24 px), or 14 pt (18.66 px) when bold.
    large = size >= 24 or (slot.weight == "bold" and size >= 18.66)
    need = LARGE_TEXT_RATIO if large else SMALL_TEXT_RATIO
    ratio = contrast(fg, bg)
    if ratio < need:
        fixed = ensure_contrast(fg, bg, need)
        warnings.append(
            f"slot {slot.name!r}: text colour {fg} on {bg} has contrast {ratio:.2f}:1, below "
            f"{need:g}:1; using {fixed} ({contrast(fixed, bg):.2f}:1)"
        )
        fg = fixed
    return f'<path id="slot-{slot.name}" fill="{fg}" d="{body}"/>', round(size, 2)


def _icon(slot: IconSlot, icon: Icon | None, colors: dict[str, str]) -> str:
    if icon is None:
        return ""
    body = icon.svg(slot.x, slot.y, slot.size, shade(slot.color, colors), slot.stroke)
    return f'<g id="slot-{slot.name}">{body}</g>'


def _pick_icon(tpl: Template, icon: str | None) -> Icon | None:
    slots = [s for s in tpl.slots.values() if isinstance(s, IconSlot)]
    if not slots:
        if icon:
            msg = f"template {tpl.name} has no icon slot"
            raise TemplateError(msg)
        return None
    if icon in ("", "none"):
        return None
    return load_icon(icon or slots[0].default)


def compose(
    template: str,
    values: Mapping[str, str] | None = None,
    *,
    palette: str | None = None,
    colors: Mapping[str, str] | None = None,
    icon: str | None = None,
    fonts: Mapping[str, str] | None = None,
    alt: str | None = None,
) -> ComposedBadge:
    """Compose a badge from a template: fit the texts, colour it, place the icon.

    >>> badge = compose("circle-seal", {"title": "Data Science"}, palette="ocean")
    >>> badge.svg[:5], badge.fitted["title"] > 0          # doctest: +SKIP
    (b'<?xml', True)

    :param template: a bundled template name (see :func:`list_templates`) or a ``.toml`` path.
    :param values: text per slot (``title``, ``subtitle``...); slots left out stay empty,
        except required ones.
    :param palette: a palette name (see :func:`list_palettes`); default: the template's.
    :param colors: colours per role that override the palette (``{"primary": "#123456"}``).
    :param icon: a bundled icon name, a path to an SVG or PNG file, or ``"none"``;
        default: the template's icon.
    :param fonts: font family name or ``.ttf``/``.otf`` path per slot (``"*"`` for all).
    :param alt: the description for screen readers (default: built from the texts).
    :raises TemplateError: unknown template or slot, or a required slot left empty.
    :raises TextFitError: a text does not fit its slot.
    :raises FontError: a font lacks a character of a text.
    :raises IconError: unknown or unsafe icon.
    :raises DesignError: unknown palette or colour role, or a malformed colour.
    """
    tpl = load_template(template)
    given = dict(values or {})
    text_slots = {n: s for n, s in tpl.slots.items() if isinstance(s, TextSlot)}
    if unknown := sorted(set(given) - set(text_slots)):
        msg = (
            f"template {tpl.name} has no text slot {unknown[0]!r} (slots: {', '.join(text_slots)})"
        )
        raise TemplateError(msg)
    cols = resolve_colors(palette or tpl.palette, colors)
    chosen_icon = _pick_icon(tpl, icon)
    fonts = fonts or {}
    if bad := sorted(set(fonts) - set(text_slots) - {"*"}):
        msg = f"template {tpl.name} has no text slot {bad[0]!r} for a font (slots: " + (
            f"{', '.join(text_slots)}, or * for all)"
        )
        raise TemplateError(msg)
    warnings: list[str] = []
    fitted: dict[str, float] = {}
    filled: dict[str, str] = {}
    texts: list[str] = []
    for name, slot in tpl.slots.items():
        if isinstance(slot, IconSlot):
            filled[name] = _icon(slot, chosen_icon, cols)
            continue
        raw = _clean(given[name] if name in given else slot.default)
        text = _clean(raw, slot)
        if not text:
            if slot.required:
                msg = f"template {tpl.name}: slot {name!r} needs a text"
                raise TemplateError(msg)
            filled[name] = ""
            continue
        font_name = fonts.get(name) or fonts.get("*") or slot.font
        filled[name], fitted[name] = _text(slot, text, font_name, cols, warnings)
        # Alt text keeps the words as written: screen readers spell out some all-caps words.
        texts.append(" ".join(raw.split()))
    title = ""
    if "title" in text_slots:
        title = " ".join(_clean(given.get("title", "")).split())
    title = title or (texts[0] if texts else tpl.label)
    desc = alt or f"{tpl.label} badge: " + "; ".join(texts) + (
        f" (icon: {chosen_icon.name})" if chosen_icon and not chosen_icon.href else ""
    )
    a11y = (
        f'<title id="badge-title">{escape(title)}</title>'
        f'<desc id="badge-desc">{escape(desc)}</desc>'
    )
    out: list[str] = [_XML_DECL]
    skip = 0  # depth inside data-if elements whose slot is empty
    for part in tpl.parts:
        if isinstance(part, tuple) and part[0] in ("if", "fi"):
            if part[0] == "if" and (skip or not filled.get(part[1])):
                skip += 1
            elif part[0] == "fi" and skip:
                skip -= 1
        elif skip:
            continue
        elif isinstance(part, str):
            out.append(part)
        elif part[0] == "color":
            out.append(shade(part[1], cols))
        elif part[0] == "slot":
            out.append(filled[part[1]])
        else:
            out.append(a11y)
    return ComposedBadge(
        svg="".join(out).encode("utf-8"),
        template=tpl.name,
        fitted=fitted,
        warnings=tuple(warnings),
        colors=cols,
        title=title,
        description=desc,
        width=tpl.width,
        height=tpl.height,
    )
