"""Icons: the bundled set, search, and the safety pass for users' own files."""

from __future__ import annotations

import base64
import io
import struct
import zlib
from typing import TYPE_CHECKING

import pytest
from PIL import Image

import badgekit
from badgekit import _assets
from badgekit.design.icons import icon_from_bytes, load_icon
from badgekit.errors import FileAccessError, IconError

if TYPE_CHECKING:
    from pathlib import Path

NS = 'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"'
GOOD = f'<svg {NS}><circle cx="12" cy="12" r="9" fill="#c00"/></svg>'.encode()


def test_at_least_150_icons_with_licence() -> None:
    icons = badgekit.search_icons("")
    assert len(icons) >= 150
    assert len({i.name for i in icons}) == len(icons)
    licence = (_assets.asset_dir("templates") / "icons" / "LICENSE").read_text()
    assert "MIT License" in licence


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("trophy", "trophy"),
        ("science", "microscope"),
        ("sport", "ball-football"),
        ("music", "music"),
    ],
)
def test_search_finds_icons(query: str, expected: str) -> None:
    assert expected in [i.name for i in badgekit.search_icons(query)]


def test_search_ranks_exact_names_first() -> None:
    assert badgekit.search_icons("book")[0].name == "book"
    assert badgekit.search_icons("zzzz-nothing") == []


def test_unknown_icon_suggests_names() -> None:
    with pytest.raises(IconError, match=r"unknown icon 'troph'.*trophy"):
        badgekit.compose("hexagon", {"title": "X"}, icon="troph")


def test_user_svg_icon_is_embedded_as_data_uri(tmp_path: Path) -> None:
    path = tmp_path / "logo.svg"
    path.write_bytes(GOOD)
    badge = badgekit.compose("hexagon", {"title": "X"}, icon=str(path))
    assert b'href="data:image/svg+xml;base64,' in badge.svg
    assert str(tmp_path).encode() not in badge.svg
    badgekit.render(badge.svg, size=64)


def test_user_png_icon_is_re_encoded_without_metadata(tmp_path: Path) -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "secret")
    buf = io.BytesIO()
    Image.new("RGBA", (32, 32), "blue").save(buf, "PNG", pnginfo=info)
    icon = icon_from_bytes(buf.getvalue(), "logo.png")
    assert icon.href.startswith("data:image/png;base64,")
    data = base64.b64decode(icon.href.split(",", 1)[1])
    assert b"secret" not in data
    path = tmp_path / "logo.png"
    path.write_bytes(buf.getvalue())
    png = badgekit.render(badgekit.compose("shield", {"title": "X"}, icon=str(path)).svg, size=64)
    assert png.startswith(b"\x89PNG")


HOSTILE = {
    "script": f"<svg {NS}><script>alert(1)</script></svg>",
    "onload": f'<svg {NS} onload="alert(1)"><rect width="5" height="5"/></svg>',
    "onclick": f'<svg {NS}><rect width="5" height="5" onclick="x()"/></svg>',
    "external href": f'<svg {NS}><image href="https://evil.example/x.png"/></svg>',
    "xlink href": (
        f'<svg {NS} xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<use xlink:href="file:///etc/passwd#x"/></svg>'
    ),
    "javascript link": f'<svg {NS}><a href="javascript:alert(1)"><rect/></a></svg>',
    "foreignObject": f"<svg {NS}><foreignObject><p>hi</p></foreignObject></svg>",
    "css url": f'<svg {NS}><rect style="fill:url(https://evil.example/p)"/></svg>',
    "style import": f'<svg {NS}><style>@import "https://evil.example/a.css";</style></svg>',
    "animate href": f'<svg {NS}><a><set attributeName="href" to="javascript:x"/></a></svg>',
    "xxe": (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f"<svg {NS}><desc>&x;</desc></svg>"
    ),
    "billion laughs": (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;">]>'
        f"<svg {NS}><desc>&c;</desc></svg>"
    ),
    "not svg": '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
    "broken xml": f"<svg {NS}><rect",
    "no size": '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>',
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_svg_icons_are_refused(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "icon.svg"
    path.write_text(HOSTILE[kind])
    with pytest.raises(IconError) as info:
        badgekit.compose("hexagon", {"title": "X"}, icon=str(path))
    assert "icon icon.svg" in str(info.value)


@pytest.mark.parametrize(
    "data", [b"GIF89a....", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, b"", b"\xff\xd8\xff\xe0 jpeg"]
)
def test_other_files_are_refused(data: bytes) -> None:
    with pytest.raises(IconError):
        icon_from_bytes(data, "x")


def test_huge_png_icon_is_refused() -> None:
    buf = io.BytesIO()
    Image.new("L", (4000, 10)).save(buf, "PNG")
    with pytest.raises(IconError, match="at most 2048 px"):
        icon_from_bytes(buf.getvalue(), "wide.png")


def test_missing_icon_file() -> None:
    with pytest.raises(IconError, match="no such file") as info:
        load_icon("/nonexistent/icon.svg")
    assert not isinstance(info.value, FileAccessError)


def test_icon_none_leaves_the_slot_empty() -> None:
    with_icon = badgekit.compose("hexagon", {"title": "X"})
    without = badgekit.compose("hexagon", {"title": "X"}, icon="none")
    assert b'id="slot-icon"' in with_icon.svg
    assert b'id="slot-icon"' not in without.svg


def _png_claiming(width: int, height: int) -> bytes:
    """A small PNG file whose header claims ``width`` x ``height`` (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 100_000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize("side", [20_000, 100_000])
def test_png_bomb_is_an_icon_error_not_a_crash(side: int) -> None:
    # Pillow's own DecompressionBombError used to escape as an internal error.
    with pytest.raises(IconError, match=f"PNG is {side}x{side}; icons may be at most 2048"):
        icon_from_bytes(_png_claiming(side, side), "bomb.png")


@pytest.mark.parametrize(("width", "match"), [(100_000, "larger than 2048"), (3000, "3000x8")])
def test_images_embedded_in_an_svg_icon_have_the_same_limit(width: int, match: str) -> None:
    if width == 3000:
        buf = io.BytesIO()
        Image.new("L", (3000, 8)).save(buf, "PNG")
        png = buf.getvalue()
    else:
        png = _png_claiming(width, width)
    href = "data:image/png;base64," + base64.b64encode(png).decode()
    svg = f'<svg {NS}><image width="24" height="24" href="{href}"/></svg>'.encode()
    with pytest.raises(IconError, match=f"embedded image.*{match}"):
        icon_from_bytes(svg, "wrapper.svg")


def test_icon_file_in_the_current_folder_of_another_type(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A JPEG named without a folder is a file, not an unknown bundled icon name.
    Image.new("RGB", (8, 8)).save(tmp_path / "logo.jpg")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(IconError, match=r"icon logo\.jpg: not a PNG or SVG file"):
        load_icon("logo.jpg")
