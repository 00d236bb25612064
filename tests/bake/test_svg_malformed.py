"""Hostile and broken SVGs: refused with a typed error, nothing expanded or fetched."""

from __future__ import annotations

import pytest

import badgekit
from badgekit.errors import (
    BakeError,
    CorruptImageError,
    UnsafeSvgError,
    UnsupportedFormatError,
)

SVG_OPEN = b'<svg xmlns="http://www.w3.org/2000/svg">'

XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
    + SVG_OPEN
    + b"<text>&xxe;</text></svg>"
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>\n"
    + SVG_OPEN
    + b"<text>&lol9;</text></svg>"
)
UNSAFE = {
    "XXE to /etc/passwd": XXE,
    "billion laughs": BILLION_LAUGHS,
    "internal entity": b'<!DOCTYPE svg [<!ENTITY n "badge">]>' + SVG_OPEN + b"&n;</svg>",
    "external DTD": (
        b'<!DOCTYPE svg SYSTEM "http://127.0.0.1:9/evil.dtd">\n' + SVG_OPEN + b"</svg>"
    ),
    "parameter entity": (
        b'<!DOCTYPE svg [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>'
        + SVG_OPEN
        + b"</svg>"
    ),
    "external entity in an attribute": (
        b'<!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg" id="&e;"/>'
    ),
}


@pytest.mark.parametrize("name", list(UNSAFE))
def test_doctype_and_entities_are_refused(name: str) -> None:
    data = UNSAFE[name]
    for call in (
        lambda: badgekit.bake(data, "a.b.c"),
        lambda: badgekit.unbake(data),
        lambda: badgekit.inspect(data),
    ):
        with pytest.raises(UnsafeSvgError, match="DOCTYPE") as info:
            call()
        message = str(info.value)
        assert "root:" not in message  # nothing from /etc/passwd
        assert "lollol" not in message  # nothing expanded
        assert "\n" not in message


W3C_DOCTYPE = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
    b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
)


def test_w3c_svg_doctype_as_illustrator_writes_it_is_accepted() -> None:
    data = W3C_DOCTYPE + SVG_OPEN + b"<g/></svg>"
    baked = badgekit.bake(data, '{"a": 1}')
    assert baked.startswith(W3C_DOCTYPE)
    assert badgekit.unbake(baked).payload == '{"a": 1}'


def test_entity_needing_the_unread_w3c_dtd_is_refused() -> None:
    data = W3C_DOCTYPE + SVG_OPEN + b"<text>&nbsp;</text></svg>"
    with pytest.raises(UnsafeSvgError, match="&nbsp;"):
        badgekit.unbake(data)


NOT_WELL_FORMED = {
    "unclosed root": SVG_OPEN + b"<g>",
    "mismatched tags": SVG_OPEN + b"<g></text></svg>",
    "unbound prefix": SVG_OPEN + b"<x:credential/></svg>",
    "undefined entity": SVG_OPEN + b"&nbsp;</svg>",
    "garbage after root": SVG_OPEN + b"</svg><svg/>",
    "bad attribute": b'<svg width=10 xmlns="http://www.w3.org/2000/svg"/>',
    "truncated": SVG_OPEN[:-5],
    "invalid UTF-8": SVG_OPEN + b"<title>\xff\xfe</title></svg>",
    "duplicate attribute": b'<svg xmlns="http://www.w3.org/2000/svg" a="1" a="2"/>',
}


@pytest.mark.parametrize("name", list(NOT_WELL_FORMED))
def test_not_well_formed(name: str) -> None:
    data = NOT_WELL_FORMED[name]
    for call in (lambda: badgekit.bake(data, "a.b.c"), lambda: badgekit.unbake(data)):
        with pytest.raises(CorruptImageError, match="not well-formed") as info:
            call()
        assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "data",
    [
        b'<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>',
        b'<svg xmlns="urn:not-svg"/>',
        b'<g xmlns="http://www.w3.org/2000/svg"><svg/></g>',
    ],
)
def test_root_not_svg(data: bytes) -> None:
    for call in (lambda: badgekit.bake(data, "a.b.c"), lambda: badgekit.unbake(data)):
        with pytest.raises(CorruptImageError, match="root element is"):
            call()


def test_xml_that_is_not_svg() -> None:
    data = b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"/>'
    with pytest.raises(UnsupportedFormatError, match="XML file but not an SVG"):
        badgekit.unbake(data)


def test_svg_with_no_credential_says_why() -> None:
    with pytest.raises(badgekit.errors.NotBakedError, match="no Open Badges credential") as info:
        badgekit.unbake(SVG_OPEN + b"</svg>")
    assert "strip" in str(info.value)


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\ufffe", "\uffff"])
def test_payload_an_svg_cannot_hold(char: str) -> None:
    with pytest.raises(BakeError, match=f"U\\+{ord(char):04X}"):
        badgekit.bake(SVG_OPEN + b"</svg>", "{" + char + "}")


def test_multibyte_non_utf8_encoding_is_refused_for_baking() -> None:
    data = (
        b'<?xml version="1.0" encoding="Shift_JIS"?>\n'
        + SVG_OPEN
        + "<title>バッジ</title></svg>".encode("shift_jis")
    )
    with pytest.raises(BakeError, match="encoded as shift_jis"):
        badgekit.bake(data, "a.b.c")


def test_oversized_payload_in_an_svg() -> None:
    limit = badgekit.MAX_PAYLOAD_BYTES
    with pytest.raises(badgekit.errors.PayloadTooLargeError, match=f"{limit:,}"):
        badgekit.bake(SVG_OPEN + b"</svg>", "{" + "x" * limit)
    data = (
        SVG_OPEN[:-1]
        + b' xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential><![CDATA[{'
        + b"x" * limit
        + b"]]></o:credential></svg>"
    )
    with pytest.raises(badgekit.errors.PayloadTooLargeError, match="limit"):
        badgekit.unbake(data)
