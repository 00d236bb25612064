"""Endorsements (OB 3.0 §EndorsementCredential): made with ``badgekit.endorse``, found on the
credential, its achievement and its issuer, each verified on its own, none able to change the
badge's own verdict."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from verify_support import ED, ISSUED, NOW, OTHER, unsigned

import badgekit
from badgekit import KeyPair, Verdict
from badgekit.errors import CredentialError
from badgekit.verify import CheckStatus

GUILD = KeyPair.from_seed(bytes(range(2, 34)))


def _achievement_id(credential: dict[str, Any]) -> str:
    return str(credential["credentialSubject"]["achievement"]["id"])


def _endorse(subject: str, name: str = "Python Teachers' Guild", **kw: Any) -> dict[str, Any] | str:
    return badgekit.endorse(subject, kw.pop("key", GUILD), endorser_name=name, now=ISSUED, **kw)


def _badge(**where: list[Any]) -> dict[str, Any]:
    """A signed badge with endorsements placed on ``credential``, ``achievement``, ``issuer``."""
    doc = unsigned()
    nodes = {
        "credential": doc,
        "achievement": doc["credentialSubject"]["achievement"],
        "issuer": doc["issuer"],
    }
    for place, items in where.items():
        for item in items:
            key = "endorsementJwt" if isinstance(item, str) else "endorsement"
            nodes[place].setdefault(key, []).append(item)
    signed = badgekit.sign(doc, ED, now=ISSUED)
    assert isinstance(signed, dict)
    return signed


def test_endorsements_on_achievement_issuer_and_credential_are_each_reported() -> None:
    doc = unsigned()
    good = _endorse(_achievement_id(doc), comment="Meets our classroom standard.")
    of_issuer = _endorse(ED.did_key, "District PD Office")
    of_badge = _endorse(doc["id"], "Peer School", suite="jwt")
    badge = _badge(achievement=[good], issuer=[of_issuer], credential=[of_badge])
    report = badgekit.verify(badge, now=NOW)
    assert report.verdict is Verdict.VALID
    check = report.check("endorsements")
    assert check is not None
    assert check.status is CheckStatus.PASSED
    assert [n.role for n in report.nested] == ["endorsement"] * 3
    who = {n.credential["issuer_name"] for n in report.nested if n.credential}
    assert who == {"Python Teachers' Guild", "District PD Office", "Peer School"}
    assert all(n.verdict is Verdict.VALID for n in report.nested)
    out = report.to_json()
    assert [n["role"] for n in out["nested"]] == ["endorsement"] * 3
    comment = next(n for n in report.nested if n.check("endorses").details.get("comment"))
    assert comment.check("endorses").details["comment"] == "Meets our classroom standard."


def test_a_bad_endorsement_is_reported_but_does_not_change_the_badge_verdict() -> None:
    doc = unsigned()
    tampered = copy.deepcopy(_endorse(_achievement_id(doc)))
    assert isinstance(tampered, dict)
    tampered["credentialSubject"]["endorsementComment"] = "Forged praise."
    badge = _badge(achievement=[tampered])
    report = badgekit.verify(badge, now=NOW)
    assert report.verified
    assert report.verdict is Verdict.VALID
    check = report.check("endorsements")
    assert check is not None
    assert check.status is CheckStatus.WARNING
    assert "endorsement" in report.headline
    (child,) = report.nested
    assert child.verdict is Verdict.NOT_VALID
    assert child.check("proof").code == "bad_signature"
    assert child.headline.startswith("Do not trust this endorsement")


def test_an_endorsement_of_something_else_fails_its_endorses_check() -> None:
    doc = unsigned()
    elsewhere = _endorse("https://example.org/badges/another-badge")
    report = badgekit.verify(_badge(achievement=[elsewhere]), now=NOW)
    (child,) = report.nested
    assert child.check("proof").status is CheckStatus.PASSED
    endorses = child.check("endorses")
    assert endorses.status is CheckStatus.FAILED
    assert endorses.code == "other_subject"
    assert _achievement_id(doc) in endorses.message
    assert report.verdict is Verdict.VALID


def test_endorse_refuses_a_key_that_is_not_the_endorsers() -> None:
    with pytest.raises(badgekit.errors.SigningError, match="did:key of another key"):
        _endorse("https://example.org/badges/x", key=OTHER, endorser_id=GUILD.did_key)


def test_a_loop_is_not_followed() -> None:
    # An endorsement whose issuer profile carries the same endorsement (the same id): a loop.
    doc = unsigned()
    inner = _endorse(_achievement_id(doc))
    assert isinstance(inner, dict)
    looping = copy.deepcopy(inner)
    looping["issuer"]["endorsement"] = [copy.deepcopy(inner)]
    looping = badgekit.sign({k: v for k, v in looping.items() if k != "proof"}, GUILD, now=ISSUED)
    assert isinstance(looping, dict)
    report = badgekit.verify(_badge(achievement=[looping]), now=NOW)
    (outer,) = report.nested
    (again,) = outer.nested
    assert again.check("container").code == "loop"
    assert again.verdict is Verdict.NOT_VALID
    assert "loop" in again.check("container").message
    assert report.verdict is Verdict.VALID


def test_malformed_endorsements_are_rows_not_crashes() -> None:
    doc = unsigned()
    doc["credentialSubject"]["achievement"]["endorsementJwt"] = ["not.a.jws", "e30.e30.c2ln"]
    report = badgekit.verify(badgekit.sign(doc, ED, now=ISSUED), now=NOW)
    assert report.verdict is Verdict.VALID
    assert len(report.nested) == 2
    assert all(n.verdict is Verdict.NOT_VALID for n in report.nested)


def test_a_malformed_endorsement_object_fails_the_badge_schema_not_the_proof() -> None:
    # The OB 3.0 schema describes embedded endorsements: the badge itself does not match it.
    doc = unsigned()
    doc["credentialSubject"]["achievement"]["endorsement"] = [{"type": "EndorsementCredential"}]
    report = badgekit.verify(badgekit.sign(doc, ED, now=ISSUED), now=NOW)
    schema = report.check("schema")
    assert schema is not None
    assert schema.status is CheckStatus.FAILED
    assert "endorsement[0]" in schema.message
    assert report.check("proof").status is CheckStatus.PASSED
    (child,) = report.nested
    assert child.verdict is Verdict.NOT_VALID


def test_endorsements_of_a_forged_badge_are_not_looked_at() -> None:
    doc = unsigned()
    badge = _badge(achievement=[_endorse(_achievement_id(doc))])
    badge["name"] = "Changed after signing"
    report = badgekit.verify(badge, now=NOW)
    assert report.verdict is Verdict.NOT_VALID
    assert report.nested == ()
    assert report.check("endorsements") is None


def test_build_endorsement_refuses_bad_input() -> None:
    with pytest.raises(CredentialError, match="absolute URI"):
        _endorse("not a uri")
    with pytest.raises(CredentialError, match="needs a name"):
        _endorse("https://example.org/b", name="  ")
    with pytest.raises(CredentialError, match="not signed"):
        badgekit.build_credential(
            badgekit.Achievement.from_dict(
                {"name": "n", "description": "d", "criteria": {"narrative": "c"},
                 "issuer": {"name": "i"}}
            ),
            "ada@example.org",
            issuer_id=ED.did_key,
            now=NOW,
            endorsements=[{"type": ["VerifiableCredential", "EndorsementCredential"]}],
        )  # fmt: skip


@settings(max_examples=10, deadline=None)
@given(comment=st.text(min_size=1, max_size=80).filter(lambda t: t.strip()))
def test_endorsement_round_trip(comment: str) -> None:
    signed = _endorse("https://example.org/badges/python", comment=comment)
    report = badgekit.verify(signed, now=NOW)
    assert report.verdict is Verdict.VALID
    assert isinstance(signed, dict)
    signed["credentialSubject"]["endorsementComment"] = comment.strip() + "!"
    assert badgekit.verify(signed, now=NOW).verdict is Verdict.NOT_VALID


def test_an_endorsement_file_on_its_own_speaks_of_an_endorsement() -> None:
    report = badgekit.verify(_endorse("https://example.org/badges/python"), now=NOW)
    assert report.kind == "endorsement"
    assert report.headline.startswith("This endorsement is genuine")
    assert report.check("endorses").status is CheckStatus.PASSED


def test_a_vcdm_1_1_endorsement_is_checked_against_the_1_1_schema() -> None:
    # The spec's own VCDM 1.1 sample (tests/data/public): no schema issue, only no signature.
    from pathlib import Path

    sample = Path(__file__).parent.parent / "data" / "public"
    report = badgekit.verify(sample / "1edtech-ob30-spec-endorsement-example-vcdm1.1.json", now=NOW)
    assert report.check("schema").status is CheckStatus.PASSED
    assert report.check("proof").code == "no_proof"
