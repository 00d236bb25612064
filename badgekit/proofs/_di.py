"""The Data Integrity construction shared by eddsa-rdfc-2022, Ed25519Signature2020 and
ecdsa-rdfc-2019 (not public API).

ob3-spec.md §3.2 ([EDDSA] §3.2): ``proofConfig`` = the proof without ``proofValue``, with the
document's ``@context``; ``hashData`` = H(RDFC-1.0(proofConfig)) ‖ H(RDFC-1.0(document without
proof)); ``proofValue`` = ``"z"`` + base58btc(signature over ``hashData``).  Both
canonicalizations run in safe mode.

What differs per suite is which key types may sign, and per key type the hash ``H`` (also
RDFC-1.0's own hash) and the signature: Ed25519 uses SHA-256 and a 64-byte Ed25519
signature; [ECDSA] §3.2.4 "Hashing (ecdsa-rdfc-2019)" uses SHA-256 for P-256 and SHA-384 for
P-384 (and RDFC-1.0 with SHA-384 for P-384, [ECDSA] §3 "canon-and-hash"), §3.2.6 signs with
ECDSA over the curve's hash as ``r‖s``, 64 or 96 bytes (:meth:`KeyPair.sign
<badgekit.keys.keypair.KeyPair.sign>`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import (
    CredentialError,
    DocumentLoaderError,
    KeyMaterialError,
    NetworkError,
    SigningError,
    UnsafeJsonLdError,
)
from ..jsonld.canon import canonize, canonize_memo
from ..keys.keypair import KEY_LABELS
from ..keys.multibase import b58decode, b58encode
from .base import ProofResult, issuer_id, parse_datetime

if TYPE_CHECKING:
    from ..jsonld.canon import RdfcHash
    from ..jsonld.loader import StaticLoader
    from ..keys.keypair import KeyPair, KeyType
    from ..keys.resolver import ResolvedKey, Resolver

__all__ = [
    "JSONLD_ERRORS",
    "DataIntegritySuite",
    "hash_data",
    "issuer_bound",
    "jsonld_code",
    "key_facts",
    "method_id",
    "proof_config",
    "resolve_for",
    "unsecured",
]

_PURPOSE = "assertionMethod"  # ob3-spec.md §3.2: proofPurpose MUST be assertionMethod
# base58 decoding is quadratic: a 96-byte signature is at most 132 characters.
_MAX_PROOF_VALUE = 200
#: The suite that signs with each key type (for the hint in a key type mismatch).
_SUITE_FOR_KIND = {
    "ed25519": "eddsa-rdfc-2022",
    "p256": "ecdsa-rdfc-2019",
    "p384": "ecdsa-rdfc-2019",
    "rsa": "jwt (VC-JWT)",
}


def unsecured(document: dict[str, Any]) -> dict[str, Any]:
    """The document without its ``proof`` (a proof set: every proof signs the same bytes)."""
    return {k: v for k, v in document.items() if k != "proof"}


def proof_config(document: dict[str, Any], proof: dict[str, Any]) -> dict[str, Any]:
    """The proof without ``proofValue``, with the document's ``@context`` ([EDDSA] §3.2.x)."""
    config = {k: v for k, v in proof.items() if k not in ("proofValue", "@context")}
    if "@context" in document:
        config["@context"] = document["@context"]
    return config


def hash_data(
    document: dict[str, Any],
    config: dict[str, Any],
    loader: StaticLoader,
    hash_algorithm: RdfcHash = "sha256",
) -> bytes:
    """H(canonical proof config) ‖ H(canonical document): 64 bytes (SHA-256) or 96 (SHA-384).

    ``hash_algorithm`` is also RDFC-1.0's own hash ([ECDSA] §3 "canon-and-hash").  The proof
    config is memoised in the loader (identical across a batch).
    """
    config_nquads = canonize_memo(config, loader, hash_algorithm=hash_algorithm)
    doc_nquads = canonize(unsecured(document), loader, hash_algorithm=hash_algorithm)
    config_hash = hashlib.new(hash_algorithm, config_nquads.encode("utf-8")).digest()
    doc_hash = hashlib.new(hash_algorithm, doc_nquads.encode("utf-8")).digest()
    return config_hash + doc_hash


def decode_proof_value(value: Any, lengths: tuple[int, ...] = (64,)) -> bytes | None:
    """The signature bytes of a ``z``-base58btc ``proofValue`` of one of ``lengths``, or
    ``None``."""
    if not isinstance(value, str) or not value.startswith("z") or len(value) > _MAX_PROOF_VALUE:
        return None
    try:
        raw = b58decode(value[1:])
    except KeyMaterialError:
        return None
    return raw if len(raw) in lengths else None


