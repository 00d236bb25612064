"""Design specs: a TOML file that makes a design repeatable."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import badgekit
from badgekit.errors import DesignError, FileAccessError

if TYPE_CHECKING:
    from pathlib import Path

SPEC = """
template = "circle-seal"
palette = "forest"
icon = "logo.svg"
sizes = [600, 64]

[values]
title = "Tree Planter"
top = "Green Valley"

[colors]
accent = "#e0c050"
"""


def test_spec_composes_like_the_call(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2">'
        '<rect width="2" height="2"/></svg>'
    )
    path = tmp_path / "design.toml"
    path.write_text(SPEC)
    spec = badgekit.DesignSpec.load(path)
    assert spec.sizes == (600, 64)
    assert spec.icon == str(tmp_path / "logo.svg")
    direct = badgekit.compose(
        "circle-seal",
        {"title": "Tree Planter", "top": "Green Valley"},
        palette="forest",
        colors={"accent": "#e0c050"},
        icon=str(tmp_path / "logo.svg"),
    )
    assert spec.compose().svg == direct.svg


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("template = ", "not valid TOML"),
        ('palette = "x"', "'template' must name a template"),
        ('template = "shield"\nshape = "round"', "unknown key 'shape'"),
        ('template = "shield"\nsizes = [0]', "'sizes' must be a list"),
        ('template = "shield"\n[values]\ntitle = 5', r"\[values\] must be a table of strings"),
        ('template = "shield"\nicon = 3', "'icon' must be a string"),
    ],
)
def test_bad_specs(text: str, match: str) -> None:
    with pytest.raises(DesignError, match=match):
        badgekit.DesignSpec.from_toml(text)


def test_missing_spec_file(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError):
        badgekit.DesignSpec.load(tmp_path / "none.toml")
