"""SVG -> PDF with cairosvg, vector and deterministic (not public API).

Paths stay paths: badgekit's text is already glyph outlines, so the PDF uses no font at all
(``pdffonts`` lists none) and prints the same on any printer.  The document information
(title, author, subject, keywords, creator, dates) is set through cairo's
``cairo_pdf_surface_set_metadata`` (cairo 1.16); the dates are the ones given, never the wall
clock, so the same input always gives the same bytes.  Rendering is offline like
:func:`~badgekit.design.render.render`: only ``data:image/`` URLs are served.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

import cairocffi
from cairosvg.parser import Tree
from cairosvg.surface import PDFSurface

from ..errors import RenderError
from .render import _fetch

__all__ = ["PdfInfo", "render_pdf"]

_PT_PER_MM = 72 / 25.4
#: Largest page side (mm): A0 is 1189 mm.
MAX_PAGE_MM = 1200.0


@dataclass(frozen=True)
class PdfInfo:
    """The PDF's document information dictionary (ISO 32000-1 §14.3.3).

    :ivar created: the creation (and modification) date.  Required: without it cairo would
        write the wall clock and the same input would give different bytes.
    """

    title: str
    created: datetime
    author: str = ""
    subject: str = ""
    keywords: str = ""
    creator: str = "badgekit"


def _pdf_date(when: datetime) -> str:
    # cairo takes ISO 8601 "YYYY-MM-DDThh:mm:ss" with an optional "Z" and writes D:...Z.
    aware = when if when.tzinfo else when.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_pdf(svg: bytes, *, width_mm: float, height_mm: float, info: PdfInfo) -> bytes:
    """Render SVG bytes onto one PDF page of ``width_mm`` x ``height_mm``.

    :returns: the PDF bytes; identical for identical input.
    :raises RenderError: a page side out of range, or the SVG cannot be rendered.
    """
    if not (0 < width_mm <= MAX_PAGE_MM and 0 < height_mm <= MAX_PAGE_MM):
        msg = f"a PDF page must be at most {MAX_PAGE_MM:g} mm a side, not {width_mm}x{height_mm}"
        raise RenderError(msg)
    out = io.BytesIO()
    try:
        tree = Tree(bytestring=svg, unsafe=False, url_fetcher=_fetch)
        surface = PDFSurface(
            tree, out, 72, output_width=width_mm * _PT_PER_MM, output_height=height_mm * _PT_PER_MM
        )
        pdf = surface.cairo
        fields = (
            (cairocffi.PDF_METADATA_TITLE, info.title),
            (cairocffi.PDF_METADATA_AUTHOR, info.author),
            (cairocffi.PDF_METADATA_SUBJECT, info.subject),
            (cairocffi.PDF_METADATA_KEYWORDS, info.keywords),
            (cairocffi.PDF_METADATA_CREATOR, info.creator),
        )
        for key, value in fields:
            if value:
                pdf.set_metadata(key, _one_line(value))
        pdf.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, _pdf_date(info.created))
        pdf.set_metadata(cairocffi.PDF_METADATA_MOD_DATE, _pdf_date(info.created))
        surface.finish()
    except Exception as e:  # cairosvg raises many unrelated types on bad input
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        msg = f"cannot render the SVG as PDF ({first})"
        raise RenderError(msg) from e
    return out.getvalue()
