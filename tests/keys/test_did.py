"""did:key documents and did:web URL mapping and documents (ob3-spec.md §3.3)."""

from __future__ import annotations

from typing import Any

import pytest

from badgekit.errors import ResolutionError
from badgekit.keys import KeyPair
from badgekit.keys.did import (
    did_key_document,
    did_key_public,
    did_web_document,
    did_web_from_domain,
    did_web_to_url,
)

VECTOR_DID = "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"


def test_did_key_document_shape() -> None:
    vm = f"{VECTOR_DID}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
    assert did_key_document(VECTOR_DID) == {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": VECTOR_DID,
        "verificationMethod": [
            {
                "id": vm,
                "type": "Multikey",
                "controller": VECTOR_DID,
                "publicKeyMultibase": "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
            }
        ],
        "authentication": [vm],
        "assertionMethod": [vm],
        "capabilityInvocation": [vm],
        "capabilityDelegation": [vm],
    }


def test_did_key_p256() -> None:
    key = KeyPair.generate("p256")
    assert key.did_key.startswith("did:key:zDn")
    document = did_key_document(key.did_key)
    assert document["verificationMethod"][0]["id"] == key.did_key_vm
    assert did_key_public(key.did_key).public_jwk == key.public_jwk


@pytest.mark.parametrize(
    "did",
    [
        "did:web:example.com",
        "did:key:",
        "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hw",  # one character short
        "did:key:zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx",
        "did:key:z6Mk0OIl",  # not base58
    ],
)
def test_did_key_refuses_bad_identifiers(did: str) -> None:
    with pytest.raises(ResolutionError):
        did_key_document(did)


@pytest.mark.parametrize(
    ("did", "url"),
    [
        ("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json"),
        ("did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json"),
        ("did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json"),
        ("did:web:example.com%3a8443", "https://example.com:8443/.well-known/did.json"),
        ("did:web:Example.COM:Issuers:1", "https://example.com/Issuers/1/did.json"),
        ("did:web:example.com:a%20b", "https://example.com/a%20b/did.json"),
    ],
)
def test_did_web_to_url(did: str, url: str) -> None:
    assert did_web_to_url(did) == url


@pytest.mark.parametrize(
    ("did", "message"),
    [
        ("did:web:127.0.0.1", "does not allow IP addresses"),
        ("did:web:[::1]", "not a valid domain name"),  # colons split it; refused anyway
        ("did:web:10.0.0.1%3A8080", "does not allow IP addresses"),
        ("did:web:exa_mple.com", "not a valid domain name"),
        ("did:web:", "not a valid domain name"),
        ("did:web:example.com%3A0", "invalid port"),
        ("did:web:example.com%3Ahttp", "invalid port"),
        ("did:web:example.com:..:etc", "invalid path segment"),
        ("did:web:example.com::x", "invalid path segment"),
        ("did:web:example.com#key-1", "no path, query or fragment"),
        ("did:key:z6Mk", "not a did:web"),
    ],
)
def test_did_web_to_url_refusals(did: str, message: str) -> None:
    with pytest.raises(ResolutionError, match=message):
        did_web_to_url(did)


@pytest.mark.parametrize(
    ("domain", "did"),
    [
        ("example.org", "did:web:example.org"),
        ("example.org/issuers/1", "did:web:example.org:issuers:1"),
        ("https://example.org/issuers/1/", "did:web:example.org:issuers:1"),
        ("example.com:3000/user/alice", "did:web:example.com%3A3000:user:alice"),
    ],
)
def test_did_web_from_domain(domain: str, did: str) -> None:
    assert did_web_from_domain(domain) == did


@pytest.mark.parametrize("domain", ["192.168.0.1", "example.org/x/did.json", "bad host", "a:b"])
def test_did_web_from_domain_refusals(domain: str) -> None:
    with pytest.raises(ResolutionError):
        did_web_from_domain(domain)


def test_did_web_document_for_ed25519() -> None:
    key = KeyPair.generate()
    did, document = did_web_document(key, "example.org:8443/issuers/7")
    vm = f"did:web:example.org%3A8443:issuers:7#{key.public_multibase}"
    assert did == "did:web:example.org%3A8443:issuers:7"
    assert document["id"] == did
    assert document["@context"][0] == "https://www.w3.org/ns/did/v1"
    assert document["verificationMethod"] == [
        {
            "id": vm,
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.public_multibase,
        }
    ]
    assert document["assertionMethod"] == [vm]
    assert did_web_to_url(did) == "https://example.org:8443/issuers/7/did.json"


def test_did_web_document_for_rsa_uses_a_public_jwk() -> None:
    key = KeyPair.generate("rsa", rsa_bits=2048)
    did, document = did_web_document(key, "example.org")
    method: dict[str, Any] = document["verificationMethod"][0]
    assert method["type"] == "JsonWebKey"
    assert method["id"] == f"{did}#{key.fingerprint}"
    assert method["publicKeyJwk"] == key.public_jwk
    assert "d" not in method["publicKeyJwk"]
    assert document["assertionMethod"] == [method["id"]]
