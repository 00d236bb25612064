"""Hand-built malformed PNGs (Pillow ``test_bad_itxt`` style): each gets a typed error."""

from __future__ import annotations

import struct
import tracemalloc
import zlib

import pngchunks
import pytest

import badgekit
from badgekit.bake import MAX_PAYLOAD_BYTES, png
from badgekit.errors import (
    BakeError,
    CorruptImageError,
    NotBakedError,
    PayloadTooLargeError,
)

GOOD = pngchunks.tiny_png()
IHDR, REST = pngchunks.split(GOOD)
IEND = REST[-1]
IDAT = b"".join(REST[:-1])


def _with(*extra: bytes) -> bytes:
    return pngchunks.assemble(IHDR, *extra, IDAT, IEND)


def _all_ops(image: bytes) -> list[tuple[str, object]]:
    return [
        ("bake", lambda: badgekit.bake(image, "a.b.c")),
        ("unbake", lambda: badgekit.unbake(image)),
        ("inspect", lambda: badgekit.inspect(image)),
    ]


CORRUPT = {
    "truncated in a chunk header": (GOOD[:-6], "truncated"),
    "truncated in the middle": (GOOD[: len(GOOD) // 2], "truncated"),
    "signature only": (pngchunks.SIGNATURE, "truncated"),
    "bad CRC": (
        pngchunks.assemble(pngchunks.chunk(b"IHDR", IHDR[8:-4], crc=1234), IDAT, IEND),
        "CRC mismatch in chunk IHDR",
    ),
    "bad CRC in IDAT": (
        pngchunks.assemble(IHDR, IDAT[:-1] + bytes([IDAT[-1] ^ 1]), IEND),
        "CRC mismatch in chunk IDAT",
    ),
    "length past the end of file": (
        pngchunks.assemble(IHDR, struct.pack(">I", 500) + b"IDAT" + b"x" * 20),
        "claims 500 bytes",
    ),
    "huge declared length": (
        pngchunks.assemble(IHDR, struct.pack(">I", 0xFFFFFFFF) + b"tEXt" + b"x" * 20, IEND),
        "invalid length",
    ),
    "missing IEND": (pngchunks.assemble(IHDR, IDAT), "no IEND"),
    "first chunk not IHDR": (pngchunks.assemble(IDAT, IHDR, IEND), "first chunk is IDAT"),
    "IHDR of the wrong size": (
        pngchunks.assemble(pngchunks.chunk(b"IHDR", b"\0" * 5), IDAT, IEND),
        "IHDR chunk is 5 bytes",
    ),
    "chunk type not letters": (
        pngchunks.assemble(IHDR, pngchunks.chunk(b"ab1\0", b""), IDAT, IEND),
        "invalid chunk type",
    ),
    "bad signature": (b"\x89PNG\r\n\x1a\x00" + GOOD[8:], None),
}


@pytest.mark.parametrize("name", list(CORRUPT))
def test_corrupt_png(name: str) -> None:
    image, match = CORRUPT[name]
    for _op, call in _all_ops(image):
        with pytest.raises(BakeError, match=match) as info:
            call()  # type: ignore[operator]
        if match is not None:
            assert isinstance(info.value, CorruptImageError)
        assert "\n" not in str(info.value)


def test_png_with_no_credential_says_why() -> None:
    with pytest.raises(NotBakedError, match="no Open Badges credential") as info:
        badgekit.unbake(GOOD)
    assert "screenshots" in str(info.value)
    assert "conversions" in str(info.value)


def test_empty_credential_chunk_is_not_a_credential() -> None:
    with pytest.raises(NotBakedError, match="empty"):
        badgekit.unbake(_with(pngchunks.itxt(b"openbadgecredential", b"")))


def test_oversized_payload_is_refused_by_a_named_limit() -> None:
    assert MAX_PAYLOAD_BYTES == badgekit.MAX_PAYLOAD_BYTES
    with pytest.raises(PayloadTooLargeError, match=f"{MAX_PAYLOAD_BYTES:,}"):
        badgekit.bake(GOOD, "x" * (MAX_PAYLOAD_BYTES + 1))
    # Counted in UTF-8 bytes, not characters.
    with pytest.raises(PayloadTooLargeError):
        badgekit.bake(GOOD, "é" * (MAX_PAYLOAD_BYTES // 2 + 1))
    assert badgekit.unbake(badgekit.bake(GOOD, "x" * MAX_PAYLOAD_BYTES)).payload.count("x") == (
        MAX_PAYLOAD_BYTES
    )


def test_oversized_uncompressed_chunk_is_refused_on_unbake() -> None:
    big = b"{" + b"x" * MAX_PAYLOAD_BYTES
    for carrier in (
        pngchunks.itxt(b"openbadgecredential", big),
        pngchunks.text_chunk(b"openbadges", big),
    ):
        with pytest.raises(PayloadTooLargeError, match="limit"):
            badgekit.unbake(_with(carrier))


def _bomb(size: int) -> bytes:
    z = zlib.compressobj(9)
    block = b"\0" * (1 << 20)
    out = [z.compress(block) for _ in range(size >> 20)]
    return b"".join(out) + z.flush()


BOMB = _bomb(256 << 20)  # 256 MiB of zeros in about 250 kB


@pytest.mark.parametrize("kind", ["iTXt", "zTXt"])
def test_zlib_bomb_is_refused_without_inflating_it(kind: str) -> None:
    if kind == "iTXt":
        carrier = pngchunks.chunk(b"iTXt", b"openbadgecredential\0\x01\0\0\0" + BOMB)
    else:
        carrier = pngchunks.chunk(b"zTXt", b"openbadges\0\0" + BOMB)
    image = _with(carrier)
    tracemalloc.start()
    try:
        with pytest.raises(PayloadTooLargeError, match="inflates past"):
            badgekit.unbake(image)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * png.MAX_INFLATED_BYTES  # far below the 256 MiB it would inflate to


def test_compressed_text_that_is_not_zlib() -> None:
    carrier = pngchunks.chunk(b"iTXt", b"openbadgecredential\0\x01\0\0\0not zlib")
    with pytest.raises(CorruptImageError, match="compressed text is corrupt"):
        badgekit.unbake(_with(carrier))


def test_truncated_zlib_stream() -> None:
    data = zlib.compress(b'{"a": 1}' * 100)[:-10]
    carrier = pngchunks.chunk(b"zTXt", b"openbadges\0\0" + data)
    with pytest.raises(CorruptImageError, match="truncated"):
        badgekit.unbake(_with(carrier))


@pytest.mark.parametrize(
    "data",
    [
        b"openbadgecredential",  # nothing after the keyword
        b"openbadgecredential\0",  # no compression flag or method
        b"openbadgecredential\0\0",  # no compression method
        b"openbadgecredential\0\0\0",  # no language tag terminator
        b"openbadgecredential\0\0\0en\0",  # no translated keyword terminator
        b"openbadgecredential\0\x02\0\0\0text",  # unknown compression flag
        b"openbadgecredential\0\0\x05\0\0text",  # unknown compression method
    ],
)
def test_malformed_itxt_header(data: bytes) -> None:
    image = _with(pngchunks.chunk(b"iTXt", data))
    with pytest.raises(CorruptImageError, match="iTXt header"):
        badgekit.unbake(image)
    # A broken carrier is replaced cleanly when asked to.
    assert badgekit.unbake(badgekit.bake(image, "a.b.c", replace=True)).payload == "a.b.c"


def test_ztxt_with_unknown_compression_method() -> None:
    carrier = pngchunks.chunk(b"zTXt", b"openbadges\0\x07" + zlib.compress(b"x"))
    with pytest.raises(CorruptImageError, match="compression method"):
        badgekit.unbake(_with(carrier))


def test_non_utf8_itxt() -> None:
    image = _with(pngchunks.itxt(b"openbadgecredential", b'{"name": "\xff\xfe"}'))
    with pytest.raises(CorruptImageError, match="not valid UTF-8"):
        badgekit.unbake(image)


def test_latin1_text_chunk_is_decoded_as_latin1() -> None:
    image = _with(pngchunks.text_chunk(b"openbadges", b"https://example.org/caf\xe9"))
    assert badgekit.unbake(image).payload == "https://example.org/café"


def test_payload_that_is_not_text() -> None:
    with pytest.raises(TypeError, match="payload must be str"):
        badgekit.bake(GOOD, b"bytes")  # type: ignore[arg-type]
    with pytest.raises(BakeError, match="surrogates"):
        badgekit.bake(GOOD, "\ud800")
    with pytest.raises(BakeError, match="empty"):
        badgekit.bake(GOOD, " \n")
