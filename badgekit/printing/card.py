"""A business card (85 x 55 mm) for an earner: name, title, a row of valid badges and a QR code
to their badge wall, as PDF or PNG (not public API; :func:`make_business_card` and
:func:`write_business_card` are re-exported by :mod:`badgekit`).

Seed users put it on digital business cards and in email signatures (the PNG), or print it
(the PDF, vector, no fonts needed).  Only valid badges are shown (:mod:`.badges`), newest
first; when there are more than fit, the last place says how many more.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..design.page import Page, TextStyle
from ..design.palettes import resolve_colors, shade
from ..design.pdf import PdfInfo, render_pdf
from ..design.render import render
from ..errors import PrintError
from ..portfolio.wall import entry_png
from .badges import earner_for, valid_badges
from .output import check_target, output_format, write_output
from .qr import qr_code
from .target import check_url

if TYPE_CHECKING:
    import os

    from ..portfolio.entry import Portfolio, PortfolioEntry

__all__ = [
    "CARD_MM",
    "MAX_CARD_BADGES",
    "BusinessCard",
    "make_business_card",
    "write_business_card",
]

#: The card's size (ISO/IEC 7810 ID-1 is 85.6 x 54; 85 x 55 is the European business card).
CARD_MM = (85.0, 55.0)
#: Badges shown in the row (the fifth place becomes "+N" when there are more).
MAX_CARD_BADGES = 5
#: Printed side of the QR symbol (mm, quiet zone not included).
CARD_QR_MM = 20.0
#: PNG resolution of a card written as ``.png`` (1004 x 650 px: sharp in a signature).
CARD_DPI = 300
_THUMB_MM = 11.5
_MARGIN = 5.0


@dataclass(frozen=True)
class BusinessCard:
    """A made business card.

    :ivar badges: the names of the badges shown, in order.
    :ivar more: valid badges not shown for lack of room.
    """

    svg: bytes
    pdf: bytes
    name: str
    wall_url: str
    badges: tuple[str, ...]
    more: int

    def png(self, dpi: int = CARD_DPI) -> bytes:
        """The card as a PNG at ``dpi`` dots per inch."""
        return render(self.svg, size=round(CARD_MM[0] / 25.4 * dpi), alt="")


def _thumb(page: Page, entry: PortfolioEntry, x: float, y: float, colors: dict[str, str]) -> None:
    png = entry_png(entry, 256)
    if png is not None:
        page.image(
            "data:image/png;base64," + base64.b64encode(png).decode(), x, y, _THUMB_MM, _THUMB_MM
        )
        return
    # A badge without artwork: a light disc with its initial.
    r = _THUMB_MM / 2
    tint = shade("primary+88", colors)
    page.add(f'<circle cx="{x + r:.2f}" cy="{y + r:.2f}" r="{r:.2f}" fill="{tint}"/>')
    initial = (entry.name or "?").strip()[:1].upper() or "?"
    style = TextStyle("noto-serif", "bold", 5.5, 3.0, colors["primary"])
    page.text("badge initial", initial, (x + 2, y + 3, _THUMB_MM - 4, _THUMB_MM - 6), style)


def _more(page: Page, n: int, x: float, y: float, colors: dict[str, str]) -> None:
    r = _THUMB_MM / 2
    page.add(
        f'<circle cx="{x + r:.2f}" cy="{y + r:.2f}" r="{r - 0.2:.2f}" fill="none" '
        f'stroke="{colors["primary"]}" stroke-width="0.4"/>'
    )
    style = TextStyle("inter", "bold", 3.6, 2.0, colors["primary"])
    page.text("more badges", f"+{n}", (x + 1.5, y + 3.5, _THUMB_MM - 3, _THUMB_MM - 7), style)


def _draw(
    page: Page,
    colors: dict[str, str],
    texts: tuple[str, str | None, str | None, str],
    shown: list[PortfolioEntry],
    more: int,
) -> None:
    name, job_title, org, wall_url = texts
    ink, primary, accent = colors["text"], colors["primary"], colors["accent"]
    page.rect(0, 0, 85, 1.6, fill=primary)
    left = (_MARGIN, 0.0, 48.0)
    x, _, w = left
    page.text(
        "name", name, (x, 7.0, w, 6.0), TextStyle("inter", "bold", 5.2, 3.0, ink, align="left")
    )
    y = 14.5
    if job_title:
        style = TextStyle("inter", "regular", 3.2, 2.2, primary, align="left")
        page.text("job title", job_title, (x, y, w, 3.6), style)
        y += 4.6
    if org:
        style = TextStyle("inter", "regular", 2.8, 2.0, ink, align="left")
        page.text("organisation", org, (x, y, w, 3.2), style)
        y += 4.2
    shown_url = wall_url.removeprefix("https://").removeprefix("http://").rstrip("/")
    link = TextStyle("inter", "regular", 2.4, 1.7, ink, align="left")
    page.text("wall link", shown_url, (x, y + 0.8, w, 2.8), link)
    qr = qr_code(wall_url)
    qx, qy = 85 - _MARGIN - CARD_QR_MM + 0.5, 5.0
    page.add(qr.svg(qx, qy, CARD_QR_MM, color="#000000"))
    page.line(_MARGIN, 31.0, 85 - _MARGIN, 31.0, stroke=accent, width=0.3)
    label = TextStyle(
        "roboto-condensed", "bold", 2.3, 1.8, ink, align="left", tracking=0.12, upper=True
    )
    page.text("row label", "Verified Open Badges", (x, 33.2, 50, 2.4), label)
    slots = MAX_CARD_BADGES
    gap = (85 - 2 * _MARGIN - slots * _THUMB_MM) / (slots - 1)
    for i, entry in enumerate(shown):
        _thumb(page, entry, _MARGIN + i * (_THUMB_MM + gap), 37.5, colors)
    if more:
        _more(page, more, _MARGIN + len(shown) * (_THUMB_MM + gap), 37.5, colors)


def _created(shown: list[PortfolioEntry]) -> datetime:
    # The newest badge's day: the card changes when the badges do, never with the clock.
    for entry in shown:
        if entry.earned:
            try:
                return datetime.fromisoformat(entry.earned).replace(tzinfo=UTC)
            except ValueError:
                continue
    return datetime(2000, 1, 1, tzinfo=UTC)


def make_business_card(
    portfolio: Portfolio,
    *,
    wall_url: str,
    name: str | None = None,
    job_title: str | None = None,
    org: str | None = None,
    palette: str = "royal",
) -> BusinessCard:
    """Lay out the earner's business card from a scanned portfolio.

    >>> card = badgekit.make_business_card(folio, wall_url="https://ada.example/badges/",
    ...                                    name="Ada Lovelace", job_title="Data Analyst")
    >>> Path("card.pdf").write_bytes(card.pdf)                          # doctest: +SKIP

    :param wall_url: where the earner published their badge wall (the QR code's link).
    :param name: the earner's name (default: the name the valid badges state, if they agree).
    :raises PrintError: the portfolio has no valid badge.
    :raises EarnerNameError: no name given and the badges state none (or several).
    :raises LinkRequiredError: ``wall_url`` is not a web address.
    :raises TextFitError: a text is too long for the card.
    """
    url = check_url(wall_url, "--wall-url")
    badges = valid_badges(portfolio)
    if not badges:
        msg = "the portfolio has no valid badge to put on a card"
        raise PrintError(msg)
    full = earner_for(badges, name)
    title = " ".join(job_title.split()) if job_title else None
    organisation = " ".join(org.split()) if org else None
    fits = MAX_CARD_BADGES if len(badges) <= MAX_CARD_BADGES else MAX_CARD_BADGES - 1
    shown = badges[:fits]
    more = len(badges) - len(shown)
    page = Page(*CARD_MM)
    _draw(page, resolve_colors(palette), (full, title, organisation, url), shown, more)
    names = [e.name or "badge" for e in shown]
    listed = ", ".join(names) + (f" and {more} more" if more else "")
    svg = page.svg(title=f"{full}: business card", desc=f"{full}. Verified Open Badges: {listed}.")
    info = PdfInfo(
        title=f"{full} - business card",
        created=_created(shown),
        author=full,
        subject=f"Verified Open Badges: {listed}",
        keywords="Open Badges, business card",
    )
    pdf = render_pdf(svg, width_mm=CARD_MM[0], height_mm=CARD_MM[1], info=info)
    return BusinessCard(svg, pdf, full, url, tuple(names), more)


def write_business_card(
    portfolio: Portfolio, out: str | os.PathLike[str], **options: Any
) -> BusinessCard:
    """Make the business card (see :func:`make_business_card`) and write it to ``out``
    (``.pdf``, or ``.png`` at :data:`CARD_DPI`), atomically.

    :raises PrintError: ``out`` is not ``.pdf``/``.png``, or is a folder.
    """
    kind = output_format(out, ("pdf", "png"))
    check_target(out, ())
    card = make_business_card(portfolio, **options)
    write_output(out, card.pdf if kind == "pdf" else card.png())
    return card
