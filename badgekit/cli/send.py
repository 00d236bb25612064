"""``badgekit send``: email every earner of a batch their badge (not public API)."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

import badgekit
from badgekit.batch import MANIFEST
from badgekit.deliver import DEFAULT_SUBJECT, JOURNAL, MessageTemplate, SendProgress, parse_rate
from badgekit.errors import DeliveryError

from ._common import EXISTING_FILE, clean, stoppable

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from badgekit.deliver.smtp import Security

__all__ = ["COMMANDS"]

_DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}


def _server(text: str, security: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:25`` for IPv6; the port defaults to 25, 587 or 465)."""
    host, sep, port = text.rpartition(":")
    if not sep or (host.count(":") and not host.startswith("[")):
        host, port = text, ""
    host = host.strip("[]")
    if not host or (port and not port.isdigit()) or (port and not 0 < int(port) < 65536):
        msg = f"{text!r}: expected HOST:PORT, e.g. smtp.example.org:587"
        raise click.BadParameter(msg, param_hint="--smtp")
    return host, int(port) if port else _DEFAULT_PORTS[security]


def _password(user: str | None, var: str | None) -> str | None:
    if var is not None and user is None:
        msg = "--password-env needs --user (the account to log in as)"
        raise DeliveryError(msg)
    if user is None:
        return None
    if var is None:
        msg = "--user needs --password-env VAR, with the password in $VAR (never in the command)"
        raise DeliveryError(msg)
    value = os.environ.get(var)
    if not value:
        msg = f"environment variable {var} (from --password-env) is not set or empty"
        raise DeliveryError(msg)
    return value


def _count(manifest: Path) -> int:
    """Badges in the manifest (a quick pass, for the progress bar's total)."""
    try:
        with manifest.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 0  # the library reports a missing manifest


