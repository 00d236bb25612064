"""The values of a message's fields, from the badge itself (not public API).

The badge file is the source: its baked credential gives the achievement's and the issuer's
names and the criteria page; the roster (through the contacts file) gives the earner's name.

``{verify_url}`` is the issuer's verify page when the batch has a base URL
(:class:`~badgekit.credential.links.SiteLayout`), else the achievement's criteria page if it
is an ``https`` address, else nothing (and the template's lines using it are left out).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..bake import unbake
from ..credential.links import SiteLayout, achievement_slug, linkedin_url
from ..credential.parse import summarize
from ..errors import DeliveryError

__all__ = ["BadgeFacts", "read_badge", "verify_page"]


@dataclass(frozen=True)
class BadgeFacts:
    """What a message says about one badge."""

    badge: str
    issuer: str | None
    verify_url: str | None
    linkedin_url: str
    slug: str

    def values(self, name: str | None) -> dict[str, str | None]:
        """The template's field values for an earner called ``name``."""
        return {
            "name": name,
            "badge": self.badge,
            "issuer": self.issuer,
            "verify_url": self.verify_url,
            "linkedin_url": self.linkedin_url,
        }


def verify_page(base_url: str | None) -> str | None:
    """The issuer's verify page for a batch's base URL (``None`` without one).

    :raises CredentialError: the base URL is not an https address.
    """
    return SiteLayout(base_url).verify_page if base_url else None


def read_badge(data: bytes, *, sha256: str | None, site_verify: str | None) -> BadgeFacts:
    """The facts of a baked badge file (checked against the manifest's SHA-256).

    :raises DeliveryError: the file changed since it was issued, or carries no usable badge.
    """
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        msg = "the badge file changed since it was issued (SHA-256 differs from the manifest)"
        raise DeliveryError(msg)
    summary = summarize(unbake(data).payload)
    badge = summary.achievement_name or summary.name
    if not badge:
        msg = "the badge has no achievement name"
        raise DeliveryError(msg)
    criteria = summary.criteria_url
    verify = site_verify or (criteria if criteria and criteria.startswith("https://") else None)
    return BadgeFacts(
        badge=badge,
        issuer=summary.issuer_name,
        verify_url=verify,
        linkedin_url=linkedin_url(summary.to_dict(), credential_url=verify),
        slug=achievement_slug(badge),
    )
