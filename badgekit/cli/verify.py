"""``badgekit verify``: check badge files and tell, in plain words, whether each is genuine
(not public API)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import click

import badgekit

from ._common import EXISTING_FILE

__all__ = ["COMMANDS", "parse_now", "print_report"]

_MARK = {"passed": "ok  ", "failed": "FAIL", "warning": "warn", "skipped": "skip"}


def parse_now(value: str | None) -> datetime | None:
    """Parse ``--now`` (ISO 8601; a value without a zone is UTC)."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        msg = f"--now {value!r} is not an ISO 8601 date-time"
        raise click.BadParameter(msg) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _line(label: str, value: Any) -> None:
    if value:
        click.echo(f"  {label:<11} {value}")


def print_report(report: badgekit.VerificationReport) -> None:
    """Print a report for a person: verdict first, then the badge, then every check."""
    colour = (
        "green" if report.verified else "yellow" if report.verdict.value == "UNVERIFIED" else "red"
    )
    click.echo(f"{report.source}: " + click.style(report.verdict.value, fg=colour, bold=True))
    c = report.credential or {}
    if c:
        _line("badge", c.get("achievement_name") or c.get("name"))
        _line("issuer", c.get("issuer_name") or c.get("issuer_id"))
        _line("recipient", c.get("recipient"))
        _line("issued", c.get("awarded_date") or c.get("valid_from"))
        _line("expires", c.get("valid_until"))
        _line("version", f"Open Badges {report.version}" if report.version else None)
    for check in report.checks:
        click.echo(f"  [{_MARK[check.status.value]}] {check.id}: {check.message}")


@click.command()
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (an array for several files).")
@click.option(
    "--online",
    is_flag=True,
    help="Allow network lookups: did:web, HTTPS keys, status lists, OB 2.0 hosts.",
)
@click.option(
    "--now", "now_text", metavar="ISO8601", help="Check dates as of this time (default: now)."
)
@click.option(
    "--recipient", metavar="EMAIL|ID", help="Also check that the badge was issued to this person."
)
@click.option(
    "--status-file",
    type=click.Path(exists=True),
    help="A status list file or directory to check revocation offline.",
)
def verify(
    files: tuple[str, ...],
    as_json: bool,
    online: bool,
    now_text: str | None,
    recipient: str | None,
    status_file: str | None,
) -> None:
    """Verify badge FILES: baked PNG or SVG (OB 3.0 or 2.0), credential JSON, or a JWS.

    Exit status 0 only when every file is verified.
    """
    verifier = badgekit.Verifier(
        now=parse_now(now_text), online=online, recipient=recipient, status_file=status_file
    )
    reports = [verifier.verify(f) for f in files]
    if as_json:
        out = [r.to_json() for r in reports]
        click.echo(json.dumps(out[0] if len(out) == 1 else out, indent=2, ensure_ascii=False))
    else:
        for report in reports:
            print_report(report)
    if not all(r.verified for r in reports):
        raise SystemExit(1)


COMMANDS = (verify,)
