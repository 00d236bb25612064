"""Cross-check eddsa-rdfc-2022 against an independent implementation, both directions.

The independent side shares no code with badgekit's signing path: pyoxigraph's own JSON-LD
parser and RDFC-1.0 (Rust), ``hashlib``, ``cryptography``'s Ed25519 and a base58 written
here.  Only the context documents are shared (inlined, so no loader is involved).
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

import pyoxigraph as ox
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from proofs_support import VECTOR, credential, vector_key

from badgekit.jsonld import BUNDLED
from badgekit.proofs import sign, verify_proof

_CONTEXTS = {
    url: json.loads(
        (
            pytest.importorskip("importlib.resources").files("badgekit.jsonld") / "contexts" / name
        ).read_text(encoding="utf-8")
    )["@context"]
    for url, name in BUNDLED.items()
}
_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
SEED = bytes.fromhex(VECTOR["keyPair"]["privateKeySeedHex"])


def _b58(data: bytes) -> str:
    n, out = int.from_bytes(data, "big"), ""
    while n:
        n, r = divmod(n, 58)
        out = _ALPHABET[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def _unb58(text: str) -> bytes:
    n = 0
    for c in text:
        n = n * 58 + _ALPHABET.index(c)
    return b"\0" * (len(text) - len(text.lstrip("1"))) + n.to_bytes(
        (n.bit_length() + 7) // 8, "big"
    )


def _canon(doc: dict[str, Any]) -> str:
    inlined = {**doc, "@context": [_CONTEXTS[u] for u in doc["@context"]]}
    dataset = ox.Dataset(ox.parse(json.dumps(inlined), format=ox.RdfFormat.JSON_LD))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return "".join(sorted(f"{q} .\n" for q in dataset))


def _hash_data(doc: dict[str, Any], proof: dict[str, Any]) -> bytes:
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    config["@context"] = doc["@context"]
    unsecured = {k: v for k, v in doc.items() if k != "proof"}
    return (
        hashlib.sha256(_canon(config).encode()).digest()
        + hashlib.sha256(_canon(unsecured).encode()).digest()
    )


def _independent_sign(doc: dict[str, Any]) -> dict[str, Any]:
    proof = dict(VECTOR["proofOptions"])
    signature = Ed25519PrivateKey.from_private_bytes(SEED).sign(_hash_data(doc, proof))
    return {**doc, "proof": [{**proof, "proofValue": "z" + _b58(signature)}]}


def _independent_verify(signed: dict[str, Any]) -> bool:
    proof = signed["proof"][0]
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(VECTOR["keyPair"]["publicKeyHex"]))
    try:
        public.verify(_unb58(proof["proofValue"][1:]), _hash_data(signed, proof))
    except InvalidSignature:
        return False
    return True


def test_independent_side_reproduces_the_vector() -> None:
    signed = _independent_sign(credential())
    assert signed["proof"][0]["proofValue"] == VECTOR["proofValue"]


_words = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=_words, description=_words, narrative=_words)
def test_both_directions(name: str, description: str, narrative: str) -> None:
    doc = credential(name=name)
    doc["credentialSubject"]["achievement"]["description"] = description
    doc["credentialSubject"]["achievement"]["criteria"]["narrative"] = narrative
    ours = sign(doc, vector_key(), created=VECTOR["proofOptions"]["created"])
    assert isinstance(ours, dict)
    assert _independent_verify(ours)
    theirs = _independent_sign(doc)
    assert theirs == ours
    assert verify_proof(theirs).verified
    tampered = copy.deepcopy(theirs)
    tampered["name"] = name + "!"
    assert not _independent_verify(tampered)
    assert not verify_proof(tampered).verified
