"""Shared pytest fixtures for badgekit's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


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


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden``: rewrite the golden renders in tests/golden/ instead of comparing."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/ from the current renders (review the diff before committing)",
    )
