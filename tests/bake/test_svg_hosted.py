"""OB 2.0 hosted SVG badges that carry both the assertion URL (``verify``) and its JSON (body),
as Concentric Sky's bakery writes them (ob3-spec.md §1.3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import badgekit
from badgekit.errors import AlreadyBakedError

DATA = Path(__file__).resolve().parent.parent / "data" / "bake"
HOSTED = (DATA / "ob2-hosted-both.svg").read_bytes()
URL = "https://badges.riverside-library.example/public/assertions/3kQ7cJ2aTmW9xYzR"
JWS = "eyJhbGciOiJSUzI1NiJ9.eyJ1aWQiOiIxMjMifQ.c2lnbmF0dXJl"


def _assertion(verify: str, body: str) -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
        f'<openbadges:assertion verify="{verify}">{body}</openbadges:assertion></svg>'
    ).encode()


def test_the_json_is_the_payload_and_the_url_is_kept() -> None:
    got = badgekit.unbake(HOSTED)
    assertion = json.loads(got.payload)
    assert assertion["id"] == URL
    assert assertion["badge"]["issuer"]["name"] == "Riverside Public Library"
    assert (got.kind, got.label, got.carrier.location) == (
        "json",
        "Open Badges 2.0",
        "<openbadges:assertion> CDATA",
    )
    assert got.hosted_url == URL
    assert got.warnings == ()
    assert badgekit.inspect(HOSTED).carriers == (got.carrier,)


def test_a_signed_verify_value_wins_over_the_body() -> None:
    got = badgekit.unbake(_assertion(JWS, '<![CDATA[{"uid": "123"}]]>'))
    assert (got.payload, got.kind, got.hosted_url) == (JWS, "jws", None)
    assert got.carrier.location == "<openbadges:assertion> verify attribute"
    assert got.warnings == (
        "the <openbadges:assertion> body was ignored: its verify attribute was read",
    )


def test_a_url_next_to_a_body_that_is_not_json_is_read_as_before() -> None:
    got = badgekit.unbake(_assertion(URL, "<![CDATA[see the link]]>"))
    assert (got.payload, got.kind, got.hosted_url) == (URL, "url", None)
    assert got.warnings == (
        "the <openbadges:assertion> body was ignored: its verify attribute was read",
    )


@pytest.mark.parametrize("layout", ["\n  {}\n", "{}"])
def test_body_whitespace_outside_cdata_is_layout(layout: str) -> None:
    body = layout.format('<![CDATA[{"id": "x"}]]>')
    got = badgekit.unbake(_assertion(URL, body))
    assert (got.payload, got.hosted_url) == ('{"id": "x"}', URL)


def test_a_hosted_badge_is_replaced_whole() -> None:
    with pytest.raises(AlreadyBakedError, match="<openbadges:assertion> CDATA"):
        badgekit.bake(HOSTED, '{"type": ["OpenBadgeCredential"]}')
    baked = badgekit.bake(HOSTED, '{"type": ["OpenBadgeCredential"]}', replace=True)
    got = badgekit.unbake(baked)
    assert (got.label, got.hosted_url, got.warnings) == ("Open Badges 3.0", None, ())
    assert b"openbadges:assertion" not in baked
    assert b"Riverside" not in baked
