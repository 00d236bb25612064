"""The studio's guard: one ASGI middleware in front of every route (not public API).

In order, for every HTTP request:

1. **Host** must name the studio (loopback names or the bound host): refuses DNS rebinding.
2. **Access token** (when the studio has one, always beyond loopback): ``Authorization:
   Bearer T``, or the HttpOnly cookie set when a page is opened once with ``?token=T``
   (the token is then removed from the address bar by a redirect).  Compared in constant time.
3. **State-changing requests** (anything but GET/HEAD/OPTIONS) must come from the studio's own
   pages or a script: a foreign ``Origin`` or a cross-site ``Sec-Fetch-Site`` is refused, and
   the CSRF token must be sent twice (double submit): in the SameSite=Strict cookie
   ``badgekit_csrf`` and in the ``X-CSRF-Token`` header, equal in constant time.  A page
   carries the token in ``<meta name="csrf-token">``; a script gets it from ``GET
   /api/session`` (which also sets the cookie).
4. **Body size**: a ``Content-Length`` over :data:`~.limits.MAX_REQUEST_BYTES` is refused with
   413 before anything is read; a streamed body is cut off with 413 as soon as it passes it.
5. **Response headers**: a strict Content-Security-Policy (scripts and styles only from the
   studio's own static files, no inline script, ``frame-ancestors 'none'``),
   ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``, no caching of API
   answers.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
from http.cookies import SimpleCookie
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException

from .limits import MAX_REQUEST_BYTES

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from .config import StudioConfig

__all__ = ["ACCESS_COOKIE", "CONTENT_SECURITY_POLICY", "CSRF_COOKIE", "CSRF_HEADER", "Guard"]

CSRF_COOKIE = "badgekit_csrf"
CSRF_HEADER = "x-csrf-token"
ACCESS_COOKIE = "badgekit_access"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: The policy of every page and answer; a route may set a narrower one of its own.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-src 'self'; "
    "frame-ancestors 'none'"
)
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,128}$")
_HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"no-referrer",
    b"x-frame-options": b"DENY",
    b"cross-origin-opener-policy": b"same-origin",
    b"cross-origin-resource-policy": b"same-origin",
}


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and hmac.compare_digest(a.encode(), b.encode())


class Guard:
    """The middleware; see the module docstring.  ``config`` gives the host and token."""

    def __init__(self, app: ASGIApp, config: StudioConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        cookies = _cookies(headers.get("cookie", ""))
        host = headers.get("host", "")
        if not self.config.host_allowed(host):
            await _deny(send, 421, "host_refused", f"this studio does not answer to {host!r}")
            return
        if self.config.token is not None and not await self._access(scope, headers, cookies, send):
            return
        csrf = cookies.get(CSRF_COOKIE)
        fresh = None if csrf and _TOKEN_RE.match(csrf) else secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = fresh or csrf
        if scope["method"] not in SAFE_METHODS:
            problem = _cross_site(scope, headers, host)
            if problem is None and (fresh or not _same(csrf, headers.get(CSRF_HEADER))):
                problem = (
                    "missing or wrong CSRF token: send the badgekit_csrf cookie and the same "
                    "value in an X-CSRF-Token header (GET /api/session gives both)"
                )
            if problem is not None:
                await _deny(send, 403, "csrf_refused", problem)
                return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_REQUEST_BYTES):
            await _deny(send, 413, "too_large", _too_large())
            return
        await self.app(scope, _bounded(receive), _secured(send, scope["path"], fresh))

    async def _access(
        self, scope: Scope, headers: Headers, cookies: dict[str, str], send: Send
    ) -> bool:
        token = self.config.token
        auth = headers.get("authorization", "")
        if _same(auth.removeprefix("Bearer ").strip(), token) and auth.startswith("Bearer "):
            return True
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        given = next((v for k, v in query if k == "token"), None)
        if given is not None and scope["method"] == "GET" and _same(given, token):
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            location = scope["path"] + (f"?{rest}" if rest else "")
            cookie = f"{ACCESS_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [
                        (b"location", location.encode("latin-1")),
                        (b"set-cookie", cookie.encode("latin-1")),
                        *_HEADERS.items(),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return False
        if _same(cookies.get(ACCESS_COOKIE), token):
            return True
        await _deny(
            send,
            401,
            "token_required",
            "this studio needs its access token: open the address it printed (with ?token=...),"
            " or send Authorization: Bearer TOKEN",
        )
        return False


def _cross_site(scope: Scope, headers: Headers, host: str) -> str | None:
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return f"a {site} request may not change anything here"
    origin = headers.get("origin")
    expected = f"{scope.get('scheme', 'http')}://{host}"
    if origin is not None and origin.lower() != expected.lower():
        return f"requests from {origin!r} may not change anything here"
    return None


def _cookies(header: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # a malformed cookie header is treated as no cookies
        return {}
    return {k: v.value for k, v in jar.items()}


def _too_large() -> str:
    return f"the request is larger than the studio accepts ({MAX_REQUEST_BYTES // 2**20} MiB)"


def _bounded(receive: Receive) -> Receive:
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_REQUEST_BYTES:
                raise HTTPException(413, _too_large())
        return message

    return wrapped


def _secured(send: Send, path: str, csrf: str | None) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {k.lower() for k, _ in headers}
            for name, value in _HEADERS.items():
                if name not in names:
                    headers.append((name, value))
            if b"content-security-policy" not in names:
                headers.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
            if not path.startswith("/static/") and b"cache-control" not in names:
                headers.append((b"cache-control", b"no-store"))
            if csrf is not None:
                cookie = f"{CSRF_COOKIE}={csrf}; Path=/; HttpOnly; SameSite=Strict"
                headers.append((b"set-cookie", cookie.encode()))
            message = {**message, "headers": headers}
        await send(message)

    return wrapped


async def _deny(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": message, "code": code}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
                (b"cache-control", b"no-store"),
                *_HEADERS.items(),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
