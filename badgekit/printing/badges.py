"""The badges a business card or vCard shows, and whose they are (not public API).

Only *valid* badges are shown: genuine and valid now.  An expired, revoked or unverified
badge belongs on the badge wall, with its status, not on a card handed out as a claim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import EarnerNameError
from ..portfolio.entry import BadgeStatus
from .earner import MAX_NAME_CHARS, stated_name

if TYPE_CHECKING:
    from ..portfolio.entry import Portfolio, PortfolioEntry

__all__ = ["earner_for", "valid_badges"]


def valid_badges(portfolio: Portfolio) -> list[PortfolioEntry]:
    """The portfolio's valid badges, newest first (then by name), each badge once."""
    valid = [e for e in portfolio.entries if e.status is BadgeStatus.VALID and e.trusted]
    valid.sort(key=lambda e: (e.name or "").casefold())
    valid.sort(key=lambda e: e.earned or "", reverse=True)
    seen: set[str] = set()
    out = []
    for entry in valid:
        key = str((entry.badge or {}).get("id") or entry.file)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def earner_for(badges: list[PortfolioEntry], given: str | None) -> str:
    """The name for a card: ``given``, else the one name the valid badges state.

    :raises EarnerNameError: ``given`` is blank or too long; or none given and the badges
        state no name, or different ones.
    """
    if given is not None:
        name = " ".join(given.split())
        if not name or len(name) > MAX_NAME_CHARS:
            msg = f"--name must be 1 to {MAX_NAME_CHARS} characters"
            raise EarnerNameError(msg)
        return name
    stated = {n for e in badges if e.report.payload and (n := stated_name(e.report.payload))}
    if len(stated) == 1:
        return stated.pop()
    why = "state different names" if stated else "do not state your name"
    msg = f"your valid badges {why}: give your name with --name"
    raise EarnerNameError(msg)
