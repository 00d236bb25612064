"""Parse any badge credential and summarise it for display (not public API).

Understands OB 3.0 on VCDM 2.0 (``validFrom``/``validUntil``), OB 3.0 on VCDM 1.1
(``issuanceDate``/``expirationDate``, ob3-spec.md §2.2) and OB 2.0 assertions (ob3-spec.md
§1.3), with the badge and issuer embedded or given as URLs.  A compact JWS is decoded
(**without** checking its signature: that is the proofs layer's job) so it can be shown too.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import CredentialError
from .constants import (
    CLR_CONTEXT,
    OB2_CONTEXTS,
    OB_CONTEXT_PATTERN,
    TYPE_CLR_CREDENTIAL,
    TYPE_ENDORSEMENT_CREDENTIAL,
    VC_V1_CONTEXT,
    VC_V2_CONTEXT,
)

__all__ = [
    "AlignmentItem",
    "CredentialKind",
    "CredentialSummary",
    "EvidenceItem",
    "ResultItem",
    "Version",
    "credential_kind",
    "detect_version",
    "parse_credential",
    "summarize",
]

Version = Literal["3.0-vcdm2", "3.0-vcdm1.1", "2.0", "unknown"]
CredentialKind = Literal["badge", "endorsement", "clr", "ob2", "unknown"]
_JWS = re.compile(r"^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$")
#: Largest credential text parsed (a data-URI image included); bounds memory on hostile input.
MAX_CREDENTIAL_CHARS = 16 * 1024 * 1024
#: Deepest nesting of arrays and objects accepted (a CLR carrying endorsed badges is about 15):
#: the JSON parser, JSON-LD, the schema check and copying all recurse, level by level.
MAX_JSON_DEPTH = 64


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence, for display."""

    id: str | None = None
    name: str | None = None
    narrative: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class AlignmentItem:
    """One alignment to a standard or framework, for display."""

    target_name: str | None = None
    target_url: str | None = None
    target_framework: str | None = None
    target_code: str | None = None
    target_description: str | None = None


@dataclass(frozen=True)
class ResultItem:
    """One of the earner's results (a grade, a level reached, a status), for display.

    ``name`` is the achievement's ``ResultDescription`` that ``result_description`` points at
    and ``achieved_level`` the name of the rubric level reached, when the credential defines
    them; otherwise the identifiers as found (ob3-spec.md §2.1, AchievementSubject ``result[]``).
    """

    name: str | None = None
    value: str | None = None
    status: str | None = None
    achieved_level: str | None = None
    result_description: str | None = None


