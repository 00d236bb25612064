"""``badgekit verify``: check badge files and tell, in plain words, whether each is genuine
(not public API)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click

import badgekit

from ._common import EXISTING_FILE, clean, parse_now

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["COMMANDS", "print_report"]

_MARK = {"passed": "ok", "failed": "FAILED", "warning": "warning", "skipped": "skipped"}
_COLOUR = {"passed": "green", "failed": "red", "warning": "yellow", "skipped": None}
_VERDICT_COLOUR = {"VALID": "green", "UNVERIFIED": "yellow"}
_LONG_TOKEN = re.compile(r"[A-Za-z0-9_-]{28,}")


# Bidirectional overrides and isolates can make text read differently from what it is.


def _short(value: str) -> str:
    return _LONG_TOKEN.sub(lambda m: f"{m.group()[:8]}…{m.group()[-4:]}", value)


def _day(value: Any) -> str | None:
    """``2025-06-01T12:00:00Z`` as ``1 June 2025`` (the raw text when it is not a date)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return value
    when = when.astimezone(UTC) if when.tzinfo else when
    return when.strftime("%d %B %Y").lstrip("0")


def _recipient(report: badgekit.VerificationReport, shown: str | None) -> str | None:
    check = report.check("recipient")
    if shown and shown.startswith("hashed "):
        shown = f"a {shown} address" if shown == "hashed email" else f"a {shown}"
    if check is None or check.status.value == "skipped":
        hint = " (check it with --recipient)" if shown and shown.startswith("a hashed") else ""
        return f"{shown}{hint}" if shown else None
    if check.status.value == "passed":
        return f"{check.message.removeprefix('the badge was issued to ')} (confirmed)"
    return f"{shown or 'unknown'} ({check.message})"


def _badge_lines(report: badgekit.VerificationReport) -> list[tuple[str, str | None]]:
    c = report.credential or {}
    issuer = c.get("issuer_name")
    issuer_id = c.get("issuer_id")
    if issuer and issuer_id:
        issuer = f"{issuer} ({_short(issuer_id)})"
    container = report.check("container")
    carrier = (container.details.get("format") or "").upper() if container else ""
    kind = f"Open Badges {report.version}" if report.version else None
    if kind and carrier:
        kind += f", baked into {'an' if carrier == 'SVG' else 'a'} {carrier} image"
    return [
        ("Badge", c.get("achievement_name") or c.get("name")),
        ("Issuer", issuer or (_short(issuer_id) if issuer_id else None)),
        ("Recipient", _recipient(report, c.get("recipient"))),
        ("Issued", _day(c.get("awarded_date") or c.get("valid_from"))),
        ("Expires", _day(c.get("valid_until")) or ("never" if c.get("valid_from") else None)),
        ("Format", kind),
    ]


def print_report(report: badgekit.VerificationReport) -> None:
    """Print a report for a person: the verdict first, then the badge, then every check."""
    verdict = report.verdict.value
    colour = _VERDICT_COLOUR.get(verdict, "red")
    click.echo(click.style(verdict, fg=colour, bold=True) + f"  {clean(report.source)}")
    click.echo(f"  {clean(report.headline)}")
    lines = [(label, value) for label, value in _badge_lines(report) if value]
    if lines:
        click.echo("")
        if not report.confirmed:  # e.g. a genuine signature by a key that is not the issuer's
            click.echo("  What the file claims (not confirmed by the issuer's signature):")
        for label, value in lines:
            click.echo(f"  {label + ':':<11} {clean(value)}")
    click.echo("")
    click.echo("  Checks:")
    for group in _groups(report.checks):
        first = group[0]
        mark = click.style(f"{_MARK[first.status.value]:<8}", fg=_COLOUR[first.status.value])
        ids = first.id if len(group) == 1 else f"{first.id} … {group[-1].id}"
        click.echo(f"    {mark} {ids:<15}  {clean(first.message)}")
    _print_nested(report)


_NESTED_TITLE = {"endorsement": "Endorsements", "credential": "Credentials in this record"}


def _print_nested(report: badgekit.VerificationReport, indent: str = "  ") -> None:
    """One line per credential the badge carries (an endorsement, a CLR's achievement): its
    verdict, who or what it is, and why; what those carry, indented below."""
    for role in ("credential", "endorsement"):
        rows = [n for n in report.nested if n.role == role]
        if not rows:
            continue
        click.echo("")
        click.echo(f"{indent}{_NESTED_TITLE[role]}:")
        for child in rows:
            summary = child.credential or {}
            if role == "endorsement":
                who = summary.get("issuer_name") or summary.get("issuer_id") or "unnamed"
                what = f"by {_short(str(who))}"
            else:
                what = str(summary.get("achievement_name") or summary.get("name") or "unnamed")
            verdict = child.verdict.value
            colour = _VERDICT_COLOUR.get(verdict, "red")
            mark = click.style(f"{verdict:<13}", fg=colour)
            click.echo(f"{indent}  {mark} {clean(what)}: {clean(child.headline)}")
            _print_nested(child, indent + "    ")


def _groups(checks: Sequence[badgekit.CheckResult]) -> list[list[badgekit.CheckResult]]:
    """Runs of checks skipped for the same reason, shown as one line."""
    out: list[list[badgekit.CheckResult]] = []
    for check in checks:
        last = out[-1][-1] if out else None
        if (
            last is not None
            and check.status.value == last.status.value == "skipped"
            and check.message == last.message
        ):
            out[-1].append(check)
        else:
            out.append([check])
    return out


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
