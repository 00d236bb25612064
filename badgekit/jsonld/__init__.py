"""Offline JSON-LD: a static document loader, safe mode and RDFC-1.0 canonicalization.

Experts' layer (conventions §5.2): the facade's ``sign``/``verify_proof`` use it with safe
defaults.  Only this package imports pyld.
"""

from __future__ import annotations

from .canon import ENGINES, canonize, canonize_memo
from .loader import BUNDLED, StaticLoader, default_loader
from .safe import check_safe, expand_safe

__all__ = [
    "BUNDLED",
    "ENGINES",
    "StaticLoader",
    "canonize",
    "canonize_memo",
    "check_safe",
    "default_loader",
    "expand_safe",
]
