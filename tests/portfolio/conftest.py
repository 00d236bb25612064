"""Fixtures for the portfolio tests: the badge folder (built once) and its scan."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from portfolio_support import NOW, build_folder

import badgekit

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="session")
def badge_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``(folder, status_file)``: the badge folder (built once) and its status list."""
    base = tmp_path_factory.mktemp("portfolio")
    folder = base / "badges"
    folder.mkdir()
    status_file = build_folder(folder)
    return folder, status_file


@pytest.fixture(scope="session")
def portfolio(badge_folder: tuple[Path, Path]) -> badgekit.Portfolio:
    """The badge folder, scanned at :data:`NOW` with its status list."""
    folder, status_file = badge_folder
    return badgekit.scan_portfolio(folder, now=NOW, status_file=status_file)
