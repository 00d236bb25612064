"""Fixtures for the status tests: a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from localserver import LocalServer, serve

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    with serve() as server:
        yield server
