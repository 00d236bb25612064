"""``DataIntegrityProof`` with cryptosuite ``ecdsa-sd-2023``: derived proofs, verify only.

(not public API)

[ECDSA] (W3C vc-di-ecdsa) §3.4 "ecdsa-sd-2023", algorithm verifyDerivedProof: the issuer's
P-256 key signs ``proofHash ‖ publicKey ‖ mandatoryHash`` (the base signature); an ephemeral
P-256 key (``publicKey``) signs each non-mandatory N-Quad of the disclosed document on its
own.  The 1EdTech validator accepts this suite (ob3-spec.md §3.2).

A *base* proof (header ``0xd9 0x5d 0x00``) is what the issuer hands the holder to derive
disclosures from; it is refused with ``sd_base_proof``.  badgekit never signs with this suite.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import KeyMaterialError, ProofError, SigningError
from ..keys.keypair import KeyPair
from ..keys.multibase import b58encode
from . import _sd
from ._di import JSONLD_ERRORS, issuer_bound, jsonld_code, key_facts, method_id, resolve_for
from .base import ProofResult, parse_datetime

if TYPE_CHECKING:
    from ..jsonld.loader import StaticLoader
    from ..keys.resolver import Resolver

__all__ = ["ECDSA_SD_2023", "EcdsaSd2023Suite"]

_PURPOSE = "assertionMethod"  # ob3-spec.md §3.2
_BASE_MESSAGE = (
    "this is an ecdsa-sd-2023 base proof: it is for the holder to derive a selective "
    "disclosure from, not for display or verification (ask the holder for a derived proof)"
)


def _fail(code: str, message: str, **kw: Any) -> ProofResult:
    return ProofResult(False, ECDSA_SD_2023.name, reason_code=code, message=message, **kw)


@dataclass(frozen=True)
class EcdsaSd2023Suite:
    """The ``ecdsa-sd-2023`` suite: verifies derived proofs, refuses base proofs, never signs.

    :ivar name: registry name.
    :ivar proof_type: the proof ``type``.
    :ivar cryptosuite: the ``cryptosuite`` value.
    :ivar can_sign: always ``False``.
    """

    name: str = "ecdsa-sd-2023"
    proof_type: str = "DataIntegrityProof"
    cryptosuite: str = "ecdsa-sd-2023"
    can_sign: bool = False

    def matches(self, proof: dict[str, Any]) -> bool:
        """Whether ``proof`` is a ``DataIntegrityProof`` with cryptosuite ``ecdsa-sd-2023``."""
        return proof.get("type") == self.proof_type and proof.get("cryptosuite") == self.cryptosuite

    def create_proof(
        self,
        document: dict[str, Any],
        key: KeyPair,
        *,
        verification_method: str,
        created: str | None,
        loader: StaticLoader,
    ) -> dict[str, Any]:
        """Not supported: badgekit verifies ecdsa-sd-2023 derived proofs only.

        :raises SigningError: always.
        """
        msg = "badgekit does not sign ecdsa-sd-2023 (it verifies derived proofs only)"
        raise SigningError(msg)

    def verify_proof(
        self,
        document: dict[str, Any],
        proof: dict[str, Any],
        *,
        resolver: Resolver,
        loader: StaticLoader,
    ) -> ProofResult:
        """Check a derived proof over the disclosed ``document``; never raises for a bad proof."""
        if not isinstance(document, dict) or not isinstance(proof, dict):
            msg = "document and proof must be dicts"
            raise TypeError(msg)
        vm = method_id(proof)
        problem = self._malformed(proof, vm)
        if problem:
            return _fail("malformed_proof", problem, verification_method=vm)
        kind = _sd.proof_value_kind(proof["proofValue"])
        if kind == "base":
            return _fail("sd_base_proof", _BASE_MESSAGE, verification_method=vm)
        try:
            parsed = _sd.parse_derived_proof_value(proof["proofValue"])
            ephemeral = KeyPair.from_public_multibase("z" + b58encode(parsed.public_key))
        except (ProofError, KeyMaterialError) as e:
            return _fail("malformed_proof", f"malformed ecdsa-sd-2023 proofValue: {e}")
        assert isinstance(vm, str)  # checked by _malformed
        resolved = resolve_for(self.name, resolver, vm)
        if isinstance(resolved, ProofResult):
            return resolved
        where = key_facts(vm, resolved)
        if resolved.key.kind != "p256":
            msg = f"{self.name} needs a P-256 key; {vm} is {resolved.key.kind}"
            return _fail("key_type_mismatch", msg, **where)
        try:
            data = _sd.create_verify_data(document, proof, parsed, loader)
        except ProofError as e:
            return _fail("bad_signature", str(e), **where)
        except JSONLD_ERRORS as e:
            return _fail(jsonld_code(e), str(e), **where)
        problem = _check_signatures(resolved.key, ephemeral, parsed, data)
        if problem:
            return _fail("bad_signature", problem, **where)
        return issuer_bound(self.name, document, where)

    def _malformed(self, proof: dict[str, Any], vm: Any) -> str | None:
        if not self.matches(proof):
            return f"proof is not a DataIntegrityProof with cryptosuite {self.cryptosuite}"
        if proof.get("proofPurpose") != _PURPOSE:
            return f"proofPurpose is {proof.get('proofPurpose')!r}, expected {_PURPOSE!r}"
        if not isinstance(vm, str) or not vm:
            return "proof has no verificationMethod"
        if _sd.proof_value_kind(proof.get("proofValue")) is None:
            return (
                "proofValue is not an ecdsa-sd-2023 base or derived proof "
                "('u' + base64url, header d95d00 or d95d01)"
            )
        created = proof.get("created")
        if created is not None and parse_datetime(created) is None:
            return f"proof created {created!r} is not an xsd:dateTime"
        return None


def _check_signatures(
    issuer_key: KeyPair, ephemeral: KeyPair, parsed: _sd.DerivedProof, data: _sd.VerifyData
) -> str | None:
    """[ECDSA] verifyDerivedProof steps: counts, the base signature, each statement's."""
    if len(parsed.signatures) != len(data.non_mandatory):
        return (
            f"the disclosed document has {len(data.non_mandatory)} non-mandatory statements "
            f"but the proof signs {len(parsed.signatures)}: statements were added or removed"
        )
    signed = data.proof_hash + parsed.public_key + data.mandatory_hash
    if not issuer_key.verify(parsed.base_signature, signed):
        return "the ecdsa-sd-2023 base signature does not match the mandatory statements"
    for signature, quad in zip(parsed.signatures, data.non_mandatory, strict=True):
        if not ephemeral.verify(signature, quad.encode("utf-8")):
            return "a disclosed statement does not match its ecdsa-sd-2023 signature"
    return None


#: Verify only.
ECDSA_SD_2023 = EcdsaSd2023Suite()
