"""The static badge wall: ``index.html`` plus snippets, no server and no requests (not public
API; :func:`write_badge_wall` is re-exported by :mod:`badgekit`).

The page is one self-contained file: the style sheet and the small script are inline and
allowed by their SHA-256 hashes in a strict Content-Security-Policy (``default-src 'none'``),
and badge images are clean PNGs (see :mod:`.artwork`) in ``data:`` URLs.  Nothing on the page
can load anything from anywhere; addresses from credentials are shown as text, not links.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .. import _io
from ..errors import BadgekitError, FileAccessError
from ._html import Html, el, join
from .artwork import display_png
from .cards import STATUS_LABEL, card, nice_day, slug_class
from .entry import TRUSTED, BadgeStatus
from .snippet import SNIPPET_NAME, snippet_html, snippet_stem

if TYPE_CHECKING:
    import os

    from .entry import Portfolio, PortfolioEntry

__all__ = ["WallResult", "badge_wall_html", "entry_png", "write_badge_wall"]

#: Grid order: valid first, then the genuine but not valid ones.
_ORDER = [
    BadgeStatus.VALID,
    BadgeStatus.NOT_YET_VALID,
    BadgeStatus.EXPIRED,
    BadgeStatus.SUSPENDED,
    BadgeStatus.REVOKED,
]


@dataclass(frozen=True)
class WallResult:
    """What :func:`write_badge_wall` wrote.

    :ivar index: the page, ``OUTDIR/index.html``.
    :ivar snippets: the snippet HTML files (one per valid badge), with their PNGs beside them.
    :ivar shown: how many files the page shows.
    """

    index: Path
    snippets: tuple[Path, ...]
    shown: int


def _asset(name: str) -> str:
    return (resources.files("badgekit.portfolio") / "assets" / name).read_text("utf-8")


def _sha256(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _source_image(entry: PortfolioEntry) -> bytes | None:
    """The artwork bytes: the baked file itself, else a ``data:`` image in the credential."""
    if entry.part_of is None and entry.path.suffix.lower() in (".png", ".svg"):
        try:
            return _io.read_bytes(entry.path)
        except BadgekitError:
            return None
    image = (entry.badge or {}).get("image")
    if isinstance(image, str) and image.startswith(("data:image/png", "data:image/svg+xml")):
        head, _, data = image.partition(",")
        try:
            if head.endswith(";base64"):
                return base64.b64decode(data, validate=False)
            from urllib.parse import unquote_to_bytes

            return unquote_to_bytes(data)
        except ValueError:
            return None
    return None


def entry_png(entry: PortfolioEntry, size: int) -> bytes | None:
    """A clean PNG of a genuine badge's artwork (``None`` for others, or when not drawable)."""
    if not entry.trusted:
        return None
    data = _source_image(entry)
    return display_png(data, size=size) if data else None


def _data_url(png: bytes | None) -> str | None:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii") if png else None


def _counts(entries: list[PortfolioEntry]) -> Html:
    found = {s: sum(1 for e in entries if e.status is s) for s in BadgeStatus}
    items = [
        el(
            "li",
            None,
            el(
                "span",
                {"class": f"pill {slug_class(s)}"},
                f"{found[s]} {STATUS_LABEL[s][1].lower()}",
            ),
        )
        for s in BadgeStatus
        if found[s] or s in (BadgeStatus.VALID,)
    ]
    return el("ul", {"class": "counts", "aria-label": "Summary"}, *items)


def _sorted(entries: list[tuple[int, PortfolioEntry]]) -> list[tuple[int, PortfolioEntry]]:
    def key(item: tuple[int, PortfolioEntry]) -> tuple[int, str, str]:
        _, e = item
        # Newest first inside each status: "9999" - date sorts descending as a string.
        earned = e.earned or ""
        inverted = "".join(chr(0x10FFFF - ord(ch)) for ch in earned)
        return (_ORDER.index(e.status), inverted, e.file)

    return sorted(entries, key=key)