@dataclass(frozen=True)
class CredentialSummary:
    """What a person needs to see about a badge, whatever its version.

    ``recipient`` is the subject id, ``"hashed email"`` (or ``"hashed <type>"``) for a hashed
    identity, or the plain identity.  Dates are the strings found in the credential.
    ``narrative`` is the earner's own story (how this person met the criteria, Markdown in
    OB 3.0) and ``results`` their results; the criteria are the same for every earner.
    """

    version: Version
    id: str | None = None
    name: str | None = None
    description: str | None = None
    achievement_id: str | None = None
    achievement_name: str | None = None
    achievement_type: str | None = None
    criteria_narrative: str | None = None
    criteria_url: str | None = None
    image: str | None = None
    image_caption: str | None = None
    issuer_id: str | None = None
    issuer_name: str | None = None
    issuer_url: str | None = None
    recipient: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    awarded_date: str | None = None
    evidence: tuple[EvidenceItem, ...] = ()
    alignment: tuple[AlignmentItem, ...] = ()
    tags: tuple[str, ...] = ()
    narrative: str | None = None
    results: tuple[ResultItem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (tuples become lists)."""
        return dataclasses.asdict(self, dict_factory=_json_ready)


def _json_ready(items: list[tuple[str, Any]]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in items}


def parse_credential(source: str | bytes | Mapping[str, Any]) -> dict[str, Any]:
    """Parse credential JSON (or the payload of a compact JWS) into a dict.

    :param source: JSON text or bytes, a compact JWS, or an already parsed mapping.
    :returns: the credential object (for a VC-JWT with a ``vc`` claim, that claim).
    :raises CredentialError: not JSON (with line and column), not an object, a bad JWS, or
        nested deeper than :data:`MAX_JSON_DEPTH`.
    """
    if isinstance(source, Mapping):
        return _bounded(dict(source))
    if isinstance(source, bytes | bytearray):
        try:
            source = bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError:
            msg = "credential is not UTF-8 text"
            raise CredentialError(msg) from None
    if len(source) > MAX_CREDENTIAL_CHARS:
        msg = f"credential is larger than {MAX_CREDENTIAL_CHARS:,} characters"
        raise CredentialError(msg)
    text = source.strip()
    jws = _JWS.match(text)
    if jws:
        return _bounded(_jws_payload(jws.group(1)))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        msg = f"credential is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}"
        raise CredentialError(msg) from None
    except RecursionError:
        msg = f"credential JSON nests arrays and objects deeper than {MAX_JSON_DEPTH} levels"
        raise CredentialError(msg) from None
    except ValueError:  # Python converts integers of at most 4,300 digits
        msg = "credential JSON has a number with too many digits"
        raise CredentialError(msg) from None
    if not isinstance(data, dict):
        msg = f"credential must be a JSON object, not {type(data).__name__}"
        raise CredentialError(msg)
    return _bounded(data)


def _bounded(data: dict[str, Any]) -> dict[str, Any]:
    """``data``, if its arrays and objects nest at most :data:`MAX_JSON_DEPTH` deep (counted
    without recursion; an object that contains itself stops at the bound too)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, Mapping):
            children: Iterable[Any] = node.values()
        elif isinstance(node, list | tuple):
            children = node
        else:
            continue
        if depth > MAX_JSON_DEPTH:
            msg = f"credential nests arrays and objects deeper than {MAX_JSON_DEPTH} levels"
            raise CredentialError(msg)
        stack.extend((child, depth + 1) for child in children)
    return data


def _jws_payload(segment: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, RecursionError):
        msg = "compact JWS payload is not base64url-encoded JSON"
        raise CredentialError(msg) from None
    if not isinstance(data, dict):
        msg = "compact JWS payload is not a JSON object"
        raise CredentialError(msg)
    vc = data.get("vc")  # VCDM 1.1 VC-JWT (ob3-spec.md §3.1)
    return dict(vc) if isinstance(vc, Mapping) else data


def _contexts(credential: Mapping[str, Any]) -> list[Any]:
    ctx = credential.get("@context")
    return ctx if isinstance(ctx, list) else [ctx]


def _types(node: Any) -> list[str]:
    if not isinstance(node, Mapping):
        return []
    t = node.get("type", node.get("@type"))
    return (
        [t]
        if isinstance(t, str)
        else [x for x in t if isinstance(x, str)]
        if isinstance(t, list)
        else []
    )


def detect_version(credential: Mapping[str, Any]) -> Version:
    """Tell an OB 3.0 (VCDM 2.0 or 1.1) credential from an OB 2.0 assertion.

    :returns: ``"3.0-vcdm2"``, ``"3.0-vcdm1.1"``, ``"2.0"`` or ``"unknown"``.
    """
    ctx = _contexts(credential)
    if any(isinstance(c, str) and (OB_CONTEXT_PATTERN.match(c) or c == CLR_CONTEXT) for c in ctx):
        if ctx[0] == VC_V2_CONTEXT:
            return "3.0-vcdm2"
        if ctx[0] == VC_V1_CONTEXT:
            return "3.0-vcdm1.1"
    if any(c in OB2_CONTEXTS for c in ctx) or (
        "Assertion" in _types(credential) and "badge" in credential
    ):
        return "2.0"
    return "unknown"


