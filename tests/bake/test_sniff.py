"""Format sniffing: PNG and SVG by their bytes; anything else named and refused."""

from __future__ import annotations

import io
import random

import pngchunks
import pytest
from PIL import Image

import badgekit
from badgekit.errors import CorruptImageError, UnsupportedFormatError


def _pillow(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buf, fmt)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (_pillow("JPEG"), "JPEG"),
        (_pillow("GIF"), "GIF"),
        (_pillow("WEBP"), "WebP"),
        (_pillow("BMP"), "BMP"),
        (_pillow("TIFF"), "TIFF"),
        (b"%PDF-1.7\n", "PDF"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b'{"@context": []}', "JSON"),
        (random.Random(7).randbytes(300), "neither a PNG nor an SVG"),
        (b"", "empty"),
        (b'<?xml version="1.0"?><html><body/></html>', "not an SVG"),
        (b"<note><to>x</to></note>", "not an SVG"),
        (b"plain text", "neither a PNG nor an SVG"),
    ],
)
def test_other_formats_are_named(data: bytes, named: str) -> None:
    for call in (badgekit.sniff, badgekit.unbake, badgekit.inspect):
        with pytest.raises(UnsupportedFormatError, match=named):
            call(data)
    with pytest.raises(UnsupportedFormatError, match=named):
        badgekit.bake(data, "a.b.c")


@pytest.mark.parametrize(
    "data",
    [
        b"<svg/>",
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
        b"  \n<!-- a comment -->\n<svg:svg xmlns:svg='http://www.w3.org/2000/svg'/>",
        b"<!--" + b"x" * 10_000 + b"-->\n<svg/>",  # long editor header
    ],
)
def test_svg_sniffed(data: bytes) -> None:
    assert badgekit.sniff(data) == "svg"


def test_png_sniffed_from_bytes_not_name() -> None:
    assert badgekit.sniff(pngchunks.tiny_png()) == "png"
    assert badgekit.sniff(bytearray(pngchunks.tiny_png())) == "png"
    assert badgekit.sniff(memoryview(pngchunks.tiny_png())) == "png"


def test_wrong_type_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="image must be bytes"):
        badgekit.sniff("badge.png")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]
)
def test_wide_encoded_svg_is_named_with_its_encoding(encoding: str) -> None:
    svg = '<?xml version="1.0" encoding="UTF-16"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'
    for call in (badgekit.sniff, badgekit.unbake, badgekit.inspect):
        with pytest.raises(
            UnsupportedFormatError, match=f"SVG image is encoded as {encoding[:6].upper()}.*UTF-8"
        ):
            call(svg.encode(encoding))
    with pytest.raises(UnsupportedFormatError, match="XML file is encoded as"):
        badgekit.sniff("<note/>".encode(encoding))


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"\x89PN", "truncated: the file ends after 3 bytes, inside the signature"),
        (b"\x89PNG\n\x1a\n" + b"\0" * 30, "signature is damaged"),  # CRLF became LF
        (b"\x89PNG\r\r\n\x1a\r\n" + b"\0" * 30, "signature is damaged"),  # LF became CRLF
    ],
)
def test_damaged_png_signature_is_corrupt_not_unknown(data: bytes, named: str) -> None:
    for call in (badgekit.sniff, badgekit.unbake, badgekit.inspect):
        with pytest.raises(CorruptImageError, match=named):
            call(data)
