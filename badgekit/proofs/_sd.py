"""Selective-disclosure primitives for verifying ``ecdsa-sd-2023`` derived proofs.

(not public API)

From [ECDSA] (W3C vc-di-ecdsa) §3.5 "ecdsa-sd-2023 Functions" and the [DI] "Selective
Disclosure Functions": ``parseDerivedProofValue``, ``decompressLabelMap``,
``createLabelMapFunction`` + ``labelReplacementCanonicalizeJsonLd`` and ``createVerifyData``.
Only verification: badgekit neither signs base proofs nor derives disclosures.

Every size hostile input controls is bounded by a module constant, checked before the work.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..errors import ProofError
from ..jsonld.canon import canonize, canonize_memo
from . import _cbor
from ._di import proof_config, unsecured

if TYPE_CHECKING:
    from ..jsonld.loader import StaticLoader

__all__ = [
    "BASE_HEADER",
    "DERIVED_HEADER",
    "MAX_LABELS",
    "MAX_MANDATORY",
    "MAX_PROOF_BYTES",
    "MAX_SIGNATURES",
    "DerivedProof",
    "VerifyData",
    "create_verify_data",
    "decompress_label_map",
    "label_replaced_nquads",
    "parse_derived_proof_value",
    "proof_value_kind",
]

#: [ECDSA] §3.5.2 serializeBaseProofValue: CBOR tag 0x5d00 prefix of a base proof.
BASE_HEADER = b"\xd9\x5d\x00"
#: [ECDSA] §3.5.7 serializeDerivedProofValue: CBOR tag 0x5d01 prefix of a derived proof.
DERIVED_HEADER = b"\xd9\x5d\x01"
#: Most decoded bytes a proofValue may hold (about MAX_SIGNATURES signatures and labels).
MAX_PROOF_BYTES = 512 * 1024
#: Most non-mandatory statement signatures one derived proof may carry.
MAX_SIGNATURES = 4096
#: Most blank-node labels in one compressed label map.
MAX_LABELS = 4096
#: Most mandatory statement indexes.
MAX_MANDATORY = 4096
_MAX_ITEMS = max(MAX_SIGNATURES, MAX_LABELS, MAX_MANDATORY)
# [ECDSA] §3.5.8: the ephemeral key is a multikey P-256 compressed point (0x8024 ‖ 33 bytes).
_P256_MULTIKEY = b"\x80\x24"
_B64URL = re.compile(r"[A-Za-z0-9_-]*")
# A literal, an IRI, or a canonical blank node label: only the last is replaced, so text
# inside literals and IRIs that looks like ``_:c14n0`` stays as it is (fails closed).
_TERM = re.compile(r'"(?:[^"\\\n]|\\.)*"|<[^>\n]*>|_:(c14n[0-9]+)')


def _b64url_decode(text: str) -> bytes:
    if not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        msg = "proofValue is not base64url without padding"
        raise ProofError(msg)
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):  # pragma: no cover - excluded by the pattern
        msg = "proofValue is not base64url without padding"
        raise ProofError(msg) from None


def _b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def proof_value_kind(value: Any) -> Literal["base", "derived"] | None:
    """Whether an ``ecdsa-sd-2023`` proofValue is a base or a derived proof (by its header)."""
    if not isinstance(value, str) or not value.startswith("u"):
        return None
    try:
        head = _b64url_decode(value[1:5])
    except ProofError:
        return None
    if head.startswith(BASE_HEADER):
        return "base"
    if head.startswith(DERIVED_HEADER):
        return "derived"
    return None


@dataclass(frozen=True)
class DerivedProof:
    """The parts of a derived proofValue ([ECDSA] §3.5.8 parseDerivedProofValue).

    :ivar base_signature: the issuer's 64-byte P-256 signature (r ‖ s).
    :ivar public_key: the ephemeral key, multikey bytes (0x8024 ‖ compressed point).
    :ivar signatures: one 64-byte signature per non-mandatory statement, in order.
    :ivar label_map: canonical label (``c14n0``) -> HMAC label (``u…``), decompressed.
    :ivar mandatory_indexes: positions of the mandatory statements in the sorted N-Quads.
    """

    base_signature: bytes
    public_key: bytes
    signatures: tuple[bytes, ...]
    label_map: dict[str, str]
    mandatory_indexes: frozenset[int]


def decompress_label_map(compressed: dict[int, bytes]) -> dict[str, str]:
    """[ECDSA] §3.5.6 decompressLabelMap: ``k -> v`` becomes ``"c14n<k>" -> "u" + b64url(v)``.

    :raises ProofError: more than :data:`MAX_LABELS` entries, or two keys with one label.
    """
    if len(compressed) > MAX_LABELS:
        msg = f"the label map has {len(compressed)} entries (limit {MAX_LABELS})"
        raise ProofError(msg)
    labels = {f"c14n{k}": "u" + _b64url_encode(v) for k, v in compressed.items()}
    if len(set(labels.values())) != len(labels):
        msg = "the label map gives two blank nodes the same label"
        raise ProofError(msg)
    return labels


def _bytes_of(value: Any, length: int, what: str) -> bytes:
    if not isinstance(value, bytes) or len(value) != length:
        msg = f"{what} must be a {length}-byte string"
        raise ProofError(msg)
    return value


def parse_derived_proof_value(value: Any) -> DerivedProof:
    """[ECDSA] §3.5.8 parseDerivedProofValue, with every length bounded.

    :raises ProofError: not a ``u``-base64url derived proof, bad CBOR, or a part of the wrong
        type, length or count.
    """
    if not isinstance(value, str) or not value.startswith("u"):
        msg = "proofValue must be a multibase base64url string (starting with 'u')"
        raise ProofError(msg)
    if len(value) > 2 + (MAX_PROOF_BYTES * 4) // 3:
        msg = f"proofValue is longer than {MAX_PROOF_BYTES} bytes"
        raise ProofError(msg)
    raw = _b64url_decode(value[1:])
    if not raw.startswith(DERIVED_HEADER):
        msg = f"proofValue header is {raw[:3].hex()}, not a derived proof ({DERIVED_HEADER.hex()})"
        raise ProofError(msg)
    parts = _cbor.decode(raw[len(DERIVED_HEADER) :], max_items=_MAX_ITEMS)
    if not isinstance(parts, list) or len(parts) != 5:
        msg = "a derived proofValue must be a CBOR array of 5 elements"
        raise ProofError(msg)
    base_signature, public_key, signatures, labels, mandatory = parts
    _bytes_of(base_signature, 64, "baseSignature")
    if not _bytes_of(public_key, 35, "publicKey").startswith(_P256_MULTIKEY):
        msg = "publicKey is not a multikey P-256 key (header 0x8024)"
        raise ProofError(msg)
    if not isinstance(signatures, list) or len(signatures) > MAX_SIGNATURES:
        msg = f"signatures must be an array of at most {MAX_SIGNATURES} signatures"
        raise ProofError(msg)
    for signature in signatures:
        _bytes_of(signature, 64, "each signature")
    if not isinstance(labels, dict):
        msg = "compressedLabelMap must be a CBOR map"
        raise ProofError(msg)
    for label in labels.values():
        _bytes_of(label, 32, "each label map value")
    if not isinstance(mandatory, list) or len(mandatory) > MAX_MANDATORY:
        msg = f"mandatoryIndexes must be an array of at most {MAX_MANDATORY} integers"
        raise ProofError(msg)
    if not all(isinstance(i, int) for i in mandatory):
        msg = "mandatoryIndexes must hold integers"
        raise ProofError(msg)
    return DerivedProof(
        base_signature,
        public_key,
        tuple(signatures),
        decompress_label_map(labels),
        frozenset(mandatory),
    )


def label_replaced_nquads(canonical: str, label_map: dict[str, str]) -> list[str]:
    """[DI] labelReplacementCanonicalizeJsonLd after RDFC-1.0, with [DI] createLabelMapFunction.

    Each canonical blank node ``_:c14nN`` (a term, not text inside a literal or IRI) becomes
    ``_:`` + ``label_map["c14nN"]``; the lines (each ending in ``\\n``) are then sorted.

    :raises ProofError: a blank node the label map does not name (the document was changed).
    """

    def replace(match: re.Match[str]) -> str:
        label = match.group(1)
        if label is None:
            return match.group(0)
        new = label_map.get(label)
        if new is None:
            msg = "the document has a blank node that the proof's label map does not name"
            raise ProofError(msg)
        return "_:" + new

    # split on "\n" only: literals may hold U+2028 or U+0085, which splitlines() breaks on
    lines = canonical.split("\n")[:-1]
    return sorted(_TERM.sub(replace, line) + "\n" for line in lines)


@dataclass(frozen=True)
class VerifyData:
    """[ECDSA] §3.5.x createVerifyData output.

    :ivar proof_hash: SHA-256 of the canonical proof configuration.
    :ivar mandatory_hash: SHA-256 of the concatenated mandatory N-Quads.
    :ivar non_mandatory: the other N-Quads, in order (each signed on its own).
    """

    proof_hash: bytes
    mandatory_hash: bytes
    non_mandatory: tuple[str, ...]


def create_verify_data(
    document: dict[str, Any], proof: dict[str, Any], parsed: DerivedProof, loader: StaticLoader
) -> VerifyData:
    """[ECDSA] createVerifyData for a derived proof already parsed.

    :raises ProofError: a blank node missing from the label map.
    :raises UnsafeJsonLdError, DocumentLoaderError, CredentialError: from canonicalization.
    """
    config = canonize_memo(proof_config(document, proof), loader)
    proof_hash = hashlib.sha256(config.encode("utf-8")).digest()
    nquads = label_replaced_nquads(canonize(unsecured(document), loader), parsed.label_map)
    mandatory = [q for i, q in enumerate(nquads) if i in parsed.mandatory_indexes]
    others = tuple(q for i, q in enumerate(nquads) if i not in parsed.mandatory_indexes)
    mandatory_hash = hashlib.sha256("".join(mandatory).encode("utf-8")).digest()
    return VerifyData(proof_hash, mandatory_hash, others)
