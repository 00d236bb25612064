"""The ``proof`` and ``issuer_binding`` checks from proof results (not public API;
ob3-spec.md §3).

A proof set (several proofs) is listed proof by proof in ``details["proofs"]``; the verdict
follows :func:`badgekit.proofs.api.combine`: one proof by the issuer's key must verify and
none may be broken.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..errors import BadgekitError
from ..keys.keypair import JWS_ALG
from ..proofs.api import BROKEN
from ..proofs.registry import SUITES
from .ob2 import OFFLINE
from .report import CheckResult, CheckStatus

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..keys.resolver import Resolver
    from ..proofs.base import ProofResult

__all__ = ["check_proof", "offline_key", "short_id", "suite_label", "unconfirmed_binding"]

PASSED, FAILED, WARNING, SKIPPED = (
    CheckStatus.PASSED,
    CheckStatus.FAILED,
    CheckStatus.WARNING,
    CheckStatus.SKIPPED,
)

#: Suites without a cryptosuite name; every other is "Data Integrity (<cryptosuite>)".
_SUITE_LABEL = {"ed25519-2020": "Ed25519Signature2020", "none": "no proof"}
# A multibase key, a JWK thumbprint or a hash: long runs that mean nothing to a person.
_LONG_TOKEN = re.compile(r"[A-Za-z0-9_-]{28,}")


def short_id(value: str) -> str:
    """``value`` with each long key/hash token shortened to ``z6MkehRg…gvVd`` (for messages;
    the full value stays in ``details``)."""
    did, sep, fragment = value.partition("#")
    if sep and did == f"did:key:{fragment}":
        value = did  # a did:key's one key: did:key:z6Mk…#z6Mk… says the same thing twice
    return _LONG_TOKEN.sub(lambda m: f"{m.group()[:8]}…{m.group()[-4:]}", value)


def suite_label(result: ProofResult) -> str:
    """A person's name for the proof format of ``result``."""
    if result.suite == "jwt":
        alg = JWS_ALG.get(result.key_type) if result.key_type in JWS_ALG else None
        return f"VC-JWT ({alg})" if alg else "VC-JWT"
    if result.suite in _SUITE_LABEL:
        return _SUITE_LABEL[result.suite]
    # a suite badgekit knows is a Data Integrity cryptosuite; anything else by its own name
    return f"Data Integrity ({result.suite})" if result.suite in SUITES else result.suite


def _listed(result: ProofResult) -> dict[str, Any]:
    return {k: v for k, v in result.to_dict().items() if v is not None}


def _each(proofs: Sequence[ProofResult]) -> str:
    """`` (2 proofs: Data Integrity (eddsa-rdfc-2022) valid; VC-JWT (ES256) not valid)``."""
    if len(proofs) < 2:
        return ""
    parts = []
    for r in proofs:
        if r.verified:
            state = "valid"
        elif r.reason_code == "controller_mismatch":
            state = "valid, by a key that is not the issuer's"
        else:
            state = f"not valid ({r.reason_code.replace('_', ' ')})"
        parts.append(f"{suite_label(r)} {state}")
    return f" ({len(proofs)} proofs: {'; '.join(parts)})"


def check_proof(
    result: ProofResult, proofs: Sequence[ProofResult] = ()
) -> tuple[CheckResult, CheckResult]:
    """Map a :class:`ProofResult` (the combined answer of ``proofs``, if several) to the
    ``proof`` and ``issuer_binding`` checks."""
    proof, binding = _check_one(result)
    if len(proofs) < 2:
        return proof, binding
    listed = [_listed(r) for r in proofs]
    message = proof.message + _each(proofs)
    if proof.status is FAILED and result.reason_code in BROKEN and any(r.verified for r in proofs):
        # a good proof beside a forged or damaged one: the credential is not what was signed
        message = f"one of the proofs is broken: {proof.message}{_each(proofs)}"
    return (
        CheckResult(
            "proof", proof.status, proof.code, message, {**proof.details, "proofs": listed}
        ),
        binding,
    )


def _check_one(result: ProofResult) -> tuple[CheckResult, CheckResult]:
    details = _listed(result)
    code = result.reason_code
    label = suite_label(result)
    if result.verified or code in ("expired", "not_yet_valid"):
        # A VC-JWT whose exp/nbf has passed has a good signature; ``dates`` reports the rest.
        key = short_id(result.verification_method or "the issuer's key")
        msg = f"the {label} signature is valid (key {key})"
        binding = f"the signing key belongs to the issuer {short_id(result.controller or '')}"
        return (
            CheckResult("proof", PASSED, "ok", msg, details),
            CheckResult("issuer_binding", PASSED, "ok", binding.rstrip(), details),
        )
    if code == "controller_mismatch":
        # The proof layers check the signature first: it is genuine, but made with a key
        # that is not the issuer's (anyone can sign anything with their own key).
        key = short_id(result.verification_method or "an unnamed key")
        msg = f"the {label} signature is valid, but made with key {key} (see issuer_binding)"
        binding = "the badge was signed with a key that does not belong to its issuer: " + short_id(
            result.message
        )
        return (
            CheckResult("proof", PASSED, "ok", msg, details),
            CheckResult("issuer_binding", FAILED, code, binding, details),
        )
    skipped = CheckResult(
        "issuer_binding", SKIPPED, "no_key", "not checked: no signing key was confirmed"
    )
    plain = {
        "no_proof": "the credential has no signature: nothing shows who issued it",
        "bad_signature": (
            f"the {label} signature does not match: the badge was changed after it was "
            "signed, or was signed with another key"
        ),
        "resolution_failed": f"the issuer's key could not be found: {result.message}",
        "unsupported_suite": f"this kind of signature is not supported: {result.message}",
        "key_type_mismatch": f"the key does not fit the signature: {result.message}",
        # vc-di-ecdsa §3.4: the holder derives a disclosure from a base proof; the base proof
        # itself is not meant to be shown or checked by anyone else
        "sd_base_proof": (
            "this is the holder's copy of a selective-disclosure badge (an ecdsa-sd-2023 base "
            "proof): it is for its holder to make a shareable copy from, not for display; ask "
            "the holder for the copy they share"
        ),
    }
    msg = plain.get(code, f"the {label} signature is not valid: {result.message}")
    return CheckResult("proof", FAILED, code, msg, details), skipped


def offline_key(proof: CheckResult, vm: str | None, *, online: bool) -> CheckResult:
    """Offline, a key that only the issuer's website (did:web, an HTTPS key document) can
    give was not looked at: the badge is unverified, not shown to be bad."""
    if (
        online
        or proof.code != "resolution_failed"
        or not vm
        or not vm.startswith(("did:web:", "https://", "http://"))
    ):
        return proof
    where = short_id(vm.partition("#")[0])
    msg = f"the issuer's key is published at {where}, which was not opened ({OFFLINE})"
    return CheckResult("proof", SKIPPED, "offline", msg, proof.details)


def unconfirmed_binding(binding: CheckResult, vm: str | None, resolver: Resolver) -> CheckResult:
    """Warn when an HTTPS issuer's key is bound only by its URL (ob3-spec.md §3.3)."""
    if binding.status is not PASSED or not vm:
        return binding
    try:
        source = resolver.resolve(vm).source
    except BadgekitError:
        return binding
    if source != "fragment":
        return binding
    msg = (
        "the key is named in the issuer's web address but was not confirmed with the "
        "issuer's published keys (run with --online to confirm)"
    )
    return CheckResult("issuer_binding", WARNING, "unconfirmed", msg, binding.details)
