"""``badgekit issue`` through click's CliRunner: the badge it writes is accepted by
``badgekit verify``; refusals exit 1 with one line and write nothing."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

import badgekit
from badgekit.cli import main

if TYPE_CHECKING:
    from pathlib import Path

NOW = "2025-06-01T12:00:00Z"
KEY = badgekit.KeyPair.from_seed(bytes(range(32)))


@pytest.fixture
def files(tmp_path: Path, sample_png: bytes, sample_svg: bytes) -> dict[str, Path]:
    out = {
        "png": tmp_path / "art.png",
        "svg": tmp_path / "art.svg",
        "key": tmp_path / "issuer.pem",
        "locked": tmp_path / "locked.pem",
        "achievement": tmp_path / "python.toml",
        "dir": tmp_path,
    }
    out["png"].write_bytes(sample_png)
    out["svg"].write_bytes(sample_svg)
    KEY.save(out["key"])
    KEY.save(out["locked"], "s3cret")
    result = CliRunner().invoke(main, ["achievement", "new", "-o", str(out["achievement"])])
    assert result.exit_code == 0, result.output
    return out


def _issue(files: dict[str, Path], *extra: str, out: str = "ada.png", **kw: Any) -> Any:
    args = [
        "issue",
        "--achievement",
        str(kw.get("achievement", files["achievement"])),
        "--key",
        str(kw.get("key", files["key"])),
        "--recipient",
        kw.get("recipient", "ada@example.org"),
        "--image",
        str(kw.get("image", files["png"])),
        "--out",
        str(files["dir"] / out),
        "--now",
        NOW,
        *extra,
    ]
    return CliRunner().invoke(main, args, env=kw.get("env"))


def _verify(path: Path, *extra: str) -> Any:
    return CliRunner().invoke(main, ["verify", str(path), "--now", NOW, *extra])


@pytest.mark.parametrize(
    ("suite", "image", "out"),
    [
        ("eddsa-rdfc-2022", "png", "ada.png"),
        ("eddsa-rdfc-2022", "svg", "ada.svg"),
        ("ed25519-2020", "png", "ada.png"),
        ("jwt", "svg", "ada.svg"),
    ],
)
def test_issued_badge_is_accepted_by_verify(
    files: dict[str, Path], suite: str, image: str, out: str
) -> None:
    result = _issue(files, "--suite", suite, image=files[image], out=out)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"VALID  {files['dir'] / out}")
    written = files["dir"] / out
    assert written.exists()
    checked = _verify(written, "--recipient", "ada@example.org")
    assert checked.exit_code == 0, checked.output
    assert "Recipient:  ada@example.org (confirmed)" in checked.output
    unbaked = badgekit.unbake(written.read_bytes()).payload
    assert unbaked.count(".") == 2 if suite == "jwt" else json.loads(unbaked)["proof"]


def test_evidence_and_valid_until(files: dict[str, Path]) -> None:
    result = _issue(
        files,
        "--evidence",
        "https://example.org/portfolio/ada",
        "--evidence",
        "Demonstrated a quiz program in class.",
        "--valid-until",
        "2026-01-01T00:00:00Z",
    )
    assert result.exit_code == 0, result.output
    written = files["dir"] / "ada.png"
    credential = json.loads(badgekit.unbake(written.read_bytes()).payload)
    assert credential["validUntil"] == "2026-01-01T00:00:00Z"
    evidence = credential["evidence"]
    assert evidence[0]["id"] == "https://example.org/portfolio/ada"
    assert evidence[1]["narrative"] == "Demonstrated a quiz program in class."
    later = CliRunner().invoke(main, ["verify", str(written), "--now", "2026-02-01"])
    assert later.exit_code == 1
    assert later.output.startswith("EXPIRED")


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_the_artwork_and_its_caption_go_into_the_credential(
    files: dict[str, Path], fmt: str
) -> None:
    """The starter names no image: the artwork given at issue time becomes the achievement's
    image (a data URI, before baking) with the starter's caption as alt text."""
    result = _issue(files, image=files[fmt], out=f"ada.{fmt}")
    assert result.exit_code == 0, result.output
    payload = badgekit.unbake((files["dir"] / f"ada.{fmt}").read_bytes()).payload
    image = json.loads(payload)["credentialSubject"]["achievement"]["image"]
    mime = "image/png" if fmt == "png" else "image/svg+xml"
    encoded = base64.b64encode(files[fmt].read_bytes()).decode("ascii")
    assert image["id"] == f"data:{mime};base64,{encoded}"
    assert image["type"] == "Image"
    assert image["caption"].startswith("A round blue badge")
    plain = _issue(files, "--no-embed-artwork", out="plain.png")
    assert plain.exit_code == 0, plain.output
    payload = badgekit.unbake((files["dir"] / "plain.png").read_bytes()).payload
    assert "image" not in json.loads(payload)["credentialSubject"]["achievement"]


