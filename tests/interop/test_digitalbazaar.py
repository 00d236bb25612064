"""eddsa-rdfc-2022 interop with the digitalbazaar JS stack (jsonld-signatures), both directions.

Needs ``node`` and the npm packages of ``package.json`` (installed here from the committed
lockfile with ``npm ci --offline``, falling back to ``npm ci``).  Without them the test skips
with the reason, except under CI (``CI`` set), where node and npm are part of the machine and a
skip would hide that the cross-check did not run: there it fails instead.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from badgekit.jsonld import BUNDLED, StaticLoader
from badgekit.keys.keypair import KeyPair
from badgekit.proofs import sign, verify_proof
from badgekit.proofs.ed25519_2020 import ED25519_2020_CONTEXT

HERE = Path(__file__).parent
VECTOR = json.loads((HERE.parent / "vectors" / "ob3-eddsa-rdfc-2022-test-vector.json").read_text())
CREATED = "2024-05-01T10:00:00Z"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"interop cross-check cannot run in CI: {reason}")
    pytest.skip(reason)


def _ensure_node() -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        _unavailable("node/npm not installed")
    wanted = json.loads((HERE / "package.json").read_text(encoding="utf-8"))["dependencies"]
    if all((HERE / "node_modules" / name / "package.json").is_file() for name in wanted):
        return
    errors = b""
    for args in (["npm", "ci", "--offline"], ["npm", "ci"]):  # the committed lockfile only
        done = subprocess.run(args, cwd=HERE, capture_output=True, timeout=300, check=False)
        if done.returncode == 0:
            return
        errors = done.stderr
    tail = errors.decode(errors="replace").strip().splitlines()[-1:]
    _unavailable(f"npm ci in tests/interop failed: {' '.join(tail) or 'no message'}")


def _run(payload: dict[str, Any], script: str = "di.mjs") -> Any:
    """Run a node script of this folder on ``payload`` (plus the bundled contexts)."""
    _ensure_node()
    loader = StaticLoader()
    payload["contexts"] = {url: loader.document(url) for url in BUNDLED}
    done = subprocess.run(
        ["node", str(HERE / script)],
        input=json.dumps(payload).encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return json.loads(done.stdout)


def _key() -> dict[str, str]:
    pair = VECTOR["keyPair"]
    return {
        "id": pair["verificationMethodId"],
        "controller": pair["controller"],
        "publicKeyMultibase": pair["publicKeyMultibase"],
        "secretKeyMultibase": pair["secretKeyMultibase"],
    }


def _credential(name: str) -> dict[str, Any]:
    doc = copy.deepcopy(VECTOR["unsignedCredential"])
    doc["name"] = name
    return doc


NAMES = ["Teamwork Badge", 'Zürich ✓ "quoted" \\ back\nslash', "ctl \x08\x01\x7f\x0c"]


@pytest.mark.parametrize("name", NAMES)
def test_digitalbazaar_verifies_badgekit(name: str) -> None:
    signed = sign(
        _credential(name), KeyPair.from_multikey(_key()["secretKeyMultibase"]), created=CREATED
    )
    assert isinstance(signed, dict)
    result = _run({"op": "verify", "document": signed, "key": _key()})
    assert result["verified"], result["error"]
    tampered = {**signed, "name": name + "!"}
    assert not _run({"op": "verify", "document": tampered, "key": _key()})["verified"]


@pytest.mark.parametrize("name", NAMES)
def test_badgekit_verifies_digitalbazaar(name: str) -> None:
    theirs = _run({"op": "sign", "document": _credential(name), "key": _key(), "created": CREATED})
    proof = theirs["proof"]
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    result = verify_proof(theirs)
    assert result.verified, result
    ours = sign(
        _credential(name), KeyPair.from_multikey(_key()["secretKeyMultibase"]), created=CREATED
    )
    assert isinstance(ours, dict)
    assert ours["proof"][0]["proofValue"] == proof["proofValue"]  # Ed25519 is deterministic


def _legacy_credential(name: str) -> dict[str, Any]:
    doc = _credential(name)
    doc["@context"] = [*doc["@context"], ED25519_2020_CONTEXT]
    return doc


@pytest.mark.parametrize("name", NAMES[:2])
def test_ed25519_signature_2020_both_ways(name: str) -> None:
    key = KeyPair.from_multikey(_key()["secretKeyMultibase"])
    ours = sign(_legacy_credential(name), key, suite="ed25519-2020", created=CREATED)
    assert isinstance(ours, dict)
    verdict = _run({"op": "verify", "suite": "ed25519-2020", "document": ours, "key": _key()})
    assert verdict["verified"], verdict["error"]
    tampered = {**ours, "name": name + "!"}
    verdict = _run({"op": "verify", "suite": "ed25519-2020", "document": tampered, "key": _key()})
    assert not verdict["verified"]
    theirs = _run(
        {
            "op": "sign",
            "suite": "ed25519-2020",
            "document": _legacy_credential(name),
            "key": _key(),
            "created": CREATED,
        }
    )
    assert theirs["proof"]["type"] == "Ed25519Signature2020"
    result = verify_proof(theirs)
    assert result.verified, result
    assert result.suite == "ed25519-2020"
    assert ours["proof"][0]["proofValue"] == theirs["proof"]["proofValue"]
