"""``badgekit portfolio``: exit codes, the printed summary, and the files it writes."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

import badgekit
from badgekit import Achievement, KeyPair
from badgekit.cli import main
from badgekit.status import StatusList, build_list_credential, status_entry

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
KEY = KeyPair.from_seed(bytes(range(32)))
LIST_URL = "https://academy.example/status/9"


def _achievement(name: str) -> Achievement:
    return Achievement.from_dict(
        {
            "name": name,
            "description": f"About {name}.",
            "criteria": {"narrative": "Do it.", "url": "https://academy.example/c"},
            "issuer": {"name": "Example Academy", "url": "https://academy.example"},
        }
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Four badges (valid, expired, revoked, tampered), a photo, and the status list."""
    base = tmp_path_factory.mktemp("cli-portfolio")
    badges = base / "badges"
    badges.mkdir()
    art = badgekit.render(badgekit.compose("shield", {"title": "CLI"}).svg, size=128)
    when = NOW - timedelta(days=10)

    def issue(name: str, **kwargs: Any) -> badgekit.IssuedBadge:
        return badgekit.issue_badge(_achievement(name), KEY, "ada@example.org", art, **kwargs)

    (badges / "valid.png").write_bytes(issue("=Formula Badge", now=when).image)
    old = issue("Old", now=NOW - timedelta(days=100), valid_until=NOW - timedelta(days=1))
    (badges / "old.json").write_text(json.dumps(old.credential))
    revoked = issue("Gone", now=when, credential_status=status_entry(LIST_URL, 3))
    (badges / "revoked.png").write_bytes(revoked.image)
    forged = json.loads(json.dumps(issue("Real", now=when).credential))
    forged["credentialSubject"]["achievement"]["name"] = "Forged"
    (badges / "tampered.png").write_bytes(badgekit.bake(art, json.dumps(forged)))
    (badges / "photo.png").write_bytes(art)
    bits = StatusList()
    bits.set(3)
    doc = build_list_credential(bits, list_url=LIST_URL, issuer=KEY.did_key, valid_from=when)
    status = base / "status.json"
    status.write_text(json.dumps(badgekit.sign(doc, KEY, now=when)))
    return badges, status


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["portfolio", *args])
    return result.exit_code, result.stdout, result.stderr


def test_summary_and_exit_zero_even_with_invalid_badges(folder: tuple[Path, Path]) -> None:
    badges, status = folder
    code, out, _ = _run(str(badges), "--now", NOW.isoformat(), "--status-file", str(status))
    assert code == 0
    assert "5 badge files: 1 valid, 1 expired, 1 revoked, 2 not valid" in out
    names = ("valid.png", "old.json", "revoked.png", "tampered.png", "photo.png")
    lines = {n: next(line for line in out.splitlines() if f" {n}  " in line) for n in names}
    assert lines["valid.png"].startswith("VALID")
    assert "=Formula Badge (Example Academy)" in lines["valid.png"]
    assert lines["old.json"].startswith("EXPIRED")
    assert lines["revoked.png"].startswith("REVOKED")
    assert lines["tampered.png"].startswith("NOT VALID")
    assert "proof:" in lines["tampered.png"]
    assert "Forged" not in out  # an unverified badge's claims are never printed


def test_writes_csv_and_wall(folder: tuple[Path, Path], tmp_path: Path) -> None:
    badges, status = folder
    csv_path, html = tmp_path / "badges.csv", tmp_path / "site"
    code, out, _ = _run(
        str(badges), "--now", NOW.isoformat(), "--status-file", str(status),
        "--csv", str(csv_path), "--html", str(html), "--title", "Ada's badges",
    )  # fmt: skip
    assert code == 0
    assert f"wrote {csv_path}" in out
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text("utf-8-sig"))))
    by_file = {r["File"]: r for r in rows}
    assert set(by_file) == {"old.json", "photo.png", "revoked.png", "tampered.png", "valid.png"}
    assert by_file["valid.png"]["Badge"] == "'=Formula Badge"
    assert by_file["revoked.png"]["Status"] == "revoked"
    page = (html / "index.html").read_text()
    assert "Ada&#x27;s badges" in page
    assert page.count('class="card') == 5
    assert len(list((html / "snippets").glob("*.html"))) == 1


def test_hide_invalid(folder: tuple[Path, Path], tmp_path: Path) -> None:
    badges, status = folder
    html = tmp_path / "site"
    code, out, _ = _run(
        str(badges), "--now", NOW.isoformat(), "--status-file", str(status),
        "--html", str(html), "--hide-invalid",
    )  # fmt: skip
    assert code == 0
    assert "(1 shown)" in out
    assert (html / "index.html").read_text().count('class="card') == 1


