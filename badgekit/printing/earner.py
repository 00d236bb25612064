"""The earner's name, as a genuine badge states it (not public API).

OB 3.0 names the earner in ``credentialSubject.identifier``: an ``IdentityObject`` whose
``identityType`` is ``name`` (ob3-spec.md §2.1, IdentifierTypeEnum), in plain text
(``hashed: false``) or hashed like an email.  Some issuers also write a plain
``credentialSubject.name``.  Many badges carry only a hashed email: then nothing on the badge
says who the earner is, and the person printing must give the name (``--name``).

A name given for a badge that states one must be that name (the certificate must not say
more than the issuer signed); a name given for a hashed ``name`` identity must match its hash.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from ..credential.identity import hash_identity
from ..errors import EarnerNameError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["earner_name", "stated_name"]

#: Longest earner name accepted (a certificate line, not a paragraph).
MAX_NAME_CHARS = 200


def _subject(credential: Mapping[str, Any]) -> Mapping[str, Any]:
    subject = credential.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    return subject if isinstance(subject, dict) else {}


def _identifiers(subject: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    raw = subject.get("identifier")
    items = raw if isinstance(raw, list) else [raw]
    return [i for i in items if isinstance(i, dict)]


def _plain(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC", s).casefold().split())

    return norm(a) == norm(b)


def stated_name(credential: Mapping[str, Any]) -> str | None:
    """The earner's name in plain text, if the credential states one."""
    subject = _subject(credential)
    for ident in _identifiers(subject):
        if ident.get("identityType") == "name" and ident.get("hashed") is False:
            name = _plain(ident.get("identityHash"))
            if name:
                return name
    return _plain(subject.get("name"))


def _hashed_names(credential: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [
        i
        for i in _identifiers(_subject(credential))
        if i.get("identityType") == "name" and i.get("hashed") is not False
    ]


def _hash_matches(ident: Mapping[str, Any], name: str) -> bool:
    stored = ident.get("identityHash")
    salt = ident.get("salt")
    if not isinstance(stored, str) or "$" not in stored:
        return False
    alg = stored.partition("$")[0].lower()
    try:
        expected = hash_identity(name, salt if isinstance(salt, str) else None, alg)
    except ValueError:
        return False
    return expected.lower() == stored.strip().lower()


def earner_name(credential: Mapping[str, Any], given: str | None) -> str:
    """The name to print: the one the badge states, else ``given``.

    :param given: the name the person printing typed (``--name``), or ``None``.
    :raises EarnerNameError: no name stated and none given; ``given`` contradicts the
        badge's name (or its hashed name); ``given`` is blank or too long.
    """
    name = _plain(given) if given is not None else None
    if given is not None and (name is None or len(name) > MAX_NAME_CHARS):
        msg = f"--name must be 1 to {MAX_NAME_CHARS} characters"
        raise EarnerNameError(msg)
    stated = stated_name(credential)
    if stated is not None:
        if name is not None and not _same(name, stated):
            msg = f"the badge names its earner {stated!r}; leave out --name or give that name"
            raise EarnerNameError(msg)
        return stated
    hashed = _hashed_names(credential)
    if name is None:
        what = "a hashed name" if hashed else "no name (only a hashed email or an id)"
        msg = f"the badge carries {what}: give the earner's name with --name"
        raise EarnerNameError(msg)
    if hashed and not any(_hash_matches(i, name) for i in hashed):
        msg = f"--name {name!r} does not match the earner's hashed name on the badge"
        raise EarnerNameError(msg)
    return name