def credential_kind(credential: Mapping[str, Any]) -> CredentialKind:
    """What a credential is: an OB 3.0 badge (OpenBadgeCredential/AchievementCredential), an
    EndorsementCredential, a CLR 2.0 ClrCredential, an OB 2.0 assertion, or unknown.

    The type decides (a ClrCredential also names the OB context); the version only tells an
    OB 2.0 assertion.
    """
    version = detect_version(credential)
    if version == "2.0":
        return "ob2"
    if version == "unknown":
        return "unknown"
    types = _types(credential)
    if TYPE_CLR_CREDENTIAL in types:
        return "clr"
    if TYPE_ENDORSEMENT_CREDENTIAL in types:
        return "endorsement"
    return "badge"


def _text(value: Any) -> str | None:
    """A display string from a string, a JSON-LD value object or language map, or a list."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, Mapping):
        return _text(value.get("@value"))
    if isinstance(value, list) and value:
        return _text(value[0])
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _id(value: Any) -> str | None:
    """The id of a node given inline or as an IRI."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return _text(value.get("id", value.get("@id")))
    return None


def _image(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, Mapping):
        return _id(value), _text(value.get("caption"))
    return _text(value), None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _evidence(value: Any) -> tuple[EvidenceItem, ...]:
    items = []
    for e in _as_list(value):
        if isinstance(e, str):
            items.append(EvidenceItem(id=e))
        elif isinstance(e, Mapping):
            items.append(
                EvidenceItem(
                    id=_id(e),
                    name=_text(e.get("name")),
                    narrative=_text(e.get("narrative")),
                    description=_text(e.get("description")),
                )
            )
    return tuple(items)


def _alignment(value: Any) -> tuple[AlignmentItem, ...]:
    return tuple(
        AlignmentItem(
            target_name=_text(a.get("targetName")),
            target_url=_text(a.get("targetUrl")),
            target_framework=_text(a.get("targetFramework")),
            target_code=_text(a.get("targetCode")),
            target_description=_text(a.get("targetDescription")),
        )
        for a in _as_list(value)
        if isinstance(a, Mapping)
    )


def _named(nodes: Any) -> dict[str, str]:
    """``id -> name`` of the nodes of a list that have both."""
    found = {}
    for node in _as_list(nodes):
        if isinstance(node, Mapping):
            node_id, name = _id(node), _text(node.get("name"))
            if node_id and name:
                found[node_id] = name
    return found


def _results(value: Any, achievement: Mapping[str, Any]) -> tuple[ResultItem, ...]:
    """The subject's ``result[]``, its descriptions and levels named from the achievement's
    ``resultDescription[]`` and their ``rubricCriterionLevel[]`` (ob3-spec.md §2.1)."""
    described = [
        d for d in _as_list(achievement.get("resultDescription")) if isinstance(d, Mapping)
    ]
    names = _named(described)
    levels = {k: v for d in described for k, v in _named(d.get("rubricCriterionLevel")).items()}
    items = []
    for r in _as_list(value):
        if not isinstance(r, Mapping):
            continue
        ref, level = _id(r.get("resultDescription")), _id(r.get("achievedLevel"))
        item = ResultItem(
            name=names.get(ref or ""),
            value=_text(r.get("value")),
            status=_text(r.get("status")),
            achieved_level=levels.get(level or "", level),
            result_description=ref,
        )
        if item.value or item.status or item.achieved_level:
            items.append(item)
    return tuple(items)


def _criteria(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, Mapping):
        return _text(value.get("narrative")), _id(value)
    return None, _text(value)


def _tags(value: Any) -> tuple[str, ...]:
    return tuple(t for t in (_text(x) for x in _as_list(value)) if t)


def summarize(credential: Mapping[str, Any] | str | bytes) -> CredentialSummary:
    """Summarise any badge credential for display.

    >>> summarize(credential).issuer_name                      # doctest: +SKIP
    'Example School'

    :param credential: a parsed credential, or its JSON text / compact JWS.
    :raises CredentialError: the text cannot be parsed.
    """
    data = parse_credential(credential)
    version = detect_version(data)
    if version == "2.0":
        return _summarize_ob2(data)
    return _summarize_ob3(data, version)


