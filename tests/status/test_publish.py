"""Issuing side: entries, the list credential, revoking, index allocation, lookups."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest

from badgekit.errors import StatusListError
from badgekit.status import (
    MIN_ENTRIES,
    IndexAllocator,
    StatusList,
    build_list_credential,
    check_status,
    ensure_list_credential,
    index_of_credential,
    indexes_from_manifest,
    read_list_credential,
    revoke,
    revoke_in_file,
    status_entry,
    update_list_credential,
)

from .helpers import CRED_ID, LIST_URL, NOW, credential, fake_sign, fake_verify

if TYPE_CHECKING:
    from pathlib import Path


def test_status_entry_shape() -> None:
    assert status_entry(LIST_URL, 94567) == {
        "id": f"{LIST_URL}#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": LIST_URL,
    }
    with pytest.raises(ValueError, match="index >= 0"):
        status_entry(LIST_URL, -1)


def test_list_credential_shape() -> None:
    doc = build_list_credential(
        StatusList(),
        list_url=LIST_URL,
        issuer="did:example:issuer",
        valid_from=NOW,
        valid_until=NOW + timedelta(days=30),
    )
    assert doc["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    assert doc["id"] == LIST_URL
    assert doc["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert doc["validFrom"] == "2025-06-01T12:00:00Z"
    assert doc["validUntil"] == "2025-07-01T12:00:00Z"
    subject = doc["credentialSubject"]
    assert subject["id"] == f"{LIST_URL}#list"
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    assert subject["encodedList"].startswith("uH4sI")
    assert "proof" not in doc
    assert read_list_credential(doc) == StatusList()


def _fresh_list() -> dict[str, Any]:
    unsigned = build_list_credential(
        StatusList(), list_url=LIST_URL, issuer="did:example:issuer", valid_from=NOW
    )
    return fake_sign(unsigned)


def _state(doc: dict[str, Any], index: int, tmp_path: Path) -> str:
    path = tmp_path / "list.json"
    path.write_text(json.dumps(doc))
    cred = credential(status_entry(LIST_URL, index))
    later = NOW + timedelta(days=1)
    return check_status(cred, now=later, status_file=path, verify_proof=fake_verify).state


def test_revoke_then_check(tmp_path: Path) -> None:
    doc = _fresh_list()
    assert _state(doc, 12, tmp_path) == "valid"
    revoked = revoke(doc, [12, 13], sign=fake_sign, now=NOW + timedelta(hours=1))
    assert revoked["validFrom"] == "2025-06-01T13:00:00Z"
    assert len(revoked["proof"]) == 1
    assert _state(revoked, 12, tmp_path) == "revoked"
    assert _state(revoked, 13, tmp_path) == "revoked"
    assert _state(revoked, 14, tmp_path) == "valid"
    restored = revoke(revoked, [13], sign=fake_sign, now=NOW, unrevoke=True)
    assert read_list_credential(restored).set_indexes() == [12]
    # The input document is not modified.
    assert read_list_credential(doc).set_indexes() == []


def test_update_keeps_vcdm11_issuance_date() -> None:
    doc = {
        "type": ["VerifiableCredential", "StatusList2021Credential"],
        "issuanceDate": "2021-01-01T00:00:00Z",
        "credentialSubject": {"encodedList": StatusList().encode(fmt="2021")},
        "proof": {"type": "x"},
    }
    out = update_list_credential(doc, set_indexes=[1], now=NOW)
    assert out["issuanceDate"] == "2025-06-01T12:00:00Z"
    assert "validFrom" not in out
    assert "proof" not in out
    assert not out["credentialSubject"]["encodedList"].startswith("u")


def test_revoke_out_of_range_or_not_a_list() -> None:
    with pytest.raises(StatusListError, match="out of range"):
        revoke(_fresh_list(), [MIN_ENTRIES], sign=fake_sign)
    with pytest.raises(StatusListError, match="not a BitstringStatusListCredential"):
        revoke({"type": "VerifiableCredential"}, [1], sign=fake_sign)


def test_revoke_in_file(tmp_path: Path) -> None:
    path = tmp_path / "status-list.json"
    path.write_text(json.dumps(_fresh_list()))
    revoke_in_file(path, [5], sign=fake_sign, now=NOW)
    doc = json.loads(path.read_text())
    assert read_list_credential(doc).set_indexes() == [5]
    assert fake_verify(doc).verified
    before = path.read_bytes()
    with pytest.raises(StatusListError, match=r"status-list\.json: .*out of range"):
        revoke_in_file(path, [10**9], sign=fake_sign, now=NOW)
    assert path.read_bytes() == before  # nothing half-written


def test_ensure_list_credential_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "status-list.json"
    first = ensure_list_credential(
        path, list_url=LIST_URL, issuer="did:example:issuer", sign=fake_sign, now=NOW
    )
    assert json.loads(path.read_text()) == first
    revoke_in_file(path, [3], sign=fake_sign, now=NOW)
    again = ensure_list_credential(
        path, list_url=LIST_URL, issuer="did:example:issuer", sign=fake_sign, now=NOW
    )
    assert read_list_credential(again).set_indexes() == [3]
    with pytest.raises(StatusListError, match="not 'https://other"):
        ensure_list_credential(
            path, list_url="https://other.example/s", issuer="x", sign=fake_sign, now=NOW
        )


# --- allocation --- #


def test_allocator_persists_and_resumes(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    alloc = IndexAllocator(state, list_url=LIST_URL)
    assert list(alloc.allocate(3)) == [0, 1, 2]
    assert alloc.entry(2)["statusListIndex"] == "2"
    assert json.loads(state.read_text())["nextIndex"] == 3
    # A new process (a resumed batch) continues after the last reserved index.
    resumed = IndexAllocator(state, list_url=LIST_URL)
    assert resumed.next_index == 3
    assert list(resumed.allocate(2)) == [3, 4]
    assert resumed.remaining == MIN_ENTRIES - 5


def test_allocator_is_thread_safe(tmp_path: Path) -> None:
    alloc = IndexAllocator(tmp_path / "state.json", list_url=LIST_URL)
    with ThreadPoolExecutor(4) as pool:
        blocks = list(pool.map(lambda _: alloc.allocate(5), range(20)))
    got = sorted(i for block in blocks for i in block)
    assert got == list(range(100))


def test_allocator_refuses_when_full_or_for_another_list(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    alloc = IndexAllocator(state, list_url=LIST_URL)
    alloc.allocate(MIN_ENTRIES - 1)
    with pytest.raises(StatusListError, match="is full"):
        alloc.allocate(2)
    assert list(alloc.allocate(1)) == [MIN_ENTRIES - 1]
    with pytest.raises(StatusListError, match="not https://other"):
        IndexAllocator(state, list_url="https://other.example/s")
    state.write_text("{broken")
    with pytest.raises(StatusListError, match="not a badgekit status list state"):
        IndexAllocator(state, list_url=LIST_URL)
    with pytest.raises(StatusListError, match="131,072"):
        IndexAllocator(tmp_path / "s2.json", list_url=LIST_URL, length=10)


def test_allocator_leaves_no_temp_files(tmp_path: Path) -> None:
    alloc = IndexAllocator(tmp_path / "state.json", list_url=LIST_URL)
    alloc.allocate(1)
    assert sorted(os.listdir(tmp_path)) == ["state.json"]  # no temp files left behind


# --- finding indexes for revoke --- #


def test_index_of_credential() -> None:
    cred = credential(status_entry("https://other.example/s", 4), status_entry(LIST_URL, 9))
    assert index_of_credential(cred) == 4
    assert index_of_credential(cred, LIST_URL) == 9
    with pytest.raises(StatusListError, match="no status list entry"):
        index_of_credential(credential(), LIST_URL)


def test_indexes_from_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.jsonl"
    rows = [
        {"recipient": "a@example.org", "credential_id": CRED_ID, "status_list_index": 7},
        {"credentialId": "urn:uuid:2", "statusListIndex": "8"},
        {"credential_id": "urn:uuid:3"},
    ]
    manifest.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    assert indexes_from_manifest(manifest, [CRED_ID, "urn:uuid:2"]) == {
        CRED_ID: 7,
        "urn:uuid:2": 8,
    }
    with pytest.raises(StatusListError, match=r"no status list index for credential urn:uuid:3"):
        indexes_from_manifest(manifest, ["urn:uuid:3"])
    manifest.write_text("not json\n")
    with pytest.raises(StatusListError, match=r"manifest\.jsonl:1: not a JSON line"):
        indexes_from_manifest(manifest, ["x"])
