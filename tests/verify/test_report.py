"""The report on its own: verdict logic, ``raise_for_status`` and the JSON shape."""

from __future__ import annotations

import json

import pytest

from badgekit import CheckResult, Verdict, VerificationReport
from badgekit.errors import VerificationFailed
from badgekit.verify import CHECK_IDS, CheckStatus

P, F, W, S = CheckStatus.PASSED, CheckStatus.FAILED, CheckStatus.WARNING, CheckStatus.SKIPPED


def _report(**overrides: tuple[CheckStatus, str]) -> VerificationReport:
    checks = []
    for check_id in CHECK_IDS:
        status, code = overrides.get(check_id, (P, "ok"))
        checks.append(CheckResult(check_id, status, code, f"{check_id} said {code}"))
    return VerificationReport("badge.png", "3.0", tuple(checks), {"name": "B"})


@pytest.mark.parametrize(
    ("overrides", "verdict"),
    [
        ({}, Verdict.VALID),
        ({"schema": (W, "compacted"), "status": (W, "offline")}, Verdict.VALID),
        ({"recipient": (S, "skipped")}, Verdict.VALID),
        ({"dates": (F, "expired")}, Verdict.EXPIRED),
        ({"dates": (F, "not_yet_valid")}, Verdict.NOT_YET_VALID),
        ({"dates": (F, "missing_date")}, Verdict.NOT_VALID),
        ({"status": (F, "revoked")}, Verdict.REVOKED),
        ({"status": (F, "suspended")}, Verdict.SUSPENDED),
        ({"status": (F, "revoked"), "dates": (F, "expired")}, Verdict.REVOKED),
        ({"status": (F, "verification_error")}, Verdict.NOT_VALID),
        ({"status": (F, "revoked"), "schema": (F, "schema_invalid")}, Verdict.NOT_VALID),
        ({"dates": (F, "expired"), "recipient": (F, "mismatch")}, Verdict.NOT_VALID),
        ({"proof": (F, "bad_signature"), "dates": (S, "skipped")}, Verdict.NOT_VALID),
        ({"issuer_binding": (F, "controller_mismatch")}, Verdict.NOT_VALID),
        ({"container": (F, "not_baked")}, Verdict.NOT_VALID),
        ({"proof": (S, "offline"), "issuer_binding": (S, "offline")}, Verdict.UNVERIFIED),
        ({"proof": (S, "offline"), "dates": (F, "expired")}, Verdict.NOT_VALID),
    ],
)
def test_verdict(overrides: dict[str, tuple[CheckStatus, str]], verdict: Verdict) -> None:
    report = _report(**overrides)
    assert report.verdict is verdict
    assert report.verified is (verdict is Verdict.VALID)


def test_bad_date_is_not_called_expired() -> None:
    # A date that cannot be read is a broken badge, not an expired one.
    assert _report(dates=(F, "bad_date")).verdict is Verdict.NOT_VALID


def test_verified_needs_a_passed_proof_and_container() -> None:
    assert not _report(proof=(W, "odd")).verified
    assert not _report(container=(S, "skipped")).verified


def test_raise_for_status() -> None:
    ok = _report()
    assert ok.raise_for_status() is ok
    with pytest.raises(VerificationFailed, match=r"badge.png: EXPIRED: dates: dates said expired"):
        _report(dates=(F, "expired")).raise_for_status()
    with pytest.raises(VerificationFailed, match="UNVERIFIED"):
        _report(proof=(S, "offline")).raise_for_status()


def test_to_json_shape() -> None:
    report = _report(status=(W, "offline"))
    out = report.to_json()
    assert list(out) == ["file", "verified", "verdict", "version", "credential", "checks"]
    assert out["file"] == "badge.png"
    assert out["verdict"] == "VALID"
    assert out["checks"][0] == {
        "id": "container",
        "status": "passed",
        "code": "ok",
        "message": "container said ok",
    }
    assert json.loads(report.dumps()) == out
    detailed = CheckResult("proof", P, "ok", "fine", {"suite": "eddsa-rdfc-2022"})
    assert detailed.to_json()["details"] == {"suite": "eddsa-rdfc-2022"}


def test_check_lookup_and_failures() -> None:
    report = _report(dates=(F, "expired"), status=(F, "revoked"))
    assert [c.id for c in report.failures] == ["dates", "status"]
    assert report.check("dates").code == "expired"  # type: ignore[union-attr]
    assert report.check("nope") is None
    assert report.replace(source="x.png").source == "x.png"


def test_headline_does_not_claim_the_issuer_signed_when_the_key_is_unconfirmed() -> None:
    from badgekit.verify.report import CheckResult, CheckStatus, VerificationReport

    ok = CheckStatus.PASSED
    checks = (
        CheckResult("container", ok, "json", "json"),
        CheckResult("proof", ok, "ok", "valid"),
        CheckResult("issuer_binding", CheckStatus.WARNING, "unconfirmed", "not confirmed"),
    )
    report = VerificationReport("x.json", "3.0", checks, {"issuer_id": "https://example.edu/i"})
    assert report.verdict.value == "VALID"
    assert "its issuer signed it" not in report.headline
    assert "https://example.edu/i was not confirmed" in report.headline


def test_a_key_named_only_in_the_issuer_url_does_not_confirm_the_claims() -> None:
    from badgekit.verify.report import CheckResult, CheckStatus, VerificationReport

    ok = CheckStatus.PASSED
    base = (CheckResult("container", ok, "json", "json"), CheckResult("proof", ok, "ok", "ok"))
    unconfirmed = CheckResult("issuer_binding", CheckStatus.WARNING, "unconfirmed", "?")
    bound = CheckResult("issuer_binding", ok, "ok", "ok")
    claims = {"issuer_id": "https://example.edu/i"}
    assert not VerificationReport("x", "3.0", (*base, unconfirmed), claims).confirmed
    assert VerificationReport("x", "3.0", (*base, bound), claims).confirmed
