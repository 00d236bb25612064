"""Resolver: offline did:key and fragment keys; online did:web and HTTPS key documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from keyserver import send_bytes, send_json

from badgekit.errors import ResolutionError
from badgekit.keys import KeyPair, ResolvedKey, Resolver, check_controller
from badgekit.keys.did import did_web_document

if TYPE_CHECKING:
    from keyserver import DocServer

    from badgekit.net import Fetcher

MB = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
DID = f"did:key:{MB}"


# --- offline --- #


def test_did_key_vm_offline() -> None:
    resolved = Resolver().resolve(f"{DID}#{MB}")
    assert resolved.id == f"{DID}#{MB}"
    assert resolved.controller == DID
    assert resolved.type == "Multikey"
    assert resolved.source == "did:key"
    assert resolved.key.public_multibase == MB
    assert not resolved.key.has_private


def test_bare_did_key_gives_its_one_method() -> None:
    assert Resolver().resolve(DID).id == f"{DID}#{MB}"


def test_did_key_p256_offline() -> None:
    key = KeyPair.generate("p256")
    resolved = Resolver().resolve(key.did_key_vm)
    assert resolved.key.public_jwk == key.public_jwk
    assert resolved.controller == key.did_key


def test_did_key_with_another_fragment_refused() -> None:
    with pytest.raises(ResolutionError, match="a did:key has one verification method"):
        Resolver().resolve(f"{DID}#key-1")


@pytest.mark.parametrize(
    "vm_id",
    [
        "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hw",
        "did:key:zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx",
        "did:ion:abc#key-1",
        "urn:uuid:1234",
        "",
        "   ",
    ],
)
def test_unresolvable_ids(vm_id: str) -> None:
    with pytest.raises(ResolutionError):
        Resolver(online=True).resolve(vm_id)


def test_1edtech_vector_fragment_key_needs_no_fetch(vector: dict[str, Any]) -> None:
    pair = vector["keyPair"]
    resolved = Resolver().resolve(pair["verificationMethodId"])
    assert resolved.key.public_bytes.hex() == pair["publicKeyHex"]
    assert resolved.controller == pair["controller"] == "https://example.edu/issuers/565049"
    assert resolved.source == "fragment"
    assert resolved.type == "Multikey"
    check_controller(resolved, pair["controller"])


def test_fragment_key_on_a_did_web_controller() -> None:
    resolved = Resolver().resolve(f"did:web:example.org#{MB}")
    assert resolved.controller == "did:web:example.org"


@pytest.mark.parametrize(
    "vm_id",
    [
        "https://example.edu/issuers/1#key-1",
        "https://example.edu/keys/1",
        "did:web:example.org#key-1",
        f"https://example.edu/issuers/1#{MB[:-1]}",  # not a valid key: needs the document
    ],
)
def test_network_needing_ids_refused_offline(vm_id: str) -> None:
    with pytest.raises(ResolutionError, match=r"online resolution is off.*Resolver\(online=True\)"):
        Resolver().resolve(vm_id)


def test_fragment_keys_can_be_turned_off(vector: dict[str, Any]) -> None:
    with pytest.raises(ResolutionError, match="online resolution is off"):
        Resolver(fragment_keys=False).resolve(vector["keyPair"]["verificationMethodId"])


def test_check_controller() -> None:
    resolved = Resolver().resolve(DID)
    check_controller(resolved, DID)
    Resolver().check_controller(resolved, DID)
    with pytest.raises(
        ResolutionError,
        match=rf"^key controller {DID} does not match issuer https://example\.org/issuer$",
    ):
        check_controller(resolved, "https://example.org/issuer")


# --- online: did:web over HTTPS --- #


@pytest.fixture
def online(local_fetcher: Fetcher) -> Resolver:
    """Online, and fetching even ``#z6Mk…`` ids (did_web_document uses such ids)."""
    return Resolver(online=True, fetcher=local_fetcher, fragment_keys=False)


def test_fragment_keys_win_even_online(https_server: DocServer, local_fetcher: Fetcher) -> None:
    key = KeyPair.generate()
    _, document = _publish(https_server, key)
    resolver = Resolver(online=True, fetcher=local_fetcher)
    assert resolver.resolve(document["assertionMethod"][0]).source == "fragment"
    assert https_server.requests == []


