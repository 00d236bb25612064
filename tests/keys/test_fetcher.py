"""badgekit.net.Fetcher against a real local server: bounds, refusals, redirects, TLS."""

from __future__ import annotations

import ipaddress
import socket
import time
from typing import TYPE_CHECKING, Any

import pytest
from keyserver import drip, redirect, send_bytes, send_json, send_unsized

from badgekit import net
from badgekit.errors import NetworkError
from badgekit.net import Fetcher, check_address

if TYPE_CHECKING:
    from keyserver import DocServer

LOCAL = Fetcher(timeout=5.0, allow_private=True, allow_http=True)


def test_fetch_json_over_http(http_server: DocServer) -> None:
    http_server.routes["/doc"] = send_json({"a": 1})
    assert LOCAL.fetch_json(f"{http_server.base}/doc", accept="application/did+json") == {"a": 1}
    path, headers = http_server.requests[0]
    assert path == "/doc"
    assert headers["Accept"] == "application/did+json"
    assert headers["Host"] == f"127.0.0.1:{http_server.port}"


def test_fetch_over_https_checks_the_certificate_by_host_name(
    https_server: DocServer, local_fetcher: Fetcher
) -> None:
    https_server.routes["/x"] = send_json(["ok"])
    assert local_fetcher.fetch_json(f"{https_server.base}/x") == ["ok"]
    assert https_server.requests[0][1]["Host"] == f"localhost:{https_server.port}"


def test_untrusted_certificate_is_refused(https_server: DocServer) -> None:
    https_server.routes["/x"] = send_json(["ok"])
    fetcher = Fetcher(timeout=5.0, allow_private=True)
    with pytest.raises(NetworkError, match=r"https://localhost:\d+/x: TLS failure"):
        fetcher.fetch_json(f"{https_server.base}/x")


