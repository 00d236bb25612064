"""Issuing side: status entries, the BitstringStatusListCredential, revoking (not public API).

[BSL] §"Generate Algorithm": an unsigned ``BitstringStatusListCredential`` (VCDM 2.0; the v2
context already defines every term, ``shared/data/README.md``) whose subject carries
``encodedList``; a proof is added and the document is published at ``statusListCredential``.
Revoking flips bits, drops the old proof, sets a new ``validFrom`` and signs again.  Signing is
injected (``lambda doc: badgekit.sign(doc, key)``), so this layer does not import ``proofs``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._io import read_bytes, write_atomic
from ..errors import StatusListError
from .bitstring import MIN_ENTRIES, ListFormat, StatusList
from .entries import LIST_TYPES

if TYPE_CHECKING:
    import os

__all__ = [
    "CREDENTIALS_V2",
    "Signer",
    "build_list_credential",
    "ensure_list_credential",
    "load_list_credential",
    "read_list_credential",
    "revoke",
    "revoke_in_file",
    "status_entry",
    "update_list_credential",
]

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"

#: Adds a proof to a credential and returns the signed document.
Signer = Callable[[dict[str, Any]], dict[str, Any]]


def _iso(when: datetime | None) -> str:
    moment = when if when is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def status_entry(list_url: str, index: int, *, purpose: str = "revocation") -> dict[str, Any]:
    """The ``credentialStatus`` entry for a credential at ``index`` of the list at ``list_url``.

    >>> status_entry("https://example.org/status/1", 7)["statusListIndex"]
    '7'

    :param list_url: where the status list credential is published (``statusListCredential``).
    :param index: the credential's position in the list.
    :param purpose: ``statusPurpose`` (``revocation`` by default).
    :raises ValueError: a negative index or an empty URL.
    """
    if index < 0 or not list_url:
        msg = f"a status entry needs a list URL and an index >= 0 (got {list_url!r}, {index})"
        raise ValueError(msg)
    return {
        # [BSL]: id "MUST NOT be the URL for the status list"; a fragment keeps it distinct.
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),  # [BSL]: an integer expressed as a base-10 string
        "statusListCredential": list_url,
    }


def build_list_credential(
    status_list: StatusList,
    *,
    list_url: str,
    issuer: str | dict[str, Any],
    purpose: str = "revocation",
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
) -> dict[str, Any]:
    """The unsigned ``BitstringStatusListCredential`` for ``status_list``.

    :param status_list: the bits to publish.
    :param list_url: the credential's ``id``, where it will be published.
    :param issuer: the issuer id (or a profile object with an ``id``).
    :param purpose: ``credentialSubject.statusPurpose``.
    :param valid_from: ``validFrom`` (default: now).
    :param valid_until: optional ``validUntil``.
    :returns: a JSON-ready dict without a proof.
    """
    doc: dict[str, Any] = {
        "@context": [CREDENTIALS_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": _iso(valid_from),
    }
    if valid_until is not None:
        doc["validUntil"] = _iso(valid_until)
    doc["credentialSubject"] = {
        "id": f"{list_url}#list",
        "type": "BitstringStatusList",
        "statusPurpose": purpose,
        "encodedList": status_list.encode(fmt="bitstring"),
    }
    return doc


def _format_of(doc: dict[str, Any]) -> tuple[ListFormat, str]:
    types = doc.get("type")
    names = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    for fmt, cred_type, subject_type in LIST_TYPES.values():
        if cred_type in names:
            return fmt, subject_type
    msg = "not a BitstringStatusListCredential or StatusList2021Credential"
    raise StatusListError(msg)


def read_list_credential(doc: Any) -> StatusList:
    """The bits of a status list credential (its proof is not checked here).

    :raises StatusListError: not a status list credential, or a malformed ``encodedList``.
    """
    if not isinstance(doc, dict):
        msg = "a status list credential must be a JSON object"
        raise StatusListError(msg)
    fmt, _ = _format_of(doc)
    subject = doc.get("credentialSubject")
    if not isinstance(subject, dict):
        msg = "the status list credential has no credentialSubject object"
        raise StatusListError(msg)
    return StatusList.decode(subject.get("encodedList"), fmt=fmt)


def update_list_credential(
    doc: dict[str, Any],
    *,
    set_indexes: Iterable[int] = (),
    clear_indexes: Iterable[int] = (),
    now: datetime | None = None,
) -> dict[str, Any]:
    """An unsigned copy of the list credential ``doc`` with some entries set or cleared.

    The old proof is dropped (it no longer matches) and ``validFrom`` becomes ``now``.  Note
    that [BSL] calls revocation "not reversible": clear a revocation bit only to undo a mistake.

    :raises StatusListError: ``doc`` is not a status list credential, or an index is outside it.
    """
    bits = read_list_credential(doc)
    for index in set_indexes:
        bits.set(index, 1)
    for index in clear_indexes:
        bits.set(index, 0)
    fmt, _ = _format_of(doc)
    out = {k: v for k, v in doc.items() if k != "proof"}
    out["credentialSubject"] = {**doc["credentialSubject"], "encodedList": bits.encode(fmt=fmt)}
    # VCDM 1.1 lists (StatusList2021) date themselves with issuanceDate instead of validFrom.
    date_key = "issuanceDate" if "issuanceDate" in doc and "validFrom" not in doc else "validFrom"
    out[date_key] = _iso(now)
    return out


def revoke(
    doc: dict[str, Any],
    indexes: Iterable[int],
    *,
    sign: Signer,
    now: datetime | None = None,
    unrevoke: bool = False,
) -> dict[str, Any]:
    """Set (or, with ``unrevoke``, clear) ``indexes`` in the list credential and re-sign it.

    >>> signed = revoke(list_vc, [42], sign=lambda d: badgekit.sign(d, key))  # doctest: +SKIP

    :returns: the signed, updated list credential.
    :raises StatusListError: not a status list credential, or an index outside it.
    """
    chosen = list(indexes)
    updated = update_list_credential(
        doc,
        set_indexes=() if unrevoke else chosen,
        clear_indexes=chosen if unrevoke else (),
        now=now,
    )
    return sign(updated)


def load_list_credential(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a status list credential file (a JSON object; its contents are not checked).

    :raises FileAccessError: the file cannot be read.
    :raises StatusListError: the file is not a JSON object.
    """
    return _load(Path(path))


