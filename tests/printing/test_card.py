"""Business cards: valid badges only, the QR code to the wall, refusals."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

import badgekit
from badgekit.errors import EarnerNameError, LinkRequiredError, PrintError
from badgekit.printing.card import CARD_QR_MM, MAX_CARD_BADGES
from badgekit.printing.qr import QUIET_ZONE, qr_code

if TYPE_CHECKING:
    from pathlib import Path

WALL = "https://ada.example/badges/"


def test_the_card_shows_valid_badges_newest_first(folio: badgekit.Portfolio) -> None:
    card = badgekit.make_business_card(folio, wall_url=WALL, job_title="Data Analyst")
    assert card.name == "Ada Lovelace"  # the name every valid badge states
    # Six valid badges: four shown and "+2" in the fifth place; expired and revoked left out.
    assert card.badges == ("Python Basics", "Data Viz", "SQL", "Statistics")
    assert card.more == 2
    assert len(card.badges) + 1 == MAX_CARD_BADGES
    assert card.svg.count(b"<image") == 4
    assert card.pdf.startswith(b"%PDF-")


def test_a_card_with_room_to_spare_shows_no_more_badges(folio: badgekit.Portfolio) -> None:
    # Fewer badges than places: "more" was negative, and the card said "+-3".
    two = [e for e in folio.entries if e.name in ("SQL", "Ethics")]
    card = badgekit.make_business_card(replace(folio, entries=tuple(two)), wall_url=WALL)
    assert (card.badges, card.more) == (("SQL", "Ethics"), 0)
    assert b"Verified Open Badges: SQL, Ethics." in card.svg


def test_card_png_is_300_dpi(folio: badgekit.Portfolio, tmp_path: Path) -> None:
    out = tmp_path / "card.png"
    badgekit.write_business_card(folio, out, wall_url=WALL, name="Ada Lovelace")
    data = out.read_bytes()
    assert (int.from_bytes(data[16:20]), int.from_bytes(data[20:24])) == (1004, 650)


def test_the_qr_code_is_big_enough_and_has_its_quiet_zone() -> None:
    qr = qr_code(WALL)
    module = CARD_QR_MM / qr.modules
    assert module >= 0.5  # mm: phones read it at arm's length
    svg = qr.svg(10, 10, CARD_QR_MM)
    quiet = QUIET_ZONE * module
    m = re.match(
        r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="#ffffff"/>', svg
    )
    assert m, svg[:120]
    x, y, w, h = (float(v) for v in m.groups())
    assert x == pytest.approx(10 - quiet, abs=1e-3)
    assert y == pytest.approx(10 - quiet, abs=1e-3)
    assert w == h == pytest.approx(CARD_QR_MM + 2 * quiet, abs=1e-3)
    # The dark runs redraw exactly segno's matrix.
    import segno

    matrix = [list(r) for r in segno.make(WALL, error="m", micro=False).matrix_iter(border=0)]
    drawn = [[0] * qr.modules for _ in range(qr.modules)]
    for r, c, n in qr.runs:
        for k in range(n):
            drawn[r][c + k] = 1
    assert drawn == [[1 if v else 0 for v in row] for row in matrix]


def test_refusals(folio: badgekit.Portfolio, tmp_path: Path) -> None:
    with pytest.raises(LinkRequiredError, match="--wall-url"):
        badgekit.make_business_card(folio, wall_url="ada.example")
    with pytest.raises(PrintError, match=r"\.pdf or \.png"):
        badgekit.write_business_card(folio, tmp_path / "card.svg", wall_url=WALL)
    with pytest.raises(EarnerNameError, match="--name must be"):
        badgekit.make_business_card(folio, wall_url=WALL, name=" ")
    empty = badgekit.Portfolio(folio.root, (), (), folio.checked_at)
    with pytest.raises(PrintError, match="no valid badge"):
        badgekit.make_business_card(empty, wall_url=WALL, name="Ada")
    with pytest.raises(EarnerNameError, match="do not state your name"):
        badgekit.make_vcard(empty)
    assert not list(tmp_path.iterdir())
