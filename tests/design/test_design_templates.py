"""Templates: the bundled set is complete and valid; designers' templates are checked."""

from __future__ import annotations

import shutil
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import badgekit
from badgekit import _assets
from badgekit.errors import TemplateError

TEMPLATES = _assets.asset_dir("templates")
EXPECTED = {
    "certificate", "circle-seal", "diamond", "hexagon", "laurel-wreath", "octagon", "pennant",
    "ribbon-banner", "rosette", "rounded-square", "shield", "star-medal",
}  # fmt: skip


def test_at_least_twelve_templates() -> None:
    names = {t.name for t in badgekit.list_templates()}
    assert names >= EXPECTED
    assert len(names) >= 12


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_template_files_stand_alone(name: str) -> None:
    # The raw SVG opens as it is: well-formed, an <svg> root with a size, sample text visible.
    root = ET.parse(TEMPLATES / f"{name}.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox")
    assert root.get("width")
    assert root.get("height")
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    meta = tomllib.loads((TEMPLATES / f"{name}.toml").read_text())
    assert meta["label"]
    assert meta["description"]
    assert meta["slots"]


def test_every_template_has_a_required_title_and_an_icon() -> None:
    for info in badgekit.list_templates():
        required = "recipient" if info.name == "certificate" else "title"
        assert required in info.required, info.name
        assert "icon" in info.slots.values(), info.name


def test_certificate_carries_the_recipient() -> None:
    badge = badgekit.compose("certificate", {"recipient": "Grace Hopper", "title": "COBOL"})
    assert "Grace Hopper" in badge.description
    assert "recipient" in badge.fitted


def test_unknown_template_and_slot() -> None:
    with pytest.raises(TemplateError, match="unknown template 'nope'"):
        badgekit.compose("nope", {"title": "X"})
    with pytest.raises(TemplateError, match="no text slot 'colour'"):
        badgekit.compose("shield", {"title": "X", "colour": "red"})
    with pytest.raises(TemplateError, match="slot 'title' needs a text"):
        badgekit.compose("shield", {})


@pytest.fixture
def designer(tmp_path: Path) -> Path:
    """A copy of the hexagon template in a designer's own folder."""
    for ext in ("svg", "toml"):
        shutil.copy(TEMPLATES / f"hexagon.{ext}", tmp_path / f"mine.{ext}")
    return tmp_path / "mine.toml"


def test_a_designers_template_loads_by_path(designer: Path) -> None:
    badge = badgekit.compose(str(designer), {"title": "Mine"})
    assert badge.template == "mine"
    assert badge.fitted["title"] > 0


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "match"),
    [
        ('data-slot="subtitle"', 'data-slot="sub"', "unknown or used twice"),
        ('data-slot="level"', "", "no placeholder element with data-slot='level'"),
        ("</defs>", "</defs><script>alert(1)</script>", "<script> elements are not allowed"),
        ("</defs>", '</defs><text x="1" y="1">loose</text>', "only allowed inside a data-slot"),
        ('data-fill="secondary"', 'data-fill="sparkle"', "unknown colour role 'sparkle'"),
        ("</defs>", '</defs><image href="http://x.example/a.png"/>', "external reference"),
        ('viewBox="0 0 600 600"', 'viewBox="0 0 wide"', "viewBox"),
    ],
)
def test_broken_svg_is_refused(designer: Path, old: str, new: str, match: str) -> None:
    _edit(designer.with_suffix(".svg"), old, new)
    with pytest.raises(TemplateError, match=match):
        badgekit.compose(str(designer), {"title": "X"})


@pytest.mark.parametrize(
    ("old", "new", "match"),
    [
        ("max_size = 48", 'max_size = "big"', "max_size must be a number"),
        ("box = [140, 232, 320, 100]", "box = [140, 232]", "box must be a list of 4"),
        ('type = "icon"', 'type = "video"', "type must be text, arc or icon"),
        ('palette = "ocean"', 'palette = "neon"', "unknown default palette"),
        ("min_size = 22", "min_size = 99", "min_size must be positive"),
        ("[slots.title]", "[slots.title", "not valid TOML"),
    ],
)
def test_broken_metadata_is_refused(designer: Path, old: str, new: str, match: str) -> None:
    _edit(designer, old, new)
    with pytest.raises(TemplateError, match=match):
        badgekit.compose(str(designer), {"title": "X"})


def test_a_template_font_file_is_relative_to_the_template(designer: Path) -> None:
    shutil.copy(Path(__file__).parent / "data" / "NotoSansHebrew-Subset.ttf", designer.parent)
    _edit(designer, 'font = "inter"', 'font = "NotoSansHebrew-Subset.ttf"')
    badge = badgekit.compose(str(designer), {"title": "שלום"})
    assert badge.fitted["title"] > 0
