"""Multibase base58btc and Multikey encodings (not public API).

``publicKeyMultibase`` = ``"z"`` + base58btc(0xed 0x01 ‖ 32-byte Ed25519 key) and
``secretKeyMultibase`` = ``"z"`` + base58btc(0x80 0x26 ‖ seed)
(ob3-spec.md §3.3, [CID], [EDDSA] §2.1.1).
"""

from __future__ import annotations

from ..errors import KeyMaterialError

__all__ = [
    "ED25519_PUB_HEADER",
    "ED25519_SECRET_HEADER",
    "b58decode",
    "b58encode",
    "decode_multibase",
    "encode_multibase",
]

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}
ED25519_PUB_HEADER = b"\xed\x01"  # multicodec ed25519-pub (varint 0xed)
ED25519_SECRET_HEADER = b"\x80\x26"  # multicodec ed25519-priv (varint 0x1300)


def b58encode(data: bytes) -> str:
    """Base58btc-encode ``data`` (Bitcoin alphabet, leading zero bytes as ``1``)."""
    n = int.from_bytes(data, "big")
    out = []
    while n:
        n, r = divmod(n, 58)
        out.append(_ALPHABET[r])
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    """Decode base58btc text.

    :raises KeyMaterialError: a character outside the alphabet.
    """
    n = 0
    for c in text:
        try:
            n = n * 58 + _INDEX[c]
        except KeyError:
            msg = f"invalid base58btc character {c!r}"
            raise KeyMaterialError(msg) from None
    pad = len(text) - len(text.lstrip("1"))
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * pad + body


def encode_multibase(header: bytes, key: bytes) -> str:
    """Return ``"z" + base58btc(header ‖ key)``."""
    return "z" + b58encode(header + key)


def decode_multibase(value: str, header: bytes, *, lengths: tuple[int, ...]) -> bytes:
    """Decode a ``z``-multibase Multikey value and strip its multicodec ``header``.

    :param lengths: the key lengths accepted after the header.
    :raises KeyMaterialError: wrong multibase prefix, wrong header, or wrong length.
    """
    if not isinstance(value, str) or not value.startswith("z"):
        msg = f"not a base58btc multibase value (must start with 'z'): {str(value)[:16]!r}"
        raise KeyMaterialError(msg)
    raw = b58decode(value[1:])
    if not raw.startswith(header):
        msg = f"multikey header is {raw[:2].hex()}, expected {header.hex()}"
        raise KeyMaterialError(msg)
    key = raw[len(header) :]
    if len(key) not in lengths:
        want = " or ".join(str(n) for n in lengths)
        msg = f"multikey holds {len(key)} bytes after its header, expected {want}"
        raise KeyMaterialError(msg)
    return key
