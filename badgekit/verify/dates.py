"""The ``dates`` check: not yet valid, expired (not public API; ob3-spec.md §4 step 4)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .report import CheckResult, CheckStatus

__all__ = ["check_dates", "parse_when"]

# (start, end) property names per data model: VCDM 2.0, VCDM 1.1 (§2.2), OB 2.0 (§1.3).
_FIELDS = {
    "3.0-vcdm2": ("validFrom", "validUntil"),
    "3.0-vcdm1.1": ("issuanceDate", "expirationDate"),
    "2.0": ("issuedOn", "expires"),
}


def parse_when(value: Any) -> datetime | None:
    """Parse an ISO 8601 date-time (``Z`` or offset; a bare date or time means UTC)."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _day(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%d %B %Y").lstrip("0")


def check_dates(credential: dict[str, Any], version: str, now: datetime) -> CheckResult:
    """Check the validity period of ``credential`` at ``now``."""
    start_key, end_key = _FIELDS.get(version, _FIELDS["3.0-vcdm2"])
    raw_start, raw_end = credential.get(start_key), credential.get(end_key)
    start, end = parse_when(raw_start), parse_when(raw_end)
    details = {"valid_from": raw_start, "valid_until": raw_end, "now": now.isoformat()}
    if raw_start is not None and start is None:
        msg = f"{start_key} {raw_start!r} is not a valid date"
        return CheckResult("dates", CheckStatus.FAILED, "bad_date", msg, details)
    if raw_end is not None and end is None:
        msg = f"{end_key} {raw_end!r} is not a valid date"
        return CheckResult("dates", CheckStatus.FAILED, "bad_date", msg, details)
    if start is not None and now < start:
        msg = f"this badge is not valid yet: it becomes valid on {_day(start)}"
        return CheckResult("dates", CheckStatus.FAILED, "not_yet_valid", msg, details)
    if end is not None and now >= end:
        msg = f"this badge expired on {_day(end)}"
        return CheckResult("dates", CheckStatus.FAILED, "expired", msg, details)
    if start is None and version != "2.0":
        msg = f"the credential has no {start_key}"
        return CheckResult("dates", CheckStatus.FAILED, "missing_date", msg, details)
    until = f", until {_day(end)}" if end else " with no expiry date"
    since = f"since {_day(start)}" if start else "(no issue date)"
    return CheckResult("dates", CheckStatus.PASSED, "ok", f"valid {since}{until}", details)
