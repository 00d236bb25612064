"""``badgekit verify`` through click's CliRunner: verdicts, JSON, exit codes (0 only when every
file is verified, 1 otherwise, 2 on usage errors)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

import badgekit
from badgekit.cli import main
from badgekit.credential import build_credential
from badgekit.status import StatusList, build_list_credential, status_entry

if TYPE_CHECKING:
    from pathlib import Path

KEY = badgekit.KeyPair.from_seed(bytes(range(32)))
ISSUED = datetime(2025, 5, 1, tzinfo=UTC)
UNTIL = datetime(2026, 5, 1, tzinfo=UTC)
NOW = "2025-06-01T12:00:00Z"
LIST_URL = "https://academy.example/status/1"
ACHIEVEMENT = badgekit.Achievement.from_dict(
    {
        "name": "Python Basics",
        "description": "Writes small Python programs.",
        "criteria": {"narrative": "Wrote three programs."},
        "issuer": {"name": "Example Academy"},
    }
)


def _credential(**kw: Any) -> dict[str, Any]:
    doc = build_credential(
        ACHIEVEMENT,
        "ada@example.org",
        issuer_id=KEY.did_key,
        now=ISSUED,
        valid_until=UNTIL,
        credential_id="urn:uuid:00000000-0000-4000-8000-000000000001",
        **kw,
    )
    out = badgekit.sign(doc, KEY, now=ISSUED)
    assert isinstance(out, dict)
    return out


@pytest.fixture
def badge(tmp_path: Path, sample_png: bytes) -> Path:
    path = tmp_path / "ada.png"
    path.write_bytes(badgekit.bake(sample_png, json.dumps(_credential())))
    return path


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, ["verify", *args])


def test_valid_badge_human_output(badge: Path) -> None:
    result = _run(str(badge), "--now", NOW)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"VALID  {badge}"
    assert lines[1].strip().startswith("This badge is genuine")
    text = result.output
    assert "Badge:      Python Basics" in text
    assert "Issuer:     Example Academy" in text
    assert "Recipient:  a hashed email address" in text
    assert "Issued:     1 May 2025" in text
    assert "Expires:    1 May 2026" in text
    # the badge comes before the checks, and every check is listed
    assert text.index("Badge:") < text.index("Checks:")
    for check_id in ("container", "format", "schema", "jsonld", "proof", "issuer_binding"):
        assert check_id in text


def test_expired_exits_1_and_says_so_first(badge: Path) -> None:
    result = _run(str(badge), "--now", "2027-01-01")
    assert result.exit_code == 1
    assert result.output.startswith("EXPIRED")
    assert "expired on 1 May 2026" in result.output.splitlines()[1]


def test_not_yet_valid(badge: Path) -> None:
    result = _run(str(badge), "--now", "2025-01-01T00:00:00+02:00")
    assert result.exit_code == 1
    assert result.output.startswith("NOT YET VALID")


def test_json_single_file(badge: Path) -> None:
    result = _run(str(badge), "--now", NOW, "--json")
    assert result.exit_code == 0
    out = json.loads(result.output)
    assert isinstance(out, dict)
    assert out["file"] == str(badge)
    assert out["verified"] is True
    assert out["verdict"] == "VALID"
    assert out["version"] == "3.0"
    assert out["credential"]["achievement_name"] == "Python Basics"
    assert out["checks"][0]["id"] == "container"
    assert all({"id", "status", "code", "message"} <= set(c) for c in out["checks"])


def test_json_several_files_is_an_array_and_one_bad_file_fails_all(
    badge: Path, tmp_path: Path, sample_svg: bytes
) -> None:
    plain = tmp_path / "plain.svg"
    plain.write_bytes(sample_svg)
    result = _run(str(badge), str(plain), "--now", NOW, "--json")
    assert result.exit_code == 1
    out = json.loads(result.output)
    assert [r["verdict"] for r in out] == ["VALID", "NOT VALID"]
    assert out[1]["checks"][0]["status"] == "failed"
    again = _run(str(badge), str(badge), "--now", NOW, "--json")
    assert again.exit_code == 0
    assert len(json.loads(again.output)) == 2


def test_human_output_for_several_files(badge: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    result = _run(str(badge), str(empty), "--now", NOW)
    assert result.exit_code == 1
    blocks = result.output.split("\n\n")
    assert blocks[0].startswith("VALID")
    assert f"NOT VALID  {empty}" in result.output
    assert "No badge could be read from this file: the file is empty." in result.output


def test_recipient(badge: Path) -> None:
    ok = _run(str(badge), "--now", NOW, "--recipient", "ada@example.org")
    assert ok.exit_code == 0
    assert "Recipient:  ada@example.org (confirmed)" in ok.output
    bad = _run(str(badge), "--now", NOW, "--recipient", "bob@example.org")
    assert bad.exit_code == 1
    assert bad.output.startswith("NOT VALID")
    # genuine, but someone else's badge: said so, not "do not trust this badge"
    headline = bad.output.splitlines()[1].strip()
    assert headline == "This badge is genuine, but it was not issued to bob@example.org."


def test_a_file_with_no_dates_does_not_claim_it_never_expires(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"@context": ["https://example.org/ctx"], "name": "Odd"}))
    result = _run(str(path), "--now", NOW)
    assert result.exit_code == 1
    assert "Expires:" not in result.output


def test_status_file_revoked(tmp_path: Path, sample_png: bytes) -> None:
    bits = StatusList()
    bits.set(3)
    listed = build_list_credential(bits, list_url=LIST_URL, issuer=KEY.did_key, valid_from=ISSUED)
    status = tmp_path / "status.json"
    status.write_text(json.dumps(badgekit.sign(listed, KEY, now=ISSUED)))
    revoked = tmp_path / "revoked.png"
    cred = _credential(credential_status=status_entry(LIST_URL, 3))
    revoked.write_bytes(badgekit.bake(sample_png, json.dumps(cred)))
    result = _run(str(revoked), "--now", NOW, "--status-file", str(status))
    assert result.exit_code == 1
    assert result.output.startswith("REVOKED")
    assert "The issuer has revoked this badge" in result.output
    offline = _run(str(revoked), "--now", NOW)
    assert offline.exit_code == 0  # status unknown offline: a warning, said in the headline
    assert "could not be fully checked" in offline.output
    assert "--online" in offline.output


def test_online_refuses_private_addresses_without_crashing(tmp_path: Path) -> None:
    cred = _credential(credential_status=status_entry("http://127.0.0.1:9/status", 3))
    path = tmp_path / "badge.json"
    path.write_text(json.dumps(cred))
    result = _run(str(path), "--now", NOW, "--online", "--json")
    assert result.exit_code == 0  # the list could not be read: a warning, not a revocation
    status = next(c for c in json.loads(result.output)["checks"] if c["id"] == "status")
    assert status["status"] == "warning"


def test_bad_status_file_is_one_line_exit_1(badge: Path, tmp_path: Path) -> None:
    status = tmp_path / "status.json"
    status.write_text("[1, 2")
    result = _run(str(badge), "--now", NOW, "--status-file", str(status))
    assert result.exit_code == 1
    assert result.output.startswith("error: ")
    assert len(result.output.strip().splitlines()) == 1


def test_tampered_jws_file(tmp_path: Path) -> None:
    token = badgekit.sign(
        build_credential(ACHIEVEMENT, "did:example:x", issuer_id=KEY.did_key, now=ISSUED),
        KEY,
        suite="jwt",
    )
    assert isinstance(token, str)
    path = tmp_path / "badge.jws"
    path.write_text(token)
    genuine = _run(str(path), "--now", NOW)
    assert genuine.exit_code == 0
    assert "not confirmed" not in genuine.output
    head, body, sig = token.split(".")
    path.write_text(f"{head}.{body}.{sig[:-4]}AAAA")
    result = _run(str(path), "--now", NOW)
    assert result.exit_code == 1
    assert result.output.startswith("NOT VALID")
    assert "does not match" in result.output
    assert "What the file claims (not confirmed by the issuer's signature):" in result.output


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["missing.png"],
        ["{badge}", "--now", "yesterday"],
        ["{badge}", "--no-such-option"],
        ["{badge}", "--status-file", "missing.json"],
    ],
    ids=["no-files", "missing-file", "bad-now", "unknown-option", "missing-status-file"],
)
def test_usage_errors_exit_2(args: list[str], badge: Path) -> None:
    result = _run(*[a.format(badge=badge) for a in args])
    assert result.exit_code == 2, result.output


def test_now_without_zone_is_utc(badge: Path) -> None:
    # Expiry is 2026-05-01T00:00:00Z: one second before, in UTC, is still valid.
    assert _run(str(badge), "--now", "2026-04-30T23:59:59").exit_code == 0
    assert _run(str(badge), "--now", "2026-05-01T00:00:00").exit_code == 1


def test_badge_text_cannot_fake_a_verdict_or_control_the_terminal(tmp_path: Path) -> None:
    evil = badgekit.Achievement.from_dict(
        {
            "name": "Nice\nVALID  forged.png\x1b[2J\u202egnp.live",
            "description": "d",
            "criteria": {"narrative": "n"},
            "issuer": {"name": "Academy\r\nVALID"},
        }
    )
    doc = build_credential(evil, "did:example:x", issuer_id=KEY.did_key, now=ISSUED)
    signed = badgekit.sign(doc, KEY, now=ISSUED)
    signed["name"] = "changed"  # type: ignore[index]
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(signed))
    result = _run(str(path), "--now", NOW)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("NOT VALID")
    assert not any(line.startswith("VALID") for line in lines)
    assert "\x1b" not in result.output
    assert "\u202e" not in result.output
    assert "Badge:      Nice VALID forged.png [2Jgnp.live" in result.output


def test_claims_signed_by_another_key_are_marked_unconfirmed(tmp_path: Path) -> None:
    """A genuine signature by a key that is not the issuer's vouches for nothing: the badge
    details are the file's claims, in words and in JSON (``"confirmed": false``)."""
    from badgekit.jsonld.loader import default_loader
    from badgekit.proofs.registry import get

    other = badgekit.KeyPair.from_seed(bytes(range(1, 33)))
    doc = {k: v for k, v in _credential().items() if k != "proof"}
    proof = get("eddsa-rdfc-2022").create_proof(
        doc,
        other,
        verification_method=other.did_key_vm,
        created="2025-05-01T00:00:00Z",
        loader=default_loader(),
    )
    path = tmp_path / "forged.json"
    path.write_text(json.dumps({**doc, "proof": [proof]}))
    result = _run(str(path), "--now", NOW)
    assert result.exit_code == 1
    assert result.output.startswith("NOT VALID")
    text = result.output
    assert "What the file claims (not confirmed by the issuer's signature):" in text
    assert text.index("What the file claims") < text.index("Badge:      Python Basics")
    out = json.loads(_run(str(path), "--now", NOW, "--json").output)
    assert out["credential"]["confirmed"] is False
    assert out["credential"]["achievement_name"] == "Python Basics"


