"""PNG baking: chunk layout, byte-for-byte preservation, and interop with Pillow."""

from __future__ import annotations

import io
import zlib

import pngchunks
import pytest
from PIL import Image, PngImagePlugin

import badgekit
from badgekit.errors import AlreadyBakedError

CREDENTIAL = '{"type": ["VerifiableCredential", "OpenBadgeCredential"], "name": "Ünïcödé ✓"}'
JWS = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"


def _pillow_png(**text: str) -> bytes:
    """A PNG written by Pillow with extra ancillary chunks and the given iTXt entries."""
    im = Image.new("RGBA", (5, 4), (10, 20, 30, 128))
    im.putpixel((1, 2), (250, 0, 3, 255))
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "pillow test")
    info.add_text("Comment", "a compressed comment " * 20, zip=True)
    for key, value in text.items():
        info.add_itxt(key, value)
    buf = io.BytesIO()
    im.save(buf, "PNG", pnginfo=info, dpi=(72, 72), gamma=0.45455)
    return buf.getvalue()


def _pixels(png: bytes) -> tuple[str, tuple[int, int], bytes]:
    with Image.open(io.BytesIO(png)) as im:
        return im.mode, im.size, im.tobytes()


@pytest.mark.parametrize("payload", [CREDENTIAL, JWS])
def test_pillow_reads_the_baked_itxt(payload: str, sample_png: bytes) -> None:
    baked = badgekit.bake(sample_png, payload)
    with Image.open(io.BytesIO(baked)) as im:
        im.load()
        assert im.text["openbadgecredential"] == payload
        assert isinstance(im.text["openbadgecredential"], PngImagePlugin.iTXt)


def test_itxt_is_uncompressed_and_right_after_ihdr(sample_png: bytes) -> None:
    baked = badgekit.bake(sample_png, CREDENTIAL)
    found = pngchunks.chunks(baked)
    assert [t for t, _ in found[:2]] == [b"IHDR", b"iTXt"]
    keyword, flag, method, language, translated, text = pngchunks.itxt_fields(found[1][1])
    assert (keyword, flag, method, language, translated) == (b"openbadgecredential", 0, 0, b"", b"")
    assert text == CREDENTIAL.encode("utf-8")
    assert sum(1 for t, _ in found if t == b"iTXt") == 1


def test_every_other_chunk_is_kept_byte_for_byte_and_pixels_untouched(sample_png: bytes) -> None:
    for original in (sample_png, _pillow_png(Title="keep me")):
        baked = badgekit.bake(original, JWS)
        ihdr, rest = pngchunks.split(original)
        baked_ihdr, baked_rest = pngchunks.split(baked)
        assert baked_ihdr == ihdr
        assert baked_rest[0][4:8] == b"iTXt"
        assert baked_rest[1:] == rest  # same chunks, same order, same bytes
        assert baked == original[:33] + baked_rest[0] + original[33:]
        assert _pixels(baked) == _pixels(original)


def test_bytes_after_iend_are_kept() -> None:
    original = pngchunks.tiny_png() + b"trailing data"
    baked = badgekit.bake(original, JWS)
    assert baked.endswith(b"IEND\xaeB`\x82trailing data")


def test_unbake_an_itxt_that_pillow_wrote() -> None:
    found = badgekit.unbake(_pillow_png(openbadgecredential=CREDENTIAL))
    assert (found.payload, found.version, found.kind) == (CREDENTIAL, "3.0", "json")
    assert found.carrier.location == "iTXt openbadgecredential"
    assert found.warnings == ()


def test_unbake_a_compressed_itxt_that_pillow_wrote_leniently() -> None:
    im = Image.new("RGB", (2, 2))
    info = PngImagePlugin.PngInfo()
    info.add_itxt("openbadgecredential", CREDENTIAL * 3, zip=True)
    buf = io.BytesIO()
    im.save(buf, "PNG", pnginfo=info)
    data = next(d for t, d in pngchunks.chunks(buf.getvalue()) if t == b"iTXt")
    assert pngchunks.itxt_fields(data)[1] == 1  # really compressed
    found = badgekit.unbake(buf.getvalue())
    assert found.payload == CREDENTIAL * 3
    assert any("compressed" in w for w in found.warnings)


