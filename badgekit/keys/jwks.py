"""JWKs and JWK Sets as published key documents (not public API).

ob3-spec.md §3.1: a VC-JWT ``kid`` "is a URI that dereferences to a JWK"; without a ``kid``
the ``jwk`` header carries the public key, and the implementation guide has issuers publish a
JWK Set at ``https://{authority of issuer id}/.well-known/jwks.json`` in which the ``kid`` or
``jwk`` must appear (a JWK "may carry ``iss`` = issuer id").  This module reads such
documents: it refuses any private or symmetric key material in them, picks the key a ``kid``
or a key's RFC 7638 thumbprint names, and says where an issuer's JWK Set lives.  Fetching
and caching are the :class:`~badgekit.keys.resolver.Resolver`'s job.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..errors import KeyMaterialError, ResolutionError
from .keypair import KeyPair

__all__ = [
    "JWKS_ACCEPT",
    "JWKS_PATH",
    "is_jwk",
    "is_jwk_set",
    "jwk_iss",
    "jwk_key",
    "jwks_url",
    "kid_document_key",
    "select",
    "set_members",
    "thumbprint",
]

#: Where an issuer publishes its JWK Set, under the authority of its id (ob3-spec.md §3.1).
JWKS_PATH = "/.well-known/jwks.json"
JWKS_ACCEPT = "application/jwk-set+json, application/jwk+json;q=0.9, application/json;q=0.8"
# Private members of RSA/EC/OKP JWKs (RFC 7518 §6.2.2, §6.3.2; RFC 8037) and "k" of oct keys.
_PRIVATE = ("d", "p", "q", "dp", "dq", "qi", "oth", "k")


def is_jwk(document: Any) -> bool:
    """Whether ``document`` is a bare JWK (an object with ``kty``, not a verification method)."""
    return isinstance(document, dict) and "kty" in document and "type" not in document


def is_jwk_set(document: Any) -> bool:
    """Whether ``document`` is a JWK Set (``{"keys": [...]}``, RFC 7517 §5)."""
    return isinstance(document, dict) and isinstance(document.get("keys"), list)


def jwks_url(issuer_id: str) -> str | None:
    """``https://{authority}/.well-known/jwks.json`` of an ``https://`` issuer id, or ``None``."""
    try:
        parts = urlsplit(issuer_id)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() != "https" or not parts.hostname or parts.username is not None:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"https://{host}{f':{port}' if port else ''}{JWKS_PATH}"


def _refuse_secrets(jwk: dict[str, Any], where: str) -> None:
    if jwk.get("kty") == "oct":
        msg = f"{where}: a symmetric (kty oct) key cannot verify a public signature; refused"
        raise ResolutionError(msg)
    leaked = [m for m in _PRIVATE if m in jwk]
    if leaked:
        msg = f"{where}: the JWK holds private key material ({', '.join(leaked)}); refused"
        raise ResolutionError(msg)


def set_members(document: dict[str, Any], where: str) -> list[dict[str, Any]]:
    """The keys of a JWK Set, refusing the whole set if any key is private or symmetric
    (a set that publishes a secret cannot be trusted for its other keys either).

    :raises ResolutionError: not a JWK Set, a member that is not an object, or a secret.
    """
    if not is_jwk_set(document):
        msg = f"{where}: not a JWK Set (a JSON object with a 'keys' array)"
        raise ResolutionError(msg)
    members: list[dict[str, Any]] = []
    for index, member in enumerate(document["keys"]):
        if not isinstance(member, dict):
            msg = f"{where}: keys[{index}] is not a JSON object"
            raise ResolutionError(msg)
        _refuse_secrets(member, f"{where} keys[{index}]")
        members.append(member)
    return members


def jwk_key(jwk: dict[str, Any], where: str) -> KeyPair:
    """The public key of a published JWK (RSA, EC P-256/P-384 or OKP Ed25519).

    :raises ResolutionError: private or symmetric material, ``use`` other than ``sig``, or an
        unsupported or malformed key.
    """
    _refuse_secrets(jwk, where)
    use = jwk.get("use")
    if use is not None and use != "sig":
        msg = f"{where}: the JWK is published for use {use!r}, not for signatures ('sig')"
        raise ResolutionError(msg)
    try:
        return KeyPair.from_jwk(jwk)
    except KeyMaterialError as e:
        msg = f"{where}: {e}"
        raise ResolutionError(msg) from None


def thumbprint(jwk: dict[str, Any]) -> str | None:
    """RFC 7638 thumbprint (SHA-256) of a JWK, ``None`` if badgekit cannot read the key."""
    try:
        return KeyPair.from_jwk({k: v for k, v in jwk.items() if k not in _PRIVATE}).fingerprint
    except (KeyMaterialError, TypeError, ValueError):
        return None


def jwk_iss(jwk: dict[str, Any], where: str) -> str | None:
    """The JWK's ``iss`` member (the issuer id it is published for), if any.

    :raises ResolutionError: ``iss`` is present but not a non-empty string.
    """
    iss = jwk.get("iss")
    if iss is None:
        return None
    if not isinstance(iss, str) or not iss:
        msg = f"{where}: the JWK's iss member is not a string"
        raise ResolutionError(msg)
    return iss


def select(
    members: list[dict[str, Any]],
    where: str,
    *,
    kids: tuple[str, ...] = (),
    thumb: str | None = None,
) -> dict[str, Any]:
    """The one member whose ``kid`` is in ``kids`` or whose thumbprint is ``thumb``.

    :raises ResolutionError: no member, or more than one, matches.
    """
    found = [
        m
        for m in members
        if (isinstance(m.get("kid"), str) and m["kid"] in kids)
        or (thumb is not None and thumbprint(m) == thumb)
    ]
    if len(found) == 1:
        return found[0]
    wanted = " or ".join(
        [*(f"kid {k!r}" for k in kids), *([f"thumbprint {thumb}"] if thumb else [])]
    )
    if not found:
        msg = f"{where}: no key with {wanted} in the JWK Set ({len(members)} keys)"
        raise ResolutionError(msg)
    msg = f"{where}: {len(found)} keys in the JWK Set match {wanted}; it must be one"
    raise ResolutionError(msg)


def kid_document_key(kid: str, document: dict[str, Any]) -> tuple[KeyPair, str | None]:
    """The key a ``kid`` URL names in the document it dereferences to, and the JWK's ``iss``.

    ``document`` is a bare JWK (the key itself) or a JWK Set, in which the member is chosen by
    ``kid`` member = the whole URL or its fragment, or by the fragment being its RFC 7638
    thumbprint.

    :raises ResolutionError: no single member matches, or a key is unusable or secret.
    """
    if is_jwk(document):
        jwk = document
    else:
        members = set_members(document, kid.partition("#")[0])
        fragment = kid.partition("#")[2]
        kids = (kid, fragment) if fragment else (kid,)
        jwk = select(members, kid, kids=kids, thumb=fragment or None)
    return jwk_key(jwk, kid).public(), jwk_iss(jwk, kid)
