"""The shell every page of an issuer's site shares (not public API).

One look with the badge wall: the wall's style sheet (``badgekit/portfolio/assets/wall.css``)
and the site's additions are inlined and allowed by their SHA-256 hash in a strict
Content-Security-Policy (``default-src 'none'``; images from the site itself only; no script
at all), so a page loads nothing from anywhere else.  Every value goes through
:mod:`badgekit.portfolio._html`, which escapes it.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from ..portfolio._html import Html, el, join

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["CSP_BASE", "Nav", "page", "site_css"]

#: The policy of every page, before its ``style-src`` hash.
CSP_BASE = "default-src 'none'; img-src 'self'; base-uri 'none'; form-action 'none'"


@cache
def site_css() -> str:
    """The badge wall's style sheet followed by the site's own rules."""
    wall = (resources.files("badgekit.portfolio") / "assets" / "wall.css").read_text("utf-8")
    site = (resources.files("badgekit.publish") / "assets" / "site.css").read_text("utf-8")
    return wall + "\n" + site


def _sha256(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


class Nav:
    """The navigation bar: the issuer's name (home), its badges and the verify page.

    :param prefix: the way from the page to the site's root (``""`` or ``"../"``).
    :param current: ``"badges"`` (the home page), ``"verify"`` or ``None`` (an achievement).
    """

    def __init__(self, issuer_name: str, prefix: str, current: str | None) -> None:
        self.issuer_name = issuer_name
        self.prefix = prefix
        self.current = current

    def html(self) -> Html:
        """The ``<nav>`` element."""

        def link(href: str, text: str, name: str) -> Html:
            here = "page" if self.current == name else None
            return el("a", {"href": self.prefix + href, "aria-current": here}, text)

        items = [
            el("li", None, link("index.html#badges", "Badges", "badges")),
            el("li", None, link("verify.html", "Check a badge", "verify")),
        ]
        return el(
            "nav",
            {"class": "site-nav", "aria-label": "Site"},
            el(
                "div",
                {"class": "wrap"},
                el(
                    "a",
                    {"class": "brand", "href": self.prefix + "index.html", "dir": "auto"},
                    self.issuer_name,
                ),
                el("ul", None, *items),
            ),
        )


def page(
    *,
    title: str,
    description: str,
    nav: Nav,
    header: Html,
    main: Iterable[Html | None],
    footer: str,
) -> str:
    """A whole HTML5 document.

    :param title: the ``<title>`` (the page's own subject first).
    :param description: the ``<meta name="description">`` text.
    :param header: the page's heading block (inside ``header.top > .wrap``).
    :param main: the blocks of ``<main>``.
    :param footer: one sentence for the footer.
    """
    style = site_css()
    csp = f"{CSP_BASE}; style-src {_sha256(style)}"
    head = join(
        [
            Html('<meta charset="utf-8">'),
            el("meta", {"http-equiv": "Content-Security-Policy", "content": csp}),
            el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
            el("meta", {"name": "referrer", "content": "no-referrer"}),
            el("meta", {"name": "description", "content": description}),
            el("meta", {"name": "generator", "content": "badgekit"}),
            el("title", None, title),
            Html(f"<style>{style}</style>"),
        ],
        "\n",
    )
    body = join(
        [
            el("a", {"class": "skip", "href": "#main"}, "Skip to the content"),
            nav.html(),
            el("header", {"class": "top"}, el("div", {"class": "wrap"}, header)),
            el("main", {"id": "main"}, el("div", {"class": "wrap"}, *main)),
            el("footer", None, el("div", {"class": "wrap"}, el("p", None, footer))),
        ],
        "\n",
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n{head}\n</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )
