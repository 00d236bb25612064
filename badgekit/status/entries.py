"""Parsing ``credentialStatus`` entries (not public API).

ob3-spec.md §2.1 (``credentialStatus`` is ``{id, type}`` plus members) and §4 step 4: the types
read here are ``1EdTechRevocationList`` (1EdTech VCRL 1.0), ``BitstringStatusListEntry``
([BSL] §"BitstringStatusListEntry") and ``StatusList2021Entry`` (its predecessor).  VCDM 2.0
allows an array of entries; OB 3.0 allows at most one, but arrays are read all the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import StatusListError

if TYPE_CHECKING:
    from .bitstring import ListFormat

__all__ = [
    "MAX_STATUS_SIZE",
    "ListEntry",
    "RevocationListEntry",
    "UnsupportedEntry",
    "parse_entries",
    "parse_entry",
]

#: Largest ``statusSize`` accepted (bits per entry).
MAX_STATUS_SIZE = 32

_INDEX = re.compile(r"[0-9]{1,40}")
_HEX = re.compile(r"0x[0-9a-fA-F]{1,16}")

#: Entry type -> (list format, status list credential type, credential subject type).
LIST_TYPES: dict[str, tuple[ListFormat, str, str]] = {
    "BitstringStatusListEntry": (
        "bitstring",
        "BitstringStatusListCredential",
        "BitstringStatusList",
    ),
    "StatusList2021Entry": ("2021", "StatusList2021Credential", "StatusList2021"),
}
REVOCATION_LIST_TYPE = "1EdTechRevocationList"


@dataclass(frozen=True)
class RevocationListEntry:
    """A ``1EdTechRevocationList`` entry: the list is published at ``url``."""

    url: str


@dataclass(frozen=True)
class ListEntry:
    """A ``BitstringStatusListEntry`` or ``StatusList2021Entry``.

    :ivar entry_type: the entry's type name.
    :ivar purpose: ``statusPurpose``.
    :ivar index: ``statusListIndex`` as an integer.
    :ivar list_url: ``statusListCredential``.
    :ivar status_size: ``statusSize`` (1 when absent).
    :ivar messages: ``statusMessage`` as value -> message, when given.
    """

    entry_type: str
    purpose: str
    index: int
    list_url: str
    status_size: int = 1
    messages: tuple[tuple[int, str], ...] = ()

    @property
    def fmt(self) -> ListFormat:
        """How the list's ``encodedList`` is encoded."""
        return LIST_TYPES[self.entry_type][0]

    @property
    def credential_type(self) -> str:
        """The ``type`` the status list credential must have."""
        return LIST_TYPES[self.entry_type][1]

    @property
    def subject_type(self) -> str:
        """The ``type`` the status list (the credential subject) must have."""
        return LIST_TYPES[self.entry_type][2]

    def message_for(self, value: int) -> str | None:
        """The ``statusMessage`` message for ``value``, if the entry gives one."""
        return dict(self.messages).get(value)


@dataclass(frozen=True)
class UnsupportedEntry:
    """An entry of a type badgekit does not check."""

    types: tuple[str, ...]


Entry = RevocationListEntry | ListEntry | UnsupportedEntry


def _types(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(t, str) for t in value):
        return tuple(value)
    msg = "credentialStatus.type is missing or not a string"
    raise StatusListError(msg)


def _url(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or ":" not in value:
        msg = f"credentialStatus.{key} is missing or not a URL ({value!r})"
        raise StatusListError(msg)
    return value


def _index(value: Any) -> int:
    # [BSL]: "an arbitrary size integer greater than or equal to 0, expressed as a string in
    # base 10".  A JSON integer is accepted too, as some issuers write one.
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and _INDEX.fullmatch(value):
        return int(value)
    msg = f"credentialStatus.statusListIndex must be a non-negative integer string, not {value!r}"
    raise StatusListError(msg)


def _size(value: Any) -> int:
    if value is None:
        return 1
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_STATUS_SIZE:
        return value
    msg = (
        f"credentialStatus.statusSize must be an integer from 1 to {MAX_STATUS_SIZE}, not {value!r}"
    )
    raise StatusListError(msg)


def _messages(value: Any, size: int) -> tuple[tuple[int, str], ...]:
    if value is None:
        if size > 1:
            msg = "credentialStatus.statusMessage is required when statusSize is over 1"
            raise StatusListError(msg)
        return ()
    if not isinstance(value, list):
        msg = "credentialStatus.statusMessage must be an array"
        raise StatusListError(msg)
    out: list[tuple[int, str]] = []
    for item in value:
        status = item.get("status") if isinstance(item, dict) else None
        message = item.get("message") if isinstance(item, dict) else None
        if not (isinstance(status, str) and _HEX.fullmatch(status) and isinstance(message, str)):
            msg = f"credentialStatus.statusMessage entry {item!r} needs a 0x status and a message"
            raise StatusListError(msg)
        out.append((int(status, 16), message))
    return tuple(out)


def parse_entry(entry: Any) -> Entry:
    """Parse one ``credentialStatus`` object.

    :raises StatusListError: a required member is missing or malformed.
    """
    if not isinstance(entry, dict):
        msg = f"credentialStatus must be an object, not {type(entry).__name__}"
        raise StatusListError(msg)
    types = _types(entry.get("type"))
    if REVOCATION_LIST_TYPE in types:
        return RevocationListEntry(_url(entry, "id"))
    known = [t for t in types if t in LIST_TYPES]
    if not known:
        return UnsupportedEntry(types)
    purpose = entry.get("statusPurpose")
    if not isinstance(purpose, str) or not purpose:
        msg = "credentialStatus.statusPurpose is missing or not a string"
        raise StatusListError(msg)
    size = _size(entry.get("statusSize")) if known[0] == "BitstringStatusListEntry" else 1
    return ListEntry(
        entry_type=known[0],
        purpose=purpose,
        index=_index(entry.get("statusListIndex")),
        list_url=_url(entry, "statusListCredential"),
        status_size=size,
        messages=_messages(entry.get("statusMessage"), size),
    )


def parse_entries(credential: dict[str, Any]) -> list[Any]:
    """The raw ``credentialStatus`` entries of ``credential`` as a list (empty when absent)."""
    value = credential.get("credentialStatus")
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
