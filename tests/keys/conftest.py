"""Fixtures for the keys tests: a local HTTP(S) server, a test TLS certificate, the vector."""

from __future__ import annotations

import json
import ssl
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from keyserver import DocServer, localhost_tls, serve

from badgekit.net import Fetcher

if TYPE_CHECKING:
    from collections.abc import Iterator

VECTORS = Path(__file__).resolve().parents[1] / "vectors"


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A self-signed certificate for ``localhost`` (its own trust anchor) and its key."""
    return localhost_tls(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def http_server() -> Iterator[DocServer]:
    """A plain HTTP server on 127.0.0.1 (URLs use the IP address)."""
    yield from serve(None, "127.0.0.1")


@pytest.fixture
def https_server(tls_files: tuple[str, str]) -> Iterator[DocServer]:
    """An HTTPS server on 127.0.0.1 whose certificate names ``localhost``."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*tls_files)
    yield from serve(context, "localhost")


@pytest.fixture
def local_fetcher(tls_files: tuple[str, str]) -> Fetcher:
    """A fetcher allowed to reach 127.0.0.1 over HTTP, trusting the test certificate."""
    return Fetcher(timeout=5.0, allow_private=True, allow_http=True, cafile=tls_files[0])


@pytest.fixture
def vector() -> dict[str, Any]:
    """The 1EdTech eddsa-rdfc-2022 test vector."""
    data: dict[str, Any] = json.loads(
        (VECTORS / "ob3-eddsa-rdfc-2022-test-vector.json").read_text()
    )
    return data
