"""The badge spreadsheet: one row per badge, matching the verification reports row by row."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
from portfolio_support import (
    ARABIC_NARRATIVE,
    FIRST_AID_NARRATIVE,
    FORGED_NARRATIVE,
    LEGACY_NARRATIVE,
    NOW,
    XSS_NAME,
    XSS_NARRATIVE,
)

import badgekit
from badgekit.errors import FileAccessError
from badgekit.portfolio import CSV_COLUMNS, Portfolio, PortfolioEntry, portfolio_csv
from badgekit.portfolio.sheet import csv_cell
from badgekit.verify import CheckResult, CheckStatus, VerificationReport

if TYPE_CHECKING:
    from pathlib import Path

_TRUSTED = {"VALID", "EXPIRED", "REVOKED", "NOT YET VALID"}


def _read(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_rows_match_the_reports(portfolio: badgekit.Portfolio, tmp_path: Path) -> None:
    out = badgekit.write_portfolio_csv(portfolio, tmp_path / "badges.csv")
    rows = _read(out)
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == len(portfolio.entries)
    for row, entry in zip(rows, portfolio.entries, strict=True):
        report = entry.report
        verdict = report.verdict.value
        assert row["File"] == entry.file
        assert row["Status"].split(":")[0] == verdict.lower()
        if verdict in _TRUSTED:
            c = report.credential
            assert c is not None
            assert row["Badge"] == csv_cell(c["achievement_name"])
            assert row["Issuer"] == (c["issuer_name"] or c["issuer_id"])
            assert row["Criteria"] == (c["criteria_narrative"] or "")
            assert row["Criteria URL"] == (c["criteria_url"] or "")
            earned = c["awarded_date"] or c["valid_from"]
            assert row["Date earned"] == earned[:10]
            assert row["Expires"] == (c["valid_until"] or "")[:10]
            assert row["Status"] == verdict.lower()
        else:
            first = report.failures[0] if report.failures else report.check("proof")
            assert first is not None
            assert first.message in row["Status"]
            assert row["Badge"] == row["Issuer"] == row["Criteria"] == row["Date earned"] == ""
            assert row["Narrative"] == row["Results"] == ""


def test_known_rows(portfolio: badgekit.Portfolio) -> None:
    rows = {r["File"]: r for r in csv.DictReader(io.StringIO(portfolio_csv(portfolio)))}
    assert rows["academy/python-basics.png"]["Badge"] == "Python Basics"
    assert rows["academy/python-basics.png"]["Date earned"] == "2025-05-12"
    assert rows["academy/old-course.png"]["Status"] == "expired"
    assert rows["academy/old-course.png"]["Expires"] == "2025-04-27"
    assert rows["academy/revoked.png"]["Status"] == "revoked"
    assert rows["academy/tampered.png"]["Status"].startswith("not valid: proof: ")
    assert rows["photo.png"]["Status"].startswith("not valid: container: ")
    assert rows["legacy/ob2-hosted.png"]["Status"].startswith("unverified: ")
    assert rows["script-name.png"]["Badge"] == XSS_NAME  # CSV is data: no HTML escaping
    assert "Forged" not in portfolio_csv(portfolio)


def test_the_earners_story_and_results_columns(portfolio: badgekit.Portfolio) -> None:
    text = portfolio_csv(portfolio)
    rows = {r["File"]: r for r in csv.DictReader(io.StringIO(text))}
    # The new columns come last: every earlier column keeps its place.
    assert list(CSV_COLUMNS[-3:]) == ["File", "Narrative", "Results"]
    first_aid = rows["school/first-aid.json"]
    assert first_aid["Narrative"] == FIRST_AID_NARRATIVE  # Markdown as written, line breaks kept
    assert first_aid["Results"] == "Practical assessment: A \u00b7 Completed"
    assert rows["script-name.png"]["Narrative"] == XSS_NARRATIVE
    assert rows["to-bob.json"]["Narrative"] == ARABIC_NARRATIVE
    assert rows["academy/python-basics.png"]["Narrative"] == ""
    assert rows["academy/python-basics.png"]["Results"] == ""
    for never in (FORGED_NARRATIVE, LEGACY_NARRATIVE):  # not genuine, or not checked
        assert never not in text


def test_formula_cells_are_quoted(portfolio: badgekit.Portfolio) -> None:
    entry = next(e for e in portfolio.entries if e.file == "academy/python-basics.png")
    assert entry.report.credential is not None
    evil = {**entry.report.credential}
    evil["achievement_name"] = '=HYPERLINK("https://evil.example","click")'
    evil["issuer_name"] = "@SUM(1+1)"
    evil["criteria_narrative"] = "-2+3"
    evil["criteria_url"] = "+cmd|' /C calc'!A0"
    evil["narrative"] = "=1+1"
    evil["results"] = [{"name": "@A1", "value": "1"}]
    forged = replace(entry, report=entry.report.replace(credential=evil))
    folio = Portfolio(portfolio.root, (forged,), (), NOW)
    row = next(csv.DictReader(io.StringIO(portfolio_csv(folio))))
    assert row["Badge"] == "'" + evil["achievement_name"]
    assert row["Issuer"] == "'@SUM(1+1)"
    assert row["Criteria"] == "'-2+3"
    assert row["Criteria URL"].startswith("'+cmd")
    assert row["Narrative"] == "'=1+1"
    assert row["Results"] == "'@A1: 1"


@given(st.text())
def test_no_cell_can_start_a_formula(text: str) -> None:
    cell = csv_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert not cell.lstrip().startswith(("=", "+", "-", "@"))
    assert cell in (text, "'" + text) or (cell == "" and not text)


def test_a_file_name_is_guarded_too(tmp_path: Path) -> None:
    check = CheckResult("container", CheckStatus.FAILED, "not_baked", "no credential")
    report = VerificationReport(str(tmp_path / "=cmd.png"), None, (check,))
    entry = PortfolioEntry("=cmd.png", tmp_path / "=cmd.png", report)
    folio = Portfolio(tmp_path, (entry,), (), NOW)
    row = next(csv.DictReader(io.StringIO(portfolio_csv(folio))))
    assert row["File"] == "'=cmd.png"
    assert row["Status"] == "not valid: container: no credential"


def test_unwritable_csv_is_a_file_access_error(
    portfolio: badgekit.Portfolio, tmp_path: Path
) -> None:
    with pytest.raises(FileAccessError, match="does not exist"):
        badgekit.write_portfolio_csv(portfolio, tmp_path / "missing" / "x.csv")
    assert not (tmp_path / "missing").exists()


def test_result_lines_read_as_words() -> None:
    from badgekit.portfolio.entry import result_line

    assert result_line({"name": "Grade", "value": "B+", "status": "InProgress"}) == (
        "Grade",
        "B+ \u00b7 In progress",
    )
    assert result_line({"achieved_level": "Proficient", "status": "OnHold"}) == (
        "Result",
        "Proficient \u00b7 On hold",
    )
    assert result_line({"status": "ext:Audited"}) == ("Result", "ext:Audited")
    assert result_line({"name": "Grade", "value": "  "}) is None
    assert result_line("A") is None
