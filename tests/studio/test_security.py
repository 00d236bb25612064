"""The studio's guard: Host, access token, Origin and CSRF, body limits, headers, workspace
confinement, and that no answer ever carries a private key."""

from __future__ import annotations

import os
import socket
from typing import TYPE_CHECKING

import pytest
from studio_support import BASE, LiveStudio, TestClient, seed

from badgekit.studio import StudioConfig, create_app, prepare
from badgekit.studio.config import is_loopback
from badgekit.studio.limits import MAX_REQUEST_BYTES
from badgekit.studio.security import CSRF_COOKIE

if TYPE_CHECKING:
    from pathlib import Path

DESIGN = {"template": "shield", "values": {"title": "Leader"}}


def test_every_answer_has_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/design", "/api/templates", "/api/nope", "/static/studio.js"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script(client: TestClient) -> None:
    for path in ("/", "/design", "/achievement", "/issue", "/verify", "/portfolio", "/keys"):
        html = client.get(path).text
        assert "<script>" not in html
        assert "onclick" not in html
        assert "style=" not in html
        assert 'name="csrf-token"' in html


def test_csrf_cookie_is_strict_and_httponly(workspace: Path) -> None:
    app_client = TestClient(create_app(StudioConfig(workspace=workspace)), base_url=BASE)
    r = app_client.get("/api/session")
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{CSRF_COOKIE}=")
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert r.json()["csrf_token"] in cookie


def test_a_post_without_the_csrf_header_is_refused(client: TestClient) -> None:
    good = client.headers.pop("X-CSRF-Token")
    r = client.post("/api/design", json=DESIGN)
    assert r.status_code == 403
    assert r.json()["code"] == "csrf_refused"
    r = client.post("/api/design", json=DESIGN, headers={"X-CSRF-Token": good[:-1] + "x"})
    assert r.status_code == 403
    assert (
        client.post("/api/design", json=DESIGN, headers={"X-CSRF-Token": good}).status_code == 200
    )


def test_a_post_without_the_cookie_is_refused(client: TestClient) -> None:
    token = client.headers["X-CSRF-Token"]
    client.cookies.clear()
    r = client.post("/api/design", json=DESIGN, headers={"X-CSRF-Token": token})
    assert r.status_code == 403