def test_plain_http_refused_unless_allowed(http_server: DocServer) -> None:
    http_server.routes["/doc"] = send_json({})
    with pytest.raises(NetworkError, match=r"http://127\.0\.0\.1:\d+/doc: only https:// URLs"):
        Fetcher(allow_private=True).fetch_json(f"{http_server.base}/doc")
    assert http_server.requests == []


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_private_address_refused_without_allow_private(http_server: DocServer, host: str) -> None:
    http_server.routes["/doc"] = send_json({})
    url = f"http://{host}:{http_server.port}/doc"
    with pytest.raises(NetworkError, match=r"resolves to 127\.0\.0\.1, a loopback address"):
        Fetcher(allow_http=True).fetch_json(url)
    assert http_server.requests == []  # refused before connecting


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "240.0.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::1",
    ],
)
def test_check_address_refuses_non_public(address: str) -> None:
    assert check_address(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8"])
def test_check_address_allows_public(address: str) -> None:
    assert check_address(ipaddress.ip_address(address)) is None


def test_allow_private_still_refuses_multicast_and_unspecified() -> None:
    for address in ("224.0.0.1", "0.0.0.0", "ff02::1"):
        assert check_address(ipaddress.ip_address(address), allow_private=True) is not None
    assert check_address(ipaddress.ip_address("10.0.0.1"), allow_private=True) is None


def test_connects_to_the_checked_address_with_the_host_header(
    http_server: DocServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS is asked once; the connection goes to that answer (no rebinding window)."""
    calls: list[str] = []
    real = socket.getaddrinfo

    def fake(host: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(host)
        return real("127.0.0.1" if host == "badges.test" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    http_server.routes["/d"] = send_json({"ok": True})
    assert LOCAL.fetch_json(f"http://badges.test:{http_server.port}/d") == {"ok": True}
    assert calls[0] == "badges.test"
    assert calls[1:] == ["127.0.0.1"] * (len(calls) - 1)  # the socket connects to the IP
    assert http_server.requests[0][1]["Host"] == f"badges.test:{http_server.port}"


def test_oversized_response_refused_by_content_length(http_server: DocServer) -> None:
    http_server.routes["/big"] = send_bytes(b"[" + b"1," * 600 + b"1]")
    with pytest.raises(NetworkError, match=r"/big: response is 1,203 bytes, over the 1,000-byte"):
        Fetcher(max_bytes=1000, allow_private=True, allow_http=True).fetch_bytes(
            f"{http_server.base}/big"
        )


def test_oversized_response_refused_while_reading(http_server: DocServer) -> None:
    http_server.routes["/big"] = send_unsized(b"x" * 5000)
    fetcher = Fetcher(max_bytes=4096, allow_private=True, allow_http=True)
    with pytest.raises(NetworkError, match=r"/big: response is over the 4,096-byte limit"):
        fetcher.fetch_bytes(f"{http_server.base}/big")


def test_response_of_exactly_max_bytes_is_read(http_server: DocServer) -> None:
    http_server.routes["/ok"] = send_unsized(b"y" * 4096)
    fetcher = Fetcher(max_bytes=4096, allow_private=True, allow_http=True)
    assert fetcher.fetch_bytes(f"{http_server.base}/ok") == b"y" * 4096


def test_slow_server_times_out_within_the_bound(http_server: DocServer) -> None:
    http_server.routes["/slow"] = drip(4.0)
    fetcher = Fetcher(timeout=0.5, allow_private=True, allow_http=True)
    start = time.monotonic()
    with pytest.raises(NetworkError, match=r"/slow: timed out after 0\.5 s"):
        fetcher.fetch_bytes(f"{http_server.base}/slow")
    assert time.monotonic() - start < 3.0  # a drip of bytes does not extend the deadline


def test_redirects_are_followed(http_server: DocServer) -> None:
    http_server.routes["/a"] = redirect("/b", 301)
    http_server.routes["/b"] = redirect(f"{http_server.base}/c", 307)
    http_server.routes["/c"] = redirect("d", 308)
    http_server.routes["/d"] = send_json({"end": 1})
    assert LOCAL.fetch_json(f"{http_server.base}/a") == {"end": 1}


def test_more_than_three_redirects_refused(http_server: DocServer) -> None:
    for a, b in zip("abcd", "bcde", strict=True):
        http_server.routes[f"/{a}"] = redirect(f"/{b}")
    http_server.routes["/e"] = send_json({})
    with pytest.raises(NetworkError, match=r"/a: more than 3 redirects"):
        LOCAL.fetch_json(f"{http_server.base}/a")


@pytest.mark.parametrize(
    "target", ["http://169.254.169.254/latest/meta-data", "http://10.0.0.7/x", "http://[::1]/"]
)
def test_redirect_to_a_private_address_refused(
    http_server: DocServer, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    # Pretend 127.0.0.1 is a public host, so only the redirect target is private.
    real = net.check_address

    def public_local(ip: net.IPAddress, *, allow_private: bool = False) -> str | None:
        return None if str(ip) == "127.0.0.1" else real(ip, allow_private=allow_private)

    monkeypatch.setattr(net, "check_address", public_local)
    http_server.routes["/start"] = redirect(target)
    fetcher = Fetcher(timeout=5.0, allow_http=True)
    with pytest.raises(NetworkError, match=r"resolves to .*(link-local|private|loopback)"):
        fetcher.fetch_json(f"{http_server.base}/start")
    assert [path for path, _ in http_server.requests] == ["/start"]


def test_redirect_from_https_to_http_refused(
    https_server: DocServer, local_fetcher: Fetcher
) -> None:
    https_server.routes["/a"] = redirect("http://localhost/x")
    strict = Fetcher(timeout=5.0, allow_private=True, cafile=local_fetcher.cafile)
    with pytest.raises(NetworkError, match=r"http://localhost/x: only https:// URLs"):
        strict.fetch_json(f"{https_server.base}/a")


def test_http_error_status(http_server: DocServer) -> None:
    with pytest.raises(NetworkError, match=r"/missing: HTTP 404 Not Found"):
        LOCAL.fetch_json(f"{http_server.base}/missing")


def test_body_that_is_not_json(http_server: DocServer) -> None:
    http_server.routes["/t"] = send_bytes(b"<html>", content_type="text/html")
    with pytest.raises(NetworkError, match=r"/t: the response is not valid JSON"):
        LOCAL.fetch_json(f"{http_server.base}/t")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/x", "only https:// URLs"),
        ("https:///nohost", "the URL has no host"),
        ("https://user:pw@example.org/", "user credentials"),
        ("https://example.org:99999/", "not a valid URL"),
    ],
)
def test_malformed_urls_refused(url: str, message: str) -> None:
    with pytest.raises(NetworkError, match=message):
        Fetcher().fetch_bytes(url)


def test_connection_refused_names_the_url() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/x"
    with pytest.raises(NetworkError, match=rf"^{url}: request failed \(ConnectionRefusedError"):
        LOCAL.fetch_bytes(url)
