"""PNG carrier: read and write the Open Badges ``iTXt`` chunk (not public API).

OB 3.0 (ob3-spec.md §1.1): one *uncompressed* ``iTXt`` chunk, keyword ``openbadgecredential``,
whose text is the credential JSON or a compact JWS.  We insert it right after ``IHDR`` (as the
OB 2.0 reference baker does) and copy every other chunk byte for byte: pixels are never decoded.

OB 2.0 and earlier (ob3-spec.md §1.3): ``iTXt`` keyword ``openbadges`` (JSON or JWS), or a
pre-1.0 ``tEXt`` chunk whose text is the hosted assertion URL.  Read only.

The parser follows Pillow's ``PngImagePlugin`` habits: CRCs checked, every length bounded by a
named limit, and compressed text inflated with a hard bound (no zlib bombs).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Literal

from ..errors import AlreadyBakedError, CorruptImageError, NotBakedError, PayloadTooLargeError
from ._types import (
    MAX_PAYLOAD_BYTES,
    NOT_BAKED_HINTS,
    Carrier,
    ImageInfo,
    Unbaked,
    check_payload,
    payload_kind,
)

__all__ = ["KEYWORD_OB2", "KEYWORD_OB3", "SIGNATURE", "bake", "inspect", "unbake"]

SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEYWORD_OB3 = b"openbadgecredential"  # OB 3.0 docformat.md "Baked Badge > PNG"
KEYWORD_OB2 = b"openbadges"  # OB 2.0 baking spec; also pre-1.0 tEXt URLs
_TEXT_CHUNKS = (b"iTXt", b"tEXt", b"zTXt")
#: PNG spec §5.3: a chunk length is at most 2**31 - 1.
_MAX_CHUNK_LENGTH = 2**31 - 1
#: Compressed text chunks are inflated to at most this many bytes (zlib bomb bound).
MAX_INFLATED_BYTES = MAX_PAYLOAD_BYTES


@dataclass(frozen=True)
class _Chunk:
    type: bytes
    data: bytes
    raw: bytes  # length + type + data + crc, exactly as in the file
    offset: int


def _chunks(image: bytes) -> list[_Chunk]:
    """Split a PNG into chunks, checking signature, lengths, CRCs, IHDR first and IEND last."""
    if not image.startswith(SIGNATURE):
        msg = "not a PNG file (bad signature)"
        raise CorruptImageError(msg)
    chunks: list[_Chunk] = []
    pos = len(SIGNATURE)
    end = len(image)
    while True:
        if pos + 8 > end:
            msg = f"PNG is truncated: file ends at byte {end} inside a chunk header (no IEND chunk)"
            raise CorruptImageError(msg)
        length, ctype = struct.unpack(">I4s", image[pos : pos + 8])
        name = ctype.decode("latin-1")
        if not ctype.isalpha():
            msg = f"PNG is corrupt: invalid chunk type {ctype!r} at byte {pos}"
            raise CorruptImageError(msg)
        if length > _MAX_CHUNK_LENGTH:
            msg = f"PNG is corrupt: chunk {name} at byte {pos} has an invalid length {length:,}"
            raise CorruptImageError(msg)
        stop = pos + 12 + length
        if stop > end:
            msg = (
                f"PNG is truncated: chunk {name} at byte {pos} claims {length:,} bytes "
                f"but only {max(end - pos - 12, 0):,} remain"
            )
            raise CorruptImageError(msg)
        data = image[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", image[stop - 4 : stop])
        if zlib.crc32(ctype + data) != crc:
            msg = f"PNG is corrupt: CRC mismatch in chunk {name} at byte {pos}"
            raise CorruptImageError(msg)
        if not chunks and ctype != b"IHDR":
            msg = f"PNG is corrupt: first chunk is {name}, not IHDR"
            raise CorruptImageError(msg)
        chunks.append(_Chunk(ctype, data, image[pos:stop], pos))
        pos = stop
        if ctype == b"IEND":
            return chunks


def _make_chunk(ctype: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data))


def _itxt(keyword: bytes, text: bytes) -> bytes:
    # iTXt: keyword 0 | compression flag 0 | method 0 | language "" 0 | translated "" 0 | text
    return _make_chunk(b"iTXt", keyword + b"\0\0\0\0\0" + text)


def _inflate(data: bytes, where: str) -> bytes:
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, MAX_INFLATED_BYTES + 1)
    except zlib.error as e:
        msg = f"PNG {where}: compressed text is corrupt ({e})"
        raise CorruptImageError(msg) from None
    if len(out) > MAX_INFLATED_BYTES or d.unconsumed_tail:
        msg = f"PNG {where}: compressed text inflates past the {MAX_INFLATED_BYTES:,}-byte limit"
        raise PayloadTooLargeError(msg)
    return out


def _text_of(chunk: _Chunk) -> tuple[bytes, str]:
    """Return ``(keyword, text)`` of a ``tEXt``, ``zTXt`` or ``iTXt`` chunk."""
    where = f"chunk {chunk.type.decode()} at byte {chunk.offset}"
    keyword, sep, rest = chunk.data.partition(b"\0")
    if not sep or not 1 <= len(keyword) <= 79:
        msg = f"PNG {where}: malformed keyword"
        raise CorruptImageError(msg)
    if chunk.type == b"tEXt":
        return keyword, rest.decode("latin-1")
    if chunk.type == b"zTXt":
        if rest[:1] != b"\0":
            msg = f"PNG {where}: unknown compression method"
            raise CorruptImageError(msg)
        return keyword, _inflate(rest[1:], where).decode("latin-1")
    # iTXt (PNG spec §11.3.4.5)
    if len(rest) < 2:
        msg = f"PNG {where}: truncated iTXt header"
        raise CorruptImageError(msg)
    flag, method = rest[0], rest[1]
    parts = rest[2:].split(b"\0", 2)
    if len(parts) != 3 or flag not in (0, 1) or method != 0:
        msg = f"PNG {where}: malformed iTXt header"
        raise CorruptImageError(msg)
    raw = _inflate(parts[2], where) if flag else parts[2]
    if len(raw) > MAX_PAYLOAD_BYTES:
        msg = f"PNG {where}: text is {len(raw):,} bytes, over the {MAX_PAYLOAD_BYTES:,}-byte limit"
        raise PayloadTooLargeError(msg)
    try:
        return keyword, raw.decode("utf-8")
    except UnicodeDecodeError:
        msg = f"PNG {where}: iTXt text is not valid UTF-8"
        raise CorruptImageError(msg) from None


def _is_carrier(chunk: _Chunk) -> bool:
    """Cheap test on the raw keyword, so that unrelated text chunks are never inflated."""
    return chunk.type in _TEXT_CHUNKS and chunk.data.split(b"\0", 1)[0] in (
        KEYWORD_OB3,
        KEYWORD_OB2,
    )


def _carriers(chunks: list[_Chunk]) -> list[tuple[Carrier, str]]:
    found: list[tuple[Carrier, str]] = []
    for chunk in chunks:
        if not _is_carrier(chunk):
            continue
        keyword, text = _text_of(chunk)
        version: Literal["3.0", "2.0"] = "3.0" if keyword == KEYWORD_OB3 else "2.0"
        location = f"{chunk.type.decode()} {keyword.decode()}"
        size = len(text.encode("utf-8"))
        found.append((Carrier(version, location, payload_kind(text), size), text))
    return found


def bake(image: bytes, payload: str, *, replace: bool = False) -> bytes:
    """Return ``image`` with ``payload`` in one ``iTXt openbadgecredential`` chunk after IHDR.

    :raises AlreadyBakedError: the image already carries badge data and ``replace`` is false.
    """
    text = check_payload(payload)
    chunks = _chunks(image)
    existing = [c for c in chunks if _is_carrier(c)]
    if existing and not replace:
        where = ", ".join(f"{c.type.decode()} at byte {c.offset}" for c in existing)
        msg = f"PNG already carries badge data ({where}); use replace/--force to overwrite it"
        raise AlreadyBakedError(msg)
    out = [SIGNATURE, chunks[0].raw, _itxt(KEYWORD_OB3, text)]
    out += [c.raw for c in chunks[1:] if not _is_carrier(c)]
    return b"".join(out)


def unbake(image: bytes) -> Unbaked:
    """Return the first OB 3.0 carrier's payload, else the first legacy OB 2.0 one.

    :raises NotBakedError: no carrier found.
    """
    found = _carriers(_chunks(image))
    ob3 = [f for f in found if f[0].version == "3.0"]
    chosen = ob3 or found
    if not chosen:
        msg = f"this PNG carries no Open Badges credential ({NOT_BAKED_HINTS['png']})"
        raise NotBakedError(msg)
    carrier, text = chosen[0]
    warnings = _warnings(found)
    return Unbaked(text, "png", carrier, warnings)


def _warnings(found: list[tuple[Carrier, str]]) -> tuple[str, ...]:
    out = []
    n3 = sum(1 for c, _ in found if c.version == "3.0")
    if n3 > 1:
        out.append(
            f"{n3} openbadgecredential chunks found; the spec allows one, the first was read"
        )
    if n3 and len(found) > n3:
        out.append("a legacy OB 2.0 'openbadges' chunk is also present and was ignored")
    return tuple(out)


def inspect(image: bytes) -> ImageInfo:
    """Describe a PNG: its size, dimensions, chunk list and the badge carriers it holds."""
    chunks = _chunks(image)
    width, height = struct.unpack(">II", chunks[0].data[:8]) if len(chunks[0].data) >= 8 else (0, 0)
    found = _carriers(chunks)
    names = " ".join(c.type.decode() for c in chunks)
    return ImageInfo(
        format="png",
        size=len(image),
        width=float(width),
        height=float(height),
        carriers=tuple(c for c, _ in found),
        warnings=_warnings(found),
        details={"chunks": names},
    )
