"""Fixtures for the verify tests: a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from localserver import LocalServer, serve

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serve() as s:
        yield s
