"""CLR 2.0 carriers: ``iTXt clrcredential`` and ``<clr:credential>`` (ob3-spec.md §1.1-1.2), next
to the OB 3.0 and OB 2.0 ones, and hand-made malformed inputs."""

from __future__ import annotations

import base64
import json
import xml.etree.ElementTree as ET

import pngchunks
import pytest

import badgekit
from badgekit.bake import bake as bake_layer
from badgekit.errors import AlreadyBakedError, NotBakedError

CLR_NS = "https://purl.imsglobal.org/clr/v2p0"
CLR = f"{{{CLR_NS}}}credential"
OB3_NS = "https://purl.imsglobal.org/ob/v3p0"
OB3 = f"{{{OB3_NS}}}credential"
CLR_CREDENTIAL = json.dumps(
    {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:d98cf9f7-1106-4230-960c-7678b3d682ee",
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": "Transcript ✓ ]]> <&>",
    },
    ensure_ascii=False,
)
#: For hand-written SVGs, whose CDATA cannot hold ``]]>``.
CLR_PLAIN = '{"type": ["VerifiableCredential", "ClrCredential"], "name": "Transcript"}'
OB_CREDENTIAL = '{"type": ["VerifiableCredential", "OpenBadgeCredential"], "name": "Badge"}'
JWS = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
PNG = pngchunks.tiny_png()
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _jws(claims: dict[str, object]) -> str:
    return f"{_b64({'alg': 'EdDSA'})}.{_b64(claims)}.c2ln"


def _clr_chunks(png: bytes) -> list[bytes]:
    return [d for t, d in pngchunks.chunks(png) if d.startswith(b"clrcredential\0")]


def _svg(*elements: str) -> bytes:
    body = "".join(elements)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:clr="{CLR_NS}" '
        f'xmlns:openbadges="{OB3_NS}">{body}<rect/></svg>'
    ).encode()


# --- baking and reading back -------------------------------------------------------------


def test_png_clr_chunk_after_ihdr_read_by_an_independent_reader() -> None:
    baked = bake_layer(PNG, CLR_CREDENTIAL, standard="clr")
    found = pngchunks.chunks(baked)
    assert found[0][0] == b"IHDR"
    assert found[1][0] == b"iTXt"
    keyword, flag, method, language, translated, text = pngchunks.itxt_fields(found[1][1])
    assert (keyword, flag, method, language, translated) == (b"clrcredential", 0, 0, b"", b"")
    assert text.decode("utf-8") == CLR_CREDENTIAL
    assert not [d for _, d in found if d.startswith(b"openbadgecredential\0")]
    got = badgekit.unbake(baked)
    assert (got.payload, got.format, got.kind, got.warnings) == (CLR_CREDENTIAL, "png", "json", ())
    assert (got.standard, got.version, got.label) == ("clr", "2.0", "CLR 2.0")
    assert got.carrier.location == "iTXt clrcredential"
    assert got.hosted_url is None
    assert badgekit.inspect(baked).carriers == (got.carrier,)


@pytest.mark.parametrize(
    ("payload", "where"),
    [(CLR_CREDENTIAL, "<clr:credential> CDATA"), (JWS, "<clr:credential> verify attribute")],
)
def test_svg_clr_element_is_the_first_child(payload: str, where: str) -> None:
    plain = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
    baked = bake_layer(plain, payload, standard="clr")
    root = ET.fromstring(baked)
    assert root[0].tag == CLR
    assert (root[0].text or root[0].get("verify")) == payload
    assert b'xmlns:clr="https://purl.imsglobal.org/clr/v2p0"' in baked.split(b">", 1)[0]
    assert root.find(f".//{OB3}") is None
    got = badgekit.unbake(baked)
    assert (got.payload, got.label, got.carrier.location) == (payload, "CLR 2.0", where)


def test_svg_clr_prefix_bound_elsewhere_declares_its_own() -> None:
    image = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:clr="urn:other"><clr:x/></svg>'
    baked = bake_layer(image, CLR_CREDENTIAL, standard="clr")
    root = ET.fromstring(baked)
    assert root[0].tag == CLR
    assert root[1].tag == "{urn:other}x"  # the document's own prefix keeps its meaning
    assert badgekit.unbake(baked).standard == "clr"


def test_facade_chooses_clr_from_the_credential_type() -> None:
    for image in (PNG, SVG):
        assert badgekit.unbake(badgekit.bake(image, CLR_CREDENTIAL)).standard == "clr"
        assert badgekit.unbake(badgekit.bake(image, OB_CREDENTIAL)).standard == "ob"
        # Anything that is not a credential stays in the OB 3.0 carrier, as before.
        assert badgekit.unbake(badgekit.bake(image, "not a credential")).standard == "ob"
        assert badgekit.unbake(badgekit.bake(image, '{"broken')).standard == "ob"


def test_facade_reads_the_type_inside_a_jws() -> None:
    vc_jwt = _jws({"type": ["VerifiableCredential", "ClrCredential"], "iss": "did:x"})
    vc_claim = _jws({"vc": {"type": ["VerifiableCredential", "ClrCredential"]}, "iss": "did:x"})
    badge_jwt = _jws({"type": ["VerifiableCredential", "OpenBadgeCredential"]})
    assert badgekit.unbake(badgekit.bake(PNG, vc_jwt)).carrier.location == "iTXt clrcredential"
    assert badgekit.unbake(badgekit.bake(SVG, vc_claim)).label == "CLR 2.0"
    assert badgekit.unbake(badgekit.bake(PNG, badge_jwt)).label == "Open Badges 3.0"


def test_explicit_standard_wins_and_a_bad_one_is_refused() -> None:
    forced = badgekit.bake(PNG, CLR_CREDENTIAL, standard="ob")
    assert badgekit.unbake(forced).carrier.location == "iTXt openbadgecredential"
    with pytest.raises(ValueError, match=r"'ob'.*'clr'"):
        bake_layer(PNG, CLR_CREDENTIAL, standard="clr3")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"'ob'.*'clr'"):
        bake_layer(SVG, CLR_CREDENTIAL, standard="CLR")  # type: ignore[arg-type]


@pytest.mark.parametrize("image", [PNG, SVG])
def test_rebaking_refuses_then_replaces_any_standard(image: bytes) -> None:
    clr = bake_layer(image, CLR_CREDENTIAL, standard="clr")
    with pytest.raises(AlreadyBakedError, match="clr"):
        bake_layer(clr, OB_CREDENTIAL)
    ob = bake_layer(clr, OB_CREDENTIAL, replace=True)
    got = badgekit.unbake(ob)
    assert (got.payload, got.label, got.warnings) == (OB_CREDENTIAL, "Open Badges 3.0", ())
    assert [c.label for c in badgekit.inspect(ob).carriers] == ["Open Badges 3.0"]
    if image is PNG:  # chunks are copied byte for byte: no trace of the CLR carrier is left
        assert ob == bake_layer(image, OB_CREDENTIAL)
        assert bake_layer(ob, CLR_CREDENTIAL, replace=True, standard="clr") == clr
    else:  # the root keeps its xmlns:clr declaration, which binds nothing any more
        assert ET.fromstring(ob).find(f".//{CLR}") is None
        assert ET.fromstring(ob)[0].tag == OB3


# --- both standards in one image -----------------------------------------------------------


def test_png_with_ob3_and_clr_reads_ob3_warns_and_lists_both() -> None:
    image = pngchunks.assemble(
        *pngchunks.raw_chunks(PNG)[:1],
        pngchunks.itxt(b"clrcredential", CLR_CREDENTIAL.encode()),
        pngchunks.itxt(b"openbadgecredential", OB_CREDENTIAL.encode()),
        *pngchunks.raw_chunks(PNG)[1:],
    )
    got = badgekit.unbake(image)
    assert (got.payload, got.label) == (OB_CREDENTIAL, "Open Badges 3.0")
    assert got.warnings == ("a CLR 2.0 'clrcredential' chunk is also present and was ignored",)
    info = badgekit.inspect(image)
    assert [c.label for c in info.carriers] == ["CLR 2.0", "Open Badges 3.0"]  # file order
    assert info.warnings == got.warnings


