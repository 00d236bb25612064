"""Where a printed QR code leads (not public API).

A badge does not know the issuer's verify page.  In order, a certificate's QR code opens:

1. the page given with ``verify_url`` (``--verify-url``), such as the issuer's
   :attr:`~badgekit.credential.links.SiteLayout.verify_page`;
2. the achievement's criteria page, if it is an ``https://`` address (badgekit's own
   sites publish the achievement page there, ``criteria.id``);
3. the credential's id, if it is an ``https://`` address (a hosted credential);

and otherwise nothing is guessed: the caller must give ``verify_url``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import LinkRequiredError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["QrTarget", "check_url", "qr_target"]


@dataclass(frozen=True)
class QrTarget:
    """A QR code's address and the words printed under it."""

    url: str
    caption: str


def check_url(url: str, option: str) -> str:
    """``url`` if it is an absolute ``https://`` or ``http://`` address with a host.

    :raises LinkRequiredError: anything else (``javascript:``, a relative path, spaces), or
        an address with a user name or password, which would be printed for all to read.
    """
    value = url.strip()
    parts = urlsplit(value)
    spaced = any(c.isspace() for c in value)
    if parts.scheme not in ("https", "http") or not parts.hostname or spaced:
        msg = f"{option} must be a web address starting with https://, not {url!r}"
        raise LinkRequiredError(msg)
    if "@" in parts.netloc:  # not echoed: it may hold a password
        msg = f"{option} must not hold a user name or password (user:...@host)"
        raise LinkRequiredError(msg)
    return value


def _https(value: Any) -> str | None:
    if isinstance(value, str) and value.startswith("https://") and urlsplit(value).hostname:
        return value
    return None


def qr_target(summary: Mapping[str, Any], verify_url: str | None) -> QrTarget:
    """The certificate's QR target (see the module docstring).

    :param summary: the credential summary of a genuine badge.
    :raises LinkRequiredError: no ``verify_url`` and the badge gives no https address.
    """
    if verify_url is not None:
        return QrTarget(check_url(verify_url, "--verify-url"), "Scan to verify this badge")
    criteria = _https(summary.get("criteria_url"))
    if criteria:
        return QrTarget(criteria, "Scan for the badge and its criteria")
    cred = _https(summary.get("id"))
    if cred:
        return QrTarget(cred, "Scan to see the credential")
    msg = (
        "the badge gives no https:// page for the QR code (its criteria and id are not web "
        "addresses): pass --verify-url URL, such as the issuer's verify page"
    )
    raise LinkRequiredError(msg)
