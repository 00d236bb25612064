"""Open Badges 2.0 baked images (ob3-spec.md §1.3): offline never VALID, online against a real
local server, signed assertions with a locally served key."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from verify_support import (
    NOW,
    RECIPIENT,
    RSA,
    local_fetcher,
    ob2_assertion,
    ob2_svg,
    png_with_text,
    rs256_jws,
)

import badgekit
from badgekit import Verdict

if TYPE_CHECKING:
    from localserver import LocalServer


def _hosted_png(sample_png: bytes, assertion: dict[str, Any]) -> bytes:
    return png_with_text(sample_png, "openbadges", json.dumps(assertion))


def _carriers(sample_png: bytes, assertion: dict[str, Any]) -> dict[str, bytes]:
    return {
        "png": _hosted_png(sample_png, assertion),
        "svg": ob2_svg(body=json.dumps(assertion)),
    }


def _got(report: badgekit.VerificationReport) -> dict[str, tuple[str, str]]:
    return {c.id: (c.status.value, c.code) for c in report.checks}


@pytest.mark.parametrize("carrier", ["png", "svg"])
def test_hosted_assertion_offline_is_unverified(carrier: str, sample_png: bytes) -> None:
    assertion = ob2_assertion("https://club.example")
    report = badgekit.verify(_carriers(sample_png, assertion)[carrier], now=NOW)
    assert report.verdict is Verdict.UNVERIFIED
    assert not report.verified
    assert report.version == "2.0"
    got = _got(report)
    assert got["container"][0] == "passed"
    assert got["format"] == ("passed", "ob2")
    assert got["schema"] == ("passed", "ok")
    assert got["proof"] == ("skipped", "offline")
    assert got["dates"] == ("passed", "ok")  # shown as information
    assert "--online" in report.check("proof").message  # type: ignore[union-attr]
    assert report.credential is not None
    assert report.credential["achievement_name"] == "Robotics Level 1"
    assert report.credential["issuer_name"] == "Robot Club"
    with pytest.raises(badgekit.errors.VerificationFailed, match="UNVERIFIED"):
        report.raise_for_status()


@pytest.mark.parametrize("carrier", ["png", "svg"])
def test_hosted_assertion_online_is_valid(
    carrier: str, sample_png: bytes, server: LocalServer
) -> None:
    assertion = ob2_assertion(server.base)
    server.routes["/assertions/1001"] = assertion
    image = _carriers(sample_png, assertion)[carrier]
    report = badgekit.verify(
        image, now=NOW, online=True, fetcher=local_fetcher(), recipient=RECIPIENT
    )
    assert report.verdict is Verdict.VALID, report.dumps()
    got = _got(report)
    assert got["proof"] == ("passed", "ok")
    assert got["recipient"] == ("passed", "ok")
    assert server.hits == ["/assertions/1001"]


def test_hosted_assertion_changed_on_the_server_is_not_valid(
    sample_png: bytes, server: LocalServer
) -> None:
    assertion = ob2_assertion(server.base)
    server.routes["/assertions/1001"] = {**assertion, "expires": "2099-01-01T00:00:00+00:00"}
    report = badgekit.verify(
        _hosted_png(sample_png, assertion), now=NOW, online=True, fetcher=local_fetcher()
    )
    assert report.verdict is Verdict.NOT_VALID
    assert _got(report)["proof"] == ("failed", "hosted_mismatch")
    assert all(_got(report)[c][0] == "skipped" for c in ("dates", "status", "recipient"))


def test_hosted_assertion_gone_from_the_server_is_not_valid(
    sample_png: bytes, server: LocalServer
) -> None:
    assertion = ob2_assertion(server.base)
    report = badgekit.verify(
        _hosted_png(sample_png, assertion), now=NOW, online=True, fetcher=local_fetcher()
    )
    assert report.verdict is Verdict.NOT_VALID
    assert _got(report)["proof"][0] == "failed"


def test_legacy_png_link_to_a_hosted_assertion(sample_png: bytes, server: LocalServer) -> None:
    assertion = ob2_assertion(server.base)
    server.routes["/assertions/1001"] = assertion
    image = png_with_text(sample_png, "openbadges", server.url("/assertions/1001"), itxt=False)
    offline = badgekit.verify(image, now=NOW)
    assert offline.verdict is Verdict.UNVERIFIED
    assert _got(offline)["format"] == ("skipped", "offline")
    assert server.hits == []
    online = badgekit.verify(image, now=NOW, online=True, fetcher=local_fetcher())
    assert online.verdict is Verdict.VALID, online.dumps()


def _signed_setup(server: LocalServer, key: badgekit.KeyPair = RSA) -> tuple[dict[str, Any], str]:
    creator = server.url("/keys/1")
    server.routes["/keys/1"] = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "CryptographicKey",
        "id": creator,
        "owner": server.url("/issuer"),
        "publicKeyPem": key.public_pem().decode(),
    }
    assertion = ob2_assertion(server.base, signed_by=creator)
    assertion["id"] = "urn:uuid:0b2c-signed-1001"
    return assertion, rs256_jws(assertion)


@pytest.mark.parametrize("carrier", ["png", "svg"])
def test_signed_assertion_verifies_online(
    carrier: str, sample_png: bytes, server: LocalServer
) -> None:
    _, token = _signed_setup(server)
    image = (
        png_with_text(sample_png, "openbadges", token)
        if carrier == "png"
        else ob2_svg(verify=token)
    )
    offline = badgekit.verify(image, now=NOW)
    assert offline.verdict is Verdict.UNVERIFIED
    assert server.hits == []
    report = badgekit.verify(image, now=NOW, online=True, fetcher=local_fetcher())
    assert report.verdict is Verdict.VALID, report.dumps()
    assert _got(report)["proof"] == ("passed", "ok")
    assert "RS256" in report.check("proof").message  # type: ignore[union-attr]


def test_signed_assertion_by_a_key_of_someone_else(sample_png: bytes, server: LocalServer) -> None:
    assertion, _ = _signed_setup(server)
    server.routes["/keys/1"]["owner"] = "https://impostor.example/issuer"
    image = png_with_text(sample_png, "openbadges", rs256_jws(assertion))
    report = badgekit.verify(image, now=NOW, online=True, fetcher=local_fetcher())
    got = _got(report)
    assert got["proof"] == ("passed", "ok")
    assert got["issuer_binding"] == ("failed", "controller_mismatch")
    assert report.verdict is Verdict.NOT_VALID


def test_hosted_assertion_off_the_issuers_site(sample_png: bytes, server: LocalServer) -> None:
    assertion = ob2_assertion(server.base)
    assertion["badge"]["issuer"]["id"] = "https://club.example/issuer"
    server.routes["/assertions/1001"] = assertion
    report = badgekit.verify(
        _hosted_png(sample_png, assertion), now=NOW, online=True, fetcher=local_fetcher()
    )
    assert _got(report)["issuer_binding"] == ("failed", "origin_mismatch")
    assert report.verdict is Verdict.NOT_VALID


def test_signed_assertion_with_another_key_is_not_valid(
    sample_png: bytes, server: LocalServer
) -> None:
    assertion, _ = _signed_setup(server)
    forged = rs256_jws(assertion, badgekit.KeyPair.generate("rsa", rsa_bits=2048))
    image = png_with_text(sample_png, "openbadges", forged)
    report = badgekit.verify(image, now=NOW, online=True, fetcher=local_fetcher())
    assert report.verdict is Verdict.NOT_VALID
    assert _got(report)["proof"] == ("failed", "bad_signature")


@pytest.mark.parametrize(
    "verification",
    ["not an object", {"type": "SignedBadge"}, {"type": "SignedBadge", "creator": 7}],
)
def test_signed_assertion_with_a_broken_verification_block(
    verification: Any, sample_png: bytes, server: LocalServer
) -> None:
    assertion, _ = _signed_setup(server)
    assertion["verification"] = verification
    image = png_with_text(sample_png, "openbadges", rs256_jws(assertion))
    report = badgekit.verify(image, now=NOW, online=True, fetcher=local_fetcher())
    assert report.verdict is Verdict.NOT_VALID
    assert _got(report)["proof"][0] == "failed"


def test_signed_assertion_whose_key_is_not_rsa(sample_png: bytes, server: LocalServer) -> None:
    ed = badgekit.KeyPair.generate()
    assertion, _ = _signed_setup(server, ed)
    head = rs256_jws(assertion).split(".")[:2]
    import base64

    sig = base64.urlsafe_b64encode(ed.sign(".".join(head).encode())).rstrip(b"=").decode()
    image = png_with_text(sample_png, "openbadges", ".".join([*head, sig]))
    report = badgekit.verify(image, now=NOW, online=True, fetcher=local_fetcher())
    assert report.verdict is Verdict.NOT_VALID  # the header says RS256; an Ed25519 key is not
    assert _got(report)["proof"][0] == "failed"


def test_ob2_structure_problems(sample_png: bytes) -> None:
    assertion = ob2_assertion("https://club.example")
    del assertion["badge"]
    report = badgekit.verify(_hosted_png(sample_png, assertion), now=NOW)
    assert _got(report)["schema"] == ("failed", "ob2_invalid")
    assert report.verdict is Verdict.NOT_VALID
    assert "badge" in report.check("schema").message  # type: ignore[union-attr]


def test_ob2_expired_offline_is_not_valid_and_not_unverified(sample_png: bytes) -> None:
    assertion = ob2_assertion("https://club.example", expires="2025-01-01T00:00:00+00:00")
    report = badgekit.verify(_hosted_png(sample_png, assertion), now=NOW)
    assert _got(report)["dates"] == ("failed", "expired")
    assert report.verdict is not Verdict.VALID
    assert not report.verified


def test_ob2_recipient_offline(sample_png: bytes) -> None:
    image = _hosted_png(sample_png, ob2_assertion("https://club.example"))
    match = badgekit.verify(image, now=NOW, recipient=RECIPIENT)
    assert _got(match)["recipient"] == ("passed", "ok")
    miss = badgekit.verify(image, now=NOW, recipient="bob@example.org")
    assert _got(miss)["recipient"] == ("failed", "mismatch")
    assert miss.verdict is Verdict.NOT_VALID


def test_checked_in_ob2_svg_fixture_is_read(sample_png: bytes) -> None:
    from pathlib import Path

    data = (Path(__file__).parent.parent / "data" / "bake" / "ob2-baked.svg").read_bytes()
    report = badgekit.verify(data, now=NOW)
    assert report.version == "2.0"
    assert report.verdict in (Verdict.UNVERIFIED, Verdict.NOT_VALID)
    assert not report.verified
