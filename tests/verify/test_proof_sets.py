"""Proof sets (ob3-spec.md §3: "an issuer MAY add several proofs"): VALID when one proof by
the issuer's key verifies and none is broken; every proof is listed in the report."""

from __future__ import annotations

import copy
from typing import Any

from verify_support import ED, ISSUED, NOW, OTHER, unsigned

import badgekit
from badgekit import Verdict
from badgekit.jsonld import StaticLoader
from badgekit.proofs.api import combine, verify_proofs
from badgekit.proofs.eddsa_rdfc_2022 import EDDSA_RDFC_2022
from badgekit.verify import CheckStatus

CREATED = "2025-05-02T12:00:00Z"


def _issuer_signed(times: int = 1) -> dict[str, Any]:
    doc: dict[str, Any] = unsigned()
    for i in range(times):
        created = f"2025-05-02T12:00:0{i}Z"
        out = badgekit.sign(doc, ED, created=created)
        assert isinstance(out, dict)
        doc = out
    return doc


def _foreign_proof(doc: dict[str, Any]) -> dict[str, Any]:
    """A genuine proof over the same credential by a key that is not the issuer's."""
    document = {k: v for k, v in doc.items() if k != "proof"}
    return EDDSA_RDFC_2022.create_proof(
        document, OTHER, verification_method=OTHER.did_key_vm, created=CREATED,
        loader=StaticLoader(),
    )  # fmt: skip


def _proof_check(doc: dict[str, Any]) -> badgekit.CheckResult:
    check = badgekit.verify(doc, now=NOW).check("proof")
    assert check is not None
    return check


def test_two_issuer_proofs_are_valid_and_both_listed() -> None:
    doc = _issuer_signed(2)
    report = badgekit.verify(doc, now=NOW)
    assert report.verdict is Verdict.VALID
    proof = _proof_check(doc)
    assert len(proof.details["proofs"]) == 2
    assert all(p["verified"] for p in proof.details["proofs"])
    assert "2 proofs" in proof.message


def test_a_proof_by_another_key_beside_the_issuers_is_listed_not_held_against() -> None:
    doc = _issuer_signed()
    doc["proof"].append(_foreign_proof(doc))
    report = badgekit.verify(doc, now=NOW)
    assert report.verdict is Verdict.VALID
    binding = report.check("issuer_binding")
    assert binding is not None
    assert binding.status is CheckStatus.PASSED
    proof = _proof_check(doc)
    codes = [p["reason_code"] for p in proof.details["proofs"]]
    assert codes == ["ok", "controller_mismatch"]
    assert "not the issuer's" in proof.message


def test_only_a_proof_by_another_key_fails_the_binding() -> None:
    doc: dict[str, Any] = unsigned()
    doc["proof"] = [_foreign_proof(doc)]
    report = badgekit.verify(doc, now=NOW)
    assert report.verdict is Verdict.NOT_VALID
    assert report.check("issuer_binding").code == "controller_mismatch"


def test_a_broken_proof_sinks_a_good_one() -> None:
    doc = _issuer_signed(2)
    broken = copy.deepcopy(doc)
    value = broken["proof"][1]["proofValue"]
    broken["proof"][1]["proofValue"] = value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]
    report = badgekit.verify(broken, now=NOW)
    assert report.verdict is Verdict.NOT_VALID
    proof = _proof_check(broken)
    assert proof.status is CheckStatus.FAILED
    assert proof.message.startswith("one of the proofs is broken")
    assert [p["verified"] for p in proof.details["proofs"]] == [True, False]


def test_an_unknown_suite_beside_a_good_proof_is_listed_and_harmless() -> None:
    doc = _issuer_signed()
    doc["proof"].append({"type": "DataIntegrityProof", "cryptosuite": "bbs-2023",
                         "proofPurpose": "assertionMethod", "proofValue": "u0000"})  # fmt: skip
    results = verify_proofs(doc)
    assert [r.reason_code for r in results] == ["ok", "unsupported_suite"]
    assert combine(results).verified
    # the strict schema does not know the made-up proof, but the proof check is unaffected
    assert _proof_check(doc).status is CheckStatus.PASSED


def test_combine_prefers_broken_then_verified_then_first_failure() -> None:
    ok, other = verify_proofs(_issuer_signed())[0], verify_proofs({"proof": []})[0]
    assert combine([other, ok]) is ok
    assert combine([]).reason_code == "no_proof"
    assert badgekit.verify_proof(_issuer_signed(), now=ISSUED).verified


def test_a_check_that_raises_a_badgekit_error_is_a_failed_row_not_a_crash() -> None:
    from badgekit.errors import StatusListError
    from badgekit.verify.steps import Step, run_steps

    def broken(run: object) -> badgekit.CheckResult:
        msg = "the status list at https://x.example/1 is not a status list"
        raise StatusListError(msg)

    class _Run:
        results: dict[str, badgekit.CheckResult] = {}  # noqa: RUF012

    (row,) = run_steps([Step("status", broken)], _Run())  # type: ignore[arg-type]
    assert row.status is CheckStatus.FAILED
    assert "not a status list" in row.message
