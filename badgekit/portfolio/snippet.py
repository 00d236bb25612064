"""Embeddable badge snippets for a website or an email signature (not public API).

One ``snippets/<NN-name>.html`` per valid badge: the badge image at 64 CSS pixels in a link,
with the image next to it as ``<NN-name>.png`` (128 px, sharp on high-density screens).  Only
badges that are valid *now* get a snippet: showing an expired or revoked badge on a website
would claim more than it proves.  The HTML uses inline attributes only (email clients drop
style sheets), and every value in it is escaped.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from ._html import Html, el

if TYPE_CHECKING:
    from .entry import PortfolioEntry

__all__ = ["SNIPPET_NAME", "snippet_html", "snippet_link", "snippet_stem"]

#: File names badgekit writes in ``snippets/`` (stale ones from an earlier run are removed).
SNIPPET_NAME = re.compile(r"\d{2,}-[a-z0-9-]+\.(html|png)")


def snippet_stem(entry: PortfolioEntry, number: int) -> str:
    """``"03-python-basics"``: the entry's number and an ASCII slug of the badge name."""
    text = unicodedata.normalize("NFKD", entry.name or "badge").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-") or "badge"
    return f"{number:02d}-{slug}"


def snippet_link(entry: PortfolioEntry, number: int) -> str:
    """Where the snippet links: the credential's own HTTPS address when it has one (hosted
    badges), else the badge's card on the wall page (``../index.html#badge-N``)."""
    cred_id = (entry.badge or {}).get("id")
    if isinstance(cred_id, str) and re.fullmatch(r"https://[^\s\"'<>]+", cred_id):
        return cred_id
    return f"../index.html#badge-{number}"


def snippet_html(entry: PortfolioEntry, number: int) -> Html:
    """The snippet: ``<a href=...><img src="NN-name.png" width="64" height="64" ...></a>``."""
    stem = snippet_stem(entry, number)
    label = f"{entry.name} \u2014 issued by {entry.issuer}"
    image = el(
        "img",
        {
            "src": f"{stem}.png",
            "width": 64,
            "height": 64,
            "alt": f"{entry.name} badge from {entry.issuer}",
            "style": "border:0;vertical-align:middle",
        },
    )
    link = el("a", {"href": snippet_link(entry, number), "title": label}, image)
    # ASCII with character references: it reads the same pasted into a page or an email
    # signature of any encoding, and opened on its own (it has no <meta charset>).
    return Html((link + "\n").encode("ascii", "xmlcharrefreplace").decode("ascii"))
