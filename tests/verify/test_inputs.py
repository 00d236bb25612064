"""What reaches ``verify``: files that hold no badge (container), and recipient checks."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import pytest
from verify_support import NOW, RECIPIENT, payload_text, signed, signed_dict

import badgekit
from badgekit import Verdict
from badgekit.verify import CHECK_IDS

if TYPE_CHECKING:
    from pathlib import Path


def _got(report: badgekit.VerificationReport) -> dict[str, tuple[str, str]]:
    return {c.id: (c.status.value, c.code) for c in report.checks}


def _container_failed(report: badgekit.VerificationReport) -> str:
    got = _got(report)
    assert got["container"][0] == "failed", got
    assert all(got[c][0] == "skipped" for c in CHECK_IDS[1:])
    assert report.verdict is Verdict.NOT_VALID
    assert not report.verified
    assert report.credential is None
    message = report.check("container").message  # type: ignore[union-attr]
    assert "\n" not in message
    return message


def test_png_that_carries_no_badge(sample_png: bytes) -> None:
    message = _container_failed(badgekit.verify(sample_png, now=NOW))
    assert "PNG" in message
    assert "no" in message.lower()


def test_svg_that_carries_no_badge(sample_svg: bytes) -> None:
    message = _container_failed(badgekit.verify(sample_svg, now=NOW))
    assert "SVG" in message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (os.urandom(0) + bytes(range(256)) * 4, "not"),
        (b"hello, this is a letter", "not"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    ],
    ids=["empty", "random", "text", "truncated-png"],
)
def test_files_that_are_not_badges(data: bytes, words: str, tmp_path: Path) -> None:
    path = tmp_path / "file.bin"
    path.write_bytes(data)
    message = _container_failed(badgekit.verify(path, now=NOW))
    assert words in message


def test_missing_file_is_a_container_failure(tmp_path: Path) -> None:
    report = badgekit.verify(tmp_path / "nope.png", now=NOW)
    message = _container_failed(report)
    assert "nope.png" in message


def test_json_that_is_not_json_or_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"@context": [')
    report = badgekit.verify(path, now=NOW)
    got = _got(report)
    assert got["container"][0] == "passed"
    assert got["format"] == ("failed", "bad_json")
    assert report.verdict is Verdict.NOT_VALID


def test_wrong_argument_type_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        badgekit.verify(12, now=NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "garbage",
    [
        {"@context": "https://w3id.org/openbadges/v2"},
        {"@context": ["https://www.w3.org/ns/credentials/v2", 7], "type": 3, "proof": "x"},
        {"@context": [], "credentialSubject": []},
        {
            "@context": [
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ],
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": [],
            "validFrom": 5,
            "credentialSubject": "me",
            "proof": [{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"}],
        },
    ],
)
def test_odd_shapes_never_raise(garbage: dict[str, Any]) -> None:
    report = badgekit.verify(garbage, now=NOW, recipient=RECIPIENT)
    assert not report.verified
    json.dumps(report.to_json())


# --- recipient (ob3-spec.md §4 step 5) --- #


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "jwt"])
def test_hashed_email_recipient_match_and_mismatch(suite: str) -> None:
    badge = payload_text(signed(suite)).encode()
    match = badgekit.verify(badge, now=NOW, recipient=RECIPIENT)
    assert _got(match)["recipient"] == ("passed", "ok")
    assert match.verdict is Verdict.VALID
    miss = badgekit.verify(badge, now=NOW, recipient="bob@example.org")
    assert _got(miss)["recipient"] == ("failed", "mismatch")
    assert miss.verdict is Verdict.NOT_VALID
    assert "bob@example.org" in miss.check("recipient").message  # type: ignore[union-attr]


def test_did_recipient_match_and_mismatch() -> None:
    badge = signed_dict(recipient="did:example:learner-7")
    assert _got(badgekit.verify(badge, now=NOW, recipient="did:example:learner-7"))[
        "recipient"
    ] == ("passed", "ok")
    assert _got(badgekit.verify(badge, now=NOW, recipient="did:example:learner-8"))[
        "recipient"
    ] == ("failed", "mismatch")
    # an email cannot match a DID subject
    assert _got(badgekit.verify(badge, now=NOW, recipient=RECIPIENT))["recipient"][0] == "failed"


def test_recipient_is_not_checked_on_a_badge_that_failed() -> None:
    badge = signed_dict()
    badge["name"] = "Changed"
    report = badgekit.verify(badge, now=NOW, recipient="bob@example.org")
    assert _got(report)["recipient"][0] == "skipped"
