"""``badgekit endorse`` and ``issue --endorsement`` through CliRunner: an endorsement made on
the command line is embedded in a badge and reported by ``badgekit verify``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

import badgekit
from badgekit.cli import main

if TYPE_CHECKING:
    from pathlib import Path

NOW = "2025-06-01T12:00:00Z"
ISSUER = badgekit.KeyPair.from_seed(bytes(range(32)))
GUILD = badgekit.KeyPair.from_seed(bytes(range(5, 37)))
BADGE_ID = "https://example.org/badges/python-basics"


@pytest.fixture
def folder(tmp_path: Path, sample_png: bytes) -> Path:
    (tmp_path / "art.png").write_bytes(sample_png)
    ISSUER.save(tmp_path / "issuer.pem")
    GUILD.save(tmp_path / "guild.pem")
    out = CliRunner().invoke(main, ["achievement", "new", "-o", str(tmp_path / "a.toml")])
    assert out.exit_code == 0, out.output
    text = (tmp_path / "a.toml").read_text(encoding="utf-8")
    text = text.replace(f'# id = "{BADGE_ID}"', f'id = "{BADGE_ID}"')
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_endorse_issue_verify(folder: Path) -> None:
    code, out = _run(
        "endorse", "--key", str(folder / "guild.pem"), "--name", "Python Teachers' Guild",
        "--achievement", str(folder / "a.toml"), "--comment", "Meets our standard.",
        "--now", NOW, "--out", str(folder / "e.json"),
    )  # fmt: skip
    assert code == 0, out
    endorsement = json.loads((folder / "e.json").read_text(encoding="utf-8"))
    assert endorsement["credentialSubject"]["id"] == BADGE_ID
    assert endorsement["issuer"]["id"] == GUILD.did_key
    code, out = _run(
        "endorse", "--key", str(folder / "guild.pem"), "--name", "JWT Guild",
        "--subject", BADGE_ID, "--suite", "jwt", "--now", NOW, "--out", str(folder / "e.jwt"),
    )  # fmt: skip
    assert code == 0, out
    assert (folder / "e.jwt").read_text(encoding="utf-8").count(".") == 2
    code, out = _run(
        "issue", "--achievement", str(folder / "a.toml"), "--key", str(folder / "issuer.pem"),
        "--recipient", "ada@example.org", "--image", str(folder / "art.png"),
        "--endorsement", str(folder / "e.json"), "--endorsement", str(folder / "e.jwt"),
        "--now", NOW, "--out", str(folder / "ada.png"),
    )  # fmt: skip
    assert code == 0, out
    code, out = _run("verify", str(folder / "ada.png"), "--now", NOW)
    assert code == 0, out
    assert "Endorsements:" in out
    assert "by Python Teachers' Guild" in out
    assert "by JWT Guild" in out
    code, out = _run("verify", str(folder / "ada.png"), "--now", NOW, "--json")
    assert [n["role"] for n in json.loads(out)["nested"]] == ["endorsement", "endorsement"]


def test_endorse_needs_one_subject(folder: Path) -> None:
    key = str(folder / "guild.pem")
    code, out = _run("endorse", "--key", key, "--name", "G", "--out", str(folder / "e.json"))
    assert code == 2
    assert "--achievement FILE or --subject ID" in out
    assert not (folder / "e.json").exists()


def test_a_bad_endorsement_file_is_one_line(folder: Path) -> None:
    (folder / "bad.json").write_text('{"type": "VerifiableCredential"}', encoding="utf-8")
    code, out = _run(
        "issue", "--achievement", str(folder / "a.toml"), "--key", str(folder / "issuer.pem"),
        "--recipient", "ada@example.org", "--image", str(folder / "art.png"),
        "--endorsement", str(folder / "bad.json"), "--out", str(folder / "ada.png"),
    )  # fmt: skip
    assert code == 1
    assert out.strip().startswith("error:")
    assert "EndorsementCredential" in out
    assert len(out.strip().splitlines()) == 1
    assert not (folder / "ada.png").exists()
