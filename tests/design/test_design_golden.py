"""Golden renders: every template, with its sample texts, looks as it did when reviewed.

Regenerate on purpose only:  ``pytest tests/design --update-golden``  (then look at the PNGs
in tests/golden/png/ and review the diff before committing).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from design_helpers import assert_image_similar

import badgekit
from badgekit.design import sample_values

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "png"
NAMES = [t.name for t in badgekit.list_templates()]
#: Mean channel difference allowed (0..255): absorbs cairo/pixman anti-aliasing differences.
EPSILON = 1.5


@pytest.mark.parametrize("name", NAMES)
def test_template_matches_golden(name: str, request: pytest.FixtureRequest) -> None:
    badge = badgekit.compose(name, sample_values(name))
    png = badgekit.render(badge.svg, size=300)
    golden = GOLDEN / f"{name}.png"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(png)
        return
    assert golden.is_file(), f"no golden render for {name}: run pytest --update-golden"
    assert_image_similar(png, golden.read_bytes(), EPSILON)


def test_every_golden_has_a_template() -> None:
    # A stale golden file means a template was renamed or removed without cleaning up.
    assert sorted(p.stem for p in GOLDEN.glob("*.png")) == sorted(NAMES)


def test_similarity_check_can_fail() -> None:
    a = badgekit.render(badgekit.compose("shield", {"title": "One"}).svg, size=100)
    b = badgekit.render(badgekit.compose("shield", {"title": "One"}, palette="mint").svg, size=100)
    with pytest.raises(AssertionError, match="images differ"):
        assert_image_similar(a, b, EPSILON)