def test_unbake_ob2_itxt_written_by_pillow() -> None:
    found = badgekit.unbake(_pillow_png(openbadges=JWS))
    assert (found.payload, found.version, found.kind) == (JWS, "2.0", "jws")
    assert found.carrier.location == "iTXt openbadges"


def test_unbake_pre_1_0_text_url() -> None:
    ihdr, rest = pngchunks.split(pngchunks.tiny_png())
    png = pngchunks.assemble(
        ihdr, pngchunks.text_chunk(b"openbadges", b"https://example.org/a.json"), *rest
    )
    found = badgekit.unbake(png)
    assert (found.payload, found.version, found.kind) == (
        "https://example.org/a.json",
        "2.0",
        "url",
    )
    assert found.carrier.location == "tEXt openbadges"


def test_unbake_ztxt() -> None:
    ihdr, rest = pngchunks.split(pngchunks.tiny_png())
    png = pngchunks.assemble(
        ihdr, *rest[:-1], pngchunks.ztxt_chunk(b"openbadges", b"https://e.org/b"), rest[-1]
    )
    found = badgekit.unbake(png)
    assert (found.payload, found.version) == ("https://e.org/b", "2.0")
    assert found.carrier.location == "zTXt openbadges"


def test_ob3_wins_over_ob2_and_says_so() -> None:
    ihdr, rest = pngchunks.split(pngchunks.tiny_png())
    png = pngchunks.assemble(
        ihdr,
        pngchunks.itxt(b"openbadges", b'{"old": true}'),
        pngchunks.itxt(b"openbadgecredential", CREDENTIAL.encode()),
        *rest,
    )
    found = badgekit.unbake(png)
    assert (found.payload, found.version) == (CREDENTIAL, "3.0")
    assert any("OB 2.0" in w for w in found.warnings)


def test_two_credential_chunks_read_the_first_and_warn() -> None:
    ihdr, rest = pngchunks.split(pngchunks.tiny_png())
    png = pngchunks.assemble(
        ihdr,
        pngchunks.itxt(b"openbadgecredential", b"first.jws.x"),
        *rest[:-1],
        pngchunks.itxt(b"openbadgecredential", b"second.jws.y"),
        rest[-1],
    )
    found = badgekit.unbake(png)
    assert found.payload == "first.jws.x"
    assert found.warnings
    assert "2 openbadgecredential chunks" in found.warnings[0]
    info = badgekit.inspect(png)
    assert len(info.carriers) == 2
    with pytest.raises(AlreadyBakedError, match="already carries"):
        badgekit.bake(png, JWS)
    rebaked = badgekit.bake(png, JWS, replace=True)
    carriers = [d for t, d in pngchunks.chunks(rebaked) if d.startswith(b"openbadge")]
    assert len(carriers) == 1
    assert badgekit.unbake(rebaked).payload == JWS
    assert badgekit.unbake(rebaked).warnings == ()


def test_replace_removes_legacy_carriers_too() -> None:
    ihdr, rest = pngchunks.split(pngchunks.tiny_png())
    png = pngchunks.assemble(
        ihdr, *rest[:-1], pngchunks.text_chunk(b"openbadges", b"https://x/y"), rest[-1]
    )
    with pytest.raises(AlreadyBakedError, match="tEXt openbadges"):
        badgekit.bake(png, JWS)
    baked = badgekit.bake(png, JWS, replace=True)
    assert pngchunks.raw_chunks(baked)[2:] == rest
    assert badgekit.inspect(baked).carriers[0].version == "3.0"
    assert len(badgekit.inspect(baked).carriers) == 1


