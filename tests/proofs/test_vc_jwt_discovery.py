"""VC-JWT keys found the ways ob3-spec.md §3.1 describes, against a real local HTTPS server:
a ``kid`` URL that dereferences to a JWK or a JWK Set, and the issuer's
``/.well-known/jwks.json`` for a ``jwk`` header or a ``kid`` that is not a URL."""

from __future__ import annotations

import base64
import json
import ssl
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from proofs_support import NOW, credential

import badgekit
from badgekit.keys.keypair import KeyPair
from badgekit.keys.resolver import ResolvedKey, Resolver, controls
from badgekit.net import Fetcher
from badgekit.proofs import verify_proof
from badgekit.proofs.vc_jwt import sign_jwt
from badgekit.verify import CheckStatus, Verdict

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "keys"))
from keyserver import DocServer, localhost_tls, send_json, serve

if TYPE_CHECKING:
    from collections.abc import Iterator

RSA = KeyPair.generate("rsa", rsa_bits=2048)
P256 = KeyPair.generate("p256")
ED = KeyPair.generate("ed25519")


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    return localhost_tls(tmp_path_factory.mktemp("tls"))


def _https(tls: tuple[str, str]) -> Iterator[DocServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*tls)
    yield from serve(context, "localhost")


@pytest.fixture
def site(tls: tuple[str, str]) -> Iterator[DocServer]:
    """The issuer's own HTTPS origin (``https://localhost:<port>``)."""
    yield from _https(tls)


@pytest.fixture
def elsewhere(tls: tuple[str, str]) -> Iterator[DocServer]:
    """Another HTTPS origin (same host, another port)."""
    yield from _https(tls)


@pytest.fixture
def fetcher(tls: tuple[str, str]) -> Fetcher:
    return Fetcher(timeout=5.0, allow_private=True, cafile=tls[0])


@pytest.fixture
def online(fetcher: Fetcher) -> Resolver:
    return Resolver(online=True, fetcher=fetcher, fragment_keys=False)


def _issuer(site: DocServer) -> str:
    return f"{site.base}/issuers/1"


def _token(site: DocServer, key: KeyPair, kid: str | None) -> str:
    doc = credential()
    doc["issuer"]["id"] = _issuer(site)
    return sign_jwt(doc, key, kid=kid)


def _jwk(key: KeyPair, **members: Any) -> dict[str, Any]:
    return {**key.public_jwk, **members}


# --- kid is a URL that dereferences to a JWK or a JWK Set --- #


def test_kid_url_to_a_bare_jwk_on_the_issuers_origin(site: DocServer, online: Resolver) -> None:
    site.routes["/keys/jwt.json"] = send_json(_jwk(RSA, alg="RS256", use="sig"))
    kid = f"{site.base}/keys/jwt.json"
    result = verify_proof(_token(site, RSA, kid), resolver=online, now=NOW)
    assert result.verified, result
    assert (result.verification_method, result.controller, result.key_type) == (
        kid,
        _issuer(site),
        "rsa",
    )
    assert verify_proof(_token(site, RSA, kid), resolver=online, now=NOW).verified
    assert [path for path, _ in site.requests] == ["/keys/jwt.json"]  # cached per resolver
    assert "application/jwk+json" in site.requests[0][1]["Accept"]


def test_kid_url_with_fragment_selects_a_member_of_a_jwk_set(
    site: DocServer, online: Resolver
) -> None:
    site.routes["/keys.json"] = send_json(
        {
            "keys": [
                _jwk(ED, kid="a"),
                _jwk(P256, kid="b"),
                _jwk(RSA, kid=f"{site.base}/keys.json#c"),
            ]
        }
    )
    for key, fragment in ((P256, "b"), (ED, "a"), (RSA, "c"), (P256, P256.fingerprint)):
        result = verify_proof(
            _token(site, key, f"{site.base}/keys.json#{fragment}"), resolver=online, now=NOW
        )
        assert result.verified, (fragment, result)
        assert result.key_type == key.kind
    assert len(site.requests) == 1  # one fetch of the set for every fragment
    # the fragment names the key: a token signed by another key of the set does not verify
    wrong = verify_proof(_token(site, ED, f"{site.base}/keys.json#b"), resolver=online, now=NOW)
    assert (wrong.verified, wrong.reason_code) == (False, "key_type_mismatch")
    other = verify_proof(_token(site, P256, f"{site.base}/keys.json#zz"), resolver=online, now=NOW)
    assert (other.verified, other.reason_code) == (False, "resolution_failed")
    assert "no key with kid" in other.message


def test_kid_set_url_without_a_fragment_must_name_its_key(
    site: DocServer, online: Resolver
) -> None:
    site.routes["/keys.json"] = send_json({"keys": [_jwk(P256, kid="b")]})
    result = verify_proof(_token(site, P256, f"{site.base}/keys.json"), resolver=online, now=NOW)
    assert (result.verified, result.reason_code) == (False, "resolution_failed")


