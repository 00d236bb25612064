"""``badgekit verify``: check badge files and tell, in plain words, whether each is genuine
(not public API)."""

from __future__ import annotations

import json

import click

import badgekit
from badgekit.verify.describe import badge_lines, check_lines, nested_lines

from ._common import EXISTING_FILE, clean, parse_now

__all__ = ["COMMANDS", "print_report"]

_COLOUR = {"passed": "green", "failed": "red", "warning": "yellow", "skipped": None}
_VERDICT_COLOUR = {"VALID": "green", "UNVERIFIED": "yellow"}


def print_report(report: badgekit.VerificationReport) -> None:
    """Print a report for a person: the verdict first, then the badge, then every check."""
    verdict = report.verdict.value
    colour = _VERDICT_COLOUR.get(verdict, "red")
    click.echo(click.style(verdict, fg=colour, bold=True) + f"  {clean(report.source)}")
    click.echo(f"  {clean(report.headline)}")
    lines = badge_lines(report, recipient_hint="with --recipient")
    if lines:
        click.echo("")
        if not report.confirmed:  # e.g. a genuine signature by a key that is not the issuer's
            click.echo("  What the file claims (not confirmed by the issuer's signature):")
        for label, value in lines:
            click.echo(f"  {label + ':':<11} {clean(value)}")
    click.echo("")
    click.echo("  Checks:")
    for line in check_lines(report.checks):
        mark = click.style(f"{line.mark:<8}", fg=_COLOUR[line.status])
        click.echo(f"    {mark} {line.ids:<15}  {clean(line.message)}")
    _print_nested(report)


def _print_nested(report: badgekit.VerificationReport) -> None:
    """One line per credential the badge carries (an endorsement, a CLR's achievement): its
    verdict, who or what it is, and why; what those carry, indented below."""
    for line in nested_lines(report):
        indent = "  " + "    " * line.depth
        if line.title:
            click.echo("")
            click.echo(f"{indent}{line.title}:")
        mark = click.style(f"{line.verdict:<13}", fg=_VERDICT_COLOUR.get(line.verdict, "red"))
        click.echo(f"{indent}  {mark} {clean(line.what)}: {clean(line.headline)}")


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

    Prints a verdict for each file (VALID, NOT VALID, EXPIRED, NOT YET VALID, REVOKED,
    SUSPENDED or UNVERIFIED), the badge, and every check.  Exit status 0 only when every
    file is verified.
    """
    verifier = badgekit.Verifier(
        now=parse_now(now_text), online=online, recipient=recipient, status_file=status_file
    )
    reports = [verifier.verify(f) for f in files]
    if as_json:
        out = [r.to_json() for r in reports]
        click.echo(json.dumps(out[0] if len(out) == 1 else out, indent=2, ensure_ascii=False))
    else:
        for index, report in enumerate(reports):
            if index:
                click.echo("")
            print_report(report)
    if not all(r.verified for r in reports):
        raise SystemExit(1)


COMMANDS = (verify,)