def test_svg_with_ob3_and_clr_reads_ob3_warns_and_lists_both() -> None:
    image = _svg(
        f"<clr:credential><![CDATA[{CLR_PLAIN}]]></clr:credential>",
        f"<openbadges:credential><![CDATA[{OB_CREDENTIAL}]]></openbadges:credential>",
    )
    got = badgekit.unbake(image)
    assert (got.payload, got.label) == (OB_CREDENTIAL, "Open Badges 3.0")
    assert got.warnings == ("a CLR 2.0 <clr:credential> is also present and was ignored",)
    assert [c.label for c in badgekit.inspect(image).carriers] == ["CLR 2.0", "Open Badges 3.0"]


def test_clr_wins_over_a_legacy_ob2_carrier() -> None:
    png = pngchunks.assemble(
        *pngchunks.raw_chunks(PNG)[:1],
        pngchunks.itxt(b"openbadges", b'{"uid": "1"}'),
        pngchunks.itxt(b"clrcredential", CLR_CREDENTIAL.encode()),
        *pngchunks.raw_chunks(PNG)[1:],
    )
    got = badgekit.unbake(png)
    assert got.label == "CLR 2.0"
    assert got.warnings == ("a legacy OB 2.0 'openbadges' chunk is also present and was ignored",)
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob2="http://openbadges.org" '
        b'xmlns:c="' + CLR_NS.encode() + b'"><ob2:assertion verify="https://x.example/a"/>'
        b'<c:credential verify="' + JWS.encode() + b'"/></svg>'
    )
    got = badgekit.unbake(svg)
    assert (got.payload, got.label) == (JWS, "CLR 2.0")
    assert "legacy OB 2.0 <openbadges:assertion>" in got.warnings[0]


# --- hand-made malformed inputs ------------------------------------------------------------


def test_two_clrcredential_chunks_first_read_and_warned() -> None:
    image = pngchunks.assemble(
        *pngchunks.raw_chunks(PNG)[:1],
        pngchunks.itxt(b"clrcredential", b'{"n": 1}'),
        pngchunks.text_chunk(b"Comment", b"between"),
        pngchunks.itxt(b"clrcredential", b'{"n": 2}'),
        *pngchunks.raw_chunks(PNG)[1:],
    )
    got = badgekit.unbake(image)
    assert got.payload == '{"n": 1}'
    assert got.warnings == (
        "2 clrcredential chunks found; the spec allows one, the first was read",
    )
    assert len(badgekit.inspect(image).carriers) == 2
    with pytest.raises(AlreadyBakedError, match=r"iTXt clrcredential at byte \d+, iTXt clr"):
        bake_layer(image, CLR_CREDENTIAL, standard="clr")
    once = bake_layer(image, CLR_CREDENTIAL, standard="clr", replace=True)
    assert len(_clr_chunks(once)) == 1
    assert b"between" in once  # the unrelated chunk is kept


def test_two_clr_chunks_behind_an_ob3_one_are_counted_not_read() -> None:
    image = pngchunks.assemble(
        *pngchunks.raw_chunks(PNG)[:1],
        pngchunks.itxt(b"openbadgecredential", b'{"ob": 3}'),
        pngchunks.itxt(b"clrcredential", b'{"n": 1}'),
        pngchunks.itxt(b"clrcredential", b'{"n": 2}'),
        *pngchunks.raw_chunks(PNG)[1:],
    )
    got = badgekit.unbake(image)
    assert got.payload == '{"ob": 3}'
    assert got.warnings == (
        "2 clrcredential chunks found; the spec allows one",
        "a CLR 2.0 'clrcredential' chunk is also present and was ignored",
    )