def test_an_image_named_by_the_achievement_is_kept(files: dict[str, Path]) -> None:
    text = files["achievement"].read_text()
    marker = '# url = "https://example.org/badges/python-basics.png"'
    assert marker in text
    files["achievement"].write_text(text.replace(marker, marker.removeprefix("# ")))
    result = _issue(files, "--suite", "jwt")
    assert result.exit_code == 0, result.output
    when = datetime(2025, 6, 1, 12, tzinfo=UTC)
    credential = badgekit.verify(files["dir"] / "ada.png", now=when).payload
    assert credential is not None
    image = credential["credentialSubject"]["achievement"]["image"]
    assert image["id"] == "https://example.org/badges/python-basics.png"


def test_rsa_key_needs_an_issuer_id_then_issues_offline(files: dict[str, Path]) -> None:
    """An RSA key has no did:key: the starter names the fix; with an https issuer id the badge
    is issued (checked with the signing key, the binding flagged as not yet confirmed)."""
    rsa_key = files["dir"] / "rsa.pem"
    badgekit.KeyPair.generate("rsa", rsa_bits=2048).save(rsa_key)
    refused = _issue(files, "--suite", "jwt", key=rsa_key)
    assert refused.exit_code == 1
    assert "set [issuer] id" in refused.output
    assert not (files["dir"] / "ada.png").exists()
    text = files["achievement"].read_text()
    marker = '# id = "https://example.org/issuer"'
    assert marker in text
    files["achievement"].write_text(text.replace(marker, marker.removeprefix("# ")))
    result = _issue(files, "--suite", "jwt", key=rsa_key)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("VALID")
    assert "VC-JWT (RS256) signature is valid" in result.output
    assert "warning  issuer_binding" in result.output
    offline = _verify(files["dir"] / "ada.png")
    assert offline.exit_code == 1
    assert offline.output.startswith("UNVERIFIED")  # its key is on the issuer's website


def test_passphrase_from_the_environment(files: dict[str, Path]) -> None:
    result = _issue(files, "--passphrase-env", "PW", key=files["locked"], env={"PW": "s3cret"})
    assert result.exit_code == 0, result.output


def _refused(result: Any, files: dict[str, Path], *words: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0]
    assert not (files["dir"] / "ada.png").exists()
    assert not (files["dir"] / "ada.svg").exists()


def test_out_extension_must_match_the_artwork(files: dict[str, Path]) -> None:
    _refused(_issue(files, out="ada.svg"), files, "PNG", ".png")
    _refused(_issue(files, image=files["svg"], out="ada.png"), files, "SVG", ".svg")


def test_artwork_that_is_not_an_image(files: dict[str, Path]) -> None:
    jpeg = files["dir"] / "art.jpg"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    _refused(_issue(files, image=jpeg), files)


def test_encrypted_key_without_passphrase(files: dict[str, Path]) -> None:
    _refused(_issue(files, key=files["locked"]), files, "--passphrase-env")


def test_key_that_cannot_sign_for_the_issuer(files: dict[str, Path]) -> None:
    other = badgekit.KeyPair.from_seed(bytes(range(1, 33))).did_key
    text = files["achievement"].read_text()
    achievement = files["dir"] / "other.toml"
    achievement.write_text(text.replace("[issuer]", f'[issuer]\nid = "{other}"', 1))
    assert f'id = "{other}"' in achievement.read_text()
    _refused(_issue(files, achievement=achievement), files, other)


def test_already_baked_artwork_needs_force(files: dict[str, Path]) -> None:
    assert _issue(files).exit_code == 0
    baked = files["dir"] / "ada.png"
    again = _issue(files, image=baked, out="ada2.png")
    assert again.exit_code == 1
    assert not (files["dir"] / "ada2.png").exists()
    forced = _issue(files, "--force", image=baked, out="ada2.png")
    assert forced.exit_code == 0, forced.output


@pytest.mark.parametrize(
    "args",
    [["issue"], ["issue", "--suite", "rsa-magic"], ["issue", "--now", "x"]],
    ids=["nothing", "bad-suite", "missing-required"],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert CliRunner().invoke(main, args).exit_code == 2
