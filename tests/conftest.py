"""Shared pytest fixtures for badgekit's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.fixture
def sample_png() -> bytes:
    """A small real PNG rendered by cairosvg (the demo's sample badge)."""
    from badgekit import _assets

    return _assets.data_file("sample-badge.png").read_bytes()


@pytest.fixture
def sample_svg() -> bytes:
    """The demo's sample SVG badge."""
    from badgekit import _assets

    return _assets.data_file("sample-badge.svg").read_bytes()
