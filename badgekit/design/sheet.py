"""The contact sheet: every template composed with its sample texts, on one image
(not public API)."""

from __future__ import annotations

import base64
from xml.sax.saxutils import escape

from .compose import compose
from .fit import BoxSpec, fit_box
from .fonts import resolve_font
from .template import TextSlot, list_templates, load_template

__all__ = ["contact_sheet", "sample_values"]


def sample_values(name: str) -> dict[str, str]:
    """The sample texts a template declares for its slots (for previews and tests).

    A required slot with neither a ``sample`` nor a ``default`` shows the template's label,
    so a designer's first template still previews.
    """
    tpl = load_template(name)
    out: dict[str, str] = {}
    for n, s in tpl.slots.items():
        if not isinstance(s, TextSlot):
            continue
        if s.sample and s.sample != s.default:
            out[n] = s.sample
        elif s.required and not s.default:
            out[n] = tpl.label
    return out


def contact_sheet(
    names: list[str] | None = None, *, palette: str | None = None, columns: int = 4, cell: int = 300
) -> bytes:
    """An SVG showing every template (or ``names``) with its sample texts and its name.

    :returns: SVG bytes; render them with :func:`~badgekit.render`.
    :raises TemplateError: an unknown template name.
    """
    names = names or list_templates()
    rows = (len(names) + columns - 1) // columns
    label_h, pad = 34, 18
    width, height = columns * cell, rows * (cell + label_h)
    font = resolve_font("inter", "bold")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img">'
        "<title>badgekit templates</title>"
        f"<desc>Contact sheet of {len(names)} badge templates: {escape(', '.join(names))}</desc>"
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
    ]
    for i, name in enumerate(names):
        x, y = (i % columns) * cell, (i // columns) * (cell + label_h)
        badge = compose(name, sample_values(name), palette=palette)
        uri = "data:image/svg+xml;base64," + base64.b64encode(badge.svg).decode()
        parts.append(
            f'<image x="{x + pad}" y="{y + pad}" width="{cell - 2 * pad}" '
            f'height="{cell - 2 * pad}" preserveAspectRatio="xMidYMid meet" href="{uri}"/>'
        )
        box = BoxSpec(x + pad, y + cell - 4, cell - 2 * pad, label_h - 8, 18, 8)
        label = fit_box(name, badge.template, font, box)  # a designer's path -> its name
        parts.append(f'<path fill="#334155" d="{label.path()}"/>')
    parts.append("</svg>")
    return "".join(parts).encode("utf-8")
