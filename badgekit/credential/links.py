"""The issuer's public addresses, and the links a badge is shared with (not public API).

:class:`SiteLayout` is the one place that says where ``badgekit publish`` puts each page of
an issuer's static site, so that the ids and URLs written into credentials (``--base-url``)
are the pages that get published:

======================================  ===========================================
``{base}/issuer.json``                  the issuer Profile (JSON); ``{base}/`` its page
``{base}/achievements/{slug}.json``     an Achievement (its ``id``)
``{base}/achievements/{slug}.html``     its human page (``criteria.id``)
``{base}/status/{name}.json``           a signed status list credential
``{base}/verify.html``                  how to check a badge
``{base}/did.json``                     the did:web document (``/.well-known/did.json`` at a
                                        host root)
``https://{host}/.well-known/jwks.json`` the JWK Set (always at the host root)
======================================  ===========================================

:func:`linkedin_url` builds LinkedIn's "Add to profile" link for a certification.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlencode, urlsplit

from ..errors import CredentialError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["LINKEDIN_ADD_URL", "SiteLayout", "achievement_slug", "linkedin_url"]

#: LinkedIn's add-to-profile endpoint for certifications (its "Add to profile" button docs).
LINKEDIN_ADD_URL = "https://www.linkedin.com/profile/add"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def achievement_slug(name: str) -> str:
    """``"Python Basics (Level 1)"`` -> ``"python-basics-level-1"``: ASCII, at most 60 chars."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", text.lower()).strip("-")[:60].strip("-") or "achievement"


@dataclass(frozen=True)
class SiteLayout:
    """Where each public page of an issuer's site lives, under ``base`` (an https URL).

    >>> site = SiteLayout("https://example.org/badges")
    >>> site.achievement_id("python-basics")
    'https://example.org/badges/achievements/python-basics.json'
    >>> site.did_web
    'did:web:example.org:badges'

    :raises CredentialError: ``base`` is not an ``https://`` URL with a host (no query or
        fragment), or it has a user name or password, a port out of range, or an empty, ``.``
        or ``..`` path segment (every page and badge would name an address that is not where
        the site is served).
    """

    base: str

    def __post_init__(self) -> None:
        parts = urlsplit(self.base)
        if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment:
            msg = f"the base URL must be an https:// address with no ? or #, not {self.base!r}"
            raise CredentialError(msg)
        if "@" in parts.netloc:  # not echoed: it may hold a password
            msg = "the base URL must not hold a user name or password (user:...@host)"
            raise CredentialError(msg)
        try:
            port = parts.port  # urlsplit checks the port only when asked for it
        except ValueError:
            port = 0
        if port == 0:
            msg = f"the base URL has no valid port (1 to 65535): {self.base!r}"
            raise CredentialError(msg)
        segments = parts.path.rstrip("/").split("/")[1:]
        if any(unquote(s) in ("", ".", "..") for s in segments):
            msg = f"the base URL's path has an empty, . or .. segment: {self.base!r}"
            raise CredentialError(msg)
        object.__setattr__(self, "base", self.base.rstrip("/"))

    @property
    def origin(self) -> str:
        """``https://host[:port]``."""
        parts = urlsplit(self.base)
        return f"https://{parts.netloc}"

    @property
    def path(self) -> str:
        """The base's path below the host, without slashes at the ends (``"badges"``)."""
        return urlsplit(self.base).path.strip("/")

    def url(self, relative: str) -> str:
        """The public URL of a file at ``relative`` in the site folder."""
        return f"{self.base}/{relative.lstrip('/')}"

    @property
    def issuer_profile(self) -> str:
        """The issuer Profile JSON's URL."""
        return self.url("issuer.json")

    @property
    def home(self) -> str:
        """The issuer's human page."""
        return self.base + "/"

    def achievement_id(self, slug: str) -> str:
        """The Achievement's id (its JSON)."""
        return self.url(f"achievements/{slug}.json")

    def achievement_page(self, slug: str) -> str:
        """The Achievement's human page, which is also its ``criteria.id``."""
        return self.url(f"achievements/{slug}.html")

    def status_list(self, name: str) -> str:
        """A status list credential's URL."""
        return self.url(f"status/{name}.json")

    @property
    def verify_page(self) -> str:
        """The page that tells how to check a badge."""
        return self.url("verify.html")

    @property
    def did_web(self) -> str:
        """The did:web DID of the base (``did:web:host[%3Aport][:path:segments]``)."""
        parts = urlsplit(self.base)
        host = (parts.hostname or "") + (f"%3A{parts.port}" if parts.port else "")
        return ":".join(["did:web", host, *[s for s in self.path.split("/") if s]])

    @property
    def did_document(self) -> str:
        """Where in the site folder the did:web document goes ([DIDWEB] §Read)."""
        return "did.json" if self.path else ".well-known/did.json"

    @property
    def jwks(self) -> str:
        """The JWK Set URL: always at the host root (ob3-spec.md §3.1 "Key provenance")."""
        return f"{self.origin}/.well-known/jwks.json"


def _month(value: Any) -> tuple[int, int] | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.year, when.month


def linkedin_url(summary: Mapping[str, Any], *, credential_url: str | None = None) -> str:
    """LinkedIn's "Add to profile" link for a badge (a certification).

    ``summary`` is a credential summary (``CredentialSummary.to_dict()`` or
    ``report.credential``): the certification name is the achievement's, the organisation the
    issuer's, with issue and expiry month and year, the credential id and a URL (``credential_url``,
    e.g. the issuer's verify page, else the achievement page if it is a web address).

    >>> linkedin_url({"achievement_name": "Python Basics", "issuer_name": "Example School",
    ...               "valid_from": "2026-05-01T00:00:00Z", "id": "urn:uuid:1"})
    'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Python+Basics&organizationName=Example+School&issueYear=2026&issueMonth=5&certId=urn%3Auuid%3A1'
    """
    name = summary.get("achievement_name") or summary.get("name")
    if not isinstance(name, str) or not name.strip():
        msg = "a badge needs a name to be added to LinkedIn"
        raise CredentialError(msg)
    query: dict[str, str | int] = {"startTask": "CERTIFICATION_NAME", "name": name.strip()}
    issuer = summary.get("issuer_name")
    if isinstance(issuer, str) and issuer.strip():
        query["organizationName"] = issuer.strip()
    issued = _month(summary.get("awarded_date") or summary.get("valid_from"))
    if issued:
        query["issueYear"], query["issueMonth"] = issued
    expires = _month(summary.get("valid_until"))
    if expires:
        query["expirationYear"], query["expirationMonth"] = expires
    url = credential_url or summary.get("criteria_url") or summary.get("achievement_id")
    if isinstance(url, str) and url.startswith("https://"):
        query["certUrl"] = url
    cred_id = summary.get("id")
    if isinstance(cred_id, str) and cred_id:
        query["certId"] = cred_id
    return f"{LINKEDIN_ADD_URL}?{urlencode(query)}"
