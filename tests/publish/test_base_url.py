"""``base_url`` on ``build_credential``, ``issue_badge`` and ``run_batch``: badges name the
pages ``publish`` writes, the issuer is the site's did:web, a batch's list lives on the site."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from publish_support import BASE, KEY, NOW, art_png, write_achievement

import badgekit
from badgekit.credential.links import SiteLayout
from badgekit.errors import BatchError, CredentialError

if TYPE_CHECKING:
    from pathlib import Path

LAYOUT = SiteLayout(BASE)


def test_build_credential_names_the_site_pages(tmp_path: Path) -> None:
    achievement = badgekit.Achievement.load(write_achievement(tmp_path))
    credential = badgekit.build_credential(achievement, "ada@example.org", now=NOW, base_url=BASE)
    subject = credential["credentialSubject"]["achievement"]
    assert subject["id"] == f"{BASE}/achievements/python-basics.json"
    assert subject["criteria"]["id"] == f"{BASE}/achievements/python-basics.html"
    assert subject["criteria"]["narrative"].startswith("To earn this badge")
    assert credential["issuer"]["id"] == "did:web:example.org:badges"
    assert credential["issuer"]["url"] == "https://example.org"  # the file's own website
    plain = badgekit.build_credential(achievement, "ada@example.org", now=NOW, issuer_id="did:x:1")
    assert plain["credentialSubject"]["achievement"]["id"].startswith("urn:uuid:")


def test_without_a_website_the_issuer_url_is_the_site(tmp_path: Path) -> None:
    path = write_achievement(tmp_path)
    path.write_text(path.read_text().replace('url = "https://example.org"\n', ""), "utf-8")
    achievement = badgekit.Achievement.load(path)
    credential = badgekit.build_credential(achievement, "ada@example.org", now=NOW, base_url=BASE)
    assert credential["issuer"]["url"] == f"{BASE}/"


def test_an_issuer_id_in_the_file_is_kept(tmp_path: Path, sample_png: bytes) -> None:
    path = write_achievement(tmp_path, issuer_id="https://example.org/issuer")
    achievement = badgekit.Achievement.load(path)
    issued = badgekit.issue_badge(achievement, KEY, "ada@example.org", sample_png, now=NOW,
                                  base_url=BASE)  # fmt: skip
    assert issued.credential["issuer"]["id"] == "https://example.org/issuer"
    vm = issued.credential["proof"][0]["verificationMethod"]
    assert vm == f"https://example.org/issuer#{KEY.public_multibase}"
    assert issued.credential["credentialSubject"]["achievement"]["id"] == LAYOUT.achievement_id(
        "python-basics"
    )


def test_issue_badge_signs_as_the_sites_did_web(tmp_path: Path, sample_png: bytes) -> None:
    achievement = badgekit.Achievement.load(write_achievement(tmp_path))
    issued = badgekit.issue_badge(achievement, KEY, "ada@example.org", sample_png, now=NOW,
                                  base_url=BASE)  # fmt: skip
    assert issued.credential["issuer"]["id"] == LAYOUT.did_web
    assert issued.credential["proof"][0]["verificationMethod"] == (
        f"{LAYOUT.did_web}#{KEY.public_multibase}"
    )


@pytest.mark.parametrize("base", ["http://example.org", "https://example.org/#x"])
def test_a_base_url_that_is_not_https_is_a_credential_error(tmp_path: Path, base: str) -> None:
    achievement = badgekit.Achievement.load(write_achievement(tmp_path))
    with pytest.raises(CredentialError, match="https://"):
        badgekit.build_credential(achievement, "ada@example.org", now=NOW, base_url=base)


def _batch(tmp: Path, **kwargs: object) -> badgekit.BatchSummary:
    roster = tmp / "roster.csv"
    roster.write_text("email,name\nada@example.org,Ada\nbob@example.org,Bob\n", "utf-8")
    options: dict[str, object] = {
        "achievement": badgekit.Achievement.load(write_achievement(tmp)),
        "key": KEY,
        "out_dir": tmp / "out",
        "artwork": badgekit.ArtworkSource(image=art_png()),
        "now": NOW,
        **kwargs,
    }
    return badgekit.run_batch(roster, **options)  # type: ignore[arg-type]


def test_a_batch_records_its_site_and_puts_its_status_list_there(tmp_path: Path) -> None:
    summary = _batch(tmp_path, base_url=BASE)
    state = json.loads((tmp_path / "out/batch.json").read_text())
    assert state["base_url"] == BASE
    assert state["settings"]["base_url"] == BASE
    assert summary.status_list_url == LAYOUT.status_list(state["batch_id"])
    status_list = json.loads((tmp_path / "out/status-list.json").read_text())
    assert status_list["id"] == summary.status_list_url
    assert status_list["issuer"] == LAYOUT.did_web
    lines = [json.loads(x) for x in (tmp_path / "out/manifest.jsonl").read_text().splitlines()]
    assert {line["status_list"] for line in lines} == {summary.status_list_url}
    payload = badgekit.unbake((tmp_path / "out" / lines[0]["file"]).read_bytes()).payload
    credential = json.loads(payload)
    assert credential["credentialStatus"]["statusListCredential"] == summary.status_list_url
    assert credential["credentialSubject"]["achievement"]["id"] == LAYOUT.achievement_id(
        "python-basics"
    )
    again = _batch(tmp_path, base_url=BASE)  # resumed: the same list, nothing issued twice
    assert (again.issued, again.skipped) == (0, 2)
    assert again.status_list_url == summary.status_list_url


def test_a_batch_keeps_an_explicit_status_list_and_refuses_another_site(tmp_path: Path) -> None:
    url = f"{BASE}/status/spring-2025.json"
    summary = _batch(tmp_path, base_url=BASE, status_list_url=url)
    assert summary.status_list_url == url
    with pytest.raises(BatchError, match="another base_url"):
        _batch(tmp_path, base_url="https://other.example.org", status_list_url=url)


def test_a_batch_refuses_a_base_url_that_is_not_https(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="https://"):
        _batch(tmp_path, base_url="http://example.org/badges")
    assert not (tmp_path / "out").exists()


def test_issue_batch_takes_the_base_url(tmp_path: Path) -> None:
    achievement = badgekit.Achievement.load(write_achievement(tmp_path))
    (tmp_path / "out").mkdir()
    (result,) = badgekit.issue_batch(
        [{"email": "ada@example.org"}],
        achievement=achievement,
        key=KEY,
        out_dir=tmp_path / "out",
        image=art_png(),
        now=NOW,
        base_url=BASE,
    )
    assert result.file is not None
    payload = badgekit.unbake((tmp_path / "out" / result.file).read_bytes()).payload
    assert json.loads(payload)["issuer"]["id"] == LAYOUT.did_web