def test_kid_on_a_foreign_origin_without_iss_is_not_the_issuers(
    site: DocServer, elsewhere: DocServer, online: Resolver
) -> None:
    elsewhere.routes["/k.json"] = send_json(_jwk(P256))
    result = verify_proof(_token(site, P256, f"{elsewhere.base}/k.json"), resolver=online, now=NOW)
    assert (result.verified, result.reason_code) == (False, "controller_mismatch")
    assert elsewhere.base in result.message
    assert _issuer(site) in result.message


def test_kid_on_a_foreign_origin_with_iss_of_the_issuer(
    site: DocServer, elsewhere: DocServer, online: Resolver
) -> None:
    elsewhere.routes["/k.json"] = send_json({"keys": [_jwk(P256, kid="k", iss=_issuer(site))]})
    result = verify_proof(
        _token(site, P256, f"{elsewhere.base}/k.json#k"), resolver=online, now=NOW
    )
    assert result.verified, result
    assert result.controller == _issuer(site)


def test_iss_naming_another_issuer_wins_over_the_same_origin(
    site: DocServer, online: Resolver
) -> None:
    # a shared host: the key is published for issuer 2, a token of issuer 1 may not use it
    site.routes["/k.json"] = send_json(_jwk(P256, iss=f"{site.base}/issuers/2"))
    result = verify_proof(_token(site, P256, f"{site.base}/k.json"), resolver=online, now=NOW)
    assert (result.verified, result.reason_code) == (False, "controller_mismatch")


# --- the issuer's /.well-known/jwks.json --- #


def test_jwk_header_found_in_the_issuers_jwks(site: DocServer, online: Resolver) -> None:
    site.routes["/.well-known/jwks.json"] = send_json(
        {"keys": [_jwk(ED, kid="old"), _jwk(RSA, kid="2024", use="sig", alg="RS256")]},
        content_type="application/jwk-set+json",
    )
    token = _token(site, RSA, None)
    result = verify_proof(token, resolver=online, now=NOW)
    assert result.verified, result
    assert result.verification_method == f"{site.base}/.well-known/jwks.json#{RSA.fingerprint}"
    assert result.controller == _issuer(site)
    assert verify_proof(token, resolver=online, now=NOW).verified
    assert [path for path, _ in site.requests] == ["/.well-known/jwks.json"]


def test_jwk_header_not_in_the_issuers_jwks_fails(site: DocServer, online: Resolver) -> None:
    site.routes["/.well-known/jwks.json"] = send_json({"keys": [_jwk(ED, kid="1")]})
    result = verify_proof(_token(site, RSA, None), resolver=online, now=NOW)
    assert (result.verified, result.reason_code) == (False, "resolution_failed")
    assert "no key with thumbprint" in result.message
    assert "/.well-known/jwks.json" in result.message


def test_jwk_header_without_a_published_jwks_fails(site: DocServer, online: Resolver) -> None:
    result = verify_proof(_token(site, P256, None), resolver=online, now=NOW)
    assert (result.verified, result.reason_code) == (False, "resolution_failed")
    assert "HTTP 404" in result.message


def test_kid_that_is_not_a_url_is_looked_up_in_the_issuers_jwks(
    site: DocServer, online: Resolver
) -> None:
    site.routes["/.well-known/jwks.json"] = send_json(
        {"keys": [_jwk(ED, kid="key-0"), _jwk(P256, kid="key-1")]}
    )
    result = verify_proof(_token(site, P256, "key-1"), resolver=online, now=NOW)
    assert result.verified, result
    assert result.verification_method == f"{site.base}/.well-known/jwks.json#key-1"
    missing = verify_proof(_token(site, P256, "key-9"), resolver=online, now=NOW)
    assert (missing.verified, missing.reason_code) == (False, "resolution_failed")
    assert "no key with kid 'key-9'" in missing.message


def test_jwks_member_with_iss_of_someone_else(site: DocServer, online: Resolver) -> None:
    site.routes["/.well-known/jwks.json"] = send_json(
        {"keys": [_jwk(P256, kid="k", iss="https://other.example/issuers/9")]}
    )
    result = verify_proof(_token(site, P256, "k"), resolver=online, now=NOW)
    assert (result.verified, result.reason_code) == (False, "controller_mismatch")


