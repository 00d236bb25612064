"""Broken badges: tampered, wrong issuer binding, schema-invalid, undefined term, unknown
context.  For each, the verdict and the failing check must be right."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import pytest
from verify_support import (
    ED,
    ISSUED,
    NOW,
    OTHER,
    local_fetcher,
    signed_dict,
    unsigned,
)

import badgekit
from badgekit import Verdict
from badgekit.jsonld import default_loader
from badgekit.proofs.registry import get
from badgekit.verify import CheckStatus

if TYPE_CHECKING:
    from localserver import LocalServer

LATER = ("dates", "status", "recipient")


def _status(report: badgekit.VerificationReport) -> dict[str, tuple[str, str]]:
    return {c.id: (c.status.value, c.code) for c in report.checks}


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))]
    return [path]


def _mutate(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    assert isinstance(value, str)
    if value[:4].isdigit():  # a date: keep it a date, one year earlier
        return str(int(value[:4]) - 1) + value[4:]
    return value + "x"


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = doc
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


SIGNED = signed_dict()
LEAVES = [p for p in _leaves({k: v for k, v in SIGNED.items() if k != "proof"})]
# type values and contexts are checked before the proof (format, jsonld); see their own tests.
DATA_LEAVES = [p for p in LEAVES if p[0] != "@context" and "type" not in p]


def test_the_leaves_cover_the_whole_credential() -> None:
    assert len(DATA_LEAVES) >= 15
    tops = {p[0] for p in DATA_LEAVES}
    assert {"id", "issuer", "validFrom", "validUntil", "credentialSubject", "name"} <= tops


@pytest.mark.parametrize("path", DATA_LEAVES, ids=lambda p: ".".join(map(str, p)))
def test_any_changed_value_breaks_the_proof(path: tuple[Any, ...]) -> None:
    doc = copy.deepcopy(SIGNED)
    node: Any = doc
    for step in path:
        node = node[step]
    _set(doc, path, _mutate(node))
    report = badgekit.verify(doc, now=NOW)
    assert report.verdict is Verdict.NOT_VALID
    assert not report.verified
    got = _status(report)
    assert got["proof"] == ("failed", "bad_signature"), got
    assert got["issuer_binding"][0] == "skipped"
    for check_id in LATER:
        assert got[check_id][0] == "skipped", check_id
    assert "changed after it was signed" in report.check("proof").message  # type: ignore[union-attr]


@pytest.mark.parametrize("path", [p for p in LEAVES if "type" in p], ids=str)
def test_changed_type_is_never_valid(path: tuple[Any, ...]) -> None:
    doc = copy.deepcopy(SIGNED)
    node: Any = doc
    for step in path:
        node = node[step]
    _set(doc, path, node + "x")
    report = badgekit.verify(doc, now=NOW)
    assert report.verdict is Verdict.NOT_VALID
    assert _status(report)["proof"][0] != "passed"
    for check_id in LATER:
        assert _status(report)[check_id][0] == "skipped"


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("validUntil"),
        lambda d: d.update(description="A different description."),
        lambda d: d["credentialSubject"]["achievement"].pop("criteria"),
        lambda d: d["proof"][0].update(created="2025-01-01T00:00:00Z"),
        lambda d: d["proof"][0].update(proofPurpose="authentication"),
    ],
    ids=["removed", "added", "removed-nested", "proof-created", "proof-purpose"],
)
def test_added_removed_and_proof_option_changes_break_the_proof(change: Any) -> None:
    doc = copy.deepcopy(SIGNED)
    change(doc)
    report = badgekit.verify(doc, now=NOW)
    assert report.verdict is Verdict.NOT_VALID
    assert _status(report)["proof"][0] == "failed"
    assert all(_status(report)[c][0] == "skipped" for c in LATER)


def test_no_proof_at_all() -> None:
    doc = {k: v for k, v in SIGNED.items() if k != "proof"}
    report = badgekit.verify(doc, now=NOW)
    assert report.verdict is Verdict.NOT_VALID
    assert _status(report)["proof"] == ("failed", "no_proof")


def test_did_key_issuer_signed_by_another_keys_method() -> None:
    doc = {k: v for k, v in signed_dict().items() if k != "proof"}
    assert doc["issuer"]["id"] == ED.did_key
    suite = get("eddsa-rdfc-2022")
    proof = suite.create_proof(
        doc,
        OTHER,
        verification_method=OTHER.did_key_vm,
        created="2025-05-02T12:00:00Z",
        loader=default_loader(),
    )
    report = badgekit.verify({**doc, "proof": [proof]}, now=NOW)
    got = _status(report)
    assert got["issuer_binding"] == ("failed", "controller_mismatch"), got
    assert got["proof"] == ("passed", "ok")  # a real signature, by the wrong key
    assert all(got[c][0] == "skipped" for c in LATER)
    assert report.verdict is Verdict.NOT_VALID
    binding = report.check("issuer_binding")
    assert binding is not None
    assert "does not belong to its issuer" in binding.message


def test_https_issuer_with_a_fragment_key_is_a_warning_offline() -> None:
    issuer = "https://academy.example/issuers/1"
    doc = signed_dict(issuer=issuer)
    assert doc["proof"][0]["verificationMethod"] == f"{issuer}#{ED.public_multibase}"
    report = badgekit.verify(doc, now=NOW)
    assert report.verified
    assert report.verdict is Verdict.VALID
    binding = report.check("issuer_binding")
    assert binding is not None
    assert (binding.status, binding.code) == (CheckStatus.WARNING, "unconfirmed")
    assert "--online" in binding.message


def test_schema_invalid_but_signed() -> None:
    doc = signed_dict()
    doc = {k: v for k, v in doc.items() if k != "proof"}
    del doc["credentialSubject"]["achievement"]["description"]
    doc = badgekit.sign(doc, ED, now=ISSUED)  # type: ignore[assignment]
    report = badgekit.verify(doc, now=NOW)
    got = _status(report)
    assert got["schema"] == ("failed", "schema_invalid")
    assert got["proof"] == ("passed", "ok")  # the signature is fine; the badge is not
    assert report.verdict is Verdict.NOT_VALID
    assert "description" in report.check("schema").message  # type: ignore[union-attr]


def test_compacted_single_values_are_only_a_warning() -> None:
    doc = signed_dict()
    doc["proof"] = doc["proof"][0]  # allowed by the spec, not by the strict schema
    report = badgekit.verify(doc, now=NOW)
    assert _status(report)["schema"] == ("warning", "compacted")
    assert report.verified


@pytest.mark.parametrize(
    "compact",
    [
        # what other implementations emit: JSON-LD compaction allows single values for type,
        # proof and credentialSchema (ob3-spec.md §2.1); the strict schema wants arrays
        lambda d: d["issuer"].update(type="Profile"),
        lambda d: d["credentialSubject"].update(type="AchievementSubject"),
        lambda d: d["credentialSubject"]["achievement"].update(type="Achievement"),
        lambda d: d.update(credentialSchema=d["credentialSchema"][0]),
    ],
)
def test_compacted_values_in_objects_are_only_a_warning(compact: Any) -> None:
    """Signed as other implementations shape them: verified, with a schema warning."""
    doc = unsigned(issuer=ED.did_key)
    compact(doc)
    doc = badgekit.sign(doc, ED, now=ISSUED)  # type: ignore[assignment]
    doc["proof"] = doc["proof"][0]
    report = badgekit.verify(doc, now=NOW)
    assert _status(report)["schema"] == ("warning", "compacted"), report.check("schema")
    assert report.verdict is Verdict.VALID


def test_a_profile_missing_its_id_is_named_as_such() -> None:
    doc = signed_dict()
    del doc["issuer"]["id"]
    schema = badgekit.verify(doc, now=NOW).check("schema")
    assert schema is not None
    assert schema.status.value == "failed"
    assert "issuer: 'id' is a required property" in schema.message


def test_undefined_term_fails_jsonld_and_skips_the_proof() -> None:
    doc = signed_dict()
    doc["favouriteColour"] = "blue"
    report = badgekit.verify(doc, now=NOW)
    got = _status(report)
    assert got["jsonld"] == ("failed", "unsafe_jsonld")
    assert got["proof"][0] == "skipped"
    assert all(got[c][0] == "skipped" for c in LATER)
    assert report.verdict is Verdict.NOT_VALID
    assert "favouriteColour" in report.check("jsonld").message  # type: ignore[union-attr]


def test_unknown_context_fails_jsonld_and_skips_the_proof() -> None:
    doc = signed_dict()
    doc["@context"] = [*doc["@context"], "https://example.org/contexts/mine.jsonld"]
    report = badgekit.verify(doc, now=NOW)
    got = _status(report)
    assert got["jsonld"] == ("failed", "unknown_context")
    assert got["proof"][0] == "skipped"
    assert report.verdict is Verdict.NOT_VALID
    assert "https://example.org/contexts/mine.jsonld" in report.check("jsonld").message  # type: ignore[union-attr]


def test_not_a_badge() -> None:
    doc = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]}
    report = badgekit.verify(doc, now=NOW)
    got = _status(report)
    assert got["format"] == ("failed", "not_a_badge")
    assert all(got[c][0] == "skipped" for c in ("schema", "jsonld", "proof", *LATER))
    assert report.verdict is Verdict.NOT_VALID


def _issuer_document(server: LocalServer, *keys: badgekit.KeyPair) -> str:
    issuer = server.url("/issuers/1")
    methods = [
        {
            "id": f"{issuer}#{k.public_multibase}",
            "type": "Multikey",
            "controller": issuer,
            "publicKeyMultibase": k.public_multibase,
        }
        for k in keys
    ]
    server.routes["/issuers/1"] = {
        "@context": ["https://www.w3.org/ns/cid/v1"],
        "id": issuer,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }
    return issuer


def test_fragment_key_confirmed_online_by_the_issuers_document(server: LocalServer) -> None:
    issuer = _issuer_document(server, ED)
    doc = signed_dict(issuer=issuer)
    offline = badgekit.verify(doc, now=NOW)
    assert _status(offline)["issuer_binding"] == ("warning", "unconfirmed")
    assert server.hits == []
    online = badgekit.verify(doc, now=NOW, online=True, fetcher=local_fetcher())
    assert online.verdict is Verdict.VALID
    assert _status(online)["issuer_binding"] == ("passed", "ok")
    assert server.hits == ["/issuers/1"]


def test_fragment_key_the_issuer_does_not_publish_fails_online(server: LocalServer) -> None:
    issuer = _issuer_document(server, OTHER)  # the issuer publishes another key
    doc = signed_dict(issuer=issuer)
    assert badgekit.verify(doc, now=NOW).verified  # offline, the URL alone vouches for it
    online = badgekit.verify(doc, now=NOW, online=True, fetcher=local_fetcher())
    assert online.verdict is Verdict.NOT_VALID
    assert _status(online)["proof"] == ("failed", "resolution_failed")
    assert "could not be found" in online.check("proof").message  # type: ignore[union-attr]