def _publish(server: DocServer, key: KeyPair, path: str = "") -> tuple[str, dict[str, Any]]:
    did, document = did_web_document(key, f"localhost:{server.port}{path}")
    served = f"{path}/did.json" if path else "/.well-known/did.json"
    server.routes[served] = send_json(document)
    return did, document


@pytest.mark.parametrize("kind", ["ed25519", "p256"])
def test_did_web_online(https_server: DocServer, online: Resolver, kind: Any) -> None:
    key = KeyPair.generate(kind)
    did, document = _publish(https_server, key)
    vm_id = document["assertionMethod"][0]
    resolved = online.resolve(vm_id)
    assert resolved == ResolvedKey(resolved.key, vm_id, did, "Multikey", "document")
    assert resolved.key.public_jwk == key.public_jwk
    assert https_server.requests[0][0] == "/.well-known/did.json"
    assert "application/did+json" in https_server.requests[0][1]["Accept"]


def test_did_web_with_path_and_relative_ids(https_server: DocServer, online: Resolver) -> None:
    key = KeyPair.generate()
    did = f"did:web:localhost%3A{https_server.port}:issuers:7"
    https_server.routes["/issuers/7/did.json"] = send_json(
        {
            "id": did,
            "verificationMethod": [
                {"id": "#key-1", "type": "Multikey", "publicKeyMultibase": key.public_multibase}
            ],
            "assertionMethod": ["#key-1"],
        }
    )
    resolved = online.resolve(f"{did}#key-1")
    assert resolved.controller == did
    assert resolved.key.public_multibase == key.public_multibase


def test_did_web_rsa_json_web_key(https_server: DocServer, online: Resolver) -> None:
    key = KeyPair.generate("rsa", rsa_bits=2048)
    _, document = _publish(https_server, key)
    resolved = online.resolve(document["assertionMethod"][0])
    assert resolved.type == "JsonWebKey"
    assert resolved.key.public_jwk == key.public_jwk


def test_did_web_document_id_mismatch_refused(https_server: DocServer, online: Resolver) -> None:
    key = KeyPair.generate()
    _, document = did_web_document(key, "evil.example")
    https_server.routes["/.well-known/did.json"] = send_json(document)
    vm_id = f"did:web:localhost%3A{https_server.port}#key-1"
    with pytest.raises(
        ResolutionError, match=r"document id 'did:web:evil\.example' does not match"
    ):
        online.resolve(vm_id)


def test_did_web_key_not_under_assertion_method_refused(
    https_server: DocServer, online: Resolver
) -> None:
    _, document = did_web_document(KeyPair.generate(), f"localhost:{https_server.port}")
    vm_id = document.pop("assertionMethod")[0]
    assert document["authentication"] == [vm_id]
    https_server.routes["/.well-known/did.json"] = send_json(document)
    with pytest.raises(ResolutionError, match="does not list it under assertionMethod"):
        online.resolve(vm_id)


def test_did_web_unknown_method_refused(https_server: DocServer, online: Resolver) -> None:
    did, _ = _publish(https_server, KeyPair.generate())
    with pytest.raises(ResolutionError, match="not found in the DID document"):
        online.resolve(f"{did}#other")


def test_did_web_private_jwk_refused(https_server: DocServer, online: Resolver) -> None:
    key = KeyPair.generate("p256")
    did = f"did:web:localhost%3A{https_server.port}"
    jwk = dict(key.public_jwk, d="AAAA")
    https_server.routes["/.well-known/did.json"] = send_json(
        {
            "id": did,
            "verificationMethod": [{"id": f"{did}#k", "type": "JsonWebKey", "publicKeyJwk": jwk}],
            "assertionMethod": [f"{did}#k"],
        }
    )
    with pytest.raises(ResolutionError, match="holds private key material"):
        online.resolve(f"{did}#k")


def test_did_web_controller_mismatch_refused(https_server: DocServer, online: Resolver) -> None:
    key = KeyPair.generate()
    did, document = _publish(https_server, key)
    resolved = online.resolve(document["assertionMethod"][0])
    with pytest.raises(ResolutionError, match=rf"key controller {did} does not match issuer"):
        check_controller(resolved, "https://example.org/issuers/1")


def test_did_web_refused_by_default_fetcher_on_loopback(https_server: DocServer) -> None:
    _, document = _publish(https_server, KeyPair.generate())
    with pytest.raises(ResolutionError, match=r"cannot resolve .*a loopback address"):
        Resolver(online=True, fragment_keys=False).resolve(document["assertionMethod"][0])
    assert https_server.requests == []


