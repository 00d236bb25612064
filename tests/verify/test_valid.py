"""Valid badges in every proof form and carrier verify, and the report says so."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from verify_support import (
    ED,
    ISSUED,
    NOW,
    P256,
    RSA,
    local_fetcher,
    payload_text,
    signed,
    signed_dict,
)

import badgekit
from badgekit import Verdict
from badgekit.verify import CHECK_IDS, CheckStatus

if TYPE_CHECKING:
    from pathlib import Path

    from localserver import LocalServer

SUITES = [
    ("eddsa-rdfc-2022", ED),
    ("ed25519-2020", ED),
    ("jwt", ED),
    ("jwt", P256),
]


def _ids(param: tuple[str, Any]) -> str:
    return f"{param[0]}-{param[1].kind}"


def _assert_valid(report: badgekit.VerificationReport) -> None:
    assert report.verified, report.dumps()
    assert report.verdict is Verdict.VALID
    assert report.version == "3.0"
    statuses = {c.id: c.status for c in report.checks}
    assert [c.id for c in report.checks] == list(CHECK_IDS)
    for check_id in ("container", "format", "schema", "jsonld", "proof", "issuer_binding", "dates"):
        assert statuses[check_id] is CheckStatus.PASSED, check_id
    assert statuses["recipient"] is CheckStatus.SKIPPED  # none asked for
    assert report.credential is not None
    assert report.credential["achievement_name"] == "Python Basics"
    assert report.credential["issuer_name"] == "Example Academy"


@pytest.mark.parametrize("suite_key", SUITES, ids=_ids)
@pytest.mark.parametrize("carrier", ["png", "svg"])
def test_baked_badge_verifies(
    suite_key: tuple[str, Any], carrier: str, sample_png: bytes, sample_svg: bytes
) -> None:
    suite, key = suite_key
    image = sample_png if carrier == "png" else sample_svg
    baked = badgekit.bake(image, payload_text(signed(suite, key)))
    report = badgekit.verify(baked, now=NOW)
    _assert_valid(report)
    container = report.check("container")
    assert container is not None
    assert container.code == "baked"
    assert carrier.upper() in container.message


@pytest.mark.parametrize("suite_key", SUITES, ids=_ids)
def test_plain_file_verifies(suite_key: tuple[str, Any], tmp_path: Path) -> None:
    suite, key = suite_key
    badge = signed(suite, key)
    path = tmp_path / ("badge.jws" if isinstance(badge, str) else "badge.json")
    path.write_text(payload_text(badge))
    report = badgekit.verify(path, now=NOW)
    _assert_valid(report)
    assert report.source == str(path)
    container = report.check("container")
    assert container is not None
    assert container.code == ("jws" if isinstance(badge, str) else "json")


def test_dict_input_verifies() -> None:
    badge = signed()
    assert isinstance(badge, dict)
    report = badgekit.verify(badge, now=NOW)
    _assert_valid(report)
    assert report.source == "<credential>"
    assert report.payload == badge


def test_rs256_jwt_with_key_published_on_a_local_server(server: LocalServer) -> None:
    issuer = server.url("/issuer")
    vm = f"{issuer}#{RSA.fingerprint}"
    server.routes["/issuer"] = {
        "@context": ["https://www.w3.org/ns/did/v1"],
        "id": issuer,
        "verificationMethod": [
            {"id": vm, "type": "JsonWebKey", "controller": issuer, "publicKeyJwk": RSA.public_jwk}
        ],
        "assertionMethod": [vm],
    }
    token = signed("jwt", RSA, issuer=issuer)
    assert isinstance(token, str)
    offline = badgekit.verify(token.encode(), now=NOW)
    assert not offline.verified
    # offline the key was not looked at: unverified, not shown to be bad (as OB 2.0 hosted)
    assert offline.verdict is Verdict.UNVERIFIED
    assert not offline.confirmed
    proof = offline.check("proof")
    assert proof is not None
    assert (proof.status, proof.code) == (CheckStatus.SKIPPED, "offline")
    assert "--online" in proof.message
    assert "Resolver(" not in proof.message  # words for a person, not for a programmer
    assert offline.headline.startswith("This badge could not be checked: the issuer's key")
    online = badgekit.verify(token.encode(), now=NOW, online=True, fetcher=local_fetcher())
    _assert_valid(online)
    assert "RS256" in online.check("proof").message  # type: ignore[union-attr]
    assert server.hits == ["/issuer"]


def test_jwt_signed_before_it_is_checked_reports_the_signature_and_the_dates() -> None:
    token = signed("jwt", ED)
    report = badgekit.verify(token.encode(), now=ISSUED.replace(year=2024))
    assert report.verdict is Verdict.NOT_YET_VALID
    assert report.check("proof").status is CheckStatus.PASSED  # type: ignore[union-attr]


def test_report_json_round_trips(sample_png: bytes) -> None:
    baked = badgekit.bake(sample_png, payload_text(signed()))
    report = badgekit.verify(baked, now=NOW)
    out = json.loads(report.dumps())
    assert out == report.to_json()
    assert set(out) == {"file", "verified", "verdict", "version", "credential", "checks"}
    assert out["verified"] is True
    assert out["verdict"] == "VALID"
    assert out["version"] == "3.0"
    assert out["credential"]["recipient"] == "hashed email"
    assert [c["id"] for c in out["checks"]] == list(CHECK_IDS)
    for check in out["checks"]:
        assert {"id", "status", "code", "message"} <= set(check)
        assert check["status"] in {"passed", "failed", "warning", "skipped"}
        assert "\n" not in check["message"]


@pytest.mark.parametrize(
    ("issuer", "fragment"),
    [("did:web:academy.example", "key-1"), ("https://academy.example/issuer", "key-1")],
)
def test_a_key_only_the_issuers_site_can_give_is_unverified_offline(
    issuer: str, fragment: str
) -> None:
    doc = signed_dict(issuer=issuer, verification_method=f"{issuer}#{fragment}")
    report = badgekit.verify(doc, now=NOW)
    assert report.verdict is Verdict.UNVERIFIED
    assert report.check("proof").code == "offline"  # type: ignore[union-attr]
    assert not report.failures


def test_an_unsupported_did_method_is_still_not_valid() -> None:
    doc = signed_dict(issuer="did:example:academy", verification_method="did:example:academy#k")
    report = badgekit.verify(doc, now=NOW)
    assert report.verdict is Verdict.NOT_VALID
    assert report.check("proof").code == "resolution_failed"  # type: ignore[union-attr]
