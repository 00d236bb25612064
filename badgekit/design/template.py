"""Badge templates: an SVG plus a TOML file naming its slots (not public API).

The SVG opens as it is in any browser or editor.  Elements carrying ``data-slot="NAME"`` are
placeholders (sample text, a sample icon) that composing replaces with outlines; attributes
``data-fill``, ``data-stroke``, ``data-stop-color`` and ``data-flood-color`` name a colour
role (``primary``, ``accent+40``...) that composing fills in from the palette; ``data-if="SLOT"``
draws an element only when that slot is filled.  A template is
parsed and checked once, then kept as a list of SVG fragments and holes, so composing is
string joining.
"""

from __future__ import annotations

import functools
import re
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import _assets
from ..errors import DesignError, TemplateError
from .arc import ArcSpec
from .fit import BoxSpec
from .palettes import palettes, shade
from .sanitize import SVG_NS, check_tree, local, parse_svg, serialize

__all__ = ["IconSlot", "Template", "TextSlot", "list_templates", "load_template"]

_COLOR_ATTRS = ("fill", "stroke", "stop-color", "flood-color")
_HOLE = re.compile(r'\{\{([^{}"<>]+)\}\}|<g id="bk-(slot|a11y|if|fi)-?([^"]*)" />')


@dataclass(frozen=True)
class TextSlot:
    """A text slot: in a box (``box``) or along an arc (``arc``)."""

    name: str
    font: str
    weight: str
    color: str
    on: str
    case: str
    required: bool
    sample: str
    default: str
    box: BoxSpec | None = None
    arc: ArcSpec | None = None


@dataclass(frozen=True)
class IconSlot:
    """An icon slot: a square at (``x``, ``y``) of side ``size``."""

    name: str
    x: float
    y: float
    size: float
    color: str
    stroke: float
    default: str


@dataclass(frozen=True)
class Template:
    """A loaded, checked template."""

    name: str
    label: str
    description: str
    width: float
    height: float
    palette: str
    tags: tuple[str, ...]
    slots: dict[str, TextSlot | IconSlot]
    parts: tuple[str | tuple[str, str], ...]
    path: Path


