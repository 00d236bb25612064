"""Checking roster rows before they are issued (not public API).

Each row becomes a :class:`RowSpec` (plain, picklable data for the workers) or a one-line
problem naming the field, reported with the row's line number.  The checks are the ones
:func:`~badgekit.credential.build_credential` makes (recipient kind, date syntax), done early
so that a bad row never reaches a worker; anything found later is still reported per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..credential._dates import parse_datetime
from ..credential._fields import is_email
from ..credential.build import recipient_subject
from ..errors import CredentialError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["DATE_FIELDS", "RowSpec", "check_row", "recipient_key"]

DATE_FIELDS = ("valid_from", "valid_until", "awarded_date")
_EVIDENCE_SPLIT = re.compile(r"\s*\|\s*")
# A name with a tab, a line break or a NUL in it is a roster mistake (a pasted cell), not a
# name: it would garble the certificate and the file name.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: Longest text accepted in one field (narratives included).
MAX_FIELD_CHARS = 20_000


@dataclass(frozen=True)
class RowSpec:
    """A checked row: everything a worker needs to issue its badge.

    :ivar line: the row's (first) line number in the roster.
    :ivar recipient: the recipient as given (email, DID or URL).
    :ivar key: the recipient, normalised (``email:ada@example.org``); one badge per key.
    :ivar slots: design slot values personalised by the row.
    """

    line: int
    recipient: str
    key: str
    name: str | None = None
    evidence: tuple[str, ...] = ()
    narrative: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    awarded_date: str | None = None
    slots: tuple[tuple[str, str], ...] = ()

    @property
    def fields(self) -> dict[str, str]:
        """Text values by field name, for ``{name}`` placeholders in a design."""
        out = {"recipient": self.recipient, "name": self.name or ""}
        for key in ("narrative", *DATE_FIELDS):
            value = getattr(self, key)
            out[key] = value or ""
        return out


def recipient_key(recipient: str) -> str:
    """The identity a badge is issued to, normalised: ``email:<lowercased>`` or the id."""
    value = recipient.strip()
    email = value.removeprefix("mailto:")
    if is_email(email) and not value.startswith(("did:", "http:", "https:", "urn:")):
        return "email:" + email.lower()
    return value


def _control(text: str, multiline: bool) -> str | None:
    """The first control character (C0, DEL, C1) in ``text``; tab and line breaks are allowed
    only in a multi-line field."""
    for found in _CONTROL.finditer(text):
        char = found.group()
        if not (multiline and char in "\t\n\r"):
            return char
    return None


def _text(values: Mapping[str, Any], name: str, *, multiline: bool = False) -> str | None:
    raw = values.get(name)
    if raw is None:
        return None
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        msg = f"{name} must be text"
        raise ValueError(msg)
    text = str(raw).strip()
    if len(text) > MAX_FIELD_CHARS:
        msg = f"{name} is longer than {MAX_FIELD_CHARS:,} characters"
        raise ValueError(msg)
    bad = _control(text, multiline)
    if bad is not None:
        msg = f"{name} contains a control character (U+{ord(bad):04X}); remove it from the roster"
        raise ValueError(msg)
    return text or None


def _evidence(raw: Any) -> tuple[str, ...]:
    if raw is None or raw == "":
        return ()
    items = raw if isinstance(raw, list) else _EVIDENCE_SPLIT.split(str(raw))
    if not all(isinstance(i, str) for i in items):
        msg = "evidence must be text or a list of texts"
        raise ValueError(msg)
    return tuple(i.strip() for i in items if i.strip())


def check_row(line: int, values: Mapping[str, Any]) -> RowSpec | str:
    """Check one row's fields (already mapped from columns).

    :returns: the :class:`RowSpec`, or a one-line problem (without the line number).
    """
    try:
        recipient = _text(values, "recipient")
        if recipient is None:
            return "missing recipient (an email, a DID or a URL)"
        if "@" in recipient and not recipient.startswith(("did:", "http", "urn:")):
            if not is_email(recipient.removeprefix("mailto:")):
                return f"invalid email address {recipient!r}"
        try:
            recipient_subject(recipient, salt="")
        except CredentialError as e:
            return str(e)
        dates = {}
        for name in DATE_FIELDS:
            text = _text(values, name)
            if text is not None:
                try:
                    parse_datetime(text, field=name)
                except CredentialError:
                    return f"{name} {text!r} is not an ISO 8601 date (YYYY-MM-DD) or date-time"
            dates[name] = text
        slots = tuple(
            (k[5:], _text(values, k) or "")
            for k, v in values.items()
            if k.startswith("slot.") and v
        )
        return RowSpec(
            line=line,
            recipient=recipient,
            key=recipient_key(recipient),
            name=_text(values, "name"),
            evidence=_evidence(values.get("evidence")),
            narrative=_text(values, "narrative", multiline=True),
            slots=slots,
            **dates,
        )
    except ValueError as e:
        return str(e)
