"""CLR 2.0 records: the ClrCredential and every credential it carries, each with its own row;
a record is not valid if one of its credentials is not genuine, nor beyond the bounds."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING

import pytest
from clr_support import REGISTRAR, badge, clr
from verify_support import ED, NOW, OTHER, signed

import badgekit
from badgekit import Verdict
from badgekit.verify import CheckStatus
from badgekit.verify.nested import MAX_CREDENTIALS, MAX_DEPTH

if TYPE_CHECKING:
    from pathlib import Path


def test_a_record_and_each_of_its_credentials_verify() -> None:
    report = badgekit.verify(clr([badge("Python Basics"), badge("Data Literacy")]), now=NOW)
    assert report.verdict is Verdict.VALID
    assert report.version == "CLR 2.0"
    assert report.headline.startswith("This record is genuine")
    check = report.check("credentials")
    assert check is not None
    assert check.status is CheckStatus.PASSED
    assert [n.role for n in report.nested] == ["credential", "credential"]
    assert [n.credential["achievement_name"] for n in report.nested if n.credential] == [
        "Python Basics",
        "Data Literacy",
    ]
    out = report.to_json()
    assert [n["verdict"] for n in out["nested"]] == ["VALID", "VALID"]


def test_a_record_carrying_a_forged_credential_is_not_valid() -> None:
    forged = badge("Data Literacy")
    forged["credentialSubject"]["achievement"]["name"] = "Data Science PhD"
    report = badgekit.verify(clr([badge("Python Basics"), forged]), now=NOW)
    assert report.verdict is Verdict.NOT_VALID
    check = report.check("credentials")
    assert check is not None
    assert check.status is CheckStatus.FAILED
    assert "Data Science PhD" in check.message
    assert [n.verdict for n in report.nested] == [Verdict.VALID, Verdict.NOT_VALID]


def test_an_expired_credential_in_a_record_is_a_warning() -> None:
    old = badge("First Aid", valid_from=NOW.replace(year=2023), valid_until=NOW.replace(year=2024))
    report = badgekit.verify(clr([badge("Python Basics"), old]), now=NOW)
    assert report.verdict is Verdict.VALID
    check = report.check("credentials")
    assert check is not None
    assert check.status is CheckStatus.WARNING
    assert "First Aid: expired" in check.message


def test_a_record_may_carry_vc_jwts() -> None:
    jwt = signed("jwt")
    assert isinstance(jwt, str)
    report = badgekit.verify(clr([badge("Python Basics"), jwt]), now=NOW)
    assert report.verdict is Verdict.VALID
    assert report.nested[1].check("proof").message.startswith("the VC-JWT")


def test_a_tampered_record_checks_none_of_its_credentials() -> None:
    record = clr([badge("Python Basics")])
    record["name"] = "Changed"
    report = badgekit.verify(record, now=NOW)
    assert report.verdict is Verdict.NOT_VALID
    assert report.nested == ()


def test_more_credentials_than_the_bound_is_not_valid_and_names_it() -> None:
    one = badge("Python Basics")
    record = clr([one] * (MAX_CREDENTIALS + 1))
    report = badgekit.verify(record, now=NOW)
    assert report.verdict is Verdict.NOT_VALID
    check = report.check("credentials")
    assert check is not None
    assert check.code == "too_many"
    assert f"at most {MAX_CREDENTIALS}" in check.message


def test_records_nested_deeper_than_the_bound_are_not_valid() -> None:
    inner: dict[str, object] = badge("Python Basics")
    for level in range(MAX_DEPTH):
        record = clr([inner], key=REGISTRAR, sign=False)
        record["id"] = f"urn:uuid:7e0f3c53-53bb-4a4c-9f6a-0000000000{level:02d}"
        inner = badgekit.sign(record, REGISTRAR, now=NOW)  # type: ignore[assignment]
    report = badgekit.verify(inner, now=NOW)  # type: ignore[arg-type]
    assert report.verdict is Verdict.NOT_VALID
    deepest = report
    while deepest.nested:
        deepest = deepest.nested[0]
    check = deepest.check("credentials")
    assert check is not None
    assert check.status is CheckStatus.FAILED
    assert f"deeper than {MAX_DEPTH} levels" in check.message


def test_a_record_signed_by_a_key_not_its_issuers_is_not_valid() -> None:
    record = clr([badge("Python Basics")], sign=False)
    record["issuer"]["id"] = OTHER.did_key
    with pytest.raises(badgekit.errors.SigningError):
        badgekit.sign(record, ED)


def test_a_baked_record_is_read_from_its_own_carrier(tmp_path: Path, sample_png: bytes) -> None:
    record = clr([badge("Python Basics"), badge("Data Literacy")])
    baked = badgekit.bake(sample_png, json.dumps(record))
    assert badgekit.unbake(baked).carrier.standard == "clr"
    path = tmp_path / "record.png"
    path.write_bytes(baked)
    report = badgekit.verify(path, now=NOW)
    assert report.verdict is Verdict.VALID
    assert "CLR 2.0" in report.check("container").message
    folio = badgekit.scan_portfolio(tmp_path, now=NOW)
    assert [e.file for e in folio.entries] == ["record.png", "record.png#1", "record.png#2"]
    assert [e.name for e in folio.entries] == [
        "Professional learning record 2024-25",
        "Python Basics",
        "Data Literacy",
    ]
    assert {e.part_of for e in folio.entries[1:]} == {"record.png"}


def test_a_forged_record_lists_no_parts_in_a_portfolio(tmp_path: Path) -> None:
    record = copy.deepcopy(clr([badge("Python Basics")]))
    record["credentialSubject"]["verifiableCredential"][0]["name"] = "x"
    (tmp_path / "record.json").write_text(json.dumps(record), encoding="utf-8")
    folio = badgekit.scan_portfolio(tmp_path, now=NOW)
    assert [e.file for e in folio.entries] == ["record.json"]
    assert folio.entries[0].report.verdict is Verdict.NOT_VALID