def _load(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(read_bytes(path).decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        msg = f"{path}: not valid JSON"
        raise StatusListError(msg) from None
    if not isinstance(doc, dict):
        msg = f"{path}: not a status list credential"
        raise StatusListError(msg)
    return doc


def _dump(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def revoke_in_file(
    path: str | os.PathLike[str],
    indexes: Iterable[int],
    *,
    sign: Signer,
    now: datetime | None = None,
    unrevoke: bool = False,
) -> dict[str, Any]:
    """:func:`revoke` on the list credential stored at ``path``, written back atomically.

    :raises FileAccessError: the file cannot be read or written.
    :raises StatusListError: the file is not a status list credential, or an index is outside it.
    """
    p = Path(path)
    try:
        signed = revoke(_load(p), indexes, sign=sign, now=now, unrevoke=unrevoke)
    except StatusListError as e:
        msg = f"{p}: {e}"
        raise StatusListError(msg) from None
    write_atomic(p, _dump(signed))
    return signed


def ensure_list_credential(
    path: str | os.PathLike[str],
    *,
    list_url: str,
    issuer: str | dict[str, Any],
    sign: Signer,
    length: int = MIN_ENTRIES,
    purpose: str = "revocation",
    now: datetime | None = None,
) -> dict[str, Any]:
    """Write a fresh signed list credential at ``path`` unless one for ``list_url`` exists.

    A batch calls this when it finishes: an existing list (perhaps with revocations made since
    an earlier run) is kept as it is, never overwritten with an empty one.

    :returns: the list credential now at ``path``.
    :raises StatusListError: ``path`` holds a list for another URL or is malformed.
    :raises FileAccessError: the file cannot be read or written.
    """
    p = Path(path)
    if p.exists():
        doc = _load(p)
        read_list_credential(doc)
        if doc.get("id") != list_url:
            msg = f"{p}: holds the status list {doc.get('id')!r}, not {list_url!r}"
            raise StatusListError(msg)
        return doc
    unsigned = build_list_credential(
        StatusList(length), list_url=list_url, issuer=issuer, purpose=purpose, valid_from=now
    )
    signed = sign(unsigned)
    write_atomic(p, _dump(signed))
    return signed
