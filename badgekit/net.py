"""The one place where badgekit talks HTTP: bounded, HTTPS only, public hosts (not public API).

Used for online key resolution (did:web, HTTPS verification methods) and, later, status lists.
Every fetch is bounded in time (one deadline for the whole fetch, redirects included) and in
size, refuses plain HTTP unless allowed, and refuses hosts that resolve to loopback, private,
link-local, reserved or multicast addresses unless allowed.  The address that was checked is
the address connected to (the hostname is only used for the ``Host`` header and TLS SNI and
certificate check), so a DNS answer cannot change between the check and the connection.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import json
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from .errors import NetworkError

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "MAX_REDIRECTS", "Fetcher", "check_address"]

#: Default bound on the whole fetch, in seconds (DNS, connect, redirects and body).
DEFAULT_TIMEOUT = 10.0
#: Default bound on a response body, in bytes.
DEFAULT_MAX_BYTES = 1024 * 1024
#: Redirects followed at most; each target is checked like the first URL.
MAX_REDIRECTS = 3
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_USER_AGENT = "badgekit"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def check_address(ip: IPAddress, *, allow_private: bool = False) -> str | None:
    """Say why ``ip`` may not be connected to, or return ``None`` when it may.

    IPv4 addresses embedded in IPv6 (IPv4-mapped ``::ffff:a.b.c.d``, 6to4) are judged by the
    IPv4 address they carry.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is not None:
            return check_address(inner, allow_private=allow_private)
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_unspecified:
        return "an unspecified address"
    if allow_private:
        return None
    for what, flag in (
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("a private", ip.is_private),
        ("a reserved", ip.is_reserved),
    ):
        if flag:
            return f"{what} address"
    if not ip.is_global:
        return "not a public address"
    return None


class _Deadline:
    """One deadline for a whole fetch; shuts the live socket down when it passes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sock: socket.socket | None = None
        self._timer: threading.Timer | None = None

    def remaining(self, url: str) -> float:
        left = self.end - time.monotonic()
        if left <= 0 or self.expired:
            self.expired = True
            msg = f"{url}: timed out after {self.seconds:g} s"
            raise NetworkError(msg)
        return left

    def watch(self, sock: socket.socket, url: str) -> None:
        """Shut ``sock`` down at the deadline, so a server that drips bytes cannot stall us."""
        self.unwatch()
        self._sock = sock
        self._timer = threading.Timer(self.remaining(url), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def unwatch(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _fire(self) -> None:
        self.expired = True
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.shutdown(socket.SHUT_RDWR)


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an already-checked IP address, keeping the URL's host name."""

    def __init__(
        self,
        host: str,
        port: int,
        ips: list[str],
        *,
        tls: bool,
        cafile: str | None,
        timeout: float,
        deadline: _Deadline,
        url: str,
    ) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ips = ips
        self._tls = tls
        self._cafile = cafile
        self._deadline = deadline
        self._url = url

    def connect(self) -> None:
        sock: socket.socket | None = None
        for ip in self._ips:  # each one checked already; like create_connection's fallback
            try:
                sock = socket.create_connection((ip, self.port), self.timeout)
                break
            except OSError:
                if ip == self._ips[-1]:
                    raise
        assert sock is not None
        self._deadline.watch(sock, self._url)
        if self._tls:
            # Certificate and host name are checked against the URL's host, not the IP.
            context = ssl.create_default_context(cafile=self._cafile)
            sock = context.wrap_socket(sock, server_hostname=self.host)
            self._deadline.watch(sock, self._url)
        self.sock = sock


def _resolve(host: str, port: int, deadline: _Deadline, url: str) -> list[IPAddress]:
    """``getaddrinfo`` bounded by the deadline (it has no timeout of its own)."""
    with contextlib.suppress(ValueError):
        return [ipaddress.ip_address(host)]
    result: list[Any] = []
    failure: list[OSError] = []

    def lookup() -> None:
        try:
            result.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as e:
            failure.append(e)

    worker = threading.Thread(target=lookup, daemon=True)
    worker.start()
    worker.join(deadline.remaining(url))
    if worker.is_alive():
        deadline.remaining(url)  # raises once the deadline has passed
        msg = f"{url}: timed out resolving {host}"
        raise NetworkError(msg)
    if failure or not result:
        msg = f"{url}: cannot resolve host {host}"
        raise NetworkError(msg)
    addresses: list[IPAddress] = []
    for info in result:
        addr = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if addr not in addresses:
            addresses.append(addr)
    return addresses


