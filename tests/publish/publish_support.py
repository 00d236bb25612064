"""Builders for the publishing tests: achievement files, a fixed key and clock, the site's
files, and an HTML parser that collects what the page tests check."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import badgekit
from badgekit.credential.links import achievement_slug

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
NOW_TEXT = "2025-03-01T12:00:00Z"
KEY = badgekit.KeyPair.from_seed(bytes(range(32)))
BASE = "https://example.org/badges"

_TOML = """\
name = {name}
description = "The earner can write and debug short programs."
achievement_type = "{kind}"
tags = ["programming", "beginner"]
valid_for = "2 years"

[criteria]
narrative = \"\"\"
To earn this badge, the learner must:

1. **Complete** the exercises.
2. **Submit** a program of their own.
\"\"\"

[image]
caption = "A round blue badge"
{image}

[issuer]
name = {issuer}
url = "https://example.org"
email = "badges@example.org"
description = "A school that teaches programming."
{issuer_id}

[[alignment]]
target_name = "Use variables, conditions and loops"
target_url = "https://example.org/curriculum/cs-1-2"
target_framework = "Example Curriculum"
target_code = "CS-1.2"
"""


def art_png(title: str = "Test", size: int = 96) -> bytes:
    """Badge artwork drawn by badgekit."""
    return badgekit.render(badgekit.compose("circle-seal", {"title": title}).svg, size=size)


def write_achievement(
    folder: Path,
    name: str = "Python Basics",
    *,
    file: str | None = None,
    image: bool = True,
    issuer: str = "Example School",
    issuer_id: str | None = None,
    kind: str = "Badge",
) -> Path:
    """An achievement file (with its artwork beside it when ``image``) in ``folder``."""
    path = folder / (file or f"{achievement_slug(name)}.toml")
    line = ""
    if image:
        art = path.with_suffix(".png")
        art.write_bytes(art_png(name[:8]))
        line = f'path = "{art.name}"'
    text = _TOML.format(
        name=json.dumps(name, ensure_ascii=False),
        kind=kind,
        image=line,
        issuer=json.dumps(issuer, ensure_ascii=False),
        issuer_id=f'id = "{issuer_id}"' if issuer_id else "",
    )
    path.write_text(text, encoding="utf-8")
    return path


def site_files(out: Path) -> set[str]:
    """Every file under ``out``, relative, with ``/``."""
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


class Page(HTMLParser):
    """Every tag with its attributes, the text, inline style and script bodies, the doctype."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.raw: dict[str, list[str]] = {"style": [], "script": []}
        self.doctype: str | None = None
        self._in: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in].append(data)
        else:
            self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        """The attributes of every ``tag``."""
        return [a for t, a in self.tags if t == tag]


def parse(path: Path) -> Page:
    """Parse an HTML file."""
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def publish(tmp: Path, *achievements: Path, **kwargs: Any) -> badgekit.PublishedSite:
    """``publish_site`` of the achievement files into ``tmp/site`` at :data:`BASE`."""
    loaded = [badgekit.Achievement.load(a) for a in achievements]
    options: dict[str, Any] = {"base_url": BASE, "out": tmp / "site", "now": NOW, **kwargs}
    return badgekit.publish_site(loaded, KEY, **options)
