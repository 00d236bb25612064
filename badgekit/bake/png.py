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

from .._io import InflateError, inflate
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
_IHDR_LENGTH = 13
#: Compressed text chunks are inflated to at most this many bytes (zlib bomb bound).
MAX_INFLATED_BYTES = MAX_PAYLOAD_BYTES


@dataclass(frozen=True)
class _Chunk:
    type: bytes
    data: bytes
    raw: bytes  # length + type + data + crc, exactly as in the file
    offset: int


def _chunks(image: bytes) -> list[_Chunk]:
    """Split a PNG into chunks, checking signature, lengths, CRCs, IHDR first and IEND last.

    Bytes after IEND (which some tools append) are not a chunk and are not returned.
    """
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
        if not chunks and length != _IHDR_LENGTH:  # PNG spec §11.2.2: IHDR is 13 bytes
            msg = f"PNG is corrupt: IHDR chunk is {length} bytes long, not {_IHDR_LENGTH}"
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
    try:
        return inflate(data, MAX_INFLATED_BYTES)
    except InflateError as e:
        if e.reason == "too_large":
            msg = (
                f"PNG {where}: compressed text inflates past the {MAX_INFLATED_BYTES:,}-byte limit"
            )
            raise PayloadTooLargeError(msg) from None
        problem = "truncated" if e.reason == "truncated" else f"corrupt ({e})"
        msg = f"PNG {where}: compressed text is {problem}"
        raise CorruptImageError(msg) from None


def _text_of(chunk: _Chunk) -> str:
    """Return the text of a ``tEXt``, ``zTXt`` or ``iTXt`` chunk (keyword already matched)."""
    where = f"chunk {chunk.type.decode()} at byte {chunk.offset}"
    rest = chunk.data.partition(b"\0")[2]
    if chunk.type == b"tEXt":
        raw = rest
    elif chunk.type == b"zTXt":
        if rest[:1] != b"\0":
            msg = f"PNG {where}: unknown compression method"
            raise CorruptImageError(msg)
        raw = _inflate(rest[1:], where)
    else:  # iTXt (PNG spec §11.3.3.4)
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
    if chunk.type != b"iTXt":
        return raw.decode("latin-1")  # tEXt and zTXt are Latin-1 (PNG spec §11.3.3.2)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        msg = f"PNG {where}: iTXt text is not valid UTF-8"
        raise CorruptImageError(msg) from None


def _keyword(chunk: _Chunk) -> bytes | None:
    """The Open Badges keyword of a text chunk, or ``None`` (a test on the raw bytes, so that
    unrelated text chunks are never inflated or decoded)."""
    if chunk.type not in _TEXT_CHUNKS:
        return None
    keyword = chunk.data.split(b"\0", 1)[0]
    return keyword if keyword in (KEYWORD_OB3, KEYWORD_OB2) else None


def _name(chunk: _Chunk) -> str:
    """``"iTXt openbadgecredential"`` and the like."""
    return f"{chunk.type.decode()} {(_keyword(chunk) or b'').decode()}"


def _compressed(chunk: _Chunk) -> bool:
    if chunk.type == b"zTXt":
        return True
    rest = chunk.data.partition(b"\0")[2]
    return chunk.type == b"iTXt" and rest[:1] == b"\x01"


def _carrier(chunk: _Chunk) -> tuple[Carrier, str]:
    text = _text_of(chunk)
    version: Literal["3.0", "2.0"] = "3.0" if _keyword(chunk) == KEYWORD_OB3 else "2.0"
    carrier = Carrier(version, _name(chunk), payload_kind(text), len(text.encode("utf-8")))
    return carrier, text


def _split(chunks: list[_Chunk]) -> tuple[list[_Chunk], list[_Chunk]]:
    """The OB 3.0 carrier chunks and the legacy OB 2.0 ones, in file order."""
    ob3 = [c for c in chunks if _keyword(c) == KEYWORD_OB3]
    ob2 = [c for c in chunks if _keyword(c) == KEYWORD_OB2]
    return ob3, ob2


