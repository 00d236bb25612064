"""RDFC-1.0 with SHA-384 (vc-di-ecdsa §3 "canon-and-hash": P-384 keys MUST use it).

The hash only decides blank node labels.  oxigraph's RDFC-1.0-SHA-384 and pyld's URDNA2015
with its hash swapped (the "fast" engine) are independent implementations: they must agree,
including documents whose blank nodes need N-degree hashing.
"""

from __future__ import annotations

from typing import Any

import pytest

from badgekit.jsonld import StaticLoader, canonize
from badgekit.jsonld.canon import canonize_memo

_BASE: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": "did:example:issuer",
    "validFrom": "2024-01-01T00:00:00Z",
}
DOCS = {
    "four subjects": {**_BASE, "credentialSubject": [{"name": n} for n in "ABCD"]},
    "alike subjects": {  # indistinguishable at first degree: N-degree hashing decides
        **_BASE,
        "credentialSubject": [
            {"name": "same", "description": "x"},
            {"name": "same", "description": "x"},
            {"name": "same", "description": {"@value": "y"}},
        ],
    },
    "nested": {
        **_BASE,
        "credentialSubject": {"name": "outer"},
        "evidence": [{"name": "e1", "description": "x"}, {"name": "e2", "description": "x"}],
    },
}


@pytest.fixture(scope="module")
def loader() -> StaticLoader:
    return StaticLoader()


@pytest.mark.parametrize("name", DOCS)
def test_engines_agree_with_sha384(name: str, loader: StaticLoader) -> None:
    oxigraph = canonize(DOCS[name], loader, hash_algorithm="sha384")
    fast = canonize(DOCS[name], loader, engine="fast", hash_algorithm="sha384")
    assert oxigraph == fast
    assert sorted(oxigraph.splitlines()) == oxigraph.splitlines()


def test_the_hash_changes_the_labels(loader: StaticLoader) -> None:
    doc = DOCS["four subjects"]
    sha256 = canonize(doc, loader)
    sha384 = canonize(doc, loader, hash_algorithm="sha384")
    assert sha256 != sha384
    # same statements, other blank node names
    assert sha256.count("_:c14n") == sha384.count("_:c14n")
    assert canonize(doc, loader, hash_algorithm="sha256") == sha256  # the default


def test_memo_keeps_the_hashes_apart(loader: StaticLoader) -> None:
    doc = DOCS["four subjects"]
    assert canonize_memo(doc, loader) == canonize(doc, loader)
    assert canonize_memo(doc, loader, hash_algorithm="sha384") == canonize(
        doc, loader, hash_algorithm="sha384"
    )


def test_unknown_hash_or_pyld_reference_refused(loader: StaticLoader) -> None:
    with pytest.raises(ValueError, match="not available with the pyld engine"):
        canonize(DOCS["nested"], loader, engine="pyld", hash_algorithm="sha384")
    with pytest.raises(ValueError, match="'md5' is not available"):
        canonize(DOCS["nested"], loader, hash_algorithm="md5")  # type: ignore[arg-type]