def _fail(suite: str, code: str, message: str, **kw: Any) -> ProofResult:
    return ProofResult(False, suite, reason_code=code, message=message, **kw)


def method_id(proof: dict[str, Any]) -> Any:
    """The proof's ``verificationMethod`` id (given as a string or as an object with an id)."""
    vm = proof.get("verificationMethod")
    return vm.get("id") if isinstance(vm, dict) else vm


def resolve_for(suite: str, resolver: Resolver, vm: str) -> ResolvedKey | ProofResult:
    """The key ``vm`` names, or the ``resolution_failed`` result saying why not."""
    try:
        return resolver.resolve(vm)
    except (KeyMaterialError, NetworkError) as e:
        return _fail(suite, "resolution_failed", str(e), verification_method=vm)


def key_facts(vm: str, resolved: ResolvedKey) -> dict[str, Any]:
    """What every result after resolution names: the method, its controller, the key type."""
    return {
        "verification_method": vm,
        "controller": resolved.controller,
        "key_type": resolved.key.kind,
    }


#: What canonicalizing a document to check its proof can raise (each a failed proof).
JSONLD_ERRORS = (DocumentLoaderError, UnsafeJsonLdError, CredentialError)


def jsonld_code(error: Exception) -> str:
    """The reason code of a :data:`JSONLD_ERRORS` error."""
    if isinstance(error, DocumentLoaderError):
        return "unknown_context"
    return "unsafe_jsonld" if isinstance(error, UnsafeJsonLdError) else "invalid_jsonld"


def issuer_bound(suite: str, document: dict[str, Any], where: dict[str, Any]) -> ProofResult:
    """The result once the signature is good: verified if the key's controller is the issuer.

    Checked after the signature (as VC-JWT does): a changed issuer id is tampering
    (bad_signature); controller_mismatch means a good signature by someone else's key.
    """
    issuer = issuer_id(document)
    if where["controller"] != issuer:
        msg = f"key controller {where['controller']} does not match issuer {issuer}"
        return _fail(suite, "controller_mismatch", msg, **where)
    return ProofResult(True, suite, **where)


