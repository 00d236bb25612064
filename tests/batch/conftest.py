"""Fixtures for the batch tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from _batch_helpers import write_issuer

import badgekit

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def issuer(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(achievement file, key file, artwork PNG) in a temporary directory."""
    return write_issuer(tmp_path)


@pytest.fixture
def achievement(issuer: tuple[Path, Path, Path]) -> badgekit.Achievement:
    return badgekit.Achievement.load(issuer[0])


@pytest.fixture
def key(issuer: tuple[Path, Path, Path]) -> badgekit.KeyPair:
    return badgekit.KeyPair.load(issuer[1])
