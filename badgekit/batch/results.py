"""What a batch reports: one :class:`BatchResult` per row and a :class:`BatchSummary` (not
public API; re-exported by :mod:`badgekit.batch` and :mod:`badgekit`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["BatchResult", "BatchSummary", "Outcome"]

#: ``issued`` (a file was written), ``error`` (a bad row), ``duplicate`` (a repeated recipient),
#: ``skipped`` (already issued by an earlier run of the same batch).
Outcome = Literal["issued", "error", "duplicate", "skipped"]


@dataclass(frozen=True)
class BatchResult:
    """The outcome of one roster row.

    :ivar line: the row's line number in the roster (1-based position for an iterable).
    :ivar recipient: the recipient as given (may be empty for an unreadable row).
    :ivar outcome: see :data:`Outcome`.
    :ivar file: the badge file name, relative to the output directory.
    :ivar sha256: hex SHA-256 of the file's bytes.
    :ivar size: the file's size in bytes.
    :ivar status_list_index: the credential's index in the status list, if any.
    :ivar error: the one-line problem, for ``error`` and ``duplicate``.
    :ivar row: the row's digest within the batch (its identity in the manifest).
    """

    line: int
    recipient: str
    outcome: Outcome
    row: str = ""
    name: str | None = None
    credential_id: str | None = None
    file: str | None = None
    sha256: str | None = None
    size: int = 0
    status_list_index: int | None = None
    status_list: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the row has its badge (issued now or by an earlier run)."""
        return self.outcome in ("issued", "skipped")

    def manifest_entry(self) -> dict[str, Any]:
        """The manifest line (JSON object) of an issued badge."""
        return {
            "line": self.line,
            "row": self.row,
            "recipient": self.recipient,
            "name": self.name,
            "credential_id": self.credential_id,
            "file": self.file,
            "sha256": self.sha256,
            "bytes": self.size,
            "status": "issued",
            "status_list_index": self.status_list_index,
            "status_list": self.status_list,
        }

    def error_entry(self) -> dict[str, Any]:
        """The errors-file line (JSON object) of a bad or duplicate row."""
        return {
            "line": self.line,
            "recipient": self.recipient,
            "kind": self.outcome,
            "error": self.error,
        }


@dataclass(frozen=True)
class BatchSummary:
    """The totals of one run of :func:`~badgekit.batch.run_batch`.

    :ivar rows: roster records read.
    :ivar issued: badges issued by this run.
    :ivar skipped: rows already issued by an earlier run (resumed).
    :ivar errors: bad rows (see the errors file).
    :ivar duplicates: repeated recipients (the first row wins; see the errors file).
    :ivar seconds: wall time of the run.
    :ivar status_list_file: the signed status list credential to publish, if any.
    """

    rows: int
    issued: int
    skipped: int
    errors: int
    duplicates: int
    seconds: float
    out_dir: str
    manifest: str
    errors_file: str
    status_list_file: str | None = None
    status_list_url: str | None = None

    @property
    def rate(self) -> float:
        """Badges issued per second by this run."""
        return self.issued / self.seconds if self.seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        """Whether every row has its badge (no bad or duplicate rows)."""
        return self.errors == 0 and self.duplicates == 0

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (``summary.json``)."""
        return {**asdict(self), "rate": round(self.rate, 1)}
