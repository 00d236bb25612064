"""``badgekit publish`` and ``--base-url`` on ``issue`` and ``batch``: exit codes, one-line
errors, and what the commands tell the publisher."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

import badgekit
from badgekit.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "publish"))
from publish_support import BASE, KEY, NOW_TEXT, art_png, site_files, write_achievement

DID = "did:web:example.org:badges"


def _key(tmp: Path) -> Path:
    path = tmp / "issuer.pem"
    KEY.save(path)
    return path


def _publish(tmp: Path, *extra: str, achievements: tuple[Path, ...] = ()) -> list[str]:
    files = achievements or (write_achievement(tmp),)
    args = ["publish", "--key", str(_key(tmp)), "--out", str(tmp / "site"), "--now", NOW_TEXT]
    for a in files:
        args += ["--achievement", str(a)]
    return [*args, *extra]


def test_publish_writes_the_site_and_says_where_it_goes(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, _publish(tmp_path, "--base-url", BASE))
    assert result.exit_code == 0, result.output
    assert f"issuer:      {DID}" in result.stderr
    assert f"verify page: {BASE}/verify.html" in result.stderr
    assert "must also be served at the host root: https://example.org/.well-known/jwks.json" in (
        result.stderr
    )
    assert {"index.html", "verify.html", "did.json", "issuer.json"} <= site_files(tmp_path / "site")


def test_publish_needs_a_base_url(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, _publish(tmp_path))
    assert result.exit_code == 2
    assert "--base-url" in result.stderr


def test_bad_input_is_one_line_and_exit_1(tmp_path: Path) -> None:
    plain = CliRunner().invoke(main, _publish(tmp_path, "--base-url", "http://example.org"))
    assert plain.exit_code == 1
    assert plain.stderr.count("\n") == 1
    assert plain.stderr.startswith("error: the base URL must be an https:// address")
    twins = (
        write_achievement(tmp_path),
        write_achievement(tmp_path, "Python: BASICS", file="b.toml"),
    )
    clash = CliRunner().invoke(main, _publish(tmp_path, "--base-url", BASE, achievements=twins))
    assert clash.exit_code == 1
    assert clash.stderr.count("\n") == 1
    assert "would both be published at" in clash.stderr
    assert not (tmp_path / "site").exists()


def test_issue_with_a_base_url_names_the_published_pages(tmp_path: Path) -> None:
    art = tmp_path / "art.png"
    art.write_bytes(art_png())
    achievement, out = write_achievement(tmp_path), tmp_path / "ada.png"
    args = ["issue", "--achievement", str(achievement), "--key", str(_key(tmp_path)),
            "--recipient", "ada@example.org", "--image", str(art), "--out", str(out),
            "--now", NOW_TEXT, "--base-url", BASE]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    credential = json.loads(badgekit.unbake((tmp_path / "ada.png").read_bytes()).payload)
    assert credential["issuer"]["id"] == DID
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["id"] == f"{BASE}/achievements/python-basics.json"
    assert achievement["criteria"]["id"] == f"{BASE}/achievements/python-basics.html"
    bad = CliRunner().invoke(main, [*args[:-1], "http://example.org"])
    assert bad.exit_code == 1
    assert bad.stderr.startswith("error: the base URL must be an https:// address")


def test_batch_with_a_base_url_then_publish_its_status_list(tmp_path: Path) -> None:
    art = tmp_path / "art.png"
    art.write_bytes(art_png())
    roster = tmp_path / "roster.csv"
    roster.write_text("email,name\nada@example.org,Ada\n", "utf-8")
    achievement = write_achievement(tmp_path)
    out = tmp_path / "out"
    args = ["batch", "--achievement", str(achievement), "--key", str(_key(tmp_path)),
            "--recipients", str(roster), "--out-dir", str(out), "--image", str(art),
            "--now", NOW_TEXT, "--jobs", "1", "--base-url", BASE]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    batch_id = json.loads((out / "batch.json").read_text())["batch_id"]
    assert f"publish at {BASE}/status/{batch_id}.json" in result.stderr
    assert "publish the site: badgekit publish --achievement" in result.stderr
    published = CliRunner().invoke(
        main,
        _publish(tmp_path, "--base-url", BASE, "--batch", str(out), achievements=(achievement,)),
    )
    assert published.exit_code == 0, published.output
    status = tmp_path / "site" / "status" / f"{batch_id}.json"
    assert status.read_bytes() == (out / "status-list.json").read_bytes()
    other = CliRunner().invoke(
        main,
        _publish(
            tmp_path,
            "--base-url",
            "https://other.example.org",
            "--batch",
            str(out),
            achievements=(achievement,),
        ),
    )
    assert other.exit_code == 1
    assert f"the batch was issued for {BASE}, not https://other.example.org" in other.stderr
