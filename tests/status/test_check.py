"""check_status with documents from a status file (no network)."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest

from badgekit.errors import FileAccessError, StatusListError
from badgekit.status import OFFLINE_MESSAGE, StatusList, check_entries, check_status

if TYPE_CHECKING:
    from pathlib import Path

from .helpers import CRED_ID, LIST_URL, NOW, credential, entry, fake_sign, fake_verify, signed_list


def write(tmp_path: Path, doc: Any, name: str = "status.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


def check(cred: dict[str, Any], status_file: Path, **kw: Any) -> Any:
    kw.setdefault("verify_proof", fake_verify)
    return check_status(cred, now=NOW, status_file=status_file, **kw)


def test_not_revoked(tmp_path: Path) -> None:
    result = check(credential(entry(5)), write(tmp_path, signed_list((4, 6))))
    assert (result.state, result.severity, result.code) == ("valid", "ok", "ok")
    assert result.purpose == "revocation"
    assert result.index == 5
    assert result.value == 0
    assert result.source == f"file:{tmp_path / 'status.json'}"
    assert result.check_status == "passed"


def test_revoked(tmp_path: Path) -> None:
    result = check(credential(entry(5)), write(tmp_path, signed_list((5,))))
    assert (result.state, result.severity, result.code) == ("revoked", "error", "revoked")
    assert "revoked" in result.message
    assert result.check_status == "failed"
    assert not result.ok


def test_suspended(tmp_path: Path) -> None:
    doc = signed_list((3,), purpose="suspension")
    result = check(credential(entry(3, purpose="suspension")), write(tmp_path, doc))
    assert (result.state, result.code) == ("suspended", "suspended")


def test_wrong_purpose_is_not_trusted(tmp_path: Path) -> None:
    doc = signed_list((), purpose="suspension")
    result = check(credential(entry(3)), write(tmp_path, doc))
    assert (result.state, result.severity, result.code) == (
        "unknown",
        "error",
        "verification_error",
    )
    assert "'suspension', not 'revocation'" in result.message


def test_tampered_list_is_never_valid(tmp_path: Path) -> None:
    doc = signed_list((5,))
    # An attacker clears the bit without being able to re-sign.
    doc["credentialSubject"]["encodedList"] = StatusList().encode()
    result = check(credential(entry(5)), write(tmp_path, doc))
    assert result.state == "unknown"
    assert result.severity == "error"
    assert result.code == "verification_error"
    assert "proof does not verify" in result.message


def test_list_from_another_issuer_is_not_trusted(tmp_path: Path) -> None:
    # A validly signed all-clear list, but from someone other than the badge's issuer.
    path = write(tmp_path, signed_list((5,)))
    result = check(credential(entry(5), issuer="did:example:holder"), path)
    assert (result.state, result.severity, result.code) == ("unknown", "error", "issuer_mismatch")
    assert "did:example:holder" in result.message


def test_list_without_proof_is_not_trusted(tmp_path: Path) -> None:
    doc = signed_list()
    del doc["proof"]
    result = check(credential(entry(1)), write(tmp_path, doc))
    assert (result.state, result.code) == ("unknown", "verification_error")
    assert "no proof" in result.message


def test_without_a_proof_verifier_the_list_is_not_trusted(tmp_path: Path) -> None:
    result = check(credential(entry(1)), write(tmp_path, signed_list()), verify_proof=None)
    assert (result.state, result.severity) == ("unknown", "error")
    assert "no proof verifier" in result.message


def test_a_verifier_that_raises_counts_as_a_failed_proof(tmp_path: Path) -> None:
    def boom(doc: dict[str, Any]) -> Any:
        msg = "resolver exploded"
        raise StatusListError(msg)

    result = check(credential(entry(1)), write(tmp_path, signed_list()), verify_proof=boom)
    assert (result.state, result.code) == ("unknown", "verification_error")
    assert "resolver exploded" in result.message


def test_wrong_list_type(tmp_path: Path) -> None:
    doc = signed_list()
    doc = fake_sign({**doc, "type": ["VerifiableCredential"]})
    result = check(credential(entry(1)), write(tmp_path, doc))
    assert result.code == "verification_error"
    assert "BitstringStatusListCredential" in result.message


def test_wrong_subject_type(tmp_path: Path) -> None:
    doc = signed_list()
    doc = fake_sign({**doc, "credentialSubject": {**doc["credentialSubject"], "type": "X"}})
    result = check(credential(entry(1)), write(tmp_path, doc))
    assert result.code == "verification_error"


def test_expired_and_not_yet_valid_lists(tmp_path: Path) -> None:
    expired = signed_list((1,), valid_until=NOW - timedelta(seconds=1))
    result = check(credential(entry(1)), write(tmp_path, expired))
    assert (result.state, result.severity, result.code) == ("unknown", "warning", "list_expired")
    future = signed_list((1,), valid_from=NOW + timedelta(hours=1))
    result = check(credential(entry(1)), write(tmp_path, future))
    assert (result.state, result.code) == ("unknown", "list_not_yet_valid")
    # The same list judged at a time inside its validity period is read normally.
    result = check_status(
        credential(entry(1)),
        now=NOW + timedelta(hours=2),
        status_file=write(tmp_path, future),
        verify_proof=fake_verify,
    )
    assert result.state == "revoked"


def test_list_shorter_than_the_minimum(tmp_path: Path) -> None:
    doc = signed_list(status_list=StatusList(1024, allow_short=True))
    result = check(credential(entry(1)), write(tmp_path, doc))
    assert (result.state, result.code) == ("unknown", "length_error")


def test_index_out_of_range(tmp_path: Path) -> None:
    result = check(credential(entry(131_072)), write(tmp_path, signed_list()))
    assert (result.state, result.severity, result.code) == ("unknown", "error", "range_error")


def test_malformed_encoded_list(tmp_path: Path) -> None:
    doc = signed_list()
    doc = fake_sign({**doc, "credentialSubject": {**doc["credentialSubject"], "encodedList": 7}})
    result = check(credential(entry(1)), write(tmp_path, doc))
    assert (result.state, result.code) == ("unknown", "malformed")


def test_gzip_bomb_in_a_signed_list_is_refused(tmp_path: Path) -> None:
    # A correctly signed list whose encodedList expands to 32 MiB, over the 16 MiB bound.
    packed = gzip.compress(bytes(32 * 1024 * 1024), mtime=0)
    doc = signed_list()
    del doc["proof"]
    subject = {**doc["credentialSubject"]}
    subject["encodedList"] = "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")
    doc = fake_sign({**doc, "credentialSubject": subject})
    result = check(credential(entry(1)), write(tmp_path, doc))
    assert (result.state, result.code) == ("unknown", "malformed")
    assert "limit" in result.message


def test_malformed_entry_and_unsupported_type(tmp_path: Path) -> None:
    path = write(tmp_path, signed_list())
    bad = {**entry(1), "statusListIndex": "-3"}
    result = check(credential(bad), path)
    assert (result.state, result.severity, result.code) == ("unknown", "error", "malformed")
    other = {"id": "https://x.example/s", "type": "RevocationList2020Status"}
    result = check(credential(other), path)
    assert (result.state, result.severity, result.code) == (
        "unknown",
        "warning",
        "unsupported_type",
    )


def test_offline_without_status_file_is_unknown() -> None:
    result = check_status(credential(entry(1)), now=NOW, verify_proof=fake_verify)
    assert (result.state, result.severity, result.code) == ("unknown", "warning", "offline")
    assert result.message == OFFLINE_MESSAGE
    assert result.source == "offline"


def test_no_credential_status() -> None:
    result = check_status(credential(), now=NOW)
    assert (result.state, result.code, result.purpose) == ("valid", "no_status", None)
    assert check_entries(credential(), now=NOW) == ()


def test_several_entries_worst_wins(tmp_path: Path) -> None:
    lists = {
        LIST_URL: signed_list(()),
        "https://issuer.example/status/2": signed_list(
            (9,), url="https://issuer.example/status/2", purpose="suspension"
        ),
    }
    cred = credential(
        entry(9), entry(9, url="https://issuer.example/status/2", purpose="suspension")
    )
    results = check_entries(
        cred, now=NOW, status_file=write(tmp_path, lists), verify_proof=fake_verify
    )
    assert [r.state for r in results] == ["valid", "suspended"]
    assert check(cred, write(tmp_path, lists)).state == "suspended"


def test_status_message_purpose(tmp_path: Path) -> None:
    bits = StatusList(status_size=2)
    bits.set(4, 2)
    doc = signed_list(status_list=bits, purpose="message")
    status = {
        **entry(4, purpose="message"),
        "statusSize": 2,
        "statusMessage": [
            {"status": "0x0", "message": "pending"},
            {"status": "0x1", "message": "accepted"},
            {"status": "0x2", "message": "rejected"},
            {"status": "0x3", "message": "undefined"},
        ],
    }
    result = check(credential(status), write(tmp_path, doc))
    assert (result.state, result.code, result.value) == ("valid", "status_set", 2)
    assert "rejected" in result.message


def test_status_list_2021(tmp_path: Path) -> None:
    bits = StatusList()
    bits.set(77)
    doc = fake_sign(
        {
            "@context": [
                "https://www.w3.org/2018/credentials/v1",
                "https://w3id.org/vc/status-list/2021/v1",
            ],
            "id": LIST_URL,
            "type": ["VerifiableCredential", "StatusList2021Credential"],
            "issuer": "did:example:issuer",
            "issuanceDate": "2021-04-05T14:27:40Z",
            "credentialSubject": {
                "id": f"{LIST_URL}#list",
                "type": "StatusList2021",
                "statusPurpose": "revocation",
                "encodedList": bits.encode(fmt="2021"),
            },
        }
    )
    path = write(tmp_path, doc)
    for index, state in ((77, "revoked"), (78, "valid")):
        status = {
            "id": f"{LIST_URL}#{index}",
            "type": "StatusList2021Entry",
            "statusPurpose": "revocation",
            "statusListIndex": str(index),
            "statusListCredential": LIST_URL,
        }
        assert check(credential(status), path).state == state
    # A Bitstring entry pointing at a 2021 list is refused (wrong credential type).
    assert check(credential(entry(77)), path).code == "verification_error"


# --- 1EdTech revocation lists --- #

REVOCATION_URL = "https://issuer.example/revocations/1"
RL_ENTRY = {"id": REVOCATION_URL, "type": "1EdTechRevocationList"}


def revocation_list(*items: dict[str, Any]) -> dict[str, Any]:
    return {"id": REVOCATION_URL, "issuer": "did:example:issuer", "revokedCredential": list(items)}


@pytest.mark.parametrize(
    ("items", "state"),
    [
        ([{"id": CRED_ID, "revoked": True, "revocationReason": "cheating"}], "revoked"),
        ([{"id": CRED_ID}], "revoked"),  # "revoked" absent counts as revoked
        ([{"id": CRED_ID, "revoked": False}], "valid"),
        ([{"id": "urn:uuid:someone-else", "revoked": True}], "valid"),
        ([], "valid"),
    ],
)
def test_1edtech_revocation_list(tmp_path: Path, items: list[dict[str, Any]], state: str) -> None:
    result = check(credential(RL_ENTRY), write(tmp_path, revocation_list(*items)))
    assert result.state == state
    assert result.purpose == "revocation"
    if state == "revoked" and items[0].get("revocationReason"):
        assert "cheating" in result.message


def test_1edtech_list_without_array_is_a_warning(tmp_path: Path) -> None:
    result = check(credential(RL_ENTRY), write(tmp_path, {"id": REVOCATION_URL, "type": "X"}))
    assert (result.state, result.severity, result.code) == ("unknown", "warning", "malformed")


def test_1edtech_offline_is_unknown() -> None:
    result = check_status(credential(RL_ENTRY), now=NOW)
    assert (result.state, result.severity, result.code) == ("unknown", "warning", "offline")


# --- status file shapes --- #


def test_status_file_map_array_and_directory(tmp_path: Path) -> None:
    cred = credential(entry(2), RL_ENTRY)
    lists = {LIST_URL: signed_list((2,)), REVOCATION_URL: revocation_list()}
    assert check(cred, write(tmp_path, lists)).state == "revoked"
    assert check(cred, write(tmp_path, list(lists.values()), "arr.json")).state == "revoked"
    folder = tmp_path / "dir"
    folder.mkdir()
    write(folder, lists[LIST_URL], "a.json")
    write(folder, lists[REVOCATION_URL], "b.jsonld")
    (folder / "notes.txt").write_text("ignored")
    assert [
        r.state for r in check_entries(cred, now=NOW, status_file=folder, verify_proof=fake_verify)
    ] == ["revoked", "valid"]


def test_status_file_for_another_list_is_a_miss(tmp_path: Path) -> None:
    other = signed_list(url="https://issuer.example/status/99")
    result = check(credential(entry(1)), write(tmp_path, other))
    assert (result.state, result.severity, result.code) == ("unknown", "warning", "not_found")
    assert "https://issuer.example/status/99" in result.message


def test_status_file_document_without_id_is_used(tmp_path: Path) -> None:
    doc = signed_list((1,))
    doc = fake_sign({k: v for k, v in doc.items() if k not in ("id", "proof")})
    assert check(credential(entry(1)), write(tmp_path, doc)).state == "revoked"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '"text"', "{}"])
def test_bad_status_files_raise(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(StatusListError, match=r"bad\.json"):
        check_status(credential(entry(1)), status_file=path)


def test_missing_status_file_raises(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="no such file"):
        check_status(credential(entry(1)), status_file=tmp_path / "nope.json")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(StatusListError, match=r"no \.json status files"):
        check_status(credential(entry(1)), status_file=empty)
