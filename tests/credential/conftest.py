"""Fixtures for the credential tests: a fixed clock and the starter achievement."""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING

import pytest
from _credential_helpers import NOW

from badgekit.credential import Achievement, starter_file

if TYPE_CHECKING:
    from datetime import datetime


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def starter() -> Achievement:
    return Achievement.from_dict(tomllib.loads(starter_file()), source="starter.toml")
