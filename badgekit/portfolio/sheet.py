"""The badge spreadsheet: one CSV row per badge file (not public API; the writer is re-exported
by :mod:`badgekit`).

Columns: badge name, issuer, criteria text and URL, date earned, expiry, status, file, then
the earner's own narrative and results (last, so the long text stays out of the way and the
earlier columns keep their places).  Claims
are filled in only for a genuine badge (see :mod:`badgekit.portfolio.entry`); for any other
file the row holds the file name and the reason.  Text from credentials can start a
spreadsheet formula (``=HYPERLINK(...)``), so a cell starting with ``= + - @``, a tab or a
carriage return is prefixed with a single quote (the OWASP "CSV injection" advice).
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from .._io import write_atomic
from ..errors import FileAccessError
from ..verify.source import holds_badge

if TYPE_CHECKING:
    import os
    from pathlib import Path

    from .entry import Portfolio, PortfolioEntry

__all__ = ["CSV_COLUMNS", "csv_cell", "portfolio_csv", "portfolio_rows", "write_portfolio_csv"]

#: The header row, in column order.
CSV_COLUMNS = (
    "Badge",
    "Issuer",
    "Criteria",
    "Criteria URL",
    "Date earned",
    "Expires",
    "Status",
    "File",
    "Narrative",
    "Results",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str | None) -> str:
    """A cell a spreadsheet shows as text: ``None`` is empty, a formula start is quoted."""
    if not value:
        return ""
    if value.startswith(_FORMULA_START) or value.lstrip().startswith(_FORMULA_START[:4]):
        return "'" + value
    return value


def _row(entry: PortfolioEntry) -> list[str]:
    badge = entry.badge or {}
    return [
        csv_cell(v)
        for v in (
            entry.name,
            entry.issuer,
            badge.get("criteria_narrative"),
            badge.get("criteria_url"),
            entry.earned,
            entry.expires,
            entry.status_text,
            entry.file,
            entry.narrative,
            "; ".join(f"{what}: {outcome}" for what, outcome in entry.results),
        )
    ]


def portfolio_rows(portfolio: Portfolio) -> list[list[str]]:
    """The CSV rows (without the header), one per entry, in the portfolio's order."""
    return [_row(e) for e in portfolio.entries]


def portfolio_csv(portfolio: Portfolio) -> str:
    """The whole CSV text: the header, then one row per badge file (``\\r\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(portfolio_rows(portfolio))
    return out.getvalue()


def write_portfolio_csv(portfolio: Portfolio, path: str | os.PathLike[str]) -> Path:
    """Write the badge spreadsheet as UTF-8 CSV with a byte-order mark (so Excel reads accents).

    >>> write_portfolio_csv(scan_portfolio("my-badges"), "badges.csv")   # doctest: +SKIP

    :returns: the path written (atomically).
    :raises FileAccessError: the file cannot be written, or holds a badge (it would be lost).
    """
    if holds_badge(path):
        msg = f"{path}: holds a badge, which the spreadsheet would replace; choose another name"
        raise FileAccessError(msg)
    return write_atomic(path, portfolio_csv(portfolio).encode("utf-8-sig"))
