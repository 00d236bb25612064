"""The pages, the session, workspace downloads and the API description (not public API).

Pages are server-rendered HTML (Jinja2, autoescaped) with the page's script as a static file:
no inline script, so the Content-Security-Policy needs no ``unsafe-inline``.  Each page
carries the CSRF token in ``<meta name="csrf-token">`` for its script.
"""

from __future__ import annotations

import inspect
from importlib import resources
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

import badgekit

from .http import ApiError
from .limits import (
    MAX_BADGE_FILE_BYTES,
    MAX_FILES_PER_REQUEST,
    MAX_ICON_BYTES,
    MAX_REQUEST_BYTES,
    MAX_ROSTER_BYTES,
)
from .state import features, studio_of

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.routing import BaseRoute

__all__ = ["PAGES", "ROUTES", "openapi"]

#: (path, template, title, navigation label)
PAGES = (
    ("/", "home.html", "Start", "Start"),
    ("/design", "design.html", "Design a badge", "Design"),
    ("/achievement", "achievement.html", "Describe the achievement", "Achievement"),
    ("/issue", "issue.html", "Issue badges", "Issue"),
    ("/verify", "verify.html", "Check a badge", "Verify"),
    ("/portfolio", "portfolio.html", "Portfolio and badge wall", "Portfolio"),
    ("/keys", "keys.html", "Issuer key", "Keys"),
)
_ENV = Environment(
    loader=PackageLoader("badgekit.studio", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _page(path: str, template: str, title: str) -> Any:
    async def page(request: Request) -> Response:
        studio = studio_of(request)
        context = {
            "title": title,
            "path": path,
            "pages": PAGES,
            "csrf": request.scope["state"]["csrf"],
            "workspace": str(studio.workspace.root),
            "site_url": studio.workspace.site_url or "",
            "features": features(),
            "version": badgekit.__version__,
            "page": template.removesuffix(".html"),
            "script": "" if template == "home.html" else template.removesuffix(".html"),
        }
        return HTMLResponse(_ENV.get_template(template).render(context))

    page.__doc__ = f"GET {path}: the {title} page."
    return page


async def session(request: Request) -> Response:
    """GET /api/session: the CSRF token (also set as the ``badgekit_csrf`` cookie), the
    workspace, the limits and which optional features this badgekit has.  A script sends the
    cookie and the token in ``X-CSRF-Token`` with every POST."""
    studio = studio_of(request)
    return JSONResponse(
        {
            "csrf_token": request.scope["state"]["csrf"],
            "csrf_header": "X-CSRF-Token",
            "version": badgekit.__version__,
            "workspace": str(studio.workspace.root),
            "features": features(),
            "limits": {
                "request_bytes": MAX_REQUEST_BYTES,
                "badge_file_bytes": MAX_BADGE_FILE_BYTES,
                "icon_bytes": MAX_ICON_BYTES,
                "roster_bytes": MAX_ROSTER_BYTES,
                "files_per_request": MAX_FILES_PER_REQUEST,
            },
        }
    )


async def download(request: Request) -> Response:
    """GET /api/files/{path}: a file from the workspace (never a key or the settings)."""
    ws = studio_of(request).workspace
    path = ws.path(request.path_params["path"])
    if not path.is_file():
        raise ApiError(404, "no such file in the workspace", "not_found")
    kind = {".png": "image/png", ".svg": "image/svg+xml", ".toml": "text/plain"}.get(
        path.suffix.lower(), "application/octet-stream"
    )
    return FileResponse(path, media_type=kind, filename=path.name)


def openapi(routes: list[BaseRoute]) -> dict[str, Any]:
    """An OpenAPI 3.1 description of the ``/api/`` routes, from their docstrings."""
    paths: dict[str, dict[str, Any]] = {}
    for route in routes:
        path = getattr(route, "path", "")
        endpoint = getattr(route, "endpoint", None)
        if not path.startswith("/api/") or endpoint is None:
            continue
        doc = inspect.getdoc(endpoint) or ""
        first, _, rest = doc.partition("\n")
        summary = first.split(": ", 1)[-1]
        for method in sorted(getattr(route, "methods", None) or {"GET"}):
            if method == "HEAD":
                continue
            op: dict[str, Any] = {"summary": summary, "description": rest.strip() or summary}
            if method != "GET":
                op["parameters"] = [
                    {"name": "X-CSRF-Token", "in": "header", "required": True,
                     "schema": {"type": "string"}, "description": "from GET /api/session"}
                ]  # fmt: skip
            params = [p.strip("{}") for p in path.split("/") if p.startswith("{")]
            op.setdefault("parameters", []).extend(
                {"name": p.split(":")[0], "in": "path", "required": True,
                 "schema": {"type": "string"}}
                for p in params
            )  # fmt: skip
            op["responses"] = {"200": {"description": "OK"}}
            paths.setdefault(path.replace(":path", ""), {})[method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": "badgekit studio", "version": badgekit.__version__},
        "paths": paths,
    }


async def openapi_json(request: Request) -> Response:
    """GET /api/openapi.json: this API described in OpenAPI 3.1."""
    return JSONResponse(openapi(request.app.routes))


async def api_page(request: Request) -> Response:
    """GET /api/docs: the API, as a page (from the OpenAPI description)."""
    spec = openapi(request.app.routes)
    context = {
        "title": "API",
        "path": "/api/docs",
        "pages": PAGES,
        "csrf": request.scope["state"]["csrf"],
        "workspace": str(studio_of(request).workspace.root),
        "features": features(),
        "version": badgekit.__version__,
        "page": "api",
        "script": "",
        "paths": spec["paths"],
    }
    return HTMLResponse(_ENV.get_template("api.html").render(context))


def static_dir() -> str:
    """The folder of the studio's CSS, script and images."""
    return str(resources.files("badgekit.studio") / "static")


ROUTES = [
    *(Route(path, _page(path, template, title)) for path, template, title, _ in PAGES),
    Route("/api/session", session),
    Route("/api/files/{path:path}", download),
    Route("/api/openapi.json", openapi_json),
    Route("/api/docs", api_page),
]
