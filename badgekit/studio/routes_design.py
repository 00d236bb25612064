"""Design routes: the template gallery, icons, the live preview, uploads and saved designs
(not public API).  Each is a call to the library's design layer."""

from __future__ import annotations

import functools
import hashlib
import json
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import badgekit
from badgekit import _io
from badgekit.design import sample_values
from badgekit.design.icons import icon_from_bytes, load_icon

from .designs import ICON_FOLDER, spec_from_json, spec_to_json, spec_toml, template_catalog
from .http import ApiError, json_body, read_uploads
from .limits import MAX_ICON_BYTES, MAX_PNG_SIZE, MIN_PNG_SIZE
from .state import studio_of

if TYPE_CHECKING:
    from starlette.requests import Request

__all__ = ["ROUTES"]

SVG = "image/svg+xml"
#: Icons listed for one search (the gallery shows a page of them).
MAX_ICONS = 60


async def templates(request: Request) -> Response:
    """GET /api/templates: every bundled template with its slots, and every palette.

    responses:
      200: {"templates": [{"name", "label", "slots": [{"name", "kind", "required"}]}],
            "palettes": [{"name", "label", "colors"}]}
    """
    palettes = [
        {"name": p.name, "label": p.label, "colors": dict(p.colors)}
        for p in badgekit.list_palettes()
    ]
    return JSONResponse({"templates": list(template_catalog().values()), "palettes": palettes})


@functools.lru_cache(maxsize=64)
def _template_preview(name: str) -> bytes:
    return badgekit.compose(name, sample_values(name)).svg


async def template_preview(request: Request) -> Response:
    """GET /api/templates/{name}/preview.svg: the template with its sample texts."""
    name = request.path_params["name"]
    if name not in template_catalog():
        raise ApiError(404, f"no template {name!r}", "not_found")
    svg = await run_in_threadpool(_template_preview, name)
    return Response(svg, media_type=SVG, headers={"cache-control": "max-age=3600"})


async def icons(request: Request) -> Response:
    """GET /api/icons?q=WORD: bundled icons whose name, theme or keywords match.

    responses:
      200: {"icons": [{"name", "theme", "category", "tags"}], "more": bool}
    """
    query = request.query_params.get("q", "")[:80]
    found = badgekit.search_icons(query)
    listed = [
        {"name": i.name, "theme": i.theme, "category": i.category, "tags": list(i.tags)}
        for i in found[:MAX_ICONS]
    ]
    return JSONResponse({"icons": listed, "more": len(found) > MAX_ICONS})


@functools.lru_cache(maxsize=512)
def _icon_svg(name: str) -> bytes:
    body = load_icon(name).svg(0, 0, 24, "#1b2029")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="48" '
        f'height="48">{body}</svg>'
    ).encode()


async def icon_image(request: Request) -> Response:
    """GET /api/icons/{name}.svg: one bundled icon, for the picker."""
    name = request.path_params["name"]
    if "/" in name or "." in name or all(i.name != name for i in badgekit.search_icons(name)):
        raise ApiError(404, f"no icon {name!r}", "not_found")
    svg = await run_in_threadpool(_icon_svg, name)
    return Response(svg, media_type=SVG, headers={"cache-control": "max-age=3600"})


def _draw(spec: badgekit.DesignSpec, fmt: str, size: int) -> tuple[bytes, dict[str, str]]:
    composed = spec.compose()
    headers = {
        "x-badgekit-fitted": json.dumps({k: round(v, 1) for k, v in composed.fitted.items()}),
        "x-badgekit-warnings": json.dumps(list(composed.warnings)),
    }
    if fmt == "svg":
        return composed.svg, headers
    return badgekit.render(composed.svg, size=size, alt=spec.alt), headers


