"""Fixtures for the sending tests: batches to send (made once, copied per test), TLS files."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from smtp_support import localhost_tls, make_batch

if TYPE_CHECKING:
    from pathlib import Path


def _copy(source: Path, tmp_path: Path) -> Path:
    out = tmp_path / "batch"
    shutil.copytree(source, out)
    return out


@pytest.fixture(scope="session")
def _small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_batch(tmp_path_factory.mktemp("small"), 8, extra_rows=("did:example:carol,Carol",))


@pytest.fixture(scope="session")
def _large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_batch(tmp_path_factory.mktemp("large"), 300)


@pytest.fixture
def batch(_small: Path, tmp_path: Path) -> Path:
    """A batch of 8 badges to person0..7@example.org and one to a DID (a fresh copy)."""
    return _copy(_small, tmp_path)


@pytest.fixture
def batch300(_large: Path, tmp_path: Path) -> Path:
    """A batch of 300 badges to person0..299@example.org (a fresh copy)."""
    return _copy(_large, tmp_path)


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A self-signed certificate for ``localhost`` (its own CA) and its key."""
    return localhost_tls(tmp_path_factory.mktemp("tls"))
