"""The earners' side: verify a folder of badges, then write a spreadsheet, a static badge wall
and embeddable snippets that show only what verified.

>>> folio = scan_portfolio("my-badges")                       # doctest: +SKIP
>>> write_portfolio_csv(folio, "badges.csv")                  # doctest: +SKIP
>>> write_badge_wall(folio, "site", hide_invalid=True)         # doctest: +SKIP
"""

from __future__ import annotations

from .artwork import display_png, sanitize_svg
from .entry import BadgeStatus, Portfolio, PortfolioEntry, SkippedFile
from .scan import BADGE_SUFFIXES, MAX_BADGE_FILE_BYTES, find_badge_files, scan_portfolio
from .sheet import CSV_COLUMNS, portfolio_csv, portfolio_rows, write_portfolio_csv
from .wall import WallResult, badge_wall_html, write_badge_wall

__all__ = [
    "BADGE_SUFFIXES",
    "CSV_COLUMNS",
    "MAX_BADGE_FILE_BYTES",
    "BadgeStatus",
    "Portfolio",
    "PortfolioEntry",
    "SkippedFile",
    "WallResult",
    "badge_wall_html",
    "display_png",
    "find_badge_files",
    "portfolio_csv",
    "portfolio_rows",
    "sanitize_svg",
    "scan_portfolio",
    "write_badge_wall",
    "write_portfolio_csv",
]
