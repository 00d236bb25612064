"""The human pages of an issuer's site: the issuer's home page and one page per achievement
(not public API; the verify page is :mod:`.verify_page`).

Written for the people who meet a badge: an employer shown one, a learner who wants to earn
one, a teacher.  Plain words first ("How to earn this badge", "Check a badge"); identifiers
and the JSON documents for software come last, in a "For software" panel.  Links between
pages are relative, so the folder can be previewed from disk before it is uploaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..portfolio._html import Html, el, join
from ..portfolio._markdown import markdown
from ._page import Nav, page

if TYPE_CHECKING:
    from ..credential.achievement import Achievement, IssuerProfile
    from ..credential.links import SiteLayout
    from ..credential.validity import ValidityPolicy

__all__ = [
    "PageAchievement",
    "SiteInfo",
    "achievement_page",
    "index_page",
    "kind_of",
    "link",
    "software_panel",
    "validity",
]

_AUTO = {"dir": "auto"}
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True)
class PageAchievement:
    """One achievement as the pages show it.

    :ivar image: its picture's path in the site folder (``achievements/{slug}.png``), if any.
    :ivar image_alt: the picture's alt text (the ``[image] caption``, else its name).
    """

    slug: str
    achievement: Achievement
    image: str | None
    image_alt: str


@dataclass(frozen=True)
class SiteInfo:
    """What every page knows about the site.

    :ivar logo: the issuer's logo's path in the site folder, if any.
    :ivar did_document: the did:web document's URL, when the site holds it.
    :ivar status_lists: the URLs of the status lists the site holds.
    :ivar published: the day the site was written, for people (``"3 December 2025"``).
    """

    layout: SiteLayout
    issuer_id: str
    issuer: IssuerProfile
    logo: str | None
    achievements: tuple[PageAchievement, ...]
    did_document: str | None
    status_lists: tuple[str, ...]
    published: str

    @property
    def issuer_name(self) -> str:
        """The issuer's name (every published achievement has one)."""
        return self.issuer.name or self.issuer_id

    def footer(self) -> str:
        """The footer sentence."""
        return (
            f"Published by {self.issuer_name} with badgekit on {self.published}. These pages "
            "load nothing from other websites."
        )


def kind_of(achievement: Achievement) -> str:
    """The achievement type for people: ``MicroCredential`` -> ``Micro credential``."""
    value = (achievement.achievement_type or "Badge").removeprefix("ext:")
    return _CAMEL.sub(" ", value).capitalize() if value != value.upper() else value


def validity(policy: ValidityPolicy | None) -> str:
    """How long an award stays valid, in words (``"2 years after it is awarded"``)."""
    if policy is None or policy.duration is None:
        return "Does not expire"
    d = policy.duration
    weeks, days = divmod(d.days, 7) if d.days % 7 == 0 else (0, d.days)
    hours = d.seconds // 3600 if d.seconds % 3600 == 0 else 0
    parts = [
        f"{n} {unit}{'s' if n != 1 else ''}"
        for n, unit in ((d.years, "year"), (d.months, "month"), (weeks, "week"), (days, "day"))
        if n
    ]
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    elif d.seconds:
        parts.append(f"{d.seconds} seconds")
    return f"{' '.join(parts)} after it is awarded"


def _art(src: str | None, alt: str, cls: str, size: int) -> Html | None:
    if src is None:
        return None
    return el("img", {"class": cls, "src": src, "alt": alt, "width": size, "height": size})


def _callout(prefix: str, question: str) -> Html:
    return el(
        "section",
        {"class": "callout", "aria-labelledby": "check-heading"},
        el(
            "div",
            None,
            el("h2", {"id": "check-heading"}, question),
            el(
                "p",
                None,
                "Anyone can check that a badge is genuine, still valid and really awarded "
                "to the person showing it, in a minute and without asking us.",
            ),
        ),
        el("a", {"class": "button", "href": prefix + "verify.html"}, "How to check a badge"),
    )


def link(url: str, text: str | None = None) -> Html:
    return el("a", {"href": url}, text or url)


def software_panel(rows: list[tuple[str, Html | str]], intro: str) -> Html:
    facts = [join([el("dt", None, k), el("dd", None, v)]) for k, v in rows]
    return el(
        "section",
        {"class": "tech", "aria-labelledby": "tech-heading"},
        el(
            "div",
            {"class": "panel"},
            el("h2", {"id": "tech-heading"}, "For software"),
            el("p", {"class": "intro"}, intro),
            el("dl", {"class": "facts"}, *facts),
        ),
    )


def _card(item: PageAchievement) -> Html:
    a = item.achievement
    art = _art(item.image, item.image_alt, "art", 128)
    if art is None:
        art = el("div", {"class": "art ph", "aria-hidden": "true"}, a.name[:1].upper())
    return el(
        "li",
        {"class": "card"},
        art,
        el("h3", _AUTO, el("a", {"href": f"achievements/{item.slug}.html"}, a.name)),
        el("p", {"class": "kind"}, kind_of(a)),
        el("p", {"class": "desc", **_AUTO}, a.description) if a.description else None,
    )


