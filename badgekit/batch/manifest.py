"""A batch's records on disk: manifest, errors file, batch state, resume (not public API).

* ``manifest.jsonl``: one JSON line per issued badge (recipient, credential id, file, SHA-256,
  size, status, status list index), appended and fsynced once per chunk, after the chunk's
  files and directory entries are durable.
* ``errors.jsonl``: the bad and duplicate rows of the latest run, with line numbers.
* ``batch.json``: the batch id (which names files and credential ids) and what the batch
  issues; a run with other settings in the same directory is refused.  A batch for an
  issuer's site also records its ``"base_url"`` at the top (read by ``publish`` and ``send``).

Resuming (:func:`load_done`): a manifest line counts only if it is complete and its file is on
disk with the recorded size; anything else (a line cut short by a kill, a missing file) is
dropped and its row issued again, under the same file name.  Stray temporary files of
:func:`~badgekit._io.write_atomic` are removed first.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
import uuid
from typing import TYPE_CHECKING, Any

from .._io import read_bytes, write_atomic
from ..errors import BatchError
from .jsonl import JsonlWriter, dump_line, rewrite_lines
from .naming import DIGEST_CHARS

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from .results import BatchResult

__all__ = [
    "ERRORS",
    "LOCK",
    "MANIFEST",
    "STATE",
    "STATUS_LIST",
    "STATUS_STATE",
    "SUMMARY",
    "ErrorLog",
    "batch_state",
    "load_done",
    "lock_dir",
    "manifest_writer",
    "recorded_base_url",
    "remove_temp_files",
]

MANIFEST = "manifest.jsonl"
ERRORS = "errors.jsonl"
SUMMARY = "summary.json"
STATE = "batch.json"
STATUS_STATE = "status-state.json"
STATUS_LIST = "status-list.json"
LOCK = ".batch.lock"
#: How long a run waits for another run (or a killed run's last workers) to leave the directory.
LOCK_WAIT_SECONDS = 30.0
_REQUIRED = ("row", "file", "sha256", "bytes", "credential_id")
# write_atomic's temporary names: ".<target name>.<random>.tmp"
_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]+\.tmp$")


def batch_state(out_dir: Path, settings: dict[str, Any]) -> str:
    """The batch id of ``out_dir``: read from ``batch.json``, or created with ``settings``.

    :raises BatchError: the directory holds a batch made with other settings.
    """
    path = out_dir / STATE
    if path.exists():
        try:
            state = json.loads(read_bytes(path).decode("utf-8"))
            batch_id, recorded = str(state["batch_id"]), state["settings"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            msg = f"{path}: not a badgekit batch state file"
            raise BatchError(msg) from None
        for key, value in settings.items():
            if recorded.get(key) != value:
                msg = (
                    f"{out_dir} holds a batch issued with another {key} ({recorded.get(key)!r}, "
                    f"now {value!r}); resume with the same arguments or use a new --out-dir"
                )
                raise BatchError(msg)
        return batch_id
    batch_id = str(uuid.uuid4())
    state = {"version": 1, "batch_id": batch_id, "settings": settings}
    if settings.get("base_url"):
        state["base_url"] = settings["base_url"]
    write_atomic(path, (json.dumps(state, indent=2) + "\n").encode("utf-8"))
    return batch_id


def recorded_base_url(out_dir: Path) -> str | None:
    """The ``--base-url`` a batch was issued with (``batch.json``), or ``None``.

    :raises BatchError: ``batch.json`` is there but is not a batch state file.
    """
    path = out_dir / STATE
    if not path.exists():
        return None
    try:
        state = json.loads(read_bytes(path).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        state = None
    if not isinstance(state, dict):
        msg = f"{path}: not a badgekit batch state file"
        raise BatchError(msg)
    settings = state.get("settings")
    found = state.get("base_url") or (
        settings.get("base_url") if isinstance(settings, dict) else None
    )
    return found.strip() or None if isinstance(found, str) else None


@contextlib.contextmanager
def lock_dir(out_dir: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold ``out_dir``'s batch lock: one run per directory at a time.  Forked workers share
    the lock, so after a kill the next run waits until the last of them has stopped.

    :raises BatchError: another run still holds the lock after ``wait`` seconds.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    fd = os.open(out_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    msg = f"{out_dir}: another badgekit batch is running in this directory"
                    raise BatchError(msg) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


def remove_temp_files(out_dir: Path) -> int:
    """Delete temporary files a killed run left in ``out_dir``; returns how many."""
    removed = 0
    for entry in os.scandir(out_dir):
        if entry.is_file() and _TEMP.match(entry.name):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed += 1
    return removed


def _complete(entry: Any, out_dir: Path) -> bool:
    if not isinstance(entry, dict) or any(entry.get(k) in (None, "") for k in _REQUIRED):
        return False
    if entry.get("status") != "issued":
        return False
    name = entry["file"]
    if not isinstance(name, str) or "/" in name or name.startswith("."):
        return False
    try:
        return bool((out_dir / name).stat().st_size == entry["bytes"])
    except OSError:
        return False


def _hex(value: Any) -> bool:
    return (
        isinstance(value, str)
        and len(value) == DIGEST_CHARS
        and all(c in "0123456789abcdef" for c in value)
    )


def load_done(out_dir: Path) -> set[str]:
    """The row digests the manifest proves done; the manifest is rewritten without the rest.

    :raises FileAccessError: the manifest cannot be read or rewritten.
    """
    done: set[str] = set()

    def keep(entry: Any) -> bool:
        if _complete(entry, out_dir) and _hex(entry["row"]) and entry["row"] not in done:
            done.add(str(entry["row"]))
            return True
        return False

    rewrite_lines(out_dir / MANIFEST, keep)
    return done


def manifest_writer(out_dir: Path) -> JsonlWriter:
    """The manifest appender (mode 0600: it names the recipients)."""
    return JsonlWriter(out_dir / MANIFEST, lambda r: r.manifest_entry())


class ErrorLog:
    """Collects bad rows in a temporary file; :meth:`finish` puts ``errors.jsonl`` in place."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / ERRORS
        self._tmp = tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=out_dir, prefix=f".{ERRORS}.", suffix=".tmp", delete=False
        )

    def add(self, result: BatchResult) -> None:
        """Record one bad or duplicate row."""
        self._tmp.write(dump_line(result.error_entry()))

    def finish(self) -> Path:
        """Replace ``errors.jsonl`` with this run's rows (an empty file when all were good)."""
        self._tmp.flush()
        os.fsync(self._tmp.fileno())
        self._tmp.close()
        os.replace(self._tmp.name, self.path)
        return self.path

    def discard(self) -> None:
        """Drop the temporary file (the run failed before finishing)."""
        self._tmp.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp.name)
