"""Scanning a folder: which files are verified, with what status, and what may be shown."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pytest
from portfolio_support import EXPECTED, FORGED_NAME, NOW, XSS_NAME

import badgekit
from badgekit.errors import FileAccessError
from badgekit.portfolio import BadgeStatus, find_badge_files

if TYPE_CHECKING:
    from pathlib import Path


def test_every_badge_file_gets_its_status(portfolio: badgekit.Portfolio) -> None:
    assert {e.file: e.status for e in portfolio.entries} == EXPECTED
    assert [e.file for e in portfolio.entries] == sorted(EXPECTED, key=lambda f: f.split("/"))
    assert portfolio.checked_at == NOW


def test_hidden_and_non_badge_files_are_not_scanned(portfolio: badgekit.Portfolio) -> None:
    files = {e.file for e in portfolio.entries}
    assert not any(part.startswith(".") for f in files for part in f.split("/"))
    assert "notes.txt" not in files
    assert portfolio.skipped == ()


def test_status_matches_the_verification_report(portfolio: badgekit.Portfolio) -> None:
    for entry in portfolio.entries:
        assert entry.status.value == entry.report.verdict.value.lower()
        assert entry.report.source == str(entry.path)


def test_claims_of_a_badge_that_did_not_verify_are_never_offered(
    portfolio: badgekit.Portfolio,
) -> None:
    tampered = next(e for e in portfolio.entries if e.file == "academy/tampered.png")
    # The report parsed the forged credential, but the entry refuses to show it.
    assert tampered.report.credential is not None
    assert tampered.report.credential["achievement_name"] == FORGED_NAME
    assert (tampered.trusted, tampered.badge, tampered.name, tampered.issuer) == (
        False,
        None,
        None,
        None,
    )
    assert tampered.earned is None
    assert tampered.reason is not None
    assert tampered.reason.startswith("proof: ")
    assert tampered.status_text.startswith("not valid: proof: ")
    legacy = next(e for e in portfolio.entries if e.file == "legacy/ob2-hosted.png")
    assert legacy.name is None
    assert legacy.reason is not None
    assert "--online" in legacy.reason


def test_genuine_but_not_valid_badges_keep_their_claims(portfolio: badgekit.Portfolio) -> None:
    by_file = {e.file: e for e in portfolio.entries}
    old = by_file["academy/old-course.png"]
    assert (old.trusted, old.name, old.issuer) == (True, "Spreadsheet Skills", "Example Academy")
    assert old.expires == "2025-04-27"
    assert old.status_text == "expired"
    assert old.reason is not None
    assert "expired" in old.reason
    revoked = by_file["academy/revoked.png"]
    assert (revoked.status_text, revoked.name) == ("revoked", "Chemistry Lab Safety")
    xss = by_file["script-name.png"]
    assert (xss.name, xss.status_text, xss.reason) == (XSS_NAME, "valid", None)


def test_summary_counts_each_status(portfolio: badgekit.Portfolio) -> None:
    counts = portfolio.counts()
    assert counts[BadgeStatus.VALID] == 7
    assert (counts[BadgeStatus.EXPIRED], counts[BadgeStatus.REVOKED]) == (1, 1)
    assert (counts[BadgeStatus.NOT_VALID], counts[BadgeStatus.UNVERIFIED]) == (2, 1)
    assert portfolio.summary() == (
        "12 badge files: 7 valid, 1 expired, 1 revoked, 1 unverified, 2 not valid"
    )


def test_one_verifier_serves_every_file(badge_folder: tuple[Path, Path]) -> None:
    folder, status_file = badge_folder
    calls: list[Any] = []

    class Counting(badgekit.Verifier):
        def verify(self, source: Any) -> badgekit.VerificationReport:
            calls.append(self)
            return super().verify(source)

    verifier = Counting(now=NOW, status_file=status_file)
    folio = badgekit.scan_portfolio(folder, verifier=verifier)
    assert len(calls) == len(EXPECTED)
    assert all(v is verifier for v in calls)
    assert folio.checked_at == NOW
    assert {e.file: e.status for e in folio.entries} == EXPECTED


def test_without_the_status_file_revocation_is_not_known(badge_folder: tuple[Path, Path]) -> None:
    folder, _ = badge_folder
    folio = badgekit.scan_portfolio(folder, now=NOW)
    entry = next(e for e in folio.entries if e.file == "academy/revoked.png")
    assert entry.status is not BadgeStatus.REVOKED


def test_recipient_is_checked_for_every_badge(badge_folder: tuple[Path, Path]) -> None:
    folder, status_file = badge_folder
    folio = badgekit.scan_portfolio(
        folder, now=NOW, status_file=status_file, recipient="ada@example.org"
    )
    bob = next(e for e in folio.entries if e.file == "to-bob.json")
    assert bob.status is BadgeStatus.NOT_VALID
    assert bob.name is None
    assert bob.reason is not None
    assert bob.reason.startswith("recipient: ")
    python = next(e for e in folio.entries if e.file == "academy/python-basics.png")
    assert python.status is BadgeStatus.VALID


def test_large_files_and_symlinks_are_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "big.json").write_bytes(b"{" + b" " * 200 + b"}")
    (tmp_path / "small.json").write_text("{}")
    os.symlink(tmp_path / "small.json", tmp_path / "link.json")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = {p.name: reason for p, reason in find_badge_files(tmp_path, max_bytes=100)}
    assert found["small.json"] is None
    assert found["big.json"] is not None
    assert "100-byte limit" in found["big.json"]
    assert found["link.json"] == "a symbolic link (not followed)"
    assert set(found) == {"big.json", "small.json", "link.json"}  # the loop is not walked
    folio = badgekit.scan_portfolio(tmp_path, now=NOW)
    assert [s.file for s in folio.skipped] == ["link.json"]
    assert [e.file for e in folio.entries] == ["big.json", "small.json"]


def test_the_file_limit_skips_the_rest(badge_folder: tuple[Path, Path]) -> None:
    folder, _ = badge_folder
    folio = badgekit.scan_portfolio(folder, now=NOW, max_files=3)
    assert len(folio.entries) == 3
    assert len(folio.skipped) == len(EXPECTED) - 3
    assert all("3-file limit" in s.reason for s in folio.skipped)


def test_excluded_folders_are_left_out(badge_folder: tuple[Path, Path]) -> None:
    folder, _ = badge_folder
    folio = badgekit.scan_portfolio(folder, now=NOW, exclude=[folder / "academy"])
    assert not any(e.file.startswith("academy/") for e in folio.entries)
    assert len(folio.entries) == len(EXPECTED) - 4


def test_a_missing_folder_is_a_file_access_error(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="does not exist"):
        badgekit.scan_portfolio(tmp_path / "nope")
    (tmp_path / "file.png").write_bytes(b"x")
    with pytest.raises(FileAccessError, match="is not a folder"):
        badgekit.scan_portfolio(tmp_path / "file.png")


def test_an_empty_folder_is_an_empty_portfolio(tmp_path: Path) -> None:
    folio = badgekit.scan_portfolio(tmp_path, now=NOW)
    assert (folio.entries, folio.skipped) == ((), ())
    assert folio.summary() == "0 badge files: 0 valid, 0 expired, 0 revoked, 0 not valid"


def test_a_hosted_ob2_svg_with_its_json_is_unverified_and_its_claims_withheld(
    tmp_path: Path,
) -> None:
    from pathlib import Path as _Path

    hosted = _Path(__file__).resolve().parent.parent / "data" / "bake" / "ob2-hosted-both.svg"
    (tmp_path / "reading.svg").write_bytes(hosted.read_bytes())
    (entry,) = badgekit.scan_portfolio(tmp_path, now=NOW).entries
    assert entry.status is BadgeStatus.UNVERIFIED
    # The report read the assertion's claims, but nothing unconfirmed is offered for display.
    assert entry.report.credential is not None
    assert entry.report.credential["achievement_name"] == "Summer Reading Challenge 2019"
    assert (entry.trusted, entry.name, entry.issuer) == (False, None, None)
    assert entry.reason is not None
    assert "--online" in entry.reason
