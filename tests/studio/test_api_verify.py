"""Verify and portfolio routes: the same reports and words as ``badgekit verify``; folders of
badges to a wall and a CSV."""

from __future__ import annotations

import io
import json
import time
import zipfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

import badgekit
from badgekit.cli import main

if TYPE_CHECKING:
    from pathlib import Path

    from studio_support import TestClient

NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def badges(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("badges")
    key = badgekit.KeyPair.generate()
    ach = badgekit.Achievement.from_dict(
        {"name": "Teamwork", "description": "Works well with others in a team.",
         "criteria": {"narrative": "Complete the group project."}, "issuer": {"name": "School"}}
    )  # fmt: skip
    art = badgekit.render(badgekit.compose("shield", {"title": "Teamwork"}).svg, size=200)
    good = badgekit.issue_badge(ach, key, "ada@example.org", art).image
    forged = json.loads(badgekit.unbake(good).payload)
    forged["credentialSubject"]["achievement"]["name"] = "Nobel Prize"
    tampered = badgekit.bake(art, json.dumps(forged), replace=True)
    files = {"good.png": good, "tampered.png": tampered, "plain.png": art}
    for name, data in files.items():
        (out / name).write_bytes(data)
    return {name: out / name for name in files}


def test_one_file_gives_the_verify_json_object(client: TestClient, badges: dict[str, Path]) -> None:
    data = badges["good.png"].read_bytes()
    r = client.post("/api/verify", files={"files": ("good.png", data, "image/png")})
    assert r.status_code == 200
    got = r.json()
    cli = CliRunner().invoke(main, ["verify", "--json", str(badges["good.png"])])
    expected = json.loads(cli.output)
    assert got["verdict"] == expected["verdict"] == "VALID"
    assert got["file"] == "good.png"
    assert [c["message"] for c in got["checks"]] == [c["message"] for c in expected["checks"]]


def test_several_files_give_an_array_and_tampered_is_not_valid(
    client: TestClient, badges: dict[str, Path]
) -> None:
    files = [("files", (n, badges[n].read_bytes(), "image/png")) for n in badges]
    got = client.post("/api/verify", files=files).json()
    assert [r["verdict"] for r in got] == ["VALID", "NOT VALID", "NOT VALID"]


def test_page_view_uses_the_clis_words(client: TestClient, badges: dict[str, Path]) -> None:
    data = badges["tampered.png"].read_bytes()
    r = client.post("/api/verify?view=page", files={"files": ("tampered.png", data, "image/png")})
    shown = r.json()["reports"][0]["shown"]
    cli = CliRunner().invoke(main, ["verify", str(badges["tampered.png"])]).output
    assert shown["verdict"] == "NOT VALID"
    assert shown["headline"] in cli
    for check in shown["checks"]:
        assert check["message"] in cli
        assert check["ids"] in cli
    for label, value in shown["lines"]:
        assert f"{label}:" in cli
        # the same facts; only the hint on how to check a hashed recipient is the page's own
        assert value.split(" (check it ")[0] in cli
    assert "(check it by giving their email under Options)" in str(shown["lines"])
    assert "What the file claims" in cli
    assert shown["confirmed"] is False


def test_verify_options_recipient(client: TestClient, badges: dict[str, Path]) -> None:
    data = badges["good.png"].read_bytes()
    r = client.post(
        "/api/verify",
        files={"files": ("good.png", data, "image/png")},
        data={"recipient": "bob@example.org"},
    )
    assert r.json()["verdict"] == "NOT VALID"


def test_verify_refusals(client: TestClient) -> None:
    assert client.post("/api/verify", json={"files": []}).status_code == 415
    r = client.post("/api/verify", files={"other": ("a.png", b"x", "image/png")})
    assert r.status_code == 400
    big = b"\x89PNG\r\n\x1a\n" + b"\0" * (17 * 2**20)
    r = client.post("/api/verify", files={"files": ("big.png", big, "image/png")})
    assert r.status_code == 413
    assert "16 MiB" in r.json()["error"]
    many = [("files", (f"{i}.json", b"{}", "application/json")) for i in range(60)]
    assert client.post("/api/verify", files=many).status_code == 400
    r = client.post("/api/verify", files={"files": ("x.jpg", b"\xff\xd8\xff\xe0", "image/jpeg")})
    assert r.status_code == 200
    assert r.json()["verdict"] == "NOT VALID"


def test_portfolio_upload_scan_wall_csv_zip(
    client: TestClient, badges: dict[str, Path], workspace: Path
) -> None:
    files = [("files", (n, badges[n].read_bytes(), "image/png")) for n in badges]
    r = client.post("/api/portfolio/upload", files=files, data={"folder": "Ada's badges"})
    assert r.status_code == 200
    assert r.json() == {"folder": "portfolio/ada-s-badges", "saved": 3}
    folders = client.get("/api/folders").json()["folders"]
    assert {"folder": "portfolio/ada-s-badges", "files": 3} in folders
    r = client.post(
        "/api/portfolio/scan", json={"folder": "portfolio/ada-s-badges", "title": "Ada"}
    )
    data = r.json()
    assert data["summary"].startswith("3 badge files: 1 valid")
    by_file = {e["file"]: e for e in data["entries"]}
    assert by_file["good.png"]["name"] == "Teamwork"
    assert by_file["tampered.png"]["name"] is None  # only what verified is shown
    wall = client.get(data["wall"])
    assert wall.status_code == 200
    assert "Teamwork" in wall.text
    assert "Nobel" not in wall.text
    assert wall.headers["content-security-policy"].startswith("sandbox")
    assert "frame-ancestors 'self'" in wall.headers["content-security-policy"]
    csv_text = client.get(data["csv"]).content.decode("utf-8-sig")
    assert "Teamwork" in csv_text
    assert "Nobel" not in csv_text
    z = zipfile.ZipFile(io.BytesIO(client.get(data["zip"]).content))
    assert any(n.endswith("index.html") for n in z.namelist())


def test_portfolio_refusals(client: TestClient) -> None:
    r = client.post("/api/portfolio/upload", files={"files": ("x.exe", b"MZ\x90\0", "x")})
    assert r.status_code == 415
    assert client.post("/api/portfolio/scan", json={"folder": "../.."}).status_code == 400
    assert client.post("/api/portfolio/scan", json={"folder": "portfolio/nope"}).status_code == 404
    r = client.post("/api/portfolio/scan", json={"folder": "issued", "hide_invalid": "yes"})
    assert r.status_code == 400
    assert client.get("/wall/nope/").status_code == 404
    assert client.get("/api/portfolio/nope/badges.csv").status_code == 404


def test_a_class_just_issued_is_a_portfolio_of_its_badges_only(seeded: TestClient) -> None:
    # A batch folder holds the batch's own JSON (batch.json, summary.json, the status list):
    # the portfolio counted them as four "not valid" badges next to the class's badges, and
    # told the teacher to "run with --online", an option the page does not have.
    text = "email,name\nada@example.org,Ada\ngrace@example.org,Grace\n"
    up = seeded.post("/api/rosters", files={"file": ("c.csv", text.encode(), "text/csv")}).json()
    body = {"achievement": "python", "design": "python", "roster": up["roster"],
            "base_url": "https://example.org/badges"}  # fmt: skip
    job = seeded.post("/api/batch", json=body).json()["id"]
    deadline = time.monotonic() + 120
    while seeded.get(f"/api/batch/{job}").json()["state"] != "done":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert {"folder": f"batches/{job}", "files": 2} in seeded.get("/api/folders").json()["folders"]
    data = seeded.post("/api/portfolio/scan", json={"folder": f"batches/{job}"}).json()
    assert sorted(e["file"][:3] for e in data["entries"]) == ["ada", "gra"]
    assert data["summary"].startswith("2 badge files")
    assert all("--online" not in (e["reason"] or "") for e in data["entries"])


def test_the_online_advice_names_the_pages_option(seeded: TestClient) -> None:
    # A badge of another did:web issuer (its key is not in this workspace) cannot be
    # confirmed offline: the CLI says "run with --online"; the page says which of its options
    # does that.
    key = badgekit.KeyPair.generate()
    achievement = badgekit.Achievement.from_dict(
        {"name": "Robotics", "description": "Builds robots.",
         "criteria": {"narrative": "Built one."},
         "issuer": {"name": "Other School", "id": "did:web:other.example"}}
    )  # fmt: skip
    art = badgekit.render(badgekit.compose("shield", {"title": "Robotics"}).svg, size=200)
    badge = badgekit.issue_badge(achievement, key, "ada@example.org", art).image
    r = seeded.post("/api/verify?view=page", files={"files": ("ada.png", badge, "image/png")})
    shown = r.json()["reports"][0]["shown"]
    assert "--online" in badgekit.verify(badge).headline  # the CLI's own words
    assert "“Look things up online” under Options" in shown["headline"]
    assert "--" not in shown["headline"]
    assert not any("--" in c["message"] for c in shown["checks"])
