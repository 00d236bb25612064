"""The HTML email around a rendered message: a centred card with the badge on top (not public
API).

Mail clients are not browsers: layout is done with tables and inline styles (Outlook and
Gmail drop or rewrite ``<style>`` and ignore most modern CSS), the card is at most 560 px wide
and fluid below that, and the badge image is referenced by Content-ID (``cid:``), so it shows
without loading anything from the network.
"""

from __future__ import annotations

from html import escape

__all__ = ["IMAGE_WIDTH", "html_document"]

#: Width of the badge image in the message (CSS px).
IMAGE_WIDTH = 160

_PAGE = "#f3f5f8"
_CARD = (
    "max-width:560px;background:#ffffff;border:1px solid #e2e8f0;border-radius:12px;"
    "border-collapse:separate"
)
_IMG = f"display:block;width:{IMAGE_WIDTH}px;max-width:100%;height:auto;border:0;outline:none"


def html_document(body: str, *, title: str, image_cid: str | None, image_alt: str) -> str:
    """A complete HTML email from a message body fragment (already escaped HTML).

    :param image_cid: the Content-ID of the inline badge image (without ``<>``), or ``None``
        for no image (an SVG badge: most mail clients do not show SVG).
    """
    image = ""
    if image_cid is not None:
        image = (
            f'<tr><td align="center" style="padding:32px 32px 0">'
            f'<img src="cid:{escape(image_cid)}" width="{IMAGE_WIDTH}" alt="{escape(image_alt)}" '
            f'style="{_IMG}"></td></tr>\n'
        )
    return (
        "<!DOCTYPE html>\n"
        '<html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="color-scheme" content="light">'
        f"<title>{escape(title)}</title></head>\n"
        f'<body style="margin:0;padding:0;background:{_PAGE}">\n'
        f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        f'style="background:{_PAGE}"><tr><td align="center" style="padding:32px 12px">\n'
        f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        f'style="{_CARD}">\n'
        f"{image}"
        f'<tr><td dir="auto" style="padding:28px 32px 16px">\n{body}</td></tr>\n'
        "</table>\n</td></tr></table>\n</body></html>\n"
    )
