"""A batch's contacts file: where each issued badge is to be sent (not public API).

``contacts.jsonl`` sits beside the manifest, readable by its owner only (mode 0600), with one
JSON line per issued badge::

    {"row": "<digest>", "credential_id": "urn:uuid:...", "file": "ada-....png",
     "email": "ada@example.org", "name": "Ada Lovelace"}

``email`` is ``null`` for a recipient that is not an email address (a DID or a URL): there
is nowhere to send that badge.  The credential keeps only the salted hash of the address;
this file is what ``badgekit send`` reads.

Same durability as the manifest: a chunk's lines are appended and fsynced right *before* its
manifest lines, so every manifest line has its contact.  A kill between the two leaves
contacts of rows the manifest does not count; on resume :func:`prune_contacts` drops them (and
any line cut short) before the rows are issued again, so no row is listed twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .jsonl import PRIVATE_MODE, JsonlWriter, rewrite_lines
from .rows import recipient_key

if TYPE_CHECKING:
    from pathlib import Path

    from .results import BatchResult

__all__ = ["CONTACTS", "CONTACTS_MODE", "contact_entry", "contacts_writer", "prune_contacts"]

CONTACTS = "contacts.jsonl"
#: Owner read and write only: the file holds the earners' addresses.
CONTACTS_MODE = PRIVATE_MODE


def contact_entry(result: BatchResult) -> dict[str, Any]:
    """The contacts line (JSON object) of an issued badge."""
    recipient = result.recipient.strip()
    is_address = recipient_key(recipient).startswith("email:")
    return {
        "row": result.row,
        "credential_id": result.credential_id,
        "file": result.file,
        "email": recipient.removeprefix("mailto:") if is_address else None,
        "name": result.name,
    }


def contacts_writer(out_dir: Path) -> JsonlWriter:
    """The contacts appender (mode 0600)."""
    return JsonlWriter(out_dir / CONTACTS, contact_entry)


def prune_contacts(out_dir: Path, done: set[str]) -> int:
    """Keep only the first complete line of each row in ``done``; returns lines dropped.

    :raises FileAccessError: the file cannot be read or rewritten.
    """
    kept: set[str] = set()

    def keep(entry: Any) -> bool:
        row = entry.get("row") if isinstance(entry, dict) else None
        if isinstance(row, str) and row in done and row not in kept:
            kept.add(row)
            return True
        return False

    return rewrite_lines(out_dir / CONTACTS, keep)
