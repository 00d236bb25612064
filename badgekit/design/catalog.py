"""Listing what is bundled: templates with their slots, and palettes (not public API)."""

from __future__ import annotations

from dataclasses import dataclass

from .palettes import Palette, palettes
from .template import IconSlot, Template, TextSlot, load_template
from .template import list_templates as template_names

__all__ = ["TemplateInfo", "list_palettes", "list_templates"]


@dataclass(frozen=True)
class TemplateInfo:
    """A template's name, label, description, size and slots (name -> kind)."""

    name: str
    label: str
    description: str
    width: float
    height: float
    palette: str
    tags: tuple[str, ...]
    slots: dict[str, str]
    required: tuple[str, ...]


def _info(tpl: Template) -> TemplateInfo:
    kinds: dict[str, str] = {}
    for name, slot in tpl.slots.items():
        if isinstance(slot, IconSlot):
            kinds[name] = "icon"
        else:
            kinds[name] = "arc" if slot.arc is not None else "text"
    required = tuple(n for n, s in tpl.slots.items() if isinstance(s, TextSlot) and s.required)
    return TemplateInfo(
        tpl.name,
        tpl.label,
        tpl.description,
        tpl.width,
        tpl.height,
        tpl.palette,
        tpl.tags,
        kinds,
        required,
    )


def list_templates() -> list[TemplateInfo]:
    """Every bundled template, sorted by name, with its slots.

    :raises TemplateError: a bundled template is broken.
    """
    return [_info(load_template(name)) for name in template_names()]


def list_palettes() -> list[Palette]:
    """Every bundled palette, sorted by name."""
    return [p for _, p in sorted(palettes().items())]
