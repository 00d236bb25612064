"""Property tests: bake then unbake gives any payload back exactly (conventions §5.6)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pngchunks
from hypothesis import given, settings
from hypothesis import strategies as st

import badgekit

PNG = pngchunks.tiny_png()
SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n'
    b'  <rect width="10" height="10" fill="teal"/>\n</svg>\n'
)
OB3 = "{https://purl.imsglobal.org/ob/v3p0}credential"

# XML 1.0 §2.2 Char, plus the characters that need care in XML text and attributes.
_XML_CHARS = st.characters(
    codec="utf-8",
    exclude_categories=("Cs",),
    exclude_characters="".join(chr(c) for c in range(0x20) if c not in (9, 10, 13))
    + "\ufffe\uffff",
)
_TRICKY = st.sampled_from(["]]>", "\r", "\r\n", '"', "'", "&", "<", ">", "&amp;", "]]", "\t", " "])
xml_text = st.lists(st.one_of(_XML_CHARS, _TRICKY), max_size=40).map("".join)
any_text = st.text(st.characters(codec="utf-8"), max_size=60)


def _nonblank(s: str) -> bool:
    return bool(s.strip())


json_like = xml_text.map(lambda s: "{" + s)
_B64 = "[A-Za-z0-9_-]"
jws_like = st.from_regex(rf"{_B64}{{1,20}}\.{_B64}{{0,20}}\.{_B64}{{1,20}}", fullmatch=True)
other = xml_text.filter(_nonblank).filter(lambda s: not s.strip().startswith("{"))


def _png_carriers(png: bytes) -> list[bytes]:
    found = pngchunks.chunks(png)
    return [d for t, d in found if t == b"iTXt" and d.startswith(b"openbadgecredential\0")]


@settings(max_examples=150)
@given(payload=any_text.filter(_nonblank))
def test_png_round_trip_any_unicode(payload: str) -> None:
    baked = badgekit.bake(PNG, payload)
    found = badgekit.unbake(baked)
    assert found.payload == payload
    assert (found.version, found.format) == ("3.0", "png")
    assert len(_png_carriers(baked)) == 1


@settings(max_examples=60)
@given(first=any_text.filter(_nonblank), second=any_text.filter(_nonblank))
def test_png_rebake_with_replace_keeps_exactly_one(first: str, second: str) -> None:
    baked = badgekit.bake(badgekit.bake(PNG, first), second, replace=True)
    assert badgekit.unbake(baked).payload == second
    assert len(_png_carriers(baked)) == 1
    assert badgekit.bake(PNG, second) == baked  # replacing gives the same file as a fresh bake


@settings(max_examples=150)
@given(payload=json_like)
def test_svg_round_trip_json_in_cdata(payload: str) -> None:
    baked = badgekit.bake(SVG, payload)
    found = badgekit.unbake(baked)
    assert found.payload == payload
    assert found.carrier.location == "<openbadges:credential> CDATA"
    element = ET.fromstring(baked)[0]
    assert element.tag == OB3
    assert "verify" not in element.attrib
    assert b"<![CDATA[" in baked


@settings(max_examples=150)
@given(payload=st.one_of(jws_like, other))
def test_svg_round_trip_jws_and_other_in_verify(payload: str) -> None:
    baked = badgekit.bake(SVG, payload)
    found = badgekit.unbake(baked)
    assert found.payload == payload
    assert found.carrier.location == "<openbadges:credential> verify attribute"
    element = ET.fromstring(baked)[0]
    assert element.tag == OB3
    assert element.get("verify") == payload  # an independent parser reads the same value


@settings(max_examples=60)
@given(
    first=st.one_of(json_like, jws_like, other),
    second=st.one_of(json_like, jws_like, other),
)
def test_svg_rebake_with_replace_keeps_exactly_one(first: str, second: str) -> None:
    baked = badgekit.bake(badgekit.bake(SVG, first), second, replace=True)
    assert badgekit.unbake(baked).payload == second
    root = ET.fromstring(baked)
    assert len(root.findall(f".//{OB3}")) == 1
    assert root[0].tag == OB3
    assert len(re.findall(rb"<openbadges:credential[\s>]", baked)) == 1
    assert badgekit.bake(SVG, second) == baked


@settings(max_examples=60)
@given(payload=st.one_of(json_like, jws_like, other))
def test_svg_bake_is_idempotent_under_replace(payload: str) -> None:
    once = badgekit.bake(SVG, payload)
    assert badgekit.bake(once, payload, replace=True) == once


CLR = "{https://purl.imsglobal.org/clr/v2p0}credential"


@settings(max_examples=150)
@given(payload=any_text.filter(_nonblank))
def test_png_clr_round_trip_any_unicode(payload: str) -> None:
    baked = badgekit.bake(PNG, payload, standard="clr")
    found = badgekit.unbake(baked)
    assert found.payload == payload
    assert (found.label, found.carrier.location) == ("CLR 2.0", "iTXt clrcredential")
    clr = [d for t, d in pngchunks.chunks(baked) if d.startswith(b"clrcredential\0")]
    assert len(clr) == 1
    assert _png_carriers(baked) == []


@settings(max_examples=150)
@given(payload=st.one_of(json_like, jws_like, other))
def test_svg_clr_round_trip(payload: str) -> None:
    baked = badgekit.bake(SVG, payload, standard="clr")
    found = badgekit.unbake(baked)
    assert found.payload == payload
    assert found.label == "CLR 2.0"
    element = ET.fromstring(baked)[0]
    assert element.tag == CLR
    # An independent parser reads the same value, from the body or the verify attribute.
    assert (element.get("verify") if "verify" in element.attrib else element.text) == payload


@settings(max_examples=60)
@given(payload=st.one_of(json_like, jws_like, other), clr_first=st.booleans())
def test_svg_switching_standard_with_replace_keeps_exactly_one(
    payload: str, clr_first: bool
) -> None:
    first, second = ("clr", "ob") if clr_first else ("ob", "clr")
    baked = badgekit.bake(
        badgekit.bake(SVG, payload, standard=first), payload, replace=True, standard=second
    )
    found = badgekit.unbake(baked)
    assert (found.payload, found.standard, found.warnings) == (payload, second, ())
    root = ET.fromstring(baked)
    assert len(root.findall(f".//{OB3}")) + len(root.findall(f".//{CLR}")) == 1
