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

import json
import os
import tempfile
from typing import IO, TYPE_CHECKING, Any

from ..errors import FileAccessError
from .rows import recipient_key
from .worker import fsync_dir

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from .results import BatchResult

__all__ = ["CONTACTS", "CONTACTS_MODE", "ContactsWriter", "contact_entry", "prune_contacts"]

CONTACTS = "contacts.jsonl"
#: Owner read and write only: the file holds the earners' addresses.
CONTACTS_MODE = 0o600


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


def _dump(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


class ContactsWriter:
    """Appends contacts lines, fsynced once per chunk; the file is kept at mode 0600."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / CONTACTS
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, CONTACTS_MODE)
            os.fchmod(fd, CONTACTS_MODE)  # an existing file made wider by hand is narrowed
            self._fh: IO[str] = os.fdopen(fd, "a", encoding="utf-8")
        except OSError as e:
            msg = f"{self.path}: cannot write ({e.strerror or e})"
            raise FileAccessError(msg) from None

    def add(self, results: Iterable[BatchResult]) -> None:
        """Append the issued results' lines and make them durable."""
        lines = [_dump(contact_entry(r)) for r in results if r.outcome == "issued"]
        if lines:
            self._fh.write("".join(lines))
            self._fh.flush()
            os.fsync(self._fh.fileno())

    def close(self) -> None:
        """Close the file."""
        self._fh.close()


def prune_contacts(out_dir: Path, done: set[str]) -> int:
    """Keep only the first complete line of each row in ``done``; returns lines dropped.

    :raises FileAccessError: the file cannot be read or rewritten.
    """
    path = out_dir / CONTACTS
    if not path.exists():
        return 0
    kept: set[str] = set()
    dropped = 0
    try:
        # mkstemp files are created 0600, so the rewritten file is never wider than the old.
        with (
            path.open("rb") as src,
            tempfile.NamedTemporaryFile(
                "wb", dir=out_dir, prefix=f".{CONTACTS}.", suffix=".tmp", delete=False
            ) as dst,
        ):
            for raw in src:
                try:
                    entry: Any = json.loads(raw) if raw.endswith(b"\n") else None
                except ValueError:
                    entry = None
                row = entry.get("row") if isinstance(entry, dict) else None
                if isinstance(row, str) and row in done and row not in kept:
                    kept.add(row)
                    dst.write(raw)
                else:
                    dropped += raw.strip() != b""
            dst.flush()
            os.fsync(dst.fileno())
        if dropped:
            os.replace(dst.name, path)
            fsync_dir(out_dir)
        else:
            os.unlink(dst.name)
    except OSError as e:
        msg = f"{path}: cannot read or rewrite the contacts file ({e.strerror or e})"
        raise FileAccessError(msg) from None
    return dropped
