"""The revoking recipe: find the badges' list entries, flip the bits, re-sign the list (not
public API; re-exported by :mod:`badgekit`).

[BSL] §"Generate Algorithm": the issuer updates the bitstring and publishes a newly signed
status list credential at the same URL.  Badges are named by status list index, by the badge
files themselves (their ``credentialStatus`` says the index), or by credential id through a
batch manifest.  The list file is rewritten atomically, and only after every badge was
resolved, so a mistake in one argument changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import StatusListError
from .proofs.api import sign
from .proofs.registry import embedded_suite_for_key
from .proofs.vc_jwt import decode_unverified
from .status import (
    index_of_credential,
    indexes_from_manifest,
    load_list_credential,
    read_list_credential,
    revoke_in_file,
)
from .verify.source import load_source

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable
    from datetime import datetime

    from .keys.keypair import KeyPair

__all__ = ["RevokeResult", "revoke"]


@dataclass(frozen=True)
class RevokeResult:
    """What :func:`revoke` changed.

    :ivar list_url: the status list credential's id (where it is published).
    :ivar indexes: the indexes set (or cleared, with ``unrevoke``), sorted.
    :ivar total_set: how many entries of the list are set after the change.
    :ivar credential: the newly signed status list credential (also written to the file).
    """

    list_url: str
    indexes: tuple[int, ...]
    total_set: int
    credential: dict[str, Any]


def _credential_of(badge: str | os.PathLike[str] | bytes | dict[str, Any]) -> dict[str, Any]:
    """The credential carried by a badge file, bytes or dict (not verified: the issuer is
    revoking its own badge, and the index is checked against the list)."""
    source = load_source(badge)
    if source.payload is None:
        msg = f"{source.name}: {source.check.message}"
        raise StatusListError(msg)
    payload = source.payload
    if isinstance(payload, dict):
        return payload
    if source.kind == "jws":
        return decode_unverified(payload).credential
    if source.kind == "json":
        try:
            value = json.loads(payload)
        except ValueError:
            value = None
        if isinstance(value, dict):
            return value
    msg = f"{source.name}: holds no credential JSON (found {source.kind})"
    raise StatusListError(msg)


def revoke(
    status_list: str | os.PathLike[str],
    key: KeyPair,
    *,
    indexes: Iterable[int] = (),
    badges: Iterable[str | os.PathLike[str] | bytes | dict[str, Any]] = (),
    credential_ids: Iterable[str] = (),
    manifest: str | os.PathLike[str] | None = None,
    unrevoke: bool = False,
    now: datetime | None = None,
    suite: str | None = None,
) -> RevokeResult:
    """Revoke badges by updating and re-signing the status list credential file.

    >>> badgekit.revoke("out/status-list.json", key, badges=["out/ada.png"])  # doctest: +SKIP
    RevokeResult(list_url='https://example.org/status/1', indexes=(17,), ...)

    :param status_list: the BitstringStatusListCredential file to update (publish it again
        at its ``id`` afterwards).
    :param key: the list issuer's private key.
    :param indexes: status list indexes to revoke.
    :param badges: badge files (PNG, SVG, JSON, JWS), bytes or credential dicts to revoke;
        each must have an entry in this list.
    :param credential_ids: credential ids to revoke, looked up in ``manifest``.
    :param manifest: a batch manifest (JSON lines with ``credential_id`` and
        ``status_list_index``).
    :param unrevoke: clear the entries instead (undo a mistake; [BSL] calls revocation final).
    :param now: the new ``validFrom`` and proof time (default: now, UTC).
    :param suite: the proof suite for the re-signed list (default: eddsa-rdfc-2022, or
        ecdsa-rdfc-2019 for a P-256/P-384 key).
    :returns: what changed.
    :raises StatusListError: nothing to revoke, a badge not in this list, an index outside it,
        or a credential id missing from the manifest.
    :raises SigningError: the key cannot sign for the list's issuer.
    :raises FileAccessError: a file cannot be read, or the list cannot be written.
    """
    path = Path(status_list)
    current = load_list_credential(path)
    read_list_credential(current)  # a clear error before anything else if it is not a list
    list_url = current.get("id")
    if not isinstance(list_url, str) or not list_url:
        msg = f"{path}: the status list credential has no id (its published URL)"
        raise StatusListError(msg)
    chosen = set(indexes)
    for badge in badges:
        credential = _credential_of(badge)
        try:
            chosen.add(index_of_credential(credential, list_url))
        except StatusListError as e:
            name = badge if isinstance(badge, str | Path) else "<badge>"
            msg = f"{name}: {e}"
            raise StatusListError(msg) from None
    ids = list(credential_ids)
    if ids:
        if manifest is None:
            msg = "revoking by credential id needs the batch manifest (manifest=...)"
            raise StatusListError(msg)
        chosen.update(indexes_from_manifest(manifest, ids).values())
    if not chosen:
        msg = "nothing to revoke: give status list indexes, badge files or credential ids"
        raise StatusListError(msg)

    chosen_suite = suite or embedded_suite_for_key(key.kind)

    def signer(doc: dict[str, Any]) -> dict[str, Any]:
        signed = sign(doc, key, suite=chosen_suite, now=now)
        if not isinstance(signed, dict):
            msg = f"suite {chosen_suite} does not produce an embedded proof for a status list"
            raise StatusListError(msg)
        return signed

    updated = revoke_in_file(path, sorted(chosen), sign=signer, now=now, unrevoke=unrevoke)
    total = len(read_list_credential(updated).set_indexes())
    return RevokeResult(list_url, tuple(sorted(chosen)), total, updated)
