"""``run_batch``: a roster file in, a directory of badges out, resumable (not public API;
re-exported by :mod:`badgekit.batch` and :mod:`badgekit`).

Order of work, so that a kill at any moment loses nothing and duplicates nothing:

1. everything that can be wrong with the arguments is checked first: the roster header, the
   key, the achievement, the design (composed once), the output directory's earlier batch;
2. the manifest is loaded (rows already done are skipped) and stray temporary files removed;
3. rows stream through the planner in chunks; each chunk's status list indexes are allocated
   (and persisted) before it is issued, its files are written and fsynced, the directory is
   fsynced, and only then are its contacts lines (``contacts.jsonl``, mode 0600: where to
   send each badge) and then its manifest lines appended and fsynced;
4. at the end the errors file, the signed status list credential and ``summary.json``.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .._io import write_atomic
from ..credential.links import SiteLayout
from ..errors import BatchError, FileAccessError
from ..proofs.api import sign
from ..proofs.registry import embedded_suite_for_key
from ..status.allocate import IndexAllocator
from ..status.bitstring import MIN_ENTRIES
from ..status.publish import ensure_list_credential
from .contacts import contacts_writer, prune_contacts
from .manifest import (
    ERRORS,
    MANIFEST,
    STATUS_LIST,
    STATUS_STATE,
    SUMMARY,
    ErrorLog,
    batch_state,
    load_done,
    lock_dir,
    manifest_writer,
    remove_temp_files,
)
from .plan import Planner
from .pool import pool_map
from .results import BatchResult, BatchSummary
from .roster import Roster, open_roster
from .rows import RowSpec
from .worker import BatchConfig, Task, Worker

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Collection, Iterator, Mapping

    from ..credential.achievement import Achievement
    from ..keys.keypair import KeyPair
    from .artwork import ArtworkSource

__all__ = ["BatchProgress", "run_batch"]


@dataclass(frozen=True)
class BatchProgress:
    """Counts so far, passed to the ``progress`` callback of :func:`run_batch`."""

    rows: int
    issued: int
    skipped: int
    errors: int
    duplicates: int


class _Counts:
    def __init__(self) -> None:
        self.rows = self.issued = self.skipped = self.errors = self.duplicates = 0

    def add(self, result: BatchResult) -> None:
        self.rows += 1
        if result.outcome == "issued":
            self.issued += 1
        elif result.outcome == "skipped":
            self.skipped += 1
        elif result.outcome == "duplicate":
            self.duplicates += 1
        else:
            self.errors += 1

    def snapshot(self) -> BatchProgress:
        return BatchProgress(self.rows, self.issued, self.skipped, self.errors, self.duplicates)


def _now(now: datetime | None) -> datetime:
    when = now or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).replace(microsecond=0)


def run_batch(
    roster: str | os.PathLike[str],
    *,
    achievement: Achievement,
    key: KeyPair,
    out_dir: str | os.PathLike[str],
    artwork: ArtworkSource,
    suite: str = "eddsa-rdfc-2022",
    now: datetime | None = None,
    jobs: int = 1,
    columns: Mapping[str, str] | None = None,
    ignore_columns: Collection[str] = (),
    status_list_url: str | None = None,
    status_list_length: int = MIN_ENTRIES,
    chunk_size: int = 64,
    ordered: bool = True,
    verify: Literal["sample", "all"] = "sample",
    progress: Callable[[BatchProgress], None] | None = None,
    base_url: str | None = None,
) -> BatchSummary:
    """Issue a badge to every good row of a roster file into ``out_dir``; resumable.

    >>> summary = run_batch("roster.csv", achievement=Achievement.load("a.toml"), key=key,
    ...                     out_dir="out", artwork=ArtworkSource(image=png))  # doctest: +SKIP

    Run it again with the same arguments after a crash or a kill: rows in the manifest whose
    files are on disk are skipped, the rest are issued, and each good row ends with exactly one
    file.  Bad rows are listed in ``errors.jsonl`` with their line numbers.

    :param roster: a ``.csv`` or ``.jsonl`` file (see :func:`~badgekit.batch.open_roster`).
    :param artwork: the image or design (its ``slots`` are filled in from the roster header).
    :param jobs: worker processes.
    :param columns: explicit column mapping, field -> header.
    :param ignore_columns: headers to read but not use (a column the teacher said is not used).
    :param status_list_url: give each credential an index in the BitstringStatusList that
        will be published at this URL, and write the signed list credential to publish.
    :param chunk_size: rows per unit of work (and per fsync of the directory and manifest).
    :param ordered: keep the manifest in roster order (else in order of completion).
    :param verify: ``"sample"`` (the first badge of each chunk through the full verifier,
        every badge read back) or ``"all"``.
    :param progress: called with :class:`BatchProgress` as the work advances.
    :param base_url: the issuer's site (``badgekit publish``): achievement pages and the
        did:web issuer there (see :func:`~badgekit.build_credential`), and the status list at
        ``{base}/status/{batch id}.json`` unless ``status_list_url`` is given; recorded in
        ``batch.json`` as ``"base_url"``.
    :returns: the :class:`BatchSummary` (also written to ``summary.json``).
    :raises BatchError: a header, design, directory or argument problem, before any work.
    :raises FileAccessError: the roster or the output directory cannot be read or written.
    """
    start = time.perf_counter()
    when = _now(now)
    out = Path(out_dir)
    if jobs < 1 or chunk_size < 1:
        msg = f"jobs and chunk_size must be at least 1 (got {jobs}, {chunk_size})"
        raise BatchError(msg)
    with contextlib.ExitStack() as stack:
        rows = stack.enter_context(open_roster(roster, columns, ignore=ignore_columns))
        if rows.header.slots and artwork.design is None:
            msg = f"the roster fills design slots ({', '.join(rows.header.slots)}) but no design"
            raise BatchError(msg)
        config = BatchConfig(
            achievement=achievement,
            key_pem=key.private_pem(),
            out_dir=str(out),
            artwork=replace(artwork, slots=rows.header.slots),
            suite=suite,
            now=when,
            batch_id="",
            status_list_url=status_list_url,
            verify=verify,
            base_url=base_url,
        )
        local = Worker(config)  # checks key, achievement and design before any work
        _make_dir(out)
        stack.enter_context(lock_dir(out))
        settings = {
            "achievement": achievement.name,
            "key": key.fingerprint,
            "format": artwork.fmt,
            "suite": suite,
            "status_list": status_list_url,
            "base_url": SiteLayout(base_url).base if base_url is not None else None,
        }
        batch_id = batch_state(out, settings)
        if base_url is not None and status_list_url is None:
            status_list_url = SiteLayout(base_url).status_list(batch_id)
        config = replace(config, batch_id=batch_id, status_list_url=status_list_url)
        local.config = config
        if local.artwork.shared is not None:  # workers bake into these bytes, not re-render
            shared = replace(config.artwork, image=local.artwork.shared, design=None)
            config = replace(config, artwork=shared)
        remove_temp_files(out)
        allocator = (
            IndexAllocator(out / STATUS_STATE, list_url=status_list_url, length=status_list_length)
            if status_list_url
            else None
        )
        done = load_done(out)
        prune_contacts(out, done)
        run = _Run(out, Planner(config.batch_id, done), allocator, chunk_size, progress)
        chunks = run.chunks(rows)
        run.execute(pool_map(chunks, config, jobs=jobs, ordered=ordered, worker=local))
        status_file = None
        if status_list_url and allocator is not None:
            status_file = _write_status_list(
                out / STATUS_LIST,
                status_list_url,
                key,
                local.issuer,
                allocator.length,
                when,
                embedded_suite_for_key(key.kind),  # a list is JSON, whatever the badges
            )
        c = run.counts
        summary = BatchSummary(
            rows=c.rows,
            issued=c.issued,
            skipped=c.skipped,
            errors=c.errors,
            duplicates=c.duplicates,
            seconds=time.perf_counter() - start,
            out_dir=str(out),
            manifest=str(out / MANIFEST),
            errors_file=str(out / ERRORS),
            status_list_file=str(status_file) if status_file else None,
            status_list_url=status_list_url,
        )
        summary_json = json.dumps(summary.to_json(), indent=2) + "\n"
        write_atomic(out / SUMMARY, summary_json.encode("utf-8"))
    return summary


class _Run:
    """The streaming part of one run: plan rows into chunks, record what comes back."""

    def __init__(
        self,
        out: Path,
        planner: Planner,
        allocator: IndexAllocator | None,
        chunk_size: int,
        progress: Callable[[BatchProgress], None] | None,
    ) -> None:
        self.planner = planner
        self.allocator = allocator
        self.chunk_size = chunk_size
        self.progress = progress
        self.counts = _Counts()
        self.errors = ErrorLog(out)
        self.contacts = contacts_writer(out)
        self.manifest = manifest_writer(out)

    def report(self, result: BatchResult) -> None:
        self.counts.add(result)
        if result.outcome in ("error", "duplicate"):
            self.errors.add(result)

    def chunks(self, rows: Roster) -> Iterator[list[Task]]:
        batch: list[RowSpec] = []
        for raw in rows:
            planned = self.planner.plan(raw.line, raw.values, raw.problem)
            if isinstance(planned, RowSpec):
                batch.append(planned)
                if len(batch) >= self.chunk_size:
                    yield _tasks(batch, self.allocator)
                    batch = []
            else:
                self.report(planned)
                if self.progress is not None and self.counts.rows % 256 == 0:
                    self.progress(self.counts.snapshot())
        if batch:
            yield _tasks(batch, self.allocator)

    def execute(self, results: Iterator[list[BatchResult]]) -> None:
        """Record every chunk's results (manifest first, durably), then the errors file."""
        try:
            for chunk in results:
                self.contacts.add(chunk)  # before the manifest: each line has its contact
                self.manifest.add(chunk)
                for result in chunk:
                    self.report(result)
                if self.progress is not None:
                    self.progress(self.counts.snapshot())
        except BaseException:
            self.errors.discard()
            raise
        finally:
            self.contacts.close()
            self.manifest.close()
        self.errors.finish()


def _write_status_list(
    path: Path, url: str, key: KeyPair, issuer: str, length: int, when: datetime, suite: str
) -> Path:
    """The signed list credential to publish; an existing one (with revocations) is kept."""

    def signer(doc: dict[str, Any]) -> dict[str, Any]:
        signed = sign(doc, key, suite=suite, now=when)
        assert isinstance(signed, dict)
        return signed

    ensure_list_credential(path, list_url=url, issuer=issuer, sign=signer, length=length, now=when)
    return path


def _tasks(batch: list[RowSpec], allocator: IndexAllocator | None) -> list[Task]:
    if allocator is None:
        return [Task(row) for row in batch]
    indexes = allocator.allocate(len(batch))  # persisted before any badge uses them
    return [Task(row, index) for row, index in zip(batch, indexes, strict=True)]


def _make_dir(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        msg = f"{out}: cannot create the output directory ({e.strerror or e})"
        raise FileAccessError(msg) from None
    if not out.is_dir():
        msg = f"{out}: not a directory"
        raise BatchError(msg)
