"""Reading a roster: CSV or JSON lines, streamed, with flexible column names (not public API).

The header is checked before any badge is issued: every column must map to a known field
(``recipient``, ``name``, ``evidence``, ...), to a design slot (``slot.<name>``), or be mapped
explicitly (``columns={"recipient": "Participant e-mail"}``).  A misspelt column is an error
naming it (with a suggestion), never silently ignored.  Rows are yielded one at a time with
their line number, so memory stays flat whatever the roster's size.
"""

from __future__ import annotations

import csv
import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, cast

from .._io import open_file
from ..errors import BatchError

if TYPE_CHECKING:
    import os
    from collections.abc import Collection, Iterator, Mapping

__all__ = [
    "FIELDS",
    "HeaderMap",
    "RawRow",
    "Roster",
    "count_rows",
    "guess_field",
    "open_roster",
    "read_header",
]

#: Field -> accepted column names (compared after :func:`normalize_header`).
FIELDS: dict[str, tuple[str, ...]] = {
    "recipient": (
        "recipient",
        "email",
        "e_mail",
        "email_address",
        "mail",
        "recipient_email",
        "student_email",
        "learner_email",
        "recipient_id",
        "did",
        "identity",
    ),
    "name": (
        "name",
        "full_name",
        "fullname",
        "recipient_name",
        "display_name",
        "student_name",
        "learner_name",
    ),
    "evidence": ("evidence", "evidence_url", "evidence_urls"),
    "narrative": ("narrative",),
    "valid_from": ("valid_from", "validfrom", "starts", "issued_on"),
    "valid_until": ("valid_until", "validuntil", "expires", "expiry", "expiration", "expires_on"),
    "awarded_date": ("awarded_date", "awarded", "awarded_on", "date_awarded"),
}
_SLOT_PREFIXES = ("slot.", "slot:", "design.")
_ALIASES = {alias: name for name, aliases in FIELDS.items() for alias in aliases}
_NOT_UTF8 = "not UTF-8 text (save the roster as CSV UTF-8)"
#: Largest roster line (CSV field) accepted, against a runaway quoted field.
MAX_FIELD_BYTES = 1024 * 1024


def normalize_header(text: str) -> str:
    """``" E-Mail Address "`` -> ``"e_mail_address"``."""
    return "_".join(text.strip().lower().replace("-", "_").split())


