"""Composed badges in a real browser with no fonts: Debian's headless Chromium must draw every
template as cairosvg does (text is outlines, so no font is ever looked up).

Skipped, with the reason, when ``/usr/bin/chromium`` is missing (``./run test`` installs it in
CI as root).
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest
from design_helpers import assert_image_similar, external_refs
from PIL import Image

import badgekit
from badgekit.design import sample_values

CHROMIUM = Path("/usr/bin/chromium")
CELL = 300
COLUMNS = 4
#: Mean channel difference allowed between Chromium's and cairosvg's anti-aliasing.
EPSILON = 2.0
TITLES = ("Φυσική και Χημεία", "Основы анализа данных")


def _on_white(png: bytes) -> Image.Image:
    with Image.open(io.BytesIO(png)) as im:
        rgba = im.convert("RGBA")
    out = Image.new("RGBA", rgba.size, "white")
    out.alpha_composite(rgba)
    return out


def _png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize("title", TITLES)
def test_every_template_looks_the_same_in_chromium_with_no_fonts(
    title: str, tmp_path: Path
) -> None:
    if not CHROMIUM.is_file():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    names = [t.name for t in badgekit.list_templates()]
    tiles: list[str] = []
    expected: dict[str, bytes] = {}
    for i, name in enumerate(names):
        svg = badgekit.compose(name, {**sample_values(name), "title": title}).svg
        assert b"<text" not in svg, name
        assert external_refs(svg) == [], name
        (tmp_path / f"{name}.svg").write_bytes(svg)
        expected[name] = badgekit.render(svg, size=CELL)
        x, y = (i % COLUMNS) * CELL, (i // COLUMNS) * CELL
        tiles.append(
            f'<img src="{name}.svg" width="{_on_white(expected[name]).width}" '
            f'style="position:absolute;left:{x}px;top:{y}px">'
        )
    rows = (len(names) + COLUMNS - 1) // COLUMNS
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html><body style="margin:0;background:#fff">'
        + "".join(tiles)
        + "</body></html>"
    )
    conf = tmp_path / "fonts.conf"  # an empty fontconfig: the browser has no font at all
    conf.write_text('<?xml version="1.0"?><fontconfig></fontconfig>')
    shot = tmp_path / "shot.png"
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    command += [f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}"]
    command += [f"--window-size={COLUMNS * CELL},{rows * CELL}", page.as_uri()]
    subprocess.run(
        command,
        env={**os.environ, "FONTCONFIG_FILE": str(conf)},
        capture_output=True,
        check=True,
        timeout=120,
    )
    with Image.open(shot) as im:
        page_img = im.convert("RGBA")
    for i, name in enumerate(names):
        want = _on_white(expected[name])
        x, y = (i % COLUMNS) * CELL, (i // COLUMNS) * CELL
        got = page_img.crop((x, y, x + want.width, y + want.height))
        assert_image_similar(_png(got), _png(want), EPSILON)