@dataclass(frozen=True)
class Fetcher:
    """Bounded HTTP(S) GETs for online lookups.

    :param timeout: bound on a whole fetch in seconds, redirects included.
    :param max_bytes: largest response body accepted.
    :param allow_private: allow loopback, private, link-local and reserved addresses (tests).
    :param allow_http: allow plain ``http://`` URLs (tests).
    :param cafile: a PEM bundle of CA certificates to trust instead of the system's.
    """

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private: bool = False
    allow_http: bool = False
    cafile: str | None = None

    def fetch_json(self, url: str, *, accept: str = "application/json") -> Any:
        """GET ``url`` and parse the body as JSON.

        :raises NetworkError: the fetch is refused or fails, or the body is not JSON.
        """
        body = self.fetch_bytes(url, accept=accept)
        try:
            return json.loads(body.decode("utf-8-sig"))
        except (ValueError, RecursionError):
            msg = f"{url}: the response is not valid JSON"
            raise NetworkError(msg) from None

    def fetch_bytes(self, url: str, *, accept: str = "*/*") -> bytes:
        """GET ``url`` (following at most :data:`MAX_REDIRECTS` checked redirects).

        :raises NetworkError: a refused URL or address, a non-200 status, too many redirects,
            a body over ``max_bytes``, a timeout, or a connection or TLS failure.
        """
        deadline = _Deadline(self.timeout)
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            status, location, body = self._get_once(current, accept, deadline)
            if status not in _REDIRECTS:
                return body
            if not location:
                msg = f"{current}: HTTP {status} redirect without a Location"
                raise NetworkError(msg)
            current = urljoin(current, location)
        msg = f"{url}: more than {MAX_REDIRECTS} redirects"
        raise NetworkError(msg)

    # --- one request --- #

    def _target(self, url: str) -> tuple[str, int, bool, str]:
        """Check a URL's form; return ``(host, port, tls, request target)``."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            msg = f"{url}: not a valid URL"
            raise NetworkError(msg) from None
        scheme = parts.scheme.lower()
        if scheme != "https" and not (scheme == "http" and self.allow_http):
            msg = f"{url}: only https:// URLs are fetched"
            raise NetworkError(msg)
        if not parts.hostname:
            msg = f"{url}: the URL has no host"
            raise NetworkError(msg)
        if parts.username is not None or parts.password is not None:
            msg = f"{url}: URLs with user credentials are refused"
            raise NetworkError(msg)
        tls = scheme == "https"
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return parts.hostname, port or (443 if tls else 80), tls, target

    def _pick_addresses(self, host: str, port: int, deadline: _Deadline, url: str) -> list[str]:
        addresses = _resolve(host, port, deadline, url)
        for addr in addresses:
            why = check_address(addr, allow_private=self.allow_private)
            if why is not None:
                hint = "" if self.allow_private else " (private addresses are not fetched)"
                msg = f"{url}: host {host} resolves to {addr}, {why}{hint}"
                raise NetworkError(msg)
        return [str(addr) for addr in addresses]

    def _get_once(
        self, url: str, accept: str, deadline: _Deadline
    ) -> tuple[int, str | None, bytes]:
        host, port, tls, target = self._target(url)
        ips = self._pick_addresses(host, port, deadline, url)
        conn = _PinnedConnection(
            host,
            port,
            ips,
            tls=tls,
            cafile=self.cafile,
            timeout=deadline.remaining(url),
            deadline=deadline,
            url=url,
        )
        try:
            conn.request(
                "GET",
                target,
                headers={
                    "Accept": accept,
                    "Accept-Encoding": "identity",
                    "User-Agent": _USER_AGENT,
                },
            )
            response = conn.getresponse()
            if response.status in _REDIRECTS:
                location = response.getheader("Location")
                response.close()
                return response.status, location, b""
            if response.status != 200:
                response.close()  # a traceback holding it must not keep the socket open
                msg = f"{url}: HTTP {response.status} {response.reason}".rstrip()
                raise NetworkError(msg)
            return 200, None, self._read_body(response, url, deadline)
        except NetworkError:
            raise
        except ssl.SSLError as e:
            msg = f"{url}: TLS failure ({e.reason or e})"
            raise NetworkError(msg) from None
        except TimeoutError:
            msg = f"{url}: timed out after {deadline.seconds:g} s"
            raise NetworkError(msg) from None
        except (OSError, http.client.HTTPException, ValueError) as e:
            deadline.remaining(url)  # a socket shut down at the deadline: report the timeout
            msg = f"{url}: request failed ({type(e).__name__}: {e})"
            raise NetworkError(msg.splitlines()[0]) from None
        finally:
            deadline.unwatch()
            conn.close()

    def _read_body(
        self, response: http.client.HTTPResponse, url: str, deadline: _Deadline
    ) -> bytes:
        length = response.getheader("Content-Length")
        if length is not None and length.strip().isdigit() and int(length) > self.max_bytes:
            msg = (
                f"{url}: response is {int(length):,} bytes, over the {self.max_bytes:,}-byte limit"
            )
            raise NetworkError(msg)
        chunks: list[bytes] = []
        size = 0
        while True:
            deadline.remaining(url)
            chunk = response.read(min(_CHUNK, self.max_bytes + 1 - size))
            if deadline.expired:
                deadline.remaining(url)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_bytes:
                msg = f"{url}: response is over the {self.max_bytes:,}-byte limit"
                raise NetworkError(msg)
        return b"".join(chunks)
