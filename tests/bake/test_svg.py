"""SVG baking: structure checked with ElementTree, SVGs as other tools write them."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import badgekit
from badgekit.errors import AlreadyBakedError, NotBakedError

DATA = Path(__file__).resolve().parent.parent / "data" / "bake"
OB3_NS = "https://purl.imsglobal.org/ob/v3p0"
OB3 = f"{{{OB3_NS}}}credential"
OB2 = "{http://openbadges.org}assertion"
SVG_NS = "http://www.w3.org/2000/svg"
CREDENTIAL = '{"type": ["VerifiableCredential", "OpenBadgeCredential"], "name": "Café ✓ ]]> <&>"}'
JWS = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"

OTHER_TOOLS = {
    "inkscape": (DATA / "inkscape.svg").read_bytes(),
    "prefixed svg:svg": (DATA / "prefixed.svg").read_bytes(),
    "BOM and CRLF": (DATA / "bom-crlf.svg").read_bytes(),
    "openbadges prefix bound to OB 2.0": (DATA / "ob2-prefix.svg").read_bytes(),
    "self-closing": b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>',
    "self-closing prefixed": b'<s:svg xmlns:s="http://www.w3.org/2000/svg" width="8" />',
    "no namespace": b"<svg width='8' height='8'><g/></svg>",
    "attribute with >": b'<svg xmlns="http://www.w3.org/2000/svg" data-x="a>b" >\n<g/></svg>',
    "ascii declared": b'<?xml version="1.0" encoding="US-ASCII"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
    "sample": (
        Path(__file__).resolve().parents[2] / "badgekit" / "_data" / "sample-badge.svg"
    ).read_bytes(),
}


def _parse(data: bytes) -> ET.Element:
    """Parse keeping comments and processing instructions (an independent parser)."""
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True, insert_pis=True))
    parser.feed(data)
    return parser.close()


def _without_credentials(root: ET.Element) -> ET.Element:
    """A copy of ``root`` with every OB 3.0 credential element removed (tails re-attached)."""
    root = copy.deepcopy(root)
    for parent in root.iter():
        for i, child in reversed(list(enumerate(parent))):
            if child.tag == OB3:
                tail = child.tail or ""
                if i:
                    parent[i - 1].tail = (parent[i - 1].tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
                parent.remove(child)
    for element in root.iter():  # ET reports "" and None alike for an empty text
        element.text = element.text or None
        element.tail = element.tail or None
    return root


def _same(a: ET.Element, b: ET.Element) -> None:
    assert (a.tag, a.attrib, a.text, a.tail) == (b.tag, b.attrib, b.text, b.tail)
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        _same(x, y)


@pytest.mark.parametrize("name", list(OTHER_TOOLS))
@pytest.mark.parametrize("payload", [CREDENTIAL, JWS])
def test_bake_svgs_from_other_tools(name: str, payload: str) -> None:
    original = OTHER_TOOLS[name]
    baked = badgekit.bake(original, payload)
    root = _parse(baked)
    assert root.tag in (f"{{{SVG_NS}}}svg", "svg")
    credential = root[0]
    assert credential.tag == OB3  # the first child of the root
    assert len(root.findall(f".//{OB3}")) == 1
    if payload == JWS:
        assert credential.get("verify") == JWS
        assert not credential.text
    else:
        assert "verify" not in credential.attrib
        assert credential.text == CREDENTIAL
    # Everything else is the same document.
    _same(_without_credentials(root), _without_credentials(_parse(original)))
    found = badgekit.unbake(baked)
    assert (found.payload, found.format, found.version) == (payload, "svg", "3.0")
    assert badgekit.inspect(baked).carriers == (found.carrier,)


def test_bake_edits_the_bytes_in_place() -> None:
    original = OTHER_TOOLS["inkscape"]
    baked = badgekit.bake(original, JWS)
    declaration = f' xmlns:openbadges="{OB3_NS}"'.encode()
    element = f'<openbadges:credential verify="{JWS}"></openbadges:credential>'.encode()
    assert baked.count(declaration) == 1
    assert baked.count(element) == 1
    # Only two insertions: the namespace on the root and the element right after its start tag.
    assert baked.replace(declaration, b"").replace(element, b"") == original
    assert baked.index(element) == baked.index(
        b'dc="http://purl.org/dc/elements/1.1/"' + declaration + b">"
    ) + len(b'dc="http://purl.org/dc/elements/1.1/"' + declaration + b">")


def test_bom_and_crlf_are_kept() -> None:
    baked = badgekit.bake(OTHER_TOOLS["BOM and CRLF"], JWS)
    assert baked.startswith(b"\xef\xbb\xbf<?xml")
    assert baked.count(b"\r\n") == OTHER_TOOLS["BOM and CRLF"].count(b"\r\n")


def test_namespace_declared_on_root() -> None:
    root_tag = badgekit.bake(OTHER_TOOLS["sample"], JWS).split(b">", 2)[1]
    assert f'xmlns:openbadges="{OB3_NS}"'.encode() in root_tag


def test_openbadges_prefix_bound_to_ob2_is_not_rebound() -> None:
    original = OTHER_TOOLS["openbadges prefix bound to OB 2.0"]
    baked = badgekit.bake(original, CREDENTIAL)
    root = _parse(baked)
    assert root[0].tag == OB3
    # The OB 2.0-namespace element elsewhere keeps its namespace.
    assert root.find(".//{http://openbadges.org}note") is not None
    assert root.find(f".//{{{OB3_NS}}}note") is None


def test_non_ascii_payload_in_an_ascii_document() -> None:
    baked = badgekit.bake(OTHER_TOOLS["ascii declared"], CREDENTIAL)
    assert baked.isascii()
    assert badgekit.unbake(baked).payload == CREDENTIAL
    assert _parse(baked)[0].text == CREDENTIAL
    baked = badgekit.bake(OTHER_TOOLS["ascii declared"], "a.b.é ☃")
    assert baked.isascii()
    assert _parse(baked)[0].get("verify") == "a.b.é ☃"


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "windows-1252", "iso-8859-15", "latin1"])
def test_single_byte_encoded_svg_is_baked_with_character_references(encoding: str) -> None:
    original = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg"><title>Café</title></svg>'
    ).encode(encoding)
    with pytest.raises(NotBakedError):
        badgekit.unbake(original)  # reading it is fine
    for payload in (CREDENTIAL, "a.b.é ☃"):
        baked = badgekit.bake(original, payload)
        assert baked.replace(b"\xe9", b"").isascii()  # only the document's own é is not ASCII
        assert badgekit.unbake(baked).payload == payload
        root = _parse(baked)
        assert (root[0].text or root[0].get("verify")) == payload
        assert root.find(f"{{{SVG_NS}}}title").text == "Café"  # type: ignore[union-attr]


def test_rebake_refused_then_replaced() -> None:
    baked = badgekit.bake(OTHER_TOOLS["inkscape"], CREDENTIAL)
    with pytest.raises(AlreadyBakedError, match="already carries badge data"):
        badgekit.bake(baked, JWS)
    rebaked = badgekit.bake(baked, JWS, replace=True)
    assert rebaked == badgekit.bake(OTHER_TOOLS["inkscape"], JWS)


def test_unbake_ob2_assertion_with_verify_url_and_cdata() -> None:
    # The hosted form: the JSON is the payload, the verify URL is kept beside it.
    data = (DATA / "ob2-baked.svg").read_bytes()
    found = badgekit.unbake(data)
    assert (found.version, found.kind, found.standard) == ("2.0", "json", "ob")
    assert found.payload.startswith('{"uid": "123"')
    assert found.hosted_url == "https://example.org/assertions/123.json"
    assert found.carrier.location == "<openbadges:assertion> CDATA"
    assert found.warnings == ()


def test_unbake_ob2_signed_self_closing_and_replace_it() -> None:
    data = (DATA / "ob2-signed.svg").read_bytes()
    found = badgekit.unbake(data)
    assert (found.version, found.kind) == ("2.0", "jws")
    with pytest.raises(AlreadyBakedError, match="assertion"):
        badgekit.bake(data, CREDENTIAL)
    baked = badgekit.bake(data, CREDENTIAL, replace=True)
    root = _parse(baked)
    assert root[0].tag == OB3
    assert root.find(f".//{OB2}") is None
    # The element after the self-closing assertion survives its removal.
    assert root[1].tag == f"{{{SVG_NS}}}rect"
    assert len(root) == 2


def test_unbake_ob2_json_in_cdata() -> None:
    data = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
        b'<openbadges:assertion>\n  <![CDATA[{"uid": "1"}]]>\n</openbadges:assertion></svg>'
    )
    found = badgekit.unbake(data)
    assert (found.payload, found.version, found.kind) == ('{"uid": "1"}', "2.0", "json")


def test_unbake_credential_anywhere_with_any_prefix() -> None:
    found = badgekit.unbake((DATA / "ob3-other-tool.svg").read_bytes())
    assert found.version == "3.0"
    assert found.payload.strip() == '{"type": ["VerifiableCredential", "OpenBadgeCredential"]}'
    assert found.kind == "json"


def test_unbake_json_without_cdata() -> None:
    data = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><c:credential xmlns:c="'
        + OB3_NS.encode()
        + b'">\n  {&quot;a&quot;: 1}\n</c:credential></svg>'
    )
    assert badgekit.unbake(data).payload == '{"a": 1}'


def test_two_credentials_read_the_first_and_warn() -> None:
    once = badgekit.bake(OTHER_TOOLS["sample"], "first.a.b")
    twice = once.replace(b"</svg>", b'<openbadges:credential verify="second.a.b"/></svg>')
    found = badgekit.unbake(twice)
    assert found.payload == "first.a.b"
    assert "2 <openbadges:credential> elements" in found.warnings[0]
    rebaked = badgekit.bake(twice, "third.a.b", replace=True)
    assert len(_parse(rebaked).findall(f".//{OB3}")) == 1
    assert badgekit.unbake(rebaked).warnings == ()


def test_ob3_wins_over_ob2_in_svg() -> None:
    data = (
        (DATA / "ob2-signed.svg")
        .read_bytes()
        .replace(
            b"<rect", b'<x:credential xmlns:x="' + OB3_NS.encode() + b'" verify="new.a.b"/><rect'
        )
    )
    found = badgekit.unbake(data)
    assert (found.payload, found.version) == ("new.a.b", "3.0")
    assert any("OB 2.0" in w for w in found.warnings)


def test_inspect_svg() -> None:
    info = badgekit.inspect(OTHER_TOOLS["inkscape"])
    assert (info.format, info.width, info.height) == ("svg", 120.0, 120.0)
    assert info.carriers == ()
    assert info.hint is not None
    assert "strip" in info.hint
    info = badgekit.inspect(OTHER_TOOLS["BOM and CRLF"])  # no width: from the viewBox
    assert (info.width, info.height) == (32.0, 32.0)
    info = badgekit.inspect(b'<svg width="100%" height="50%"/>')
    assert (info.width, info.height) == (None, None)


def test_empty_credential_element() -> None:
    data = b'<svg><o:credential xmlns:o="' + OB3_NS.encode() + b'">  </o:credential></svg>'
    with pytest.raises(badgekit.errors.NotBakedError, match="empty"):
        badgekit.unbake(data)
