"""``publish_site``: the layout ``SiteLayout`` defines, documents that name the addresses
badges carry, and pages that are valid, accessible, escaped and self-contained."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from publish_support import BASE, KEY, NOW, parse, publish, site_files, write_achievement

import badgekit
from badgekit.credential.links import SiteLayout

if TYPE_CHECKING:
    from pathlib import Path

LAYOUT = SiteLayout(BASE)
DID = "did:web:example.org:badges"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("site")
    publish(tmp, write_achievement(tmp), write_achievement(tmp, "Data Analysis", kind="Course"))
    return tmp / "site"


def _json(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_the_site_is_the_layout_links_defines(site: Path) -> None:
    assert site_files(site) == {
        ".badgekit-site.json",
        ".well-known/jwks.json",
        "achievements/data-analysis.html",
        "achievements/data-analysis.json",
        "achievements/data-analysis.png",
        "achievements/python-basics.html",
        "achievements/python-basics.json",
        "achievements/python-basics.png",
        "did.json",  # the base has a path: did:web:example.org:badges -> {base}/did.json
        "index.html",
        "issuer.json",
        "verify.html",
    }
    marker = _json(site / ".badgekit-site.json")
    assert marker["base_url"] == BASE
    assert marker["files"] == sorted(site_files(site))


def test_documents_name_the_addresses_badges_carry(site: Path, sample_png: bytes) -> None:
    achievement = badgekit.Achievement.load(site.parent / "python-basics.toml")
    issued = badgekit.issue_badge(achievement, KEY, "ada@example.org", sample_png, now=NOW,
                                  base_url=BASE)  # fmt: skip
    credential = issued.credential
    subject = credential["credentialSubject"]["achievement"]
    assert subject["id"] == LAYOUT.achievement_id("python-basics")
    assert subject["criteria"]["id"] == LAYOUT.achievement_page("python-basics")
    for url in (subject["id"], subject["criteria"]["id"]):
        assert (site / url.removeprefix(BASE + "/")).is_file()
    published = _json(site / "achievements/python-basics.json")
    assert published["id"] == subject["id"]
    assert published["criteria"] == subject["criteria"]
    assert published["image"] == {
        "id": LAYOUT.url("achievements/python-basics.png"),
        "type": "Image",
        "caption": "A round blue badge",
    }
    assert credential["issuer"]["id"] == DID
    profile = _json(site / "issuer.json")
    assert profile["id"] == DID
    assert profile["name"] == "Example School"
    did = _json(site / "did.json")
    vm = credential["proof"][0]["verificationMethod"]
    assert vm == f"{DID}#{KEY.public_multibase}"
    assert did["id"] == DID
    assert did["assertionMethod"] == [vm]
    (jwk,) = _json(site / ".well-known/jwks.json")["keys"]  # type: ignore[misc]
    assert jwk["kid"] == vm
    assert jwk["iss"] == DID
    assert "d" not in jwk
    assert jwk["x"] == KEY.public_jwk["x"]


def test_the_host_root_gets_well_known_did_json(tmp_path: Path) -> None:
    site = badgekit.publish_site(
        [badgekit.Achievement.load(write_achievement(tmp_path))],
        KEY,
        base_url="https://badges.example.org",
        out=tmp_path / "site",
        now=NOW,
    )
    files = site_files(tmp_path / "site")
    assert ".well-known/did.json" in files
    assert "did.json" not in files
    assert site.issuer_id == "did:web:badges.example.org"
    assert not site.notes  # nothing to serve elsewhere: .well-known is the host's


def test_a_base_with_a_path_says_where_the_jwk_set_must_be(site: Path, tmp_path: Path) -> None:
    result = publish(tmp_path, write_achievement(tmp_path))
    assert any("https://example.org/.well-known/jwks.json" in n for n in result.notes)


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_pages_are_html5_with_a_strict_policy_and_no_outside_resource(site: Path) -> None:
    assert len(_pages(site)) == 4
    for path in _pages(site):
        page = parse(path)
        assert page.doctype == "DOCTYPE html", path
        assert page.all("html")[0]["lang"] == "en"
        assert any(m.get("charset") == "utf-8" for m in page.all("meta"))
        viewport = [m for m in page.all("meta") if m.get("name") == "viewport"]
        assert viewport[0]["content"] == "width=device-width, initial-scale=1"
        (csp,) = [m["content"] for m in page.all("meta") if m.get("http-equiv")]
        assert csp is not None
        assert csp.startswith("default-src 'none'; img-src 'self';")
        (style,) = page.raw["style"]
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"style-src 'sha256-{digest}'" in csp
        assert not page.all("script")
        assert "script-src" not in csp
        assert not page.all("link")  # no style sheet, font or icon from anywhere
        assert not any(k.startswith("on") or k == "style" for _, a in page.tags for k in a)
        for img in page.all("img"):
            src = img["src"] or ""
            assert not urlsplit(src).scheme, src  # from the site itself
            assert (path.parent / src).is_file(), src


def test_every_link_inside_the_site_leads_to_a_page_or_file_of_it(site: Path) -> None:
    for path in _pages(site):
        for a in parse(path).all("a"):
            href = a["href"] or ""
            target = href.partition("#")[0]
            if not target:
                continue  # the skip link, "#main"
            if target == LAYOUT.jwks:  # served at the host root, written in the folder
                assert (site / ".well-known/jwks.json").is_file()
            elif target.startswith(BASE + "/"):
                assert (site / target.removeprefix(BASE + "/")).is_file(), href
            elif urlsplit(href).scheme:  # the issuer's website, email, alignment targets
                assert href.startswith(("https://", "mailto:")), href
            else:
                assert (path.parent / target).is_file(), (path.name, href)


def test_pages_are_accessible(site: Path) -> None:
    for path in _pages(site):
        page = parse(path)
        tags = [t for t, _ in page.tags]
        assert tags.count("h1") == 1, path
        for landmark in ("nav", "header", "main", "footer"):
            assert tags.count(landmark) == 1, (path, landmark)
        levels = [int(t[1]) for t in tags if t in ("h1", "h2", "h3", "h4")]
        assert levels[0] == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (path, levels)
        for img in page.all("img"):
            assert (img.get("alt") or "").strip(), (path, img)
            assert img.get("width")
            assert img.get("height")
        ids = {a.get("id") for _, a in page.tags}
        for _, a in page.tags:
            if "aria-labelledby" in a:
                assert a["aria-labelledby"] in ids
        assert page.all("a")[0]["href"] == "#main"  # skip link first
        assert "main" in ids


def test_the_achievement_page_shows_what_it_takes(site: Path) -> None:
    page = parse(site / "achievements/python-basics.html")
    text = " ".join(" ".join(page.text).split())
    for expected in (
        "Python Basics",
        "How to earn this badge",
        "Example School awards this badge to anyone who meets these criteria:",
        "Complete the exercises.",
        "Skills and standards",
        "Use variables, conditions and loops",
        "Example Curriculum · CS-1.2",
        "2 years after it is awarded",
        LAYOUT.achievement_id("python-basics"),
    ):
        assert expected in text, expected
    (img,) = page.all("img")
    assert img["src"] == "python-basics.png"
    assert img["alt"] == "A round blue badge"
    assert [a["href"] for a in page.all("a") if (a.get("class") or "") == "button"] == [
        "../verify.html"
    ]
    assert "python-basics.json" in [a["href"] for a in page.all("a")]


def test_the_verify_page_explains_checking_and_linkedin(site: Path) -> None:
    page = parse(site / "verify.html")
    text = " ".join(" ".join(page.text).split())
    for expected in (
        "badgekit verify --online --recipient ada@example.org badge.png",
        "pip install badgekit",
        "What is checked",
        "Add your badge to LinkedIn",
        "Add licenses & certifications",
        "Issuing organization",
        "Credential URL",
        LAYOUT.achievement_page("python-basics"),
        LAYOUT.url("did.json"),
        DID,
    ):
        assert expected in text, expected
    ids = {a.get("id") for _, a in page.tags}
    assert {"badgekit", "linkedin"} <= ids  # linkable sections (verify.html#badgekit)


def test_values_from_files_are_escaped(tmp_path: Path) -> None:
    name = 'Tom & "Jerry" <script>alert(1)</script>'
    publish(tmp_path, write_achievement(tmp_path, name, issuer="<b>School</b> & Co"))
    html = (tmp_path / "site/achievements/tom-jerry-script-alert-1-script.html").read_text()
    assert "<script>" not in html
    assert "<b>School" not in html
    assert "Tom &amp; &quot;Jerry&quot; &lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = parse(tmp_path / "site/achievements/tom-jerry-script-alert-1-script.html")
    assert name in "".join(page.text)  # shown as the characters it is
    assert not page.all("script")
    assert not page.all("b")


def test_an_issuer_id_of_its_own_gets_no_did_document(tmp_path: Path) -> None:
    path = write_achievement(tmp_path, issuer_id="https://example.org/issuer")
    result = publish(tmp_path, path)
    files = site_files(tmp_path / "site")
    assert "did.json" not in files
    assert ".well-known/jwks.json" in files  # an https issuer's keys: the host's JWK Set
    assert result.issuer_id == "https://example.org/issuer"
    assert any("no DID document written" in note for note in result.notes)
    (jwk,) = _json(tmp_path / "site/.well-known/jwks.json")["keys"]  # type: ignore[misc]
    assert jwk["kid"] == f"https://example.org/issuer#{KEY.public_multibase}"