def index_page(info: SiteInfo) -> str:
    """The issuer's home page (``index.html``): who they are and the badges they award."""
    issuer = info.issuer
    contact = [
        el("span", None, "Website: ", link(issuer.url)) if issuer.url else None,
        el("span", None, "Email: ", link(f"mailto:{issuer.email}", issuer.email))
        if issuer.email
        else None,
    ]
    header = el(
        "div",
        {"class": "hero"},
        _art(info.logo, f"{info.issuer_name} logo", "hero-logo", 96),
        el(
            "div",
            {"class": "hero-text"},
            el("p", {"class": "kicker"}, "Open Badges issuer"),
            el("h1", _AUTO, info.issuer_name),
            el("p", {"class": "lead", **_AUTO}, issuer.description) if issuer.description else None,
            el("p", {"class": "meta"}, join([c for c in contact if c], " \u00b7 "))
            if any(contact)
            else None,
        ),
    )
    count = len(info.achievements)
    badges = el(
        "section",
        {"aria-labelledby": "badges", "class": "badges"},
        el("h2", {"class": "section", "id": "badges"}, f"Badges we award ({count})"),
        el(
            "p",
            {"class": "section-note"},
            "Each badge is a digital certificate that its earner can share. Open one to see "
            "what it takes to earn it.",
        ),
        el("ul", {"class": "grid", "role": "list"}, *(_card(a) for a in info.achievements)),
    )
    software = software_panel(
        [
            ("Issuer ID", el("code", None, info.issuer_id)),
            ("Issuer profile", link("issuer.json")),
            *([("DID document", link(info.did_document))] if info.did_document else []),
            ("Public keys (JWK Set)", link(info.layout.jwks)),
            *[("Status list", link(url)) for url in info.status_lists],
        ],
        "Badges from this issuer are Open Badges 3.0 credentials signed with the key "
        "published here. These documents are what verifiers read.",
    )
    return page(
        title=f"{info.issuer_name}: badges",
        description=f"The Open Badges that {info.issuer_name} awards, and how to check one.",
        nav=Nav(info.issuer_name, "", "badges"),
        header=header,
        main=[badges, _callout("", "Been shown one of our badges?"), software],
        footer=info.footer(),
    )


def _alignments(a: Achievement) -> Html | None:
    if not a.alignment:
        return None
    rows = []
    for x in a.alignment:
        code = " \u00b7 ".join(v for v in (x.target_framework, x.target_code) if v)
        rows.append(
            el(
                "li",
                _AUTO,
                link(x.target_url, x.target_name),
                el("p", {"class": "code"}, code) if code else None,
                el("p", None, x.target_description) if x.target_description else None,
            )
        )
    return el(
        "section",
        {"class": "panel", "aria-labelledby": "skills-heading"},
        el("h2", {"id": "skills-heading"}, "Skills and standards"),
        el("p", {"class": "intro"}, "This badge is linked to:"),
        el("ul", {"class": "aligns"}, *rows),
    )


def achievement_page(info: SiteInfo, item: PageAchievement) -> str:
    """The page of one achievement (its ``criteria.id``), in ``achievements/``."""
    a, layout = item.achievement, info.layout
    header = el(
        "div",
        {"class": "hero"},
        _art(f"{item.slug}.png" if item.image else None, item.image_alt, "hero-art", 168),
        el(
            "div",
            {"class": "hero-text"},
            el("p", {"class": "kicker"}, kind_of(a)),
            el("h1", _AUTO, a.name),
            el("p", {"class": "meta"}, "Awarded by ", link("../index.html", info.issuer_name)),
            el("p", {"class": "lead", **_AUTO}, a.description) if a.description else None,
        ),
    )
    criteria = el(
        "section",
        {"class": "panel", "aria-labelledby": "earn-heading"},
        el("h2", {"id": "earn-heading"}, "How to earn this badge"),
        el(
            "p",
            {"class": "intro"},
            f"{info.issuer_name} awards this badge to anyone who meets these criteria:",
        ),
        markdown(a.criteria.narrative) if a.criteria.narrative else None,
        el("p", None, "Full criteria: ", link(a.criteria.url)) if a.criteria.url else None,
    )
    tags = el("ul", {"class": "tags"}, *(el("li", _AUTO, t) for t in a.tags)) if a.tags else None
    facts = [
        ("Type", kind_of(a)),
        ("Awarded by", info.issuer_name),
        ("Valid for", validity(a.valid_for)),
        *([("Keywords", tags)] if tags else []),
    ]
    about = el(
        "section",
        {"class": "panel", "aria-labelledby": "about-heading"},
        el("h2", {"id": "about-heading"}, "About this badge"),
        el(
            "dl",
            {"class": "facts"},
            *(join([el("dt", None, k), el("dd", None, v)]) for k, v in facts),
        ),
    )
    software = software_panel(
        [
            ("Achievement ID", el("code", None, layout.achievement_id(item.slug))),
            ("This badge as JSON", link(f"{item.slug}.json")),
            ("Issuer ID", el("code", None, info.issuer_id)),
        ],
        "Every badge awarded for this achievement names the ID below; its Open Badges 3.0 "
        "description is at the same address as this page, ending in .json.",
    )
    return page(
        title=f"{a.name}: a badge from {info.issuer_name}",
        description=a.description or f"{a.name}, a badge from {info.issuer_name}.",
        nav=Nav(info.issuer_name, "../", None),
        header=header,
        main=[criteria, _alignments(a), about, _callout("../", "Been shown this badge?"), software],
        footer=info.footer(),
    )
