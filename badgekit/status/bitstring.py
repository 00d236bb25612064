"""Status list bitstrings: GZIP + base64url encoding, MSB-first bit order (not public API).

[BSL] §"BitstringStatusListCredential" (ob3-spec.md §4 step 4): ``encodedList`` is the
multibase (prefix ``u``) base64url-without-padding encoding of the GZIP-compressed bitstring;
index 0 is the left-most (most significant) bit of the first byte.  StatusList2021 (the CCG
report that [BSL] replaced) uses the same bitstring without the multibase prefix; its examples
use the base64url alphabet, so both alphabets are accepted when decoding.

Decompression is bounded (:data:`MAX_BITSTRING_BYTES`): a few hundred bytes of GZIP can expand
to gigabytes, and the list comes from a server we do not control.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import zlib
from typing import Literal

from .._io import InflateError, inflate
from ..errors import StatusListError

__all__ = [
    "MAX_BITSTRING_BYTES",
    "MAX_ENCODED_CHARS",
    "MIN_ENTRIES",
    "ListFormat",
    "StatusList",
]

#: Minimum number of entries of a list ([BSL] "Validate Algorithm": 131,072, i.e. 16 KiB).
MIN_ENTRIES = 131_072
#: Largest uncompressed bitstring accepted (16 MiB = 134 million one-bit entries).
MAX_BITSTRING_BYTES = 16 * 1024 * 1024
#: Largest ``encodedList`` string accepted before decoding.
MAX_ENCODED_CHARS = 8 * 1024 * 1024

#: ``"bitstring"``: [BSL] multibase ``u`` prefix; ``"2021"``: StatusList2021, no prefix.
ListFormat = Literal["bitstring", "2021"]

_GZIP_WBITS = 16 + zlib.MAX_WBITS


def _b64decode(text: str) -> bytes:
    """Decode base64url or base64, with or without padding; strict about other characters."""
    cleaned = text.strip().rstrip("=")
    translated = cleaned.replace("-", "+").replace("_", "/")
    padded = translated + "=" * (-len(translated) % 4)
    try:
        return base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        msg = "encodedList is not valid base64url"
        raise StatusListError(msg) from None


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress one GZIP member, refusing output over ``limit`` bytes (a GZIP bomb)."""
    if data[:2] != b"\x1f\x8b":
        msg = "encodedList is not GZIP-compressed (no GZIP header)"
        raise StatusListError(msg)
    try:
        return inflate(data, limit, wbits=_GZIP_WBITS, trailing_ok=False)
    except InflateError as e:
        messages = {
            "corrupt": f"encodedList is not valid GZIP data ({e})",
            "too_large": f"encodedList expands to more than the {limit:,}-byte limit",
            "truncated": "encodedList GZIP data is truncated",
            "trailing": "encodedList has data after the end of the GZIP stream",
        }
        raise StatusListError(messages[e.reason]) from None


