"""Recipient identity hashes (ob3-spec.md §2.1 IdentityObject) and recipient matching."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from badgekit.credential import hash_identity, recipient_matches
from badgekit.credential.build import recipient_subject

# ob3-spec.md §2.1: a@example.com + salt "Kosher"
SPEC_HASH = "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"


def _subject(identity_hash: str, salt: str | None = "Kosher", **extra: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "type": "IdentityObject",
        "hashed": True,
        "identityHash": identity_hash,
        "identityType": "emailAddress",
        **extra,
    }
    if salt is not None:
        entry["salt"] = salt
    return {"type": ["AchievementSubject"], "identifier": [entry]}


def test_spec_vector() -> None:
    assert hash_identity("a@example.com", "Kosher") == SPEC_HASH


def test_md5_and_no_salt() -> None:
    assert hash_identity("a@example.com", None, "md5") == "md5$b418773a2c51fb9777a1648346fa7394"
    assert hash_identity("a", "") == hash_identity("a", None)
    with pytest.raises(ValueError, match="unsupported"):
        hash_identity("a", "b", "sha1")


def test_matches_spec_vector_any_case() -> None:
    assert recipient_matches(_subject(SPEC_HASH), "a@example.com") is True
    upper = "sha256$" + SPEC_HASH.split("$")[1].upper()
    assert recipient_matches(_subject(upper), "a@example.com") is True
    assert recipient_matches(_subject(SPEC_HASH), "A@Example.com") is True  # lower-cased too
    assert recipient_matches(_subject(SPEC_HASH), "b@example.com") is False
    assert recipient_matches(_subject(SPEC_HASH, salt="Other"), "a@example.com") is False


def test_md5_identity() -> None:
    md5 = hash_identity("a@example.com", "Kosher", "md5")
    assert recipient_matches(_subject(md5), "a@example.com") is True


def test_unhashed_and_other_types() -> None:
    plain = _subject("a@example.com", salt=None, hashed=False)
    assert recipient_matches(plain, "a@example.com") is True
    student = _subject(hash_identity("s-42", "x"), salt="x", identityType="studentId")
    assert recipient_matches(student, "a@example.com") is None  # not an email identity
    assert recipient_matches(student, "s-42") is True


def test_subject_id_and_nothing() -> None:
    assert recipient_matches({"id": "did:example:123"}, "did:example:123") is True
    assert recipient_matches({"id": "did:example:123"}, "did:example:456") is False
    assert recipient_matches({"id": "mailto:a@example.com"}, "A@example.com") is True
    assert recipient_matches({"type": ["AchievementSubject"]}, "a@example.com") is None


def test_ob2_recipient() -> None:
    hashed = {"type": "email", "hashed": True, "salt": "s", "identity": hash_identity("x@y.z", "s")}
    assert recipient_matches(hashed, "x@y.z") is True
    assert recipient_matches(hashed, "q@y.z") is False
    assert recipient_matches({"type": "email", "hashed": False, "identity": "x@y.z"}, "x@y.z")
    assert recipient_matches({"type": "url", "identity": "https://x.y"}, "x@y.z") is False


@given(
    st.emails(),
    st.text(alphabet="0123456789abcdef", min_size=0, max_size=32),
)
def test_built_subject_matches_its_recipient(email: str, salt: str) -> None:
    subject = recipient_subject(email, salt=salt)
    entry = subject["identifier"][0]
    assert entry["identityHash"] == hash_identity(email.lower(), salt)
    assert recipient_matches(subject, email) is True
    assert recipient_matches(subject, "other." + email) is False
