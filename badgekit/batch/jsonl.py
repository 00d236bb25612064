"""The batch's JSON-lines records: an appender fsynced per chunk and a filtering rewrite (not
public API).

Batch records (``manifest.jsonl``, ``contacts.jsonl``) name people, so they are created, and
kept, at mode 0600; a rewrite goes through a ``mkstemp`` file, which is 0600 too.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import IO, TYPE_CHECKING, Any

from ..errors import FileAccessError
from .worker import fsync_dir

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from .results import BatchResult

__all__ = ["PRIVATE_MODE", "JsonlWriter", "dump_line", "rewrite_lines"]

#: Mode of every batch record that names people.
PRIVATE_MODE = 0o600


def dump_line(value: dict[str, Any]) -> str:
    """One compact JSON line (UTF-8 kept), with its newline."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


class JsonlWriter:
    """Appends one line per issued result (``entry`` makes it); :meth:`add` fsyncs a chunk."""

    def __init__(self, path: Path, entry: Callable[[BatchResult], dict[str, Any]]) -> None:
        self.path = path
        self._entry = entry
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_MODE)
            os.fchmod(fd, PRIVATE_MODE)  # an existing file made wider by hand is narrowed
            self._fh: IO[str] = os.fdopen(fd, "a", encoding="utf-8")
        except OSError as e:
            msg = f"{path}: cannot write ({e.strerror or e})"
            raise FileAccessError(msg) from None

    def add(self, results: Iterable[BatchResult]) -> None:
        """Append the issued results' lines and make them durable."""
        lines = [dump_line(self._entry(r)) for r in results if r.outcome == "issued"]
        if lines:
            self._fh.write("".join(lines))
            self._fh.flush()
            os.fsync(self._fh.fileno())

    def close(self) -> None:
        """Close the file."""
        self._fh.close()


def rewrite_lines(path: Path, keep: Callable[[Any], bool]) -> int:
    """Keep the complete lines whose parsed entry ``keep`` accepts (in order); the file is
    replaced only when a line was dropped.  Returns how many non-empty lines were dropped.

    :raises FileAccessError: the file cannot be read or rewritten.
    """
    if not path.exists():
        return 0
    dropped = 0
    try:
        with (
            path.open("rb") as src,
            tempfile.NamedTemporaryFile(
                "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
            ) as dst,
        ):
            for raw in src:
                try:
                    entry: Any = json.loads(raw) if raw.endswith(b"\n") else None
                except ValueError:
                    entry = None
                if keep(entry):
                    dst.write(raw)
                else:
                    dropped += raw.strip() != b""
            dst.flush()
            os.fsync(dst.fileno())
        if dropped:
            os.replace(dst.name, path)
            fsync_dir(path.parent)
        else:
            os.unlink(dst.name)
    except OSError as e:
        msg = f"{path}: cannot read or rewrite it ({e.strerror or e})"
        raise FileAccessError(msg) from None
    return dropped
