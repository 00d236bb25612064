"""``sign`` and ``verify_proof``: the recipes behind the facade (not public API).

Default verification method (ob3-spec.md §3.3 "Issuer-key binding", "Safest choices"):

* issuer ``did:key:z…``: the DID's own key, ``did:key:z…#z…``; signing refuses any other key;
* issuer ``did:jwk:…``: likewise the DID's own key, ``did:jwk:…#0`` (did:jwk spec);
* issuer ``did:web:…``, ``https://…`` or ``http://…``: ``<issuer id>#<publicKeyMultibase>``
  (the 1EdTech validator shortcut, resolvable offline); RSA keys, which have no Multikey form,
  get ``<issuer id>#<JWK thumbprint>`` and need that key published (VC-JWT only);
* any other issuer id (``urn:uuid:…``): no default, pass ``verification_method``.

An explicit ``verification_method`` whose key can be read from the id itself (a did:key, a
did:jwk, or a ``#z6Mk…``/``#zDn…``/``#z82…`` fragment) must be *this* key, under the issuer id.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import CredentialError, KeyMaterialError, ResolutionError, SigningError
from ..jsonld.loader import default_loader
from ..jsonld.safe import check_safe
from ..keys.did_jwk import did_jwk_public, did_jwk_vm
from ..keys.keypair import JWS_ALG, MULTIKEY_PREFIXES, KeyPair
from ..keys.resolver import Resolver
from ._di import DataIntegritySuite
from .base import ProofResult, format_datetime, issuer_id, parse_datetime
from .registry import DEFAULT_SUITE, SUITES, embedded_suite_for, get
from .vc_jwt import VcJwtSuite, verify_jwt

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..jsonld.loader import StaticLoader

__all__ = [
    "BROKEN",
    "combine",
    "default_verification_method",
    "sign",
    "verify_proof",
    "verify_proofs",
]


def _key_in_id(vm: str) -> KeyPair | None:
    """The public key an id names by itself (a did:key, a did:jwk, or a ``#z6Mk…``/``#zDn…``/
    ``#z82…`` fragment)."""
    if vm.startswith("did:jwk:"):
        try:
            return did_jwk_public(vm.partition("#")[0])
        except ResolutionError:
            return None
    fragment = vm.partition("#")[2]
    candidate = fragment or (vm[len("did:key:") :] if vm.startswith("did:key:") else "")
    if not candidate.startswith(MULTIKEY_PREFIXES):
        return None
    try:
        return KeyPair.from_public_multibase(candidate)
    except KeyMaterialError:
        return None


def default_verification_method(issuer: str, key: KeyPair) -> str:
    """The verification method id ``sign`` uses for ``issuer`` and ``key`` (module docstring).

    :raises SigningError: the key cannot belong to the issuer, or no rule applies.
    """
    if issuer.startswith("did:key:"):
        if key.kind == "rsa" or issuer.partition("#")[0] != key.did_key:
            msg = f"issuer {issuer} is a did:key of another key; this key cannot sign for it"
            raise SigningError(msg)
        return key.did_key_vm
    if issuer.startswith("did:jwk:"):
        if "#" in issuer:
            msg = f"issuer id {issuer} has a #fragment; a did:jwk issuer is the DID itself"
            raise SigningError(msg)
        try:
            own = did_jwk_public(issuer)
        except ResolutionError as e:
            msg = f"issuer {issuer} is not a usable did:jwk ({e})"
            raise SigningError(msg) from None
        if own.public_jwk != key.public_jwk:
            msg = f"issuer {issuer} is a did:jwk of another key; this key cannot sign for it"
            raise SigningError(msg)
        return did_jwk_vm(issuer)
    if issuer.startswith(("did:web:", "https://", "http://")):
        if "#" in issuer:  # <issuer>#<key> would not be an IRI, nor have the issuer as controller
            msg = f"issuer id {issuer} has a #fragment; no verification method can be derived"
            raise SigningError(msg)
        fragment = key.fingerprint if key.kind == "rsa" else key.public_multibase
        return f"{issuer}#{fragment}"
    msg = f"cannot derive a verification method for issuer {issuer!r}; pass one explicitly"
    raise SigningError(msg)


def _check_binding(vm: str, issuer: str, key: KeyPair) -> None:
    if vm.startswith(("did:key:", "did:jwk:")):
        try:  # offline: a did:key/did:jwk VM no verifier can resolve is never signed
            Resolver().resolve(vm)
        except ResolutionError as e:
            method = vm[: len("did:key")]
            msg = f"verification method {vm} is not a usable {method} ({e})"
            raise SigningError(msg) from None
    named = _key_in_id(vm)
    if named is None:
        return  # the id does not say which key it is; resolution will tell the verifier
    if named.public_jwk != key.public_jwk:
        msg = f"verification method {vm} names a different key than the signing key"
        raise SigningError(msg)
    controller = vm.partition("#")[0]
    if controller != issuer:
        msg = f"verification method {vm} is controlled by {controller}, not issuer {issuer}"
        raise SigningError(msg)


def _check_alg(impl: object, key: KeyPair, alg: str) -> None:
    """An embedded proof signs with the key's own algorithm: ``alg`` may only repeat it."""
    if isinstance(impl, DataIntegritySuite):
        algs = sorted({JWS_ALG[kind] for kind, _ in impl.key_hashes})
        if alg not in algs:
            msg = f"suite {impl.name} signs with {' or '.join(algs)}, not {alg}"
            raise SigningError(msg)
    if alg != key.jws_alg:
        msg = f"alg {alg} does not fit a {key.label} key (it signs {key.jws_alg})"
        raise SigningError(msg)


def _created(created: datetime | str | None, now: datetime | None) -> str:
    if isinstance(created, str):
        if parse_datetime(created) is None:
            msg = f"created {created!r} is not an ISO 8601 date-time with a time zone"
            raise SigningError(msg)
        return created
    when = created or now or datetime.now(UTC)
    if when.tzinfo is None:
        msg = "created/now must be timezone-aware datetimes"
        raise ValueError(msg)
    return format_datetime(when)


def sign(
    credential: dict[str, Any],
    key: KeyPair,
    *,
    suite: str = DEFAULT_SUITE,
    alg: str | None = None,
    verification_method: str | None = None,
    created: datetime | str | None = None,
    now: datetime | None = None,
    loader: StaticLoader | None = None,
) -> dict[str, Any] | str:
    """Sign an Open Badges credential (Data Integrity proof or VC-JWT).

    >>> signed = badgekit.sign(credential, KeyPair.load("issuer.pem"))   # doctest: +SKIP
    >>> signed["proof"][-1]["cryptosuite"]                                # doctest: +SKIP
    'eddsa-rdfc-2022'

    The credential is checked in JSON-LD safe mode first: an undefined term or a relative IRI
    cannot be signed.

    :param credential: the credential dict; an existing ``proof`` is kept (proof set).
    :param key: a private :class:`KeyPair`: Ed25519 for ``eddsa-rdfc-2022``/``ed25519-2020``,
        P-256 or P-384 for ``ecdsa-rdfc-2019``, any for ``jwt``.
    :param suite: ``eddsa-rdfc-2022`` (default), ``ed25519-2020``, ``ecdsa-rdfc-2019`` or
        ``jwt``.
    :param alg: for ``jwt``: ``EdDSA``, ``RS256``, ``ES256`` or ``ES384``; must fit the key
        (for an embedded proof it may only repeat the key's own algorithm).
    :param verification_method: the key id to name; default derived from issuer and key
        (``did:key``/``did:jwk`` issuer: its key; ``https``/``did:web`` issuer:
        ``<id>#<multibase>``).
    :param created: the proof's ``created`` (default: ``now``, or the current UTC time).
    :param now: the current time, injected (timezone-aware).
    :param loader: a :class:`StaticLoader` (default: bundled contexts only).
    :returns: a new dict with the proof appended to a ``proof`` array, or a compact JWS.
    :raises SigningError: the key cannot sign for this issuer or suite.
    :raises UnsupportedSuiteError: an unknown or verify-only suite.
    :raises UnsafeJsonLdError: an undefined term or a relative IRI.
    :raises DocumentLoaderError: a context that is not bundled.
    :raises CredentialError: no issuer id, or invalid JSON-LD.
    """
    if not isinstance(credential, dict):
        msg = f"credential must be a dict, not {type(credential).__name__}"
        raise TypeError(msg)
    if not isinstance(key, KeyPair):
        msg = f"key must be a KeyPair, not {type(key).__name__}"
        raise TypeError(msg)
    impl = get(suite, allowed=[n for n, s in SUITES.items() if s.can_sign])
    if not key.has_private:
        msg = "signing needs a private key; this KeyPair is public only"
        raise KeyMaterialError(msg)
    issuer = issuer_id(credential)
    if issuer is None:
        msg = "the credential has no issuer id (issuer or issuer.id)"
        raise CredentialError(msg)
    vm = verification_method or default_verification_method(issuer, key)
    _check_binding(vm, issuer, key)
    loader = loader or default_loader()
    document = {k: v for k, v in credential.items() if k != "proof"}
    if isinstance(impl, VcJwtSuite):
        check_safe(document, loader)  # a credential with an undefined term is not signed
        return impl.sign(credential, key, kid=vm, alg=alg)
    if alg is not None:
        _check_alg(impl, key, alg)
    stamp = _created(created, now)
    proof = impl.create_proof(document, key, verification_method=vm, created=stamp, loader=loader)
    existing = credential.get("proof")
    proofs = existing if isinstance(existing, list) else ([existing] if existing else [])
    # ob3-spec.md §5: always emit proof as an array
    return {**credential, "proof": [*proofs, proof]}


def _allowed(allowed_suites: Iterable[str] | None) -> list[str]:
    names = list(SUITES) if allowed_suites is None else list(allowed_suites)
    for name in names:
        get(name)  # an unknown name is a programming error
    return names


#: Reason codes of a proof that is *broken*: it claims to sign this credential and does not
#: (a proof by someone else's key, or of a suite badgekit does not know, is not broken).
BROKEN = frozenset({"bad_signature", "malformed_proof", "key_type_mismatch", "claims_mismatch"})


def verify_proofs(
    credential: dict[str, Any] | str,
    *,
    resolver: Resolver | None = None,
    now: datetime | None = None,
    allowed_suites: Iterable[str] | None = None,
    loader: StaticLoader | None = None,
) -> tuple[ProofResult, ...]:
    """Check every proof of a credential (a proof set, ob3-spec.md §3), one result each.

    Arguments as :func:`verify_proof`; a compact JWS gives one result, a credential without
    proofs one ``no_proof`` result.  :func:`combine` turns them into one answer.
    """
    allowed = _allowed(allowed_suites)
    resolver = resolver or Resolver()
    loader = loader or default_loader()
    if isinstance(credential, str):
        text = credential.strip()
        if not text.startswith("{"):
            if "jwt" not in allowed:
                msg = f"VC-JWT is not allowed (allowed: {', '.join(allowed)})"
                return (ProofResult(False, "jwt", reason_code="unsupported_suite", message=msg),)
            return (verify_jwt(text, resolver=resolver, now=now or datetime.now(UTC)),)
        try:
            credential = json.loads(text)
        except ValueError as e:
            msg = f"credential text is neither JSON nor a compact JWS ({e})"
            raise CredentialError(msg) from None
    if not isinstance(credential, dict):
        msg = f"credential must be a dict or a str, not {type(credential).__name__}"
        raise TypeError(msg)
    raw = credential.get("proof")
    proofs = raw if isinstance(raw, list) else ([raw] if raw is not None else [])
    if not proofs:
        return (ProofResult(False, "none", reason_code="no_proof", message="no proof to verify"),)
    return tuple(_verify_one(credential, proof, allowed, resolver, loader) for proof in proofs)


def combine(results: Iterable[ProofResult]) -> ProofResult:
    """One answer for a proof set: the first broken proof if any (a forged or damaged proof
    sinks the credential even beside a good one), else the first proof that verified (by the
    issuer's key), else the first failure."""
    results = tuple(results)
    if not results:
        return ProofResult(False, "none", reason_code="no_proof", message="no proof to verify")
    broken = [r for r in results if r.reason_code in BROKEN]
    verified = [r for r in results if r.verified]
    return (broken or verified or list(results))[0]


def verify_proof(
    credential: dict[str, Any] | str,
    *,
    resolver: Resolver | None = None,
    now: datetime | None = None,
    allowed_suites: Iterable[str] | None = None,
    loader: StaticLoader | None = None,
) -> ProofResult:
    """Verify the proof of a credential: any one valid embedded proof, or a VC-JWT.

    >>> badgekit.verify_proof(signed).verified          # doctest: +SKIP
    True

    Never raises because a proof is bad: the result says which suite, which key, and why not
    (``reason_code``).  The key's controller must be the credential's issuer.  With several
    proofs, one must verify and none may be broken (:func:`combine`).

    :param credential: a credential dict, its JSON text, or a compact JWS string.
    :param resolver: resolves verification methods (default: offline ``Resolver()``).
    :param now: the current time for JWT ``nbf``/``exp`` (default: current UTC time).
    :param allowed_suites: suite names to accept (default: all known).
    :param loader: a :class:`StaticLoader` (default: bundled contexts only).
    :returns: a :class:`ProofResult` (see :func:`combine`).
    :raises UnsupportedSuiteError: ``allowed_suites`` names an unknown suite.
    :raises CredentialError: text that is neither JSON nor a compact JWS.
    """
    return combine(
        verify_proofs(
            credential, resolver=resolver, now=now, allowed_suites=allowed_suites, loader=loader
        )
    )


def _verify_one(
    credential: dict[str, Any],
    proof: Any,
    allowed: list[str],
    resolver: Resolver,
    loader: StaticLoader,
) -> ProofResult:
    suite = embedded_suite_for(proof)
    if suite is None:
        kind = proof.get("cryptosuite") or proof.get("type") if isinstance(proof, dict) else None
        msg = f"unsupported proof {kind!r}"
        return ProofResult(False, str(kind), reason_code="unsupported_suite", message=msg)
    if suite.name not in allowed:
        msg = f"suite {suite.name} is not allowed (allowed: {', '.join(allowed)})"
        return ProofResult(False, suite.name, reason_code="unsupported_suite", message=msg)
    return suite.verify_proof(credential, proof, resolver=resolver, loader=loader)
