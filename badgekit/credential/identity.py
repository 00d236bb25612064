"""Recipient identity hashing and matching (not public API).

OB 3.0 ``IdentityObject.identityHash`` = ``"sha256$" + hex(SHA-256(identifier + salt))``; the
hex may be upper or lower case and ``md5$`` is also allowed (ob3-spec.md §2.1).  OB 2.0
``recipient`` objects use the same hash format with ``identity`` (ob3-spec.md §1.3).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from ._fields import is_email

__all__ = ["HASH_ALGORITHMS", "hash_identity", "recipient_matches"]

#: Hash algorithms allowed in ``identityHash`` (prefix before ``$``).
HASH_ALGORITHMS = ("sha256", "md5")


def hash_identity(identifier: str, salt: str | None, alg: str = "sha256") -> str:
    """Hash a recipient identifier the Open Badges way.

    >>> hash_identity("a@example.com", "Kosher")[:15]
    'sha256$b5809d8a'

    :param identifier: the plain identifier (e.g. an email address).
    :param salt: the salt appended before hashing (``None`` or ``""`` for none).
    :param alg: ``"sha256"`` (default) or ``"md5"``.
    :returns: ``"<alg>$<lower-case hex digest>"``.
    :raises ValueError: an unsupported algorithm.
    """
    if alg not in HASH_ALGORITHMS:
        msg = f"unsupported identity hash algorithm {alg!r}; use one of {HASH_ALGORITHMS}"
        raise ValueError(msg)
    digest = hashlib.new(alg, (identifier + (salt or "")).encode("utf-8"), usedforsecurity=False)
    return f"{alg}${digest.hexdigest()}"


def _hash_matches(stored: str, candidate: str, salt: str | None) -> bool:
    alg, sep, hexdigest = stored.partition("$")
    alg = alg.lower()
    if not sep or alg not in HASH_ALGORITHMS:
        return False
    expected = hash_identity(candidate, salt, alg).partition("$")[2]
    return hmac.compare_digest(expected, hexdigest.strip().lower())


def _identity_matches(
    value: str, *, hashed: bool, salt: str | None, candidates: tuple[str, ...]
) -> bool:
    if hashed:
        return any(_hash_matches(value, c, salt) for c in candidates)
    return any(value.strip().lower() == c.lower() for c in candidates)


def recipient_matches(credential_subject: Mapping[str, Any], email_or_id: str) -> bool | None:
    """Tell whether a credential was issued to ``email_or_id``.

    Works on an OB 3.0 ``credentialSubject`` (its ``id``, or its ``identifier`` list) and on an
    OB 2.0 ``recipient`` object (``identity``/``hashed``/``salt``).  An email is compared as
    given and lower-cased; only ``emailAddress`` identities are compared with an email.

    :returns: ``True`` on a match, ``False`` when there was something to compare and nothing
        matched, ``None`` when the subject names no recipient at all.
    """
    wanted = email_or_id.strip()
    email = wanted.removeprefix("mailto:") if is_email(wanted.removeprefix("mailto:")) else None
    candidates = tuple(dict.fromkeys(c for c in (wanted, email, email and email.lower()) if c))
    compared = False
    subject_id = credential_subject.get("id")
    if isinstance(subject_id, str):
        compared = True
        if subject_id in candidates or (email and subject_id.lower() == f"mailto:{email.lower()}"):
            return True
    if "identity" in credential_subject:  # OB 2.0 recipient (ob3-spec.md §1.3)
        return _ob2_matches(credential_subject, candidates, email)
    identifiers = credential_subject.get("identifier")
    if isinstance(identifiers, Mapping):
        identifiers = [identifiers]
    for entry in identifiers if isinstance(identifiers, list) else []:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("identityHash"), str):
            continue
        if email and entry.get("identityType") not in ("emailAddress", None):
            continue
        compared = True
        salt = entry.get("salt") if isinstance(entry.get("salt"), str) else None
        hashed = entry.get("hashed") is not False
        if _identity_matches(
            entry["identityHash"], hashed=hashed, salt=salt, candidates=candidates
        ):
            return True
    return False if compared else None


def _ob2_matches(
    recipient: Mapping[str, Any], candidates: tuple[str, ...], email: str | None
) -> bool | None:
    identity = recipient.get("identity")
    if not isinstance(identity, str):
        return None
    if email and recipient.get("type", "email") != "email":
        return False
    salt = recipient.get("salt") if isinstance(recipient.get("salt"), str) else None
    hashed = recipient.get("hashed") is True or (
        recipient.get("hashed") is None and "$" in identity
    )
    return _identity_matches(identity, hashed=hashed, salt=salt, candidates=candidates)