@dataclass(frozen=True)
class DataIntegritySuite:
    """A suite built on the shared construction; the subclasses set the proof shape.

    :ivar name: registry name.
    :ivar proof_type: the proof ``type``.
    :ivar cryptosuite: the ``cryptosuite`` value, or ``None`` for suites without one.
    :ivar can_sign: whether new proofs may be made (legacy names verify only).
    :ivar requires_created: ``created`` is mandatory (Ed25519Signature2020).
    :ivar required_context: a context URL the document must list, if any.
    :ivar key_hashes: the key types that may sign, each with its hash (module docstring).
    """

    name: str
    proof_type: str
    cryptosuite: str | None
    can_sign: bool = True
    requires_created: bool = False
    required_context: str | None = None
    key_hashes: tuple[tuple[KeyType, RdfcHash], ...] = (("ed25519", "sha256"),)

    def matches(self, proof: dict[str, Any]) -> bool:
        """Whether ``proof`` has this suite's ``type`` (and ``cryptosuite``)."""
        return proof.get("type") == self.proof_type and proof.get("cryptosuite") == self.cryptosuite

    def hash_for(self, kind: str) -> RdfcHash | None:
        """The hash this suite uses with a ``kind`` key, ``None`` if such keys cannot sign."""
        return next((h for k, h in self.key_hashes if k == kind), None)

    def _kinds_text(self) -> str:
        return " or ".join(KEY_LABELS[k] for k, _ in self.key_hashes)

    def _wrong_kind(self, kind: KeyType) -> str:
        """Why a ``kind`` key cannot make or check this suite's proofs, with the suite it can."""
        label = KEY_LABELS[kind]
        return (
            f"{self.name} signs with {self._kinds_text()} keys only, not {label} "
            f"({label} keys sign with {_SUITE_FOR_KIND[kind]})"
        )

    def _signature_lengths(self) -> tuple[int, ...]:
        # Ed25519 and P-256 signatures are 64 bytes, P-384 ones 96 ([ECDSA] §3.2.6).
        return tuple(sorted({96 if k == "p384" else 64 for k, _ in self.key_hashes}))

    def _check_context(self, document: dict[str, Any]) -> str | None:
        if self.required_context is None:
            return None
        ctx = document.get("@context")
        listed = ctx if isinstance(ctx, list) else [ctx]
        if self.required_context in listed:
            return None
        return f"{self.proof_type} needs the context {self.required_context} in the document"

    def create_proof(
        self,
        document: dict[str, Any],
        key: KeyPair,
        *,
        verification_method: str,
        created: str | None,
        loader: StaticLoader,
    ) -> dict[str, Any]:
        """Sign ``document`` (its ``proof``, if any, is left out) and return the new proof.

        :raises SigningError: a key type this suite does not sign with, a missing context, or a
            bad ``created``.
        :raises UnsafeJsonLdError: safe mode rejected the document.
        """
        hash_algorithm = self.hash_for(key.kind)
        if hash_algorithm is None:
            raise SigningError(self._wrong_kind(key.kind))
        if not self.can_sign:
            msg = f"{self.name} is accepted for verification only; sign with eddsa-rdfc-2022"
            raise SigningError(msg)
        problem = self._check_context(document)
        if problem:
            raise SigningError(problem)
        if created is None and self.requires_created:
            msg = f"{self.proof_type} requires a created date"
            raise SigningError(msg)
        if created is not None and parse_datetime(created) is None:
            msg = f"created {created!r} is not an xsd:dateTime with a time zone"
            raise SigningError(msg)
        proof: dict[str, Any] = {"type": self.proof_type}
        if created is not None:
            proof["created"] = created
        proof["verificationMethod"] = verification_method
        if self.cryptosuite is not None:
            proof["cryptosuite"] = self.cryptosuite
        proof["proofPurpose"] = _PURPOSE
        data = hash_data(document, proof_config(document, proof), loader, hash_algorithm)
        proof["proofValue"] = "z" + b58encode(key.sign(data))
        return proof

    def verify_proof(
        self,
        document: dict[str, Any],
        proof: dict[str, Any],
        *,
        resolver: Resolver,
        loader: StaticLoader,
    ) -> ProofResult:
        """Check one proof over ``document``; never raises for a bad proof."""
        if not isinstance(document, dict) or not isinstance(proof, dict):
            msg = "document and proof must be dicts"
            raise TypeError(msg)
        vm = method_id(proof)
        problem = self._malformed(document, proof, vm)
        if problem:
            return _fail(self.name, "malformed_proof", problem, verification_method=vm)
        signature = decode_proof_value(proof["proofValue"], self._signature_lengths())
        if signature is None or not isinstance(vm, str):  # pragma: no cover - see _malformed
            return _fail(self.name, "malformed_proof", "malformed proof")
        resolved = resolve_for(self.name, resolver, vm)
        if isinstance(resolved, ProofResult):
            return resolved
        where = key_facts(vm, resolved)
        hash_algorithm = self.hash_for(resolved.key.kind)
        if hash_algorithm is None:
            msg = f"{self._wrong_kind(resolved.key.kind)}; {vm} is a {resolved.key.label} key"
            return _fail(self.name, "key_type_mismatch", msg, **where)
        if len(signature) != resolved.key.signature_size:
            msg = (
                f"the proofValue holds a {len(signature)}-byte signature, but a "
                f"{resolved.key.label} key ({vm}) signs {resolved.key.signature_size} bytes"
            )
            return _fail(self.name, "key_type_mismatch", msg, **where)
        try:
            data = hash_data(document, proof_config(document, proof), loader, hash_algorithm)
        except JSONLD_ERRORS as e:
            return _fail(self.name, jsonld_code(e), str(e), **where)
        if not resolved.key.verify(signature, data):
            msg = f"the {self.name} signature does not match the document"
            return _fail(self.name, "bad_signature", msg, **where)
        return issuer_bound(self.name, document, where)

    def _malformed(self, document: dict[str, Any], proof: dict[str, Any], vm: Any) -> str | None:
        if not self.matches(proof):
            return f"proof type {proof.get('type')!r} is not {self.proof_type}"
        if proof.get("proofPurpose") != _PURPOSE:
            return f"proofPurpose is {proof.get('proofPurpose')!r}, expected {_PURPOSE!r}"
        if not isinstance(vm, str) or not vm:
            return "proof has no verificationMethod"
        lengths = self._signature_lengths()
        if decode_proof_value(proof.get("proofValue"), lengths) is None:
            sizes = " or ".join(str(n) for n in lengths)
            return f"proofValue is not a z-base58btc {sizes}-byte signature"
        created = proof.get("created")
        if created is None and self.requires_created:
            return f"{self.proof_type} proof has no created date"
        if created is not None and parse_datetime(created) is None:
            return f"proof created {created!r} is not an xsd:dateTime"
        return self._check_context(document)
