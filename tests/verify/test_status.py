"""Revocation: BitstringStatusList served by a real local HTTP server or read from a status
file, 1EdTech revocation lists, and status lists that must not be trusted."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from verify_support import ED, ISSUED, NOW, OTHER, local_fetcher, signed_dict

import badgekit
from badgekit import Verdict
from badgekit.status import StatusList, build_list_credential, status_entry
from badgekit.verify import CheckStatus

if TYPE_CHECKING:
    from pathlib import Path

    from localserver import LocalServer

CRED_ID = "urn:uuid:5b1c7c6e-3a4b-4d8e-9f00-00000000a001"  # verify_support.unsigned


def _status_list(url: str, *revoked: int, key: badgekit.KeyPair = ED) -> dict[str, Any]:
    bits = StatusList()
    for index in revoked:
        bits.set(index)
    doc = build_list_credential(bits, list_url=url, issuer=key.did_key, valid_from=ISSUED)
    out = badgekit.sign(doc, key, now=ISSUED)
    assert isinstance(out, dict)
    return out


def _badge(list_url: str, index: int = 7) -> dict[str, Any]:
    return signed_dict(status=status_entry(list_url, index))


def _online(badge: dict[str, Any]) -> badgekit.VerificationReport:
    return badgekit.verify(badge, now=NOW, online=True, fetcher=local_fetcher())


def _status(report: badgekit.VerificationReport) -> tuple[str, str]:
    check = report.check("status")
    assert check is not None
    return check.status.value, check.code


def test_revoked_by_a_bitstring_list_served_over_http(server: LocalServer) -> None:
    url = server.url("/status/1")
    server.routes["/status/1"] = _status_list(url, 7)
    report = _online(_badge(url, 7))
    assert report.verdict is Verdict.REVOKED
    assert not report.verified
    assert _status(report) == ("failed", "revoked")
    assert "/status/1" in server.hits
    assert report.check("proof").status is CheckStatus.PASSED  # type: ignore[union-attr]


def test_not_revoked_in_the_same_list(server: LocalServer) -> None:
    url = server.url("/status/1")
    server.routes["/status/1"] = _status_list(url, 7)
    report = _online(_badge(url, 8))
    assert report.verdict is Verdict.VALID
    assert _status(report) == ("passed", "ok")


def test_offline_the_list_is_not_fetched_and_status_is_a_warning(server: LocalServer) -> None:
    url = server.url("/status/1")
    server.routes["/status/1"] = _status_list(url, 7)
    report = badgekit.verify(_badge(url, 7), now=NOW)
    assert server.hits == []
    assert _status(report) == ("warning", "offline")
    assert report.verdict is Verdict.VALID  # nothing failed; the warning says what was not checked
    assert "--online" in report.check("status").message  # type: ignore[union-attr]


def test_unreachable_list_is_a_warning(server: LocalServer) -> None:
    report = _online(_badge(server.url("/status/missing"), 7))
    assert _status(report)[0] == "warning"
    assert report.verified


def test_revoked_by_a_status_file(tmp_path: Path) -> None:
    url = "https://academy.example/status/1"
    path = tmp_path / "status.json"
    path.write_text(json.dumps(_status_list(url, 7)))
    report = badgekit.verify(_badge(url, 7), now=NOW, status_file=path)
    assert report.verdict is Verdict.REVOKED
    report = badgekit.verify(_badge(url, 9), now=NOW, status_file=path)
    assert report.verdict is Verdict.VALID
    assert _status(report) == ("passed", "ok")


@pytest.mark.parametrize("where", ["file", "http"])
def test_a_list_with_a_bad_proof_is_never_trusted(
    where: str, server: LocalServer, tmp_path: Path
) -> None:
    url = server.url("/status/1") if where == "http" else "https://academy.example/status/1"
    doc = _status_list(url, 7)
    doc["credentialSubject"]["encodedList"] = StatusList().encode()  # "unrevoke" without the key
    path = tmp_path / "status.json"
    path.write_text(json.dumps(doc))
    server.routes["/status/1"] = doc
    if where == "http":
        report = _online(_badge(url, 7))
    else:
        report = badgekit.verify(_badge(url, 7), now=NOW, status_file=path)
    assert _status(report) == ("failed", "verification_error")
    assert report.verdict is Verdict.NOT_VALID  # not VALID, and not REVOKED either
    assert not report.verified


def test_a_list_signed_by_someone_else_is_never_trusted(tmp_path: Path) -> None:
    url = "https://academy.example/status/1"
    path = tmp_path / "status.json"
    path.write_text(json.dumps(_status_list(url, key=OTHER)))  # all clear, by the wrong issuer
    report = badgekit.verify(_badge(url, 7), now=NOW, status_file=path)
    assert _status(report) == ("failed", "issuer_mismatch")
    assert report.verdict is Verdict.NOT_VALID


def test_a_bad_status_file_is_a_usage_error_before_any_badge(tmp_path: Path) -> None:
    path = tmp_path / "status.json"
    path.write_text("[1, 2")
    with pytest.raises(badgekit.errors.StatusListError):
        badgekit.Verifier(now=NOW, status_file=path)


# --- 1EdTech revocation list (ob3-spec.md §4 step 4) --- #


def _revocation_badge(url: str) -> dict[str, Any]:
    badge = signed_dict(status={"id": url, "type": "1EdTechRevocationList"})
    assert "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json" in badge["@context"]
    return badge


def test_revoked_by_a_1edtech_revocation_list(server: LocalServer) -> None:
    url = server.url("/revocations")
    server.routes["/revocations"] = {
        "id": url,
        "issuer": ED.did_key,
        "revokedCredential": [
            {"id": CRED_ID, "revoked": True, "revocationReason": "Awarded by mistake"}
        ],
    }
    report = _online(_revocation_badge(url))
    assert report.verdict is Verdict.REVOKED
    assert _status(report) == ("failed", "revoked")
    assert "Awarded by mistake" in report.check("status").message  # type: ignore[union-attr]


def test_not_on_the_1edtech_revocation_list(server: LocalServer, tmp_path: Path) -> None:
    url = server.url("/revocations")
    server.routes["/revocations"] = {"id": url, "revokedCredential": [{"id": "urn:uuid:other"}]}
    report = _online(_revocation_badge(url))
    assert report.verdict is Verdict.VALID
    assert _status(report) == ("passed", "ok")
    path = tmp_path / "revocations.json"
    path.write_text(json.dumps({url: {"revokedCredential": [{"id": CRED_ID}]}}))
    offline = badgekit.verify(_revocation_badge(url), now=NOW, status_file=path)
    assert offline.verdict is Verdict.REVOKED


def test_revoked_and_expired_reads_revoked(server: LocalServer) -> None:
    url = server.url("/status/1")
    server.routes["/status/1"] = _status_list(url, 7)
    badge = _badge(url, 7)
    report = badgekit.verify(
        badge,
        now=NOW.replace(year=2030),
        online=True,
        fetcher=local_fetcher(),
    )
    assert report.check("dates").code == "expired"  # type: ignore[union-attr]
    assert report.verdict is Verdict.REVOKED
