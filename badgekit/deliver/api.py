"""``send_batch``: email every earner of a batch their badge, resumably (not public API;
re-exported by :mod:`badgekit.deliver` and :mod:`badgekit`).

Order of work, so that a kill at any moment sends nothing twice that SMTP could have told
apart:

1. everything that can be wrong before the first message is checked first: the sender, the
   template (its fields), the batch directory and its contacts, the server (connect, TLS,
   login);
2. for each issued badge, in manifest order: skip it if the journal says it was accepted;
   skip it (and say why) if it has no usable address; otherwise build its message, journal
   ``sending`` with its Message-ID, send it with retries, journal the outcome;
3. the summary.  A badge that failed is sent again by the next run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from pathlib import Path
from typing import TYPE_CHECKING

from .._io import read_bytes, write_atomic
from ..errors import BadgekitError, DeliveryError, FileAccessError
from .contacts import Recipient, load_contacts
from .fields import read_badge, verify_page
from .journal import JOURNAL, Journal, JournalEntry, read_journal
from .message import Badge, address_problem, build_message, new_message_id, parse_sender
from .rate import RateLimiter
from .results import SendProgress, SendResult, SendSummary
from .smtp import SmtpConnection, SmtpSettings, deliver
from .template import MessageTemplate, default_template

if TYPE_CHECKING:
    import os
    from collections.abc import Callable

    from .journal import Status

__all__ = ["send_batch"]


def _utc(now: Callable[[], datetime]) -> datetime:
    when = now()
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)


def _stamp(when: datetime) -> str:
    return when.replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class _Run:
    """One run's fixed parts (so the loop's steps stay small)."""

    batch_dir: Path
    sender: tuple[str, str]
    template: MessageTemplate
    site_verify: str | None
    now: Callable[[], datetime]

    def message(self, r: Recipient, email: str, message_id: str) -> bytes:
        """The message for one earner, as the bytes that go to the server.

        :raises BadgekitError: the badge file is missing, changed or unreadable.
        """
        data = read_bytes(self.batch_dir / r.file)
        facts = read_badge(data, sha256=r.sha256, site_verify=self.site_verify)
        fmt = "svg" if r.file.lower().endswith(".svg") else "png"
        badge = Badge(data, fmt, f"{facts.slug}.{fmt}", alt=f"{facts.badge} badge")
        msg = build_message(
            self.template.render(facts.values(r.name)),
            sender=self.sender,
            to=(r.name, email),
            badge=badge,
            message_id=message_id,
            date=_utc(self.now),
        )
        international = not (email + self.sender[1]).isascii()  # RFC 6531 SMTPUTF8
        return msg.as_bytes(policy=policy.SMTPUTF8 if international else policy.SMTP)


def _skip(r: Recipient) -> SendResult | None:
    """The result of a badge that is not sent for want of an address (else ``None``)."""
    if r.email is None:
        why = (
            "no contact recorded for it in contacts.jsonl"
            if r.no_contact
            else "issued to a DID or URL, not an email address"
        )
        return SendResult(r.credential_id, r.file, None, "no_address", why)
    problem = address_problem(r.email)
    if problem is not None:
        return SendResult(r.credential_id, r.file, r.email, "bad_address", problem)
    return None


def send_batch(
    batch_dir: str | os.PathLike[str],
    *,
    sender: str,
    smtp: SmtpSettings | None = None,
    template: MessageTemplate | None = None,
    rate: float | None = None,
    dry_run: str | os.PathLike[str] | None = None,
    progress: Callable[[SendProgress], None] | None = None,
    now: Callable[[], datetime] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    max_attempts: int = 5,
    backoff: float = 2.0,
) -> SendSummary:
    """Email each earner of a batch their badge through the issuer's SMTP server.

    >>> summary = send_batch("out", sender="PD Office <pd@example.org>",
    ...                      smtp=SmtpSettings("smtp.example.org", 587, "starttls",
    ...                                        user="pd", password=os.environ["SMTP_PASSWORD"]))
    ... # doctest: +SKIP

    One message per issued badge, to the address in the batch's ``contacts.jsonl``, with the
    badge attached and shown.  Resumable: ``sent.jsonl`` records each step, and a rerun skips
    what the server accepted and sends the rest (a message whose fate is unknown goes again
    with the same Message-ID).

    :param sender: the From, ``"PD Office <pd@example.org>"``.
    :param smtp: the server; ``None`` only with ``dry_run``.
    :param template: the message (default: :func:`~badgekit.deliver.default_template`).
    :param rate: at most this many messages per minute.
    :param dry_run: write each message as ``<badge file>.eml`` into this folder instead of
        sending (created owner-only: the messages hold addresses).
    :param progress: called with :class:`SendProgress` after each badge.
    :param now: the clock for Date headers and the journal (UTC).
    :param sleep: how to wait between retries and for the rate (injected in tests).
    :param clock: monotonic seconds for the rate (injected in tests).
    :param max_attempts: tries per message for 4xx answers and dropped connections.
    :param backoff: seconds before the first retry; doubled for each next one.
    :returns: the :class:`SendSummary`.
    :raises DeliveryError: a bad sender, batch directory or template, before any message.
    :raises SmtpError: the server cannot be reached, refuses the login (:class:`SmtpAuthError`),
        fails TLS (:class:`TlsError`), refuses the sender, or is lost for good mid-run (the
        journal keeps what was sent; run again to send the rest).
    """
    start = time.perf_counter()
    if (smtp is None) == (dry_run is None):
        msg = "give the SMTP server to send through, or a dry-run folder, not both"
        raise DeliveryError(msg)
    if smtp is not None:
        smtp.check()
    from_ = parse_sender(sender)
    template = template or default_template()
    contacts = load_contacts(batch_dir)
    run = _Run(
        contacts.batch_dir,
        from_,
        template,
        verify_page(contacts.base_url),
        now or (lambda: datetime.now(UTC)),
    )
    recipients = contacts.recipients
    report = _Progress(len(recipients), progress)
    if dry_run is not None:
        outbox = _outbox(Path(dry_run))
        done = read_journal(run.batch_dir / JOURNAL)
        for r in recipients:
            report.add(_write(run, r, outbox, done.get(r.credential_id)))
        return SendSummary.of(
            report.results,
            seconds=time.perf_counter() - start,
            dry_run=True,
            journal=None,
            outbox=str(outbox),
        )
    assert smtp is not None
    journal = Journal(run.batch_dir)
    connection = SmtpConnection(smtp)
    limiter = RateLimiter(rate, clock=clock, sleep=sleep)
    polite = False
    try:
        connection.open()  # a refused login or bad TLS stops here, before any message
        for r in recipients:
            report.add(_send(run, r, journal, connection, limiter, sleep, max_attempts, backoff))
        polite = True
    finally:
        connection.close(polite=polite)
        journal.close()
    return SendSummary.of(
        report.results,
        seconds=time.perf_counter() - start,
        dry_run=False,
        journal=str(journal.path),
        outbox=None,
    )


class _Progress:
    def __init__(self, total: int, callback: Callable[[SendProgress], None] | None) -> None:
        self.total = total
        self.callback = callback
        self.results: list[SendResult] = []
        self.sent = self.problems = 0

    def add(self, result: SendResult) -> None:
        self.results.append(result)
        self.sent += result.outcome in ("accepted", "written")
        self.problems += result.outcome in ("failed", "deferred", "bad_address")
        if self.callback is not None:
            self.callback(SendProgress(len(self.results), self.total, self.sent, self.problems))


def _outbox(path: Path) -> Path:
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as e:
        msg = f"{path}: cannot create the dry-run folder ({e.strerror or e})"
        raise FileAccessError(msg) from None
    if not path.is_dir():
        msg = f"{path}: not a folder"
        raise DeliveryError(msg)
    return path


def _write(run: _Run, r: Recipient, outbox: Path, last: JournalEntry | None) -> SendResult:
    if last is not None and last.status == "accepted":
        return SendResult(r.credential_id, r.file, r.email, "already_sent", last.reply)
    skipped = _skip(r)
    if skipped is not None:
        return skipped
    assert r.email is not None
    message_id = last.message_id if last is not None else new_message_id(run.sender[1])
    try:
        data = run.message(r, r.email, message_id)
    except BadgekitError as e:
        return SendResult(r.credential_id, r.file, r.email, "failed", str(e))
    name = f"{Path(r.file).stem}.eml"
    write_atomic(outbox / name, data, mode=0o600)
    return SendResult(r.credential_id, r.file, r.email, "written", str(outbox / name), message_id)


def _send(
    run: _Run,
    r: Recipient,
    journal: Journal,
    connection: SmtpConnection,
    limiter: RateLimiter,
    sleep: Callable[[float], None],
    max_attempts: int,
    backoff: float,
) -> SendResult:
    if journal.accepted(r.credential_id):
        reply = journal.last[r.credential_id].reply
        return SendResult(r.credential_id, r.file, r.email, "already_sent", reply)
    skipped = _skip(r)
    if skipped is not None:
        return skipped
    email = r.email
    assert email is not None
    # A message already tried keeps its Message-ID: if its 250 was lost, the copy is known.
    message_id = journal.message_id(r.credential_id) or new_message_id(run.sender[1])
    try:
        data = run.message(r, email, message_id)
    except BadgekitError as e:
        return SendResult(r.credential_id, r.file, email, "failed", str(e))

    def entry(status: Status, attempt: int, reply: str | None = None) -> JournalEntry:
        when = _stamp(_utc(run.now))
        return JournalEntry(r.credential_id, message_id, email, status, when, attempt, reply)

    journal.record(entry("sending", 1))
    done = deliver(
        connection,
        data,
        sender=run.sender[1],
        recipient=email,
        limiter=limiter,
        sleep=sleep,
        on_retry=lambda attempt, reply: journal.record(entry("retrying", attempt, reply)),
        max_attempts=max_attempts,
        backoff=backoff,
    )
    journal.record(entry(done.status, done.attempts, done.reply))
    return SendResult(
        r.credential_id, r.file, email, done.status, done.reply, message_id, done.attempts
    )
