"""The "batch" section of ``scripts/bench.py``: issuing and verifying whole rosters.

Each measurement runs in a fresh process (so peak memory is its own, and the one-core pin of
the other sections does not apply): a roster of N rows issued with ``run_batch`` into an empty
directory (PNG 600 px from a design, eddsa-rdfc-2022, every file fsynced, the directory fsynced
per chunk), then ``verify_batch`` over the 10k output.  Usage:
``python scripts/bench.py --batch`` or ``python scripts/bench_batch.py [--sizes 1000 10000]``.

"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

NOW = datetime(2025, 6, 1, tzinfo=UTC)
SHARED = {"template": "circle-seal", "values": {"title": "Data Science", "top": "badgekit"}}
PERSONAL = {"template": "certificate", "values": {"recipient": "{name}", "title": "Data Science"}}


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux: KiB


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process and its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _setup(base: Path, rows: int) -> Path:
    import badgekit
    from badgekit.credential import starter_file

    (base / "a.toml").write_text(starter_file(), encoding="utf-8")
    badgekit.KeyPair.from_seed(bytes(range(32))).save(base / "k.pem")
    roster = base / f"roster-{rows}.csv"
    with roster.open("w", encoding="utf-8") as fh:
        fh.write("email,name\n")
        for i in range(rows):
            fh.write(f"learner{i}@example.org,Learner Number {i}\n")
    return roster


def issue_case(
    base: Path, rows: int, jobs: int, personalised: bool, status: bool
) -> dict[str, Any]:
    """One ``run_batch`` in this process; returns its figures."""
    import badgekit
    from badgekit.batch import ArtworkSource, run_batch

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, range(os.cpu_count() or 1))
    roster = _setup(base, rows)
    spec = badgekit.DesignSpec(**(PERSONAL if personalised else SHARED))  # type: ignore[arg-type]
    out = base / "out"
    start, cpu = time.perf_counter(), _cpu_seconds()
    summary = run_batch(
        roster,
        achievement=badgekit.Achievement.load(base / "a.toml"),
        key=badgekit.KeyPair.load(base / "k.pem"),
        out_dir=out,
        artwork=ArtworkSource(design=spec, size=600),
        now=NOW,
        jobs=jobs,
        status_list_url="https://example.org/status/1" if status else None,
    )
    seconds = time.perf_counter() - start
    assert summary.issued == rows, summary
    size = sum(p.stat().st_size for p in out.glob("*.png")) / rows
    cpu_ms = (_cpu_seconds() - cpu) * 1000 / rows
    return {
        "rate": rows / seconds,
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "kb": size / 1024,
        "cpu_ms": cpu_ms,
    }


def verify_case(out: Path, jobs: int) -> dict[str, Any]:
    """``verify_batch`` over a batch directory in this process."""
    from badgekit.batch import verify_batch

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, range(os.cpu_count() or 1))
    cpu = _cpu_seconds()
    check = verify_batch(out, jobs=jobs, now=NOW)
    assert check.ok, check.failures[:3]
    cpu_ms = (_cpu_seconds() - cpu) * 1000 / check.files
    return {"rate": check.rate, "seconds": check.seconds, "files": check.files, "cpu_ms": cpu_ms}


def _child(*args: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(sizes: list[int], personal_rows: int, workdir: str | None) -> None:
    """Print the batch section."""
    print(f"batch issuing (PNG 600 px design, eddsa-rdfc-2022, fsync), {os.cpu_count()} CPUs:")
    print(f"  (load average at start: {os.getloadavg()[0]:.2f}; other work on the machine skews")
    print("   badges/s, not CPU-ms/badge)")
    root = Path(tempfile.mkdtemp(prefix="badgekit-bench-", dir=workdir))
    try:
        kept: Path | None = None
        cases = [(n, j, False, False) for n in sizes for j in (1, 2)]
        cases += [(max(sizes), 2, False, True)]
        cases += [(personal_rows, j, True, False) for j in (1, 2)]
        for rows, jobs, personal, status in cases:
            base = root / f"{rows}-{jobs}-{int(personal)}-{int(status)}"
            base.mkdir()
            r = _child("--issue", str(base), str(rows), str(jobs), str(int(personal)),
                       str(int(status)))  # fmt: skip
            label = (
                f"{rows:>6,} rows, --jobs {jobs}, {'personalised' if personal else 'shared'} art"
                + (", status list" if status else "")
            )
            print(
                f"  {label:<52} {r['rate']:7.0f} badges/s  ({r['seconds']:5.1f} s, "
                f"peak {r['peak_mb']:4.0f} MB, {r['kb']:.0f} KB/file, "
                f"{r['cpu_ms']:.2f} CPU-ms/badge)"
            )
            if rows == max(sizes) and not personal and not status and jobs == 2:
                kept = base / "out"
            else:
                shutil.rmtree(base)
        if kept is not None:
            print("verification of the 10k-badge directory (manifest SHA-256 + full verifier):")
            for jobs in (1, 2):
                r = _child("--verify", str(kept), str(jobs))
                print(
                    f"  --jobs {jobs}: {r['rate']:7.0f} files/s ({r['files']:,} files, "
                    f"{r['cpu_ms']:.2f} CPU-ms/file)"
                )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--personal-rows", type=int, default=1000)
    parser.add_argument("--workdir", help="where to write the badges (default: the temp dir)")
    parser.add_argument("--issue", nargs=5, help=argparse.SUPPRESS)
    parser.add_argument("--verify", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.issue:
        base, rows, jobs, personal, status = args.issue
        print(json.dumps(issue_case(Path(base), int(rows), int(jobs), personal == "1",
                                    status == "1")))  # fmt: skip
    elif args.verify:
        print(json.dumps(verify_case(Path(args.verify[0]), int(args.verify[1]))))
    else:
        run(args.sizes, args.personal_rows, args.workdir)


if __name__ == "__main__":
    main()
