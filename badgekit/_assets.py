"""The one place that finds bundled files: templates, fonts and package data (not public API).

In a wheel, ``templates/`` and ``fonts/`` are installed under ``badgekit/_data/``; in a source
checkout (or an editable install) they sit beside the package.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR", "asset_dir", "data_file"]

DATA_DIR = Path(__file__).resolve().parent / "_data"
_CHECKOUT = Path(__file__).resolve().parent.parent


def asset_dir(name: str) -> Path:
    """Return the directory of a bundled asset family (``"templates"`` or ``"fonts"``)."""
    installed = DATA_DIR / name
    return installed if installed.is_dir() else _CHECKOUT / name


def data_file(name: str) -> Path:
    """Return the path of a file shipped in ``badgekit/_data/``."""
    return DATA_DIR / name
