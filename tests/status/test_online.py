"""Status fetched over HTTP from a real server on 127.0.0.1 (``--online``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from badgekit.net import Fetcher
from badgekit.status import StatusChecker, check_status, status_entry

from .helpers import CRED_ID, NOW, credential, fake_verify, signed_list

if TYPE_CHECKING:
    from pathlib import Path

    from localserver import LocalServer

LOCAL = Fetcher(allow_private=True, allow_http=True, timeout=5)


def test_bitstring_list_fetched_online(local_server: LocalServer) -> None:
    url = local_server.url("/status/1")
    local_server.routes["/status/1"] = signed_list((3,), url=url)
    for index, state in ((3, "revoked"), (4, "valid")):
        result = check_status(
            credential(status_entry(url, index)),
            now=NOW,
            online=True,
            fetcher=LOCAL,
            verify_proof=fake_verify,
        )
        assert result.state == state
        assert result.source == url
    path, accept = local_server.requests[0]
    assert path == "/status/1"
    assert "application/vc+ld+json" in accept


def test_1edtech_list_fetched_online_with_accept_json(local_server: LocalServer) -> None:
    url = local_server.url("/revocations")
    local_server.routes["/revocations"] = {"id": url, "revokedCredential": [{"id": CRED_ID}]}
    cred = credential({"id": url, "type": "1EdTechRevocationList"})
    result = check_status(cred, now=NOW, online=True, fetcher=LOCAL)
    assert (result.state, result.code) == ("revoked", "revoked")
    assert local_server.requests == [("/revocations", "application/json")]


def test_failed_fetch_is_a_warning_not_a_crash(local_server: LocalServer) -> None:
    url = local_server.url("/missing")
    for cred in (
        credential(status_entry(url, 1)),
        credential({"id": url, "type": "1EdTechRevocationList"}),
    ):
        result = check_status(cred, now=NOW, online=True, fetcher=LOCAL, verify_proof=fake_verify)
        assert (result.state, result.severity, result.code) == (
            "unknown",
            "warning",
            "retrieval_error",
        )
        assert "404" in result.message


def test_default_fetcher_refuses_loopback(local_server: LocalServer) -> None:
    url = local_server.url("/status/1")
    local_server.routes["/status/1"] = signed_list((3,), url=url)
    result = check_status(
        credential(status_entry(url, 3)), now=NOW, online=True, verify_proof=fake_verify
    )
    assert (result.state, result.code) == ("unknown", "retrieval_error")
    assert local_server.requests == []


def test_offline_never_fetches(local_server: LocalServer) -> None:
    url = local_server.url("/status/1")
    local_server.routes["/status/1"] = signed_list((3,), url=url)
    result = check_status(credential(status_entry(url, 3)), now=NOW, fetcher=LOCAL)
    assert result.code == "offline"
    assert local_server.requests == []


def test_status_file_first_then_online(local_server: LocalServer, tmp_path: Path) -> None:
    file_url, web_url = "https://issuer.example/status/1", local_server.url("/status/2")
    local_server.routes["/status/2"] = signed_list((8,), url=web_url)
    status_file = tmp_path / "s.json"
    status_file.write_text(json.dumps(signed_list((7,), url=file_url)))
    cred = credential(status_entry(file_url, 7), status_entry(web_url, 8))
    result = check_status(
        cred,
        now=NOW,
        online=True,
        fetcher=LOCAL,
        status_file=status_file,
        verify_proof=fake_verify,
    )
    assert result.state == "revoked"
    # The file had the first list; only the second was fetched.
    assert [p for p, _ in local_server.requests] == ["/status/2"]


def test_checker_fetches_and_verifies_a_shared_list_once(local_server: LocalServer) -> None:
    url = local_server.url("/status/1")
    local_server.routes["/status/1"] = signed_list((3, 5), url=url)
    calls: list[str] = []

    def counting_verify(doc: dict[str, Any]) -> Any:
        calls.append(doc["id"])
        return fake_verify(doc)

    checker = StatusChecker(online=True, fetcher=LOCAL, verify_proof=counting_verify, now=NOW)
    states = [checker.check(credential(status_entry(url, i))).state for i in range(8)]
    assert states == ["valid"] * 3 + ["revoked", "valid", "revoked", "valid", "valid"]
    assert len(local_server.requests) == 1
    assert calls == [url]
    # A failed fetch is remembered too, not retried for every badge.
    missing = local_server.url("/gone")
    for _ in range(3):
        assert checker.check(credential(status_entry(missing, 1))).code == "retrieval_error"
    assert len(local_server.requests) == 2