class _Plain:
    """Progress as plain lines (not a terminal): about every 10%."""

    def __init__(self, total: int) -> None:
        self.step = max(1, total // 10)
        self.next = self.step

    def __call__(self, p: SendProgress) -> None:
        if p.done >= self.next or p.done == p.total:
            click.echo(f"send: {p.done:,}/{p.total:,} ({p.sent:,} sent, {p.problems:,} not)",
                       err=True)  # fmt: skip
            self.next = (p.done // self.step + 1) * self.step


@contextlib.contextmanager
def _progress(total: int, quiet: bool, verb: str) -> Iterator[Callable[[SendProgress], None]]:
    if quiet:
        yield lambda p: None
        return
    if not sys.stderr.isatty():
        yield _Plain(total)
        return
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
        TextColumn(f"[bold]{verb}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[problems]} not sent"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(verb, total=total, problems=0)

        def update(p: SendProgress) -> None:
            bar.update(task, completed=p.done, problems=p.problems)

        yield update


def _report(summary: badgekit.SendSummary) -> None:
    if summary.dry_run:
        click.echo(f"wrote {summary.sent:,} messages to {summary.outbox} (nothing sent)", err=True)
    else:
        click.echo(
            f"sent {summary.sent:,} badges in {summary.seconds:.1f}s; {summary.already_sent:,} "
            f"sent before; {summary.failed:,} refused, {summary.deferred:,} deferred, "
            f"{summary.bad_address:,} bad addresses",
            err=True,
        )
    for r in summary.problems:
        to = f" <{clean(r.to)}>" if r.to else ""
        click.echo(f"  {r.outcome.upper()} {r.file}{to}: {clean(r.reply or '')}", err=True)
    for r in summary.without_address:
        click.echo(f"  not sent (no email address): {r.file}: {r.reply}", err=True)
    if summary.journal:
        click.echo(f"  journal: {summary.journal}", err=True)
    if summary.problems:
        click.echo("  run the same command again to retry the ones not sent", err=True)


@click.command()
@click.argument("batch_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--smtp", "smtp_text", metavar="HOST:PORT",
              help="The issuer's SMTP server (port default: 25, 587 with --starttls, 465 "
              "with --ssl).")  # fmt: skip
@click.option("--from", "sender", required=True, metavar='"NAME <ADDRESS>"',
              help='The sender, e.g. "PD Office <pd@example.org>".')  # fmt: skip
@click.option("--starttls", "security", flag_value="starttls",
              help="Upgrade the connection to TLS (usually port 587).")  # fmt: skip
@click.option("--ssl", "security", flag_value="ssl",
              help="TLS from the first byte (usually port 465).")  # fmt: skip
@click.option("--user", help="Log in as this account.")
@click.option("--password-env", metavar="VAR",
              help="Name of the environment variable holding the password (never the "
              "password).")  # fmt: skip
@click.option("--cafile", type=EXISTING_FILE,
              help="Trust these CA certificates (PEM) for the server's TLS.")  # fmt: skip
@click.option("--subject", default=DEFAULT_SUBJECT, show_default=True,
              help="The subject line; fields allowed.")  # fmt: skip
@click.option("--message", "message_file", type=EXISTING_FILE,
              help="The message, Markdown with {name} {badge} {issuer} {verify_url} "
              "{linkedin_url} (default: the message that ships).")  # fmt: skip
@click.option("--rate", "rate_text", metavar="N/min",
              help="Send at most N messages a minute (your server's limit).")  # fmt: skip
@click.option("--dry-run", is_flag=True,
              help="Write the messages as .eml files instead of sending.")  # fmt: skip
@click.option("--outbox", type=click.Path(file_okay=False),
              help="Folder for --dry-run's .eml files (default: BATCH_DIR/outbox).")  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
def send(
    batch_dir: str,
    smtp_text: str | None,
    sender: str,
    security: str | None,
    user: str | None,
    password_env: str | None,
    cafile: str | None,
    subject: str,
    message_file: str | None,
    rate_text: str | None,
    dry_run: bool,
    outbox: str | None,
    quiet: bool,
) -> None:
    """Email every earner of a batch their badge, through your SMTP server.

    One message per badge in BATCH_DIR (the --out-dir of badgekit batch), to the address of
    its roster row, with the badge attached.  Each step goes into BATCH_DIR/sent.jsonl:
    interrupted or killed, run the same command again and only what the server has not
    accepted is sent.  Exit status 1 when a badge could not be sent.
    """
    mode = security or "none"
    smtp = None
    if dry_run:
        if smtp_text:
            msg = "--dry-run sends nothing: leave out --smtp, or --dry-run"
            raise click.UsageError(msg)
    elif not smtp_text:
        msg = "give --smtp HOST:PORT (or --dry-run to write the messages to files)"
        raise click.UsageError(msg)
    else:
        host, port = _server(smtp_text, mode)
        smtp = badgekit.SmtpSettings(
            host,
            port,
            cast("Security", mode),
            user=user,
            password=_password(user, password_env),
            cafile=cafile,
        )
    template = (
        MessageTemplate.load(message_file, subject=subject)
        if message_file
        else badgekit.deliver.default_template(subject)
    )
    rate = parse_rate(rate_text) if rate_text else None
    total = _count(Path(batch_dir) / MANIFEST)
    kept = (
        f"what the server accepted is recorded in {Path(batch_dir) / JOURNAL}; run the same "
        "command again to send the rest"
    )
    with (
        stoppable(kept),
        _progress(total, quiet, "writing" if dry_run else "sending") as progress,
    ):
        summary = badgekit.send_batch(
            batch_dir,
            sender=sender,
            smtp=smtp,
            template=template,
            rate=rate,
            dry_run=(outbox or str(Path(batch_dir) / "outbox")) if dry_run else None,
            progress=progress,
        )
    _report(summary)
    if not summary.ok:
        raise SystemExit(1)


COMMANDS = (send,)