@pytest.mark.parametrize(
    ("published", "words"),
    [
        ({"keys": [_jwk(P256, kid="k", d="c2VjcmV0")]}, "private key material (d)"),
        ({"keys": [_jwk(P256, kid="k"), {"kty": "oct", "k": "c2VjcmV0"}]}, "symmetric"),
        ({"keys": [_jwk(P256, kid="k", use="enc")]}, "use 'enc'"),
        ({"keys": {"kid": "k"}}, "not a JWK Set"),
        ([_jwk(P256, kid="k")], "not a JSON object"),
    ],
)
def test_published_secrets_and_non_sets_are_refused(
    site: DocServer, online: Resolver, published: Any, words: str
) -> None:
    site.routes["/.well-known/jwks.json"] = send_json(published)
    result = verify_proof(_token(site, P256, "k"), resolver=online, now=NOW)
    assert (result.verified, result.reason_code) == (False, "resolution_failed")
    assert words in result.message


def test_a_bare_jwk_with_d_at_a_kid_url_is_refused(site: DocServer, online: Resolver) -> None:
    site.routes["/k.json"] = send_json(_jwk(P256, d="c2VjcmV0"))
    result = verify_proof(_token(site, P256, f"{site.base}/k.json"), resolver=online, now=NOW)
    assert (result.verified, result.reason_code) == (False, "resolution_failed")
    assert "private key material" in result.message


def test_a_symmetric_jwk_header_is_refused(site: DocServer, online: Resolver) -> None:
    token = _token(site, P256, None)
    header, rest = token.split(".", 1)
    forged = {"alg": "ES256", "jwk": {"kty": "oct", "k": "c2VjcmV0"}}
    raw = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
    result = verify_proof(f"{raw}.{rest}", resolver=online, now=NOW)
    assert (result.verified, result.reason_code) == (False, "bad_header")
    assert header != raw
    assert site.requests == []


# --- offline: never looked up, never valid --- #


@pytest.mark.parametrize("kid", [None, "key-1", "url"])
def test_offline_is_not_verified_and_says_online_is_needed(
    site: DocServer, kid: str | None
) -> None:
    site.routes["/.well-known/jwks.json"] = send_json({"keys": [_jwk(P256, kid="key-1")]})
    site.routes["/k.json"] = send_json(_jwk(P256))
    token = _token(site, P256, f"{site.base}/k.json" if kid == "url" else kid)
    result = verify_proof(token, resolver=Resolver(), now=NOW)
    assert (result.verified, result.reason_code) == (False, "resolution_failed")
    assert "--online" in result.message
    report = badgekit.verify(token.encode(), now=NOW)
    assert report.verdict is Verdict.UNVERIFIED
    proof = report.check("proof")
    assert proof is not None
    assert (proof.status, proof.code) == (CheckStatus.SKIPPED, "offline")
    assert "--online" in proof.message
    assert site.requests == []


# --- through badgekit.verify --- #


@pytest.mark.parametrize("kid", [None, "key-1", "url"])
def test_verify_online_is_valid(site: DocServer, fetcher: Fetcher, kid: str | None) -> None:
    site.routes["/.well-known/jwks.json"] = send_json({"keys": [_jwk(RSA, kid="key-1")]})
    site.routes["/k.json"] = send_json(_jwk(RSA))
    token = _token(site, RSA, f"{site.base}/k.json" if kid == "url" else kid)
    report = badgekit.verify(token.encode(), now=NOW, online=True, fetcher=fetcher)
    assert report.verdict is Verdict.VALID, [c for c in report.checks if c.status.value != "passed"]
    assert report.verified
    assert report.confirmed
    binding = report.check("issuer_binding")
    assert binding is not None
    assert binding.status is CheckStatus.PASSED


def test_verify_online_foreign_key_is_not_valid(
    site: DocServer, elsewhere: DocServer, fetcher: Fetcher
) -> None:
    elsewhere.routes["/k.json"] = send_json(_jwk(RSA))
    token = _token(site, RSA, f"{elsewhere.base}/k.json")
    report = badgekit.verify(token.encode(), now=NOW, online=True, fetcher=fetcher)
    assert report.verdict is Verdict.NOT_VALID
    binding = report.check("issuer_binding")
    assert binding is not None
    assert binding.status is CheckStatus.FAILED


# --- the controller rule --- #


def test_origin_bound_keys_compare_scheme_host_and_port() -> None:
    bound = ResolvedKey(
        P256, "https://a.example/k.json", "https://a.example", "JsonWebKey", origin_bound=True
    )
    assert controls(bound, "https://a.example/issuers/1")
    assert controls(bound, "https://A.example:443/issuers/1")
    assert not controls(bound, "https://a.example:8443/issuers/1")
    assert not controls(bound, "http://a.example/issuers/1")
    assert not controls(bound, "https://b.example/issuers/1")
    assert not controls(bound, "did:web:a.example")
    assert not controls(bound, None)
    exact = ResolvedKey(P256, "https://a.example/k.json", "https://a.example/i/1", "JsonWebKey")
    assert controls(exact, "https://a.example/i/1")
    assert not controls(exact, "https://a.example/i/2")
