"""Design specs: a TOML file that records a design so it can be composed again (not public API).

Example ``design.toml``::

    template = "circle-seal"
    palette = "ocean"
    icon = "atom"              # a bundled name, or a file path relative to this file
    sizes = [600, 300, 64]

    [values]
    title = "Data Science"
    top = "Example University"

    [colors]
    accent = "#f0c419"

An achievement file may name one (``design = "design.toml"``) so every issued badge looks alike.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import _io
from ..errors import DesignError
from .compose import ComposedBadge, compose

__all__ = ["DesignSpec"]

_KEYS = {"template", "values", "palette", "colors", "icon", "fonts", "sizes", "alt"}


def _table(doc: Mapping[str, Any], key: str, where: str) -> dict[str, str]:
    raw = doc.get(key, {})
    if not isinstance(raw, Mapping) or not all(isinstance(v, str) for v in raw.values()):
        msg = f"{where}: [{key}] must be a table of strings"
        raise DesignError(msg)
    return {str(k): v for k, v in raw.items()}


def _local(value: str, base: Path | None) -> str:
    """Resolve a file path relative to the spec file; leave bundled names alone."""
    if base is not None and value.lower().endswith((".svg", ".png", ".ttf", ".otf", ".toml")):
        return str((base / value).resolve()) if not os.path.isabs(value) else value
    return value


@dataclass(frozen=True)
class DesignSpec:
    """Everything :func:`~badgekit.compose` needs, so a design can be saved and repeated.

    :ivar template: bundled template name or path of a template ``.toml``.
    :ivar values: text per slot.
    :ivar sizes: PNG sizes to render (longer side, pixels).
    """

    template: str
    values: dict[str, str] = field(default_factory=dict)
    palette: str | None = None
    colors: dict[str, str] = field(default_factory=dict)
    icon: str | None = None
    fonts: dict[str, str] = field(default_factory=dict)
    sizes: tuple[int, ...] = (600,)
    alt: str | None = None

    @classmethod
    def from_toml(
        cls, text: str, *, base: Path | None = None, where: str = "design spec"
    ) -> DesignSpec:
        """Parse a spec from TOML text; relative file paths resolve against ``base``.

        :raises DesignError: invalid TOML, unknown keys, or values of the wrong type.
        """
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            msg = f"{where}: not valid TOML ({e})"
            raise DesignError(msg) from None
        return cls.from_mapping(doc, base=base, where=where)

    @classmethod
    def from_mapping(
        cls, doc: Mapping[str, Any], *, base: Path | None = None, where: str = "design spec"
    ) -> DesignSpec:
        """Build a spec from a parsed table (e.g. the ``[design]`` table of an achievement).

        :raises DesignError: unknown keys, or values of the wrong type.
        """
        if unknown := sorted(set(doc) - _KEYS):
            msg = f"{where}: unknown key {unknown[0]!r} (keys: {', '.join(sorted(_KEYS))})"
            raise DesignError(msg)
        template = doc.get("template")
        if not isinstance(template, str) or not template:
            msg = f"{where}: 'template' must name a template"
            raise DesignError(msg)
        sizes = doc.get("sizes", [600])
        if (
            not isinstance(sizes, list)
            or not sizes
            or not all(isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in sizes)
        ):
            msg = f"{where}: 'sizes' must be a list of positive whole numbers"
            raise DesignError(msg)
        for key in ("palette", "icon", "alt"):
            if key in doc and not isinstance(doc[key], str):
                msg = f"{where}: {key!r} must be a string"
                raise DesignError(msg)
        icon = doc.get("icon")
        return cls(
            template=_local(template, base),
            values=_table(doc, "values", where),
            palette=doc.get("palette"),
            colors=_table(doc, "colors", where),
            icon=_local(icon, base) if icon else icon,
            fonts={k: _local(v, base) for k, v in _table(doc, "fonts", where).items()},
            sizes=tuple(sizes),
            alt=doc.get("alt"),
        )

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> DesignSpec:
        """Read a spec from a TOML file.

        :raises FileAccessError: the file cannot be read.
        :raises DesignError: the file is not a valid spec.
        """
        p = Path(path)
        raw = _io.read_bytes(p, limit=1024 * 1024)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            msg = f"{p}: design spec is not UTF-8 text"
            raise DesignError(msg) from None
        return cls.from_toml(text, base=p.resolve().parent, where=str(p))

    def compose(self) -> ComposedBadge:
        """Compose the badge this spec describes (see :func:`~badgekit.compose`)."""
        return compose(
            self.template,
            self.values,
            palette=self.palette,
            colors=self.colors,
            icon=self.icon,
            fonts=self.fonts,
            alt=self.alt,
        )
