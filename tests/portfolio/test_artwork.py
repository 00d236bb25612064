"""Badge artwork for display: SVG through an allow-list, then a fresh PNG with pixels only."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from portfolio_support import EVIL_SVG, artwork

import badgekit
from badgekit.portfolio import display_png, sanitize_svg

SVG = "http://www.w3.org/2000/svg"


def _chunks(png: bytes) -> list[bytes]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    out, pos = [], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        data = png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + data)
        out.append(kind)
        pos += 12 + length
    return out


def test_evil_svg_keeps_its_drawing_and_loses_everything_else() -> None:
    clean = sanitize_svg(EVIL_SVG)
    assert clean is not None
    root = ET.fromstring(clean)
    tags = [el.tag.split("}")[1] for el in root.iter()]
    assert tags == ["svg", "circle", "image", "rect"]  # <a> unwrapped, the rest dropped
    text = clean.decode()
    for banned in ("script", "onload", "onclick", "foreignObject", "evil.example", "@import",
                   "javascript", "alert", "style"):  # fmt: skip
        assert banned not in text, banned
    image = root.find(f"{{{SVG}}}image")
    assert image is not None
    assert not any(k.endswith("href") for k in image.attrib)


def test_baked_credential_is_not_in_the_displayed_image() -> None:
    composed = badgekit.compose("shield", {"title": "Art"}, palette="royal").svg
    baked = badgekit.bake(composed, '{"secret": "credential-payload"}')
    clean = sanitize_svg(baked)
    assert clean is not None
    assert b"credential-payload" not in clean
    assert b"openbadges" not in clean
    png = display_png(baked)
    assert png is not None
    assert _chunks(png) == [b"IHDR", b"IDAT", b"IEND"]


def test_baked_png_is_redrawn_without_its_chunks() -> None:
    png = artwork("hexagon", "X", "mint")
    baked = badgekit.bake(png, '{"secret": "credential-payload"}')
    shown = display_png(baked, size=64)
    assert shown is not None
    assert b"credential-payload" not in shown
    assert _chunks(shown) == [b"IHDR", b"IDAT", b"IEND"]
    assert struct.unpack(">II", shown[16:24]) == (64, 64)


@pytest.mark.parametrize(
    "svg",
    [
        b'<!DOCTYPE svg [<!ENTITY x "boom">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        b'<!DOCTYPE svg SYSTEM "https://evil.example/x.dtd"><svg xmlns="http://www.w3.org/2000/svg">'
        b"&ext;</svg>",
        b"<html><body/></html>",
        b"<svg><rect/></svg>",  # no SVG namespace
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>',
        b"",
    ],
)
def test_unsafe_or_broken_svg_is_not_drawn(svg: bytes) -> None:
    assert sanitize_svg(svg) is None
    assert display_png(svg) is None


def test_fragment_and_data_references_are_kept() -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="red"/>'
        b'</linearGradient></defs><rect width="10" height="10" fill="url(#g)" '
        b'style="fill:url(https://evil.example/x)"/><use xlink:href="#g"/>'
        b'<image xlink:href="data:image/png;base64,AAAA"/><image href="data:text/html,x"/>'
        b'<text xml:space="preserve">a &lt; b</text></svg>'
    )
    clean = sanitize_svg(svg)
    assert clean is not None
    text = clean.decode()
    assert 'fill="url(#g)"' in text
    assert 'xlink:href="#g"' in text
    assert 'xlink:href="data:image/png;base64,AAAA"' in text
    assert "data:text/html" not in text
    assert "evil.example" not in text
    assert "a &lt; b" in text
    assert 'xml:space="preserve"' in text


def test_hostile_png_header_is_not_drawn() -> None:
    png = artwork("hexagon", "X", "mint")
    huge = png[:16] + struct.pack(">II", 100_000, 100_000) + png[24:]
    assert display_png(huge) is None
    assert display_png(b"\x89PNG\r\n\x1a\nnot really") is None


_NAMES = st.sampled_from(["onload", "onClick", "href", "style", "fill", "begin", "ONerror"])


@given(name=_NAMES, value=st.text(max_size=40), body=st.text(max_size=40))
def test_sanitised_output_is_well_formed_and_inert(name: str, value: str, body: str) -> None:
    from html import escape

    svg = (
        f'<svg xmlns="{SVG}"><rect {name}="{escape(value, quote=True)}"/>'
        f"<text>{escape(body, quote=False)}</text><script>{escape(body)}</script></svg>"
    )
    try:
        ET.fromstring(svg)
    except ET.ParseError:
        return  # text XML cannot hold (control characters): not an SVG at all
    clean = sanitize_svg(svg.encode())
    assert clean is not None
    root = ET.fromstring(clean)
    for el in root.iter():
        assert el.tag.split("}")[1] in ("svg", "rect", "text")
        for key, val in el.attrib.items():
            assert not key.lower().startswith("on")
            if key.endswith("href"):
                assert val.startswith("#") or val.startswith("data:image/")
    text = root.find(f"{{{SVG}}}text")
    assert text is not None
    assert (text.text or "") == body.replace("\r\n", "\n").replace("\r", "\n")
