"""JSON Schema validation against the bundled OB 3.0 schemas (offline, draft 2019-09)."""

from __future__ import annotations

import copy
import json
import socket
from pathlib import Path
from typing import Any

import pytest
from _credential_helpers import load_fixture

from badgekit.credential import validate_schema
from badgekit.credential.schema import SCHEMA_FILES, schema_version

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def test_bundled_schemas_are_unedited_copies() -> None:
    bundled = Path(__file__).resolve().parents[2] / "badgekit" / "credential" / "schemas"
    for name in SCHEMA_FILES.values():
        if (SHARED / name).exists():
            assert (bundled / name).read_bytes() == (SHARED / name).read_bytes()
        json.loads((bundled / name).read_text(encoding="utf-8"))


def test_fixtures_pass() -> None:
    assert validate_schema(load_fixture("ob3-vcdm2.json")) == []
    assert validate_schema(load_fixture("ob3-vcdm1.1.json")) == []


def test_version_is_chosen_by_first_context() -> None:
    assert schema_version(load_fixture("ob3-vcdm2.json")) == "2.0"
    assert schema_version(load_fixture("ob3-vcdm1.1.json")) == "1.1"
    assert schema_version({}) == "2.0"
    # a VCDM 1.1 credential lacks validFrom, so the 2.0 schema rejects it
    c = load_fixture("ob3-vcdm1.1.json")
    c["@context"][0] = "https://www.w3.org/ns/credentials/v2"
    assert any("'validFrom' is a required property" in i.message for i in validate_schema(c))


def _mutate(path: str, value: Any) -> dict[str, Any]:
    c = copy.deepcopy(load_fixture("ob3-vcdm2.json"))
    node: Any = c
    keys = path.split(".")
    for key in keys[:-1]:
        node = node[int(key)] if key.isdigit() else node[key]
    if value is _DELETE:
        del node[keys[-1]]
    else:
        node[keys[-1]] = value
    return c


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "where", "says"),
    [
        ("proof", {"type": "DataIntegrityProof"}, "proof", "is not of type 'array'"),
        ("type", "OpenBadgeCredential", "type", "is not of type 'array'"),
        # the Profile branch's own problem, not "is not of type 'string'" (the URL branch)
        ("issuer.type", "Profile", "issuer.type", "is not of type 'array'"),
        ("issuer.id", _DELETE, "issuer", "'id' is a required property"),
        ("validFrom", "2024-02-30T00:00:00Z", "validFrom", "is not a 'date-time'"),
        ("validFrom", "2024-05-01", "validFrom", "is not a 'date-time'"),
        ("validFrom", _DELETE, "(credential)", "'validFrom' is a required property"),
        (
            "credentialSubject.achievement.criteria",
            _DELETE,
            "credentialSubject.achievement",
            "'criteria'",
        ),
        (
            "credentialSubject.identifier.0.salt",
            5,
            "credentialSubject.identifier[0].salt",
            "not of type",
        ),
        (
            "credentialSubject.achievement.achievementType",
            "Badgeish",
            "credentialSubject.achievement.achievementType",
            "",
        ),
        ("@context", ["https://www.w3.org/ns/credentials/v2"], "@context", ""),
    ],
)
def test_violations_name_the_place(path: str, value: Any, where: str, says: str) -> None:
    issues = validate_schema(_mutate(path, value))
    assert issues, "the schema should reject this"
    assert any(i.path == where and says in i.message for i in issues), issues
    assert all("\n" not in str(i) for i in issues)


def test_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        msg = "validate_schema tried to use the network"
        raise AssertionError(msg)

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    c = load_fixture("ob3-vcdm2.json")
    c["@context"].append({"@vocab": "https://example.org/#"})
    assert validate_schema(c) == []
