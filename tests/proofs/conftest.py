"""Fixtures for proof tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from proofs_support import vector_key

if TYPE_CHECKING:
    from badgekit.keys.keypair import KeyPair


@pytest.fixture
def key() -> KeyPair:
    return vector_key()
