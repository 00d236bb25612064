"""did:jwk: a DID that is a public JWK, resolved offline (not public API).

From the did:jwk method specification (quartzjer/did-jwk ``spec.md``): the DID is ``did:jwk:``
followed by the base64url (no padding) of the JWK's UTF-8 JSON; the DID document has one
verification method, always ``<did>#0`` (a ``kid`` in the JWK is not used), controlled by the
DID.  "Only JWKs containing public key material may be used": a JWK with ``d`` (or any other
private or symmetric member) is refused, as is one whose ``use`` is not ``sig`` (``enc`` keys
are listed only under ``keyAgreement``, so they cannot sign credentials).

The same key can be written as many did:jwk strings (member order, whitespace), so the DID is
taken exactly as given and never re-serialized; :attr:`KeyPair.did_jwk
<badgekit.keys.keypair.KeyPair.did_jwk>` writes the sorted compact form of the spec's examples.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import TYPE_CHECKING, Any

from ..errors import ResolutionError
from .jwks import jwk_key

if TYPE_CHECKING:
    from .keypair import KeyPair

__all__ = [
    "DID_JWK_FRAGMENT",
    "JWS_2020_CONTEXT",
    "did_jwk_document",
    "did_jwk_public",
    "did_jwk_vm",
]

#: The one verification method of a did:jwk ("#0 is the only valid value").
DID_JWK_FRAGMENT = "0"
#: The context the did:jwk specification's documents name (``JsonWebKey2020``).
JWS_2020_CONTEXT = "https://w3id.org/security/suites/jws-2020/v1"
_DID_CONTEXT = "https://www.w3.org/ns/did/v1"
_PREFIX = "did:jwk:"
_B64URL = re.compile(r"^[A-Za-z0-9_-]+$")  # base64url-value := [A-Za-z0-9_-]+
_MAX_CHARS = 8192  # an RSA-4096 JWK is about 1,000 characters in base64url
_SIG_RELATIONSHIPS = (
    "assertionMethod",
    "authentication",
    "capabilityInvocation",
    "capabilityDelegation",
)


def did_jwk_vm(did: str) -> str:
    """The verification method id of a did:jwk: ``<did>#0``."""
    return f"{did}#{DID_JWK_FRAGMENT}"


def _jwk(did: str) -> dict[str, Any]:
    """The JWK a did:jwk carries (read step 1-3).

    :raises ResolutionError: not a did:jwk, too long, not base64url, or not a JSON object.
    """
    if not isinstance(did, str) or not did.startswith(_PREFIX):
        msg = f"not a did:jwk identifier: {did!r:.60}"
        raise ResolutionError(msg)
    value = did[len(_PREFIX) :]
    if len(value) > _MAX_CHARS:
        msg = f"did:jwk is {len(value)} characters; at most {_MAX_CHARS} are read"
        raise ResolutionError(msg)
    if not _B64URL.match(value) or len(value) % 4 == 1:
        msg = f"{did:.60}…: the did:jwk value is not base64url without padding"
        raise ResolutionError(msg)
    try:
        text = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("utf-8")
        jwk = json.loads(text)
    except (binascii.Error, ValueError, RecursionError):  # UnicodeDecodeError, JSONDecodeError
        msg = f"{did:.60}…: the did:jwk value is not a UTF-8 JSON JWK"
        raise ResolutionError(msg) from None
    if not isinstance(jwk, dict):
        msg = f"{did:.60}…: the did:jwk value is not a JSON object"
        raise ResolutionError(msg)
    return jwk


def did_jwk_public(did: str) -> KeyPair:
    """The public key a ``did:jwk`` stands for (OKP Ed25519, EC P-256/P-384, or RSA).

    :raises ResolutionError: not a did:jwk, a private or symmetric JWK, ``use`` other than
        ``sig``, or an unsupported or malformed key.
    """
    return jwk_key(_jwk(did), did if len(did) <= 80 else f"{did[:77]}…")


def did_jwk_document(did: str) -> dict[str, Any]:
    """The DID document of a ``did:jwk``, derived offline (did:jwk spec, "Create").

    One ``JsonWebKey2020`` method ``<did>#0`` with the JWK as given, listed under every
    signing relationship (a signing key has no ``keyAgreement``).

    :raises ResolutionError: as :func:`did_jwk_public`.
    """
    did = did.split("#", 1)[0]
    did_jwk_public(did)  # refuses private, "enc" and unreadable keys
    vm_id = did_jwk_vm(did)
    document: dict[str, Any] = {
        "@context": [_DID_CONTEXT, JWS_2020_CONTEXT],
        "id": did,
        "verificationMethod": [
            {"id": vm_id, "type": "JsonWebKey2020", "controller": did, "publicKeyJwk": _jwk(did)}
        ],
    }
    for relationship in _SIG_RELATIONSHIPS:
        document[relationship] = [vm_id]
    return document
