"""``verify_batch``: verify every badge of a batch directory, in parallel (not public API;
re-exported by :mod:`badgekit.batch` and :mod:`badgekit`).

With a manifest, each line's file must exist, hash to the recorded SHA-256 and pass the full
:class:`~badgekit.verify.Verifier`; without one, every ``.png``/``.svg`` in the directory is
verified.  Work is spread over processes (one verifier, with its caches, per process) and only
failures are kept, so memory stays flat for any number of files.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .._io import read_bytes
from ..errors import BadgekitError
from ..verify.pipeline import Verifier
from .manifest import MANIFEST
from .pool import bounded_map

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime

__all__ = ["BatchCheck", "verify_batch"]

_Item = tuple[str, str | None]  # file name, expected sha256 (None without a manifest)
_VERIFIER: Verifier | None = None


@dataclass(frozen=True)
class BatchCheck:
    """The outcome of :func:`verify_batch`.

    :ivar files: badges checked.
    :ivar failures: ``(file name, reason)`` of each badge that failed.
    :ivar seconds: wall time.
    """

    files: int
    failures: tuple[tuple[str, str], ...]
    seconds: float

    @property
    def ok(self) -> bool:
        """Whether every badge verified (and matched the manifest)."""
        return not self.failures

    @property
    def rate(self) -> float:
        """Files verified per second."""
        return self.files / self.seconds if self.seconds > 0 else 0.0


def _init(now: datetime | None, status_file: str | None) -> None:
    global _VERIFIER
    _VERIFIER = Verifier(now=now, status_file=status_file)


def _check_chunk(args: tuple[str, list[_Item]]) -> tuple[int, list[tuple[str, str]]]:
    directory, items = args
    assert _VERIFIER is not None
    failures = []
    for name, expected in items:
        try:
            data = read_bytes(Path(directory) / name)
        except BadgekitError as e:
            failures.append((name, str(e)))
            continue
        if expected is not None and hashlib.sha256(data).hexdigest() != expected:
            failures.append((name, "SHA-256 differs from the manifest"))
            continue
        report = _VERIFIER.verify(data)
        if not report.verified:
            failed = next((c for c in report.checks if c.status.value == "failed"), None)
            failures.append((name, f"{report.verdict.value}: {failed.message if failed else ''}"))
    return len(items), failures


def _items(directory: Path) -> Iterator[_Item]:
    manifest = directory / MANIFEST
    if manifest.exists():
        with manifest.open("rb") as fh:
            for raw in fh:
                try:
                    entry = json.loads(raw)
                    yield str(entry["file"]), str(entry["sha256"])
                except (ValueError, KeyError, TypeError):
                    yield f"{MANIFEST}: {raw[:40]!r}", "-"
        return
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        if entry.is_file() and entry.name.lower().endswith((".png", ".svg")):
            yield entry.name, None


def verify_batch(
    directory: str | os.PathLike[str],
    *,
    jobs: int = 1,
    now: datetime | None = None,
    status_file: str | os.PathLike[str] | None = None,
    chunk_size: int = 64,
) -> BatchCheck:
    """Verify every badge of a batch output directory.

    >>> verify_batch("out", jobs=2).ok                     # doctest: +SKIP
    True

    :param jobs: processes to use.
    :param now: the moment to check dates against (default: now).
    :param status_file: the batch's status list file, to check revocation offline.
    :returns: a :class:`BatchCheck` listing any failure.
    """
    start = time.perf_counter()
    base = Path(directory)
    status = str(status_file) if status_file is not None else None

    def chunks() -> Iterator[tuple[str, list[_Item]]]:
        chunk: list[_Item] = []
        for item in _items(base):
            chunk.append(item)
            if len(chunk) >= chunk_size:
                yield str(base), chunk
                chunk = []
        if chunk:
            yield str(base), chunk

    if jobs <= 1:
        _init(now, status)
        results: Iterator[tuple[int, list[tuple[str, str]]]] = map(_check_chunk, chunks())
    else:
        results = bounded_map(
            _check_chunk, chunks(), jobs=jobs, initializer=_init, initargs=(now, status)
        )
    files = 0
    failures: list[tuple[str, str]] = []
    for count, failed in results:
        files += count
        failures.extend(failed)
    return BatchCheck(files, tuple(failures), time.perf_counter() - start)
