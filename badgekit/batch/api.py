"""``issue_batch``: the iterator API, for apps and cluster engines (not public API; re-exported
by :mod:`badgekit.batch` and :mod:`badgekit`).

It issues in the calling process, from any iterable of rows, and yields one
:class:`BatchResult` per row as soon as its chunk is durable on disk.  It keeps no manifest and
does not resume (that is :func:`~badgekit.batch.run_batch`'s job); it is the unit a Dask or
Ray task runs on one partition of a roster (see the README, "Batch issuing").
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import BatchError
from .artwork import ArtworkSource
from .plan import Planner
from .roster import HeaderMap
from .rows import RowSpec
from .worker import BatchConfig, Task, Worker

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator, Mapping

    from ..credential.achievement import Achievement
    from ..design import DesignSpec
    from ..keys.keypair import KeyPair
    from .results import BatchResult

__all__ = ["issue_batch"]


def _mapped(values: Mapping[str, Any], maps: dict[tuple[str, ...], HeaderMap | str]) -> Any:
    keys = tuple(values)
    if None in keys:  # csv.DictReader's key for the cells of a row longer than its header
        return "more cells than the header has columns"
    if not all(isinstance(k, str) for k in keys):
        return "column names must be text"
    found = maps.get(keys)
    if found is None:
        try:
            found = HeaderMap.build(list(keys), where="row")
        except BatchError as e:
            found = str(e).removeprefix("row: ")
        maps[keys] = found
    return found.apply(values) if isinstance(found, HeaderMap) else found


def issue_batch(
    rows: Iterable[Mapping[str, Any]],
    *,
    achievement: Achievement,
    key: KeyPair,
    out_dir: str | os.PathLike[str],
    image: bytes | None = None,
    design: DesignSpec | None = None,
    fmt: Literal["png", "svg"] = "png",
    size: int = 600,
    suite: str = "eddsa-rdfc-2022",
    now: datetime | None = None,
    status_list_url: str | None = None,
    status_indexes: Iterable[int] | None = None,
    batch_id: str | None = None,
    first_line: int = 1,
    chunk_size: int = 64,
    verify: Literal["sample", "all"] = "sample",
    base_url: str | None = None,
) -> Iterator[BatchResult]:
    """Issue a badge per row into ``out_dir``, yielding a :class:`BatchResult` per row.

    >>> for r in issue_batch([{"email": "ada@example.org", "name": "Ada"}],
    ...                      achievement=ach, key=key, out_dir="out", image=png):
    ...     print(r.outcome, r.file)                                  # doctest: +SKIP
    issued ada-3f2a9c0e41d7b5a2.png

    Rows are mappings whose keys are field names or roster column names (``recipient`` or
    ``email``, ``name``, ``evidence``, ``narrative``, ``valid_until``..., ``slot.<name>``).
    Bad rows and repeated recipients give ``error``/``duplicate`` results; nothing raises for a
    bad row.

    :param image: artwork bytes (PNG or SVG, matching ``fmt``); or give ``design``.
    :param design: a :class:`~badgekit.DesignSpec`, rendered once (per distinct personalised
        values when its values hold ``{name}``-style placeholders or rows fill ``slot.*``).
    :param status_list_url: with ``status_indexes``: the status list the credentials use.
    :param status_indexes: pre-allocated indexes (e.g. a range from an
        :class:`~badgekit.status.IndexAllocator`), consumed one per issued row.
    :param batch_id: names files and credential ids deterministically; give the same id to
        every partition of one batch (default: a fresh UUID).
    :param first_line: the line number of the first row (a partition's offset).
    :param base_url: the issuer's site (see :func:`~badgekit.build_credential`); the status
        list URL is still ``status_list_url`` (e.g. ``SiteLayout(base).status_list(batch_id)``).
    :raises BatchError: unusable arguments (artwork, achievement, status list), before any row.
    """
    if (status_list_url is None) != (status_indexes is None):
        msg = "status_list_url and status_indexes go together"
        raise BatchError(msg)
    out = Path(out_dir)
    if not out.is_dir():
        msg = f"{out}: the output directory does not exist"
        raise BatchError(msg)
    config = BatchConfig(
        achievement=achievement,
        key_pem=key.private_pem(),
        out_dir=str(out),
        artwork=ArtworkSource(image=image, design=design, fmt=fmt, size=size),
        suite=suite,
        now=(now or datetime.now(UTC)).replace(microsecond=0),
        batch_id=batch_id or str(uuid.uuid4()),
        status_list_url=status_list_url,
        verify=verify,
        base_url=base_url,
    )
    worker = Worker(config)
    return _run(rows, worker, first_line, chunk_size, iter(status_indexes or ()))


def _run(
    rows: Iterable[Mapping[str, Any]],
    worker: Worker,
    first_line: int,
    chunk_size: int,
    indexes: Iterator[int],
) -> Iterator[BatchResult]:
    planner = Planner(worker.config.batch_id)
    maps: dict[tuple[str, ...], HeaderMap | str] = {}
    waiting: list[BatchResult | Task] = []
    use_status = worker.config.status_list_url is not None

    def flush() -> Iterator[BatchResult]:
        tasks = [t for t in waiting if isinstance(t, Task)]
        issued = iter(worker.issue_chunk(tasks))
        for item in waiting:
            yield next(issued) if isinstance(item, Task) else item
        waiting.clear()

    for offset, values in enumerate(rows):
        line = first_line + offset
        mapped = _mapped(values, maps)
        problem = mapped if isinstance(mapped, str) else None
        planned = planner.plan(line, {} if problem else mapped, problem)
        if isinstance(planned, RowSpec):
            index = next(indexes, None) if use_status else None
            if use_status and index is None:
                msg = f"line {line}: no status list index left in status_indexes"
                raise BatchError(msg)
            waiting.append(Task(planned, index))
        else:
            waiting.append(planned)
        if len(waiting) >= chunk_size:
            yield from flush()
    if waiting:
        yield from flush()
