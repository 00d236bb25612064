"""Palettes and the WCAG 2.x contrast rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import badgekit
from badgekit.design.palettes import ROLES, contrast, ensure_contrast, shade
from badgekit.errors import DesignError

PAIRS = [("text", "background"), ("on-primary", "primary"), ("on-secondary", "secondary")]


def test_at_least_ten_palettes_with_every_role() -> None:
    palettes = badgekit.list_palettes()
    assert len(palettes) >= 10
    for p in palettes:
        assert set(p.colors) == set(ROLES), p.name


@pytest.mark.parametrize("palette", [p.name for p in badgekit.list_palettes()])
def test_every_palette_passes_the_contrast_rule(palette: str) -> None:
    (p,) = [x for x in badgekit.list_palettes() if x.name == palette]
    for fg, bg in PAIRS:
        assert contrast(p.colors[fg], p.colors[bg]) >= 4.5, (palette, fg, bg)


@pytest.mark.parametrize("palette", [p.name for p in badgekit.list_palettes()])
def test_every_palette_composes_without_warnings(palette: str) -> None:
    for info in badgekit.list_templates():
        values = {n: "Text" for n in info.slots if info.slots[n] != "icon"}
        badge = badgekit.compose(info.name, values, palette=palette)
        assert badge.warnings == (), (info.name, badge.warnings)


def test_known_contrast_ratios() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#777777") == pytest.approx(1.0)
    # WebAIM's example: #767676 on white is 4.54:1, the lightest grey that passes AA.
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


HEX = st.from_regex(r"#[0-9a-f]{6}", fullmatch=True)


@given(HEX, HEX, st.sampled_from([3.0, 4.5, 7.0]))
def test_ensure_contrast_always_reaches_the_ratio(fg: str, bg: str, ratio: float) -> None:
    fixed = ensure_contrast(fg, bg, ratio)
    assert contrast(fixed, bg) >= ratio or fixed in ("#000000", "#ffffff")
    if contrast(fg, bg) >= ratio:
        assert fixed == fg


def test_low_contrast_text_is_fixed_with_a_warning() -> None:
    badge = badgekit.compose(
        "hexagon", {"title": "Pale", "subtitle": "small"}, colors={"text": "#f0f0f0"}
    )
    assert len(badge.warnings) == 2
    assert "slot 'title'" in badge.warnings[0]
    assert "#f0f0f0" in badge.warnings[0]
    assert b'fill="#f0f0f0"' not in badge.svg.split(b'id="slot-title"')[1][:40]


def test_large_text_needs_only_three_to_one() -> None:
    # 3.5:1 is enough for the 48 px title, not for the 22 px subtitle.
    grey = "#8a8a8a"
    assert 3.0 <= contrast(grey, "#ffffff") < 4.5
    badge = badgekit.compose(
        "hexagon",
        {"title": "Big", "subtitle": "small"},
        colors={"text": grey, "background": "#ffffff"},
    )
    assert [w.split("'")[1] for w in badge.warnings] == ["subtitle"]


def test_shades_and_literals() -> None:
    colors = {"primary": "#204080"}
    assert shade("primary", colors) == "#204080"
    assert shade("primary+100", colors) == "#ffffff"
    assert shade("primary-100", colors) == "#000000"
    assert shade("#ABC", colors) == "#aabbcc"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"palette": "nope"}, "unknown palette 'nope'"),
        ({"colors": {"primary": "blue"}}, "not a colour"),
        ({"colors": {"shiny": "#fff"}}, "unknown colour role 'shiny'"),
    ],
)
def test_bad_colours_are_refused(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(DesignError, match=match):
        badgekit.compose("hexagon", {"title": "X"}, **kwargs)  # type: ignore[arg-type]


def test_free_colours_override_the_palette() -> None:
    badge = badgekit.compose("hexagon", {"title": "X"}, colors={"primary": "#123456"})
    assert b"#123456" in badge.svg
    assert badge.colors["primary"] == "#123456"
