"""Badge artwork: SVG templates -> composed SVG -> PNG (not public API; use the facade).

The facade (:mod:`badgekit`) re-exports :func:`compose`, :func:`render`, :func:`render_sizes`,
:class:`DesignSpec` and the listing helpers.  This layer imports only ``errors``, ``_io``,
``_assets``, Pillow, cairosvg, uharfbuzz, fontTools and defusedxml: no crypto, no JSON-LD.
"""

from __future__ import annotations

from .catalog import TemplateInfo, list_palettes, list_templates
from .compose import ComposedBadge, compose
from .icons import IconInfo, search_icons
from .palettes import Palette
from .render import issuing_warnings, render, render_sizes
from .sheet import contact_sheet, sample_values
from .spec import DesignSpec

__all__ = [
    "ComposedBadge",
    "DesignSpec",
    "IconInfo",
    "Palette",
    "TemplateInfo",
    "compose",
    "contact_sheet",
    "issuing_warnings",
    "list_palettes",
    "list_templates",
    "render",
    "render_sizes",
    "sample_values",
    "search_icons",
]