def _num(v: Any, what: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        msg = f"{what} must be a number, not {v!r}"
        raise TemplateError(msg)
    return float(v)


def _nums(v: Any, n: int, what: str) -> list[float]:
    if not isinstance(v, list) or len(v) != n:
        msg = f"{what} must be a list of {n} numbers"
        raise TemplateError(msg)
    return [_num(x, what) for x in v]


def _text_slot(name: str, e: dict[str, Any], where: str, base: Path) -> TextSlot:
    common: dict[str, Any] = {
        "max_size": _num(e.get("max_size"), f"{where}.max_size"),
        "min_size": _num(e.get("min_size"), f"{where}.min_size"),
        "tracking": _num(e.get("tracking", 0.0), f"{where}.tracking"),
    }
    if common["min_size"] > common["max_size"] or common["min_size"] <= 0:
        msg = f"{where}: min_size must be positive and at most max_size"
        raise TemplateError(msg)
    box = arc = None
    if e.get("type") == "arc":
        cx, cy = _nums(e.get("center"), 2, f"{where}.center")
        arc = ArcSpec(
            cx=cx,
            cy=cy,
            radius=_num(e.get("radius"), f"{where}.radius"),
            band=_num(e.get("band"), f"{where}.band"),
            angle=_num(e.get("angle", 0), f"{where}.angle"),
            span=_num(e.get("span"), f"{where}.span"),
            bottom=bool(e.get("bottom", False)),
            **common,
        )
    else:
        x, y, w, h = _nums(e.get("box"), 4, f"{where}.box")
        box = BoxSpec(
            x=x,
            y=y,
            width=w,
            height=h,
            max_lines=int(_num(e.get("max_lines", 1), f"{where}.max_lines")),
            line_height=_num(e.get("line_height", 1.15), f"{where}.line_height"),
            align=str(e.get("align", "center")),
            **common,
        )
        if box.align not in ("left", "center", "right") or box.max_lines < 1:
            msg = f"{where}: align must be left, center or right and max_lines at least 1"
            raise TemplateError(msg)
    case = str(e.get("case", "none"))
    if case not in ("none", "upper"):
        msg = f"{where}.case must be 'none' or 'upper'"
        raise TemplateError(msg)
    return TextSlot(
        name=name,
        font=_font(str(e.get("font", "inter")), base),
        weight=str(e.get("weight", "regular")),
        color=str(e.get("color", "text")),
        on=str(e.get("on", "background")),
        case=case,
        required=bool(e.get("required", False)),
        sample=str(e.get("sample", e.get("default", ""))),
        default=str(e.get("default", "")),
        box=box,
        arc=arc,
    )


def _font(font: str, base: Path) -> str:
    """A font file named in a template is relative to the template's folder."""
    if font.lower().endswith((".ttf", ".otf")) and not Path(font).is_absolute():
        return str(base / font)
    return font


def _slot(name: str, e: Any, where: str, base: Path) -> TextSlot | IconSlot:
    if not isinstance(e, dict):
        msg = f"{where} must be a table"
        raise TemplateError(msg)
    kind = e.get("type", "text")
    if kind == "icon":
        x, y, w, h = _nums(e.get("box"), 4, f"{where}.box")
        size = min(w, h)
        return IconSlot(
            name,
            x + (w - size) / 2,
            y + (h - size) / 2,
            size,
            str(e.get("color", "primary")),
            _num(e.get("stroke", 1.75), f"{where}.stroke"),
            str(e.get("default", "award")),
        )
    if kind not in ("text", "arc"):
        msg = f"{where}.type must be text, arc or icon, not {kind!r}"
        raise TemplateError(msg)
    return _text_slot(name, e, where, base)


def _marker(kind: str, slot: str, tail: str | None = None) -> ET.Element:
    hole = ET.Element(f"{{{SVG_NS}}}g", {"id": f"bk-{kind}-{slot}"})
    hole.tail = tail
    return hole


def _conditionals(root: ET.Element, slots: dict[str, Any], what: str) -> None:
    """``data-if="SLOT"``: the element is drawn only when that slot is filled (a level pill
    with no level).  It is bracketed by ``if``/``fi`` holes that composing skips between."""
    for parent in list(root.iter()):
        for child in list(parent):
            slot = child.attrib.pop("data-if", None)
            if slot is None:
                continue
            if slot not in slots:
                msg = f"{what}: data-if={slot!r} names no slot (slots: {', '.join(slots)})"
                raise TemplateError(msg)
            i = list(parent).index(child)
            parent.insert(i + 1, _marker("fi", slot, child.tail))
            child.tail = None
            parent.insert(i, _marker("if", slot))


def _check_no_transform(parents: list[ET.Element], slot: str, what: str) -> None:
    # Slot boxes are in viewBox units; a transformed group would move or scale the text.
    for el in parents:
        if el.get("transform"):
            msg = (
                f"{what}: data-slot={slot!r} is inside a <{local(el.tag)}> with a transform; "
                "slot boxes are in viewBox units, so move the placeholder out of that group "
                "(Inkscape: select it, then Object > Ungroup)"
            )
            raise TemplateError(msg)


def _compile(root: ET.Element, slots: dict[str, TextSlot | IconSlot], what: str) -> list[Any]:
    """Turn colour roles and slot placeholders into holes; return the fragments."""
    check_tree(root, what=what, error=TemplateError, images=True)
    seen: set[str] = set()
    sample = palettes()["royal"].colors
    up = {child: parent for parent in root.iter() for child in parent}
    for parent in list(root.iter()):
        for i, child in enumerate(list(parent)):
            slot = child.get("data-slot")
            if slot is None:
                continue
            if slot not in slots or slot in seen:
                msg = f"{what}: data-slot={slot!r} is unknown or used twice"
                raise TemplateError(msg)
            seen.add(slot)
            chain: list[ET.Element] = []
            el = parent
            while el is not root:
                chain.append(el)
                el = up[el]
            _check_no_transform(chain, slot, what)
            parent[i] = _marker("slot", slot, child.tail)
    _conditionals(root, slots, what)
    if missing := sorted(set(slots) - seen):
        msg = f"{what}: no placeholder element with data-slot={missing[0]!r}"
        raise TemplateError(msg)
    for el in root.iter():
        if local(el.tag) in ("text", "tspan", "textpath"):
            msg = f"{what}: <text> is only allowed inside a data-slot placeholder"
            raise TemplateError(msg)
        for attr in _COLOR_ATTRS:
            role = el.attrib.pop(f"data-{attr}", None)
            if role is not None:
                try:
                    shade(role, sample)
                except DesignError as e:
                    msg = f"{what}: data-{attr}: {e}"
                    raise TemplateError(msg) from None
                el.set(attr, "{{" + role + "}}")
                _drop_style(el, attr)
    for el in list(root):
        if local(el.tag) in ("title", "desc"):
            root.remove(el)
    root.insert(0, ET.Element(f"{{{SVG_NS}}}g", {"id": "bk-a11y"}))
    root.set("role", "img")
    root.set("aria-labelledby", "badge-title badge-desc")
    text = serialize(root)
    parts: list[Any] = []
    pos = 0
    for m in _HOLE.finditer(text):
        parts.append(text[pos : m.start()])
        if m.group(1):
            parts.append(("color", m.group(1)))
        else:
            parts.append((m.group(2), m.group(3)))
        pos = m.end()
    parts.append(text[pos:])
    return parts


def _drop_style(el: ET.Element, prop: str) -> None:
    """Remove ``prop`` from the ``style`` attribute, which would beat the role's colour
    (Inkscape writes colours as ``style="fill:#123456"``)."""
    style = el.get("style")
    if style is None:
        return
    kept = [d for d in style.split(";") if d.split(":", 1)[0].strip().lower() != prop]
    if any(d.strip() for d in kept):
        el.set("style", ";".join(kept))
    else:
        del el.attrib["style"]


def _size(root: ET.Element, what: str) -> tuple[float, float]:
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        x, y, w, h = (float(v) for v in box)
    except ValueError:
        msg = f"{what}: the <svg> root needs a viewBox of four numbers"
        raise TemplateError(msg) from None
    if x or y or w <= 0 or h <= 0:
        msg = f"{what}: the viewBox must start at 0 0 and have a positive size"
        raise TemplateError(msg)
    return w, h


@functools.lru_cache(maxsize=64)
def _load(path: Path) -> Template:
    what = f"template {path.stem}"
    try:
        meta = tomllib.loads(path.read_text("utf-8"))
        svg = path.with_suffix(".svg").read_bytes()
    except OSError as e:
        msg = f"{what}: cannot read {e.filename} ({e.strerror})"
        raise TemplateError(msg) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        msg = f"{what}: {path.name} is not valid TOML ({e})"
        raise TemplateError(msg) from None
    raw = meta.get("slots")
    if not isinstance(raw, dict) or not raw:
        msg = f"{what}: {path.name} declares no [slots]"
        raise TemplateError(msg)
    slots = {n: _slot(n, e, f"{what}: slots.{n}", path.parent) for n, e in raw.items()}
    palette = str(meta.get("palette", "royal"))
    if palette not in palettes():
        msg = f"{what}: unknown default palette {palette!r}"
        raise TemplateError(msg)
    root = parse_svg(svg, what=what, error=TemplateError)
    width, height = _size(root, what)
    parts = _compile(root, slots, what)
    return Template(
        name=path.stem,
        label=str(meta.get("label", path.stem)),
        description=str(meta.get("description", "")),
        width=width,
        height=height,
        palette=palette,
        tags=tuple(str(t) for t in meta.get("tags", [])),
        slots=slots,
        parts=tuple(parts),
        path=path,
    )


def list_templates() -> list[str]:
    """Names of the bundled templates (each ``NAME.toml`` with a ``NAME.svg`` beside it)."""
    root = _assets.asset_dir("templates")
    return sorted(p.stem for p in root.glob("*.toml") if p.with_suffix(".svg").is_file())


def load_template(name: str) -> Template:
    """Load a bundled template by name, or a designer's template by the path of its ``.toml``.

    :raises TemplateError: unknown name, unreadable files, or an invalid template.
    """
    if name.endswith((".toml", ".svg")) or "/" in name:
        # Either file of the pair names the template (the SVG is what a designer has open).
        return _load(Path(name).resolve().with_suffix(".toml"))
    if name not in list_templates():
        msg = f"unknown template {name!r} (choose from {', '.join(list_templates())})"
        raise TemplateError(msg)
    return _load(_assets.asset_dir("templates") / f"{name}.toml")
