"""Issuing a chunk of rows: the per-process worker (not public API).

One :class:`Worker` per process holds everything that is the same for every badge: the key
(parsed once), the achievement, the artwork (rendered once unless personalised), the signer's
caches and a verifier.  Each badge is built, signed, baked, checked and written atomically
(fsynced); the directory is fsynced once per chunk, before the chunk's results are returned,
so a result that reaches the manifest names a file that is on disk.

Checks: every baked image is read back and must carry exactly the signed payload; the first
badge of each chunk (or every badge, with ``verify="all"``) also goes through the full
:class:`~badgekit.verify.Verifier`.  The signer itself is proven equal to ``badgekit.sign`` on
its first credential, and each new credential shape is proven equal to the reference
canonicalization (see :mod:`badgekit.jsonld.template`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .._io import write_atomic
from ..bake import bake, unbake
from ..credential.build import build_credential, check_complete
from ..credential.links import SiteLayout
from ..errors import BadgekitError, BatchError
from ..issue import issuer_for
from ..keys.keypair import KeyPair
from ..status.publish import status_entry
from ..verify.pipeline import Verifier
from .artwork import Artwork, ArtworkSource
from .naming import credential_id, file_name, row_digest
from .results import BatchResult
from .signer import BatchSigner

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from ..credential.achievement import Achievement
    from .rows import RowSpec

__all__ = ["BatchConfig", "Task", "Worker", "fsync_dir", "init_worker", "run_chunk"]

VerifyMode = Literal["sample", "all"]
#: Threads writing (and fsyncing) badge files in each worker.
WRITER_THREADS = 4


@dataclass(frozen=True)
class BatchConfig:
    """Everything a worker needs (picklable: it is sent once to each process).

    :ivar key_pem: the private key, PKCS#8 PEM (in memory only; parsed once per worker).
    """

    achievement: Achievement
    key_pem: bytes
    out_dir: str
    artwork: ArtworkSource
    suite: str
    now: datetime
    batch_id: str
    status_list_url: str | None = None
    verify: VerifyMode = "sample"
    #: The issuer's site (``badgekit publish``): achievement pages and did:web issuer.
    base_url: str | None = None


@dataclass(frozen=True)
class Task:
    """One row to issue, with its pre-allocated status list index (if any)."""

    row: RowSpec
    status_list_index: int | None = None


def fsync_dir(path: str | os.PathLike[str]) -> None:
    """fsync a directory, so renames into it survive a crash (no-op where unsupported)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Worker:
    """Issues badges for one batch in one process.

    :raises BatchError: the achievement is incomplete, or the artwork or design is unusable.
    :raises KeyMaterialError: the key cannot be read.
    """

    def __init__(self, config: BatchConfig) -> None:
        self.config = config
        self.key = KeyPair.from_pem(config.key_pem)
        try:
            check_complete(config.achievement)
            if config.base_url is not None:
                SiteLayout(config.base_url)  # an https base URL, before anything is signed
            self.issuer = issuer_for(config.achievement, self.key, base_url=config.base_url)
        except BadgekitError as e:
            raise BatchError(str(e)) from None
        self.signer = BatchSigner(self.key, suite=config.suite, now=config.now)
        self._preflight()
        self.artwork = Artwork(config.artwork)
        self.artwork.check()
        self.verifier = Verifier(now=config.now)
        self.out_dir = Path(config.out_dir)
        self.issued = 0
        #: In a pool: the parent's pid.  A worker whose parent was killed stops before its next
        #: write, so no orphan keeps writing while the batch is run again.
        self.parent: int | None = None
        self._threads: ThreadPoolExecutor | None = None

    def _preflight(self) -> None:
        """Sign one sample credential, so that a suite or key problem stops the batch before
        the first row instead of failing every row."""
        cfg = self.config
        try:
            sample = build_credential(
                cfg.achievement,
                "did:example:batch-preflight",
                issuer_id=self.issuer,
                now=cfg.now,
                credential_status=status_entry(cfg.status_list_url, 0)
                if cfg.status_list_url
                else None,
                base_url=cfg.base_url,
            )
            self.signer.sign(sample)
        except BadgekitError as e:
            msg = f"cannot sign with suite {cfg.suite}: {e}"
            raise BatchError(msg) from None

    def issue_chunk(self, tasks: Sequence[Task]) -> list[BatchResult]:
        """Issue each task; files are written by a few threads (their fsyncs overlap, which
        the file system turns into fewer journal commits), then the directory is fsynced once.
        """
        made = [self._make(task, full_check=i == 0) for i, task in enumerate(tasks)]
        writes = [(r, data) for r, data in made if data is not None]
        if self.parent is not None and os.getppid() != self.parent:
            raise SystemExit(1)
        pool = self._writer().map if len(writes) > 1 else map
        written = iter(list(pool(self._write, writes)))
        fsync_dir(self.out_dir)
        return [next(written) if data is not None else r for r, data in made]

    def issue(self, task: Task, *, full_check: bool = False) -> BatchResult:
        """Issue one badge (file written and fsynced); a bad row becomes an ``error`` result."""
        result, data = self._make(task, full_check=full_check)
        return self._write((result, data)) if data is not None else result

    def _writer(self) -> ThreadPoolExecutor:
        if self._threads is None:
            self._threads = ThreadPoolExecutor(WRITER_THREADS, thread_name_prefix="badge-writer")
        return self._threads

    def _write(self, item: tuple[BatchResult, bytes | None]) -> BatchResult:
        result, data = item
        assert result.file is not None
        assert data is not None
        try:
            write_atomic(self.out_dir / result.file, data, fsync=True)
        except BadgekitError as e:
            return replace(result, outcome="error", file=None, sha256=None, size=0, error=str(e))
        return result

    def _make(self, task: Task, *, full_check: bool) -> tuple[BatchResult, bytes | None]:
        """Build, sign, bake and check one badge (not yet written)."""
        row, cfg = task.row, self.config
        digest = row_digest(cfg.batch_id, row.key)
        index = task.status_list_index
        try:
            status = (
                status_entry(cfg.status_list_url, index)
                if cfg.status_list_url is not None and index is not None
                else None
            )
            credential = build_credential(
                cfg.achievement,
                row.recipient,
                issuer_id=self.issuer,
                now=cfg.now,
                valid_from=row.valid_from,
                valid_until=row.valid_until,
                awarded_date=row.awarded_date,
                evidence=row.evidence,
                narrative=row.narrative,
                credential_status=status,
                credential_id=credential_id(cfg.batch_id, row.key),
                base_url=cfg.base_url,
            )
            signed = self.signer.sign(credential)
            payload = (
                signed
                if isinstance(signed, str)
                else json.dumps(signed, ensure_ascii=False, separators=(",", ":"))
            )
            baked = bake(self.artwork.for_row(row), payload)
            self._check(baked, payload, full=full_check or cfg.verify == "all")
        except BadgekitError as e:
            error = BatchResult(row.line, row.recipient, "error", digest, row.name, error=str(e))
            return error, None
        self.issued += 1
        result = BatchResult(
            row.line,
            row.recipient,
            "issued",
            digest,
            row.name,
            credential_id=credential["id"],
            file=file_name(cfg.batch_id, row.key, row.name, row.recipient, cfg.artwork.fmt),
            sha256=hashlib.sha256(baked).hexdigest(),
            size=len(baked),
            status_list_index=index if status is not None else None,
            status_list=cfg.status_list_url if status is not None else None,
        )
        return result, baked

    def _check(self, baked: bytes, payload: str, *, full: bool) -> None:
        if unbake(baked).payload != payload:
            msg = "the baked image does not carry the signed credential"
            raise BatchError(msg)
        if full:
            report = self.verifier.verify(baked)
            if not report.verified:
                failed = next((c for c in report.checks if c.status.value == "failed"), None)
                why = f"{failed.id}: {failed.message}" if failed else report.verdict.value
                msg = f"the issued badge does not verify ({why})"
                raise BatchError(msg)


_WORKER: Worker | None = None


def init_worker(config: BatchConfig) -> None:
    """Process-pool initializer: build this process's :class:`Worker` once."""
    global _WORKER
    # A forked worker inherits the CLI's SIGTERM handler; it is the parent's to handle (the
    # pool stops its workers itself), so a worker keeps the default (terminate at once).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER = Worker(config)
    _WORKER.parent = os.getppid()
    threading.Thread(target=_watch_parent, args=(_WORKER.parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    # A pool worker whose parent was killed (SIGKILL: no clean shutdown) would otherwise wait
    # for work for ever (its siblings keep the task pipe open), holding the directory lock it
    # inherited.  Leaving mid-write is safe: files are renamed into place whole, and the next
    # run removes stray temporary files.
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def run_chunk(tasks: Sequence[Task]) -> list[BatchResult]:
    """Process-pool task: issue a chunk with this process's worker."""
    if _WORKER is None:  # pragma: no cover - the pool always runs init_worker first
        msg = "batch worker not initialised"
        raise RuntimeError(msg)
    return _WORKER.issue_chunk(tasks)
