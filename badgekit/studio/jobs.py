"""Long jobs (batches) in a background thread, with progress the pages can follow (not public
API).

A job runs :func:`badgekit.run_batch` on one worker thread (jobs run one at a time, so two
batches never compete for the machine's cores); its ``progress`` callback updates the job's
counts, and every change bumps :attr:`Job.version`, which the server-sent events stream
(``GET /api/batch/{id}/events``) waits on.  Finished jobs are kept, the oldest dropped past
:data:`MAX_JOBS`.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import BadgekitError

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ..batch import BatchProgress, BatchSummary

__all__ = ["MAX_JOBS", "Job", "JobRegistry"]

#: Jobs remembered (running or finished); the oldest finished ones are forgotten first.
MAX_JOBS = 50


@dataclass
class Job:
    """One batch run: its counts so far, then its summary or its error."""

    id: str
    out_dir: Path
    total: int
    state: str = "queued"  # queued | running | done | failed
    rows: int = 0
    issued: int = 0
    skipped: int = 0
    errors: int = 0
    duplicates: int = 0
    error: str | None = None
    summary: BatchSummary | None = None
    started: float = field(default_factory=time.monotonic)
    version: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)

    def update(self, **values: Any) -> None:
        """Change fields and wake whoever waits for a change."""
        with self.changed:
            for name, value in values.items():
                setattr(self, name, value)
            self.version += 1
            self.changed.notify_all()

    def progress(self, p: BatchProgress) -> None:
        """The ``progress`` callback of :func:`badgekit.run_batch`."""
        self.update(
            rows=p.rows,
            issued=p.issued,
            skipped=p.skipped,
            errors=p.errors,
            duplicates=p.duplicates,
        )

    def wait(self, version: int, timeout: float) -> int:
        """Block until :attr:`version` passes ``version`` (or ``timeout``); the new version."""
        with self.changed:
            if self.version <= version and self.state not in ("done", "failed"):
                self.changed.wait(timeout)
            return self.version

    @property
    def finished(self) -> bool:
        """Whether the job ended (done or failed)."""
        return self.state in ("done", "failed")

    def snapshot(self) -> dict[str, Any]:
        """The job as JSON (``GET /api/batch/{id}``)."""
        with self.changed:
            done = self.total if self.state == "done" else min(self.rows, self.total)
            percent = (
                100 if self.state == "done" else (100 * done // self.total if self.total else 0)
            )
            return {
                "id": self.id,
                "state": self.state,
                "total": self.total,
                "rows": self.rows,
                "issued": self.issued,
                "skipped": self.skipped,
                "errors": self.errors,
                "duplicates": self.duplicates,
                "percent": percent,
                "error": self.error,
                "summary": self.summary.to_json() if self.summary else None,
                "version": self.version,
            }


class JobRegistry:
    """The studio's jobs by id, run one at a time on a background thread."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="badgekit-batch")

    def new(self, out_dir: Path, total: int, job_id: str | None = None) -> Job:
        """Register a job (not started yet)."""
        job = Job(job_id or uuid.uuid4().hex[:16], out_dir, total)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                oldest = next((k for k, j in self._jobs.items() if j.finished), None)
                if oldest is None:
                    break
                del self._jobs[oldest]
        return job

    def start(self, job: Job, work: Callable[[Job], BatchSummary]) -> None:
        """Run ``work(job)`` in the background; its summary or error ends the job."""

        def run() -> None:
            job.update(state="running")
            try:
                summary = work(job)
            except BadgekitError as e:
                job.update(state="failed", error=str(e))
            except Exception as e:  # never lose a job silently: the page shows the failure
                job.update(state="failed", error=f"internal error: {type(e).__name__}: {e}")
            else:
                job.update(
                    state="done",
                    summary=summary,
                    rows=summary.rows,
                    issued=summary.issued,
                    skipped=summary.skipped,
                    errors=summary.errors,
                    duplicates=summary.duplicates,
                )

        self._pool.submit(run)

    def get(self, job_id: str) -> Job | None:
        """The job with this id, if the studio still knows it."""
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        """Stop taking jobs (the running one finishes)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
