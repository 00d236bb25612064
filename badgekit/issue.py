"""The issuing recipe: build → sign → bake → verify, in one call, and the facade's ``bake``
that picks the carrier from the credential's type (not public API; re-exported by
:mod:`badgekit`).

This is the "recipes" layer of the conventions: safe defaults (eddsa-rdfc-2022, the key's
did:key as issuer when the achievement names none, bundled contexts only), and the baked
result is verified before it is handed back, so a badge that would not verify is never issued.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .bake import Standard
from .bake import bake as bake_image
from .credential.build import build_credential
from .credential.links import SiteLayout
from .credential.parse import parse_credential
from .design import DesignSpec, render
from .errors import BadgekitError, CredentialError, ResolutionError, SigningError
from .keys.did import did_web_to_url
from .keys.resolver import ResolvedKey, Resolver
from .proofs.api import default_verification_method, sign
from .proofs.ed25519_2020 import ED25519_2020_CONTEXT
from .verify.pipeline import Verifier

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from .credential.achievement import Achievement
    from .credential.build import DateLike
    from .keys.keypair import KeyPair
    from .verify.report import VerificationReport

__all__ = [
    "IssuedBadge",
    "achievement_design",
    "bake",
    "design_artwork",
    "issue_badge",
    "issuer_for",
    "site_issuer",
    "standard_of",
]

#: CLR 2.0 §"ClrCredential": the type a learner record carries (baked under its own carrier).
_CLR_TYPE = "ClrCredential"


@dataclass(frozen=True)
class IssuedBadge:
    """A signed, baked, verified badge.

    :ivar credential: the signed credential (for VC-JWT, the credential inside the token).
    :ivar payload: the text baked into the image: credential JSON or a compact JWS.
    :ivar image: the baked PNG or SVG bytes.
    :ivar report: the verification report of the baked image.
    """

    credential: dict[str, Any]
    payload: str
    image: bytes
    report: VerificationReport


def standard_of(payload: str) -> Standard:
    """Which carrier a payload belongs in: ``"clr"`` when it is a ``ClrCredential`` (credential
    JSON, or a compact JWS whose payload, or ``vc`` claim, is one), else ``"ob"``.

    Text that is not a credential at all is ``"ob"``: baking stays possible, as before.
    """
    try:
        credential = parse_credential(payload)
    except BadgekitError:
        return "ob"
    types = credential.get("type")
    types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    return "clr" if _CLR_TYPE in types else "ob"


def bake(
    image: bytes, payload: str, *, replace: bool = False, standard: Standard | None = None
) -> bytes:
    """Bake a credential (JSON or a compact JWS) into a PNG or SVG image.

    The carrier follows the credential: a CLR 2.0 ``ClrCredential`` goes in ``iTXt
    clrcredential`` / ``<clr:credential>``, anything else in the Open Badges 3.0 carrier
    (``iTXt openbadgecredential`` / ``<openbadges:credential>``); see :func:`badgekit.bake.bake`
    for the bytes.

    >>> baked = badgekit.bake(png_bytes, credential_json)  # doctest: +SKIP

    :param image: PNG or SVG bytes.
    :param payload: the text to carry.
    :param replace: overwrite existing badge data instead of refusing.
    :param standard: ``"ob"`` or ``"clr"`` to choose the carrier yourself (default: from the
        credential's ``type``, :func:`standard_of`).
    :returns: the baked image bytes.
    :raises BakeError: as :func:`badgekit.bake.bake` (already baked, too large, bad image…).
    """
    chosen = standard_of(payload) if standard is None else standard
    return bake_image(image, payload, replace=replace, standard=chosen)


def achievement_design(achievement: Achievement) -> DesignSpec | None:
    """The design an achievement file names (a spec file path or an inline ``[design]`` table).

    :raises DesignError: the spec is invalid.
    :raises FileAccessError: the spec file cannot be read.
    """
    design = achievement.design
    if design is None:
        return None
    if isinstance(design, Path):
        return DesignSpec.load(design)
    base = achievement.source.parent if achievement.source else None
    where = f"{achievement.source or 'achievement'} [design]"
    return DesignSpec.from_mapping(design, base=base, where=where)


def design_artwork(design: DesignSpec, fmt: Literal["png", "svg"]) -> bytes:
    """Compose ``design`` and return it as SVG, or as a PNG at its first size."""
    composed = design.compose()
    return composed.svg if fmt == "svg" else render(composed.svg, size=design.sizes[0])


def site_issuer(base_url: str) -> str:
    """The did:web of an issuer's site (``https://example.org/badges`` ->
    ``did:web:example.org:badges``), whose document ``badgekit publish`` writes.

    :raises CredentialError: the base URL is not https, or its host is an IP address or not a
        domain name (did:web allows neither).
    """
    did = SiteLayout(base_url).did_web
    try:
        did_web_to_url(did)
    except ResolutionError as e:
        msg = f"base URL {base_url}: no did:web for it ({e}); use a domain name"
        raise CredentialError(msg) from None
    return did


def issuer_for(achievement: Achievement, key: KeyPair, *, base_url: str | None = None) -> str:
    """The issuer id: the achievement's ``[issuer] id``, else the did:web of ``base_url``
    (:func:`site_issuer`), else the key's ``did:key``.

    :raises SigningError: none is available (an RSA key has no did:key).
    :raises CredentialError: a base URL with no did:web.
    """
    if achievement.issuer.id:
        return achievement.issuer.id
    if base_url is not None:
        return site_issuer(base_url)
    if key.kind == "rsa":
        msg = (
            "an RSA key has no did:key to use as the issuer id: set [issuer] id (your https:// "
            "or did:web: address) in the achievement file, or use an Ed25519 or P-256 key"
        )
        raise SigningError(msg)
    return key.did_key


class _SigningKeyResolver(Resolver):
    """Offline resolver for the check before writing: the verification method just signed
    with resolves to the signing key when only the issuer's published document could say so
    (an RSA key under an https or did:web issuer).  Its ``fragment`` source makes the report
    warn that the issuer's published keys were not consulted."""

    def __init__(self, vm: str, key: KeyPair) -> None:
        super().__init__()
        kind = "JsonWebKey" if key.kind == "rsa" else "Multikey"
        self._own = ResolvedKey(key.public(), vm, vm.partition("#")[0], kind, "fragment")

    def resolve(self, vm_id: str) -> ResolvedKey:
        """The signing key for its own method id; anything else as :class:`Resolver`."""
        return self._own if vm_id == self._own.id else super().resolve(vm_id)


