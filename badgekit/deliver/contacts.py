"""Who gets which badge: a batch directory's manifest joined with its contacts file (not
public API).

The manifest (``manifest.jsonl``) says which badges were issued; the contacts file
(``contacts.jsonl``, mode 0600, written by the batch; see :mod:`badgekit.batch.contacts`)
says where each is to be sent.  ``batch.json`` may hold the issuer's ``base_url``, whose
verify page is the ``{verify_url}`` of the messages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._io import read_bytes
from ..batch.contacts import CONTACTS
from ..batch.manifest import MANIFEST, recorded_base_url
from ..errors import DeliveryError

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator

__all__ = ["BatchContacts", "Recipient", "load_contacts"]

_SHA256 = re.compile(r"[0-9a-f]{64}")
#: A badge file as the batch names it: in the batch folder itself, no path.
_FILE = re.compile(r"[^/\\\x00-\x1f]+")


@dataclass(frozen=True)
class Recipient:
    """One issued badge and where to send it.

    :ivar email: the earner's address; ``None`` when the badge was issued to a DID or URL,
        or when the contacts file has no line for it.
    :ivar no_contact: the contacts file has no line for this badge at all.
    """

    credential_id: str
    file: str
    sha256: str | None
    email: str | None
    name: str | None
    line: int | None = None
    no_contact: bool = False


@dataclass(frozen=True)
class BatchContacts:
    """What sending a batch needs: its directory, recipients and base URL."""

    batch_dir: Path
    recipients: tuple[Recipient, ...]
    base_url: str | None = None


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """``(line number, JSON object or None if the line is not one)``; blank lines skipped."""
    data = read_bytes(path)
    for number, raw in enumerate(data.splitlines(keepends=True), 1):
        if not raw.endswith(b"\n") or not raw.strip():
            continue  # cut short by a kill: the batch itself ignores it too
        try:
            value = json.loads(raw)
        except ValueError:
            value = None
        yield number, value if isinstance(value, dict) else None


def _text(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _badge_entry(entry: dict[str, Any] | None, where: str) -> tuple[dict[str, Any], str, str, str]:
    """``(entry, credential id, file, sha256)`` of a manifest line, which send trusts only as far as
    the batch wrote it: the file a plain name in the batch folder, its SHA-256 recorded.

    :raises DeliveryError: a line that is not an issued badge's (edited by hand, or damaged).
    """
    repair = "run the same badgekit batch command again to repair the manifest"
    if entry is None or entry.get("status") != "issued":
        msg = f"{where}: not the line of an issued badge; {repair}"
        raise DeliveryError(msg)
    cred, file, sha256 = (_text(entry.get(k)) for k in ("credential_id", "file", "sha256"))
    if cred is None or sha256 is None or not _SHA256.fullmatch(sha256):
        msg = f"{where}: no credential id or SHA-256; {repair}"
        raise DeliveryError(msg)
    if file is None or not _FILE.fullmatch(file) or file.startswith("."):
        msg = f"{where}: {entry.get('file')!r} is not a badge file of this batch folder; {repair}"
        raise DeliveryError(msg)
    return entry, cred, file, sha256


def load_contacts(batch_dir: str | os.PathLike[str]) -> BatchContacts:
    """Read a batch directory's issued badges and their addresses.

    :raises DeliveryError: not a batch directory, or no contacts file.
    :raises FileAccessError: a file cannot be read.
    """
    out = Path(batch_dir)
    if not (out / MANIFEST).is_file():
        msg = f"{out}: no {MANIFEST} here; give the --out-dir of a badgekit batch"
        raise DeliveryError(msg)
    if not (out / CONTACTS).is_file():
        msg = (
            f"{out}: no {CONTACTS}, so no addresses to send to (the batch was issued by an "
            "older badgekit); issue it again into a new --out-dir"
        )
        raise DeliveryError(msg)
    contacts: dict[str, dict[str, Any]] = {}
    for _, found in _lines(out / CONTACTS):
        cred = _text(found.get("credential_id")) if found else None
        if found and cred is not None and cred not in contacts:
            contacts[cred] = found
    recipients: list[Recipient] = []
    seen: set[str] = set()
    for number, found in _lines(out / MANIFEST):
        entry, cred, file, sha256 = _badge_entry(found, f"{out / MANIFEST}, line {number}")
        if cred in seen:
            continue
        seen.add(cred)
        contact = contacts.get(cred)
        line = entry.get("line")
        recipients.append(
            Recipient(
                credential_id=cred,
                file=file,
                sha256=sha256,
                email=_text(contact.get("email")) if contact else None,
                name=_text(contact.get("name")) if contact else _text(entry.get("name")),
                line=line if isinstance(line, int) else None,
                no_contact=contact is None,
            )
        )
    return BatchContacts(out, tuple(recipients), recorded_base_url(out))
