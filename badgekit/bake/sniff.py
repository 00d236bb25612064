"""Tell PNG from SVG by their bytes, never by file name (not public API)."""

from __future__ import annotations

import re
from typing import Literal

from ..errors import CorruptImageError, UnsupportedFormatError

__all__ = ["sniff"]

# Magic numbers of the image formats people most often bring by mistake.
_OTHER_FORMATS: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"WEBP", 8, "a WebP image"),
    (b"BM", 0, "a BMP image"),
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"%PDF", 0, "a PDF document"),
    (b"\x1f\x8b", 0, "a gzip file (a compressed .svgz? unzip it first)"),
    (b"PK\x03\x04", 0, "a ZIP archive"),
    (b"ftypavif", 4, "an AVIF image"),
    (b"ftypheic", 4, "a HEIC image"),
    (b"\x00\x00\x01\x00", 0, "an ICO icon"),
)
_SNIFF_WINDOW = 64 * 1024
# An <svg> start tag under any namespace prefix (<svg>, <svg:svg>, <s:svg .../>).
_SVG_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]")
_XML_START = re.compile(rb"\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<", re.S)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# XML 1.0 Appendix F: the byte order marks, or how "<" starts a UTF-16 or UTF-32 document.
_WIDE_XML = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


def sniff(image: bytes) -> Literal["png", "svg"]:
    """Return ``"png"`` or ``"svg"`` for an image's bytes.

    :raises TypeError: ``image`` is not bytes.
    :raises CorruptImageError: a PNG whose signature is cut short or damaged.
    :raises UnsupportedFormatError: anything else, naming what it seems to be (an SVG in
        UTF-16 or UTF-32 is named with its encoding).
    """
    if not isinstance(image, bytes | bytearray | memoryview):
        msg = f"image must be bytes, not {type(image).__name__}"
        raise TypeError(msg)
    # Editors put long comments and metadata before <svg>; look well past them.
    data = bytes(image[:_SNIFF_WINDOW])
    if not data:
        msg = "the file is empty"
        raise UnsupportedFormatError(msg)
    if data.startswith(_PNG_SIGNATURE):
        return "png"
    _damaged_png(data)
    text = data.removeprefix(b"\xef\xbb\xbf")
    if _XML_START.match(text) and _SVG_TAG.search(data):
        return "svg"
    for magic, offset, what in _OTHER_FORMATS:
        if data[offset : offset + len(magic)] == magic:
            msg = f"this is {what}; Open Badges can be baked only into PNG or SVG"
            raise UnsupportedFormatError(msg)
    _wide_xml(data)
    if _XML_START.match(text):
        msg = "this is an XML file but not an SVG image (no <svg> element)"
        raise UnsupportedFormatError(msg)
    if text.lstrip()[:1] == b"{":
        msg = "this is JSON text, not an image (a credential file? use it directly with verify)"
        raise UnsupportedFormatError(msg)
    msg = "unrecognised file: neither a PNG nor an SVG image"
    raise UnsupportedFormatError(msg)


def _damaged_png(data: bytes) -> None:
    """Refuse a PNG whose 8-byte signature is cut short or mangled (PNG spec §12.12: the
    signature is built to show a file that went through a text-mode transfer)."""
    if _PNG_SIGNATURE.startswith(data):
        msg = f"PNG is truncated: the file ends after {len(data)} bytes, inside the signature"
        raise CorruptImageError(msg)
    if data.startswith(b"\x89PNG"):
        msg = (
            "PNG is corrupt: its signature is damaged (line endings converted? the file may "
            "have been copied as text)"
        )
        raise CorruptImageError(msg)


def _wide_xml(data: bytes) -> None:
    """Refuse XML (an SVG, most likely) encoded as UTF-16 or UTF-32, saying so."""
    for magic, codec in _WIDE_XML:
        if data.startswith(magic):
            text = data[: len(data) // 4 * 4].decode(codec, "replace").lstrip("\ufeff \t\r\n")
            if text.startswith("<"):
                what = "SVG image" if _SVG_TAG.search(text.encode("utf-8")) else "XML file"
                msg = (
                    f"this {what} is encoded as {codec[:6].upper()}; badgekit needs UTF-8 SVG "
                    "(re-save it as UTF-8)"
                )
                raise UnsupportedFormatError(msg)
            return
