"""Status lists signed and verified with the real eddsa-rdfc-2022 suite (badgekit.sign)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest

import badgekit
from badgekit import KeyPair
from badgekit.status import (
    StatusList,
    build_list_credential,
    check_status,
    read_list_credential,
    revoke_in_file,
)

from .helpers import LIST_URL, NOW, credential, entry

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def key() -> KeyPair:
    return KeyPair.from_seed(bytes(range(32)))


def _sign_with(key: KeyPair) -> Any:
    def sign(doc: dict[str, Any]) -> dict[str, Any]:
        signed = badgekit.sign(doc, key, now=NOW)
        assert isinstance(signed, dict)
        return signed

    return sign


def _verify(doc: dict[str, Any]) -> Any:
    return badgekit.verify_proof(doc, now=NOW)


def _list(key: KeyPair, *revoked: int) -> dict[str, Any]:
    bits = StatusList()
    for index in revoked:
        bits.set(index)
    doc = build_list_credential(bits, list_url=LIST_URL, issuer=key.did_key, valid_from=NOW)
    signed: dict[str, Any] = _sign_with(key)(doc)
    return signed


def _check(doc: dict[str, Any], index: int, tmp_path: Path) -> Any:
    path = tmp_path / "list.json"
    path.write_text(json.dumps(doc))
    issuer = KeyPair.from_seed(bytes(range(32))).did_key
    return check_status(
        credential(entry(index), issuer=issuer),
        now=NOW + timedelta(minutes=1),
        status_file=path,
        verify_proof=_verify,
    )


def test_signed_list_verifies_and_is_read(key: KeyPair, tmp_path: Path) -> None:
    doc = _list(key, 21)
    assert doc["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert _verify(doc).verified
    assert _check(doc, 21, tmp_path).state == "revoked"
    assert _check(doc, 22, tmp_path).state == "valid"


def test_tampered_signed_list_is_not_trusted(key: KeyPair, tmp_path: Path) -> None:
    doc = _list(key, 21)
    doc["credentialSubject"]["encodedList"] = StatusList().encode()  # "unrevoke" without the key
    result = _check(doc, 21, tmp_path)
    assert (result.state, result.severity, result.code) == (
        "unknown",
        "error",
        "verification_error",
    )


def test_list_signed_by_someone_else_is_not_trusted(key: KeyPair, tmp_path: Path) -> None:
    # An attacker signs an all-clear list with their own key and names the real issuer.
    attacker = KeyPair.from_seed(bytes(range(1, 33)))
    bits = StatusList()
    doc = build_list_credential(bits, list_url=LIST_URL, issuer=attacker.did_key, valid_from=NOW)
    forged = _sign_with(attacker)(doc)
    assert _verify(forged).verified  # a valid proof, but by the wrong issuer
    result = _check(forged, 21, tmp_path)
    assert (result.state, result.code) == ("unknown", "issuer_mismatch")
    forged["issuer"] = key.did_key
    assert not _verify(forged).verified
    result = _check(forged, 21, tmp_path)
    assert (result.state, result.code) == ("unknown", "verification_error")
    assert "proof does not verify" in result.message


def test_revoke_in_file_resigns_with_the_real_suite(key: KeyPair, tmp_path: Path) -> None:
    path = tmp_path / "status-list.json"
    path.write_text(json.dumps(_list(key)))
    revoke_in_file(path, [7], sign=_sign_with(key), now=NOW)
    doc = json.loads(path.read_text())
    assert len(doc["proof"]) == 1  # the stale proof was dropped, not kept in a proof set
    assert _verify(doc).verified
    assert read_list_credential(doc).set_indexes() == [7]
    assert _check(doc, 7, tmp_path).state == "revoked"
