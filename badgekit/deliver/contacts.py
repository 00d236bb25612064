"""Who gets which badge: a batch directory's manifest joined with its contacts file (not
public API).

The manifest (``manifest.jsonl``) says which badges were issued; the contacts file
(``contacts.jsonl``, mode 0600, written by the batch; see :mod:`badgekit.batch.contacts`)
says where each is to be sent.  ``batch.json`` may hold the issuer's ``base_url``, whose
verify page is the ``{verify_url}`` of the messages.
"""

from __future__ import annotations

import json
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


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    data = read_bytes(path)
    for raw in data.splitlines(keepends=True):
        if not raw.endswith(b"\n"):
            continue  # cut short by a kill: the batch itself ignores it too
        try:
            value = json.loads(raw)
        except ValueError:
            continue
        if isinstance(value, dict):
            yield value


def _text(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


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
    for entry in _lines(out / CONTACTS):
        cred = _text(entry.get("credential_id"))
        if cred is not None and cred not in contacts:
            contacts[cred] = entry
    recipients: list[Recipient] = []
    seen: set[str] = set()
    for entry in _lines(out / MANIFEST):
        cred, file = _text(entry.get("credential_id")), _text(entry.get("file"))
        if entry.get("status") != "issued" or cred is None or file is None or cred in seen:
            continue
        seen.add(cred)
        contact = contacts.get(cred)
        line = entry.get("line")
        recipients.append(
            Recipient(
                credential_id=cred,
                file=file,
                sha256=_text(entry.get("sha256")),
                email=_text(contact.get("email")) if contact else None,
                name=_text(contact.get("name")) if contact else _text(entry.get("name")),
                line=line if isinstance(line, int) else None,
                no_contact=contact is None,
            )
        )
    return BatchContacts(out, tuple(recipients), recorded_base_url(out))
