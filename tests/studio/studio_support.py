"""Helpers for the studio's tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

import socket
import tomllib
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.exceptions import StarletteDeprecationWarning

from badgekit.credential import starter_file
from badgekit.studio import StudioConfig, create_app

if TYPE_CHECKING:
    from pathlib import Path

with warnings.catch_warnings():
    # Newer starlette prefers httpx2 and warns about httpx, which the dev extra installs.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

__all__ = ["BASE", "DESIGN", "LiveStudio", "TestClient", "client_for", "free_port", "seed"]

BASE = "http://127.0.0.1:8765"
DESIGN = {
    "template": "circle-seal",
    "values": {"title": "Python Basics", "top": "Example School"},
    "palette": "ocean",
    "icon": "code",
}


def client_for(workspace: Path, **config: Any) -> TestClient:
    """A TestClient of a fresh app whose POSTs carry the CSRF token, as a page's do."""
    app = create_app(StudioConfig(workspace=workspace, **config))
    client = TestClient(app, base_url=BASE)
    token = client.get("/api/session").json()["csrf_token"]
    client.headers["X-CSRF-Token"] = token
    return client


def seed(client: TestClient) -> None:
    """A key, the design ``python`` and the achievement ``python`` (the starter file)."""
    assert client.post("/api/keys", json={"name": "issuer"}).status_code == 201
    r = client.post("/api/designs", json={"name": "python", "spec": DESIGN})
    assert r.status_code == 200, r.text
    data = tomllib.loads(starter_file())
    r = client.post("/api/achievements", json={"name": "python", "data": data})
    assert r.status_code == 200, r.text


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveStudio:
    """A studio served by uvicorn in a thread."""

    url: str
    port: int
    workspace: Path
