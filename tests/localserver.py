"""A real HTTP server on 127.0.0.1 serving JSON documents by path, for tests that go online.

Shared by the status, verify and portfolio tests (``pythonpath = ["tests"]``).
"""

from __future__ import annotations

import http.server
import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["LocalServer", "serve"]


@dataclass
class LocalServer:
    """Serves ``routes`` (path -> JSON-able object, or raw bytes); records every request."""

    base: str = ""
    routes: dict[str, Any] = field(default_factory=dict)
    #: ``(path, Accept header)`` of every request, in order.
    requests: list[tuple[str, str]] = field(default_factory=list)

    @property
    def hits(self) -> list[str]:
        """The paths asked for, in order."""
        return [path for path, _ in self.requests]

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve(content_type: str = "application/json") -> Iterator[LocalServer]:
    """Run a threaded HTTP server on an ephemeral 127.0.0.1 port while the block runs."""
    state = LocalServer()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append((self.path, self.headers.get("Accept", "")))
            if self.path not in state.routes:
                self.send_error(404)
                return
            value = state.routes[self.path]
            body = value if isinstance(value, bytes) else json.dumps(value).encode()
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
