"""``badgekit.revoke`` and ``badgekit revoke``: re-signing a real list for badge files."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

import badgekit
from badgekit import KeyPair, _assets
from badgekit.cli import main
from badgekit.errors import SigningError, StatusListError
from badgekit.status import (
    StatusList,
    build_list_credential,
    check_status,
    read_list_credential,
    status_entry,
)

from .helpers import LIST_URL, NOW, credential

if TYPE_CHECKING:
    from pathlib import Path

SEED = bytes(range(32))


@pytest.fixture(scope="module")
def key() -> KeyPair:
    return KeyPair.from_seed(SEED)


@pytest.fixture
def setup(tmp_path: Path, key: KeyPair) -> dict[str, Any]:
    """A signed empty list, a key file, two badges (baked PNG and JSON) and a manifest."""
    unsigned = build_list_credential(
        StatusList(), list_url=LIST_URL, issuer=key.did_key, valid_from=NOW
    )
    list_path = tmp_path / "status-list.json"
    list_path.write_text(json.dumps(badgekit.sign(unsigned, key, now=NOW)))
    key_path = tmp_path / "issuer.pem"
    key.save(key_path)
    a = credential(status_entry(LIST_URL, 17), cred_id="urn:uuid:a", issuer=key.did_key)
    b = credential(status_entry(LIST_URL, 42), cred_id="urn:uuid:b", issuer=key.did_key)
    png = tmp_path / "a.png"
    sample = _assets.data_file("sample-badge.png").read_bytes()
    png.write_bytes(badgekit.bake(sample, json.dumps(a)))
    js = tmp_path / "b.json"
    js.write_text(json.dumps(b))
    manifest = tmp_path / "manifest.jsonl"
    rows = [{"credential_id": "urn:uuid:a", "status_list_index": 17}]
    rows.append({"credential_id": "urn:uuid:b", "status_list_index": 42})
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return {"list": list_path, "key": key_path, "png": png, "json": js, "manifest": manifest}


def _state(list_path: Path, index: int, issuer: str) -> str:
    cred = credential(status_entry(LIST_URL, index), issuer=issuer)
    return check_status(
        cred,
        now=NOW + timedelta(hours=1),
        status_file=list_path,
        verify_proof=lambda d: badgekit.verify_proof(d, now=NOW),
    ).state


def test_revoke_badge_files(setup: dict[str, Any], key: KeyPair) -> None:
    result = badgekit.revoke(setup["list"], key, badges=[setup["png"], setup["json"]], now=NOW)
    assert result.list_url == LIST_URL
    assert result.indexes == (17, 42)
    assert result.total_set == 2
    assert _state(setup["list"], 17, key.did_key) == "revoked"
    assert _state(setup["list"], 42, key.did_key) == "revoked"
    assert _state(setup["list"], 18, key.did_key) == "valid"


def test_revoke_by_credential_id_and_unrevoke(setup: dict[str, Any], key: KeyPair) -> None:
    badgekit.revoke(
        setup["list"], key, credential_ids=["urn:uuid:b"], manifest=setup["manifest"], now=NOW
    )
    assert read_list_credential(json.loads(setup["list"].read_text())).set_indexes() == [42]
    result = badgekit.revoke(setup["list"], key, indexes=[42], unrevoke=True, now=NOW)
    assert result.total_set == 0
    assert _state(setup["list"], 42, key.did_key) == "valid"


def test_revoke_errors_change_nothing(setup: dict[str, Any], key: KeyPair, tmp_path: Path) -> None:
    before = setup["list"].read_bytes()
    with pytest.raises(StatusListError, match="nothing to revoke"):
        badgekit.revoke(setup["list"], key)
    other = credential(status_entry("https://else.example/s", 3), cred_id="urn:uuid:c")
    stray = tmp_path / "c.json"
    stray.write_text(json.dumps(other))
    with pytest.raises(StatusListError, match=r"c\.json: .*no status list entry in"):
        badgekit.revoke(setup["list"], key, indexes=[1], badges=[stray])
    with pytest.raises(StatusListError, match="needs the batch manifest"):
        badgekit.revoke(setup["list"], key, credential_ids=["urn:uuid:a"])
    with pytest.raises(StatusListError, match="out of range"):
        badgekit.revoke(setup["list"], key, indexes=[10**7])
    with pytest.raises(SigningError):
        badgekit.revoke(setup["list"], KeyPair.from_seed(bytes(32)), indexes=[1])
    assert setup["list"].read_bytes() == before


def test_cli_revoke(setup: dict[str, Any], key: KeyPair) -> None:
    runner = CliRunner()
    args = ["revoke", str(setup["png"]), "--list", str(setup["list"]), "--key", str(setup["key"])]
    result = runner.invoke(main, [*args, "--now", "2025-06-01T12:00:00Z"])
    assert result.exit_code == 0, result.output
    assert "Revoked 1 entry" in result.output
    assert "17" in result.output
    assert _state(setup["list"], 17, key.did_key) == "revoked"
    result = runner.invoke(
        main,
        [
            "revoke",
            "--list",
            str(setup["list"]),
            "--key",
            str(setup["key"]),
            "--credential-id",
            "urn:uuid:b",
            "--manifest",
            str(setup["manifest"]),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["indexes"] == [42]
    assert out["total_revoked"] == 2


def test_cli_revoke_exit_codes(setup: dict[str, Any]) -> None:
    runner = CliRunner()
    base = ["revoke", "--list", str(setup["list"]), "--key", str(setup["key"])]
    result = runner.invoke(main, base)
    assert result.exit_code == 1
    assert "nothing to revoke" in result.output
    assert runner.invoke(main, [*base, "--index", "-1"]).exit_code == 2
    assert runner.invoke(main, [*base, "--index", "1", "--now", "yesterday"]).exit_code == 2
    assert runner.invoke(main, ["revoke", "--key", str(setup["key"])]).exit_code == 2
