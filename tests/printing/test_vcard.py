"""vCard 4.0 (RFC 6350): escaping, folding at 75 octets, and a real parser reading it back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from badgekit.printing.vcard import escape_text, fold_line


def _unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_escaping_follows_rfc_6350_section_3_4() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert escape_text("line\r\nbreak\rold mac") == "line\\nbreak\\nold mac"
    assert escape_text("bell\x07 and nul\x00") == "bell and nul"


def test_folding_keeps_every_line_within_75_octets() -> None:
    line = "NOTE:" + "é" * 100  # two octets each: a naive cut would split one
    folded = fold_line(line)
    pieces = folded.split("\r\n")
    assert len(pieces) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert _unfold(folded) == line
    assert fold_line("FN:Ada") == "FN:Ada"


@given(st.text(min_size=0, max_size=400))
def test_folding_round_trips_any_text(text: str) -> None:
    line = "NOTE:" + escape_text(text)
    folded = fold_line(line)
    assert all(len(p.encode("utf-8")) <= 75 for p in folded.split("\r\n"))
    assert _unfold(folded) == line


def test_the_vcard_parses_with_vobject(vcard_text: str) -> None:
    vobject = pytest.importorskip("vobject")
    card = vobject.readOne(vcard_text)
    assert card.version.value == "4.0"
    assert card.fn.value == "Ada Lovelace"
    assert card.n.value.family == "Lovelace"
    assert card.n.value.given == "Ada"
    assert card.title.value == "Data Analyst, Research"
    assert card.org.value == ["Example; Analytics"]
    assert card.url.value == "https://ada.example/badges/"
    note = card.note.value
    assert note.startswith("Verified Open Badges:\n")
    assert "Python Basics (Green Valley School, 12 May 2025)" in note
    assert "Revoked Course" not in note  # valid badges only
    assert "Old Course" not in note


def test_the_vcard_text_is_crlf_folded_and_deterministic(vcard_text: str) -> None:
    assert vcard_text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert vcard_text.endswith("END:VCARD\r\n")
    assert "\n" not in vcard_text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in vcard_text.split("\r\n"))
    assert "REV:" not in vcard_text
