"""Fixtures for the studio's tests: a workspace, the app under starlette's TestClient (with
the CSRF token a page would send), a workspace with a key, a design and an achievement, and a
live studio under uvicorn on a free 127.0.0.1 port (for the browser)."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

import pytest
import uvicorn
from studio_support import LiveStudio, TestClient, client_for, free_port, seed

from badgekit.studio import StudioConfig, create_app

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return tmp_path / "studio"


@pytest.fixture
def client(workspace: Path) -> Iterator[TestClient]:
    with client_for(workspace) as c:
        yield c


@pytest.fixture
def seeded(client: TestClient) -> TestClient:
    seed(client)
    return client


@pytest.fixture
def live_studio(tmp_path: Path) -> Iterator[LiveStudio]:
    port = free_port()
    workspace = tmp_path / "live"
    app = create_app(StudioConfig(workspace=workspace, port=port))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the studio did not start under uvicorn")
        time.sleep(0.05)
    try:
        yield LiveStudio(f"http://127.0.0.1:{port}", port, workspace)
    finally:
        server.should_exit = True
        thread.join(10)
