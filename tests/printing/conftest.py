"""Fixtures for the printing tests: a small portfolio (built once) and its vCard."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from printing_support import NOW, baked, credential, revocable, status_list

import badgekit


@pytest.fixture(scope="session")
def folio(tmp_path_factory: pytest.TempPathFactory) -> badgekit.Portfolio:
    """Six valid badges (one a JSON file without artwork), one expired, one revoked."""
    base = tmp_path_factory.mktemp("printing")
    folder = base / "badges"
    folder.mkdir()
    for i, name in enumerate(["Python Basics", "Data Viz", "SQL", "Statistics", "Ethics"]):
        issued = NOW - timedelta(days=20 + i)
        baked(folder, f"{i}.png", credential(badge=name, issued=issued, name="Ada Lovelace"))
    aid = credential(badge="First Aid", issued=NOW - timedelta(days=90), name="Ada Lovelace")
    (folder / "first-aid.json").write_text(json.dumps(aid))
    old = credential(
        badge="Old Course", issued=NOW - timedelta(days=400), valid_until=NOW - timedelta(days=9)
    )
    baked(folder, "old.png", old)
    baked(folder, "revoked.png", credential(badge="Revoked Course", credential_status=revocable(5)))
    status = status_list(base, 5)
    return badgekit.scan_portfolio(folder, now=NOW, status_file=status)


@pytest.fixture(scope="session")
def vcard_text(folio: badgekit.Portfolio) -> str:
    return badgekit.make_vcard(
        folio,
        name="Ada Lovelace",
        job_title="Data Analyst, Research",
        org="Example; Analytics",
        wall_url="https://ada.example/badges/",
    )
