"""Running chunks on a process pool with bounded memory (not public API).

``multiprocessing.Pool.imap`` reads its whole input ahead of the workers; a roster of millions
of rows would then sit in memory.  :func:`pool_map` keeps at most ``jobs * 2`` chunks in flight,
and yields results in input order (``ordered=True``, a deterministic manifest) or as they
finish.  Each worker process parses the key and renders the shared artwork once, in its
initializer.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TYPE_CHECKING, Any, TypeVar

from .worker import BatchConfig, Task, Worker, init_worker, run_chunk

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from multiprocessing.context import BaseContext

    from .results import BatchResult

__all__ = ["bounded_map", "mp_context", "pool_map"]

T = TypeVar("T")
R = TypeVar("R")


def mp_context() -> BaseContext:
    """``fork`` on Linux when this process runs no other thread (fast start, nothing to
    re-import), else ``spawn`` (safe anywhere)."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def pool_map(
    chunks: Iterable[Sequence[Task]],
    config: BatchConfig,
    *,
    jobs: int,
    ordered: bool = True,
    worker: Worker | None = None,
) -> Iterator[list[BatchResult]]:
    """Issue ``chunks`` on ``jobs`` processes (in this process when ``jobs`` is 1).

    :param worker: the worker to use in this process when ``jobs`` is 1 (built if absent).
    """
    if jobs <= 1:
        local = worker or Worker(config)
        for chunk in chunks:
            yield local.issue_chunk(chunk)
        return
    yield from bounded_map(
        run_chunk, chunks, jobs=jobs, initializer=init_worker, initargs=(config,), ordered=ordered
    )


def bounded_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    ordered: bool = True,
) -> Iterator[R]:
    """``fn`` over ``items`` on ``jobs`` processes, at most ``jobs * 2`` items in flight."""
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=mp_context(), initializer=initializer, initargs=initargs
    ) as pool:
        pending: deque[Future[R]] = deque()
        limit = jobs * 2
        for item in items:
            pending.append(pool.submit(fn, item))
            while len(pending) >= limit:
                yield from _drain(pending, ordered)
        while pending:
            yield from _drain(pending, ordered)


def _drain(pending: deque[Future[R]], ordered: bool) -> Iterator[R]:
    if ordered:
        yield pending.popleft().result()
        return
    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    for future in list(pending):
        if future in done:
            pending.remove(future)
            yield future.result()