def badge_wall_html(
    portfolio: Portfolio,
    images: dict[str, str | None],
    *,
    title: str = "My badges",
    hide_invalid: bool = False,
) -> str:
    """The page's HTML.

    :param images: ``data:`` URLs of the display PNGs, keyed by entry file.
    :param hide_invalid: show only badges that are valid now.
    """
    numbered = list(enumerate(portfolio.entries, start=1))
    if hide_invalid:
        numbered = [(n, e) for n, e in numbered if e.status is BadgeStatus.VALID]
    genuine = _sorted([(n, e) for n, e in numbered if e.status in TRUSTED])
    others = [(n, e) for n, e in numbered if e.status not in TRUSTED]
    style, script = _asset("wall.css"), _asset("wall.js")
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_sha256(style)}; script-src {_sha256(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    checked = nice_day(portfolio.checked_at.date().isoformat())
    sections = [
        el(
            "section",
            {"aria-labelledby": "badges-heading"},
            el("h2", {"class": "section", "id": "badges-heading"}, f"Badges ({len(genuine)})"),
            el(
                "ul",
                {"class": "grid", "role": "list"},
                *(card(e, n, images.get(e.file)) for n, e in genuine),
            )
            if genuine
            else el("p", {"class": "section-note"}, "No badge in this folder verified."),
        )
    ]
    if others:
        sections.append(
            el(
                "section",
                {"aria-labelledby": "unverified-heading"},
                el(
                    "h2",
                    {"class": "section", "id": "unverified-heading"},
                    f"Files that did not verify ({len(others)})",
                ),
                el(
                    "p",
                    {"class": "section-note"},
                    "badgekit could not confirm who issued these files, so only their file "
                    "names and the reasons are shown, never what they claim.",
                ),
                el(
                    "ul",
                    {"class": "grid", "role": "list"},
                    *(card(e, n, None, online=portfolio.online) for n, e in others),
                ),
            )
        )
    head = join(
        [
            Html('<meta charset="utf-8">'),
            el("meta", {"http-equiv": "Content-Security-Policy", "content": csp}),
            el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
            el("meta", {"name": "referrer", "content": "no-referrer"}),
            el("meta", {"name": "generator", "content": "badgekit"}),
            el("title", None, title),
            el("link", {"rel": "icon", "href": "data:,"}),
            Html(f"<style>{style}</style>"),
        ],
        "\n",
    )
    body = join(
        [
            el("a", {"class": "skip", "href": "#main"}, "Skip to the badges"),
            el(
                "header",
                {"class": "top"},
                el(
                    "div",
                    {"class": "wrap"},
                    el("h1", None, title),
                    _counts([e for _, e in numbered]),
                    el(
                        "p",
                        {"class": "note"},
                        f"Every badge here was verified by badgekit on {checked}: its signature, "
                        "issuer, dates and revocation status. Only what the issuer signed is "
                        "shown. Open a badge's details to see each check.",
                    ),
                ),
            ),
            el("main", {"id": "main"}, el("div", {"class": "wrap"}, *sections)),
            el(
                "footer",
                None,
                el(
                    "div",
                    {"class": "wrap"},
                    el("p", None, "Made with badgekit. This page loads nothing from the network."),
                ),
            ),
            Html(f"<script>{script}</script>"),
        ],
        "\n",
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n{head}\n</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _write_snippets(portfolio: Portfolio, folder: Path) -> tuple[Path, ...]:
    try:
        folder.mkdir(exist_ok=True)
    except OSError as e:
        msg = f"{folder}: cannot create the folder ({e.strerror or e})"
        raise FileAccessError(msg) from None
    written: list[Path] = []
    keep: set[str] = set()
    for number, entry in enumerate(portfolio.entries, start=1):
        if entry.status is not BadgeStatus.VALID:
            continue
        stem = snippet_stem(entry, number)
        png = entry_png(entry, 128)
        if png is None:
            continue
        _io.write_atomic(folder / f"{stem}.png", png)
        written.append(
            _io.write_atomic(folder / f"{stem}.html", snippet_html(entry, number).encode())
        )
        keep |= {f"{stem}.png", f"{stem}.html"}
    for old in folder.iterdir():  # a snippet of a badge revoked since the last run must go
        if SNIPPET_NAME.fullmatch(old.name) and old.name not in keep and old.is_file():
            old.unlink()
    return tuple(written)


def write_badge_wall(
    portfolio: Portfolio,
    outdir: str | os.PathLike[str],
    *,
    title: str = "My badges",
    hide_invalid: bool = False,
) -> WallResult:
    """Write the badge wall to ``outdir``: ``index.html`` and ``snippets/``.

    >>> write_badge_wall(scan_portfolio("my-badges"), "site")            # doctest: +SKIP

    :param title: the page's title and main heading.
    :param hide_invalid: leave out every file that is not valid now (expired, revoked,
        not valid, unverified) instead of marking it.
    :returns: a :class:`WallResult`.
    :raises FileAccessError: ``outdir`` cannot be created or written.
    """
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        msg = f"{out}: exists and is not a folder"
        raise FileAccessError(msg)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        msg = f"{out}: cannot create the folder ({e.strerror or e})"
        raise FileAccessError(msg) from None
    images = {e.file: _data_url(entry_png(e, 256)) for e in portfolio.entries if e.trusted}
    page = badge_wall_html(portfolio, images, title=title, hide_invalid=hide_invalid)
    index = _io.write_atomic(out / "index.html", page.encode("utf-8"))
    snippets = _write_snippets(portfolio, out / "snippets")
    shown = sum(1 for e in portfolio.entries if e.status is BadgeStatus.VALID or not hide_invalid)
    return WallResult(index, snippets, shown)
