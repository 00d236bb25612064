"""Issuing routes: one badge, rosters (upload, mapping, row errors), batches with progress
(JSON and server-sent events) and the zip."""

from __future__ import annotations

import io
import json
import time
import zipfile
from typing import TYPE_CHECKING, Any

import pytest

import badgekit

if TYPE_CHECKING:
    from pathlib import Path

    from studio_support import TestClient

ROSTER = (
    "email,name\n"
    + "".join(f"learner{i}@example.org,Learner {i}\n" for i in range(1, 6))
    + "not-an-email,Bad One\n"
    + "learner1@example.org,Again\n"
    + ",Nobody\n"
)
WHAT = {"achievement": "python", "design": "python"}


def test_issue_one_badge(seeded: TestClient, workspace: Path) -> None:
    r = seeded.post("/api/issue", json={**WHAT, "recipient": "ada@example.org", "name": "Ada"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["report"]["verdict"] == "VALID"
    assert data["file"].startswith("issued/ada-")
    badge = seeded.get(data["download"]).content
    report = badgekit.verify(badge, recipient="ada@example.org")
    assert report.verified
    assert report.credential is not None
    assert report.credential["achievement_name"] == "Python Basics"
    assert (workspace / data["file"]).read_bytes() == badge


def test_issue_svg(seeded: TestClient) -> None:
    r = seeded.post("/api/issue", json={**WHAT, "recipient": "did:example:ada", "format": "svg"})
    assert r.status_code == 200
    assert r.json()["file"].endswith(".svg")


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({**WHAT, "recipient": "not-an-email"}, 422),
        ({**WHAT}, 400),
        ({**WHAT, "recipient": ["ada@example.org"]}, 400),
        ({**WHAT, "achievement": "nope", "recipient": "a@example.org"}, 404),
        ({**WHAT, "design": "../keys/issuer", "recipient": "a@example.org"}, 404),
        ({**WHAT, "recipient": "a@example.org", "format": "jpeg"}, 400),
    ],
)
def test_issue_refuses_bad_input(seeded: TestClient, body: dict[str, Any], status: int) -> None:
    r = seeded.post("/api/issue", json=body)
    assert r.status_code == status, r.text


def test_issue_without_a_key_says_so(client: TestClient) -> None:
    r = client.post("/api/issue", json={**WHAT, "recipient": "a@example.org"})
    assert r.status_code == 409
    assert "Keys page" in r.json()["error"]


def upload(client: TestClient, text: str | bytes, name: str = "class.csv") -> dict[str, Any]:
    data = text.encode() if isinstance(text, str) else text
    r = client.post("/api/rosters", files={"file": (name, data, "text/csv")})
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_roster_upload_maps_and_checks_rows_like_batch(seeded: TestClient) -> None:
    up = upload(seeded, ROSTER)
    assert up["headers"] == ["email", "name"]
    assert up["guesses"] == {
        "email": "recipient",
        "name": "name",
    }
    assert up["rows"] == 8
    assert "recipient" in up["fields"]
    check = seeded.post("/api/rosters/check", json={"roster": up["roster"]}).json()
    assert check["total"] == 8
    assert check["bad"] == 3
    assert check["ok"] is False
    errors = {r["line"]: r["error"] for r in check["rows"] if r["error"]}
    assert errors[7].startswith("recipient 'not-an-email' is not an email address")
    assert errors[8].startswith("duplicate recipient: already on line 2")
    assert errors[9].startswith("missing recipient")


def test_roster_header_errors_are_batchs(seeded: TestClient) -> None:
    up = upload(seeded, "emial,name\na@example.org,A\n")
    check = seeded.post("/api/rosters/check", json={"roster": up["roster"]}).json()
    assert check["ok"] is False
    assert "unknown column 'emial' (did you mean 'email'?)" in check["error"]
    mapped = {"roster": up["roster"], "columns": {"emial": "recipient", "name": "name"}}
    check = seeded.post("/api/rosters/check", json=mapped).json()
    assert check["ok"] is True
    assert check["rows"][0]["recipient"] == "a@example.org"
    bad = {"roster": up["roster"], "columns": {"nope": "recipient"}}
    assert seeded.post("/api/rosters/check", json=bad).status_code == 400


