"""Which badges may be printed as a certificate (not public API).

A paper certificate outlives every check: once printed, nobody re-verifies it.  So badgekit
prints only what a school would sign off:

* **valid**: printed.
* **expired**: printed, with "Expired on <day>" on the page.  The achievement still happened
  (a student's record of a first-aid course taken in 2023 is true in 2026), and schools
  reprint old awards for portfolios and archives; what must not happen is a page that looks
  current, so the expiry is printed under the badge's name, in the PDF's subject too.
* **revoked** or **suspended**: refused.  The issuer has withdrawn the badge; a certificate
  would state the opposite.
* **not yet valid**: refused until its first valid day (print it then, for the ceremony).
* **not valid** (forged, tampered, wrong key) and **unverified** (not checked, such as an
  OB 2.0 badge offline, or a key not confirmed to be the issuer's): refused, because a
  certificate must only be made for a genuine badge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import NotPrintableError
from ..portfolio.cards import nice_day
from ..portfolio.entry import BadgeStatus

if TYPE_CHECKING:
    from ..portfolio.entry import PortfolioEntry

__all__ = ["PRINTABLE", "check_printable"]

#: Statuses a certificate is made for.
PRINTABLE = frozenset({BadgeStatus.VALID, BadgeStatus.EXPIRED})


def check_printable(entry: PortfolioEntry) -> None:
    """Refuse a badge that may not be printed (see the module docstring).

    :raises NotPrintableError: with the verdict and the reason in one line.
    """
    status = entry.status
    if status in PRINTABLE and entry.trusted:
        return
    where = entry.file
    if status is BadgeStatus.REVOKED:
        msg = f"{where}: the issuer has revoked this badge, so no certificate is made"
    elif status is BadgeStatus.SUSPENDED:
        msg = f"{where}: the issuer has suspended this badge, so no certificate is made"
    elif status is BadgeStatus.NOT_YET_VALID:
        start = nice_day((entry.badge or {}).get("valid_from")) or "its start date"
        msg = f"{where}: this badge is not valid until {start}; make the certificate from then"
    elif status is BadgeStatus.UNVERIFIED:
        msg = (
            f"{where}: this badge could not be verified ({entry.reason}); a certificate is "
            "made only for a badge that verifies"
        )
    else:
        msg = (
            f"{where}: this badge is NOT VALID ({entry.reason}); a certificate is made only "
            "for a genuine badge"
        )
    raise NotPrintableError(msg)
