"""A small bounded CBOR (RFC 8949) decoder for selective-disclosure proof values.

(not public API)

Only what an ``ecdsa-sd-2023`` derived proof value holds ([ECDSA] §3.5.8
"parseDerivedProofValue"): unsigned integers (major type 0), byte strings (2), arrays (4) and
maps (5), all of definite length.  Everything else (negative integers, text strings, tags,
floats, simple values, indefinite lengths) is refused, as is trailing data.  Hostile input
cannot make it allocate or recurse beyond :data:`MAX_DEPTH` and the caller's ``max_items``:
a declared length is checked against the bytes that are left before anything is read.
"""

from __future__ import annotations

from typing import Any

from ..errors import ProofError

__all__ = ["MAX_DEPTH", "decode"]

#: Deepest nesting accepted (a derived proof needs 2: the top array, then an inner array/map).
MAX_DEPTH = 4
_UINT, _BYTES, _ARRAY, _MAP = 0, 2, 4, 5


class _Reader:
    def __init__(self, data: bytes, max_items: int) -> None:
        self.data = data
        self.pos = 0
        self.max_items = max_items

    def take(self, n: int) -> bytes:
        end = self.pos + n
        if n < 0 or end > len(self.data):
            msg = f"CBOR data truncated at byte {self.pos} (needs {n} more)"
            raise ProofError(msg)
        chunk = self.data[self.pos : end]
        self.pos = end
        return chunk

    def head(self) -> tuple[int, int]:
        """The major type and argument of the next data item (RFC 8949 §3)."""
        initial = self.take(1)[0]
        major, info = initial >> 5, initial & 0x1F
        if info < 24:
            return major, info
        if info in (24, 25, 26, 27):  # 1, 2, 4 or 8 argument bytes
            return major, int.from_bytes(self.take(1 << (info - 24)), "big")
        msg = f"CBOR additional information {info} (indefinite or reserved) is not accepted"
        raise ProofError(msg)

    def count(self, n: int, what: str) -> int:
        # Every element takes at least one byte: a length beyond what is left is a lie.
        if n > self.max_items or n > len(self.data) - self.pos:
            msg = f"CBOR {what} of {n} elements is too long (limit {self.max_items})"
            raise ProofError(msg)
        return n

    def item(self, depth: int) -> Any:
        if depth > MAX_DEPTH:
            msg = f"CBOR nesting deeper than {MAX_DEPTH}"
            raise ProofError(msg)
        major, arg = self.head()
        if major == _UINT:
            return arg
        if major == _BYTES:
            return self.take(arg)
        if major == _ARRAY:
            return [self.item(depth + 1) for _ in range(self.count(arg, "array"))]
        if major == _MAP:
            out: dict[Any, Any] = {}
            for _ in range(self.count(arg, "map")):
                key = self.item(depth + 1)
                if not isinstance(key, int):
                    msg = "CBOR map keys must be unsigned integers here"
                    raise ProofError(msg)
                if key in out:
                    msg = f"CBOR map repeats the key {key}"
                    raise ProofError(msg)
                out[key] = self.item(depth + 1)
            return out
        msg = f"CBOR major type {major} is not accepted in a proof value"
        raise ProofError(msg)


def decode(data: bytes, *, max_items: int) -> Any:
    """Decode one CBOR data item that must fill ``data`` exactly.

    :param max_items: the most elements one array or map may declare.
    :returns: ``int``, ``bytes``, ``list`` or ``dict[int, Any]`` values.
    :raises ProofError: not CBOR, an unsupported type, a bound exceeded, or trailing bytes.
    """
    reader = _Reader(bytes(data), max_items)
    value = reader.item(1)
    if reader.pos != len(reader.data):
        msg = f"{len(reader.data) - reader.pos} bytes of trailing data after the CBOR item"
        raise ProofError(msg)
    return value