def test_output_inside_the_folder_is_not_scanned(folder: tuple[Path, Path]) -> None:
    badges, _ = folder
    inside = badges / "site"
    try:
        for _ in range(2):  # the second run would see the first run's snippet PNGs
            code, out, _ = _run(str(badges), "--now", NOW.isoformat(), "--html", str(inside))
            assert code == 0
            assert "5 badge files" in out
    finally:
        import shutil

        shutil.rmtree(inside)


def test_recipient_option(folder: tuple[Path, Path]) -> None:
    badges, _ = folder
    code, out, _ = _run(str(badges), "--now", NOW.isoformat(), "--recipient", "bob@example.org")
    assert code == 0
    assert "0 valid" in out
    assert "recipient:" in out


def test_empty_folder(tmp_path: Path) -> None:
    code, out, _ = _run(str(tmp_path))
    assert code == 0
    assert "no badge files found" in out


def test_errors_exit_one(folder: tuple[Path, Path], tmp_path: Path) -> None:
    badges, _ = folder
    code, _, err = _run(str(badges), "--now", NOW.isoformat(), "--csv", str(tmp_path / "no/x.csv"))
    assert code == 1
    assert err.startswith("error: ")
    assert "does not exist" in err
    (tmp_path / "file").write_text("x")
    code, _, err = _run(str(badges), "--now", NOW.isoformat(), "--html", str(tmp_path / "file"))
    assert code in (1, 2)  # click may refuse an existing file as OUTDIR before we run


@pytest.mark.parametrize(
    "args",
    [
        ["/definitely/not/here"],
        ["--now", "yesterday", "."],
        [],
    ],
)
def test_usage_errors_exit_two(args: list[str]) -> None:
    code, _, _ = _run(*args)
    assert code == 2


def test_help_says_invalid_badges_do_not_fail() -> None:
    code, out, _ = _run("--help")
    assert code == 0
    assert "Exit status 0" in out
    assert "even if some badges are not valid" in " ".join(out.split())


def test_file_names_cannot_forge_terminal_lines(tmp_path: Path) -> None:
    (tmp_path / "x\nVALID forged.json").write_text("{}")
    (tmp_path / "\x1b[32mgreen.json").write_text("{}")
    code, out, _ = _run(str(tmp_path), "--now", NOW.isoformat())
    assert code == 0
    assert "\x1b" not in out
    assert not any(line.startswith("VALID") for line in out.splitlines())
    assert "2 badge files: 0 valid" in out


@pytest.mark.parametrize(
    "option",
    [
        ["--csv", "valid.png"],
        ["--csv", "old.json"],
        ["--card", "valid.png", "--wall-url", "https://ada.example/"],
        ["--csv", "tampered.png"],  # a bad badge is still the earner's file
    ],
)
def test_an_output_over_a_badge_is_refused_and_the_badge_kept(
    folder: tuple[Path, Path], tmp_path: Path, option: list[str]
) -> None:
    # The scan leaves its outputs out, so --csv valid.png was not seen, then written over.
    badges, _ = folder
    target = badges / option[1]
    before = target.read_bytes()
    args = [str(badges), "--now", NOW.isoformat(), option[0], str(target), *option[2:]]
    code, out, err = _run(*args, "--vcard", str(tmp_path / "me.vcf"), "--name", "Ada")
    assert code == 1
    assert err == f"error: {target}: holds a badge, which the output would replace; " + (
        "choose another file name\n"
    )
    assert out == ""  # refused before the scan
    assert target.read_bytes() == before
    assert list(tmp_path.iterdir()) == []


def test_a_wall_that_would_hold_the_folder_it_shows_is_a_usage_error(
    folder: tuple[Path, Path],
) -> None:
    # Every badge was left out of the scan as part of the output: an empty wall, exit 0.
    badges, _ = folder
    for outdir in (badges, badges.parent):
        code, _, err = _run(str(badges), "--now", NOW.isoformat(), "--html", str(outdir))
        assert code == 2
        assert "the badge wall cannot hold the folder it shows" in err
        assert not (outdir / "index.html").exists()


def test_a_wrong_second_output_is_refused_before_the_first_is_written(
    folder: tuple[Path, Path], tmp_path: Path
) -> None:
    badges, _ = folder
    card, vcard = tmp_path / "card.pdf", tmp_path / "me.txt"
    args = [str(badges), "--now", NOW.isoformat(), "--name", "Ada", "--card", str(card)]
    code, _, err = _run(*args, "--wall-url", "https://ada.example/", "--vcard", str(vcard))
    assert code == 1
    assert err == f"error: {vcard}: the output must be a .vcf file\n"
    assert list(tmp_path.iterdir()) == []
