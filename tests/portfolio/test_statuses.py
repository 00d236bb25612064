"""Statuses found when checking a teacher's folder: a suspended badge, a did:web or HTTPS
issuer whose key could not be confirmed offline, and an OB 2.0 SVG that is only a link."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from portfolio_support import ACADEMY, NOW, achievement, artwork

import badgekit
from badgekit import Achievement
from badgekit.cli import main
from badgekit.portfolio import BadgeStatus, portfolio_csv
from badgekit.status import StatusList, build_list_credential, status_entry

if TYPE_CHECKING:
    from pathlib import Path

SUSPEND_URL = "https://academy.example/status/suspend"


def _suspended_folder(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "badges"
    folder.mkdir()
    issued = badgekit.issue_badge(
        achievement("Lab Safety", "Example Academy"),
        ACADEMY,
        "ada@example.org",
        artwork("octagon", "Lab", "crimson"),
        now=NOW - timedelta(days=20),
        credential_status=status_entry(SUSPEND_URL, 3, purpose="suspension"),
    )
    (folder / "suspended.png").write_bytes(issued.image)
    bits = StatusList()
    bits.set(3)
    doc = build_list_credential(
        bits,
        list_url=SUSPEND_URL,
        issuer=ACADEMY.did_key,
        purpose="suspension",
        valid_from=NOW - timedelta(days=1),
    )
    status_file = tmp_path / "suspension.json"
    status_file.write_text(json.dumps(badgekit.sign(doc, ACADEMY, now=NOW - timedelta(days=1))))
    return folder, status_file


def test_a_suspended_badge_is_listed_not_a_crash(tmp_path: Path) -> None:
    folder, status_file = _suspended_folder(tmp_path)
    folio = badgekit.scan_portfolio(folder, now=NOW, status_file=status_file)
    (entry,) = folio.entries
    assert entry.report.verdict.value == "SUSPENDED"
    assert entry.status is BadgeStatus.SUSPENDED
    assert (entry.trusted, entry.name) == (True, "Lab Safety")  # genuine, but not valid now
    assert entry.status_text == "suspended"
    assert "1 suspended" in folio.summary()
    row = list(csv.reader(io.StringIO(portfolio_csv(folio))))[1]
    assert row[0] == "Lab Safety"
    assert row[6] == "suspended"
    wall = badgekit.write_badge_wall(folio, tmp_path / "site")
    page = wall.index.read_text()
    assert 'data-status="suspended"' in page
    assert ">Suspended</p>" in page
    assert wall.snippets == ()  # not valid now: nothing to embed
    hidden = badgekit.write_badge_wall(folio, tmp_path / "site2", hide_invalid=True)
    assert 'data-status="suspended"' not in hidden.index.read_text()


def test_cli_reports_a_suspended_badge(tmp_path: Path) -> None:
    folder, status_file = _suspended_folder(tmp_path)
    args = ["portfolio", str(folder), "--status-file", str(status_file)]
    result = CliRunner().invoke(main, [*args, "--now", NOW.isoformat()])
    assert result.exit_code == 0, result.output
    assert "SUSPENDED" in result.output


@pytest.mark.parametrize("issuer_id", ["did:web:mit.example", "https://mit.example/issuer"])
def test_a_key_only_named_in_a_web_issuers_address_shows_nothing_offline(
    issuer_id: str, tmp_path: Path
) -> None:
    # Anyone can sign with their own key under a did:web or HTTPS issuer's address: offline,
    # the signature verifies but the key is not confirmed to be the issuer's.
    forged = Achievement.from_dict(
        {
            "name": "Doctorate of Science",
            "description": "Awarded for a doctorate.",
            "criteria": {"narrative": "Defend a thesis."},
            "issuer": {"id": issuer_id, "name": "Famous University"},
        }
    )
    issued = badgekit.issue_badge(
        forged, ACADEMY, "ada@example.org", artwork("shield", "PhD", "royal"), now=NOW
    )
    (tmp_path / "phd.png").write_bytes(issued.image)
    folio = badgekit.scan_portfolio(tmp_path, now=NOW, exclude=[tmp_path / "site"])
    (entry,) = folio.entries
    assert entry.report.verdict.value == "VALID"  # verify's word, with a warning
    assert entry.status is BadgeStatus.UNVERIFIED
    assert (entry.trusted, entry.name, entry.issuer, entry.badge) == (False, None, None, None)
    assert entry.reason is not None
    assert "--online" in entry.reason
    assert entry.status_text.startswith("unverified: ")
    row = list(csv.reader(io.StringIO(portfolio_csv(folio))))[1]
    assert row[:6] == [""] * 6
    page = badgekit.write_badge_wall(folio, tmp_path / "site").index.read_text()
    assert "Famous University" not in page
    assert "Doctorate" not in page
    assert 'data-status="unverified"' in page


def test_an_ob2_svg_link_says_why_it_was_not_checked(tmp_path: Path) -> None:
    svg = artwork("rosette", "Old", "forest", svg=True).decode()
    cut = svg.index(">", svg.index("<svg"))
    url = "https://legacy.example/assertions/7"
    link = f'<openbadges:assertion verify="{url}"/>'
    baked = f'{svg[:cut]} xmlns:openbadges="http://openbadges.org">{link}{svg[cut + 1 :]}'
    (tmp_path / "legacy.svg").write_text(baked)
    (entry,) = badgekit.scan_portfolio(tmp_path, now=NOW).entries
    assert entry.status is BadgeStatus.UNVERIFIED
    assert entry.reason is not None
    assert url in entry.reason
    assert "--online" in entry.reason
    assert "an earlier check could not run" not in entry.reason
