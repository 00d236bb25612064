"""Signing many credentials with one key: the batch's hot path (not public API).

For ``eddsa-rdfc-2022`` ([EDDSA] §3.2, ob3-spec.md §3.2) and ``ecdsa-rdfc-2019`` with a P-256
key ([ECDSA] §3.2: the same construction, SHA-256) the proof is built exactly as
:func:`badgekit.sign` builds it, with three per-batch caches: the verification method (derived
and checked once per issuer), the hash of the canonical proof configuration (identical for every
credential of the batch: same ``created``, method and contexts), and the JSON-LD expansion of
the credential's shape (:class:`~badgekit.jsonld.template.TemplateCanonizer`).  Ed25519 and
badgekit's ECDSA (RFC 6979) signatures are deterministic, so the first credential is also
signed by :func:`badgekit.sign` and the two results must be identical, or the batch stops.
Every other suite (and P-384, whose RDFC-1.0 hash is SHA-384) is signed by
:func:`badgekit.sign` itself.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from ..errors import SigningError
from ..jsonld.canon import canonize_memo
from ..jsonld.loader import StaticLoader
from ..jsonld.template import TemplateCanonizer
from ..keys.multibase import b58encode
from ..proofs._di import DataIntegritySuite, proof_config, unsecured
from ..proofs.api import default_verification_method, sign
from ..proofs.base import format_datetime, issuer_id
from ..proofs.registry import SUITES

if TYPE_CHECKING:
    from datetime import datetime

    from ..keys.keypair import KeyPair

__all__ = ["BatchSigner"]

#: Suites with the fast path, for keys whose hash is SHA-256 (Ed25519, P-256): the template
#: canonizer runs RDFC-1.0 with SHA-256 only (P-384 needs SHA-384, [ECDSA] §3).
_FAST_SUITES = ("eddsa-rdfc-2022", "ecdsa-rdfc-2019")


class BatchSigner:
    """Signs credentials for one batch: same key, suite and ``created`` time.

    :param key: the issuer's private key.
    :param suite: the proof suite (the fast path is ``eddsa-rdfc-2022``, and
        ``ecdsa-rdfc-2019`` with a P-256 key).
    :param now: the proof's ``created`` time.
    :param loader: the JSON-LD loader (one per worker, so its caches stay warm).
    """

    def __init__(
        self,
        key: KeyPair,
        *,
        suite: str,
        now: datetime,
        loader: StaticLoader | None = None,
    ) -> None:
        self.key = key
        self.suite = suite
        self.now = now
        self.created = format_datetime(now)
        self.loader = loader or StaticLoader()
        self.canonizer = TemplateCanonizer(self.loader)
        self._methods: dict[str, str] = {}
        self._config_hashes: dict[str, bytes] = {}
        self._checked = False
        impl = SUITES.get(suite)
        self._fast = (
            suite in _FAST_SUITES
            and isinstance(impl, DataIntegritySuite)
            and impl.hash_for(key.kind) == "sha256"
        )

    def _method(self, issuer: str) -> str:
        vm = self._methods.get(issuer)
        if vm is None:
            vm = default_verification_method(issuer, self.key)
            self._methods[issuer] = vm
        return vm

    def _config_hash(self, document: dict[str, Any], proof: dict[str, Any]) -> bytes:
        config = proof_config(document, proof)
        key = repr(config)
        digest = self._config_hashes.get(key)
        if digest is None:
            canonical = canonize_memo(config, self.loader)
            digest = hashlib.sha256(canonical.encode("utf-8")).digest()
            self._config_hashes[key] = digest
        return digest

    def sign(self, credential: dict[str, Any]) -> dict[str, Any] | str:
        """Sign one credential; the same result as ``badgekit.sign(credential, key, ...)``.

        :returns: the signed credential (a new dict) or, for ``jwt``, a compact JWS.
        :raises SigningError: the key cannot sign for the credential's issuer.
        :raises BadgekitError: any error :func:`badgekit.sign` raises.
        """
        if not self._fast or "proof" in credential:
            return sign(credential, self.key, suite=self.suite, now=self.now, loader=self.loader)
        issuer = issuer_id(credential)
        if issuer is None:
            return sign(credential, self.key, suite=self.suite, now=self.now, loader=self.loader)
        proof: dict[str, Any] = {
            "type": "DataIntegrityProof",
            "created": self.created,
            "verificationMethod": self._method(issuer),
            "cryptosuite": self.suite,
            "proofPurpose": "assertionMethod",
        }
        document = unsecured(credential)
        doc_hash = hashlib.sha256(self.canonizer.canonize(document).encode("utf-8")).digest()
        signature = self.key.sign(self._config_hash(document, proof) + doc_hash)
        proof["proofValue"] = "z" + b58encode(signature)
        signed = {**credential, "proof": [proof]}
        if not self._checked:
            reference = sign(credential, self.key, suite=self.suite, now=self.now)
            if reference != signed:
                msg = "the batch signer disagrees with badgekit.sign; refusing to continue"
                raise SigningError(msg)
            self._checked = True
        return signed
