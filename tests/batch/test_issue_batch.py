"""The iterator API, alone and on a local Dask cluster."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from _batch_helpers import NOW, art_png

import badgekit
from badgekit.batch import issue_batch
from badgekit.errors import BatchError

if TYPE_CHECKING:
    from pathlib import Path


def _verify_all(out: Path, results: list[badgekit.BatchResult]) -> None:
    verifier = badgekit.Verifier(now=NOW)
    for r in results:
        if r.outcome == "issued":
            assert r.file is not None
            assert verifier.verify(out / r.file).verified


def test_iterator_yields_one_result_per_row_in_order(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    rows: list[dict[str, Any]] = [
        {"email": "a@example.org", "name": "A"},
        {"recipient": "bad@"},
        {"email": "b@example.org", "evidence": ["https://e.org/1"], "narrative": "did it"},
        {"email": "A@example.org"},
        {"colour": "red", "email": "c@example.org"},
    ]
    results = list(
        issue_batch(
            rows, achievement=achievement, key=key, out_dir=tmp_path, image=art_png(),
            now=NOW, chunk_size=2, first_line=10,
        )
    )  # fmt: skip
    assert [(r.line, r.outcome) for r in results] == [
        (10, "issued"),
        (11, "error"),
        (12, "issued"),
        (13, "duplicate"),
        (14, "error"),
    ]
    assert "colour" in (results[4].error or "")
    _verify_all(tmp_path, results)


def test_status_indexes_are_consumed_per_issued_row(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    rows = [{"email": f"p{i}@example.org"} for i in range(3)]
    kw: dict[str, Any] = {"achievement": achievement, "key": key, "out_dir": tmp_path}
    results = list(
        issue_batch(rows, image=art_png(), now=NOW, status_list_url="https://ex.org/s",
                    status_indexes=range(100, 200), **kw)
    )  # fmt: skip
    assert [r.status_list_index for r in results] == [100, 101, 102]
    with pytest.raises(BatchError, match="go together"):
        issue_batch(rows, image=art_png(), status_list_url="https://ex.org/s", **kw)
    with pytest.raises(BatchError, match="no status list index left"):
        list(issue_batch(rows, image=art_png(), status_list_url="https://ex.org/s",
                         status_indexes=[1], **kw))  # fmt: skip


def _partition(
    rows: list[dict[str, Any]], first_line: int, out_dir: str, batch_id: str, seed: bytes
) -> list[badgekit.BatchResult]:
    # What a Dask task runs: everything it needs is passed in (the key as a seed here; in
    # production, load it from a secret store on the worker).
    import tomllib

    from badgekit.credential import Achievement, starter_file

    achievement = Achievement.from_dict(tomllib.loads(starter_file()), source="a.toml")
    key = badgekit.KeyPair.from_seed(seed)
    return list(
        issue_batch(
            rows, achievement=achievement, key=key, out_dir=out_dir, image=art_png(),
            now=NOW, batch_id=batch_id, first_line=first_line,
        )
    )  # fmt: skip


def test_on_a_local_dask_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    rows = [{"email": f"p{i}@example.org", "name": f"P {i}"} for i in range(12)]
    parts = [rows[i : i + 4] for i in range(0, 12, 4)]
    seed = bytes(range(32))
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        futures = [
            client.submit(_partition, part, 2 + 4 * n, str(tmp_path), "batch-7", seed, pure=False)
            for n, part in enumerate(parts)
        ]
        results = [r for f in futures for r in f.result()]
    assert [r.line for r in results] == list(range(2, 14))
    assert all(r.outcome == "issued" for r in results)
    assert len({r.file for r in results}) == 12
    assert len(list(tmp_path.glob("*.png"))) == 12
    _verify_all(tmp_path, results)
