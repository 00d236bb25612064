"""The studio's ASGI app: routes, the guard, static files (not public API)."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from . import (
    routes_achievement,
    routes_deliver,
    routes_design,
    routes_issue,
    routes_keys,
    routes_pages,
    routes_verify,
)
from .config import StudioConfig
from .http import error_handlers
from .security import Guard
from .state import Studio
from .workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

__all__ = ["create_app"]


def create_app(config: StudioConfig | None = None) -> Starlette:
    """The studio app for ``config`` (its workspace is created if missing).

    >>> app = create_app(StudioConfig(workspace=Path("badgekit-studio")))   # doctest: +SKIP

    :raises WorkspaceError: the workspace folder cannot be created.
    """
    config = config or StudioConfig()
    studio = Studio(config, Workspace(config.workspace).ensure())

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        studio.jobs.shutdown()

    routes = [
        *routes_pages.ROUTES,
        *routes_design.ROUTES,
        *routes_achievement.ROUTES,
        *routes_issue.ROUTES,
        *routes_deliver.ROUTES,
        *routes_verify.ROUTES,
        *routes_keys.ROUTES,
        Mount("/static", StaticFiles(directory=routes_pages.static_dir()), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, config=config)],
        exception_handlers=error_handlers(),
        lifespan=lifespan,
    )
    app.state.studio = studio
    return app
