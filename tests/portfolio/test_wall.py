"""The static badge wall: escaped, self-contained, and honest about what did not verify."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from portfolio_support import (
    ACADEMY,
    ARABIC_NARRATIVE,
    EXPECTED,
    FORGED_NAME,
    FORGED_NARRATIVE,
    LEGACY_NARRATIVE,
    NOW,
    XSS_NAME,
    achievement,
    artwork,
)

import badgekit
from badgekit.credential.links import LINKEDIN_ADD_URL
from badgekit.design.palettes import contrast
from badgekit.errors import FileAccessError
from badgekit.portfolio import BadgeStatus
from badgekit.portfolio.cards import ONLINE_HINT, STATUS_LABEL
from badgekit.portfolio.wall import badge_wall_html

if TYPE_CHECKING:
    from pathlib import Path

_URL_IN_CSS = re.compile(r"url\(\s*['\"]?([^'\")]*)")


class _Page(HTMLParser):
    """Collects every tag, every URL-bearing attribute, inline style/script text, and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.urls: list[str] = []
        self.text: list[str] = []
        self.raw: dict[str, list[str]] = {"style": [], "script": []}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        for name in ("src", "href", "action", "srcset", "poster", "data", "formaction"):
            if a.get(name) is not None:
                self.urls.append(a[name] or "")
        if a.get("style"):
            self.urls += _URL_IN_CSS.findall(a["style"] or "")
        if tag in self.raw:
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in].append(data)
            self.urls += _URL_IN_CSS.findall(data)
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def wall(portfolio: badgekit.Portfolio, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wall")
    badgekit.write_badge_wall(portfolio, out, title="Ada's <badges>")
    return out


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


def test_no_external_urls_anywhere(wall: Path) -> None:
    page = _parse(wall / "index.html")
    assert page.urls  # the collector works: there are data: images and the skip link
    for url in page.urls:
        # LinkedIn's add-to-profile form is a link away (a navigation), never a request.
        assert url.startswith(("data:", "#", f"{LINKEDIN_ADD_URL}?")), url
    html = (wall / "index.html").read_text()
    for leaked in ("evil.example/pixel.gif", "evil.example/a.png", "evil.example/x.css"):
        assert leaked not in html  # the SVG's references; the issuer's website is shown as text
    assert '<link rel="stylesheet"' not in html


def test_csp_allows_exactly_the_inline_style_and_script(wall: Path) -> None:
    page = _parse(wall / "index.html")
    (csp,) = [
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp is not None
    assert csp.startswith("default-src 'none'; img-src data:;")
    for kind in ("style", "script"):
        (body,) = page.raw[kind]
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in csp
    assert [t for t, _ in page.tags].count("script") == 1
    assert not any(k.startswith("on") for _, a in page.tags for k in a)
    assert not any("style" in a for _, a in page.tags)  # inline styles would break the CSP


def test_add_to_linkedin_on_genuine_badges_not_withdrawn(
    wall: Path, portfolio: badgekit.Portfolio
) -> None:
    from urllib.parse import parse_qs, urlsplit

    page = _parse(wall / "index.html")
    links = [a for t, a in page.tags if t == "a" and a.get("class") == "linkedin"]
    kept = (BadgeStatus.VALID, BadgeStatus.EXPIRED)  # not revoked or suspended
    shareable = [e for e in portfolio.entries if e.status in kept]
    assert len(links) == len(shareable)
    queries = [parse_qs(urlsplit(a["href"] or "").query) for a in links]
    python = next(q for q in queries if q["name"] == ["Python Basics"])
    assert python["organizationName"] == ["Example Academy"]
    assert python["startTask"] == ["CERTIFICATION_NAME"]
    assert python["certId"][0].startswith("urn:uuid:")
    assert {"issueYear", "issueMonth"} <= set(python)
    assert all(a["rel"] == "noopener noreferrer" for a in links)
    expired = next(q for q in queries if q["name"] == ["Spreadsheet Skills"])
    assert {"expirationYear", "expirationMonth"} <= set(expired)
    names = {q["name"][0] for q in queries}
    for withheld in (FORGED_NAME, "Legacy Claimed Badge", "Chemistry Lab Safety"):
        assert withheld not in names  # forged, unverified and revoked badges get no link


def test_credential_text_is_escaped(wall: Path) -> None:
    html = (wall / "index.html").read_text()
    assert XSS_NAME not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Issuer</b>" not in html
    page = _parse(wall / "index.html")
    text = "".join(page.text)
    assert XSS_NAME in text  # shown as text, exactly
    assert 'Quote " & <b>Issuer</b>' in text
    assert "Ada's <badges>" in text


def test_unverified_claims_are_never_shown(wall: Path, portfolio: badgekit.Portfolio) -> None:
    html = (wall / "index.html").read_text()
    assert FORGED_NAME not in html
    assert "Legacy Claimed Badge" not in html
    assert "Legacy Org" not in html
    assert "Chess Club" in html  # a genuine badge is shown
    tampered = next(e for e in portfolio.entries if e.file == "academy/tampered.png")
    assert tampered.reason is not None
    assert tampered.reason.split(": ", 1)[1] in html.replace("&#x27;", "'")


def test_cards_have_the_right_statuses(wall: Path) -> None:
    page = _parse(wall / "index.html")
    cards = [a for t, a in page.tags if t == "li" and "card" in (a.get("class") or "")]
    assert len(cards) == len(EXPECTED)
    statuses = sorted(a["data-status"] or "" for a in cards)
    assert statuses == sorted(s.value for s in EXPECTED.values())
    dialogs = [a for t, a in page.tags if t == "dialog"]
    assert len(dialogs) == len(cards)
    openers = [a for t, a in page.tags if t == "button" and a.get("command") == "show-modal"]
    assert sorted(a["commandfor"] or "" for a in openers) == sorted(d["id"] or "" for d in dialogs)


def test_images_have_alt_text_and_only_genuine_badges_show_art(wall: Path) -> None:
    page = _parse(wall / "index.html")
    images = [a for t, a in page.tags if t == "img"]
    assert images
    for img in images:
        assert img["src"] is not None
        assert img["src"].startswith("data:image/png;base64,")
        assert img.get("alt") is not None
    alts = {img["alt"] for img in images}
    assert "Python Basics badge" in alts
    assert "A teal seal with a white cross" in alts  # the credential's image caption
    # tampered, photo, legacy: no artwork at all; the JWT and Chess Club badges have none.
    card_images = [img for img in images if img.get("width") == "128"]
    assert len(card_images) == 2 * 7  # card + dialog, for the 7 badges with artwork


def test_page_structure_is_accessible(wall: Path) -> None:
    page = _parse(wall / "index.html")
    tags = [t for t, _ in page.tags]
    for landmark in ("header", "main", "footer"):
        assert tags.count(landmark) == 1
    assert tags.count("h1") == 1
    html_tag = next(a for t, a in page.tags if t == "html")
    assert html_tag["lang"] == "en"
    for _, a in page.tags:
        if "aria-labelledby" in a:
            assert any(b.get("id") == a["aria-labelledby"] for _, b in page.tags)


def test_colours_meet_wcag_aa() -> None:
    from importlib import resources

    css = (resources.files("badgekit.portfolio") / "assets" / "wall.css").read_text()
    var = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    pairs = [
        ("text", "surface"), ("text", "bg"), ("muted", "surface"), ("muted", "bg"),
        ("accent-text", "accent"), ("accent-text", "accent-hover"), ("accent", "surface"),
        ("ok", "ok-bg"), ("warn", "warn-bg"), ("bad", "bad-bg"), ("none", "none-bg"),
        ("bad", "surface"), ("ok", "surface"), ("warn", "surface"),
        ("unk", "unk-bg"), ("unk", "surface"), ("unk", "bg"),
    ]  # fmt: skip
    for fg, bg in pairs:
        assert contrast(var[fg], var[bg]) >= 4.5, (fg, bg, contrast(var[fg], var[bg]))
    # The unverified card's top border and pill outline: 3:1 for non-text (WCAG 1.4.11).
    for bg in ("surface", "unk-bg"):
        assert contrast(var["unk-line"], var[bg]) >= 3, (bg, contrast(var["unk-line"], var[bg]))


def _rule(css: str, selector: str) -> str:
    """The declarations of the one rule whose selector list is exactly ``selector``."""
    (body,) = re.findall(r"(?:^|\})\s*" + re.escape(selector) + r"\s*\{([^}]*)\}", css)
    return body


def test_unverified_looks_different_from_not_valid() -> None:
    from importlib import resources

    css = (resources.files("badgekit.portfolio") / "assets" / "wall.css").read_text()
    unverified, not_valid = (
        _rule(css, ".pill.unverified"),
        _rule(css, ".pill.revoked, .pill.not-valid"),
    )
    assert "var(--unk-bg)" in unverified
    assert "var(--unk)" in unverified
    assert "--bad" not in unverified
    assert "--warn" not in unverified
    assert "var(--bad-bg)" in not_valid
    assert "var(--unk-line)" in _rule(css, ".card.st-unverified")
    assert ".st-unverified" not in _rule(css, ".st-not-valid .ph") + not_valid
    # Its own symbol and word, never the ones of "not valid" (colour is never alone).
    assert STATUS_LABEL[BadgeStatus.UNVERIFIED] != STATUS_LABEL[BadgeStatus.NOT_VALID]
    assert STATUS_LABEL[BadgeStatus.UNVERIFIED][0] not in {
        STATUS_LABEL[s][0] for s in BadgeStatus if s is not BadgeStatus.UNVERIFIED
    }


def test_hide_invalid_shows_only_valid_badges(
    portfolio: badgekit.Portfolio, tmp_path: Path
) -> None:
    result = badgekit.write_badge_wall(portfolio, tmp_path, hide_invalid=True)
    page = _parse(result.index)
    cards = [a for t, a in page.tags if t == "li" and "card" in (a.get("class") or "")]
    assert {a["data-status"] for a in cards} == {"valid"}
    assert len(cards) == result.shown == 7
    html = result.index.read_text()
    for hidden in ("tampered.png", "Spreadsheet Skills", "Chemistry Lab Safety", "photo.png"):
        assert hidden not in html
    assert "did not verify" not in html


def test_snippets_only_for_valid_badges(wall: Path, portfolio: badgekit.Portfolio) -> None:
    files = sorted(p.name for p in (wall / "snippets").iterdir())
    valid_with_art = [
        n
        for n, e in enumerate(portfolio.entries, start=1)
        if e.status is BadgeStatus.VALID and e.file.endswith((".png", ".svg", ".json"))
        and e.file != "to-bob.json"
    ]  # fmt: skip
    assert len(files) == 2 * len(valid_with_art)
    python_number = next(
        n for n, e in enumerate(portfolio.entries, 1) if e.file == "academy/python-basics.png"
    )
    stem = f"{python_number:02d}-python-basics"
    snippet = (wall / "snippets" / f"{stem}.html").read_text()
    page = _Page()
    page.feed(snippet)
    (a_tag,) = [a for t, a in page.tags if t == "a"]
    (img,) = [a for t, a in page.tags if t == "img"]
    assert a_tag["href"] == f"../index.html#badge-{python_number}"
    assert (img["src"], img["width"], img["height"]) == (f"{stem}.png", "64", "64")
    assert img["alt"] == "Python Basics badge from Example Academy"
    png = (wall / "snippets" / f"{stem}.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    assert png[16:24] == b"\0\0\0\x80\0\0\0\x80"
    xss = next(f for f in files if "script" in f and f.endswith(".html"))
    assert "<script" not in (wall / "snippets" / xss).read_text()
    assert not any("revoked" in f or "tampered" in f or "old" in f for f in files)
    # ASCII with character references: the same in a page or an email of any encoding.
    for name in files:
        if name.endswith(".html"):
            (wall / "snippets" / name).read_bytes().decode("ascii")
    assert a_tag["title"] == "Python Basics \u2014 issued by Example Academy"


def test_stale_snippets_are_removed_and_other_files_kept(
    portfolio: badgekit.Portfolio, tmp_path: Path
) -> None:
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    (snippets / "99-revoked-since.html").write_text("old")
    (snippets / "99-revoked-since.png").write_bytes(b"old")
    (snippets / "my-notes.txt").write_text("mine")
    badgekit.write_badge_wall(portfolio, tmp_path)
    names = {p.name for p in snippets.iterdir()}
    assert "99-revoked-since.html" not in names
    assert "99-revoked-since.png" not in names
    assert "my-notes.txt" in names


def test_output_folder_errors(portfolio: badgekit.Portfolio, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(FileAccessError, match="not a folder"):
        badgekit.write_badge_wall(portfolio, tmp_path / "file")


def test_status_labels_are_words_not_colour_alone() -> None:
    for status in BadgeStatus:
        assert STATUS_LABEL[status][1].strip()


def test_empty_portfolio_page(tmp_path: Path) -> None:
    folio = badgekit.scan_portfolio(tmp_path, now=NOW)
    result = badgekit.write_badge_wall(folio, tmp_path / "out")
    assert "No badge in this folder verified." in result.index.read_text()
    assert result.snippets == ()


def test_control_characters_and_bidi_overrides_are_removed_from_text() -> None:
    from badgekit.portfolio._html import el, esc

    assert esc("a\u202eb\x1b[31mc\x00d\te\nf") == "ab[31mcd\te\nf"
    assert el("p", {"title": "x\u2066y"}, "<b>") == '<p title="xy">&lt;b&gt;</p>'


def _text(html: str) -> str:
    """The text of an HTML fragment (tags dropped)."""
    return re.sub(r"<[^>]+>", "", html)


def _cards(html: str) -> dict[str, list[str]]:
    """Each card's HTML (the ``<li class="card ...">`` up to the next card), by status."""
    found: dict[str, list[str]] = {}
    for chunk in html.split('<li class="card ')[1:]:
        status = re.search(r'data-status="([^"]+)"', chunk)
        assert status is not None
        found.setdefault(status.group(1), []).append(chunk)
    return found


def test_unverified_cards_say_to_check_online(wall: Path, portfolio: badgekit.Portfolio) -> None:
    cards = _cards((wall / "index.html").read_text())
    (legacy,) = cards["unverified"]
    assert _text(legacy).count(ONLINE_HINT) == 2  # on the card and in its details
    assert '<span class="nowrap">--online</span>' in legacy  # never broken after "--"
    # The verifier's "(run with --online to check it)" is not said twice (the card and the
    # dialog's reason; each check in the dialog keeps its own words, as does the CSV).
    assert "run with --online" not in legacy.split("<h3>Verification checks</h3>")[0]
    entry = next(e for e in portfolio.entries if e.file == "legacy/ob2-hosted.png")
    assert entry.reason is not None
    assert "(run with --online to check it)" in entry.reason
    assert 'class="pill unverified"' in legacy
    assert '<div class="art ph" aria-hidden="true">?</div>' in legacy
    for other in cards["not valid"]:  # it failed: checking online would not help
        assert ONLINE_HINT not in _text(other)
        assert '<div class="art ph" aria-hidden="true">!</div>' in other
    assert not any(ONLINE_HINT in _text(c) for c in cards["valid"] + cards["expired"])
    # A scan that was online already gets no such hint, and keeps the verifier's words.
    online = badge_wall_html(dataclasses.replace(portfolio, online=True), {})
    (legacy_online,) = _cards(online)["unverified"]
    assert ONLINE_HINT not in _text(online)
    assert "(run with --online to check it)" in legacy_online
    assert portfolio.online is False


def test_the_earners_own_story_and_results_are_in_the_details(wall: Path) -> None:
    html = (wall / "index.html").read_text()
    (first_aid,) = [c for c in _cards(html)["valid"] if "First Aid" in c]
    assert "<h3>How it was earned</h3>" in first_aid
    assert (
        '<div class="md"><p dir="auto">Ada <strong>treated</strong> a sprained ankle at the '
        'school fair.</p><ul dir="auto"><li>Recovery position</li><li>Bandaging</li></ul></div>'
    ) in first_aid
    assert (
        '<h3>Results</h3><ul class="items results"><li dir="auto"><strong>Practical assessment'
        "</strong>: A \u00b7 Completed</li></ul>"
    ) in first_aid
    # Markup in a narrative is text; emphasis is formatted.
    (xss,) = [c for c in _cards(html)["valid"] if "alert(1)" in c]
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt; and <em>more</em>" in xss
    assert "<img src=x" not in html
    # Only genuine badges tell a story: not the forged one, not the unverified OB 2.0 one.
    assert FORGED_NARRATIVE not in html
    assert LEGACY_NARRATIVE not in html
    assert html.count("<h3>How it was earned</h3>") == 3  # First Aid, the XSS badge, Bob's
    assert ARABIC_NARRATIVE in html


_RTL_NAME = "\u0634\u0647\u0627\u062f\u0629 \u0627\u0644\u0625\u0633\u0639\u0627\u0641"
_RTL_ISSUER = "\u05d1\u05d9\u05ea \u05e1\u05e4\u05e8 \u05d4\u05e8\u05e6\u05dc"


def test_credential_text_takes_its_own_direction(tmp_path: Path) -> None:
    # An Arabic badge from a Hebrew-named school: every element showing credential text has
    # dir="auto", so it reads right to left inside the English page.
    folder = tmp_path / "badges"
    folder.mkdir()
    issued = badgekit.issue_badge(
        achievement(_RTL_NAME, _RTL_ISSUER),
        ACADEMY,
        "ada@example.org",
        artwork("shield", "RTL", "royal"),
        now=NOW,
        narrative=ARABIC_NARRATIVE,
    )
    (folder / "rtl.png").write_bytes(issued.image)
    folio = badgekit.scan_portfolio(folder, now=NOW)
    page = _parse(badgekit.write_badge_wall(folio, tmp_path / "site").index)
    auto = [(t, a) for t, a in page.tags if a.get("dir") == "auto"]
    assert ("h3", {"id": "title-1", "dir": "auto"}) in auto  # the card's name
    assert ("p", {"class": "issuer", "dir": "auto"}) in auto
    assert ("h2", {"id": "details-1-heading", "dir": "auto"}) in auto
    assert ("p", {"class": "prose", "dir": "auto"}) in auto  # the description
    assert sum(1 for t, a in auto if t == "p" and a == {"dir": "auto"}) == 2  # criteria, story
    assert sum(1 for t, _ in auto if t == "dd") >= 3  # issuer, dates, file...
    assert {a.get("dir") for t, a in page.tags if t == "html"} == {None}  # the page stays LTR
    assert ("p", {"class": "issuer"}) not in page.tags
    text = "".join(page.text)
    assert all(t in text for t in (_RTL_NAME, _RTL_ISSUER, ARABIC_NARRATIVE))


def test_every_card_name_and_issuer_has_dir_auto(wall: Path) -> None:
    page = _parse(wall / "index.html")
    names = [a for t, a in page.tags if t == "h3" and (a.get("id") or "").startswith("title-")]
    headings = [a for t, a in page.tags if t == "h2" and (a.get("id") or "").endswith("-heading")]
    issuers = [a for t, a in page.tags if t == "p" and a.get("class") == "issuer"]
    assert len(names) == len(EXPECTED)
    assert issuers
    for a in names + headings + issuers:
        if a.get("id") not in ("badges-heading", "unverified-heading"):
            assert a.get("dir") == "auto", a
