"""Fixtures for the status tests: a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator


@dataclass
class LocalServer:
    """A real HTTP server on 127.0.0.1 serving ``routes`` (path -> JSON body)."""

    base: str
    routes: dict[str, Any]
    requests: list[tuple[str, str]]

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    routes: dict[str, Any] = {}
    requests: list[tuple[str, str]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append((self.path, self.headers.get("Accept", "")))
            if self.path not in routes:
                self.send_error(404)
                return
            body = json.dumps(routes[self.path]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{server.server_address[1]}", routes, requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