def test_compressed_or_text_clr_chunk_is_read_and_warned() -> None:
    compressed = pngchunks.assemble(
        *pngchunks.raw_chunks(PNG)[:1],
        pngchunks.itxt(b"clrcredential", CLR_CREDENTIAL.encode(), compressed=True),
        *pngchunks.raw_chunks(PNG)[1:],
    )
    got = badgekit.unbake(compressed)
    assert got.payload == CLR_CREDENTIAL
    assert any("compressed" in w for w in got.warnings)
    text = pngchunks.assemble(
        *pngchunks.raw_chunks(PNG)[:1],
        pngchunks.text_chunk(b"clrcredential", b'{"n": 1}'),
        *pngchunks.raw_chunks(PNG)[1:],
    )
    got = badgekit.unbake(text)
    assert (got.payload, got.carrier.location) == ('{"n": 1}', "tEXt clrcredential")
    assert got.warnings == ("the clrcredential chunk is tEXt, not iTXt",)


def test_empty_clr_chunk_is_not_baked() -> None:
    image = pngchunks.assemble(
        *pngchunks.raw_chunks(PNG)[:1],
        pngchunks.itxt(b"clrcredential", b"  \n"),
        *pngchunks.raw_chunks(PNG)[1:],
    )
    with pytest.raises(NotBakedError, match="iTXt clrcredential chunk at byte 33 is empty"):
        badgekit.unbake(image)


@pytest.mark.parametrize(
    ("element", "where"),
    [
        ("<clr:credential/>", "<clr:credential> CDATA"),
        ("<clr:credential>\n  </clr:credential>", "<clr:credential> CDATA"),
        ("<clr:credential><![CDATA[]]></clr:credential>", "<clr:credential> CDATA"),
        ('<clr:credential verify=""/>', "<clr:credential> CDATA"),
        ('<clr:credential verify="  "><![CDATA[ ]]></clr:credential>', "<clr:credential> CDATA"),
    ],
)
def test_empty_clr_element_is_not_baked(element: str, where: str) -> None:
    with pytest.raises(NotBakedError, match=f"SVG {where} is empty"):
        badgekit.unbake(_svg(element))
    assert [c.label for c in badgekit.inspect(_svg(element)).carriers] == ["CLR 2.0"]


def test_clr_element_with_verify_jws_and_a_body_keeps_the_jws() -> None:
    image = _svg(f'<clr:credential verify="{JWS}"><![CDATA[{CLR_PLAIN}]]></clr:credential>')
    got = badgekit.unbake(image)
    assert (got.payload, got.kind, got.carrier.location) == (
        JWS,
        "jws",
        "<clr:credential> verify attribute",
    )
    assert got.hosted_url is None
    assert got.warnings == ("the <clr:credential> body was ignored: its verify attribute was read",)


def test_clr_element_with_a_junk_verify_and_json_body_reads_the_json() -> None:
    image = _svg(f'<clr:credential verify="nope"><![CDATA[{CLR_PLAIN}]]></clr:credential>')
    got = badgekit.unbake(image)
    assert (got.payload, got.carrier.location) == (CLR_PLAIN, "<clr:credential> CDATA")
    assert got.warnings == (
        "the <clr:credential> verify attribute is neither a JWS nor a URL and was ignored",
    )


def test_two_clr_elements_first_read_and_warned() -> None:
    image = _svg(
        f'<clr:credential verify="{JWS}"/>',
        "<clr:credential><![CDATA[{}]]></clr:credential>",
    )
    got = badgekit.unbake(image)
    assert got.payload == JWS
    assert got.warnings == (
        "2 <clr:credential> elements found; the spec allows one, the first was read",
    )
    rebaked = bake_layer(image, CLR_CREDENTIAL, replace=True, standard="clr")
    assert len(ET.fromstring(rebaked).findall(f".//{CLR}")) == 1


def test_clr_element_in_the_ob3_namespace_with_another_name_is_not_a_carrier() -> None:
    # Only QName(clr/v2p0, "credential") is CLR's carrier (the 1EdTech validator's rule).
    image = _svg(f"<clr:assertion><![CDATA[{CLR_PLAIN}]]></clr:assertion>")
    with pytest.raises(NotBakedError):
        badgekit.unbake(image)
