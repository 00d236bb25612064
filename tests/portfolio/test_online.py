"""``online=True``: an OB 2.0 hosted badge is checked against its issuer's server (a real HTTP
server on 127.0.0.1), and only then are its claims shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from localserver import serve
from portfolio_support import LEGACY_NARRATIVE, NOW, artwork, ob2_assertion, ob2_baked_png

import badgekit
from badgekit.net import Fetcher
from badgekit.portfolio import BadgeStatus

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture
def issuer_server() -> Iterator[tuple[str, dict[str, Any]]]:
    """``(base_url, served)``: serves JSON documents from ``served`` by path."""
    with serve(content_type="application/ld+json") as server:
        yield server.base, server.routes


def _scan(folder: Path) -> badgekit.Portfolio:
    fetcher = Fetcher(allow_private=True, allow_http=True)  # tests may reach 127.0.0.1 only
    verifier = badgekit.Verifier(now=NOW, online=True, fetcher=fetcher)
    return badgekit.scan_portfolio(folder, verifier=verifier)


def test_hosted_ob2_badge_verifies_online(
    issuer_server: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    base, served = issuer_server
    assertion = ob2_assertion(base)
    served["/assertions/1001"] = assertion
    (tmp_path / "legacy.png").write_bytes(
        ob2_baked_png(artwork("diamond", "Old", "slate"), assertion)
    )
    (entry,) = _scan(tmp_path).entries
    assert entry.status is BadgeStatus.VALID
    assert (entry.name, entry.issuer) == ("Legacy Claimed Badge", "Legacy Org")
    folio = _scan(tmp_path)
    assert folio.online is True
    page = badgekit.write_badge_wall(folio, tmp_path / "site").index.read_text()
    assert "Legacy Claimed Badge" in page
    assert LEGACY_NARRATIVE in page  # the OB 2.0 assertion's narrative, once it verified
    assert entry.narrative == LEGACY_NARRATIVE


def test_changed_hosted_badge_is_not_valid_and_not_shown(
    issuer_server: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    base, served = issuer_server
    assertion = ob2_assertion(base)
    served["/assertions/1001"] = {**assertion, "issuedOn": "2021-01-01T00:00:00Z"}
    (tmp_path / "legacy.png").write_bytes(
        ob2_baked_png(artwork("diamond", "Old", "slate"), assertion)
    )
    (entry,) = _scan(tmp_path).entries
    assert entry.status is BadgeStatus.NOT_VALID
    assert entry.name is None
    assert entry.reason is not None
    assert entry.reason.startswith("proof: ")