def _self_check(when: datetime, vm: str, key: KeyPair) -> Verifier:
    try:
        Resolver().resolve(vm)  # did:key and #z6Mk… fragment keys: the normal offline check
    except ResolutionError:
        return Verifier(now=when, resolver=_SigningKeyResolver(vm, key))
    return Verifier(now=when)


def _names_image(achievement: Achievement) -> bool:
    ref = achievement.image
    return ref is not None and bool(ref.url or ref.path)


def issue_badge(
    achievement: Achievement,
    key: KeyPair,
    recipient: str,
    image: bytes,
    *,
    now: datetime | None = None,
    suite: str = "eddsa-rdfc-2022",
    alg: str | None = None,
    verification_method: str | None = None,
    evidence: Iterable[str | Mapping[str, Any]] = (),
    valid_from: DateLike | None = None,
    valid_until: DateLike | None = None,
    awarded_date: DateLike | None = None,
    narrative: str | None = None,
    credential_status: Mapping[str, Any] | None = None,
    credential_id: str | None = None,
    replace: bool = False,
    embed_artwork: bool = True,
    endorsements: Iterable[dict[str, Any] | str] = (),
    verifier: Verifier | None = None,
    base_url: str | None = None,
) -> IssuedBadge:
    """Build, sign and bake one badge, then verify the baked image.

    >>> issued = badgekit.issue_badge(Achievement.load("a.toml"), key,
    ...                               "ada@example.org", artwork_png)   # doctest: +SKIP
    >>> Path("ada.png").write_bytes(issued.image)                       # doctest: +SKIP

    :param achievement: the badge class.
    :param key: the issuer's private key.
    :param recipient: an email (stored hashed), a DID or a URL.
    :param image: the artwork, PNG or SVG bytes, to bake the credential into.
    :param now: the issuing moment (default: the current UTC time).
    :param suite: ``eddsa-rdfc-2022`` (default), ``ed25519-2020`` or ``jwt``.
    :param alg: the JWS algorithm for ``jwt``.
    :param replace: replace badge data the artwork already carries.
    :param embed_artwork: when the achievement names no image (``[image] path``/``url``), put
        ``image`` (before baking) in the credential as the achievement's image, a data URI
        with the ``[image] caption``, so the credential shows its artwork and alt text once it
        is taken out of the image (a wallet import, ``badgekit unbake``).
    :param endorsements: signed EndorsementCredentials of the achievement (see
        :func:`badgekit.endorse`), embedded in the credential's achievement.
    :param verifier: the :class:`Verifier` used for the final check (default: offline, at ``now``).
    :param base_url: the issuer's site as ``badgekit publish`` writes it: the achievement's id
        and criteria are its pages there, and the issuer is the site's did:web unless the
        achievement names an ``[issuer] id`` (see :func:`~badgekit.build_credential`).
    :returns: the :class:`IssuedBadge`.
    :raises VerificationFailed: the baked badge does not verify.
    :raises BadgekitError: any building, signing or baking error.
    """
    when = now or datetime.now(UTC)
    issuer = issuer_for(achievement, key, base_url=base_url)
    credential = build_credential(
        achievement,
        recipient,
        issuer_id=issuer,
        now=when,
        valid_from=valid_from,
        valid_until=valid_until,
        awarded_date=awarded_date,
        evidence=evidence,
        narrative=narrative,
        credential_status=credential_status,
        credential_id=credential_id,
        image=image if embed_artwork and not _names_image(achievement) else None,
        endorsements=endorsements,
        base_url=base_url,
    )
    if suite == "ed25519-2020" and ED25519_2020_CONTEXT not in credential["@context"]:
        # ob3-spec.md §3.2: Ed25519Signature2020 needs its own context in the document.
        credential["@context"] = [*credential["@context"], ED25519_2020_CONTEXT]
    vm = verification_method or default_verification_method(issuer, key)
    signed = sign(credential, key, suite=suite, alg=alg, verification_method=vm, now=when)
    if isinstance(signed, str):
        payload, signed_credential = signed, credential
    else:
        payload = json.dumps(signed, ensure_ascii=False, separators=(",", ":"))
        signed_credential = signed
    baked = bake_image(image, payload, replace=replace)
    # Offline, at ``now``; a key only the issuer's website can confirm is taken as the one
    # just signed with (the report then warns that the binding was not confirmed).
    checker = verifier or _self_check(when, vm, key)
    report = checker.verify(baked)
    report.raise_for_status()
    return IssuedBadge(signed_credential, payload, baked, report)
