"""The ``container`` check names the carrier a baked badge came in: Open Badges 3.0 or 2.0,
CLR 2.0, and the hosted URL of an OB 2.0 SVG that carries its assertion JSON too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from verify_support import NOW

import badgekit
from badgekit import Verdict
from badgekit.bake import bake as bake_layer
from badgekit.verify.source import load_source

HOSTED = Path(__file__).resolve().parent.parent / "data" / "bake" / "ob2-hosted-both.svg"
HOSTED_URL = "https://badges.riverside-library.example/public/assertions/3kQ7cJ2aTmW9xYzR"
CLR = '{"type": ["VerifiableCredential", "ClrCredential"], "name": "Transcript"}'
OB3 = '{"type": ["VerifiableCredential", "OpenBadgeCredential"]}'


@pytest.mark.parametrize("image", ["sample_png", "sample_svg"])
def test_a_clr_carrier_is_named_and_versioned_apart(
    image: str, request: pytest.FixtureRequest
) -> None:
    artwork: bytes = request.getfixturevalue(image)
    check = load_source(bake_layer(artwork, CLR, standard="clr")).check
    assert "with a baked-in CLR 2.0 credential (JSON in " in check.message
    assert check.details["carrier_version"] == "clr2.0"  # never read as OB 2.0
    assert "hosted_url" not in check.details
    ob3 = load_source(bake_layer(artwork, OB3)).check
    assert "with a baked-in Open Badges 3.0 credential" in ob3.message
    assert ob3.details["carrier_version"] == "3.0"


def test_the_hosted_url_is_kept_in_the_container_details() -> None:
    loaded = load_source(HOSTED)
    assert loaded.kind == "json"
    assert json.loads(str(loaded.payload))["id"] == HOSTED_URL
    assert loaded.check.details["hosted_url"] == HOSTED_URL
    assert loaded.check.details["carrier_version"] == "2.0"
    assert loaded.check.message == (
        "SVG image with a baked-in Open Badges 2.0 assertion (JSON in <openbadges:assertion> "
        f"CDATA, hosted at {HOSTED_URL})"
    )


def test_a_hosted_svg_verifies_offline_as_unverified_with_its_claims() -> None:
    report = badgekit.verify(HOSTED, now=NOW)
    assert report.verdict is Verdict.UNVERIFIED
    assert not report.verified
    assert report.version == "2.0"
    assert report.credential is not None  # the claims can be shown, as claims
    assert report.credential["achievement_name"] == "Summer Reading Challenge 2019"
    assert report.credential["issuer_name"] == "Riverside Public Library"
    got = {c.id: (c.status.value, c.code) for c in report.checks}
    assert got["container"] == ("passed", "baked")
    assert got["schema"] == ("passed", "ok")
    assert got["proof"] == ("skipped", "offline")
