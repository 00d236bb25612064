"""Achievement routes (live quality check, criteria preview, saved files) and key routes."""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING

import pytest

import badgekit
from badgekit.credential import starter_file

if TYPE_CHECKING:
    from pathlib import Path

    from studio_support import TestClient

STARTER = tomllib.loads(starter_file())


def test_check_gives_the_librarys_score_and_findings(client: TestClient) -> None:
    r = client.post("/api/achievement/check", json={"data": STARTER})
    data = r.json()
    expected = badgekit.check_achievement(badgekit.Achievement.from_dict(STARTER))
    assert data["ok"] is True
    assert data["score"] == expected.score
    assert [f["message"] for f in data["findings"]] == [f.message for f in expected.findings]
    assert "<ol" in data["criteria_html"]
    assert "<strong>Complete</strong>" in data["criteria_html"]


def test_check_of_a_thin_achievement_gives_advice(client: TestClient) -> None:
    data = client.post("/api/achievement/check", json={"data": {"name": "PB"}}).json()
    assert data["ok"] is False
    assert data["score"] <= 40
    fields = {f["field"] for f in data["findings"]}
    assert {"description", "criteria"} <= fields
    empty = client.post("/api/achievement/check", json={"data": {"name": "", "tags": []}}).json()
    assert empty["ok"] is False
    assert empty["findings"][0]["field"] == "name"
    assert empty["findings"][0]["message"] == "Name is required"  # the form's label


def test_the_advice_names_the_forms_fields_not_the_files_syntax(client: TestClient) -> None:
    # The library's advice tells how to edit the file ('Add a [criteria] section with
    # narrative = "..."'); the teacher in the studio never sees the file.
    thin = {"name": "Python Basics", "alignment": [{"target_name": "Loops",
            "target_url": "https://example.org/cs"}]}  # fmt: skip
    findings = client.post("/api/achievement/check", json={"data": thin}).json()["findings"]
    library = badgekit.check_achievement(badgekit.Achievement.from_dict(thin)).findings
    assert [f["field"] for f in findings] == [f.field for f in library]
    assert any('= "' in f.advice or "[" in f.advice for f in library)
    for f in findings:
        assert '= "' not in f["advice"]
        assert "[" not in f["advice"] + f["message"]
    by_field = {f["field"]: f for f in findings}
    assert by_field["criteria"]["advice"].startswith("Fill in the Criteria")
    assert by_field["alignment"]["message"] == "the standard 'Loops' does not name its framework"
    # a field the library refuses is named by the form's label, and marked by its field
    bad = {**thin, "issuer": {"name": "School", "url": "school.example"}}
    [error] = client.post("/api/achievement/check", json={"data": bad}).json()["findings"]
    assert (error["field"], error["advice"]) == ("issuer.url", "")
    assert error["message"] == "Issuer web address: 'school.example' is not a web address"


def test_criteria_preview_is_escaped(client: TestClient) -> None:
    data = {**STARTER, "criteria": {"narrative": "<script>alert(1)</script> **do** it"}}
    html = client.post("/api/achievement/check", json={"data": data}).json()["criteria_html"]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<strong>do</strong>" in html


@pytest.mark.parametrize(
    ("data", "word"),
    [
        ({**STARTER, "tags": 5}, "tags"),
        ({**STARTER, "valid_for": "sometimes"}, "valid_for"),
        ({**STARTER, "nmae": "x"}, "nmae"),
        ({**STARTER, "issuer": "Example School"}, "issuer"),
    ],
)
def test_a_wrong_field_is_named(client: TestClient, data: dict[str, object], word: str) -> None:
    check = client.post("/api/achievement/check", json={"data": data}).json()
    assert check["ok"] is False
    finding = check["findings"][0]
    assert word in finding["field"] + finding["message"]
    r = client.post("/api/achievements", json={"name": "x", "data": data})
    assert r.status_code == 422
    assert r.json()["error"] == finding["message"]


def test_saved_achievement_is_the_file_the_cli_reads(client: TestClient, workspace: Path) -> None:
    data = {**STARTER, "alignment": [], "description": "  The earner can write Python.  "}
    r = client.post("/api/achievements", json={"name": "Python Basics", "data": data})
    assert r.status_code == 200
    assert r.json()["file"] == "achievements/python-basics.toml"
    loaded = badgekit.Achievement.load(workspace / "achievements" / "python-basics.toml")
    assert loaded.name == "Python Basics"
    assert loaded.description == "The earner can write Python."
    assert loaded.alignment == ()
    assert client.get("/api/achievements").json() == {"achievements": ["python-basics"]}
    back = client.get("/api/achievements/python-basics").json()
    assert back["data"]["name"] == "Python Basics"
    assert client.get("/api/achievements/nope").status_code == 404
    assert client.get("/api/achievements/example").json()["data"]["name"] == STARTER["name"]


def test_keys_create_list_choose_and_import(client: TestClient, workspace: Path) -> None:
    assert client.get("/api/keys").json()["keys"] == []
    r = client.post("/api/keys", json={"name": "School", "type": "p256"})
    assert r.status_code == 201
    assert r.json()["suite"] == "ecdsa-rdfc-2019"
    assert r.json()["did_key"].startswith("did:key:zDn")
    assert client.post("/api/keys", json={"name": "school"}).status_code == 400  # exists
    assert client.post("/api/keys", json={"name": "x", "type": "rsa"}).status_code == 400
    assert client.post("/api/keys", json={"name": 5}).status_code == 400
    pem = badgekit.KeyPair.generate().private_pem()
    r = client.post("/api/keys/import", files={"file": ("club.pem", pem)}, data={"name": "club"})
    assert r.status_code == 201
    assert r.json()["current"] is True
    keys = client.get("/api/keys").json()["keys"]
    assert [(k["name"], k["current"]) for k in keys] == [("club", True), ("school", False)]
    assert client.post("/api/keys/choose", json={"name": "school"}).status_code == 200
    assert client.get("/api/keys").json()["keys"][1]["current"] is True
    assert client.post("/api/keys/choose", json={"name": "nope"}).status_code == 400
    assert (workspace / "keys" / "club.pem").stat().st_mode & 0o777 == 0o600


def test_importing_a_public_key_or_junk_is_refused(client: TestClient) -> None:
    public = badgekit.KeyPair.generate().public_pem()
    r = client.post("/api/keys/import", files={"file": ("pub.pem", public)})
    assert r.status_code in (400, 422)
    assert "private" in r.json()["error"]
    r = client.post("/api/keys/import", files={"file": ("junk.pem", b"hello")})
    assert r.status_code == 422
    r = client.post("/api/keys/import", files={"file": ("big.pem", b"x" * 70_000)})
    assert r.status_code == 413
