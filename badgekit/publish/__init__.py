"""Publishing: the issuer's static site (profile, achievement pages, did:web document, JWK Set,
status lists and a page on checking a badge), at the addresses ``--base-url`` gives badges.

>>> badgekit.publish_site([achievement], key, base_url="https://example.org/badges",
...                       out="site", batches=["out"])               # doctest: +SKIP

The facade (:mod:`badgekit`) re-exports :func:`publish_site` and :class:`PublishedSite`.
"""

from __future__ import annotations

from .api import PublishedSite, publish_site
from .site import MARKER, Site, build_site
from .write import write_site

__all__ = ["MARKER", "PublishedSite", "Site", "build_site", "publish_site", "write_site"]
