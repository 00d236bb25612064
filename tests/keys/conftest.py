"""Fixtures for the keys tests: a local HTTP(S) server, a test TLS certificate, the vector."""

from __future__ import annotations

import datetime as dt
import json
import ssl
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from keyserver import DocServer, serve

from badgekit.net import Fetcher

if TYPE_CHECKING:
    from collections.abc import Iterator

VECTORS = Path(__file__).resolve().parents[1] / "vectors"


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A self-signed certificate for ``localhost`` (its own trust anchor) and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    not_before = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_before + dt.timedelta(days=365 * 30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    directory = tmp_path_factory.mktemp("tls")
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_file), str(key_file)


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