def _recipient3(subject: Mapping[str, Any]) -> str | None:
    if _text(subject.get("id")):
        return _text(subject.get("id"))
    for entry in _as_list(subject.get("identifier")):
        if not isinstance(entry, Mapping):
            continue
        kind = _text(entry.get("identityType")) or "identity"
        kind = "email" if kind == "emailAddress" else kind
        if entry.get("hashed") is False:
            return _text(entry.get("identityHash"))
        return f"hashed {kind}"
    return None


def _summarize_ob3(c: Mapping[str, Any], version: Version) -> CredentialSummary:
    subject = c.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    subject = subject if isinstance(subject, Mapping) else {}
    ach = subject.get("achievement")
    ach = ach if isinstance(ach, Mapping) else {}
    issuer = c.get("issuer")
    issuer_map = issuer if isinstance(issuer, Mapping) else {}
    narrative, criteria_url = _criteria(ach.get("criteria"))
    image, caption = None, None
    for candidate in (c.get("image"), subject.get("image"), ach.get("image")):
        image, caption = _image(candidate)
        if image:
            break
    achievement_type = ach.get("achievementType")
    return CredentialSummary(
        version=version,
        id=_text(c.get("id")),
        name=_text(c.get("name")) or _text(ach.get("name")),
        description=_text(c.get("description")) or _text(ach.get("description")),
        achievement_id=_id(ach),
        achievement_name=_text(ach.get("name")),
        achievement_type=achievement_type if isinstance(achievement_type, str) else None,
        criteria_narrative=narrative,
        criteria_url=criteria_url,
        image=image,
        image_caption=caption,
        issuer_id=_id(issuer),
        issuer_name=_text(issuer_map.get("name")),
        issuer_url=_text(issuer_map.get("url")),
        recipient=_recipient3(subject),
        valid_from=_text(c.get("validFrom")) or _text(c.get("issuanceDate")),
        valid_until=_text(c.get("validUntil")) or _text(c.get("expirationDate")),
        awarded_date=_text(c.get("awardedDate")),
        evidence=_evidence(c.get("evidence")),
        alignment=_alignment(ach.get("alignment")),
        tags=_tags(ach.get("tag")),
        narrative=_text(subject.get("narrative")),
        results=_results(subject.get("result"), ach),
    )


def _recipient2(recipient: Any) -> str | None:
    if not isinstance(recipient, Mapping):
        return None
    kind = _text(recipient.get("type")) or "email"
    identity = _text(recipient.get("identity"))
    hashed = recipient.get("hashed") is True or (
        recipient.get("hashed") is None and identity is not None and "$" in identity
    )
    return f"hashed {kind}" if hashed else identity


def _summarize_ob2(a: Mapping[str, Any]) -> CredentialSummary:
    badge = a.get("badge")
    badge_map = badge if isinstance(badge, Mapping) else {}
    issuer = badge_map.get("issuer")
    issuer_map = issuer if isinstance(issuer, Mapping) else {}
    narrative, criteria_url = _criteria(badge_map.get("criteria"))
    image, caption = _image(a.get("image"))
    if not image:
        image, caption = _image(badge_map.get("image"))
    return CredentialSummary(
        version="2.0",
        id=_text(a.get("id")),
        name=_text(badge_map.get("name")),
        description=_text(badge_map.get("description")),
        achievement_id=_id(badge),
        achievement_name=_text(badge_map.get("name")),
        achievement_type=None,
        criteria_narrative=narrative,
        criteria_url=criteria_url,
        image=image,
        image_caption=caption,
        issuer_id=_id(issuer),
        issuer_name=_text(issuer_map.get("name")),
        issuer_url=_text(issuer_map.get("url")),
        recipient=_recipient2(a.get("recipient")),
        valid_from=_text(a.get("issuedOn")),
        valid_until=_text(a.get("expires")),
        awarded_date=_text(a.get("issuedOn")),
        evidence=_evidence(a.get("evidence")),
        alignment=_alignment(badge_map.get("alignment")),
        tags=_tags(badge_map.get("tags")),
        narrative=_text(a.get("narrative")),  # OB 2.0: the Assertion's own narrative
    )
