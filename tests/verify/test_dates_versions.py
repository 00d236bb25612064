"""Validity periods (expired, not yet valid), VCDM 1.1 credentials and the 1EdTech vector."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from verify_support import ACHIEVEMENT, ED, EXPIRES, ISSUED, NOW, payload_text, signed, signed_dict

import badgekit
from badgekit import Verdict
from badgekit.verify import CheckStatus
from badgekit.verify.dates import check_dates, parse_when

VECTOR = json.loads(
    (Path(__file__).parent.parent / "vectors" / "ob3-eddsa-rdfc-2022-test-vector.json").read_text()
)
V1_CONTEXTS = [
    "https://www.w3.org/2018/credentials/v1",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
    "https://w3id.org/security/data-integrity/v1",
]
DI_V1 = "https://w3id.org/security/data-integrity/v1"


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "ed25519-2020", "jwt"])
def test_expired_badge(suite: str, sample_png: bytes) -> None:
    baked = badgekit.bake(sample_png, payload_text(signed(suite)))
    report = badgekit.verify(baked, now=EXPIRES + timedelta(seconds=1))
    assert report.verdict is Verdict.EXPIRED
    assert not report.verified
    dates = report.check("dates")
    assert dates is not None
    assert (dates.status, dates.code) == (CheckStatus.FAILED, "expired")
    assert "expired on" in dates.message
    assert report.check("proof").status is CheckStatus.PASSED  # type: ignore[union-attr]
    assert report.check("status").status is not CheckStatus.SKIPPED  # type: ignore[union-attr]


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "jwt"])
def test_not_yet_valid_badge(suite: str) -> None:
    badge = signed(suite, valid_from=NOW + timedelta(days=3))
    report = badgekit.verify(payload_text(badge).encode(), now=NOW)
    assert report.verdict is Verdict.NOT_YET_VALID
    dates = report.check("dates")
    assert dates is not None
    assert (dates.status, dates.code) == (CheckStatus.FAILED, "not_yet_valid")
    assert "4 June 2025" in dates.message


def test_the_expiry_moment_itself_is_expired_and_a_second_before_is_not() -> None:
    badge = signed_dict()
    assert badgekit.verify(badge, now=EXPIRES - timedelta(seconds=1)).verified
    assert badgekit.verify(badge, now=EXPIRES).verdict is Verdict.EXPIRED
    assert badgekit.verify(badge, now=ISSUED).verified


def test_expired_and_tampered_is_not_valid() -> None:
    badge = signed_dict()
    badge["name"] = "Python Mastery"
    report = badgekit.verify(badge, now=EXPIRES + timedelta(days=1))
    assert report.verdict is Verdict.NOT_VALID  # never EXPIRED: the dates cannot be trusted
    assert report.check("dates").status is CheckStatus.SKIPPED  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-01T12:00:00Z", datetime(2025, 6, 1, 12, tzinfo=UTC)),
        ("2025-06-01T14:00:00+02:00", datetime(2025, 6, 1, 12, tzinfo=UTC)),
        ("2025-06-01", datetime(2025, 6, 1, tzinfo=UTC)),
        ("2025-06-01t12:00:00z", datetime(2025, 6, 1, 12, tzinfo=UTC)),
        ("yesterday", None),
        (20250601, None),
        (None, None),
    ],
)
def test_parse_when(value: Any, expected: datetime | None) -> None:
    assert parse_when(value) == expected


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"validFrom": "not a date"}, "bad_date"),
        ({"validFrom": "2025-01-01T00:00:00Z", "validUntil": "soon"}, "bad_date"),
        ({}, "missing_date"),
        ({"validFrom": "2025-01-01T00:00:00Z"}, "ok"),
    ],
)
def test_check_dates_codes(fields: dict[str, Any], code: str) -> None:
    assert check_dates(fields, "3.0-vcdm2", NOW).code == code


def test_ob2_dates_use_issued_on_and_expires() -> None:
    result = check_dates({"issuedOn": "2020-01-01", "expires": "2021-01-01"}, "2.0", NOW)
    assert (result.code, result.message) == ("expired", "this badge expired on 1 January 2021")
    assert check_dates({}, "2.0", NOW).code == "ok"  # OB 2.0 issuedOn checked by structure


# --- VCDM 1.1 (ob3-spec.md §2.2) --- #


def _v11(**changes: Any) -> dict[str, Any]:
    doc = badgekit.build_credential(
        ACHIEVEMENT,
        "did:example:learner-7",
        issuer_id=ED.did_key,
        now=ISSUED,
        valid_until=EXPIRES,
        vcdm="1.1",
    )
    # build_credential(vcdm="1.1") leaves out the proof context a VCDM 1.1 credential needs
    # for an embedded proof (ob3-spec.md §2.2); add it as issuers of that era did.
    doc["@context"] = [*doc["@context"], DI_V1]
    doc.update(changes)
    return doc


def test_vcdm11_credential_is_built_the_old_way() -> None:
    doc = _v11()
    assert doc["@context"][0] == "https://www.w3.org/2018/credentials/v1"
    assert {"issuanceDate", "expirationDate"} <= set(doc)
    assert "validFrom" not in doc


@pytest.mark.parametrize("contexts", ["3.0.3", "3.0.2"])
def test_vcdm11_signed_with_badgekit_verifies(contexts: str, sample_svg: bytes) -> None:
    doc = _v11()
    if contexts == "3.0.2":
        doc["@context"] = V1_CONTEXTS
    signed_doc = badgekit.sign(doc, ED, now=ISSUED)
    assert isinstance(signed_doc, dict)
    report = badgekit.verify(badgekit.bake(sample_svg, json.dumps(signed_doc)), now=NOW)
    assert report.verified, report.dumps()
    assert report.version == "3.0 (VCDM 1.1)"
    assert report.check("schema").status is CheckStatus.PASSED  # type: ignore[union-attr]
    assert report.credential is not None
    assert report.credential["valid_until"] == doc["expirationDate"]


def test_vcdm11_expired_by_expiration_date() -> None:
    doc = _v11()
    doc["@context"] = V1_CONTEXTS
    signed_doc = badgekit.sign(doc, ED, now=ISSUED)
    assert isinstance(signed_doc, dict)
    report = badgekit.verify(signed_doc, now=EXPIRES + timedelta(days=1))
    assert report.verdict is Verdict.EXPIRED
    assert "expired on 2 May 2026" in report.check("dates").message  # type: ignore[union-attr]
    early = badgekit.verify(signed_doc, now=ISSUED - timedelta(days=1))
    assert early.verdict is Verdict.NOT_YET_VALID


def test_vcdm11_without_name_fails_its_schema() -> None:
    doc = _v11()
    del doc["name"]
    signed_doc = badgekit.sign(doc, ED, now=ISSUED)
    assert isinstance(signed_doc, dict)
    report = badgekit.verify(signed_doc, now=NOW)
    assert report.check("schema").status is CheckStatus.FAILED  # type: ignore[union-attr]
    assert report.verdict is Verdict.NOT_VALID


# --- The 1EdTech test vector (ob3-spec.md §3.2) --- #


def test_1edtech_vector_verifies() -> None:
    report = badgekit.verify(VECTOR["signedCredential"], now=NOW)
    assert report.verified, report.dumps()
    assert report.verdict is Verdict.VALID
    got = {c.id: (c.status.value, c.code) for c in report.checks}
    assert got["proof"] == ("passed", "ok")
    assert got["schema"] == ("warning", "compacted")  # its proof is a single object
    assert got["issuer_binding"] == ("warning", "unconfirmed")  # a #z6Mk… fragment key
    assert report.credential is not None
    assert report.credential["issuer_name"] == "Example Corp"


def test_1edtech_vector_tampered_is_not_valid() -> None:
    doc = json.loads(json.dumps(VECTOR["signedCredential"]))
    doc["credentialSubject"]["achievement"]["name"] = "Leadership"
    report = badgekit.verify(doc, now=NOW)
    assert report.verdict is Verdict.NOT_VALID
    assert report.check("proof").code == "bad_signature"  # type: ignore[union-attr]
