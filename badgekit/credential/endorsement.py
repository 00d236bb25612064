"""Build OB 3.0 ``EndorsementCredential``s and attach them to what they endorse (not public API).

OB 3.0 §"EndorsementCredential": a third party (a professional body, a district, a peer
institution) signs a statement about a profile, an achievement or a credential, named by its
``credentialSubject.id``, with an optional ``endorsementComment`` (Markdown).  The credential
is attached to what it endorses in ``endorsement`` (signed JSON) or ``endorsementJwt`` (a
compact JWS), on the credential, its achievement or its issuer profile.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from ..errors import CredentialError
from ._dates import format_datetime, to_utc
from ._fields import is_absolute_uri
from .constants import (
    OB_CONTEXT,
    TYPE_ENDORSEMENT_CREDENTIAL,
    TYPE_ENDORSEMENT_SUBJECT,
    TYPE_PROFILE,
    TYPE_VERIFIABLE_CREDENTIAL,
    VC_V2_CONTEXT,
)

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from .build import DateLike

__all__ = ["attach_endorsements", "build_endorsement"]

_MAX_COMMENT = 10_000


def build_endorsement(
    subject_id: str,
    *,
    issuer_id: str,
    issuer_name: str,
    now: datetime,
    comment: str | None = None,
    name: str | None = None,
    issuer_url: str | None = None,
    valid_until: DateLike | None = None,
    credential_id: str | None = None,
) -> dict[str, Any]:
    """An unsigned EndorsementCredential by ``issuer_id`` about ``subject_id``.

    >>> e = build_endorsement("https://example.org/badges/python", issuer_id=key.did_key,
    ...                       issuer_name="Python Teachers' Guild", now=now)  # doctest: +SKIP

    :param subject_id: the id of the achievement, profile or credential endorsed.
    :param issuer_id: the endorser's id (a DID or URL; it must control the signing key).
    :param issuer_name: the endorser's name, shown to whoever looks at the badge.
    :param now: the moment of endorsing (``validFrom``).
    :param comment: the endorsement's words (``endorsementComment``, Markdown).
    :param name: the credential's name (default: "Endorsement by <issuer_name>").
    :param issuer_url: the endorser's web page.
    :param valid_until: when the endorsement lapses.
    :param credential_id: default a random ``urn:uuid``.
    :raises CredentialError: an id that is not an absolute URI, an empty name or comment.
    """
    for what, value in (("subject", subject_id), ("endorser", issuer_id)):
        if not isinstance(value, str) or not is_absolute_uri(value):
            msg = f"the {what} id must be an absolute URI (a URL, DID or urn:), not {value!r}"
            raise CredentialError(msg)
    if not issuer_name or not issuer_name.strip():
        msg = "the endorser needs a name (it is what a person sees)"
        raise CredentialError(msg)
    if comment is not None and not (0 < len(comment.strip()) <= _MAX_COMMENT):
        msg = f"the endorsement comment must have 1 to {_MAX_COMMENT:,} characters"
        raise CredentialError(msg)
    issuer: dict[str, Any] = {"id": issuer_id, "type": [TYPE_PROFILE], "name": issuer_name.strip()}
    if issuer_url:
        issuer["url"] = issuer_url
    subject: dict[str, Any] = {"id": subject_id, "type": [TYPE_ENDORSEMENT_SUBJECT]}
    if comment is not None:
        subject["endorsementComment"] = comment.strip()
    credential: dict[str, Any] = {
        "@context": [VC_V2_CONTEXT, OB_CONTEXT],
        "id": credential_id or f"urn:uuid:{uuid.uuid4()}",
        "type": [TYPE_VERIFIABLE_CREDENTIAL, TYPE_ENDORSEMENT_CREDENTIAL],
        "name": name or f"Endorsement by {issuer_name.strip()}",
        "issuer": issuer,
        "validFrom": format_datetime(to_utc(now, field="now")),
        "credentialSubject": subject,
    }
    if valid_until is not None:
        credential["validUntil"] = format_datetime(to_utc(valid_until, field="valid_until"))
    return credential


def attach_endorsements(node: dict[str, Any], endorsements: Iterable[dict[str, Any] | str]) -> None:
    """Add signed endorsements to ``node`` (a credential, achievement or profile object): JSON
    ones to ``endorsement``, compact JWS ones to ``endorsementJwt``.

    :raises CredentialError: an endorsement that is neither a signed EndorsementCredential
        object nor a compact JWS.
    """
    for item in endorsements:
        if isinstance(item, str) and item.count(".") == 2:
            node.setdefault("endorsementJwt", []).append(item.strip())
            continue
        types = item.get("type") if isinstance(item, dict) else None
        types = [types] if isinstance(types, str) else types or []
        if not isinstance(item, dict) or TYPE_ENDORSEMENT_CREDENTIAL not in types:
            msg = "an endorsement must be an EndorsementCredential (JSON) or a compact JWS"
            raise CredentialError(msg)
        if not item.get("proof"):
            msg = f"endorsement {item.get('id')} is not signed (no proof)"
            raise CredentialError(msg)
        node.setdefault("endorsement", []).append(item)
