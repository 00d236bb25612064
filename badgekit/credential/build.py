"""Build OB 3.0 credentials (``OpenBadgeCredential``) from an achievement (not public API).

The result is plain JSON data, ready to be signed: VCDM 2.0 by default (``@context`` v2 +
OB 3.0.3, plus ``extensions.json`` whenever a 1EdTech type is used, ob3-spec.md §2.3) and
arrays wherever the strict JSON Schema asks for them (ob3-spec.md §5).  Every property it
writes is defined by the contexts it lists, so the credential passes JSON-LD safe mode.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from ..errors import CredentialError
from ._dates import format_datetime, to_utc
from ._fields import is_absolute_uri, is_email, is_http_url
from ._image import image_object
from .constants import (
    BITSTRING_STATUS_CONTEXT,
    DATA_INTEGRITY_V1_CONTEXT,
    OB_CONTEXT,
    OB_EXTENSIONS_CONTEXT,
    OB_SCHEMA_URL,
    ONE_EDTECH_TYPES,
    RESULT_STATUSES,
    STATUS_LIST_2021_CONTEXT,
    TYPE_ACHIEVEMENT,
    TYPE_ACHIEVEMENT_SUBJECT,
    TYPE_ALIGNMENT,
    TYPE_EVIDENCE,
    TYPE_IDENTITY_OBJECT,
    TYPE_OPEN_BADGE_CREDENTIAL,
    TYPE_PROFILE,
    TYPE_RESULT,
    TYPE_REVOCATION_LIST,
    TYPE_SCHEMA_VALIDATOR,
    TYPE_STATUS_LIST_2021_ENTRY,
    TYPE_VERIFIABLE_CREDENTIAL,
    VC_V1_CONTEXT,
    VC_V2_CONTEXT,
)
from .endorsement import attach_endorsements
from .identity import hash_identity
from .links import SiteLayout, achievement_slug

if TYPE_CHECKING:
    from .achievement import Achievement, Alignment

__all__ = [
    "achievement_object",
    "build_credential",
    "check_complete",
    "issuer_profile",
    "recipient_subject",
    "site_ids",
]

DateLike = datetime | date | str
_EVIDENCE_KEYS = ("id", "narrative", "name", "description", "genre", "audience")
_RESULT_KEYS = ("achievedLevel", "alignment", "resultDescription", "status", "value")
_ALIGNMENT_KEYS = ("targetName", "targetUrl", "targetFramework", "targetCode",
                   "targetDescription", "targetType")  # fmt: skip
_ENTRY_KEYS = ("id", "type", "statusPurpose", "statusListIndex", "statusListCredential")
#: credentialStatus types badgekit writes -> the members their contexts define.
_STATUS_KEYS = {
    TYPE_REVOCATION_LIST: ("id", "type"),
    "BitstringStatusListEntry": (*_ENTRY_KEYS, "statusSize", "statusMessage", "statusReference"),
    TYPE_STATUS_LIST_2021_ENTRY: _ENTRY_KEYS,
}


def check_complete(achievement: Achievement) -> None:
    """Refuse an achievement the OB 3.0 schema would reject (ob3-spec.md §2.1 Achievement).

    :raises CredentialError: no description, no criteria, or no issuer name.
    """
    where = f"{achievement.source}: " if achievement.source else ""
    if not achievement.description:
        msg = f"{where}achievement {achievement.name!r} has no description"
        raise CredentialError(msg)
    if not (achievement.criteria.narrative or achievement.criteria.url):
        msg = f"{where}achievement {achievement.name!r} has no criteria (narrative or url)"
        raise CredentialError(msg)
    if not achievement.issuer.name:
        msg = f"{where}achievement {achievement.name!r} has no issuer name ([issuer] name)"
        raise CredentialError(msg)


def build_credential(
    achievement: Achievement,
    recipient: str,
    *,
    issuer_id: str | None = None,
    now: datetime,
    valid_from: DateLike | None = None,
    valid_until: DateLike | None = None,
    awarded_date: DateLike | None = None,
    evidence: Iterable[str | Mapping[str, Any]] = (),
    result: Iterable[Mapping[str, Any]] = (),
    credential_status: Mapping[str, Any] | None = None,
    image: bytes | str | None = None,
    image_caption: str | None = None,
    credential_id: str | None = None,
    salt: str | None = None,
    name: str | None = None,
    narrative: str | None = None,
    credential_schema: bool = True,
    vcdm: Literal["2.0", "1.1"] = "2.0",
    endorsements: Iterable[dict[str, Any] | str] = (),
    base_url: str | None = None,
) -> dict[str, Any]:
    """Build an unsigned OpenBadgeCredential awarding ``achievement`` to ``recipient``.

    >>> cred = build_credential(achievement, "ada@example.org",
    ...                         issuer_id=key.did_key, now=now)   # doctest: +SKIP

    :param achievement: the badge class.
    :param recipient: an email (stored as a salted SHA-256 hash), a DID or a URL/URN.
    :param issuer_id: the issuer id (e.g. the key's ``did:key``); defaults to the achievement
        file's ``[issuer] id``.  Both given and different is an error.
    :param now: the issuing moment; ``validFrom`` unless ``valid_from`` is given.
    :param valid_until: expiry; defaults to the achievement's ``valid_for`` policy counted from
        ``awarded_date`` (or ``validFrom``).
    :param evidence: URLs, narrative texts, or tables with ``id``/``narrative``/``name``/...
    :param result: ``Result`` tables (``value``, ``status``, ``achievedLevel``, ...).
    :param credential_status: a ``credentialStatus`` object (``id`` and ``type`` required).
    :param image: the artwork as PNG/SVG bytes (embedded as a data URI) or a URL; defaults to
        the achievement file's image.
    :param credential_id: the credential id; a random ``urn:uuid`` by default.
    :param salt: the identity salt for an email recipient; random by default.
    :param credential_schema: add the OB ``credentialSchema`` entry (ob3-spec.md §5).
    :param vcdm: ``"2.0"`` (default) or ``"1.1"`` (``issuanceDate``/``expirationDate``, for
        interoperability tests with older verifiers).
    :param endorsements: signed EndorsementCredentials (JSON objects or compact JWS) of the
        achievement, embedded in it (``endorsement`` / ``endorsementJwt``).
    :param base_url: the issuer's site (``https://...``, see ``badgekit publish``): the
        achievement's id and ``criteria.id`` become its pages there (:func:`site_ids`), the
        issuer's ``url`` defaults to the site, and without ``issuer_id`` or an ``[issuer] id``
        the issuer is the site's did:web.
    :returns: the credential as a JSON-ready dict, without ``proof``.
    :raises CredentialError: bad recipient, incomplete achievement, bad dates or inputs, a
        base URL that is not https, or an achievement ``id`` that is not its page's address.
    """
    check_complete(achievement)
    site = SiteLayout(base_url) if base_url is not None else None
    if site is not None and issuer_id is None and not achievement.issuer.id:
        issuer_id = site.did_web
    issuer = _issuer_id(achievement, issuer_id)
    start = to_utc(valid_from if valid_from is not None else now, field="valid_from")
    awarded = to_utc(awarded_date, field="awarded_date") if awarded_date is not None else None
    end = _valid_until(achievement, valid_until, awarded or start)
    contexts = (
        [VC_V2_CONTEXT, OB_CONTEXT]
        if vcdm == "2.0"
        else [VC_V1_CONTEXT, OB_CONTEXT, DATA_INTEGRITY_V1_CONTEXT]
    )
    credential: dict[str, Any] = {
        "@context": contexts,
        "id": credential_id or f"urn:uuid:{uuid.uuid4()}",
        "type": [TYPE_VERIFIABLE_CREDENTIAL, TYPE_OPEN_BADGE_CREDENTIAL],
        "name": name or achievement.name,
        "issuer": issuer_profile(achievement, issuer, site),
    }
    start_key, end_key = (
        ("validFrom", "validUntil") if vcdm == "2.0" else ("issuanceDate", "expirationDate")
    )
    credential[start_key] = format_datetime(start)
    if end is not None:
        credential[end_key] = format_datetime(end)
    if awarded is not None:
        credential["awardedDate"] = format_datetime(awarded)
    subject = recipient_subject(recipient, salt=salt)
    subject["achievement"] = achievement_object(achievement, issuer, image, image_caption, site)
    attach_endorsements(subject["achievement"], endorsements)
    if narrative:
        subject["narrative"] = narrative
    results = [_result(r, i) for i, r in enumerate(result)]
    if results:
        subject["result"] = results
    credential["credentialSubject"] = subject
    items = [_evidence(e, i) for i, e in enumerate(evidence)]
    if items:
        credential["evidence"] = items
    if credential_status is not None:
        credential["credentialStatus"] = _status(credential_status)
    if credential_schema:
        credential["credentialSchema"] = [{"id": OB_SCHEMA_URL, "type": TYPE_SCHEMA_VALIDATOR}]
    contexts.extend(_extra_contexts(credential))
    return credential


def recipient_subject(recipient: str, *, salt: str | None = None) -> dict[str, Any]:
    """An ``AchievementSubject`` (without ``achievement``) naming ``recipient``.

    An email becomes a hashed ``IdentityObject`` (ob3-spec.md §2.1): lower-cased, salted with
    ``salt`` or 16 random bytes (hex), hashed with SHA-256.  A DID or URL becomes ``id``.

    :raises CredentialError: the recipient is none of these.
    """
    value = recipient.strip()
    email = value.removeprefix("mailto:")
    subject: dict[str, Any] = {"type": [TYPE_ACHIEVEMENT_SUBJECT]}
    if is_email(email) and not value.startswith(("did:", "http:", "https:", "urn:")):
        salt = secrets.token_hex(16) if salt is None else salt
        subject["identifier"] = [
            {
                "type": TYPE_IDENTITY_OBJECT,
                "hashed": True,
                "identityHash": hash_identity(email.lower(), salt),
                "identityType": "emailAddress",
                "salt": salt,
            }
        ]
    elif (value.startswith("did:") and value.count(":") >= 2 and is_absolute_uri(value)) or (
        is_http_url(value) or (value.startswith("urn:") and is_absolute_uri(value))
    ):
        subject["id"] = value
    else:
        msg = (
            f"recipient {recipient!r} is not an email address, a DID (did:...) or a URL "
            "(https://... or urn:...)"
        )
        raise CredentialError(msg)
    return subject


def _issuer_id(achievement: Achievement, issuer_id: str | None) -> str:
    file_id = achievement.issuer.id
    if issuer_id and file_id and issuer_id != file_id:
        msg = f"issuer id {issuer_id!r} differs from the achievement file's issuer id {file_id!r}"
        raise CredentialError(msg)
    chosen = issuer_id or file_id
    if not chosen:
        msg = "no issuer id: set [issuer] id in the achievement file or pass the key's did:key"
        raise CredentialError(msg)
    if not is_absolute_uri(chosen):
        msg = f"issuer id {chosen!r} is not an absolute URI (did:..., https://...)"
        raise CredentialError(msg)
    return chosen


def _valid_until(
    achievement: Achievement, given: DateLike | None, awarded: datetime
) -> datetime | None:
    if given is not None:
        end: datetime | None = to_utc(given, field="valid_until")
    elif achievement.valid_for is not None:
        end = achievement.valid_for.valid_until(awarded)
    else:
        return None
    if end is not None and end.replace(microsecond=0) <= awarded.replace(microsecond=0):
        msg = f"valid_until {format_datetime(end)} is not after {format_datetime(awarded)}"
        raise CredentialError(msg)
    return end


def site_ids(achievement: Achievement, site: SiteLayout) -> tuple[str, str]:
    """``(id, page)``: where ``badgekit publish`` puts the achievement on ``site`` (its JSON,
    the credential's achievement id; its page, the ``criteria.id``), by its name's slug.

    :raises CredentialError: the file names another ``id`` than that address.
    """
    slug = achievement_slug(achievement.name)
    ident, page = site.achievement_id(slug), site.achievement_page(slug)
    if achievement.id and achievement.id != ident:
        where = f"{achievement.source}: " if achievement.source else ""
        msg = (
            f"{where}achievement id {achievement.id!r} is not its address on the site "
            f"({ident}); remove the id or give no base URL"
        )
        raise CredentialError(msg)
    return ident, page


def issuer_profile(
    achievement: Achievement, issuer_id: str, site: SiteLayout | None = None
) -> dict[str, Any]:
    """The issuer ``Profile`` a credential embeds (``url`` defaults to ``site``'s home)."""
    p = achievement.issuer
    profile: dict[str, Any] = {"id": issuer_id, "type": [TYPE_PROFILE], "name": p.name}
    url = p.url or (site.home if site is not None else None)
    for key, value in (("url", url), ("email", p.email), ("description", p.description)):
        if value:
            profile[key] = value
    logo = image_object(p.image, p.image.caption if p.image else None, what="issuer image")
    if logo:
        profile["image"] = logo
    return profile


def achievement_object(
    a: Achievement,
    issuer_id: str,
    image: bytes | str | None,
    caption: str | None,
    site: SiteLayout | None = None,
) -> dict[str, Any]:
    """The ``Achievement`` a credential embeds (ids from :func:`site_ids` with a ``site``)."""
    ident, criteria_url = site_ids(a, site) if site else (a.resolved_id(issuer_id), a.criteria.url)
    out: dict[str, Any] = {
        "id": ident,
        "type": [TYPE_ACHIEVEMENT],
        "name": a.name,
        "description": a.description,
        "criteria": {
            k: v for k, v in (("id", criteria_url), ("narrative", a.criteria.narrative)) if v
        },
    }
    if a.achievement_type:
        out["achievementType"] = a.achievement_type
    caption = caption or (a.image.caption if a.image else None)
    artwork = image_object(image if image is not None else a.image, caption, what="image")
    if artwork:
        out["image"] = artwork
    if a.tags:
        out["tag"] = list(a.tags)
    if a.alignment:
        out["alignment"] = [_alignment(x) for x in a.alignment]
    return out


def _alignment(x: Alignment) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": [TYPE_ALIGNMENT],
        "targetName": x.target_name,
        "targetUrl": x.target_url,
    }
    for key, value in (
        ("targetFramework", x.target_framework),
        ("targetCode", x.target_code),
        ("targetDescription", x.target_description),
        ("targetType", x.target_type),
    ):
        if value:
            out[key] = value
    return out


def _evidence(item: str | Mapping[str, Any], index: int) -> dict[str, Any]:
    out: dict[str, Any] = {"type": [TYPE_EVIDENCE]}
    if isinstance(item, str):
        text = item.strip()
        if not text:
            msg = f"evidence[{index}]: empty"
            raise CredentialError(msg)
        out["id" if is_http_url(text) else "narrative"] = text
        return out
    data = {("id" if k == "url" else k): v for k, v in item.items() if k != "type"}
    for key, value in data.items():
        if key not in _EVIDENCE_KEYS:
            valid = ", ".join(("url", *_EVIDENCE_KEYS))
            msg = f"evidence[{index}]: unknown field {key!r}; valid fields: {valid}"
            raise CredentialError(msg)
        if not isinstance(value, str):
            msg = f"evidence[{index}].{key}: expected text, got {type(value).__name__}"
            raise CredentialError(msg)
    if "id" in data and not is_absolute_uri(data["id"]):
        msg = f"evidence[{index}]: {data['id']!r} is not a URL"
        raise CredentialError(msg)
    out.update({k: v for k, v in data.items() if v})
    if not (out.get("id") or out.get("narrative")):
        msg = f"evidence[{index}]: give a url or a narrative"
        raise CredentialError(msg)
    return out


def _result(item: Mapping[str, Any], index: int) -> dict[str, Any]:
    out: dict[str, Any] = {"type": [TYPE_RESULT]}
    for key, value in item.items():
        if key == "type":
            continue
        if key not in _RESULT_KEYS:
            msg = f"result[{index}]: unknown field {key!r}; valid fields: {', '.join(_RESULT_KEYS)}"
            raise CredentialError(msg)
        if key == "status" and value not in RESULT_STATUSES:
            msg = f"result[{index}].status: {value!r} is not one of {', '.join(RESULT_STATUSES)}"
            raise CredentialError(msg)
        if key == "alignment":
            value = [
                _result_alignment(a, f"result[{index}].alignment[{i}]") for i, a in enumerate(value)
            ]
        elif not isinstance(value, str):
            msg = f"result[{index}].{key}: expected text, got {type(value).__name__}"
            raise CredentialError(msg)
        out[key] = value
    return out


def _result_alignment(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, Mapping):
        msg = f"{where}: expected a table with targetName and targetUrl"
        raise CredentialError(msg)
    data = {k: v for k, v in item.items() if k != "type"}
    unknown = sorted(set(data) - set(_ALIGNMENT_KEYS))
    if unknown or not all(isinstance(data.get(k), str) for k in ("targetName", "targetUrl")):
        msg = f"{where}: needs text targetName and targetUrl; allowed: {', '.join(_ALIGNMENT_KEYS)}"
        raise CredentialError(msg)
    return {"type": [TYPE_ALIGNMENT], **data}


def _status(status: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(status)
    kind = out.get("type")
    if not isinstance(out.get("id"), str) or not isinstance(kind, str):
        msg = "credential_status: needs an 'id' (URL) and a 'type' (e.g. 1EdTechRevocationList)"
        raise CredentialError(msg)
    # Only members the contexts define, so the credential stays safe-mode clean (§2.3).
    allowed = _STATUS_KEYS.get(kind)
    if allowed is None:
        msg = f"credential_status: unsupported type {kind!r}; use one of {', '.join(_STATUS_KEYS)}"
        raise CredentialError(msg)
    extra = sorted(set(out) - set(allowed))
    if extra:
        msg = f"credential_status: {kind} does not define {', '.join(extra)}"
        raise CredentialError(msg)
    return out


def _types(node: Mapping[str, Any] | None) -> set[str]:
    if not isinstance(node, Mapping):
        return set()
    t = node.get("type")
    return {t} if isinstance(t, str) else {x for x in t or () if isinstance(x, str)}


def _extra_contexts(credential: Mapping[str, Any]) -> list[str]:
    """Contexts that define the extra types in use (ob3-spec.md §2.3 pitfall)."""
    used: set[str] = set()
    for entry in credential.get("credentialSchema", ()):
        used |= _types(entry)
    used |= _types(credential.get("credentialStatus"))
    extra = []
    if used & ONE_EDTECH_TYPES:
        extra.append(OB_EXTENSIONS_CONTEXT)
    if TYPE_STATUS_LIST_2021_ENTRY in used:
        extra.append(STATUS_LIST_2021_CONTEXT)
    if "BitstringStatusListEntry" in used and credential["@context"][0] == VC_V1_CONTEXT:
        extra.append(BITSTRING_STATUS_CONTEXT)  # the v2 base context already defines it
    return extra
