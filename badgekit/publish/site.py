"""An issuer's static site as a map of files (not public API; :func:`badgekit.publish_site`
writes it).

Every address comes from :class:`~badgekit.credential.links.SiteLayout`, the same definition
``--base-url`` gives ``issue`` and ``batch``, so the ids that badges carry are the files written
here (the site folder is ``{base}/``):

===============================  =================================================
``index.html``, ``issuer.json``  the issuer's page and its ``Profile``
``achievements/{slug}.json``     each ``Achievement`` (its ``id``); ``.html`` its page
                                 (its ``criteria.id``); ``.png`` its picture
``status/{name}.json``           the signed status list of each batch given
``verify.html``                  how to check a badge, and add it to LinkedIn
``did.json``                     the did:web document (``.well-known/did.json`` when
                                 the base has no path)
``.well-known/jwks.json``        the JWK Set (served at the host root)
``.badgekit-site.json``          what badgekit wrote (so a later run may replace it)
===============================  =================================================
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_to_bytes, urlsplit

from .. import _io
from ..credential._image import MAX_IMAGE_BYTES
from ..credential.build import achievement_object, check_complete, issuer_profile
from ..credential.constants import OB_CONTEXT, TYPE_IMAGE, VC_V2_CONTEXT
from ..credential.links import SiteLayout, achievement_slug
from ..errors import BadgekitError, CredentialError, PublishError
from ..issue import achievement_design, issuer_for
from ..keys.did import did_web_document
from ..portfolio.artwork import display_png
from ..portfolio.cards import nice_day
from ..proofs.api import default_verification_method
from .batches import status_lists
from .pages import PageAchievement, SiteInfo, achievement_page, index_page
from .verify_page import verify_page

if TYPE_CHECKING:
    import os
    from collections.abc import Sequence

    from ..credential.achievement import Achievement, ImageRef
    from ..keys.keypair import KeyPair

__all__ = ["MARKER", "PICTURE_SIZE", "Site", "build_site", "site_layout"]

#: The file that marks a folder as a badgekit site (and lists what badgekit wrote there).
MARKER = ".badgekit-site.json"
#: Side of the achievement pictures and the issuer logo, in pixels (sharp at 3x on a phone).
PICTURE_SIZE = 512


@dataclass(frozen=True)
class Site:
    """A whole site, ready to write.

    :ivar layout: its addresses.
    :ivar issuer_id: the issuer every badge names.
    :ivar files: path in the site folder -> bytes, in writing order.
    :ivar notes: things the publisher must know (e.g. where ``.well-known`` must be served).
    """

    layout: SiteLayout
    issuer_id: str
    files: dict[str, bytes]
    notes: tuple[str, ...]


def site_layout(base_url: str) -> SiteLayout:
    """The layout of ``base_url``.

    :raises PublishError: not an ``https://`` URL with a host (and no query or fragment).
    """
    try:
        return SiteLayout(base_url)
    except CredentialError as e:
        raise PublishError(str(e)) from None


def _json(doc: Any) -> bytes:
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _where(a: Achievement) -> str:
    return str(a.source) if a.source else repr(a.name)


def _decode_data_uri(uri: str, what: str) -> bytes:
    head, _, data = uri.partition(",")
    try:
        if head.endswith(";base64"):
            return base64.b64decode(data, validate=True)
        return unquote_to_bytes(data)
    except ValueError:
        msg = f"{what}: the data: image does not decode"
        raise PublishError(msg) from None


def _picture(ref: ImageRef | None, svg: bytes | None, what: str) -> tuple[bytes | None, str | None]:
    """``(clean PNG, web address)``: the picture drawn for the site, or the image's own URL
    (never loaded by the pages: they load nothing from elsewhere)."""
    if ref is not None and ref.path is not None:
        data: bytes | None = _io.read_bytes(ref.path, limit=MAX_IMAGE_BYTES)
    elif ref is not None and ref.url and ref.url.startswith("data:"):
        data = _decode_data_uri(ref.url, what)
    elif ref is not None and ref.url:
        return None, ref.url
    else:
        data = svg
    if data is None:
        return None, None
    png = display_png(data, size=PICTURE_SIZE)
    if png is None:
        msg = f"{what}: the image cannot be drawn (give a PNG or SVG file)"
        raise PublishError(msg)
    return png, None


def _design_svg(a: Achievement, notes: list[str]) -> bytes | None:
    try:
        design = achievement_design(a)
        return design.compose().svg if design is not None else None
    except BadgekitError as e:
        notes.append(f"{_where(a)}: no picture on its page, the design cannot be drawn ({e})")
        return None


def _issuer(achievements: Sequence[Achievement], key: KeyPair, layout: SiteLayout) -> str:
    """The one issuer of every achievement (a site publishes one issuer)."""
    found: dict[str, Achievement] = {}
    for a in achievements:
        found.setdefault(issuer_for(a, key, base_url=layout.base), a)
    if len(found) > 1:
        shown = "; ".join(f"{_where(a)} -> {ident}" for ident, a in found.items())
        msg = f"the achievements name different issuers ({shown}); a site publishes one issuer"
        raise PublishError(msg)
    first = achievements[0].issuer
    for a in achievements[1:]:
        p = a.issuer
        for field in ("name", "url", "email", "description"):
            if getattr(p, field) != getattr(first, field):
                msg = (
                    f"{_where(a)} and {_where(achievements[0])} describe the issuer "
                    f"differently ([issuer] {field}); give every achievement the same [issuer]"
                )
                raise PublishError(msg)
    return next(iter(found))


def _slugs(achievements: Sequence[Achievement], layout: SiteLayout) -> list[str]:
    seen: dict[str, Achievement] = {}
    for a in achievements:
        slug = achievement_slug(a.name)
        if slug in seen:
            msg = (
                f"{_where(seen[slug])} and {_where(a)} would both be published at "
                f"{layout.achievement_page(slug)}; give one of them another name"
            )
            raise PublishError(msg)
        seen[slug] = a
    return list(seen)


def _image(url: str | None, caption: str | None) -> dict[str, Any] | None:
    if url is None:
        return None
    return {"id": url, "type": TYPE_IMAGE, **({"caption": caption} if caption else {})}


def _keys(key: KeyPair, issuer: str, layout: SiteLayout) -> tuple[dict[str, bytes], list[str]]:
    """did.json (for the site's did:web) and the JWK Set, with notes on where to serve them."""
    files: dict[str, bytes] = {}
    notes: list[str] = []
    vm = default_verification_method(issuer, key)
    if issuer == layout.did_web:
        did, document = did_web_document(key, urlsplit(layout.base).netloc + "/" + layout.path)
        if did != issuer:  # pragma: no cover - SiteLayout and keys.did agree on the mapping
            msg = f"did:web mismatch: {did} is not {issuer}"
            raise PublishError(msg)
        files[layout.did_document] = _json(document)
    else:
        notes.append(
            f"the issuer is {issuer}, not the site's {layout.did_web}: no DID document written"
        )
    jwk = {**key.public_jwk, "kid": vm, "alg": key.jws_alg, "use": "sig", "iss": issuer}
    files[".well-known/jwks.json"] = _json({"keys": [jwk]})
    if layout.path:
        notes.append(f".well-known/jwks.json must also be served at the host root: {layout.jwks}")
    return files, notes


def build_site(
    achievements: Sequence[Achievement],
    key: KeyPair,
    *,
    base_url: str,
    batches: Sequence[str | os.PathLike[str]] = (),
    now: datetime | None = None,
) -> Site:
    """Build every file of the issuer's site (nothing is written).

    :raises PublishError: no achievement, a base URL that is not https, two achievements at one
        address, achievements of different issuers, or a batch that does not belong here.
    :raises CredentialError: an incomplete achievement, or one whose ``id`` is not its page.
    """
    layout = site_layout(base_url)
    if not achievements:
        msg = "nothing to publish: give at least one achievement"
        raise PublishError(msg)
    for a in achievements:
        check_complete(a)
    issuer = _issuer(achievements, key, layout)
    slugs = _slugs(achievements, layout)
    notes: list[str] = []
    files: dict[str, bytes] = {}
    profile = issuer_profile(achievements[0], issuer, layout)
    logo, logo_url = _picture(achievements[0].issuer.image, None, "[issuer] image")
    ref = achievements[0].issuer.image
    if logo is not None:
        files["issuer.png"] = logo
        profile["image"] = _image(layout.url("issuer.png"), ref.caption if ref else None)
    files["issuer.json"] = _json({"@context": [VC_V2_CONTEXT, OB_CONTEXT], **profile})
    shown: list[PageAchievement] = []
    for slug, a in zip(slugs, achievements, strict=True):
        caption = a.image.caption if a.image else None
        named = a.image is not None and bool(a.image.path or a.image.url)
        png, url = _picture(a.image, None if named else _design_svg(a, notes), _where(a))
        if png is None and url is None:
            notes.append(f"{_where(a)}: no picture on its page (give [image] path or a [design])")
        if png is not None:
            files[f"achievements/{slug}.png"] = png
            url = layout.url(f"achievements/{slug}.png")
        document = achievement_object(a, issuer, url, caption, layout)
        document["creator"] = profile
        files[f"achievements/{slug}.json"] = _json(
            {"@context": [VC_V2_CONTEXT, OB_CONTEXT], **document}
        )
        alt = caption or f"The {a.name} badge"
        shown.append(PageAchievement(slug, a, f"achievements/{slug}.png" if png else None, alt))
    key_files, key_notes = _keys(key, issuer, layout)
    lists = status_lists(batches, layout, issuer, key)
    when = (now or datetime.now(UTC)).astimezone(UTC)
    info = SiteInfo(
        layout=layout,
        issuer_id=issuer,
        issuer=achievements[0].issuer,
        logo="issuer.png" if logo is not None else None,
        achievements=tuple(shown),
        did_document=layout.url(layout.did_document) if layout.did_document in key_files else None,
        status_lists=tuple(layout.url(path) for path in lists),
        published=nice_day(when.date().isoformat()) or when.date().isoformat(),
    )
    if logo_url is not None:
        notes.append(f"the issuer's logo is at {logo_url}: the pages do not load it from there")
    files["index.html"] = index_page(info).encode("utf-8")
    for item in shown:
        files[f"achievements/{item.slug}.html"] = achievement_page(info, item).encode("utf-8")
    files["verify.html"] = verify_page(info).encode("utf-8")
    files.update(key_files)
    for path, doc in lists.items():
        if path in files:
            msg = f"a batch's status list would overwrite the site's {path}"
            raise PublishError(msg)
        files[path] = doc
    marker = {
        "generator": "badgekit",
        "version": 1,
        "base_url": layout.base,
        "issuer": issuer,
        "published": when.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "files": sorted([*files, MARKER]),
    }
    files[MARKER] = _json(marker)
    return Site(layout, issuer, files, tuple([*notes, *key_notes]))
