"""PNG carrier: read and write the Open Badges ``iTXt`` chunk (not public API).

OB 3.0 (ob3-spec.md §1.1): one *uncompressed* ``iTXt`` chunk, keyword ``openbadgecredential``,
whose text is the credential JSON or a compact JWS.  We insert it right after ``IHDR`` (as the
OB 2.0 reference baker does) and copy every other chunk byte for byte: pixels are never decoded.

CLR 2.0 is baked the same way under the keyword ``clrcredential`` (ob3-spec.md §1.1; the
1EdTech validator's ``PngParser.Keys.CLR20``).

OB 2.0 and earlier (ob3-spec.md §1.3): ``iTXt`` keyword ``openbadges`` (JSON or JWS), or a
pre-1.0 ``tEXt`` chunk whose text is the hosted assertion URL.  Read only.

The parser follows Pillow's ``PngImagePlugin`` habits: CRCs checked, every length bounded by a
named limit, and compressed text inflated with a hard bound (no zlib bombs).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .._io import InflateError, inflate
from ..errors import AlreadyBakedError, CorruptImageError, NotBakedError, PayloadTooLargeError
from ._types import (
    MAX_PAYLOAD_BYTES,
    NOT_BAKED_HINTS,
    Carrier,
    ImageInfo,
    Unbaked,
    check_payload,
    check_standard,
    payload_kind,
)

if TYPE_CHECKING:
    from ._types import Standard

__all__ = ["KEYWORD_CLR", "KEYWORD_OB2", "KEYWORD_OB3", "SIGNATURE", "bake", "inspect", "unbake"]

SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEYWORD_OB3 = b"openbadgecredential"  # OB 3.0 docformat.md "Baked Badge > PNG"
KEYWORD_OB2 = b"openbadges"  # OB 2.0 baking spec; also pre-1.0 tEXt URLs
KEYWORD_CLR = b"clrcredential"  # CLR 2.0 (1EdTech validator PngParser.Keys.CLR20)
#: Keyword -> (standard, version), in the order unbake prefers them: OB 3.0, then CLR 2.0,
#: then the legacy OB 2.0 chunk.
_KEYWORDS: dict[bytes, tuple[Standard, Literal["3.0", "2.0"]]] = {
    KEYWORD_OB3: ("ob", "3.0"),
    KEYWORD_CLR: ("clr", "2.0"),
    KEYWORD_OB2: ("ob", "2.0"),
}
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
    return keyword if keyword in _KEYWORDS else None


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
    standard, version = _KEYWORDS[_keyword(chunk) or KEYWORD_OB2]
    size = len(text.encode("utf-8"))
    return Carrier(version, _name(chunk), payload_kind(text), size, standard), text


def _split(chunks: list[_Chunk]) -> dict[bytes, list[_Chunk]]:
    """The carrier chunks of each keyword (OB 3.0, CLR 2.0, OB 2.0), in file order."""
    return {kw: [c for c in chunks if _keyword(c) == kw] for kw in _KEYWORDS}


def _chosen(found: dict[bytes, list[_Chunk]]) -> _Chunk | None:
    """The chunk unbake reads: the first of the most preferred keyword present."""
    return next((group[0] for group in found.values() if group), None)


def _all(found: dict[bytes, list[_Chunk]]) -> list[_Chunk]:
    return sorted((c for group in found.values() for c in group), key=lambda c: c.offset)


def _trailer(image: bytes, chunks: list[_Chunk]) -> bytes:
    return image[chunks[-1].offset + len(chunks[-1].raw) :]


def bake(image: bytes, payload: str, *, replace: bool = False, standard: Standard = "ob") -> bytes:
    """Return ``image`` with ``payload`` in one ``iTXt openbadgecredential`` chunk (or
    ``clrcredential`` for ``standard="clr"``) after IHDR.

    Every other chunk (and anything after IEND) is copied byte for byte; with ``replace``,
    every existing carrier (OB 3.0, CLR 2.0 or OB 2.0) is dropped.

    :raises AlreadyBakedError: the image already carries badge data and ``replace`` is false.
    """
    keyword = KEYWORD_CLR if check_standard(standard) == "clr" else KEYWORD_OB3
    text = check_payload(payload)
    chunks = _chunks(image)
    existing = _all(_split(chunks))
    if existing and not replace:
        where = ", ".join(f"{_name(c)} at byte {c.offset}" for c in existing)
        msg = f"PNG already carries badge data ({where}); use replace/--force to overwrite it"
        raise AlreadyBakedError(msg)
    # Placement right after IHDR, as the OB 2.0 reference baker does (ob3-spec.md §1.1).
    out = [SIGNATURE, chunks[0].raw, _itxt(keyword, text)]
    out += [c.raw for c in chunks[1:] if _keyword(c) is None]
    out.append(_trailer(image, chunks))
    return b"".join(out)


def unbake(image: bytes) -> Unbaked:
    """Return the first OB 3.0 carrier's payload, else the first CLR 2.0 one, else the first
    legacy OB 2.0 one.

    Only the chosen chunk is decoded: later carriers are counted, not inflated (ob3-spec.md
    §1.1: "the rest can be discarded").

    :raises NotBakedError: no carrier found, or it is empty.
    """
    found = _split(_chunks(image))
    chunk = _chosen(found)
    if chunk is None:
        msg = f"this PNG carries no Open Badges credential ({NOT_BAKED_HINTS['png']})"
        raise NotBakedError(msg)
    carrier, text = _carrier(chunk)
    if not text.strip():
        msg = f"PNG {carrier.location} chunk at byte {chunk.offset} is empty"
        raise NotBakedError(msg)
    return Unbaked(text, "png", carrier, _warnings(found))


def _warnings(found: dict[bytes, list[_Chunk]]) -> tuple[str, ...]:
    chosen = _chosen(found)
    if chosen is None:
        return ()
    read = _keyword(chosen) or KEYWORD_OB2
    out = []
    for kw in (KEYWORD_OB3, KEYWORD_CLR):  # each MUST NOT appear more than once
        group = found[kw]
        if len(group) > 1:
            first = ", the first was read" if kw == read else ""
            out.append(f"{len(group)} {kw.decode()} chunks found; the spec allows one{first}")
    if read == KEYWORD_OB3 and found[KEYWORD_CLR]:
        out.append("a CLR 2.0 'clrcredential' chunk is also present and was ignored")
    if read != KEYWORD_OB2 and found[KEYWORD_OB2]:
        out.append("a legacy OB 2.0 'openbadges' chunk is also present and was ignored")
    if _compressed(chosen):
        out.append("the badge data is compressed, which the baking spec does not allow")
    if read != KEYWORD_OB2 and chosen.type != b"iTXt":
        out.append(f"the {read.decode()} chunk is {chosen.type.decode()}, not iTXt")
    return tuple(out)


def inspect(image: bytes) -> ImageInfo:
    """Describe a PNG: its size, dimensions, chunk list and the badge carriers it holds."""
    chunks = _chunks(image)
    width, height = struct.unpack(">II", chunks[0].data[:8])
    found = _split(chunks)
    carriers = tuple(_carrier(c)[0] for c in _all(found))
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
        warnings=_warnings(found),
        details=details,
    )
