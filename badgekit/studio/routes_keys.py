"""Key routes: create, import and choose the issuer key (not public API).

Only public facts are ever answered (type, did:key, fingerprint); the private key stays in
``keys/`` (mode 0600) and no route reads it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .http import json_body, read_uploads
from .limits import MAX_KEY_BYTES
from .state import studio_of
from .workspace import KEY_KINDS

if TYPE_CHECKING:
    from starlette.requests import Request

__all__ = ["ROUTES"]


async def list_keys(request: Request) -> Response:
    """GET /api/keys: the workspace's keys (public facts) and the types it can create."""
    ws = studio_of(request).workspace
    keys = await run_in_threadpool(ws.keys)
    return JSONResponse({"keys": [k.to_json() for k in keys], "kinds": KEY_KINDS})


async def create_key(request: Request) -> Response:
    """POST /api/keys: ``{"name": "school", "type": "ed25519"|"p256"|"p384"}``; the new key
    becomes the issuer key.  Answer: its public facts."""
    body = await json_body(request)
    ws = studio_of(request).workspace
    kind = body.choice("type", tuple(KEY_KINDS), "ed25519")
    info = await run_in_threadpool(ws.create_key, body.required("name", limit=100), kind)
    return JSONResponse(info.to_json(), status_code=201)


async def import_key(request: Request) -> Response:
    """POST /api/keys/import: a private key file (multipart ``file``: PEM, JWK or
    secretKeyMultibase) and a ``name``; it becomes the issuer key."""
    files, fields = await read_uploads(request, "file", limit=MAX_KEY_BYTES, max_files=1)
    ws = studio_of(request).workspace
    name = fields.get("name") or files[0].name.rsplit(".", 1)[0]
    info = await run_in_threadpool(ws.import_key, name, files[0].data)
    return JSONResponse(info.to_json(), status_code=201)


async def choose_key(request: Request) -> Response:
    """POST /api/keys/choose: ``{"name": "..."}`` becomes the issuer key."""
    body = await json_body(request)
    ws = studio_of(request).workspace
    ws.choose_key(body.required("name", limit=100))
    return JSONResponse({"chosen": body.required("name", limit=100)})


ROUTES = [
    Route("/api/keys", list_keys),
    Route("/api/keys", create_key, methods=["POST"]),
    Route("/api/keys/import", import_key, methods=["POST"]),
    Route("/api/keys/choose", choose_key, methods=["POST"]),
]
