"""``badgekit achievement new | check`` (not public API)."""

from __future__ import annotations

from pathlib import Path

import click

import badgekit

from .. import _io
from ..credential import starter_file
from ..errors import FileAccessError
from ._common import EXISTING_FILE, echo_json

__all__ = ["COMMANDS"]

_LABEL = {"error": "ERROR  ", "warning": "WARNING", "tip": "TIP    "}


@click.group()
def achievement() -> None:
    """Write and check achievement (badge class) files."""


@achievement.command()
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the starter file here instead of printing it.",
)
@click.option("--force", is_flag=True, help="Overwrite --out if it already exists.")
def new(out: str | None, force: bool) -> None:
    """Write a commented starter achievement file (TOML) that works as it is."""
    text = starter_file()
    if out is None:
        click.echo(text, nl=False)
        return
    if Path(out).exists() and not force:
        msg = f"{out}: already exists (use --force to overwrite it)"
        raise FileAccessError(msg)
    _io.write_atomic(out, text.encode("utf-8"))
    click.echo(f"wrote {out}; edit it, then run: badgekit achievement check {out}", err=True)


@achievement.command()
@click.argument("file", type=EXISTING_FILE)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def check(file: str, as_json: bool) -> None:
    """Check an achievement FILE and score its quality as a badge (exit 1 on errors)."""
    report = badgekit.check_achievement(badgekit.Achievement.load(file))
    if as_json:
        echo_json(
            {
                "file": file,
                "ok": report.ok,
                "score": report.score,
                "findings": [
                    {
                        "severity": f.severity,
                        "field": f.field,
                        "message": f.message,
                        "advice": f.advice,
                    }
                    for f in report.findings
                ],
            }
        )
    else:
        verdict = "ready to issue" if report.ok else "NOT ready to issue"
        click.echo(f"{file}: quality score {report.score}/100, {verdict}")
        for f in report.findings:
            click.echo(f"  {_LABEL[f.severity]} {f.field}: {f.message}")
            click.echo(f"          -> {f.advice}")
        if not report.findings:
            click.echo("  no findings: this is a well-described badge")
    if not report.ok:
        raise click.exceptions.Exit(1)


COMMANDS = (achievement,)
