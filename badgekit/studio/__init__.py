"""badgekit studio: a local web app to design, issue, send and verify badges in a browser.

A layer above the library, beside the CLI: every page and ``/api/`` route is a call to the
:mod:`badgekit` facade (nothing here re-implements what the library does).  It binds
127.0.0.1 by default; see :mod:`.security` for the guard every request passes.

>>> from badgekit.studio import StudioConfig, create_app       # doctest: +SKIP
>>> app = create_app(StudioConfig(workspace=Path("badgekit-studio")))   # an ASGI app
"""

from __future__ import annotations

from .app import create_app
from .config import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_WORKSPACE, StudioConfig
from .server import prepare, serve

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "DEFAULT_WORKSPACE",
    "StudioConfig",
    "create_app",
    "prepare",
    "serve",
]