# --- online: HTTP(S) key documents --- #


def test_https_key_document_is_the_method(https_server: DocServer, online: Resolver) -> None:
    key = KeyPair.generate()
    issuer = f"{https_server.base}/issuers/1"
    vm_id = f"{https_server.base}/keys/1"
    https_server.routes["/keys/1"] = send_json(
        {
            "@context": ["https://w3id.org/security/multikey/v1"],
            "id": vm_id,
            "type": "Multikey",
            "controller": issuer,
            "publicKeyMultibase": key.public_multibase,
        }
    )
    resolved = online.resolve(vm_id)
    assert (resolved.controller, resolved.type, resolved.source) == (issuer, "Multikey", "document")
    check_controller(resolved, issuer)
    assert online.resolve(vm_id) is resolved  # cached: one fetch
    assert len(https_server.requests) == 1


def test_https_method_inside_a_controller_document(
    https_server: DocServer, online: Resolver
) -> None:
    key = KeyPair.generate()
    issuer = f"{https_server.base}/issuers/1"
    https_server.routes["/issuers/1"] = send_json(
        {
            "id": issuer,
            "type": "Profile",
            "assertionMethod": [
                {
                    "id": f"{issuer}#key-1",
                    "type": "Ed25519VerificationKey2020",
                    "controller": issuer,
                    "publicKeyMultibase": key.public_multibase,
                }
            ],
        }
    )
    resolved = online.resolve(f"{issuer}#key-1")
    assert resolved.type == "Ed25519VerificationKey2020"
    assert resolved.controller == issuer


def test_http_method_published_off_the_controllers_host_needs_its_listing(
    http_server: DocServer, https_server: DocServer, online: Resolver
) -> None:
    key = KeyPair.generate()
    issuer = f"{https_server.base}/issuers/1"
    vm_id = f"{http_server.base}/keys/1"
    http_server.routes["/keys/1"] = send_json(
        {
            "id": vm_id,
            "type": "Multikey",
            "controller": issuer,
            "publicKeyMultibase": key.public_multibase,
        }
    )
    https_server.routes["/issuers/1"] = send_json({"id": issuer, "assertionMethod": []})
    with pytest.raises(ResolutionError, match="does not list it under assertionMethod"):
        online.resolve(vm_id)
    https_server.routes["/issuers/1"] = send_json({"id": issuer, "assertionMethod": [vm_id]})
    assert Resolver(online=True, fetcher=online.fetcher).resolve(vm_id).controller == issuer


def test_https_document_id_mismatch_refused(https_server: DocServer, online: Resolver) -> None:
    https_server.routes["/issuers/1"] = send_json({"id": "https://other.example/issuers/1"})
    with pytest.raises(ResolutionError, match="does not match its URL"):
        online.resolve(f"{https_server.base}/issuers/1#key-1")


@pytest.mark.parametrize(
    ("method", "message"),
    [
        ({"type": "RsaVerificationKey2018", "publicKeyPem": "x"}, "unsupported verification"),
        ({"type": "Multikey"}, "no publicKeyMultibase or publicKeyJwk"),
        ({"type": "Multikey", "publicKeyMultibase": "zQ3s"}, "not an Ed25519"),
        ({"type": "Multikey", "publicKeyMultibase": MB[:-2]}, "multikey header"),
    ],
)
def test_bad_methods_refused(
    https_server: DocServer, online: Resolver, method: dict[str, Any], message: str
) -> None:
    vm_id = f"{https_server.base}/keys/1"
    https_server.routes["/keys/1"] = send_json(
        {"id": vm_id, "controller": https_server.base, "publicKeyJwk": None, **method}
    )
    with pytest.raises(ResolutionError, match=message):
        online.resolve(vm_id)


def test_network_failures_become_resolution_errors(
    https_server: DocServer, online: Resolver
) -> None:
    https_server.routes["/list"] = send_bytes(b"[1, 2]")
    with pytest.raises(ResolutionError, match=r"cannot resolve .*/missing#k: .*HTTP 404"):
        online.resolve(f"{https_server.base}/missing#k")
    with pytest.raises(ResolutionError, match="not a JSON object"):
        online.resolve(f"{https_server.base}/list#k")
