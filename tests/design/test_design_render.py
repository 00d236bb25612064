"""Rendering: sizes, determinism, alt text, limits, and no fonts or network needed."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest
from design_helpers import external_refs, png_text
from PIL import Image

import badgekit
from badgekit.design import sample_values
from badgekit.errors import RenderError

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def seal() -> badgekit.ComposedBadge:
    return badgekit.compose(
        "circle-seal", {"title": "Data Science", "top": "Example University"}, palette="ocean"
    )


def _size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_render_sizes(seal: badgekit.ComposedBadge) -> None:
    pngs = badgekit.render_sizes(seal.svg, (600, 300, 64))
    assert list(pngs) == [600, 300, 64]
    for size, png in pngs.items():
        assert _size(png) == (size, size)
        with Image.open(io.BytesIO(png)) as im:
            im.verify()


def test_landscape_size_is_the_longer_side() -> None:
    badge = badgekit.compose("certificate", {"recipient": "Ada Lovelace"})
    assert _size(badgekit.render(badge.svg, size=800)) == (800, 566)


def test_same_input_gives_same_bytes(seal: badgekit.ComposedBadge) -> None:
    again = badgekit.compose(
        "circle-seal", {"title": "Data Science", "top": "Example University"}, palette="ocean"
    )
    assert again.svg == seal.svg
    assert badgekit.render(seal.svg) == badgekit.render(again.svg)


def test_png_carries_alt_text(seal: badgekit.ComposedBadge) -> None:
    text = png_text(badgekit.render(seal.svg, size=64))
    assert text["Title"] == "Data Science"
    assert "Data Science" in text["Description"]
    assert "Circle seal" in text["Description"]
    custom = png_text(badgekit.render(seal.svg, size=64, alt="A blue seal"))
    assert custom["Description"] == "A blue seal"


def test_svg_carries_title_and_desc(seal: badgekit.ComposedBadge) -> None:
    assert b'<title id="badge-title">Data Science</title>' in seal.svg
    assert b'<desc id="badge-desc">' in seal.svg
    assert b'role="img"' in seal.svg


def test_composed_svg_needs_no_fonts_and_no_other_files() -> None:
    for info in badgekit.list_templates():
        svg = badgekit.compose(info.name, sample_values(info.name)).svg
        assert b"<text" not in svg, info.name
        assert b"font-family" not in svg, info.name
        assert external_refs(svg) == [], info.name


def test_issuing_warnings(seal: badgekit.ComposedBadge) -> None:
    assert badgekit.issuing_warnings(badgekit.render(seal.svg, size=600)) == ()
    (small,) = badgekit.issuing_warnings(badgekit.render(seal.svg, size=64))
    assert "64x64" in small
    assert "600" in small
    big = badgekit.render(seal.svg, size=64) + b"\0" * (2 * 1024 * 1024)
    assert any("bytes" in w for w in badgekit.issuing_warnings(big))


@pytest.mark.parametrize("size", [0, -5, 9000, 600.0, True])
def test_bad_sizes_are_refused(seal: badgekit.ComposedBadge, size: object) -> None:
    with pytest.raises(RenderError, match="render size"):
        badgekit.render(seal.svg, size=size)  # type: ignore[arg-type]


def test_unrenderable_svg_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="cannot render"):
        badgekit.render(b"<svg xmlns='http://www.w3.org/2000/svg'><path d=")


def test_external_image_is_never_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    Image.new("RGBA", (10, 10), "red").save(secret)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        f'<image width="10" height="10" href="file://{secret}"/></svg>'
    ).encode()
    with Image.open(io.BytesIO(badgekit.render(svg, size=10))) as im:
        assert im.convert("RGBA").getpixel((5, 5))[3] == 0  # nothing drawn


def test_renders_identically_with_no_system_fonts(
    tmp_path: Path, seal: badgekit.ComposedBadge
) -> None:
    # An empty fontconfig configuration: cairo sees no font at all in the subprocess.
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig></fontconfig>')
    script = textwrap.dedent(
        """
        import sys, badgekit
        badge = badgekit.compose("circle-seal", {"title": "Data Science",
                                 "top": "Example University"}, palette="ocean")
        sys.stdout.buffer.write(badgekit.render(badge.svg))
        """
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, check=True, timeout=120
    )
    assert done.stdout == badgekit.render(seal.svg)