class StatusList:
    """A mutable status bitstring of ``length`` entries of ``status_size`` bits each.

    Entry ``i`` occupies bits ``i * status_size`` to ``(i + 1) * status_size - 1``, and bit 0 is
    the most significant bit of byte 0 ([BSL] §"encodedList"); a multi-bit value is read
    most significant bit first.

    >>> sl = StatusList()
    >>> sl.set(0, 1)
    >>> sl.to_bytes()[0]
    128

    :param length: number of entries (at least :data:`MIN_ENTRIES` unless ``allow_short``).
    :param status_size: bits per entry (``statusSize``, default 1).
    :param allow_short: accept fewer than :data:`MIN_ENTRIES` entries (for tests and replies).
    :raises StatusListError: a non-positive size, or a length under the minimum.
    """

    __slots__ = ("_bits", "length", "status_size")

    def __init__(
        self, length: int = MIN_ENTRIES, *, status_size: int = 1, allow_short: bool = False
    ) -> None:
        if status_size < 1 or length < 1:
            msg = f"status list length {length} and status size {status_size} must be >= 1"
            raise StatusListError(msg)
        if length < MIN_ENTRIES and not allow_short:
            msg = f"a status list needs at least {MIN_ENTRIES:,} entries, not {length:,}"
            raise StatusListError(msg)
        nbytes = (length * status_size + 7) // 8
        if nbytes > MAX_BITSTRING_BYTES:
            msg = f"a status list of {length:,} entries is over the size limit"
            raise StatusListError(msg)
        self.length = length
        self.status_size = status_size
        self._bits = bytearray(nbytes)

    # --- construction from bytes / encodedList --- #

    @classmethod
    def from_bytes(
        cls, data: bytes, *, status_size: int = 1, allow_short: bool = True
    ) -> StatusList:
        """A list over the uncompressed bitstring ``data`` (its length is whole entries)."""
        length = len(data) * 8 // status_size
        sl = cls(max(length, 1), status_size=status_size, allow_short=allow_short)
        sl._bits[:] = data[: len(sl._bits)]
        return sl

    @classmethod
    def decode(
        cls,
        encoded: object,
        *,
        status_size: int = 1,
        fmt: ListFormat = "bitstring",
        max_bytes: int = MAX_BITSTRING_BYTES,
    ) -> StatusList:
        """Decode an ``encodedList`` value ([BSL] "Bitstring Expansion Algorithm").

        A [BSL] list must carry the multibase ``u`` prefix; a value without it that is plainly
        GZIP in base64url (``H4sI…``, as early drafts produced) is accepted too.

        :param encoded: the ``encodedList`` string.
        :param status_size: bits per entry (``statusSize`` of the entry).
        :param fmt: ``"bitstring"`` (BitstringStatusList) or ``"2021"`` (StatusList2021).
        :param max_bytes: bound on the uncompressed size.
        :raises StatusListError: not base64url, not GZIP, truncated, trailing data, or expanding
            beyond ``max_bytes`` (a GZIP bomb).
        """
        if not isinstance(encoded, str) or not encoded:
            msg = "encodedList is missing or not a string"
            raise StatusListError(msg)
        if len(encoded) > MAX_ENCODED_CHARS:
            msg = f"encodedList is longer than {MAX_ENCODED_CHARS:,} characters"
            raise StatusListError(msg)
        body = encoded
        if fmt == "bitstring" and encoded.startswith("u"):
            body = encoded[1:]
        elif fmt == "bitstring" and not encoded.startswith("H4sI"):
            msg = f"encodedList must be multibase base64url (prefix 'u'), not {encoded[:8]!r}…"
            raise StatusListError(msg)
        data = _gunzip(_b64decode(body), max_bytes)
        if not data:
            msg = "encodedList decodes to an empty bitstring"
            raise StatusListError(msg)
        return cls.from_bytes(data, status_size=status_size)

    # --- encoding --- #

    def to_bytes(self) -> bytes:
        """The uncompressed bitstring."""
        return bytes(self._bits)

    def encode(self, *, fmt: ListFormat = "bitstring") -> str:
        """The ``encodedList`` value ([BSL] "Bitstring Generation Algorithm").

        GZIP with a zero modification time, so the same bits always give the same string.
        """
        packed = gzip.compress(bytes(self._bits), compresslevel=9, mtime=0)
        text = base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")
        return "u" + text if fmt == "bitstring" else text

    # --- entries --- #

    def _check(self, index: int) -> None:
        if not 0 <= index < self.length:
            msg = f"status list index {index} is out of range (0 to {self.length - 1:,})"
            raise StatusListError(msg)

    def get(self, index: int) -> int:
        """The value of entry ``index`` (0 or 1 for one-bit entries).

        :raises StatusListError: ``index`` is outside the list.
        """
        self._check(index)
        start = index * self.status_size
        value = 0
        for bit in range(start, start + self.status_size):
            value = (value << 1) | ((self._bits[bit >> 3] >> (7 - (bit & 7))) & 1)
        return value

    def set(self, index: int, value: int | bool = 1) -> None:
        """Set entry ``index`` to ``value`` (``True``/``1`` revokes a one-bit entry).

        :raises StatusListError: ``index`` is outside the list.
        :raises StatusListError: ``value`` does not fit in ``status_size`` bits.
        """
        self._check(index)
        value = int(value)
        if not 0 <= value < (1 << self.status_size):
            msg = f"status value {value} does not fit in {self.status_size} bit(s)"
            raise StatusListError(msg)
        start = index * self.status_size
        for offset in range(self.status_size):
            bit = start + offset
            mask = 0x80 >> (bit & 7)
            if (value >> (self.status_size - 1 - offset)) & 1:
                self._bits[bit >> 3] |= mask
            else:
                self._bits[bit >> 3] &= ~mask & 0xFF

    def set_indexes(self) -> list[int]:
        """Every index whose value is not zero, in order."""
        if self.status_size == 1:
            out: list[int] = []
            for byte_no, byte in enumerate(self._bits):
                if byte:
                    base = byte_no * 8
                    out.extend(base + i for i in range(8) if byte & (0x80 >> i))
            return [i for i in out if i < self.length]
        return [i for i in range(self.length) if self.get(i)]

    def __len__(self) -> int:
        return self.length

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StatusList):
            return NotImplemented
        return (self.length, self.status_size, self._bits) == (
            other.length,
            other.status_size,
            other._bits,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"StatusList(length={self.length}, status_size={self.status_size})"
