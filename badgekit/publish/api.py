"""``publish_site``: the issuer's static site in one call (not public API; re-exported by
:mod:`badgekit`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .site import build_site
from .write import write_site

if TYPE_CHECKING:
    import os
    from collections.abc import Sequence
    from datetime import datetime

    from ..credential.achievement import Achievement
    from ..keys.keypair import KeyPair

__all__ = ["PublishedSite", "publish_site"]


@dataclass(frozen=True)
class PublishedSite:
    """What :func:`publish_site` wrote.

    :ivar out: the site folder.
    :ivar base_url: where it must be served (the folder is ``{base_url}/``).
    :ivar issuer_id: the issuer every badge of the site names (its did:web by default).
    :ivar files: the paths written, relative to ``out``.
    :ivar kept: files of the previous site that badgekit did not write, carried over.
    :ivar notes: what the publisher must know, such as that ``.well-known/jwks.json`` must be
        served at the host root when the base URL has a path.
    """

    out: Path
    base_url: str
    issuer_id: str
    files: tuple[str, ...]
    kept: tuple[str, ...]
    notes: tuple[str, ...]


def publish_site(
    achievements: Sequence[Achievement],
    key: KeyPair,
    *,
    base_url: str,
    out: str | os.PathLike[str],
    batches: Sequence[str | os.PathLike[str]] = (),
    now: datetime | None = None,
) -> PublishedSite:
    """Write the issuer's static site: its profile and page, a page per achievement, the
    did:web document, the JWK Set, the batches' status lists and a page on checking a badge.

    >>> site = badgekit.publish_site([Achievement.load("python.toml")], key,
    ...                              base_url="https://example.org/badges", out="site",
    ...                              batches=["out"])                    # doctest: +SKIP
    >>> site.issuer_id                                                   # doctest: +SKIP
    'did:web:example.org:badges'

    Badges issued with the same ``base_url`` (``issue_badge``, ``run_batch``) name these
    pages: the achievement id is ``{base}/achievements/{slug}.json``, its criteria the page
    beside it, the issuer the did:web of the base (unless the achievement names an
    ``[issuer] id``).  The folder is written whole into a temporary folder next to ``out`` and
    renamed into place; a previous site there is replaced.

    :param achievements: the achievements, all of one issuer (each gets a page).
    :param key: the issuer's signing key (its public half is published).
    :param base_url: the ``https://`` address the folder will be served at.
    :param out: the site folder: new, empty, or a site badgekit wrote before.
    :param batches: batch folders whose ``status-list.json`` to publish.
    :param now: the publishing moment shown on the pages (default: now).
    :returns: a :class:`PublishedSite`.
    :raises PublishError: a base URL that is not https, two achievements at one address,
        achievements of several issuers, a batch of another site, or an ``out`` folder that is
        neither empty nor a badgekit site.
    :raises CredentialError: an incomplete achievement.
    :raises FileAccessError: a file cannot be read, or the site cannot be written.
    """
    site = build_site(achievements, key, base_url=base_url, batches=batches, now=now)
    kept = write_site(site.files, out)
    return PublishedSite(
        out=Path(out),
        base_url=site.layout.base,
        issuer_id=site.issuer_id,
        files=tuple(site.files),
        kept=kept,
        notes=site.notes,
    )
