"""From roster records to work: checks, duplicates, resumed rows (not public API).

Duplicates are decided by the recipient's normalised identity (``email:`` lower-cased, or the
DID/URL): the first row wins and every later one is reported as a duplicate of its line, the
same way on every run.  The planner keeps one short digest per recipient seen, so its memory
grows by well under 100 bytes per row (the roster itself is streamed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .naming import row_digest
from .results import BatchResult
from .rows import RowSpec, check_row

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["Planner"]


class Planner:
    """Decides, row by row, what to do: issue (a :class:`RowSpec`) or report (a result).

    :param batch_id: the batch id (row digests are keyed with it).
    :param done: digests of rows an earlier run already issued (from the manifest).
    """

    def __init__(self, batch_id: str, done: set[str] | None = None) -> None:
        self.batch_id = batch_id
        # digests held as 64-bit ints: a fraction of the memory of the hex strings
        self.done = {int(d, 16) for d in done or ()}
        self._seen: dict[int, int] = {}

    def plan(
        self, line: int, values: Mapping[str, Any], problem: str | None = None
    ) -> RowSpec | BatchResult:
        """Check one row; see the class docstring."""
        recipient = values.get("recipient")
        shown = recipient.strip() if isinstance(recipient, str) else ""
        if problem is not None:
            return BatchResult(line, shown, "error", error=problem)
        spec = check_row(line, values)
        if isinstance(spec, str):
            return BatchResult(line, shown, "error", error=spec)
        digest = row_digest(self.batch_id, spec.key)
        number = int(digest, 16)
        first = self._seen.get(number)
        if first is not None:
            msg = f"duplicate recipient: already on line {first}; not issued twice"
            return BatchResult(line, spec.recipient, "duplicate", digest, spec.name, error=msg)
        self._seen[number] = line
        if number in self.done:
            return BatchResult(line, spec.recipient, "skipped", digest, spec.name)
        return spec
