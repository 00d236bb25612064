"""Validity policies: how long a badge stays valid after it is awarded (not public API).

An achievement file says ``valid_for = "2 years"`` (or ``"18 months"``, ``"1 year 6 months"``,
``"90 days"``, an ISO 8601 duration such as ``"P2Y"``, or ``"never"``).  At issue time the
policy turns into ``validUntil`` (ob3-spec.md §2.1).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["Duration", "ValidityPolicy", "parse_validity"]

_UNITS = {
    "y": "years", "yr": "years", "yrs": "years", "year": "years", "years": "years",
    "mo": "months", "month": "months", "months": "months",
    "w": "weeks", "wk": "weeks", "week": "weeks", "weeks": "weeks",
    "d": "days", "day": "days", "days": "days",
}  # fmt: skip
_NEVER = frozenset({"never", "none", "no", "forever", "no expiry", "does not expire"})
_ISO = re.compile(
    r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$"
)
_PART = re.compile(r"(\d+)\s*([a-z]+)")


@dataclass(frozen=True)
class Duration:
    """A calendar duration (years and months are added on the calendar, not as days)."""

    years: int = 0
    months: int = 0
    days: int = 0
    seconds: int = 0

    def add_to(self, moment: datetime) -> datetime:
        """Return ``moment`` plus this duration (31 January + 1 month = 28/29 February)."""
        total_months = moment.month - 1 + self.months + 12 * self.years
        year, month = moment.year + total_months // 12, total_months % 12 + 1
        day = min(moment.day, calendar.monthrange(year, month)[1])
        shifted = moment.replace(year=year, month=month, day=day)
        return shifted + timedelta(days=self.days, seconds=self.seconds)

    def iso(self) -> str:
        """The ISO 8601 form, e.g. ``P1Y6M`` or ``PT12H``."""
        out = "P"
        for value, unit in ((self.years, "Y"), (self.months, "M"), (self.days, "D")):
            out += f"{value}{unit}" if value else ""
        if self.seconds:
            h, rest = divmod(self.seconds, 3600)
            m, s = divmod(rest, 60)
            out += "T" + "".join(f"{v}{u}" for v, u in ((h, "H"), (m, "M"), (s, "S")) if v)
        return out if out != "P" else "P0D"

    def is_zero(self) -> bool:
        """True when the duration adds nothing."""
        return not (self.years or self.months or self.days or self.seconds)


@dataclass(frozen=True)
class ValidityPolicy:
    """How long an awarded badge stays valid; ``duration`` ``None`` means it never expires."""

    duration: Duration | None
    text: str

    def valid_until(self, awarded: datetime) -> datetime | None:
        """The expiry moment of a badge awarded at ``awarded``, or ``None`` if it never expires."""
        return None if self.duration is None else self.duration.add_to(awarded)


def parse_validity(text: str) -> ValidityPolicy:
    """Parse a validity policy such as ``"2 years"``, ``"P18M"`` or ``"never"``.

    :raises ValueError: the text is not a duration badgekit understands (the caller adds the
        file and field to the message).
    """
    s = " ".join(text.strip().lower().split())
    if s in _NEVER:
        return ValidityPolicy(None, text)
    iso = _ISO.match(text.strip().upper())
    duration: Duration | None
    if iso:
        y, mo, w, d, h, mi, sec = (int(g) if g else 0 for g in iso.groups())
        duration = Duration(y, mo, 7 * w + d, 3600 * h + 60 * mi + sec)
    else:
        duration = _parse_words(s)
    if duration is None or duration.is_zero():
        msg = (
            f'{text!r} is not a duration: write e.g. "2 years", "18 months", "90 days", '
            '"P2Y" or "never"'
        )
        raise ValueError(msg)
    return ValidityPolicy(duration, text)


def _parse_words(s: str) -> Duration | None:
    s = (
        s.removeprefix("expires ")
        .removesuffix(" after award")
        .replace(",", " ")
        .replace(" and ", " ")
    )
    parts = _PART.findall(s)
    if not parts or _PART.sub("", s).strip():
        return None
    amounts = {"years": 0, "months": 0, "weeks": 0, "days": 0}
    for number, unit in parts:
        name = _UNITS.get(unit)
        if name is None:
            return None
        amounts[name] += int(number)
    return Duration(amounts["years"], amounts["months"], 7 * amounts["weeks"] + amounts["days"])
