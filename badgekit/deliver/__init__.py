"""Sending badges: email every earner of a batch their badge through the issuer's SMTP server.

:func:`send_batch` reads a batch directory (its manifest and ``contacts.jsonl``), writes one
message per badge from a Markdown template (:class:`MessageTemplate`, with
:func:`default_template` as the message that ships) and sends it with retries, a rate limit
and a journal (``sent.jsonl``) that makes a rerun send only what is left.  The facade
(:mod:`badgekit`) re-exports the public names.
"""

from __future__ import annotations

from .api import send_batch
from .journal import JOURNAL
from .rate import parse_rate
from .results import SendOutcome, SendProgress, SendResult, SendSummary
from .smtp import SmtpSettings
from .template import DEFAULT_SUBJECT, FIELDS, MessageTemplate, default_template

__all__ = [
    "DEFAULT_SUBJECT",
    "FIELDS",
    "JOURNAL",
    "MessageTemplate",
    "SendOutcome",
    "SendProgress",
    "SendResult",
    "SendSummary",
    "SmtpSettings",
    "default_template",
    "parse_rate",
    "send_batch",
]
