"""Helpers for the design tests: image similarity and composed-geometry bounding boxes."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

from fontTools.pens.boundsPen import BoundsPen
from fontTools.svgLib.path import parse_path
from PIL import Image, ImageChops, ImageStat

SVG = "{http://www.w3.org/2000/svg}"


def assert_image_similar(a: bytes, b: bytes, epsilon: float) -> None:
    """Fail unless two PNGs have the same size and a mean channel difference <= epsilon.

    Modelled on Pillow's ``Tests/helper.py::assert_image_similar`` (average absolute
    difference over all pixels and channels, 0..255).
    """
    ia = Image.open(io.BytesIO(a)).convert("RGBA")
    ib = Image.open(io.BytesIO(b)).convert("RGBA")
    assert ia.size == ib.size, f"sizes differ: {ia.size} != {ib.size}"
    diff = ImageChops.difference(ia, ib)
    mean = sum(ImageStat.Stat(diff).mean) / 4
    assert mean <= epsilon, f"images differ: mean difference {mean:.3f} > {epsilon}"


def slot_paths(svg: bytes) -> dict[str, str]:
    """The ``d`` of every composed text slot (``<path id="slot-NAME">``) in an SVG."""
    root = ET.fromstring(svg)
    out: dict[str, str] = {}
    for el in root.iter(f"{SVG}path"):
        ident = el.get("id", "")
        if ident.startswith("slot-"):
            out[ident[5:]] = el.get("d", "")
    return out


def path_bbox(d: str) -> tuple[float, float, float, float]:
    """Bounding box (x0, y0, x1, y1) of SVG path data, through its control points' curves."""
    pen = BoundsPen(None)
    parse_path(d, pen)
    assert pen.bounds is not None, "empty path"
    return pen.bounds


def png_text(png: bytes) -> dict[str, str]:
    """The text chunks Pillow reads from a PNG."""
    with Image.open(io.BytesIO(png)) as im:
        im.load()
        return dict(getattr(im, "text", {}))


def external_refs(svg: bytes) -> list[str]:
    """Every href or url() in an SVG that is not a fragment or a data: image."""
    text = svg.decode("utf-8")
    refs = re.findall(r'href="([^"]*)"', text) + re.findall(r"url\(([^)]*)\)", text)
    return [r for r in refs if not r.startswith(("#", "data:image/"))]
