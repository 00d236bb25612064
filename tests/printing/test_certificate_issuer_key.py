"""An issuer prints its own did:web badges before its site is up: its key file confirms that
the badge's key is its own (offline, a key named only in the issuer's address is unconfirmed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from printing_support import EARNER, ISSUED, KEY, NOW, achievement, baked

import badgekit
from badgekit import KeyPair
from badgekit.credential import build_credential
from badgekit.errors import NotPrintableError

if TYPE_CHECKING:
    from pathlib import Path

DID_WEB = "did:web:school.example"


def _did_web_badge(folder: Path) -> Path:
    cred = build_credential(achievement(), "ada@example.org", issuer_id=DID_WEB, now=ISSUED)
    cred["credentialSubject"]["identifier"].append(
        {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": EARNER}
    )
    signed = badgekit.sign(cred, KEY, now=ISSUED)
    assert isinstance(signed, dict)
    return baked(folder, "ada.png", signed)


def test_an_unconfirmed_key_is_not_printed(tmp_path: Path) -> None:
    with pytest.raises(NotPrintableError, match="could not be verified"):
        badgekit.make_certificate(_did_web_badge(tmp_path), now=NOW)


def test_the_issuers_own_key_confirms_it(tmp_path: Path) -> None:
    cert = badgekit.make_certificate(_did_web_badge(tmp_path), now=NOW, issuer_key=KEY.public())
    assert cert.earner == EARNER


def test_another_key_confirms_nothing(tmp_path: Path) -> None:
    other = KeyPair.from_seed(bytes(range(9, 41)))
    with pytest.raises(NotPrintableError):
        badgekit.make_certificate(_did_web_badge(tmp_path), now=NOW, issuer_key=other)
