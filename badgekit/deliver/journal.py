"""``sent.jsonl``: the send journal of a batch, which makes sending resumable (not public API).

One JSON line per step, appended and fsynced before the next step begins::

    {"credential_id": "urn:uuid:...", "message_id": "<...@example.org>", "to": "ada@...",
     "status": "sending", "time": "2026-05-01T09:30:00Z", "attempt": 1, "reply": null}

``status`` is ``sending`` (written before the message goes to the server), ``retrying`` (the
server answered 4xx or the connection dropped; ``reply`` has its words), and one final line:
``accepted`` (the server took the message: ``reply`` is its ``250`` answer), ``failed`` (a 5xx
answer) or ``deferred`` (still 4xx after the last retry).

The last line of a credential decides: a rerun skips ``accepted`` ones and sends the others
again **with the same Message-ID**.  SMTP cannot say whether a message whose ``250`` was lost
(a kill or a dropped connection after the data went out) was delivered; the same Message-ID
lets mail systems and clients recognise a second copy.  The journal is locked while a send
runs (one sender per batch) and, holding addresses, is readable by its owner only.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from typing import IO, TYPE_CHECKING, Any, Literal

from ..errors import DeliveryError, FileAccessError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

__all__ = ["JOURNAL", "Journal", "JournalEntry", "Status", "read_journal"]

JOURNAL = "sent.jsonl"
Status = Literal["sending", "retrying", "accepted", "failed", "deferred"]
_STATUSES = ("sending", "retrying", "accepted", "failed", "deferred")
#: A Message-ID as :func:`~badgekit.deliver.message.new_message_id` makes them (RFC 5322
#: §3.6.4): a journal edited by hand must not put a line break into the header.
_MESSAGE_ID = re.compile(r"<[^<>@\s\x00-\x1f\x7f]+@[^<>@\s\x00-\x1f\x7f]+>")


@dataclass(frozen=True)
class JournalEntry:
    """One journal line."""

    credential_id: str
    message_id: str
    to: str
    status: Status
    time: str
    attempt: int = 1
    reply: str | None = None


def _entry(raw: bytes) -> JournalEntry | None:
    try:
        value: Any = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(value, dict) or value.get("status") not in _STATUSES:
        return None
    try:
        entry = JournalEntry(**value)
    except TypeError:
        return None
    if not isinstance(entry.credential_id, str) or not isinstance(entry.message_id, str):
        return None
    if not _MESSAGE_ID.fullmatch(entry.message_id):
        return None
    return entry


def _last(lines: Iterable[bytes]) -> dict[str, JournalEntry]:
    last: dict[str, JournalEntry] = {}
    for raw in lines:
        entry = _entry(raw) if raw.endswith(b"\n") else None
        if entry is not None:
            last[entry.credential_id] = entry
    return last


def read_journal(path: Path) -> dict[str, JournalEntry]:
    """The last complete entry of each credential (an unreadable or cut-off line is ignored).

    :raises FileAccessError: the journal exists but cannot be read.
    """
    try:
        with path.open("rb") as fh:
            return _last(fh)
    except FileNotFoundError:
        return {}
    except OSError as e:
        msg = f"{path}: cannot read the send journal ({e.strerror or e})"
        raise FileAccessError(msg) from None


class Journal:
    """The open journal of one send run: locked, appended, each line fsynced.

    :raises DeliveryError: another ``badgekit send`` is running on this batch.
    :raises FileAccessError: the journal cannot be opened for writing.
    """

    def __init__(self, batch_dir: Path) -> None:
        self.path = batch_dir / JOURNAL
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as e:
            msg = f"{self.path}: cannot write the send journal ({e.strerror or e})"
            raise FileAccessError(msg) from None
        self._fh: IO[bytes] = os.fdopen(fd, "r+b")
        try:
            self._lock()
            self.last = self._load()
        except BaseException:
            self._fh.close()
            raise

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            return
        try:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            msg = f"{self.path.parent}: another badgekit send is running on this batch"
            raise DeliveryError(msg) from None

    def _load(self) -> dict[str, JournalEntry]:
        # A kill in the middle of a write leaves a line without its newline: cut it off, so
        # the next line does not run into it.
        data = self._fh.read()
        end = data.rfind(b"\n") + 1
        if end != len(data):
            self._fh.truncate(end)
            os.fsync(self._fh.fileno())
        return _last(data[:end].splitlines(keepends=True))

    def record(self, entry: JournalEntry) -> None:
        """Append one line and make it durable before returning."""
        line = json.dumps(asdict(entry), ensure_ascii=False, separators=(",", ":")) + "\n"
        self._fh.seek(0, os.SEEK_END)
        self._fh.write(line.encode("utf-8"))
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self.last[entry.credential_id] = entry

    def accepted(self, credential_id: str) -> bool:
        """Whether the server has accepted this credential's message (in any run)."""
        entry = self.last.get(credential_id)
        return entry is not None and entry.status == "accepted"

    def message_id(self, credential_id: str) -> str | None:
        """The Message-ID already given to this credential's message, if any."""
        entry = self.last.get(credential_id)
        return entry.message_id if entry is not None else None

    def close(self) -> None:
        """Close (and unlock) the journal."""
        self._fh.close()