def test_a_foreign_origin_is_refused(client: TestClient) -> None:
    r = client.post("/api/design", json=DESIGN, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403
    assert "evil.example" in r.json()["error"]
    r = client.post("/api/design", json=DESIGN, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    assert client.post("/api/design", json=DESIGN, headers={"Origin": BASE}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.nip.io"])
def test_dns_rebinding_hosts_are_refused(client: TestClient, host: str) -> None:
    r = client.get("/api/session", headers={"Host": host})
    assert r.status_code == 421
    assert r.json()["code"] == "host_refused"


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765"])
def test_loopback_hosts_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/session", headers={"Host": host}).status_code == 200


def test_a_50_mb_upload_is_refused_before_it_is_read(client: TestClient) -> None:
    sent = []

    def body():  # type: ignore[no-untyped-def]
        for _ in range(50):
            sent.append(1)
            yield b"\0" * 2**20

    headers = {"Content-Type": "multipart/form-data; boundary=x", "Content-Length": str(50 * 2**20)}
    r = client.post("/api/verify", content=body(), headers=headers)
    assert r.status_code == 413
    assert r.json()["code"] == "too_large"
    assert sent == []  # not one byte of the body was asked for


def test_a_streamed_body_over_the_limit_is_cut_off(client: TestClient) -> None:
    chunks = (MAX_REQUEST_BYTES // 2**20) + 2

    def body():  # type: ignore[no-untyped-def]
        yield b"--x\r\nContent-Disposition: form-data; name=files; filename=a.png\r\n\r\n"
        for _ in range(chunks):
            yield b"\0" * 2**20

    r = client.post(
        "/api/verify", content=body(), headers={"Content-Type": "multipart/form-data; boundary=x"}
    )
    assert r.status_code == 413


def test_a_50_mb_upload_over_a_real_socket_gets_413_at_once(live_studio: LiveStudio) -> None:
    token = "t" * 43  # double submit: any well-formed token, the same in cookie and header
    with socket.create_connection(("127.0.0.1", live_studio.port), timeout=10) as s:
        s.sendall(
            b"POST /api/verify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n"
            + f"Cookie: badgekit_csrf={token}\r\nX-CSRF-Token: {token}\r\n".encode()
            + f"Content-Length: {50 * 2**20}\r\n\r\n".encode()
            + b"x" * 65536
        )
        answer = s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:80]


def test_token_beyond_loopback(workspace: Path) -> None:
    config, url = prepare(StudioConfig(workspace=workspace, host="0.0.0.0"))
    assert config.token
    assert len(config.token) >= 24
    assert f"?token={config.token}" in url
    assert not is_loopback("0.0.0.0")
    assert is_loopback("127.0.0.2")
    assert is_loopback("localhost")
    c = TestClient(create_app(config), base_url="http://192.0.2.10:8765")
    r = c.get("/api/session")
    assert r.status_code == 401
    assert r.json()["code"] == "token_required"
    r = c.get("/api/session", headers={"Authorization": f"Bearer {config.token}"})
    assert r.status_code == 200
    r = c.get("/api/session", headers={"Authorization": "Bearer wrong-token-wrong-token"})
    assert r.status_code == 401
    r = c.get(f"/design?token={config.token}", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/design"
    assert "HttpOnly" in r.headers["set-cookie"]
    assert c.get("/design").status_code == 200  # the cookie now carries the token


def test_a_given_token_is_required_on_loopback_too(workspace: Path) -> None:
    c = TestClient(
        create_app(StudioConfig(workspace=workspace, token="a-long-token-1234")), base_url=BASE
    )
    assert c.get("/api/templates").status_code == 401
    c.headers["Authorization"] = "Bearer a-long-token-1234"
    assert c.get("/api/templates").status_code == 200
    del c.headers["Authorization"]
    c.cookies.clear()
    assert c.get("/api/templates").status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/api/files/../outside.txt",
        "/api/files/%2e%2e/outside.txt",
        "/api/files/keys/issuer.pem",
        "/api/files/studio.json",
        "/api/files//etc/passwd",
    ],
)
def test_downloads_stay_in_the_workspace_and_never_give_keys(
    seeded: TestClient, workspace: Path, path: str
) -> None:
    (workspace.parent / "outside.txt").write_text("secret")
    r = seeded.get(path)
    assert r.status_code in (400, 404)
    assert b"secret" not in r.content
    assert b"PRIVATE KEY" not in r.content


def test_a_symbolic_link_out_of_the_workspace_is_refused(
    seeded: TestClient, workspace: Path
) -> None:
    (workspace.parent / "outside.txt").write_text("secret")
    os.symlink(workspace.parent / "outside.txt", workspace / "issued" / "link.png")
    r = seeded.get("/api/files/issued/link.png")
    assert r.status_code == 400
    assert b"secret" not in r.content


def test_no_answer_carries_the_private_key(seeded: TestClient, workspace: Path) -> None:
    pem = (workspace / "keys" / "issuer.pem").read_bytes()
    assert b"PRIVATE KEY" in pem
    assert (workspace / "keys" / "issuer.pem").stat().st_mode & 0o777 == 0o600
    assert (workspace / "keys").stat().st_mode & 0o777 == 0o700
    body = pem.split(b"\n")[1]
    for path in ("/api/keys", "/api/session", "/keys", "/api/openapi.json", "/api/folders"):
        r = seeded.get(path)
        assert b"PRIVATE" not in r.content, path
        assert body not in r.content, path


def test_seed_helper_is_usable(client: TestClient) -> None:
    seed(client)
    assert client.get("/api/keys").json()["keys"][0]["current"] is True
