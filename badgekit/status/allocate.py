"""Status list index allocation with persisted state, and index lookups (not public API).

Indexes are handed out sequentially from a small JSON state file that is written (atomically,
fsynced) *before* the indexes are returned, so a batch that is killed and run again never
hands an index out twice; at worst a few indexes of a killed run stay unused.  Allocating in
blocks (``allocate(1000)``) keeps that to one write per block.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._io import read_bytes, write_atomic
from ..errors import StatusListError
from .bitstring import MAX_BITSTRING_BYTES, MIN_ENTRIES
from .entries import ListEntry, parse_entries, parse_entry
from .publish import status_entry

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

__all__ = ["IndexAllocator", "index_of_credential", "indexes_from_manifest"]

_STATE_VERSION = 1
_ID_KEYS = ("credential_id", "credentialId", "id")
_INDEX_KEYS = ("status_list_index", "statusListIndex", "status_index")


class IndexAllocator:
    """Hands out status list indexes for one list, persisting the next free index.

    >>> alloc = IndexAllocator("out/status-state.json", list_url="https://ex.org/status/1")
    ...                                                          # doctest: +SKIP
    >>> alloc.entry(alloc.allocate(1)[0])["statusListIndex"]     # doctest: +SKIP
    '0'

    :param path: the state file (created on first use).
    :param list_url: the ``statusListCredential`` URL; an existing state for another URL is
        refused.
    :param length: entries in the list (at least :data:`MIN_ENTRIES`).
    :param purpose: the ``statusPurpose`` of the entries.
    :raises StatusListError: the state file is malformed or belongs to another list.
    :raises FileAccessError: the state file cannot be read.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        list_url: str,
        length: int = MIN_ENTRIES,
        purpose: str = "revocation",
    ) -> None:
        if not MIN_ENTRIES <= length <= MAX_BITSTRING_BYTES * 8:
            msg = f"a status list needs {MIN_ENTRIES:,} to {MAX_BITSTRING_BYTES * 8:,} entries"
            raise StatusListError(msg)
        self.path = Path(path)
        self.list_url = list_url
        self.length = length
        self.purpose = purpose
        self._lock = threading.Lock()
        self._next = 0
        if self.path.exists():
            self._load()

    def _load(self) -> None:
        try:
            state = json.loads(read_bytes(self.path).decode("utf-8"))
            url, purpose = state["statusListCredential"], state["statusPurpose"]
            length, nxt = int(state["length"]), int(state["nextIndex"])
        except (UnicodeDecodeError, ValueError, KeyError, TypeError):
            msg = f"{self.path}: not a badgekit status list state file"
            raise StatusListError(msg) from None
        if url != self.list_url or purpose != self.purpose:
            msg = f"{self.path}: is the state of the {purpose} list {url}, not {self.list_url}"
            raise StatusListError(msg)
        if not 0 <= nxt <= length:
            msg = f"{self.path}: next index {nxt} is outside the list"
            raise StatusListError(msg)
        self.length, self._next = length, nxt

    def _save(self, nxt: int) -> None:
        state = {
            "version": _STATE_VERSION,
            "statusListCredential": self.list_url,
            "statusPurpose": self.purpose,
            "length": self.length,
            "nextIndex": nxt,
        }
        write_atomic(self.path, (json.dumps(state, indent=2) + "\n").encode("utf-8"))

    @property
    def next_index(self) -> int:
        """The next index that will be handed out."""
        return self._next

    @property
    def remaining(self) -> int:
        """How many indexes are still free."""
        return self.length - self._next

    def allocate(self, count: int = 1) -> range:
        """Reserve ``count`` consecutive indexes; the state is saved before they are returned.

        Thread-safe within one process; use one allocator per list and process.

        :raises StatusListError: the list has fewer than ``count`` free entries.
        :raises FileAccessError: the state cannot be written.
        """
        if count < 0:
            msg = f"cannot allocate {count} indexes"
            raise ValueError(msg)
        with self._lock:
            start = self._next
            if start + count > self.length:
                msg = (
                    f"the status list {self.list_url} is full: {self.length - start:,} free "
                    f"entries, {count:,} asked for; start a new list"
                )
                raise StatusListError(msg)
            self._save(start + count)
            self._next = start + count
        return range(start, start + count)

    def entry(self, index: int) -> dict[str, Any]:
        """The ``credentialStatus`` entry for ``index`` in this list."""
        return status_entry(self.list_url, index, purpose=self.purpose)


def index_of_credential(credential: dict[str, Any], list_url: str | None = None) -> int:
    """The ``statusListIndex`` of a credential's list entry (for ``revoke`` by badge).

    :param list_url: only accept an entry pointing at this list.
    :raises StatusListError: the credential has no (matching) list entry.
    """
    for raw in parse_entries(credential):
        entry = parse_entry(raw)
        if isinstance(entry, ListEntry) and list_url in (None, entry.list_url):
            return entry.index
    where = f" in {list_url}" if list_url else ""
    msg = f"credential {credential.get('id', '(no id)')} has no status list entry{where}"
    raise StatusListError(msg)


def _first(row: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((row[k] for k in keys if k in row), None)


def indexes_from_manifest(
    path: str | os.PathLike[str], credential_ids: Iterable[str]
) -> dict[str, int]:
    """Map credential ids to status list indexes using a batch manifest (JSON lines).

    Each row needs a credential id (``credential_id``, ``credentialId`` or ``id``) and an index
    (``status_list_index``, ``statusListIndex`` or ``status_index``).

    :raises StatusListError: an id is not in the manifest, or a row is malformed.
    :raises FileAccessError: the manifest cannot be read.
    """
    wanted = set(credential_ids)
    found: dict[str, int] = {}
    p = Path(path)
    text = read_bytes(p).decode("utf-8", errors="replace")
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            msg = f"{p}:{line_no}: not a JSON line"
            raise StatusListError(msg) from None
        if not isinstance(row, dict):
            continue
        cred_id, index = _first(row, _ID_KEYS), _first(row, _INDEX_KEYS)
        if cred_id in wanted and index is not None:
            if isinstance(index, str) and index.isdigit():
                index = int(index)
            if not isinstance(index, int) or isinstance(index, bool) or index < 0:
                msg = f"{p}:{line_no}: status list index {index!r} is not an integer"
                raise StatusListError(msg)
            found[cred_id] = index
    missing = sorted(wanted - found.keys())
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        msg = f"{p}: no status list index for credential {missing[0]}{more}"
        raise StatusListError(msg)
    return found
