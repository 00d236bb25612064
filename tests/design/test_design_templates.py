"""Templates: the bundled set is complete and valid; designers' templates are checked."""

from __future__ import annotations

import shutil
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import badgekit
from badgekit import _assets
from badgekit.design import sample_values
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
        ('data-if="level"', 'data-if="lvl"', "data-if='lvl' names no slot"),
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


def test_placeholder_in_a_transformed_group_is_refused_before_drawing(designer: Path) -> None:
    # Inkscape layers often carry a transform; the slot box would be moved with them.
    svg = designer.with_suffix(".svg")
    text = svg.read_text()
    start = text.index('<text data-slot="title"')
    end = text.index("</text>", start) + len("</text>")
    svg.write_text(
        text[:start] + '<g transform="translate(0 40)">' + text[start:end] + "</g>" + text[end:]
    )
    with pytest.raises(TemplateError, match=r"'title' is inside a <g> with a transform.*move"):
        badgekit.compose(str(designer), {"title": "X"})


@pytest.mark.parametrize("name", ["hexagon", "rounded-square"])
def test_a_pill_is_drawn_only_with_its_level(name: str) -> None:
    # data-if="level": an empty level pill looked broken when only a title was given.
    bare = badgekit.compose(name, {"title": "X"}).svg.decode()
    with_level = badgekit.compose(name, {"title": "X", "level": "Level 2"}).svg.decode()
    pill = 'rx="22"' if name == "hexagon" else 'rx="20"'
    assert pill not in bare
    assert pill in with_level
    assert "data-if" not in with_level
    assert "bk-if" not in with_level
    assert "bk-fi" not in with_level


def test_inkscape_style_colours_give_way_to_roles(designer: Path) -> None:
    # Inkscape writes style="fill:#..."; CSS beats the fill attribute, so the palette was
    # ignored for such shapes.
    _edit(
        designer.with_suffix(".svg"),
        'data-fill="secondary"',
        'style="fill:#ff0000;stroke-width:2" data-fill="secondary"',
    )
    svg = badgekit.compose(str(designer), {"title": "X", "level": "L"}, palette="rose").svg
    assert b"#ff0000" not in svg
    assert b'style="stroke-width:2"' in svg


def test_a_template_is_named_by_its_svg_too(designer: Path) -> None:
    badge = badgekit.compose(str(designer.with_suffix(".svg")), {"title": "Mine"})
    assert badge.template == "mine"


@pytest.mark.parametrize("name", ["shield", "ribbon-banner"])
def test_banner_titles_stay_inside_the_stitching(name: str) -> None:
    # The dashed stitch line of a banner is part of the drawing: text must not cross it.
    root = ET.parse(TEMPLATES / f"{name}.svg").getroot()
    stitch = next(
        el for el in root.iter("{http://www.w3.org/2000/svg}rect") if el.get("stroke-dasharray")
    )
    sx, sy = float(stitch.get("x", 0)), float(stitch.get("y", 0))
    sw, sh = float(stitch.get("width", 0)), float(stitch.get("height", 0))
    x, y, w, h = tomllib.loads((TEMPLATES / f"{name}.toml").read_text())["slots"]["title"]["box"]
    margin = 5
    assert sx + margin <= x
    assert x + w <= sx + sw - margin
    assert sy + margin <= y
    assert y + h <= sy + sh - margin


def test_a_template_without_samples_still_previews(designer: Path) -> None:
    # The README's TOML gives no `sample`; the golden test and the contact sheet compose the
    # samples, and a required title without one stopped them with "needs a text".
    text = designer.read_text()
    designer.write_text("\n".join(ln for ln in text.splitlines() if not ln.startswith("sample")))
    values = sample_values(str(designer))
    assert values["title"] == "Hexagon"
    assert badgekit.contact_sheet([str(designer)]).startswith(b"<svg")