def test_json_credential_of_a_verified_badge_is_confirmed(badge: Path, tmp_path: Path) -> None:
    out = json.loads(_run(str(badge), "--now", NOW, "--json").output)
    assert out["credential"]["confirmed"] is True
    expired = json.loads(_run(str(badge), "--now", "2027-01-01", "--json").output)
    assert expired["verdict"] == "EXPIRED"
    assert expired["credential"]["confirmed"] is True  # genuine, only out of date
    assert "not confirmed" not in _run(str(badge), "--now", "2027-01-01").output


def test_hosted_ob2_svg_offline_shows_claims_unverified_and_the_hosted_url() -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / "bake" / "ob2-hosted-both.svg"
    url = "https://badges.riverside-library.example/public/assertions/3kQ7cJ2aTmW9xYzR"
    result = _run("--now", NOW, str(path))
    assert result.exit_code == 1
    assert result.output.startswith("UNVERIFIED")
    assert "What the file claims (not confirmed by the issuer's signature):" in result.output
    assert "Badge:      Summer Reading Challenge 2019" in result.output
    assert "Issuer:     Riverside Public Library" in result.output
    assert f"hosted at {url}" in result.output
    assert "--online" in result.output
    data = json.loads(_run("--json", "--now", NOW, str(path)).output)
    container = next(c for c in data["checks"] if c["id"] == "container")
    assert container["details"]["hosted_url"] == url
