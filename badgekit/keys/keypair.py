"""Key pairs: Ed25519 (the default), RSA, P-256 and P-384, over ``cryptography`` (not public API).

One :class:`KeyPair` type holds a private key (and its public half) or only a public key, and
knows its public identifiers: Multikey ``publicKeyMultibase``, ``did:key``, ``did:jwk`` and a
public JWK.  Private material is never part of ``repr`` or any message.  The per-curve details
of P-256 and P-384 (Multikey headers, hashes, signature lengths) live in :mod:`._ec`.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

from .. import _io
from ..errors import KeyMaterialError, PassphraseError
from . import _ec
from .multibase import (
    ED25519_PUB_HEADER,
    ED25519_SECRET_HEADER,
    b58decode,
    decode_multibase,
    encode_multibase,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

__all__ = ["JWS_ALG", "KEY_LABELS", "MULTIKEY_PREFIXES", "KeyPair", "KeyType"]

KeyType = Literal["ed25519", "rsa", "p256", "p384"]
PrivateKey = ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
PublicKey = ed25519.Ed25519PublicKey | rsa.RSAPublicKey | ec.EllipticCurvePublicKey

#: The JWS algorithm each key type signs with (RFC 7518 §3.1, RFC 8037).
JWS_ALG: dict[KeyType, str] = {"ed25519": "EdDSA", "rsa": "RS256", "p256": "ES256", "p384": "ES384"}
#: How messages name each key type.
KEY_LABELS: dict[KeyType, str] = {
    "ed25519": "Ed25519",
    "rsa": "RSA",
    "p256": "P-256",
    "p384": "P-384",
}
#: How a ``publicKeyMultibase`` (and so a did:key) of each Multikey type starts: Ed25519
#: ``z6Mk``, P-256 ``zDn``, P-384 ``z82`` ([DIDKEY], [ECDSA] §2.1.1).
MULTIKEY_PREFIXES = ("z6Mk", "zDn", "z82")
_MIN_RSA_BITS = 2048
_MAX_KEY_FILE = 1024 * 1024
_MAX_MULTIKEY_CHARS = 128


def _b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64u(value: object, what: str) -> bytes:
    if not isinstance(value, str):
        msg = f"JWK member {what!r} must be a base64url string"
        raise KeyMaterialError(msg)
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (ValueError, TypeError):
        msg = f"JWK member {what!r} is not valid base64url"
        raise KeyMaterialError(msg) from None


def _multikey_header(value: object) -> bytes:
    """The 2-byte multicodec header of a ``z`` multibase value."""
    if not isinstance(value, str) or not value.startswith("z"):
        msg = f"not a base58btc multibase value (must start with 'z'): {str(value)[:16]!r}"
        raise KeyMaterialError(msg)
    if len(value) > _MAX_MULTIKEY_CHARS:  # base58 decoding is quadratic: bound hostile input
        msg = f"multikey value is {len(value)} characters; keys are at most {_MAX_MULTIKEY_CHARS}"
        raise KeyMaterialError(msg)
    return b58decode(value[1:])[:2]


def _passphrase(value: str | bytes | None) -> bytes | None:
    return value.encode("utf-8") if isinstance(value, str) else value


@dataclass(frozen=True, repr=False, eq=False)
class KeyPair:
    """An Ed25519, RSA, P-256 or P-384 key: a private key with its public half, or a public key.

    >>> key = KeyPair.generate()                 # Ed25519
    >>> key.did_key                              # doctest: +SKIP
    'did:key:z6Mk...'
    """

    public_key: PublicKey
    private_key: PrivateKey | None = None

    def __post_init__(self) -> None:
        if isinstance(self.public_key, rsa.RSAPublicKey) and (
            self.public_key.key_size < _MIN_RSA_BITS
        ):
            msg = f"RSA key is {self.public_key.key_size} bits; at least {_MIN_RSA_BITS} needed"
            raise KeyMaterialError(msg)
        if isinstance(self.public_key, ec.EllipticCurvePublicKey):
            _ec.curve_of(self.public_key)  # P-256 or P-384 only

    def __repr__(self) -> str:
        kind = "private" if self.private_key else "public"
        return f"<KeyPair {self.kind} {kind} {self.fingerprint}>"

    # --- construction --- #

    @classmethod
    def generate(cls, kind: KeyType = "ed25519", *, rsa_bits: int = 3072) -> KeyPair:
        """Generate a new key pair (Ed25519 unless ``kind`` says ``rsa``, ``p256`` or ``p384``)."""
        private: PrivateKey
        curve = next((c for c in _ec.CURVES if c.kind == kind), None)
        if kind == "ed25519":
            private = ed25519.Ed25519PrivateKey.generate()
        elif kind == "rsa":
            private = rsa.generate_private_key(public_exponent=65537, key_size=rsa_bits)
        elif curve is not None:
            private = ec.generate_private_key(curve.curve)
        else:
            msg = f"unknown key type {kind!r} (use ed25519, rsa, p256 or p384)"
            raise KeyMaterialError(msg)
        return cls.from_private(private)

    @classmethod
    def from_private(cls, private: PrivateKey) -> KeyPair:
        """Wrap a ``cryptography`` private key object."""
        if not isinstance(
            private, ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
        ):
            msg = f"unsupported private key type {type(private).__name__}"
            raise KeyMaterialError(msg)
        return cls(private.public_key(), private)

    @classmethod
    def from_seed(cls, seed: bytes) -> KeyPair:
        """An Ed25519 key from its 32-byte seed."""
        if len(seed) != 32:
            msg = f"Ed25519 seed must be 32 bytes, got {len(seed)}"
            raise KeyMaterialError(msg)
        return cls.from_private(ed25519.Ed25519PrivateKey.from_private_bytes(seed))

    @classmethod
    def from_pem(cls, data: bytes, passphrase: str | bytes | None = None) -> KeyPair:
        """Load a PEM private key (PKCS#8, PKCS#1, SEC1; maybe encrypted) or public key.

        :raises PassphraseError: the key is encrypted and the passphrase is missing or wrong.
        :raises KeyMaterialError: not a PEM key, or an unsupported key type.
        """
        if b"PUBLIC KEY-----" in data and b"PRIVATE KEY-----" not in data:
            try:
                public = serialization.load_pem_public_key(data)
            except (ValueError, UnsupportedAlgorithm):
                msg = "not a valid PEM public key"
                raise KeyMaterialError(msg) from None
            if not isinstance(
                public, ed25519.Ed25519PublicKey | rsa.RSAPublicKey | ec.EllipticCurvePublicKey
            ):
                msg = f"unsupported public key type {type(public).__name__}"
                raise KeyMaterialError(msg)
            return cls(public)
        encrypted = b"ENCRYPTED" in data
        if encrypted and not passphrase:
            msg = "the key file is encrypted: a passphrase is needed"
            raise PassphraseError(msg)
        try:
            private = serialization.load_pem_private_key(
                data, password=_passphrase(passphrase) if encrypted else None
            )
        except TypeError:
            msg = "the key file is encrypted: a passphrase is needed"
            raise PassphraseError(msg) from None
        except (ValueError, UnsupportedAlgorithm):
            if encrypted:
                msg = "wrong passphrase for the encrypted key file"
                raise PassphraseError(msg) from None
            msg = "not a valid PEM private key"
            raise KeyMaterialError(msg) from None
        return cls.from_private(private)  # type: ignore[arg-type]

    @classmethod
    def from_jwk(cls, jwk: Mapping[str, Any]) -> KeyPair:
        """Load a JWK: ``OKP``/``Ed25519``, ``RSA`` or ``EC``/``P-256``/``P-384``; private if
        ``d`` is set.

        :raises KeyMaterialError: unsupported ``kty``/``crv`` or malformed members.
        """
        kty, crv = jwk.get("kty"), jwk.get("crv")
        try:
            if kty == "OKP" and crv == "Ed25519":
                x = _unb64u(jwk.get("x"), "x")
                if "d" in jwk:
                    key = cls.from_seed(_unb64u(jwk["d"], "d"))
                    if key.public_bytes != x:  # as for the 64-byte secretKeyMultibase
                        msg = "OKP JWK: 'x' is not the public key of 'd'"
                        raise KeyMaterialError(msg)
                    return key
                return cls(ed25519.Ed25519PublicKey.from_public_bytes(x))
            curve = _ec.by_crv(crv)
            if kty == "EC" and curve is not None:
                nums = ec.EllipticCurvePublicNumbers(
                    int.from_bytes(_unb64u(jwk.get("x"), "x"), "big"),
                    int.from_bytes(_unb64u(jwk.get("y"), "y"), "big"),
                    curve.curve,
                )
                if "d" in jwk:
                    d = int.from_bytes(_unb64u(jwk["d"], "d"), "big")
                    return cls.from_private(ec.EllipticCurvePrivateNumbers(d, nums).private_key())
                return cls(nums.public_key())
            if kty == "RSA":
                n = int.from_bytes(_unb64u(jwk.get("n"), "n"), "big")
                e = int.from_bytes(_unb64u(jwk.get("e"), "e"), "big")
                pub = rsa.RSAPublicNumbers(e, n)
                if "d" not in jwk:
                    return cls(pub.public_key())
                ints = {k: int.from_bytes(_unb64u(jwk.get(k), k), "big") for k in ("d", "p", "q")}
                priv = rsa.RSAPrivateNumbers(
                    p=ints["p"],
                    q=ints["q"],
                    d=ints["d"],
                    dmp1=rsa.rsa_crt_dmp1(ints["d"], ints["p"]),
                    dmq1=rsa.rsa_crt_dmq1(ints["d"], ints["q"]),
                    iqmp=rsa.rsa_crt_iqmp(ints["p"], ints["q"]),
                    public_numbers=pub,
                )
                return cls.from_private(priv.private_key())
        except ValueError as e:
            msg = f"invalid {kty} JWK: {e}"
            raise KeyMaterialError(msg) from None
        msg = (
            f"unsupported JWK kty={kty!r} crv={crv!r} (use OKP/Ed25519, EC/P-256, EC/P-384 or RSA)"
        )
        raise KeyMaterialError(msg)

    @classmethod
    def from_multikey(cls, value: str) -> KeyPair:
        """Load a Multikey value: ``secretKeyMultibase`` or ``publicKeyMultibase``.

        An Ed25519 secret (``z3u2…``) is a 32-byte seed, or the older 64-byte seed‖public
        layout of the 1EdTech vector; a P-256 (``z42…``) or P-384 (``z2f…``) secret is the raw
        32- or 48-byte scalar ([ECDSA] §2.1.1).  The multicodec header decides, not the text
        prefix (ob3-spec.md §3.3).

        :raises KeyMaterialError: unknown header, wrong length, or seed/public mismatch.
        """
        value = value.strip()
        header = _multikey_header(value)
        found = _ec.by_header(header)
        if found is not None and found[1]:
            curve = found[0]
            raw = decode_multibase(value, curve.secret_header, lengths=(curve.size,))
            try:
                private = ec.derive_private_key(int.from_bytes(raw, "big"), curve.curve)
            except ValueError:
                msg = f"secretKeyMultibase: not a valid {curve.crv} secret key"
                raise KeyMaterialError(msg) from None
            return cls.from_private(private)
        if header != ED25519_SECRET_HEADER:
            return cls.from_public_multibase(value)
        raw = decode_multibase(value, ED25519_SECRET_HEADER, lengths=(32, 64))
        key = cls.from_seed(raw[:32])
        if len(raw) == 64 and key.public_bytes != raw[32:]:
            msg = "secretKeyMultibase: the public half does not match the seed"
            raise KeyMaterialError(msg)
        return key

    @classmethod
    def from_public_multibase(cls, value: str) -> KeyPair:
        """Load a Multikey ``publicKeyMultibase`` only: ``z6Mk…`` Ed25519, ``zDn…`` P-256 or
        ``z82…`` P-384 (a compressed point; [ECDSA] §2.1.1).

        Unlike :meth:`from_multikey`, a secret key value is refused, so text from a public
        document or a URL can never be taken as private material.

        :raises KeyMaterialError: not a public Multikey value, wrong header or length.
        """
        header = _multikey_header(value)
        if header == ED25519_PUB_HEADER:
            raw = decode_multibase(value, ED25519_PUB_HEADER, lengths=(32,))
            return cls(ed25519.Ed25519PublicKey.from_public_bytes(raw))
        found = _ec.by_header(header)
        if found is not None and not found[1]:
            curve = found[0]
            raw = decode_multibase(value, curve.pub_header, lengths=(curve.point_size,))
            try:
                point = ec.EllipticCurvePublicKey.from_encoded_point(curve.curve, raw)
            except ValueError:
                msg = f"publicKeyMultibase: not a valid {curve.crv} point"
                raise KeyMaterialError(msg) from None
            return cls(point)
        msg = (
            f"multikey header is {header.hex()}: not an Ed25519 (ed01, z6Mk...), "
            "P-256 (8024, zDn...) or P-384 (8124, z82...) publicKeyMultibase"
        )
        raise KeyMaterialError(msg)

    @classmethod
    def load(cls, path: str | Path, passphrase: str | bytes | None = None) -> KeyPair:
        """Load a key file: PEM, JWK (JSON) or a Multikey multibase string.

        :raises FileAccessError: the file cannot be read.
        :raises KeyMaterialError: the content is not a supported key.
        """
        data = _io.read_bytes(path, limit=_MAX_KEY_FILE)
        return cls.parse(data, passphrase)

    @classmethod
    def parse(cls, data: bytes, passphrase: str | bytes | None = None) -> KeyPair:
        """Parse key material in any supported form (PEM, JWK JSON, Multikey)."""
        text = data.strip()
        if text.startswith(b"-----BEGIN"):
            return cls.from_pem(text, passphrase)
        if text.startswith(b"{"):
            try:
                jwk = json.loads(text)
            except ValueError:
                msg = "key file looks like JSON but does not parse"
                raise KeyMaterialError(msg) from None
            if not isinstance(jwk, dict):
                msg = "a JWK must be a JSON object"
                raise KeyMaterialError(msg)
            return cls.from_jwk(jwk)
        if text.startswith(b"z"):
            return cls.from_multikey(text.decode("ascii", "replace"))
        msg = "unrecognised key format (expected PEM, JWK JSON or a Multikey z... string)"
        raise KeyMaterialError(msg)

    # --- output --- #

    def private_pem(self, passphrase: str | bytes | None = None) -> bytes:
        """PKCS#8 PEM of the private key, encrypted (best available) when a passphrase is given."""
        private = self._require_private()
        pw = _passphrase(passphrase)
        enc: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(pw) if pw else serialization.NoEncryption()
        )
        return private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc
        )

    def public_pem(self) -> bytes:
        """SubjectPublicKeyInfo PEM of the public key."""
        return self.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def save(self, path: str | Path, passphrase: str | bytes | None = None) -> Path:
        """Write the private key as PKCS#8 PEM with mode 0600, atomically."""
        return _io.write_atomic(path, self.private_pem(passphrase), mode=0o600)

    # --- identifiers --- #

    @property
    def kind(self) -> KeyType:
        """``"ed25519"``, ``"rsa"``, ``"p256"`` or ``"p384"``."""
        if isinstance(self.public_key, ed25519.Ed25519PublicKey):
            return "ed25519"
        if isinstance(self.public_key, rsa.RSAPublicKey):
            return "rsa"
        return _ec.curve_of(self.public_key).kind

    @property
    def label(self) -> str:
        """The key type as messages name it: ``Ed25519``, ``RSA``, ``P-256`` or ``P-384``."""
        return KEY_LABELS[self.kind]

    @property
    def has_private(self) -> bool:
        """Whether this key can sign."""
        return self.private_key is not None

    @property
    def jws_alg(self) -> str:
        """The JWS ``alg`` this key signs with: ``EdDSA``, ``RS256``, ``ES256`` or ``ES384``."""
        return JWS_ALG[self.kind]

    @property
    def public_bytes(self) -> bytes:
        """Raw public key: 32 bytes (Ed25519), compressed point (P-256, P-384), DER SPKI (RSA)."""
        pk = self.public_key
        if isinstance(pk, ed25519.Ed25519PublicKey):
            return pk.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        if isinstance(pk, ec.EllipticCurvePublicKey):
            return pk.public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint
            )
        return pk.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    @property
    def public_multibase(self) -> str:
        """Multikey ``publicKeyMultibase``: ``z6Mk…`` (Ed25519), ``zDn…`` (P-256), ``z82…``
        (P-384).

        :raises KeyMaterialError: for RSA keys, which have no Multikey form here.
        """
        pk = self.public_key
        if isinstance(pk, ed25519.Ed25519PublicKey):
            return encode_multibase(ED25519_PUB_HEADER, self.public_bytes)
        if isinstance(pk, ec.EllipticCurvePublicKey):
            return encode_multibase(_ec.curve_of(pk).pub_header, self.public_bytes)
        msg = "RSA keys have no did:key/Multikey form in badgekit; use them with VC-JWT or did:jwk"
        raise KeyMaterialError(msg)

    @property
    def did_key(self) -> str:
        """The ``did:key`` of this public key (ob3-spec.md §3.3)."""
        return f"did:key:{self.public_multibase}"

    @property
    def did_key_vm(self) -> str:
        """The verification method id inside the ``did:key`` document (``did:key:z…#z…``)."""
        return f"{self.did_key}#{self.public_multibase}"

    @property
    def public_jwk(self) -> dict[str, str]:
        """The public JWK (never contains ``d``)."""
        pk = self.public_key
        if isinstance(pk, ed25519.Ed25519PublicKey):
            return {"kty": "OKP", "crv": "Ed25519", "x": _b64u(self.public_bytes)}
        if isinstance(pk, ec.EllipticCurvePublicKey):
            curve, nums = _ec.curve_of(pk), pk.public_numbers()
            return {
                "kty": "EC",
                "crv": curve.crv,
                "x": _b64u(nums.x.to_bytes(curve.size, "big")),
                "y": _b64u(nums.y.to_bytes(curve.size, "big")),
            }
        rnums = pk.public_numbers()
        return {
            "kty": "RSA",
            "n": _b64u(rnums.n.to_bytes((rnums.n.bit_length() + 7) // 8, "big")),
            "e": _b64u(rnums.e.to_bytes((rnums.e.bit_length() + 7) // 8, "big")),
        }

    @property
    def fingerprint(self) -> str:
        """RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key."""
        jwk = self.public_jwk
        required = {
            "OKP": ("crv", "kty", "x"),
            "EC": ("crv", "kty", "x", "y"),
            "RSA": ("e", "kty", "n"),
        }
        members = {k: jwk[k] for k in required[jwk["kty"]]}
        canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode()
        digest = hashes.Hash(hashes.SHA256())
        digest.update(canonical)
        return _b64u(digest.finalize())

    @property
    def did_jwk(self) -> str:
        """The ``did:jwk`` of this public key: ``did:jwk:`` + base64url(the public JWK).

        The JWK is serialized with sorted members and no whitespace (the form of the
        did:jwk specification's examples); its verification method is ``<did>#0``.
        """
        text = json.dumps(self.public_jwk, separators=(",", ":"), sort_keys=True)
        return f"did:jwk:{_b64u(text.encode('utf-8'))}"

    def public(self) -> KeyPair:
        """This key without its private half."""
        return KeyPair(self.public_key)

    # --- signatures (JOSE forms: raw Ed25519, RSASSA-PKCS1-v1_5 SHA-256, ES256/ES384 r‖s) --- #

    def _require_private(self) -> PrivateKey:
        if self.private_key is None:
            msg = "this is a public key; signing needs the private key"
            raise KeyMaterialError(msg)
        return self.private_key

    def sign(self, data: bytes) -> bytes:
        """Sign ``data`` with this key's algorithm (:attr:`jws_alg`).

        EC keys sign with deterministic ECDSA (RFC 6979) over the curve's hash and return
        ``r‖s``: 64 bytes for P-256 (SHA-256), 96 for P-384 (SHA-384); see :mod:`._ec`.
        """
        private = self._require_private()
        if isinstance(private, ed25519.Ed25519PrivateKey):
            return private.sign(data)
        if isinstance(private, rsa.RSAPrivateKey):
            return private.sign(data, padding.PKCS1v15(), hashes.SHA256())
        return _ec.sign(private, data)

    @property
    def signature_size(self) -> int | None:
        """Bytes in a signature by this key (64 or 96), ``None`` for RSA (the modulus size)."""
        if isinstance(self.public_key, ec.EllipticCurvePublicKey):
            return _ec.curve_of(self.public_key).signature_size
        return 64 if self.kind == "ed25519" else None

    def verify(self, signature: bytes, data: bytes) -> bool:
        """Return whether ``signature`` over ``data`` is valid for this public key."""
        pk = self.public_key
        if isinstance(pk, ec.EllipticCurvePublicKey):
            return _ec.verify(pk, signature, data)
        try:
            if isinstance(pk, ed25519.Ed25519PublicKey):
                pk.verify(signature, data)
            else:
                pk.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            return False
        return True
