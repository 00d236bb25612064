"""``badgekit batch``: issue a badge to every row of a roster (not public API)."""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

import badgekit
from badgekit.batch import (
    MANIFEST,
    ArtworkSource,
    BatchProgress,
    count_rows,
    run_batch,
    verify_batch,
)
from badgekit.issue import achievement_design

from .. import _io
from ._common import EXISTING_FILE, PASSPHRASE_HELP, load_key, parse_now, stoppable

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from contextlib import AbstractContextManager

__all__ = ["COMMANDS"]


def _columns(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, header = value.partition("=")
        if not sep or not name.strip() or not header.strip():
            msg = f"--column {value!r}: expected FIELD=HEADER (e.g. recipient='E-mail address')"
            raise click.BadParameter(msg, param_hint="--column")
        out[name.strip()] = header.strip()
    return out


def _artwork(
    achievement: badgekit.Achievement,
    design_file: str | None,
    image_file: str | None,
    fmt: str | None,
    size: int | None,
) -> ArtworkSource:
    if design_file and image_file:
        msg = "give --design or --image, not both"
        raise click.UsageError(msg)
    if image_file:
        image = _io.read_bytes(image_file)
        kind = badgekit.sniff(image)
        if fmt and fmt != kind:
            msg = f"--image is {kind.upper()} but --format is {fmt}"
            raise click.BadParameter(msg, param_hint="--format")
        return ArtworkSource(image=image, fmt=kind)
    spec = badgekit.DesignSpec.load(design_file) if design_file else achievement_design(achievement)
    if spec is None:
        msg = "no artwork: give --design design.toml or --image FILE (or a [design] in the "
        msg += "achievement)"
        raise click.UsageError(msg)
    return ArtworkSource(
        design=spec,
        fmt="svg" if fmt == "svg" else "png",
        size=size or spec.sizes[0],
    )


class _Plain:
    """Progress as plain lines (not a terminal): about every 10% or 1,000 rows."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.step = max(1, min(1000, total // 10 or 1))
        self.next = self.step

    def __call__(self, p: BatchProgress) -> None:
        if p.rows >= self.next:
            click.echo(
                f"batch: {p.rows:,}/{self.total:,} rows ({p.issued:,} issued, "
                f"{p.skipped:,} already done, {p.errors + p.duplicates:,} bad)",
                err=True,
            )
            self.next = (p.rows // self.step + 1) * self.step


def _progress(total: int, quiet: bool) -> AbstractContextManager[Callable[[BatchProgress], None]]:

    @contextlib.contextmanager
    def plain() -> Iterator[Callable[[BatchProgress], None]]:
        yield _Plain(total) if not quiet else (lambda p: None)

    if quiet or not sys.stderr.isatty():
        return plain()

    @contextlib.contextmanager
    def bar() -> Iterator[Callable[[BatchProgress], None]]:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        columns: Any = (
            TextColumn("[bold]issuing"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]:>7.0f} rows/s"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=Console(stderr=True)) as bar:
            task = bar.add_task("batch", total=total, rate=0.0)

            def update(p: BatchProgress) -> None:
                speed = bar.tasks[0].speed or 0.0
                bar.update(task, completed=p.rows, rate=speed)

            yield update

    return bar()


@click.command()
@click.option("--achievement", "achievement_file", required=True, type=EXISTING_FILE,
              help="The achievement (badge class) file: TOML, JSON or YAML.")  # fmt: skip
@click.option("--key", "key_file", required=True, type=EXISTING_FILE,
              help="The issuer's private key file.")  # fmt: skip
@click.option("--passphrase-env", metavar="VAR", help=PASSPHRASE_HELP)
@click.option("--recipients", "roster", required=True, type=EXISTING_FILE,
              help="The roster: .csv (with a header) or .jsonl.")  # fmt: skip
@click.option("--out-dir", required=True, type=click.Path(file_okay=False),
              help="Where badges, manifest.jsonl, errors.jsonl and summary.json go.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["png", "svg"]),
              help="Output format (default: PNG, or the --image's format).")  # fmt: skip
@click.option("--design", "design_file", type=EXISTING_FILE,
              help="A design.toml; values may use {name}-style roster fields.")  # fmt: skip
@click.option("--image", "image_file", type=EXISTING_FILE, help="Fixed artwork, PNG or SVG.")
@click.option("--size", type=click.IntRange(16, 4096), help="PNG size for --design (px).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="CPU count", help="Worker processes.")  # fmt: skip
@click.option("--suite", default=badgekit.proofs.DEFAULT_SUITE, show_default=True,
              type=click.Choice(badgekit.proofs.SIGNING_SUITES),
              help="Proof format (ecdsa-rdfc-2019 for P-256/P-384 keys).")  # fmt: skip
@click.option("--status-list", "status_list_url", metavar="URL",
              help="Give each badge a revocation index in the list published at URL "
                   "(default with --base-url: BASE/status/BATCH-ID.json).")  # fmt: skip
@click.option("--base-url", metavar="URL",
              help="The issuer's site (badgekit publish): achievement pages, did:web issuer "
                   "and status list there.")  # fmt: skip
@click.option("--column", "column_specs", multiple=True, metavar="FIELD=HEADER",
              help="Map a roster column to a field (repeatable).")  # fmt: skip
@click.option("--now", "now_text", metavar="ISO8601", help="Issue as of this time (default: now).")
@click.option("--chunk-size", type=click.IntRange(1, 10_000), default=64, show_default=True,
              help="Rows per unit of work (and per fsync of the manifest).")  # fmt: skip
@click.option("--unordered", is_flag=True, help="Write the manifest in completion order.")
@click.option("--verify-all", is_flag=True,
              help="Run the full verifier on every badge (default: a sample).")  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
def batch(
    achievement_file: str,
    key_file: str,
    passphrase_env: str | None,
    roster: str,
    out_dir: str,
    fmt: str | None,
    design_file: str | None,
    image_file: str | None,
    size: int | None,
    jobs: int,
    suite: str,
    status_list_url: str | None,
    base_url: str | None,
    column_specs: tuple[str, ...],
    now_text: str | None,
    chunk_size: int,
    unordered: bool,
    verify_all: bool,
    quiet: bool,
) -> None:
    """Issue a badge to every row of a roster, resumably.

    Each good row gets one signed, baked file in OUT_DIR and a line in manifest.jsonl; bad rows
    are listed with their line numbers in errors.jsonl.  Killed or interrupted, run the same
    command again: it finishes the rest without issuing anything twice.  Exit status 1 when
    any row could not be issued.
    """
    columns = _columns(column_specs)
    achievement = badgekit.Achievement.load(achievement_file)
    artwork = _artwork(achievement, design_file, image_file, fmt, size)
    key = load_key(key_file, passphrase_env)
    total = count_rows(roster)
    kept = (
        f"the badges recorded in {Path(out_dir) / MANIFEST} are kept; run the same command "
        "again to issue the rest"
    )
    with stoppable(kept), _progress(total, quiet) as progress:
        summary = run_batch(
            roster,
            achievement=achievement,
            key=key,
            out_dir=out_dir,
            artwork=artwork,
            suite=suite,
            now=parse_now(now_text),
            jobs=jobs,
            columns=columns,
            status_list_url=status_list_url,
            chunk_size=chunk_size,
            ordered=not unordered,
            verify="all" if verify_all else "sample",
            progress=progress,
            base_url=base_url,
        )
    bad = summary.errors + summary.duplicates
    click.echo(
        f"issued {summary.issued:,} badges in {summary.seconds:.1f}s ({summary.rate:,.0f}/s); "
        f"{summary.skipped:,} already done; {summary.errors:,} bad rows, "
        f"{summary.duplicates:,} duplicates",
        err=True,
    )
    click.echo(f"  manifest: {summary.manifest}", err=True)
    if bad:
        click.echo(f"  errors:   {summary.errors_file} (with line numbers)", err=True)
    if summary.status_list_file:
        click.echo(
            f"  status list: {summary.status_list_file} -> publish at {summary.status_list_url}",
            err=True,
        )
    if base_url:
        args = ["--achievement", achievement_file, "--key", key_file, "--base-url", base_url]
        command = shlex.join(["badgekit", "publish", *args, "--batch", out_dir])
        click.echo(f"  publish the site: {command} --out SITE", err=True)
    if bad:
        raise SystemExit(1)


@click.command("verify-batch")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="CPU count", help="Worker processes.")  # fmt: skip
@click.option("--now", "now_text", metavar="ISO8601", help="Check dates as of this time.")
@click.option("--status-file", type=click.Path(exists=True),
              help="Status list for revocation (default: the batch's).")  # fmt: skip
def verify_batch_command(
    out_dir: str, jobs: int, now_text: str | None, status_file: str | None
) -> None:
    """Verify every badge of a batch directory (against its manifest's SHA-256 when present).

    Exit status 0 only when every badge verified.
    """
    default_status = Path(out_dir) / "status-list.json"
    if status_file is None and default_status.exists():
        status_file = str(default_status)
    check = verify_batch(out_dir, jobs=jobs, now=parse_now(now_text), status_file=status_file)
    for name, reason in check.failures:
        click.echo(f"FAIL {name}: {reason}")
    click.echo(
        f"{check.files - len(check.failures):,} of {check.files:,} badges verified "
        f"in {check.seconds:.1f}s ({check.rate:,.0f}/s)",
        err=True,
    )
    if not check.ok:
        raise SystemExit(1)


COMMANDS = (batch, verify_batch_command)
