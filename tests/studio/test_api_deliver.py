"""Sending a batch by email (a dry run writes .eml files; a real one goes to an SMTP server
on 127.0.0.1) and publishing the issuer's site."""

from __future__ import annotations

import io
import time
import zipfile
from email import message_from_bytes
from typing import TYPE_CHECKING, Any

import pytest
from studio_support import TestClient, free_port

if TYPE_CHECKING:
    from pathlib import Path

SITE = "https://example.org/badges"


def batch(client: TestClient, rows: int = 3, **extra: Any) -> str:
    text = "email,name\n" + "".join(f"p{i}@example.org,Person {i}\n" for i in range(rows))
    up = client.post("/api/rosters", files={"file": ("c.csv", text.encode(), "text/csv")}).json()
    body = {"achievement": "python", "design": "python", "roster": up["roster"], **extra}
    job = client.post("/api/batch", json=body).json()["id"]
    deadline = time.monotonic() + 120
    while client.get(f"/api/batch/{job}").json()["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    return str(job)


def test_send_dry_run_writes_one_email_per_badge(seeded: TestClient, workspace: Path) -> None:
    job = batch(seeded)
    r = seeded.post(
        f"/api/batch/{job}/send", json={"sender": "School <b@example.org>", "dry_run": True}
    )
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["sent"] == 3
    assert data["dry_run"] is True
    emails = sorted((workspace / data["outbox"]).glob("*.eml"))
    assert len(emails) == 3
    message = message_from_bytes(emails[0].read_bytes())
    assert message["To"] == "p0@example.org" or message["To"].endswith("<p0@example.org>")


def test_send_through_a_local_smtp_server(seeded: TestClient) -> None:
    aiosmtpd = pytest.importorskip("aiosmtpd.controller")
    from aiosmtpd.handlers import Sink

    received: list[Any] = []

    class Keep(Sink):
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.append(envelope)
            return "250 OK"

    port = free_port()
    controller = aiosmtpd.Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        job = batch(seeded, rows=2)
        body = {"sender": "School <b@example.org>", "host": "127.0.0.1",
                "port": port, "security": "none"}  # fmt: skip
        r = seeded.post(f"/api/batch/{job}/send", json=body)
    finally:
        controller.stop()
    assert r.status_code == 200, r.text
    assert r.json()["sent"] == 2
    assert sorted(e.rcpt_tos[0] for e in received) == ["p0@example.org", "p1@example.org"]


def test_send_refusals(seeded: TestClient) -> None:
    assert seeded.post("/api/batch/nope/send", json={"sender": "a@b.c"}).status_code == 404
    job = batch(seeded, rows=1)
    r = seeded.post(f"/api/batch/{job}/send", json={"sender": "a@example.org", "dry_run": "yes"})
    assert r.status_code == 400
    r = seeded.post(f"/api/batch/{job}/send", json={"sender": "a@example.org"})
    assert r.status_code == 400  # no server named
    assert r.json()["code"] == "missing_field"


def test_publish_the_site(seeded: TestClient, workspace: Path) -> None:
    batch(seeded, rows=2, base_url=SITE)
    r = seeded.post("/api/publish", json={"base_url": SITE})
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["issuer_id"] == "did:web:example.org:badges"
    assert "did.json" in data["files"]
    names = zipfile.ZipFile(io.BytesIO(seeded.get(data["zip"]).content)).namelist()
    assert "did.json" in names
    assert not any(n.endswith(".pem") for n in names)
    r = seeded.post("/api/publish", json={"base_url": "http://example.org"})
    assert r.status_code == 422


def test_publish_needs_a_key_and_an_achievement(client: TestClient) -> None:
    assert client.post("/api/publish", json={"base_url": SITE}).status_code == 409
    client.post("/api/keys", json={"name": "k"})
    r = client.post("/api/publish", json={"base_url": SITE})
    assert r.status_code == 409
    assert "achievement" in r.json()["error"]
