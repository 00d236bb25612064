"""A verification report in a person's words: the badge's facts and the check lines, as
``badgekit verify`` prints them and ``badgekit studio`` shows them (not public API).

The CLI and the studio format the same values (colours and escaping are theirs): the badge
lines (``Badge``, ``Issuer``, ``Recipient``, ``Issued``, ``Expires``, ``Format``), the checks
with runs of checks skipped for one reason merged into one line, and one row per credential
the badge carries.  Every value comes from the report; all of it is untrusted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .report import CheckResult, VerificationReport

__all__ = [
    "MARKS",
    "NESTED_TITLES",
    "CheckLine",
    "NestedLine",
    "badge_lines",
    "check_lines",
    "nested_lines",
    "short_token",
]

#: The word shown for each check status.
MARKS = {"passed": "ok", "failed": "FAILED", "warning": "warning", "skipped": "skipped"}
#: The heading over the credentials a badge carries, by role.
NESTED_TITLES = {"endorsement": "Endorsements", "credential": "Credentials in this record"}
_LONG_TOKEN = re.compile(r"[A-Za-z0-9_-]{28,}")


def short_token(value: str) -> str:
    """Long identifiers (keys, hashes) shortened to ``z6MkpTHR…2doK``."""
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


def _recipient(report: VerificationReport, shown: str | None, how: str) -> str | None:
    check = report.check("recipient")
    if shown and shown.startswith("hashed "):
        shown = f"a {shown} address" if shown == "hashed email" else f"a {shown}"
    if check is None or check.status.value == "skipped":
        hint = f" (check it {how})" if how and shown and shown.startswith("a hashed") else ""
        return f"{shown}{hint}" if shown else None
    if check.status.value == "passed":
        return f"{check.message.removeprefix('the badge was issued to ')} (confirmed)"
    return f"{shown or 'unknown'} ({check.message})"


def badge_lines(report: VerificationReport, *, recipient_hint: str = "") -> list[tuple[str, str]]:
    """``(label, value)`` for each fact the report knows about the badge, in display order.

    They are what the file claims unless ``report.confirmed``.
    """
    c = report.credential or {}
    issuer = c.get("issuer_name")
    issuer_id = c.get("issuer_id")
    if issuer and issuer_id:
        issuer = f"{issuer} ({short_token(issuer_id)})"
    container = report.check("container")
    carrier = (container.details.get("format") or "").upper() if container else ""
    kind = f"Open Badges {report.version}" if report.version else None
    if kind and carrier:
        kind += f", baked into {'an' if carrier == 'SVG' else 'a'} {carrier} image"
    lines = [
        ("Badge", c.get("achievement_name") or c.get("name")),
        ("Issuer", issuer or (short_token(issuer_id) if issuer_id else None)),
        ("Recipient", _recipient(report, c.get("recipient"), recipient_hint)),
        ("Issued", _day(c.get("awarded_date") or c.get("valid_from"))),
        ("Expires", _day(c.get("valid_until")) or ("never" if c.get("valid_from") else None)),
        ("Format", kind),
    ]
    return [(label, str(value)) for label, value in lines if value]


@dataclass(frozen=True)
class CheckLine:
    """One line of the checks: a check, or a run of checks skipped for the same reason.

    :ivar status: ``passed``, ``failed``, ``warning`` or ``skipped``.
    :ivar mark: the word shown for the status (:data:`MARKS`).
    :ivar ids: the check id, or ``first … last`` for a run.
    """

    status: str
    mark: str
    ids: str
    message: str


def check_lines(checks: Sequence[CheckResult]) -> list[CheckLine]:
    """The checks as shown: runs skipped for the same reason make one line."""
    groups: list[list[CheckResult]] = []
    for check in checks:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and check.status.value == last.status.value == "skipped"
            and check.message == last.message
        ):
            groups[-1].append(check)
        else:
            groups.append([check])
    out = []
    for group in groups:
        first = group[0]
        ids = first.id if len(group) == 1 else f"{first.id} … {group[-1].id}"
        status = first.status.value
        out.append(CheckLine(status, MARKS[status], ids, first.message))
    return out


@dataclass(frozen=True)
class NestedLine:
    """One credential a badge carries (an endorsement, a record's badge), at some depth.

    :ivar title: set on the first line of each group (:data:`NESTED_TITLES`).
    :ivar what: ``by <endorser>`` for an endorsement, else the credential's name.
    """

    depth: int
    role: str
    title: str | None
    verdict: str
    what: str
    headline: str


def nested_lines(report: VerificationReport, depth: int = 0) -> list[NestedLine]:
    """A row per carried credential, each followed by what it carries (one level deeper)."""
    out: list[NestedLine] = []
    for role in ("credential", "endorsement"):
        rows = [n for n in report.nested if n.role == role]
        for index, child in enumerate(rows):
            summary = child.credential or {}
            if role == "endorsement":
                who = summary.get("issuer_name") or summary.get("issuer_id") or "unnamed"
                what = f"by {short_token(str(who))}"
            else:
                what = str(summary.get("achievement_name") or summary.get("name") or "unnamed")
            title = NESTED_TITLES[role] if index == 0 else None
            out.append(NestedLine(depth, role, title, child.verdict.value, what, child.headline))
            out.extend(nested_lines(child, depth + 1))
    return out
