"""A small Chrome DevTools Protocol client over ``--remote-debugging-pipe`` (stdlib only).

Chromium reads NUL-terminated JSON messages on file descriptor 3 and writes its replies and
events on descriptor 4, so no port, no websocket and no third-party package is needed.  One
page target is created and attached in flat mode; every command is sent to that session.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")

#: Flags from the brief: headless, no sandbox (containers), and nothing phoning home.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
    "--hide-scrollbars",
    "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # belt and braces: no name resolves
)

#: The same, except that 127.0.0.1 is reachable (a page served by a local test server).
LOOPBACK_FLAGS = tuple(
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" if f.startswith("--host-res") else f
    for f in FLAGS
)


class CdpError(RuntimeError):
    """Chromium answered a command with an error, died, or timed out."""


@dataclass
class Browser:
    """A headless Chromium with one page, driven over the DevTools pipe."""

    user_data_dir: Path
    timeout: float = 30.0
    #: command-line flags (the studio's tests let 127.0.0.1 resolve: ``LOOPBACK_FLAGS``)
    flags: tuple[str, ...] = FLAGS
    events: list[dict[str, Any]] = field(default_factory=list)
    _proc: subprocess.Popen[bytes] | None = None
    _write: int = -1
    _read: int = -1
    _buffer: bytes = b""
    _next_id: int = 0
    session: str | None = None

    def __enter__(self) -> Browser:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        args = [str(CHROMIUM), *self.flags, f"--user-data-dir={self.user_data_dir}", "about:blank"]

        def child_fds() -> None:
            # The child must see the pipes as fds 3 (its input) and 4 (its output).  Move
            # both above 10 first, so neither dup2 can overwrite the other.
            r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self._proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),  # kept open after preexec_fn placed the pipes there
            preexec_fn=child_fds,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._write, self._read = to_child_w, from_child_r
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.call(
            "Target.attachToTarget",
            {"targetId": target["targetId"], "flatten": True},
            session=False,
        )
        self.session = attached["sessionId"]
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._proc and self._proc.poll() is None:
                self.call("Browser.close", session=False)
        except (CdpError, OSError):
            pass
        finally:
            for fd in (self._write, self._read):
                if fd >= 0:
                    os.close(fd)
            if self._proc:
                try:
                    self._proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    self._proc.wait()

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps(message).encode() + b"\0"
        while data:
            n = os.write(self._write, data)
            data = data[n:]

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                msg = "timed out waiting for chromium"
                raise CdpError(msg)
            ready, _, _ = select.select([self._read], [], [], left)
            if ready:
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    msg = "chromium closed the DevTools pipe"
                    raise CdpError(msg)
                self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(
        self, method: str, params: dict[str, Any] | None = None, *, session: bool = True
    ) -> dict[str, Any]:
        """Send one command and wait for its result (events arriving meanwhile are kept)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        self._send(message)
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    msg = f"{method}: {reply['error']}"
                    raise CdpError(msg)
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method: str, timeout: float | None = None) -> dict[str, Any]:
        """Wait for an event (one already received counts)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for event in self.events:
                if event.get("method") == method and not event.get("_seen"):
                    event["_seen"] = True
                    return event
            self.events.append(self._receive(deadline))

    def evaluate(self, expression: str) -> Any:
        """Evaluate JavaScript in the page and return its JSON value."""
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            msg = f"page script failed: {result['exceptionDetails']}"
            raise CdpError(msg)
        return result["result"].get("value")

    def key(self, key: str, code: int, text: str | None = None, shift: bool = False) -> None:
        """Press and release one key, as a person would."""
        down: dict[str, Any] = {
            "type": "keyDown" if text else "rawKeyDown",
            "key": key,
            "code": key,
            "windowsVirtualKeyCode": code,
            "nativeVirtualKeyCode": code,
            "modifiers": 8 if shift else 0,
        }
        if text:
            down["text"] = text
        self.call("Input.dispatchKeyEvent", down)
        self.call("Input.dispatchKeyEvent", {**down, "type": "keyUp", "text": ""})


def chromium_available() -> bool:
    """True when Debian's chromium is installed at /usr/bin/chromium."""
    return CHROMIUM.is_file() and shutil.which(str(CHROMIUM)) is not None
