"""ecdsa-sd-2023 interop: digitalbazaar's ecdsa-sd-2023-cryptosuite (node) signs a base proof over
an Open Badges 3.0 credential and derives a disclosure; badgekit verifies the disclosure, refuses
the base proof, and fails a tampered one.

Skips locally without node/npm, fails under CI (as :mod:`test_digitalbazaar`).
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from proofs.sd_support import make_derived
from test_digitalbazaar import HERE, VECTOR, _run

from badgekit.keys.keypair import KeyPair
from badgekit.proofs import verify_proof

KEYS = json.loads((HERE.parent / "vectors" / "ecdsa-sd-2023-key-material.json").read_text())
PUBLIC = KEYS["baseKeyPair"]["publicKeyMultibase"]
ISSUER = f"did:key:{PUBLIC}"
KEY = {
    "id": f"{ISSUER}#{PUBLIC}",
    "controller": ISSUER,
    "publicKeyMultibase": PUBLIC,
    "secretKeyMultibase": KEYS["baseKeyPair"]["privateKeyMultibase"],
}
MANDATORY = ["/issuer", "/validFrom", "/credentialSubject/achievement/id"]
SELECTIVE = ["/name", "/credentialSubject/achievement/name"]


def _node(payload: dict[str, Any]) -> Any:
    return _run({**payload, "key": KEY}, "sd.mjs")


def _credential() -> dict[str, Any]:
    doc = copy.deepcopy(VECTOR["unsignedCredential"])
    doc["issuer"]["id"] = ISSUER
    doc["credentialSubject"]["achievement"]["name"] = 'Teamwork ✓ "quoted"'
    return doc


@cache
def _theirs() -> tuple[dict[str, Any], dict[str, Any]]:
    out = _node(
        {
            "op": "derive",
            "document": _credential(),
            "mandatoryPointers": MANDATORY,
            "selectivePointers": SELECTIVE,
            "created": "2024-05-01T10:00:00Z",
        }
    )
    return out["base"], out["derived"]


def test_badgekit_verifies_a_digitalbazaar_disclosure() -> None:
    _, derived = _theirs()
    assert derived["proof"]["cryptosuite"] == "ecdsa-sd-2023"
    assert derived["proof"]["proofValue"].startswith("u2V0B")  # 0xd9 0x5d 0x01: derived
    subject = derived["credentialSubject"]
    assert "description" not in subject["achievement"]  # not disclosed
    assert subject["achievement"]["name"] == 'Teamwork ✓ "quoted"'
    result = verify_proof(copy.deepcopy(derived))
    assert result.verified, result
    assert (result.suite, result.key_type, result.controller) == ("ecdsa-sd-2023", "p256", ISSUER)
    assert _node({"op": "verify", "document": derived})["verified"]  # and they agree


def test_badgekit_refuses_their_base_proof() -> None:
    base, _ = _theirs()
    assert base["proof"]["proofValue"].startswith("u2V0A")  # 0xd9 0x5d 0x00: base
    result = verify_proof(copy.deepcopy(base))
    assert result.reason_code == "sd_base_proof"
    assert "for the holder to derive" in result.message


def test_badgekit_fails_a_tampered_disclosure() -> None:
    _, derived = _theirs()
    for path, value in [
        (("name",), "Leadership Badge"),  # selectively disclosed
        (("credentialSubject", "achievement", "id"), "https://example.com/other"),  # mandatory
        (("validFrom",), "2011-01-01T00:00:00Z"),  # mandatory
    ]:
        tampered = copy.deepcopy(derived)
        node = tampered
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
        result = verify_proof(tampered)
        assert result.reason_code == "bad_signature", (path, result)
        assert not _node({"op": "verify", "document": tampered})["verified"]


def test_digitalbazaar_verifies_the_test_deriver() -> None:
    """tests/proofs/sd_support.make_derived follows the spec as digitalbazaar reads it."""
    key = KeyPair.from_multikey(KEY["secretKeyMultibase"])
    ours = make_derived(_credential(), key, KEY["id"], mandatory=lambda q: "issuer" in q)
    assert verify_proof(copy.deepcopy(ours)).verified
    verdict = _node({"op": "verify", "document": ours})
    assert verdict["verified"], verdict["error"]
