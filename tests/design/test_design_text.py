"""Fonts and text: bundled families, scripts, shaping, outlines, users' font files."""

from __future__ import annotations

from pathlib import Path

import pytest
from design_helpers import path_bbox, slot_paths

import badgekit
from badgekit import _assets
from badgekit.design.fonts import WEIGHTS, families, resolve_font
from badgekit.design.text import shape
from badgekit.errors import FontError, TemplateError

DATA = Path(__file__).parent / "data"
HEBREW = DATA / "NotoSansHebrew-Subset.ttf"
SAMPLES = {
    "latin": "Ærøskøbing Œuvre Ğüş",
    "greek": "Ρομποτική Ελλάδα",
    "cyrillic": "Робототехника Україна",
}


def test_three_kinds_of_family_each_regular_and_bold() -> None:
    fams = families()
    assert {"sans", "condensed"} <= {f.kind for f in fams.values()}
    assert {"serif", "slab"} & {f.kind for f in fams.values()}
    root = _assets.asset_dir("fonts")
    assert (root / "README.md").is_file()
    for fam in fams.values():
        assert set(fam.files) == set(WEIGHTS)
        licences = list(fam.files["regular"].parent.glob("*.txt"))
        assert licences, f"{fam.key} ships no licence file"


@pytest.mark.parametrize("family", sorted(families()))
@pytest.mark.parametrize("weight", WEIGHTS)
@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_every_family_covers_latin_greek_cyrillic(family: str, weight: str, script: str) -> None:
    run = shape(resolve_font(family, weight), SAMPLES[script])
    assert run.glyphs
    assert all(gid != 0 for gid, *_ in run.glyphs)


@pytest.mark.parametrize("title", [SAMPLES["greek"], SAMPLES["cyrillic"]])
def test_greek_and_cyrillic_titles_render(title: str) -> None:
    badge = badgekit.compose("shield", {"title": title})
    x0, _, x1, _ = path_bbox(slot_paths(badge.svg)["title"])
    assert x1 - x0 > 100
    assert badgekit.render(badge.svg, size=64).startswith(b"\x89PNG")


def test_kerning_is_applied() -> None:
    font = resolve_font("inter", "bold")
    pair = shape(font, "AV").advance
    apart = shape(font, "A").advance + shape(font, "V").advance
    assert pair < apart


def test_ligatures_are_formed() -> None:
    font = resolve_font("noto-serif", "regular")
    assert len(shape(font, "fi").glyphs) == 1


def test_right_to_left_with_a_user_font() -> None:
    font = resolve_font(str(HEBREW))
    run = shape(font, "שלום")
    gids = [g for g, *_ in run.glyphs]
    assert all(gids)
    # harfbuzz returns RTL glyphs in visual order: the last letter (ם) comes first.
    assert gids[0] == font.hb_font.get_nominal_glyph(ord("ם"))
    badge = badgekit.compose("hexagon", {"title": "שלום"}, fonts={"title": str(HEBREW)})
    assert "title" in badge.fitted


def test_missing_glyphs_are_a_font_error() -> None:
    with pytest.raises(FontError, match=r"Inter Bold has no glyph for .*'ש' \(U\+05E9\)"):
        badgekit.compose("hexagon", {"title": "שלום"})


@pytest.mark.parametrize(
    ("font", "match"),
    [("comic-sans", "unknown font 'comic-sans'"), ("/nonexistent/x.ttf", "cannot read")],
)
def test_unknown_fonts(font: str, match: str) -> None:
    with pytest.raises(FontError, match=match):
        badgekit.compose("hexagon", {"title": "X"}, fonts={"*": font})


def test_not_a_font_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font at all")
    with pytest.raises(FontError, match="not a usable"):
        resolve_font(str(bad))


@pytest.mark.parametrize(
    ("written", "capitals"),
    [("Φυσική", "ΦΥΣΙΚΗ"), ("Τάξη του 2026", "ΤΑΞΗ ΤΟΥ 2026"), ("Ρολόι", "ΡΟΛΟΪ")],  # noqa: RUF001
)
def test_greek_capitals_drop_their_accents(written: str, capitals: str) -> None:
    # Greek all-caps are set without tonos; "ΦΥΣΙΚΉ" is a typesetting error.
    got = slot_paths(badgekit.compose("ribbon-banner", {"title": written}).svg)["title"]
    want = slot_paths(badgekit.compose("ribbon-banner", {"title": capitals}).svg)["title"]
    assert got == want


def test_latin_capitals_keep_their_accents() -> None:
    got = slot_paths(badgekit.compose("ribbon-banner", {"title": "École"}).svg)["title"]
    assert got != slot_paths(badgekit.compose("ribbon-banner", {"title": "ECOLE"}).svg)["title"]


def test_alt_text_keeps_the_words_as_written() -> None:
    badge = badgekit.compose("circle-seal", {"title": "Data Science", "top": "Example University"})
    assert "Example University" in badge.description
    assert "EXAMPLE" not in badge.description


def test_a_font_for_an_unknown_slot_is_refused() -> None:
    # A typo (--font tilte=...) used to be ignored silently, drawing the bundled font.
    with pytest.raises(TemplateError, match="no text slot 'tilte' for a font"):
        badgekit.compose("hexagon", {"title": "X"}, fonts={"tilte": str(HEBREW)})
