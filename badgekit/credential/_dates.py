"""Date and time helpers for credentials (not public API).

Credentials carry ``xsd:dateTime`` strings; badgekit writes them in UTC with second precision
and a ``Z`` (ob3-spec.md §2.1 ``DateTimeZ``).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

from ..errors import CredentialError

__all__ = ["format_datetime", "parse_datetime", "to_utc"]

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: RFC 3339 date-time, as the JSON Schema ``date-time`` format asks (zone required).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def to_utc(value: datetime | date | str, *, field: str = "date") -> datetime:
    """Return ``value`` as an aware UTC datetime (naive values are taken as UTC).

    :param value: a datetime, a date (midnight UTC) or an ISO 8601 string.
    :param field: the name used in error messages.
    :raises CredentialError: a string that is not an ISO 8601 date or date-time.
    """
    if isinstance(value, str):
        return parse_datetime(value, field=field)
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    msg = f"{field}: expected a datetime or an ISO 8601 string, got {type(value).__name__}"
    raise TypeError(msg)


def parse_datetime(text: str, *, field: str = "date") -> datetime:
    """Parse an ISO 8601 date or date-time; a missing zone means UTC.

    :raises CredentialError: the text is not an ISO 8601 date or date-time.
    """
    s = text.strip()
    try:
        if _DATE_ONLY.match(s):
            return datetime.combine(date.fromisoformat(s), time(), tzinfo=UTC)
        parsed = datetime.fromisoformat(s[:-1] + "+00:00" if s[-1:] in "Zz" and s else s)
    except ValueError:
        msg = f"{field}: {text!r} is not an ISO 8601 date or date-time (e.g. 2026-09-01T12:00:00Z)"
        raise CredentialError(msg) from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def format_datetime(value: datetime) -> str:
    """Format an aware datetime as ``YYYY-MM-DDTHH:MM:SSZ`` in UTC (second precision)."""
    return to_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")