def test_roster_uploads_are_bounded_and_sniffed(seeded: TestClient) -> None:
    r = seeded.post(
        "/api/rosters", files={"file": ("c.csv", b"\x89PNG\r\n\x1a\n\0\0\0", "text/csv")}
    )
    assert r.status_code == 415
    r = seeded.post(
        "/api/rosters", files={"file": ("c.csv", "email\n".encode("utf-16"), "text/csv")}
    )
    assert r.status_code == 415
    big = b"email\n" + b"a@example.org\n" * 700_000
    r = seeded.post("/api/rosters", files={"file": ("c.csv", big, "text/csv")})
    assert r.status_code == 413
    r = seeded.post("/api/rosters/check", json={"roster": "../keys/issuer.pem"})
    assert r.status_code == 400


def wait_done(client: TestClient, job: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = client.get(f"/api/batch/{job}").json()
        if status["state"] in ("done", "failed"):
            return dict(status)
        time.sleep(0.1)
    pytest.fail("the batch did not finish")


def test_batch_runs_with_progress_and_zips_the_badges(seeded: TestClient) -> None:
    up = upload(seeded, ROSTER)
    r = seeded.post("/api/batch", json={**WHAT, "roster": up["roster"]})
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["total"] == 8
    assert job["events"] == f"/api/batch/{job['id']}/events"
    done = wait_done(seeded, job["id"])
    assert done["state"] == "done", done
    assert done["percent"] == 100
    assert done["issued"] == 5
    assert done["errors"] == 2
    assert done["duplicates"] == 1
    by_line = {r["line"]: r for r in done["results"]}
    assert by_line[2]["outcome"] == "issued"
    assert by_line[2]["file"].startswith("learner-1-")
    assert by_line[7]["error"].startswith("recipient 'not-an-email' is not an email")
    z = zipfile.ZipFile(io.BytesIO(seeded.get(done["zip"]).content))
    names = z.namelist()
    assert sum(n.endswith(".png") for n in names) == 5
    assert any(n.endswith("manifest.jsonl") for n in names)
    assert not any("contacts" in n or n.endswith(".pem") for n in names)
    badge = z.read(next(n for n in names if n.endswith(".png")))
    assert badgekit.verify(badge).verified


def test_batch_events_stream_ends_at_100(seeded: TestClient) -> None:
    up = upload(seeded, "email\n" + "".join(f"p{i}@example.org\n" for i in range(20)))
    job = seeded.post("/api/batch", json={**WHAT, "roster": up["roster"]}).json()
    seen = []
    with seeded.stream("GET", job["events"]) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        for line in r.iter_lines():
            if line.startswith("data: "):
                seen.append(json.loads(line[6:]))
    assert seen[-1]["state"] == "done"
    assert seen[-1]["percent"] == 100
    assert seen[-1]["issued"] == 20
    percents = [s["percent"] for s in seen]
    assert percents == sorted(percents)


def test_batch_refusals(seeded: TestClient, client: TestClient) -> None:
    assert seeded.get("/api/batch/nope").status_code == 404
    assert seeded.get("/api/batch/nope/events").status_code == 404
    r = seeded.post("/api/batch", json={**WHAT, "roster": "rosters/nope.csv"})
    assert r.status_code == 404
    r = seeded.post("/api/batch", json={**WHAT, "roster": 5})
    assert r.status_code == 400


def test_a_batch_whose_header_is_wrong_fails_with_batchs_message(seeded: TestClient) -> None:
    up = upload(seeded, "emial\na@example.org\n")
    job = seeded.post("/api/batch", json={**WHAT, "roster": up["roster"]}).json()
    done = wait_done(seeded, job["id"])
    assert done["state"] == "failed"
    assert "unknown column 'emial'" in done["error"]


def test_example_roster(client: TestClient) -> None:
    r = client.get("/api/rosters/example.csv")
    assert r.status_code == 200
    assert r.text.startswith("email,name\n")


SCHOOL_EXPORT = (
    "Student Name,Email Address,Class\n"
    "Grace Hopper,grace@example.org,10B\n"
    "Alan Turing,alan@example.org,10B\n"
)


def test_a_class_list_with_a_column_no_badge_needs(seeded: TestClient, workspace: Path) -> None:
    # A school's export has a column ("Class") no badge needs: it was a dead end, with the
    # command line's words ("--column FIELD=HEADER") and the path of the upload on disk.
    up = upload(seeded, SCHOOL_EXPORT)
    assert up["guesses"] == {"Student Name": "name", "Email Address": "recipient", "Class": None}
    guessed = {"Student Name": "name", "Email Address": "recipient"}
    check = seeded.post("/api/rosters/check", json={"roster": up["roster"], "columns": guessed})
    error = check.json()["error"]
    assert error.startswith("the class list: unknown column 'Class'")
    assert "--" not in error
    assert str(workspace) not in error
    columns = {**guessed, "Class": ""}  # the form's "not used"
    body = {"roster": up["roster"], "columns": columns}
    check = seeded.post("/api/rosters/check", json=body).json()
    assert check["ok"] is True, check
    assert [r["name"] for r in check["rows"]] == ["Grace Hopper", "Alan Turing"]
    job = seeded.post("/api/batch", json={**WHAT, **body}).json()
    done = wait_done(seeded, job["id"])
    assert done["state"] == "done", done
    assert [r["file"].rsplit("-", 1)[0] for r in done["results"]] == ["grace-hopper", "alan-turing"]
    unused = {**columns, "Email Address": ""}
    error = seeded.post("/api/rosters/check", json={**body, "columns": unused}).json()["error"]
    assert "choose Recipient for the column of email addresses" in error
    assert "--" not in error


def test_the_teachers_own_did_web_badges_are_confirmed_by_the_studio(seeded: TestClient) -> None:
    # Issued for a site not online yet: offline, its key is named only in the issuer's
    # address; the studio holds that key, so its own reports confirm the badge is the
    # teacher's, where a verifier elsewhere says "not confirmed (run with --online)".
    body = {**WHAT, "recipient": "ada@example.org", "base_url": "https://pd.example.org/badges"}
    r = seeded.post("/api/issue", json=body)
    assert r.status_code == 200, r.text
    checks = {c["id"]: c["status"] for c in r.json()["report"]["checks"]}
    assert checks["issuer_binding"] == "passed"
    badge = seeded.get(r.json()["download"]).content
    elsewhere = badgekit.verify(badge)
    assert elsewhere.check("issuer_binding").code == "unconfirmed"
    got = seeded.post("/api/verify", files={"files": ("ada.png", badge, "image/png")}).json()
    assert got["verdict"] == "VALID"
    assert {c["id"]: c["status"] for c in got["checks"]}["issuer_binding"] == "passed"


def test_the_website_address_is_remembered_for_the_forms(seeded: TestClient) -> None:
    assert 'value=""' in seeded.get("/issue").text.split('id="i-site"')[1].split(">")[0]
    bad = {**WHAT, "recipient": "ada@example.org", "base_url": "http://not-https.example"}
    assert seeded.post("/api/issue", json=bad).status_code >= 400
    assert "not-https" not in seeded.get("/issue").text  # a refused address is not kept
    good = {**WHAT, "recipient": "ada@example.org", "base_url": "https://pd.example.org/badges"}
    assert seeded.post("/api/issue", json=good).status_code == 200
    assert 'value="https://pd.example.org/badges"' in seeded.get("/issue").text
