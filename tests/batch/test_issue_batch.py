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


def test_rows_from_csv_dictreader_with_too_many_or_too_few_cells(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    """``csv.DictReader`` gives extra cells under the key None and missing ones as None."""
    import csv
    import io

    text = "email,name\na@example.org,A\nb@example.org,B,extra\nc@example.org\n"
    rows = csv.DictReader(io.StringIO(text))
    results = list(
        issue_batch(rows, achievement=achievement, key=key, out_dir=tmp_path, image=art_png(),
                    now=NOW, first_line=2)
    )  # fmt: skip
    assert [(r.line, r.outcome) for r in results] == [(2, "issued"), (3, "error"), (4, "issued")]
    assert results[1].error == "more cells than the header has columns"
    bad_key: dict[Any, Any] = {"email": "d@example.org", 7: "x"}
    [result] = issue_batch([bad_key], achievement=achievement, key=key, out_dir=tmp_path,
                           image=art_png(), now=NOW)  # fmt: skip
    assert result.error == "column names must be text"


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
    rows: list[dict[str, Any]],
    first_line: int,
    indexes: list[int],
    out_dir: str,
    batch_id: str,
    seed: bytes,
) -> list[dict[str, Any]]:
    # What a Dask task runs (the README's issue_part): everything it needs is passed in (the
    # key as a seed here; in production, load it from a secret store on the worker).
    import tomllib

    from badgekit.credential import Achievement, starter_file

    achievement = Achievement.from_dict(tomllib.loads(starter_file()), source="a.toml")
    key = badgekit.KeyPair.from_seed(seed)
    return [
        r.manifest_entry() if r.outcome == "issued" else r.error_entry()
        for r in issue_batch(
            rows, achievement=achievement, key=key, out_dir=out_dir, image=art_png(),
            now=NOW, batch_id=batch_id, first_line=first_line,
            status_list_url=_URL, status_indexes=indexes,
        )
    ]  # fmt: skip


_URL = "https://example.org/status/1"


def test_on_a_local_dask_cluster_as_the_readme_says(tmp_path: Path) -> None:
    """The README recipe on worker processes: rows from csv.DictReader, an index range per
    partition from the driver, the manifest and the status list written by the driver; then
    verify-batch and revoke read what it wrote."""
    import csv
    import io
    import json
    import os

    from badgekit.batch import verify_batch
    from badgekit.status import IndexAllocator, StatusList, build_list_credential, revoke_in_file

    distributed = pytest.importorskip("distributed")
    lines = [f"p{i}@example.org,P {i}" for i in range(12)]
    lines[5] = "p5@example.org,P 5,extra cell"
    rows = list(csv.DictReader(io.StringIO("email,name\n" + "\n".join(lines) + "\n")))
    partitions = [(i, rows[i : i + 4]) for i in range(0, 12, 4)]
    out = tmp_path / "out"
    out.mkdir()
    seed = bytes(range(32))
    alloc = IndexAllocator(tmp_path / "status-state.json", list_url=_URL)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        futures = [
            client.submit(_partition, part, 2 + offset, alloc.allocate(len(part)), str(out),
                          "batch-7", seed, pure=False)
            for offset, part in partitions
        ]  # fmt: skip
        results = [line for f in futures for line in f.result()]
        worker_pids = set(client.run(os.getpid).values())
    assert os.getpid() not in worker_pids
    assert [r["line"] for r in results] == list(range(2, 14))
    assert [r["line"] for r in results if r.get("kind") == "error"] == [7]
    issued = [r for r in results if r.get("status") == "issued"]
    assert len({r["file"] for r in issued}) == len(issued) == 11
    assert len({r["status_list_index"] for r in issued}) == 11
    assert len(list(out.glob("*.png"))) == 11

    key = badgekit.KeyPair.from_seed(seed)
    status_list = build_list_credential(StatusList(), list_url=_URL, issuer=key.did_key)
    status_file = out / "status-list.json"
    status_file.write_text(json.dumps(badgekit.sign(status_list, key)))
    manifest = "".join(json.dumps(r) + "\n" for r in issued)
    (out / "manifest.jsonl").write_text(manifest, encoding="utf-8")
    check = verify_batch(out, now=NOW, status_file=status_file)
    assert check.ok, check.failures
    assert check.files == 11

    def signer(doc: dict[str, Any]) -> dict[str, Any]:
        signed = badgekit.sign(doc, key)
        assert isinstance(signed, dict)
        return signed

    revoke_in_file(status_file, [issued[0]["status_list_index"]], sign=signer, now=NOW)
    check = verify_batch(out, now=NOW, status_file=status_file)
    assert [name for name, _ in check.failures] == [issued[0]["file"]]
