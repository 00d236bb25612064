"""A minimal PNG chunk reader and writer for tests, independent of ``badgekit.bake.png``.

Written from the PNG specification (§5.3 chunk layout, §11.3.3 text chunks), in the style of
Pillow's ``test_bad_itxt``: tests build files chunk by chunk.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunk(ctype: bytes, data: bytes, *, crc: int | None = None) -> bytes:
    """One chunk: length, type, data, CRC (a wrong ``crc`` may be forced)."""
    value = zlib.crc32(ctype + data) if crc is None else crc
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", value)


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """``[(type, data), ...]`` of a well-formed PNG, CRCs asserted."""
    assert png[:8] == SIGNATURE
    out = []
    pos = 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        ctype = png[pos + 4 : pos + 8]
        data = png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(ctype + data), ctype
        out.append((ctype, data))
        pos += 12 + length
        if ctype == b"IEND":
            break
    return out


def raw_chunks(png: bytes) -> list[bytes]:
    """Every chunk's exact bytes (length + type + data + CRC)."""
    return [chunk(t, d) for t, d in chunks(png)]


def itxt(keyword: bytes, text: bytes, *, compressed: bool = False) -> bytes:
    """An ``iTXt`` chunk with empty language tag and translated keyword."""
    body = zlib.compress(text) if compressed else text
    return chunk(b"iTXt", keyword + b"\0" + bytes([int(compressed), 0]) + b"\0\0" + body)


def itxt_fields(data: bytes) -> tuple[bytes, int, int, bytes, bytes, bytes]:
    """``(keyword, flag, method, language, translated, text)`` of iTXt chunk data."""
    keyword, rest = data.split(b"\0", 1)
    language, translated, text = rest[2:].split(b"\0", 2)
    return keyword, rest[0], rest[1], language, translated, text


def text_chunk(keyword: bytes, text: bytes) -> bytes:
    return chunk(b"tEXt", keyword + b"\0" + text)


def ztxt_chunk(keyword: bytes, text: bytes) -> bytes:
    return chunk(b"zTXt", keyword + b"\0\0" + zlib.compress(text))


def tiny_png(width: int = 3, height: int = 2, mode: str = "RGB") -> bytes:
    """A small PNG written by Pillow, with varied pixels."""
    im = Image.new(mode, (width, height))
    im.putdata([(x * 40 % 256, x * 90 % 256, x * 13 % 256) for x in range(width * height)])
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def assemble(*parts: bytes) -> bytes:
    """Signature followed by the given chunks (and anything else)."""
    return SIGNATURE + b"".join(parts)


def split(png: bytes) -> tuple[bytes, list[bytes]]:
    """(IHDR chunk, the other chunks) of a well-formed PNG, as raw bytes."""
    raws = raw_chunks(png)
    return raws[0], raws[1:]
