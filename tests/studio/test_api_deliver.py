"""Sending a batch by email (a dry run writes .eml files; a real one goes to an SMTP server
on 127.0.0.1) and publishing the issuer's site."""

from __future__ import annotations

import io
import json
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


def test_mail_server_problems_are_told_in_the_forms_words(seeded: TestClient) -> None:
    # The library's advice names the command line's options (--ssl, --password-env); the
    # page has a Security choice and a Password field instead.
    aiosmtpd = pytest.importorskip("aiosmtpd.controller")
    from aiosmtpd.handlers import Sink

    job = batch(seeded, rows=1)
    port = free_port()
    controller = aiosmtpd.Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        server = {"sender": "School <b@example.org>", "host": "127.0.0.1", "port": port}
        tls = seeded.post(f"/api/batch/{job}/send", json={**server, "security": "starttls"})
        login = {**server, "security": "none", "user": "teacher"}
        no_password = seeded.post(f"/api/batch/{job}/send", json=login)
    finally:
        controller.stop()
    assert tls.status_code == 422
    assert tls.json()["error"].endswith(
        "does not offer STARTTLS; try SSL/TLS (port 465) under Security"
    )
    assert no_password.json()["error"] == "a user name needs its password: type it under Password"
    far = {**login, "host": "smtp.example.org", "password": "secret"}
    clear = seeded.post(f"/api/batch/{job}/send", json=far).json()["error"]
    assert "choose STARTTLS (port 587) or SSL/TLS (port 465) under Security" in clear
    for error in (tls.json()["error"], no_password.json()["error"], clear):
        assert "--" not in error


def test_a_batch_issued_without_the_website_does_not_block_publishing(
    seeded: TestClient, workspace: Path
) -> None:
    # A class issued before the teacher had a website made every later publish fail
    # ("batches/...: no status-list.json"), with no way out in the browser.
    batch(seeded, rows=1)
    batch(seeded, rows=1, base_url="https://elsewhere.example/badges")
    mine = batch(seeded, rows=1, base_url=SITE)
    r = seeded.post("/api/publish", json={"base_url": SITE})
    assert r.status_code == 200, r.text
    data = r.json()
    lists = [f for f in data["files"] if f.startswith("status/")]
    assert len(lists) == 1
    status_url = json.loads((workspace / "batches" / mine / "batch.json").read_text())
    assert status_url["base_url"] == SITE
    notes = " ".join(data["notes"])
    assert "issued without your badge website's address" in notes
    assert "issued for https://elsewhere.example/badges" in notes
    assert str(workspace) not in notes


def test_the_achievements_picture_is_on_its_page(seeded: TestClient, workspace: Path) -> None:
    # The achievement page names a saved design as its picture: the published page shows it,
    # and the note in the file's syntax ("give [image] path or a [design]") is gone.
    data = seeded.get("/api/achievements/python").json()["data"]
    r = seeded.post("/api/publish", json={"base_url": SITE})
    assert any("choose its Badge picture on the Achievement page" in n for n in r.json()["notes"])
    assert not any("[image]" in n or str(workspace) in n for n in r.json()["notes"])
    data["design"] = "../designs/python.toml"
    assert (
        seeded.post("/api/achievements", json={"name": "python", "data": data}).status_code == 200
    )
    r = seeded.post("/api/publish", json={"base_url": SITE})
    assert "achievements/python-basics.png" in r.json()["files"]
    assert not any("picture" in n for n in r.json()["notes"])
    # like every path from the browser, the files an achievement names stay in the workspace
    for bad in (
        {"design": "../../outside.toml"},
        {"design": "/etc/hosts"},
        {"image": {"path": "../keys/issuer.pem"}},
        {"issuer": {**data["issuer"], "image": "~/logo.png"}},
    ):
        r = seeded.post("/api/achievements", json={"name": "x", "data": {**data, **bad}})
        assert r.status_code == 400, (bad, r.text)
    assert not (workspace / "achievements" / "x.toml").exists()
