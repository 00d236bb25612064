"""``verify.html``: how to check a badge from this issuer, and how to add one to LinkedIn (not
public API).

For the person shown a badge (steps with ``badgekit verify``, then what is checked, in plain
words) and for its earner (LinkedIn's "Licenses & certifications" form, field by field; the
badge wall of ``badgekit portfolio`` fills it in with its "Add to LinkedIn" link).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..portfolio._html import Html, el, join
from ._page import Nav, page
from .pages import link, software_panel

if TYPE_CHECKING:
    from .pages import SiteInfo

__all__ = ["verify_page"]


def _panel(heading_id: str, title: str, *content: Html | None) -> Html:
    return el(
        "section",
        {"class": "panel", "aria-labelledby": heading_id, "id": heading_id.removesuffix("-h")},
        el("h2", {"id": heading_id}, title),
        *content,
    )


def _steps(info: SiteInfo) -> Html:
    example = f"{info.achievements[0].slug}.png" if info.achievements else "badge.png"
    return _panel(
        "badgekit-h",
        "Check a badge with badgekit verify",
        el(
            "ol",
            {"class": "steps"},
            el(
                "li",
                None,
                el("strong", None, "Get the badge file itself"),
                " (for example ",
                el("code", {"class": "nw"}, example),
                "), not a screenshot or a photo: the signed credential is inside the file.",
            ),
            el(
                "li",
                None,
                el("strong", None, "Install badgekit"),
                " once (it needs Python 3.11 or newer):",
                el("pre", None, el("code", None, "pip install badgekit")),
            ),
            el(
                "li",
                None,
                el("strong", None, "Run badgekit verify"),
                " on the file. ",
                el("code", {"class": "nw"}, "--online"),
                " lets it read our keys and revocation list from this site; ",
                el("code", {"class": "nw"}, "--recipient"),
                " checks that the badge was awarded to that person:",
                el(
                    "pre",
                    None,
                    el(
                        "code",
                        None,
                        "badgekit verify --online --recipient ada@example.org badge.png",
                    ),
                ),
            ),
            el(
                "li",
                None,
                el("strong", None, "Read the first word."),
                " ",
                el("strong", None, "VALID"),
                ": the badge is genuine and in force. ",
                el("strong", None, "REVOKED"),
                " or ",
                el("strong", None, "EXPIRED"),
                ": it was genuine but no longer counts. ",
                el("strong", None, "NOT VALID"),
                ": the file was changed, or it was not signed by us; do not rely on it.",
            ),
        ),
    )


def _checked(info: SiteInfo) -> Html:
    did = info.did_document
    items = [
        (
            "Signature",
            join(
                [
                    "The credential was signed with our key and not changed since. Our public "
                    "key is published ",
                    el("span", None, "in our DID document, ", link(did)) if did else "here",
                    ".",
                ]
            ),
        ),
        ("Issuer", join(["The key belongs to us: ", el("code", None, info.issuer_id), "."])),
        (
            "Revocation",
            "We have not withdrawn the badge (our status list on this site says so).",
        ),
        ("Dates", "The badge is already valid and has not expired."),
        (
            "Recipient",
            "With --recipient: the badge names that person. An email address is stored "
            "hashed, so the badge does not reveal it.",
        ),
    ]
    rows = [el("li", None, el("strong", None, what), text) for what, text in items]
    return _panel("checked-h", "What is checked", el("ul", {"class": "checklist"}, *rows))


def _linkedin(info: SiteInfo) -> Html:
    pages = [
        el("li", None, el("span", {"dir": "auto"}, p.achievement.name), ": ", link(url))
        for p in info.achievements
        for url in [info.layout.achievement_page(p.slug)]
    ]
    fields = [
        ("Name", "the badge's name, as on its page"),
        ("Issuing organization", info.issuer_name),
        ("Issue date", "the month and year on your badge (badgekit verify shows it)"),
        ("Expiration date", "the one on your badge, if it has one"),
        (
            "Credential ID",
            join(
                [
                    "your badge's ID (",
                    el("code", {"class": "nw"}, "badgekit verify --json"),
                    " shows it)",
                ]
            ),
        ),
        ("Credential URL", "the badge's page on this site (below)"),
    ]
    dl = el(
        "dl",
        {"class": "fields"},
        *(join([el("dt", None, k), el("dd", None, v)]) for k, v in fields),
    )
    return _panel(
        "linkedin-h",
        "Add your badge to LinkedIn",
        el(
            "p",
            None,
            "Earned one of our badges? List it under Licenses & certifications on your "
            "LinkedIn profile.",
        ),
        el("h3", None, "The quick way"),
        el(
            "p",
            None,
            "Make a badge wall of your badges with ",
            el("code", None, "badgekit portfolio my-badges --html wall/"),
            ", open the badge's Details and choose Add to LinkedIn: LinkedIn's form opens "
            "with the name, organization, dates and ID filled in.",
        ),
        el("h3", None, "By hand"),
        el(
            "p",
            None,
            "On LinkedIn, choose Add profile section, then Add licenses & certifications, "
            "and fill in:",
        ),
        dl,
        el("h3", None, "Our badge pages"),
        el("ul", {"class": "items"}, *pages),
    )


def verify_page(info: SiteInfo) -> str:
    """The page that explains how to check a badge (``verify.html``)."""
    header = join(
        [
            el("p", {"class": "kicker"}, "Checking a badge"),
            el("h1", None, "How to check a badge"),
            el(
                "p",
                {"class": "lead"},
                f"A badge from {info.issuer_name} is an image file (PNG or SVG) with a signed "
                "Open Badges 3.0 credential inside. You can check it yourself, without asking "
                "us.",
            ),
        ]
    )
    other = _panel(
        "other-h",
        "Other ways to check",
        el(
            "p",
            None,
            "Any verifier that supports Open Badges 3.0 can check our badges, such as the "
            "1EdTech validator or a digital wallet: give it the badge file.",
        ),
    )
    software = software_panel(
        [
            ("Issuer ID", el("code", None, info.issuer_id)),
            *([("DID document", link(info.did_document))] if info.did_document else []),
            ("Public keys (JWK Set)", link(info.layout.jwks)),
            *[("Status list", link(url)) for url in info.status_lists],
        ],
        "What a verifier reads to check our badges.",
    )
    return page(
        title=f"How to check a badge from {info.issuer_name}",
        description=f"How to check that a badge from {info.issuer_name} is genuine.",
        nav=Nav(info.issuer_name, "", "verify"),
        header=header,
        main=[_steps(info), _checked(info), other, _linkedin(info), software],
        footer=info.footer(),
    )