def test_unrelated_text_chunks_are_never_decoded() -> None:
    # A broken zTXt under another keyword is someone else's business: kept, not inflated.
    ihdr, rest = pngchunks.split(pngchunks.tiny_png())
    junk = pngchunks.chunk(b"zTXt", b"Comment\0\0not zlib at all")
    png = pngchunks.assemble(ihdr, junk, *rest)
    baked = badgekit.bake(png, JWS)
    assert junk in baked
    assert badgekit.unbake(baked).payload == JWS


def test_inspect_png(sample_png: bytes) -> None:
    info = badgekit.inspect(sample_png)
    with Image.open(io.BytesIO(sample_png)) as im:
        assert (info.width, info.height) == im.size
    assert (info.format, info.size, info.carriers) == ("png", len(sample_png), ())
    assert info.hint is not None
    assert "screenshots" in info.hint
    assert info.details["chunks"].startswith("IHDR")
    baked = badgekit.inspect(badgekit.bake(sample_png, CREDENTIAL))
    assert baked.hint is None
    (carrier,) = baked.carriers
    assert (carrier.version, carrier.kind, carrier.size) == (
        "3.0",
        "json",
        len(CREDENTIAL.encode()),
    )


def test_crc_of_the_new_chunk(sample_png: bytes) -> None:
    baked = badgekit.bake(sample_png, JWS)
    length = int.from_bytes(baked[33:37], "big")
    body = baked[37 : 41 + length]
    assert int.from_bytes(baked[41 + length : 45 + length], "big") == zlib.crc32(body)


def _apng_with_every_kind_of_chunk() -> bytes:
    """An animated PNG written by Pillow (acTL/fcTL/fdAT, iCCP, pHYs, eXIf, zTXt), plus tIME,
    sBIT and a private chunk added by hand, and bytes after IEND, as other tools leave them."""
    frames = [Image.new("RGB", (6, 5), colour) for colour in ("red", "green", "blue")]
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "zipped " * 30, zip=True)
    exif = Image.Exif()
    exif[0x013B] = "Artist"
    buf = io.BytesIO()
    frames[0].save(
        buf,
        "PNG",
        save_all=True,
        append_images=frames[1:],
        duration=100,
        loop=0,
        pnginfo=info,
        dpi=(144, 144),
        exif=exif,
        icc_profile=b"\0" * 128,
    )
    png = buf.getvalue()
    extra = (
        pngchunks.chunk(b"tIME", bytes([7, 232, 1, 2, 3, 4, 5]))
        + pngchunks.chunk(b"sBIT", b"\x08\x08\x08")
        + pngchunks.chunk(b"prVt", b"private ancillary data")
    )
    return png[:33] + extra + png[33:] + b"trailing junk"


def test_apng_and_ancillary_chunks_from_other_tools_survive_baking() -> None:
    png = _apng_with_every_kind_of_chunk()
    before = pngchunks.chunks(png)
    kinds = {ctype for ctype, _ in before}
    assert {b"acTL", b"fcTL", b"fdAT", b"iCCP", b"pHYs", b"eXIf", b"zTXt", b"tIME"} <= kinds
    baked = badgekit.bake(png, CREDENTIAL)
    after = pngchunks.chunks(baked)
    assert after[1] == (b"iTXt", b"openbadgecredential\0\0\0\0\0" + CREDENTIAL.encode())
    assert [after[0], *after[2:]] == before  # every other chunk, in order, byte for byte
    assert baked.endswith(b"trailing junk")
    with Image.open(io.BytesIO(png)) as a, Image.open(io.BytesIO(baked)) as b:
        assert b.n_frames == a.n_frames == 3
        for i in range(3):
            a.seek(i)
            b.seek(i)
            assert a.convert("RGB").tobytes() == b.convert("RGB").tobytes()
    info = badgekit.inspect(baked)
    assert info.details["animation"] == "APNG, 3 frames, looping"
    assert info.details["after IEND"].startswith("13 bytes")
    assert badgekit.unbake(baked).payload == CREDENTIAL
