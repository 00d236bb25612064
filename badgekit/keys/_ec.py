"""The NIST curves P-256 and P-384: what badgekit needs to know per curve (not public API).

Multikey headers are the multicodec varints of ``p256-pub`` (0x1200), ``p384-pub`` (0x1201),
``p256-priv`` (0x1306) and ``p384-priv`` (0x1307) ([CID] §2.2.2, [ECDSA] §2.1.1): a public key
is the compressed point (33 or 49 bytes), a secret key the raw scalar (32 or 48 bytes).

Signatures are IEEE P1363 ``r‖s`` over the curve's own hash, SHA-256 for P-256 and SHA-384 for
P-384 (RFC 7518 §3.4 ``ES256``/``ES384``; [ECDSA] §3.2.4 "Proof Serialization
(ecdsa-rdfc-2019)").  They are made with deterministic ECDSA (RFC 6979): [ECDSA] §4.2
recommends it, and its test vectors were produced with it, so they are reproduced byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from ..errors import KeyMaterialError

__all__ = ["CURVES", "P256", "P384", "Curve", "by_crv", "by_header", "curve_of", "sign", "verify"]


@dataclass(frozen=True)
class Curve:
    """One supported curve.

    :ivar kind: the :attr:`KeyPair.kind <badgekit.keys.keypair.KeyPair.kind>` of its keys.
    :ivar crv: the JWK ``crv`` name (RFC 7518 §6.2.1.1).
    :ivar size: bytes of a coordinate, of the secret scalar, and of ``r`` and of ``s``.
    :ivar alg: the JWS ``alg`` (RFC 7518 §3.4).
    :ivar pub_header: multicodec header of a ``publicKeyMultibase``.
    :ivar secret_header: multicodec header of a ``secretKeyMultibase``.
    """

    kind: Literal["p256", "p384"]
    crv: str
    curve: ec.EllipticCurve
    size: int
    hash: hashes.HashAlgorithm
    alg: str
    pub_header: bytes
    secret_header: bytes

    @property
    def signature_size(self) -> int:
        """Length of an ``r‖s`` signature: 64 (P-256) or 96 (P-384) bytes."""
        return 2 * self.size

    @property
    def point_size(self) -> int:
        """Length of a compressed point: 33 (P-256) or 49 (P-384) bytes."""
        return 1 + self.size


P256 = Curve(
    "p256", "P-256", ec.SECP256R1(), 32, hashes.SHA256(), "ES256", b"\x80\x24", b"\x86\x26"
)
P384 = Curve(
    "p384", "P-384", ec.SECP384R1(), 48, hashes.SHA384(), "ES384", b"\x81\x24", b"\x87\x26"
)
CURVES = (P256, P384)


def by_crv(crv: object) -> Curve | None:
    """The curve a JWK ``crv`` names, if supported."""
    return next((c for c in CURVES if c.crv == crv), None)


def by_header(header: bytes) -> tuple[Curve, bool] | None:
    """``(curve, is_secret)`` for a Multikey multicodec header, if it is one of these curves."""
    for c in CURVES:
        if header in (c.pub_header, c.secret_header):
            return c, header == c.secret_header
    return None


def curve_of(key: ec.EllipticCurvePublicKey | ec.EllipticCurvePrivateKey) -> Curve:
    """The supported curve of an EC key.

    :raises KeyMaterialError: any other curve (secp256k1, P-521, …).
    """
    for c in CURVES:
        if key.curve.name == c.curve.name:
            return c
    msg = f"EC curve {key.curve.name} is not supported (use P-256 or P-384)"
    raise KeyMaterialError(msg)


def sign(private: ec.EllipticCurvePrivateKey, data: bytes) -> bytes:
    """Deterministic ECDSA (RFC 6979) over ``data`` with the curve's hash, as ``r‖s``."""
    c = curve_of(private)
    der = private.sign(data, ec.ECDSA(c.hash, deterministic_signing=True))
    r, s = decode_dss_signature(der)
    return r.to_bytes(c.size, "big") + s.to_bytes(c.size, "big")


def verify(public: ec.EllipticCurvePublicKey, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` (``r‖s`` of the curve's length) over ``data`` is valid."""
    c = curve_of(public)
    if len(signature) != c.signature_size:
        return False
    r = int.from_bytes(signature[: c.size], "big")
    s = int.from_bytes(signature[c.size :], "big")
    try:
        public.verify(encode_dss_signature(r, s), data, ec.ECDSA(c.hash))
    except InvalidSignature:
        return False
    return True