def _trailer(image: bytes, chunks: list[_Chunk]) -> bytes:
    return image[chunks[-1].offset + len(chunks[-1].raw) :]


def bake(image: bytes, payload: str, *, replace: bool = False) -> bytes:
    """Return ``image`` with ``payload`` in one ``iTXt openbadgecredential`` chunk after IHDR.

    Every other chunk (and anything after IEND) is copied byte for byte.

    :raises AlreadyBakedError: the image already carries badge data and ``replace`` is false.
    """
    text = check_payload(payload)
    chunks = _chunks(image)
    ob3, ob2 = _split(chunks)
    existing = sorted(ob3 + ob2, key=lambda c: c.offset)
    if existing and not replace:
        where = ", ".join(f"{_name(c)} at byte {c.offset}" for c in existing)
        msg = f"PNG already carries badge data ({where}); use replace/--force to overwrite it"
        raise AlreadyBakedError(msg)
    # Placement right after IHDR, as the OB 2.0 reference baker does (ob3-spec.md §1.1).
    out = [SIGNATURE, chunks[0].raw, _itxt(KEYWORD_OB3, text)]
    out += [c.raw for c in chunks[1:] if _keyword(c) is None]
    out.append(_trailer(image, chunks))
    return b"".join(out)


def unbake(image: bytes) -> Unbaked:
    """Return the first OB 3.0 carrier's payload, else the first legacy OB 2.0 one.

    Only the chosen chunk is decoded: later carriers are counted, not inflated (ob3-spec.md
    §1.1: "the rest can be discarded").

    :raises NotBakedError: no carrier found, or it is empty.
    """
    ob3, ob2 = _split(_chunks(image))
    if not ob3 and not ob2:
        msg = f"this PNG carries no Open Badges credential ({NOT_BAKED_HINTS['png']})"
        raise NotBakedError(msg)
    chunk = (ob3 or ob2)[0]
    carrier, text = _carrier(chunk)
    if not text.strip():
        msg = f"PNG {carrier.location} chunk at byte {chunk.offset} is empty"
        raise NotBakedError(msg)
    return Unbaked(text, "png", carrier, _warnings(ob3, ob2))


def _warnings(ob3: list[_Chunk], ob2: list[_Chunk]) -> tuple[str, ...]:
    out = []
    if len(ob3) > 1:
        out.append(
            f"{len(ob3)} openbadgecredential chunks found; the spec allows one, the first was read"
        )
    if ob3 and ob2:
        out.append("a legacy OB 2.0 'openbadges' chunk is also present and was ignored")
    if (ob3 or ob2) and _compressed((ob3 or ob2)[0]):
        out.append("the badge data is compressed, which the baking spec does not allow")
    if ob3 and ob3[0].type != b"iTXt":
        out.append(f"the openbadgecredential chunk is {ob3[0].type.decode()}, not iTXt")
    return tuple(out)


def inspect(image: bytes) -> ImageInfo:
    """Describe a PNG: its size, dimensions, chunk list and the badge carriers it holds."""
    chunks = _chunks(image)
    width, height = struct.unpack(">II", chunks[0].data[:8])
    ob3, ob2 = _split(chunks)
    carriers = tuple(_carrier(c)[0] for c in sorted(ob3 + ob2, key=lambda c: c.offset))
    details = {"chunks": " ".join(c.type.decode() for c in chunks)}
    actl = next((c for c in chunks if c.type == b"acTL" and len(c.data) == 8), None)
    if actl is not None:  # APNG spec: acTL holds num_frames, num_plays (0 = forever)
        frames, plays = struct.unpack(">II", actl.data)
        details["animation"] = f"APNG, {frames} frames, " + (
            f"played {plays} times" if plays else "looping"
        )
    trailer = len(_trailer(image, chunks))
    if trailer:
        details["after IEND"] = f"{trailer:,} bytes that are not PNG data (kept when baking)"
    return ImageInfo(
        format="png",
        size=len(image),
        width=float(width),
        height=float(height),
        carriers=carriers,
        warnings=_warnings(ob3, ob2),
        details=details,
    )
