"""End to end: issue a badge with a status entry, verify it against its list, revoke it."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest

import badgekit
from badgekit import Achievement, KeyPair, _assets
from badgekit.status import StatusList, build_list_credential, status_entry

from .helpers import LIST_URL, NOW

if TYPE_CHECKING:
    from pathlib import Path

ACHIEVEMENT = {
    "name": "Knots",
    "description": "Ties six sailing knots.",
    "criteria": {"narrative": "Demonstrate six knots."},
    "issuer": {"name": "Sea Scouts"},
}


@pytest.fixture(scope="module")
def key() -> KeyPair:
    return KeyPair.from_seed(bytes(range(32)))


@pytest.fixture
def issued(key: KeyPair, tmp_path: Path) -> dict[str, Any]:
    sample = _assets.data_file("sample-badge.png").read_bytes()
    badge = badgekit.issue_badge(
        Achievement.from_dict(ACHIEVEMENT),
        key,
        "ada@example.org",
        sample,
        now=NOW,
        credential_status=status_entry(LIST_URL, 31),
    )
    badge_path = tmp_path / "ada.png"
    badge_path.write_bytes(badge.image)
    unsigned = build_list_credential(
        StatusList(), list_url=LIST_URL, issuer=key.did_key, valid_from=NOW
    )
    list_path = tmp_path / "status-list.json"
    list_path.write_text(json.dumps(badgekit.sign(unsigned, key, now=NOW)))
    return {"badge": badge_path, "list": list_path}


def _verify(issued: dict[str, Any], **kw: Any) -> badgekit.VerificationReport:
    return badgekit.verify(issued["badge"], now=NOW + timedelta(hours=1), **kw)


def test_offline_status_is_a_warning(issued: dict[str, Any]) -> None:
    report = _verify(issued)
    status = report.check("status")
    assert status is not None
    assert (status.status.value, status.code) == ("warning", "offline")
    assert report.verified


def test_valid_then_revoked_with_a_status_file(issued: dict[str, Any], key: KeyPair) -> None:
    report = _verify(issued, status_file=issued["list"])
    status = report.check("status")
    assert status is not None
    assert (status.status.value, status.code) == ("passed", "ok")
    assert report.verified
    badgekit.revoke(issued["list"], key, badges=[issued["badge"]], now=NOW)
    report = _verify(issued, status_file=issued["list"])
    status = report.check("status")
    assert status is not None
    assert (status.status.value, status.code) == ("failed", "revoked")
    assert not report.verified
    assert report.verdict == badgekit.Verdict.REVOKED


def test_tampered_list_fails_verification(issued: dict[str, Any], key: KeyPair) -> None:
    badgekit.revoke(issued["list"], key, indexes=[31], now=NOW)
    doc = json.loads(issued["list"].read_text())
    doc["credentialSubject"]["encodedList"] = StatusList().encode()  # clear the bit, unsigned
    issued["list"].write_text(json.dumps(doc))
    report = _verify(issued, status_file=issued["list"])
    status = report.check("status")
    assert status is not None
    assert status.code == "verification_error"
    assert not report.verified
