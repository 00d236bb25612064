"""did:key and did:web: identifiers, URL mapping and DID documents (not public API).

did:key documents are derived offline from the key itself; did:web documents are built here
for publishing and fetched by :mod:`badgekit.keys.resolver` (ob3-spec.md §3.3).
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from ..errors import KeyMaterialError, ResolutionError
from .keypair import KeyPair

__all__ = [
    "DID_CONTEXT",
    "JWK_CONTEXT",
    "MULTIKEY_CONTEXT",
    "did_key_document",
    "did_key_public",
    "did_web_document",
    "did_web_from_domain",
    "did_web_to_url",
    "verification_method",
]

DID_CONTEXT = "https://www.w3.org/ns/did/v1"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
#: Controlled Identifiers v1: defines ``JsonWebKey``/``publicKeyJwk`` (used for RSA keys).
JWK_CONTEXT = "https://www.w3.org/ns/cid/v1"

#: The verification relationships a did:key lists its key under ([DIDKEY]).
_DID_KEY_RELATIONSHIPS = (
    "authentication",
    "assertionMethod",
    "capabilityInvocation",
    "capabilityDelegation",
)
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
# A did:web path segment: unreserved and percent-encoded characters only ([DIDWEB] §Create).
_SEGMENT = re.compile(r"^(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+$")


# --- did:key --- #


def did_key_public(did: str) -> KeyPair:
    """The public key a ``did:key`` stands for (Ed25519 ``z6Mk…``, P-256 ``zDn…``, P-384 ``z82…``).

    :raises ResolutionError: not a did:key, or its key does not decode.
    """
    if not isinstance(did, str) or not did.startswith("did:key:"):
        msg = f"not a did:key identifier: {did!r:.60}"
        raise ResolutionError(msg)
    value = did[len("did:key:") :]
    try:
        key = KeyPair.from_public_multibase(value)
    except KeyMaterialError as e:
        msg = f"{did}: {e}"
        raise ResolutionError(msg) from None
    if key.public_multibase != value:
        msg = f"{did}: the key is not in its canonical multibase form"
        raise ResolutionError(msg)
    return key


def verification_method(key: KeyPair, vm_id: str, controller: str) -> dict[str, Any]:
    """A verification method object for a public key.

    Ed25519, P-256 and P-384 keys become ``Multikey`` with ``publicKeyMultibase`` (ob3-spec.md
    §3.3, [CID], [ECDSA] §2.1.1); RSA keys, which have no Multikey form here, become
    ``JsonWebKey`` with ``publicKeyJwk``.
    """
    if key.kind == "rsa":
        return {
            "id": vm_id,
            "type": "JsonWebKey",
            "controller": controller,
            "publicKeyJwk": key.public_jwk,
        }
    return {
        "id": vm_id,
        "type": "Multikey",
        "controller": controller,
        "publicKeyMultibase": key.public_multibase,
    }


def did_key_document(did: str) -> dict[str, Any]:
    """The DID document of a ``did:key``, derived offline ([DIDKEY], ob3-spec.md §3.3).

    One Multikey verification method ``did:key:z…#z…`` controlled by the DID, listed under
    authentication, assertionMethod, capabilityInvocation and capabilityDelegation.

    :raises ResolutionError: not a valid did:key.
    """
    key = did_key_public(did.split("#", 1)[0])
    did = key.did_key
    vm_id = key.did_key_vm
    document: dict[str, Any] = {
        "@context": [DID_CONTEXT, MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": [verification_method(key, vm_id, did)],
    }
    for relationship in _DID_KEY_RELATIONSHIPS:
        document[relationship] = [vm_id]
    return document


# --- did:web --- #


def _check_host(host: str, where: str) -> None:
    """A did:web host must be a DNS name: IP addresses are not allowed ([DIDWEB])."""
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        ipaddress.ip_address(bare)
    except ValueError:
        pass
    else:
        msg = f"{where}: did:web does not allow IP addresses ({bare})"
        raise ResolutionError(msg)
    labels = host.rstrip(".").split(".")
    if len(host) > 253 or not all(_LABEL.match(label) for label in labels):
        msg = f"{where}: {host!r} is not a valid domain name"
        raise ResolutionError(msg)
    if labels[-1].isdigit():
        msg = f"{where}: {host!r} is not a valid domain name"
        raise ResolutionError(msg)


def _check_port(port: str, where: str) -> None:
    if not port.isdigit() or not 0 < int(port) < 65536:
        msg = f"{where}: invalid port {port!r}"
        raise ResolutionError(msg)


def _check_segments(segments: list[str], where: str) -> None:
    for segment in segments:
        if not _SEGMENT.match(segment) or segment in {".", ".."}:
            msg = f"{where}: invalid path segment {segment!r}"
            raise ResolutionError(msg)


def did_web_to_url(did: str) -> str:
    """The HTTPS URL of a did:web DID document ([DIDWEB] §Read, ob3-spec.md §3.3).

    ``:`` separates path segments, ``%3A`` in the host part is the port, ``/.well-known``
    is used when there is no path, and ``/did.json`` is appended:

    >>> did_web_to_url("did:web:example.com%3A3000:user:alice")
    'https://example.com:3000/user/alice/did.json'
    >>> did_web_to_url("did:web:example.com")
    'https://example.com/.well-known/did.json'

    :raises ResolutionError: not a did:web, an IP address, or a malformed host or path.
    """
    if not isinstance(did, str) or not did.startswith("did:web:"):
        msg = f"not a did:web identifier: {did!r:.60}"
        raise ResolutionError(msg)
    if any(c in did for c in "#?/"):
        msg = f"{did}: a did:web DID has no path, query or fragment (give the DID itself)"
        raise ResolutionError(msg)
    host_part, *segments = did[len("did:web:") :].split(":")
    host, sep, port = host_part.replace("%3a", "%3A").partition("%3A")
    _check_host(host, did)
    if sep:
        _check_port(port, did)
    _check_segments(segments, did)
    authority = f"{host.lower()}:{port}" if sep else host.lower()
    path = "/".join(segments) if segments else ".well-known"
    return f"https://{authority}/{path}/did.json"


def did_web_from_domain(domain_and_path: str) -> str:
    """The did:web DID for a domain and optional port and path.

    >>> did_web_from_domain("example.com:3000/user/alice")
    'did:web:example.com%3A3000:user:alice'

    :raises ResolutionError: an IP address, or a malformed domain, port or path.
    """
    where = domain_and_path
    text = domain_and_path.strip()
    if text.lower().startswith("https://"):
        text = text[len("https://") :]
    authority, _, path = text.partition("/")
    path = path.strip("/")
    if path.endswith("did.json"):
        msg = f"{where}: give the domain and path of the DID, not the did.json URL"
        raise ResolutionError(msg)
    host, sep, port = authority.partition(":")
    _check_host(host, where)
    if sep:
        _check_port(port, where)
    segments = path.split("/") if path else []
    _check_segments(segments, where)
    did = "did:web:" + host.lower() + (f"%3A{port}" if sep else "")
    return ":".join([did, *segments])


def did_web_document(key: KeyPair, domain_and_path: str) -> tuple[str, dict[str, Any]]:
    """Build the did:web DID and the DID document to publish for ``key``.

    The verification method id is ``<did>#<publicKeyMultibase>``, so verifiers that take the
    key from a multibase fragment (the 1EdTech validator) and verifiers that fetch the
    document see the same key; it is listed under ``assertionMethod`` (the proof purpose of
    Open Badges) and ``authentication``.  RSA keys get a ``JsonWebKey`` method with id
    ``<did>#<JWK thumbprint>``.

    :returns: ``(did, document)``; serve the document at :func:`did_web_to_url` of the DID.
    :raises ResolutionError: a bad domain or path.
    """
    did = did_web_from_domain(domain_and_path)
    if key.kind == "rsa":
        vm_id = f"{did}#{key.fingerprint}"
        contexts = [DID_CONTEXT, JWK_CONTEXT]
    else:
        vm_id = f"{did}#{key.public_multibase}"
        contexts = [DID_CONTEXT, MULTIKEY_CONTEXT]
    document: dict[str, Any] = {
        "@context": contexts,
        "id": did,
        "verificationMethod": [verification_method(key, vm_id, did)],
        "authentication": [vm_id],
        "assertionMethod": [vm_id],
    }
    return did, document
