"""A printable certificate for one genuine badge: PDF (vector) or PNG (not public API;
:func:`make_certificate` and :func:`write_certificate` are re-exported by :mod:`badgekit`).

The page is landscape A4 or US Letter in the look of the ``certificate`` template (navy frame,
gold rules): the badge's artwork, the earner's name, the badge's name, the date it was earned,
the issuer, and a QR code (:mod:`.target` says where it leads).  Text is glyph outlines, so the
PDF needs no font; its document information (title, author, subject, keywords, creation date)
comes from the credential, never the clock, so the same badge gives the same bytes.

Which badges are printed is :mod:`.policy`'s rule (valid; expired with the expiry printed).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..design.icons import load_icon
from ..design.page import Page, TextStyle
from ..design.palettes import resolve_colors
from ..design.pdf import PdfInfo, render_pdf
from ..design.render import render
from ..errors import PrintError, TextFitError
from ..keys.resolver import Resolver
from ..portfolio.cards import nice_day
from ..portfolio.entry import BadgeStatus, PortfolioEntry
from ..portfolio.wall import entry_png
from ..verify.pipeline import Verifier
from .earner import earner_name
from .output import check_target, output_format, write_output
from .policy import check_printable
from .qr import qr_code
from .target import qr_target

if TYPE_CHECKING:
    import os

    from ..keys.keypair import KeyPair
    from .target import QrTarget

__all__ = ["PAPERS", "QR_SIDE_MM", "Certificate", "make_certificate", "write_certificate"]

#: Landscape page sizes in millimetres (ISO 216 A4; ANSI US Letter).
PAPERS: dict[str, tuple[float, float]] = {"a4": (297.0, 210.0), "letter": (279.4, 215.9)}
#: Printed side of the QR symbol, quiet zone not included: a phone reads 20 mm or more at
#: arm's length (the quiet zone adds 4 modules a side).
QR_SIDE_MM = 22.0
#: PNG resolution of a certificate written as ``.png`` (sharp on screen, fine to print).
PNG_DPI = 200
#: The expiry line's colour: a dark red with 7:1 contrast on white.
_EXPIRED_COLOR = "#9f1239"
_ART_PX = 800
#: Width of the date and issuer lines (mm).
_SIGN_W = 75.0


@dataclass(frozen=True)
class Certificate:
    """A made certificate: the page as SVG and PDF, and what it says.

    :ivar svg: the page (standalone SVG, sizes in mm).
    :ivar pdf: the same page as a one-page vector PDF.
    :ivar expired: the day the badge expired (``"5 May 2025"``), when it has.
    :ivar warnings: things the printer should know (for instance that revocation was not
        checked offline).
    """

    svg: bytes
    pdf: bytes
    paper: str
    earner: str
    badge: str
    issuer: str
    date: str
    qr_url: str
    expired: str | None
    warnings: tuple[str, ...]
    width_mm: float
    height_mm: float

    def png(self, dpi: int = PNG_DPI) -> bytes:
        """The page as a PNG at ``dpi`` dots per inch.

        :raises RenderError: ``dpi`` makes the image too large.
        """
        return render(self.svg, size=round(self.width_mm / 25.4 * dpi), alt="")


def _created(summary: dict[str, Any]) -> datetime:
    for key in ("awarded_date", "valid_from"):
        value = summary.get(key)
        if isinstance(value, str):
            try:
                when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                continue
            return when if when.tzinfo else when.replace(tzinfo=UTC)
    msg = "the badge has no readable date (validFrom or awardedDate)"
    raise PrintError(msg)


def _art(
    page: Page, png: bytes | None, box: tuple[float, float, float], colors: dict[str, str]
) -> None:
    x, y, side = box
    if png is not None:
        href = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        page.image(href, x, y, side, side)
        return
    # No artwork to show (a JSON credential without an image): the template's seal instead.
    cx, cy, r = x + side / 2, y + side / 2, side * 0.42
    page.add(f'<circle cx="{cx:.2f}" cy="{cy:.2f}" r="{r:.2f}" fill="{colors["primary"]}"/>')
    page.add(
        f'<circle cx="{cx:.2f}" cy="{cy:.2f}" r="{r * 0.86:.2f}" fill="none" '
        f'stroke="{colors["accent"]}" stroke-width="0.5"/>'
    )
    icon = side * 0.42
    page.add(load_icon("award").svg(cx - icon / 2, cy - icon / 2, icon, colors["accent"], 1.5))


def _frame(page: Page, colors: dict[str, str]) -> None:
    w, h = page.width, page.height
    page.rect(11, 11, w - 22, h - 22, stroke=colors["primary"], width=2.0)
    page.rect(15.5, 15.5, w - 31, h - 31, stroke=colors["accent"], width=0.5)
    page.rect(17, 17, w - 34, h - 34, stroke=colors["accent"], width=0.2)
    for cx in (11, w - 11):
        for cy in (11, h - 11):
            page.diamond(cx, cy, 3.4, fill=colors["accent"])


def _signature(page: Page, x: float, y: float, what: str, value: str, label: str, ink: str) -> None:
    """A value over a rule with a small caption under it (the date, the issuer)."""
    try:  # one line sits just above the rule; a long issuer name takes two
        page.text(what, value, (x, y - 8, _SIGN_W, 6.5), TextStyle("inter", "regular", 5, 3.4, ink))
    except TextFitError:
        two = TextStyle("inter", "regular", 5, 2.8, ink, max_lines=2, line_height=1.15)
        page.text(what, value, (x, y - 10.5, _SIGN_W, 9), two)
    page.line(x, y, x + _SIGN_W, y, stroke=ink, width=0.25)
    caption = TextStyle("roboto-condensed", "regular", 3.3, 2.4, ink, tracking=0.12, upper=True)
    page.text(f"{what} caption", label, (x, y + 2.2, _SIGN_W, 3.4), caption)


@dataclass(frozen=True)
class _Content:
    earner: str
    badge: str
    issuer: str
    date: str
    expired: str | None
    target: QrTarget
    art: bytes | None


def _draw(page: Page, colors: dict[str, str], c: _Content, warnings: list[str]) -> None:
    w, cx = page.width, page.width / 2
    top = (page.height - 210.0) / 2  # the layout is drawn for A4's height, centred on others
    ink, primary, accent = colors["text"], colors["primary"], colors["accent"]
    _frame(page, colors)
    heading = TextStyle("noto-serif", "bold", 7.0, 4.0, primary, tracking=0.08, upper=True)
    page.text("heading", "Certificate of Achievement", (cx - 110, top + 24, 220, 9), heading)
    page.line(cx - 24, top + 37.5, cx - 4, top + 37.5, stroke=accent, width=0.35)
    page.line(cx + 4, top + 37.5, cx + 24, top + 37.5, stroke=accent, width=0.35)
    page.diamond(cx, top + 37.5, 1.8, fill=accent)
    _art(page, c.art, (cx - 17, top + 42.5, 34), colors)
    small = TextStyle("inter", "regular", 4.4, 3.0, ink)
    page.text("words", "This certifies that", (cx - 80, top + 82, 160, 6), small)
    name = TextStyle("noto-serif", "bold", 11.0, 6.0, ink, max_lines=2, line_height=1.12)
    page.text("earner name", c.earner, (45, top + 90, w - 90, 17), name)
    page.line(cx - 75, top + 111, cx + 75, top + 111, stroke=accent, width=0.4)
    page.text("words", "has earned the badge", (cx - 80, top + 114.5, 160, 6), small)
    title = TextStyle("noto-serif", "bold", 8.0, 4.5, primary, max_lines=2, line_height=1.12)
    page.text("badge name", c.badge, (55, top + 122, w - 110, 13), title)
    if c.expired:
        note = TextStyle("inter", "bold", 3.4, 2.6, _EXPIRED_COLOR, tracking=0.1, upper=True)
        page.text("expiry", f"Expired on {c.expired}", (cx - 80, top + 136.5, 160, 4.5), note)
    line_y = top + 173
    _signature(page, 45, line_y, "date", c.date, "Date", ink)
    _signature(page, w - 45 - _SIGN_W, line_y, "issuer", c.issuer, "Issued by", ink)
    qr = qr_code(c.target.url)
    qr_top = top + 151
    page.add(qr.svg(cx - QR_SIDE_MM / 2, qr_top, QR_SIDE_MM, color="#000000"))
    below = qr_top + QR_SIDE_MM + QR_SIDE_MM * 4 / qr.modules + 0.3
    caption = TextStyle("inter", "bold", 2.8, 2.2, ink)
    page.text("QR caption", c.target.caption, (cx - 40, below, 80, 3.2), caption)
    url = TextStyle("inter", "regular", 2.4, 1.8, ink, max_lines=2, line_height=1.2)
    shown = c.target.url.removeprefix("https://").removeprefix("http://")
    try:
        page.text("QR link", shown, (cx - 45, below + 3.8, 90, 5.4), url)
    except TextFitError:
        # A very long link still works in the QR code; printed, it would be unreadable.
        warnings.append("the QR code's link is too long to print under it; only the code shows")


def _entry(badge: str | os.PathLike[str], verifier: Verifier) -> PortfolioEntry:
    path = Path(badge)
    report = verifier.verify(path)
    return PortfolioEntry(path.name, path.resolve(), report)


def make_certificate(
    badge: str | os.PathLike[str],
    *,
    name: str | None = None,
    verify_url: str | None = None,
    paper: str = "a4",
    palette: str = "royal",
    now: datetime | None = None,
    online: bool = False,
    status_file: str | os.PathLike[str] | None = None,
    issuer_key: KeyPair | None = None,
    verifier: Verifier | None = None,
) -> Certificate:
    """Verify a badge file and lay out its certificate.

    >>> cert = badgekit.make_certificate("ada.png", verify_url="https://school.example/verify")
    >>> Path("ada.pdf").write_bytes(cert.pdf)                            # doctest: +SKIP

    :param badge: a baked PNG/SVG, credential JSON or compact JWS file.
    :param name: the earner's name, needed when the badge carries only a hashed email.
    :param verify_url: where the QR code leads (default: see :mod:`badgekit.printing.target`).
    :param paper: ``"a4"`` or ``"letter"`` (landscape).
    :param palette: the colours (a bundled palette name, as for :func:`~badgekit.compose`).
    :param now: check validity as of this time (default: now).
    :param online: allow network lookups while verifying (did:web, status lists).
    :param status_file: a local status list to check revocation offline.
    :param issuer_key: the issuer's own key (public is enough): an issuer printing its
        badges before its site is published confirms with it that a did:web/https badge's
        key is its own, which offline verification cannot tell.
    :param verifier: a configured verifier (default: one built from the four above).
    :raises NotPrintableError: the badge is not genuine, or revoked, suspended, not yet valid.
    :raises EarnerNameError: no name to print, or ``name`` contradicts the badge.
    :raises LinkRequiredError: no web address for the QR code.
    :raises TextFitError: a text is too long for the page.
    """
    if paper not in PAPERS:
        msg = f"unknown paper {paper!r} (choose from {', '.join(PAPERS)})"
        raise PrintError(msg)
    if verifier is None:
        trusted = (issuer_key.public(),) if issuer_key else ()
        resolver = Resolver(online=online, fragment_keys=not online, trusted=trusted)
        verifier = Verifier(now=now, online=online, status_file=status_file, resolver=resolver)
    entry = _entry(badge, verifier)
    check_printable(entry)
    summary = entry.badge or {}
    assert entry.report.payload is not None  # a trusted entry has its credential
    earner = earner_name(entry.report.payload, name)
    target = qr_target(summary, verify_url)
    expired = nice_day(entry.expires) if entry.status is BadgeStatus.EXPIRED else None
    content = _Content(
        earner=earner,
        badge=entry.name or "Badge",
        issuer=entry.issuer or "the issuer",
        date=nice_day(entry.earned) or "",
        expired=expired,
        target=target,
        art=entry_png(entry, _ART_PX),
    )
    width, height = PAPERS[paper]
    page = Page(width, height)
    colors = resolve_colors(palette)
    warnings = list(entry.warnings)
    _draw(page, colors, content, warnings)
    said = f"{earner} earned {content.badge}, issued by {content.issuer} on {content.date}"
    said += f"; expired on {expired}" if expired else ""
    svg = page.svg(title=f"Certificate: {content.badge} - {earner}", desc=f"{said}.")
    info = PdfInfo(
        title=f"Certificate: {content.badge} - {earner}",
        created=_created(summary),
        author=content.issuer,
        subject=said,
        keywords=f"Open Badges, certificate, {content.badge}",
    )
    pdf = render_pdf(svg, width_mm=width, height_mm=height, info=info)
    return Certificate(
        svg, pdf, paper, earner, content.badge, content.issuer, content.date, target.url,
        expired, tuple(warnings), width, height,
    )  # fmt: skip


def write_certificate(
    badge: str | os.PathLike[str], out: str | os.PathLike[str], **options: Any
) -> Certificate:
    """Make a badge's certificate (see :func:`make_certificate`) and write it to ``out``
    (``.pdf``, or ``.png`` at :data:`PNG_DPI`), atomically.

    :raises PrintError: ``out`` is the badge itself, a folder, or not ``.pdf``/``.png``.
    :raises FileAccessError: ``out`` cannot be written.
    """
    kind = output_format(out, ("pdf", "png"))
    check_target(out, (badge,))
    cert = make_certificate(badge, **options)
    write_output(out, cert.pdf if kind == "pdf" else cert.png())
    return cert
