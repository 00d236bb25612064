"""The issuer's site layout and LinkedIn's add-to-profile link (badgekit.credential.links)."""

from __future__ import annotations

import doctest
from urllib.parse import parse_qs, urlsplit

import pytest

from badgekit.credential import links
from badgekit.credential.links import SiteLayout, achievement_slug, linkedin_url
from badgekit.errors import CredentialError


def test_doctests() -> None:
    assert doctest.testmod(links).failed == 0


def test_layout_at_a_host_root_and_under_a_path_with_a_port() -> None:
    root = SiteLayout("https://badges.example.org/")
    assert root.did_web == "did:web:badges.example.org"
    assert root.did_document == ".well-known/did.json"
    assert root.jwks == "https://badges.example.org/.well-known/jwks.json"
    deep = SiteLayout("https://localhost:8443/pd/badges")
    assert deep.did_web == "did:web:localhost%3A8443:pd:badges"
    assert deep.did_document == "did.json"
    assert deep.jwks == "https://localhost:8443/.well-known/jwks.json"
    assert deep.achievement_page("x") == "https://localhost:8443/pd/badges/achievements/x.html"


@pytest.mark.parametrize(
    "base",
    ["http://example.org", "example.org", "https://", "https://e.org/?q=1", "https://e.org/#f"],
)
def test_a_base_that_is_not_https_is_refused(base: str) -> None:
    with pytest.raises(CredentialError, match="https://"):
        SiteLayout(base)


def test_slug() -> None:
    assert achievement_slug("Éducation numérique: niveau 1") == "education-numerique-niveau-1"
    assert achievement_slug("日本語") == "achievement"


def test_linkedin_url_carries_what_the_add_to_profile_form_takes() -> None:
    url = linkedin_url(
        {
            "achievement_name": "Python Basics",
            "issuer_name": "Example School & Co",
            "valid_from": "2026-05-01T00:00:00Z",
            "valid_until": "2028-04-30T23:59:59Z",
            "id": "urn:uuid:abc",
        },
        credential_url="https://example.org/badges/verify.html",
    )
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://www.linkedin.com/profile/add"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {
        "startTask": "CERTIFICATION_NAME",
        "name": "Python Basics",
        "organizationName": "Example School & Co",
        "issueYear": "2026",
        "issueMonth": "5",
        "expirationYear": "2028",
        "expirationMonth": "4",
        "certUrl": "https://example.org/badges/verify.html",
        "certId": "urn:uuid:abc",
    }


def test_linkedin_url_needs_a_name() -> None:
    with pytest.raises(CredentialError, match="name"):
        linkedin_url({"issuer_name": "x"})