@dataclass(frozen=True)
class HeaderMap:
    """How the roster's columns map to fields and design slots.

    :ivar fields: column name -> field name (``recipient``...) or ``slot.<name>``, or ``""``
        for a column the caller said is not used.
    """

    fields: dict[str, str]

    @property
    def slots(self) -> tuple[str, ...]:
        """The design slots the roster personalises."""
        return tuple(v[5:] for v in self.fields.values() if v.startswith("slot."))

    @classmethod
    def build(
        cls,
        headers: list[str],
        columns: Mapping[str, str] | None = None,
        *,
        where: str = "roster",
        ignore: Collection[str] = (),
    ) -> HeaderMap:
        """Map ``headers``; ``columns`` maps a field (or ``slot.<name>``) to a header, and the
        headers in ``ignore`` are read but not used (a form's "not used" column).

        :raises BatchError: an empty, repeated or unknown column, two columns for one field, or
            no recipient column.
        """
        explicit = {header: name for name, header in (columns or {}).items()}
        for name in columns or {}:
            if name not in FIELDS and not name.startswith("slot."):
                msg = f"--column {name}=...: unknown field (fields: {', '.join(FIELDS)}, slot.NAME)"
                raise BatchError(msg)
        unused = set(ignore) - set(explicit)
        missing = sorted((set(explicit) | unused) - set(headers))
        if missing:
            msg = f"{where}: no column {missing[0]!r} (columns: {', '.join(headers)})"
            raise BatchError(msg)
        mapped: dict[str, str] = {}
        seen: dict[str, str] = {}
        for number, header in enumerate(headers, 1):
            if not header.strip():
                msg = f"{where}: column {number} has no header"
                raise BatchError(msg)
            if header in mapped:
                msg = f"{where}: column {header!r} appears twice in the header"
                raise BatchError(msg)
            if header in unused:
                mapped[header] = ""
                continue
            found = explicit.get(header) or _field_of(header)
            if found is None:
                raise BatchError(_unknown(header, where))
            name = found
            if name in seen:
                msg = (
                    f"{where}: columns {seen[name]!r} and {header!r} both give the {name}; "
                    f"keep one, or map one with --column {name}=HEADER"
                )
                raise BatchError(msg)
            seen[name] = header
            mapped[header] = name
        if "recipient" not in seen:
            msg = (
                f"{where}: no recipient column (columns: {', '.join(headers) or 'none'}); name "
                "one 'recipient' or 'email', or use --column recipient=HEADER"
            )
            raise BatchError(msg)
        return cls(mapped)

    def apply(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Field name -> value for one row (columns not in the map are left out)."""
        return {self.fields[k]: v for k, v in values.items() if self.fields.get(k)}


def _field_of(header: str) -> str | None:
    low = header.strip().lower()
    for prefix in _SLOT_PREFIXES:
        if low.startswith(prefix) and len(low) > len(prefix):
            return "slot." + header.strip()[len(prefix) :]
    return _ALIASES.get(normalize_header(header))


def guess_field(header: str) -> str | None:
    """The field (or ``slot.<name>``) a column header maps to without ``--column``, if any."""
    return _field_of(header)


def _unknown(header: str, where: str) -> str:
    if "@" in header or header.strip().lower().startswith(("did:", "http:", "https:")):
        return (
            f"{where}: the first line is a row ({header!r}), not a header; add a header line "
            "naming the columns, e.g. 'email,name'"
        )
    close = difflib.get_close_matches(normalize_header(header), list(_ALIASES), n=1, cutoff=0.7)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return (
        f"{where}: unknown column {header!r}{hint}; known: {', '.join(FIELDS)}, slot.NAME for "
        f"a design slot, or map it with --column FIELD=HEADER"
    )


@dataclass(frozen=True)
class RawRow:
    """One roster record: its first line number and its fields (or why it cannot be read)."""

    line: int
    values: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None


class Roster:
    """An open roster: :attr:`header` is checked on opening; iterate for :class:`RawRow`.

    Use as a context manager (it holds the file open while streaming).
    """

    def __init__(
        self, path: Path, kind: str, header: HeaderMap, handle: BinaryIO, delimiter: str = ","
    ) -> None:
        self.path = path
        self.kind = kind
        #: The CSV field separator, found from the header: ``,``, ``;`` or tab.
        self.delimiter = delimiter
        self.header = header
        self._handle = handle
        self._bad: set[int] = set()  # lines read so far that are not UTF-8 (a handful at most)

    def _lines(self) -> Iterator[str]:
        # Decoded line by line, so a line that is not UTF-8 is a bad row with its number, not
        # an error somewhere in an 8 KiB block.
        for number, raw in enumerate(self._handle, 1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("utf-8", "replace")
                self._bad.add(number)
            yield text.removeprefix("\ufeff") if number == 1 else text

    def _undecodable(self, first: int, last: int) -> bool:
        found = any(n in self._bad for n in range(first, last + 1))
        self._bad.difference_update(range(first, last + 1))
        return found

    def __enter__(self) -> Roster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the underlying file."""
        self._handle.close()

    def __iter__(self) -> Iterator[RawRow]:
        return self._csv() if self.kind == "csv" else self._jsonl()

    def _csv(self) -> Iterator[RawRow]:
        reader = csv.reader(self._lines(), delimiter=self.delimiter)
        try:
            next(reader, None)  # the header, already read
            columns = list(self.header.fields)
            last = reader.line_num
            for cells in reader:
                line = last + 1
                last = reader.line_num
                yield from self._record(line, last, cells, columns)
        except csv.Error as e:
            msg = f"{self.path}: line {reader.line_num}: cannot read the CSV ({e})"
            raise BatchError(msg) from None

    def _record(
        self, line: int, last: int, cells: list[str], columns: list[str]
    ) -> Iterator[RawRow]:
        if self._undecodable(line, last):
            yield RawRow(line, problem=_NOT_UTF8)
        elif any(c.strip() for c in cells):
            if len(cells) != len(columns):
                yield RawRow(line, problem=f"{len(cells)} cells, the header has {len(columns)}")
            else:
                yield RawRow(line, self.header.apply(dict(zip(columns, cells, strict=True))))

    def _jsonl(self) -> Iterator[RawRow]:
        for line, text in enumerate(self._lines(), 1):
            if self._undecodable(line, line):
                yield RawRow(line, problem=_NOT_UTF8)
                continue
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except ValueError:
                yield RawRow(line, problem="not a JSON object (invalid JSON)")
                continue
            if not isinstance(value, dict):
                yield RawRow(line, problem="not a JSON object")
                continue
            fields = self._json_fields(value)
            if isinstance(fields, str):
                yield RawRow(line, problem=fields)
                continue
            yield RawRow(line, fields)

    def _json_fields(self, value: dict[str, Any]) -> dict[str, Any] | str:
        """A record's fields; a key the first record lacks may still name a field (records
        leave out optional keys, or spell the recipient ``email`` or ``did``)."""
        if all(k in self.header.fields for k in value):
            return self.header.apply(value)
        out: dict[str, Any] = {}
        for k, v in value.items():
            if self.header.fields.get(k) == "":
                continue  # a key the caller said is not used
            name = self.header.fields.get(k) or _field_of(k)
            if name is None:
                return _unknown(k, "this line").split(";")[0]
            if name in out:
                return f"two keys give the {name}"
            out[name] = v
        return out


def _open_text(path: Path) -> IO[str]:
    # Only the header and counting read text this way; rows are decoded line by line.
    return open_file(path, "r", encoding="utf-8-sig", errors="replace", newline="")


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    msg = f"{path}: a roster must be .csv or .jsonl (got {suffix or 'no extension'})"
    raise BatchError(msg)


def _first_json(handle: IO[str], path: Path) -> list[str]:
    for line, text in enumerate(handle, 1):
        if text.strip():
            try:
                value = json.loads(text)
            except ValueError:
                msg = f"{path}:{line}: the first record is not valid JSON"
                raise BatchError(msg) from None
            if not isinstance(value, dict):
                msg = f"{path}:{line}: the first record is not a JSON object"
                raise BatchError(msg)
            return list(value)
    return []


def _delimiter(first_line: str) -> str:
    """``,``, or ``;``/tab when the header holds no comma but one of those (the CSV a
    spreadsheet writes in locales where the comma is the decimal mark)."""
    cells = next(csv.reader([first_line]), [])
    if len(cells) == 1:
        for candidate in (";", "\t"):
            if candidate in cells[0]:
                return candidate
    return ","


def _check_encoding(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            start = handle.read(4)
    except OSError:
        return  # reported when the file is opened for reading
    if start.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in start:
        msg = f"{path}: the roster is UTF-16 (or binary), not UTF-8 text; save it as CSV UTF-8"
        raise BatchError(msg)


def open_roster(
    path: str | os.PathLike[str],
    columns: Mapping[str, str] | None = None,
    *,
    ignore: Collection[str] = (),
) -> Roster:
    """Open a CSV or JSON-lines roster and check its header (the first record's keys for JSON
    lines) before anything is issued.

    :param columns: explicit mapping, field (or ``slot.<name>``) -> column name.
    :param ignore: column names to read but not use (they are never a field).
    :raises BatchError: the header is wrong (the message names the column), or the file is empty.
    :raises FileAccessError: the file cannot be read.
    """
    p = Path(path)
    kind = _kind(p)
    csv.field_size_limit(MAX_FIELD_BYTES)
    delimiter = ","
    with _open_text(p) as probe:
        _check_encoding(p)
        try:
            if kind == "csv":
                delimiter = _delimiter(probe.readline())
                probe.seek(0)
                headers = next(csv.reader(probe, delimiter=delimiter), None)
            else:
                headers = _first_json(probe, p)
        except (UnicodeDecodeError, csv.Error) as e:
            msg = f"{p}: cannot read the header ({e})"
            raise BatchError(msg) from None
    if not headers:
        msg = f"{p}: the roster is empty (no header)"
        raise BatchError(msg)
    header = HeaderMap.build([h.strip() for h in headers], columns, where=str(p), ignore=ignore)
    if kind == "csv":
        header = HeaderMap(dict(zip(headers, header.fields.values(), strict=True)))
    return Roster(p, kind, header, cast("BinaryIO", open_file(p)), delimiter)


def read_header(path: str | os.PathLike[str]) -> list[str]:
    """A roster's column names as written (CSV header, or the first JSON record's keys), for
    a form that maps them; nothing is checked (that is :func:`open_roster`'s job).

    :raises BatchError: the header cannot be read.
    :raises FileAccessError: the file cannot be read.
    """
    p = Path(path)
    kind = _kind(p)
    with _open_text(p) as probe:
        _check_encoding(p)
        try:
            if kind == "csv":
                delimiter = _delimiter(probe.readline())
                probe.seek(0)
                return [h.strip() for h in next(csv.reader(probe, delimiter=delimiter), [])]
            return _first_json(probe, p)
        except csv.Error as e:
            msg = f"{p}: cannot read the header ({e})"
            raise BatchError(msg) from None


def count_rows(path: str | os.PathLike[str]) -> int:
    """How many records a roster holds (a quick pass, for a progress bar's total)."""
    p = Path(path)
    with _open_text(p) as handle:
        if _kind(p) == "csv":
            delimiter = _delimiter(handle.readline())
            handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter)
            return max(0, sum(1 for cells in reader if any(c.strip() for c in cells)) - 1)
        return sum(1 for text in handle if text.strip())