async def design(request: Request) -> Response:
    """POST /api/design: a design spec as JSON in, the badge as SVG or PNG out.

    Body: ``{"template": "circle-seal", "values": {"title": "..."}, "palette": "ocean",
    "colors": {"primary": "#123456"}, "icon": "atom", "format": "svg"|"png", "size": 600}``.
    The fitted text sizes and any warnings come in the ``X-Badgekit-Fitted`` and
    ``X-Badgekit-Warnings`` headers (JSON).  A text that does not fit is a 422 whose
    ``slot`` names the slot.

    responses:
      200: the SVG or PNG image
      400: a field of the wrong type, an unknown template
      422: {"error", "code", "slot"?} the library refused the design
    """
    body = await json_body(request)
    fmt = body.choice("format", ("svg", "png"), "svg")
    size = body.integer("size", 600, MIN_PNG_SIZE, MAX_PNG_SIZE)
    doc = {k: v for k, v in body.data.items() if k not in ("format", "size")}
    spec = spec_from_json(doc, studio_of(request).workspace)
    image, headers = await run_in_threadpool(_draw, spec, fmt, size)
    return Response(image, media_type=SVG if fmt == "svg" else "image/png", headers=headers)


async def upload_icon(request: Request) -> Response:
    """POST /api/uploads/icon: an SVG or PNG icon or logo (multipart field ``file``).

    It goes through the design layer's safety pass (an SVG with scripts, entities, external
    references or animation is refused; a PNG is decoded and re-encoded) and is saved under
    ``uploads/icons/``.

    responses:
      200: {"icon": "uploads/icons/<sha256>.svg"}
      413: larger than the icon limit
      422: refused by the safety pass
    """
    files, _ = await read_uploads(request, "file", limit=MAX_ICON_BYTES, max_files=1)
    upload = files[0]
    await run_in_threadpool(icon_from_bytes, upload.data, upload.name)
    ws = studio_of(request).workspace
    suffix = ".png" if upload.data.startswith(b"\x89PNG") else ".svg"
    digest = hashlib.sha256(upload.data).hexdigest()[:32]
    target = ws.path(digest + suffix, under=ICON_FOLDER)
    _io.write_atomic(target, upload.data)
    return JSONResponse({"icon": ws.rel(target), "name": upload.name})


async def list_designs(request: Request) -> Response:
    """GET /api/designs: the saved designs' names."""
    return JSONResponse({"designs": studio_of(request).workspace.listing("designs", ".toml")})


async def get_design(request: Request) -> Response:
    """GET /api/designs/{name}: a saved design as JSON."""
    ws = studio_of(request).workspace
    path = ws.named("designs", request.path_params["name"], ".toml")
    if not path.is_file():
        raise ApiError(404, f"no saved design {path.stem!r}", "not_found")
    spec = badgekit.DesignSpec.load(path)
    return JSONResponse({"name": path.stem, "spec": spec_to_json(spec, ws)})


async def save_design(request: Request) -> Response:
    """POST /api/designs: save ``{"name": "...", "spec": {...}}`` as ``designs/NAME.toml``.

    The design is composed first, so a design that does not compose is not saved.
    """
    body = await json_body(request)
    ws = studio_of(request).workspace
    spec = spec_from_json(body.mapping("spec"), ws)
    target = ws.named("designs", body.required("name", limit=200), ".toml")
    await run_in_threadpool(spec.compose)
    _io.write_atomic(target, spec_toml(spec, target).encode("utf-8"))
    return JSONResponse({"name": target.stem, "file": ws.rel(target)})


ROUTES = [
    Route("/api/templates", templates),
    Route("/api/templates/{name}/preview.svg", template_preview),
    Route("/api/icons", icons),
    Route("/api/icons/{name}.svg", icon_image),
    Route("/api/design", design, methods=["POST"]),
    Route("/api/uploads/icon", upload_icon, methods=["POST"]),
    Route("/api/designs", list_designs),
    Route("/api/designs", save_design, methods=["POST"]),
    Route("/api/designs/{name}", get_design),
]
