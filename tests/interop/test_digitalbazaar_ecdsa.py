"""ecdsa-rdfc-2019 interop with digitalbazaar's ecdsa-rdfc-2019-cryptosuite and ecdsa-multikey
(node), P-256 and P-384, both directions: badgekit signs and digitalbazaar verifies (and
refuses a tampered copy); digitalbazaar signs and badgekit verifies.

The keys are the W3C vc-di-ecdsa test vector key pairs (tests/vectors/vc-di-ecdsa-rdfc-2019.json)
under did:key issuers.  digitalbazaar signs with randomized ECDSA (WebCrypto), badgekit with
RFC 6979, so only the verdicts are compared, not the signature bytes.  Skips locally without
node/npm, fails under CI (as :mod:`test_digitalbazaar`).
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from test_digitalbazaar import CREATED, HERE, NAMES, VECTOR, _run

from badgekit.keys.keypair import KeyPair
from badgekit.keys.multibase import b58decode
from badgekit.proofs import sign, verify_proof

SUITE = "ecdsa-rdfc-2019"
EC = json.loads((HERE.parent / "vectors" / "vc-di-ecdsa-rdfc-2019.json").read_text())
CURVES = {"p256": 64, "p384": 96}


def _key(curve: str) -> dict[str, str]:
    pair = EC[curve]["keyPair"]
    did = f"did:key:{pair['publicKeyMultibase']}"
    return {
        "id": f"{did}#{pair['publicKeyMultibase']}",
        "controller": did,
        "publicKeyMultibase": pair["publicKeyMultibase"],
        "secretKeyMultibase": pair["secretKeyMultibase"],
    }


def _ours(curve: str) -> KeyPair:
    return KeyPair.from_multikey(_key(curve)["secretKeyMultibase"])


def _credential(curve: str, name: str) -> dict[str, Any]:
    doc = copy.deepcopy(VECTOR["unsignedCredential"])
    doc["issuer"]["id"] = _key(curve)["controller"]
    doc["name"] = name
    doc["credentialSubject"]["achievement"]["name"] = name  # a second blank-node-free literal
    return doc


@pytest.mark.parametrize("curve", CURVES)
@pytest.mark.parametrize("name", NAMES)
def test_digitalbazaar_verifies_badgekit(curve: str, name: str) -> None:
    signed = sign(_credential(curve, name), _ours(curve), suite=SUITE, created=CREATED)
    assert isinstance(signed, dict)
    key = _key(curve)
    verdict = _run({"op": "verify", "suite": SUITE, "document": signed, "key": key})
    assert verdict["verified"], verdict["error"]
    tampered = {**signed, "name": name + "!"}
    assert not _run({"op": "verify", "suite": SUITE, "document": tampered, "key": key})["verified"]


@pytest.mark.parametrize("curve", CURVES)
@pytest.mark.parametrize("name", NAMES)
def test_badgekit_verifies_digitalbazaar(curve: str, name: str) -> None:
    theirs = _run(
        {
            "op": "sign",
            "suite": SUITE,
            "document": _credential(curve, name),
            "key": _key(curve),
            "created": CREATED,
        }
    )
    proof = theirs["proof"]
    assert proof["cryptosuite"] == SUITE
    assert len(b58decode(proof["proofValue"][1:])) == CURVES[curve]
    result = verify_proof(theirs)
    assert result.verified, result
    assert result.suite == SUITE
    assert result.key_type == curve
    tampered = copy.deepcopy(theirs)
    tampered["credentialSubject"]["achievement"]["name"] = name + "!"
    assert verify_proof(tampered).reason_code == "bad_signature"


@pytest.mark.parametrize("curve", CURVES)
def test_many_blank_nodes_both_ways(curve: str) -> None:
    """Alignments without ids are blank nodes, whose canonical labels depend on RDFC-1.0's
    hash: SHA-384 for P-384 (vc-di-ecdsa §3 "canon-and-hash"), as digitalbazaar does."""
    doc = _credential(curve, "Aligned")
    doc["credentialSubject"]["achievement"]["alignment"] = [
        {"type": ["Alignment"], "targetName": n, "targetUrl": f"https://example.org/{n}"}
        for n in ("alpha", "beta", "gamma", "delta")
    ]
    ours = sign(doc, _ours(curve), suite=SUITE, created=CREATED)
    assert isinstance(ours, dict)
    verdict = _run({"op": "verify", "suite": SUITE, "document": ours, "key": _key(curve)})
    assert verdict["verified"], verdict["error"]
    payload = {"op": "sign", "suite": SUITE, "document": doc, "key": _key(curve)}
    theirs = _run({**payload, "created": CREATED})
    assert verify_proof(theirs).verified
