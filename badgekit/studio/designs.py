"""Design specs between the browser and the library (not public API).

The browser sends a design as JSON (the keys of ``design.toml``).  Only bundled templates and
fonts are accepted, and an icon is a bundled name, ``none``, or an upload the studio saved
under ``uploads/icons/`` (a path inside the workspace); so a design request can never make
the library read any other file.  Saved designs are ordinary ``design.toml`` files that
``badgekit design --spec`` reads.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

import badgekit
from badgekit.design import sample_values

from .http import ApiError

if TYPE_CHECKING:
    from .workspace import Workspace

__all__ = ["ICON_FOLDER", "spec_from_json", "spec_to_json", "spec_toml", "template_catalog"]

ICON_FOLDER = "uploads/icons"
_KEYS = {"template", "values", "palette", "colors", "icon", "fonts", "sizes", "alt"}


@functools.cache
def template_catalog() -> dict[str, dict[str, Any]]:
    """Bundled templates by name, with their slots (kind, required, sample text)."""
    out: dict[str, dict[str, Any]] = {}
    for info in badgekit.list_templates():
        samples = sample_values(info.name)
        out[info.name] = {
            "name": info.name,
            "label": info.label,
            "description": info.description,
            "width": info.width,
            "height": info.height,
            "palette": info.palette,
            "tags": list(info.tags),
            "slots": [
                {
                    "name": name,
                    "kind": kind,
                    "required": name in info.required,
                    "sample": samples.get(name, ""),
                }
                for name, kind in info.slots.items()
            ],
        }
    return out


def _icon(value: Any, ws: Workspace) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ApiError(400, "'icon' must be a string", "wrong_type")
    if value == "none" or "/" not in value:
        return value  # a bundled name: the library says if it is unknown
    return str(ws.within(value, ICON_FOLDER))


def spec_from_json(data: dict[str, Any], ws: Workspace) -> badgekit.DesignSpec:
    """A :class:`~badgekit.DesignSpec` from the browser's JSON.

    :raises ApiError: a wrong type, an unknown key, or a template or font that is not bundled.
    :raises DesignError: what the library refuses (an unknown palette, a bad colour).
    """
    if unknown := sorted(set(data) - _KEYS):
        raise ApiError(400, f"unknown design key {unknown[0]!r}", "unknown_field")
    template = data.get("template")
    if not isinstance(template, str) or template not in template_catalog():
        raise ApiError(400, f"unknown template {template!r}", "unknown_template")
    fonts = data.get("fonts") or {}
    if not isinstance(fonts, dict) or not all(
        isinstance(v, str) and "/" not in v and "\\" not in v and "." not in v
        for v in fonts.values()
    ):
        raise ApiError(400, "'fonts' must name bundled font families", "wrong_type")
    doc = {k: v for k, v in data.items() if k not in ("icon", "template") and v is not None}
    spec = badgekit.DesignSpec.from_mapping({"template": template, **doc}, where="design")
    icon = _icon(data.get("icon"), ws)
    return badgekit.DesignSpec(
        template=spec.template,
        values={k: v for k, v in spec.values.items() if v.strip()},
        palette=spec.palette or None,
        colors={k: v for k, v in spec.colors.items() if v},
        icon=icon,
        fonts=spec.fonts,
        sizes=spec.sizes,
        alt=spec.alt,
    )


def _icon_for_browser(icon: str | None, ws: Workspace) -> str | None:
    if icon is None or not os.path.isabs(icon):
        return icon
    try:
        path = ws.path(ws.rel(Path(icon)))
        if path.is_relative_to(ws.path(ICON_FOLDER)):
            return ws.rel(path)
    except (badgekit.BadgekitError, ValueError):
        pass
    return None  # a saved design naming a file elsewhere: the browser gets the default


def spec_to_json(spec: badgekit.DesignSpec, ws: Workspace) -> dict[str, Any]:
    """The browser's JSON for a spec (icons as workspace paths)."""
    return {
        "template": spec.template,
        "values": spec.values,
        "palette": spec.palette,
        "colors": spec.colors,
        "icon": _icon_for_browser(spec.icon, ws),
        "sizes": list(spec.sizes),
        "alt": spec.alt,
    }


def spec_toml(spec: badgekit.DesignSpec, target: Path) -> str:
    """The ``design.toml`` text of ``spec`` saved at ``target`` (icon path relative to it)."""
    doc: dict[str, Any] = {"template": spec.template}
    if spec.palette:
        doc["palette"] = spec.palette
    if spec.icon:
        icon = spec.icon
        doc["icon"] = os.path.relpath(icon, target.parent) if os.path.isabs(icon) else icon
    doc["sizes"] = list(spec.sizes)
    if spec.alt:
        doc["alt"] = spec.alt
    for table in ("values", "colors", "fonts"):
        value = getattr(spec, table)
        if value:
            doc[table] = dict(value)
    return tomli_w.dumps(doc)
