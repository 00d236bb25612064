"""Validate credentials against the bundled OB 3.0 JSON Schemas (not public API).

Two schemas ship in ``schemas/`` (copies of ``shared/data``, unedited): the canonical VCDM 2.0
one and the historical VCDM 1.1 one; ``@context[0]`` picks between them (ob3-spec.md §2.2,
§5).  Both are JSON Schema draft 2019-09.  References are resolved only inside the bundled
files: the registry has no retrieval, so validating never touches the network.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import referencing
import referencing.jsonschema

from ._dates import RFC3339
from .constants import VC_V1_CONTEXT

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["SCHEMA_FILES", "SchemaIssue", "issue_paths", "validate_schema"]

_DIR = Path(__file__).resolve().parent / "schemas"
#: VCDM version -> bundled schema file name.
SCHEMA_FILES = {
    "2.0": "ob_v3p0_achievementcredential_schema.json",
    "1.1": "ob_v3p0_achievementcredential_schema-vcdm1.1.json",
    # OB 3.0 §"EndorsementCredential" (VCDM 2.0; shared/data/README.md)
    "endorsement": "ob_v3p0_endorsementcredential_schema.json",
}
#: VCDM 1.1 endorsements are described inside the 1.1 schema file, under this ``$defs`` entry.
_V11_ENDORSEMENT = ("1.1", "#/$defs/EndorsementCredential")
_MAX_ISSUES = 50
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class SchemaIssue:
    """One schema violation: where (``credentialSubject.identifier[0].salt``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


_FORMATS = jsonschema.FormatChecker(formats=())


def _is_datetime(value: object) -> bool:
    # jsonschema checks date-time only with an optional dependency; this is RFC 3339 (§5.6).
    if not isinstance(value, str):
        return True
    if not RFC3339.match(value):
        return False
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    hh, mm, ss = (int(value[i : i + 2]) for i in (11, 14, 17))
    return hh < 24 and mm < 60 and ss < 61


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return bool(_DATE.match(value)) and bool(date.fromisoformat(value))
    except ValueError:
        return False


_FORMATS.checks("date-time")(_is_datetime)
_FORMATS.checks("date")(_is_date)


@cache
def _validator(version: str) -> jsonschema.protocols.Validator:
    file_key, pointer = _V11_ENDORSEMENT if version == "endorsement-1.1" else (version, "")
    schema = json.loads((_DIR / SCHEMA_FILES[file_key]).read_text(encoding="utf-8"))
    resource = referencing.Resource.from_contents(
        schema, default_specification=referencing.jsonschema.DRAFT201909
    )
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(
        schema["$id"], resource
    )
    root = {"$ref": schema["$id"] + pointer} if pointer else schema
    validator: jsonschema.protocols.Validator = jsonschema.Draft201909Validator(
        root, registry=registry, format_checker=_FORMATS
    )
    return validator


def schema_version(credential: Mapping[str, Any]) -> str:
    """``"1.1"`` when ``@context[0]`` is the VCDM 1.1 context, else ``"2.0"``."""
    ctx = credential.get("@context")
    first = ctx[0] if isinstance(ctx, list) and ctx else ctx
    return "1.1" if first == VC_V1_CONTEXT else "2.0"


def _schema_key(credential: Mapping[str, Any], kind: str) -> str:
    version = schema_version(credential)
    if kind == "endorsement":
        return "endorsement-1.1" if version == "1.1" else "endorsement"
    return version


def validate_schema(
    credential: Mapping[str, Any], *, kind: str = "achievement"
) -> list[SchemaIssue]:
    """Check a credential against the OB 3.0 JSON Schema for its VCDM version (or, with
    ``kind="endorsement"``, the EndorsementCredential schema).

    >>> validate_schema(credential)                            # doctest: +SKIP
    [SchemaIssue(path='proof', message="{...} is not of type 'array'")]

    Note that the strict VCDM 2.0 schema requires ``proof`` and ``type`` as **arrays**
    (ob3-spec.md §5), so an unsigned credential only passes once a ``proof`` array is added.

    :param credential: the parsed credential.
    :param kind: ``achievement`` (an OpenBadgeCredential) or ``endorsement``.
    :returns: the violations, deepest first per location; empty when the credential passes.
    """
    validator = _validator(_schema_key(credential, kind))
    issues: list[SchemaIssue] = []
    for error in sorted(validator.iter_errors(credential), key=lambda e: list(map(str, e.path))):
        best = _deepest(error)
        issues.append(SchemaIssue(_path(best.absolute_path), _message(best)))
        if len(issues) >= _MAX_ISSUES:
            break
    return issues


def issue_paths(credential: Mapping[str, Any], *, kind: str = "achievement") -> set[str]:
    """Every location a schema error points at, inside each ``oneOf``/``anyOf`` branch too.

    ``validate_schema`` reports one branch per error; a compacted ``"type": "Profile"`` in an
    issuer object shows there only as "not of type 'string'" at ``issuer``, and here also as
    ``issuer.type`` (the Profile branch).
    """
    validator = _validator(_schema_key(credential, kind))
    paths: set[str] = set()
    stack = list(validator.iter_errors(credential))
    while stack and len(paths) < 10 * _MAX_ISSUES:
        error = stack.pop()
        paths.add(_path(error.absolute_path))
        stack.extend(error.context or ())
    return paths


def _deepest(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    # oneOf/anyOf say only "not valid under any of the given schemas"; the best sub-error
    # names the real problem (e.g. "'type' is a required property").  A branch for another
    # kind of value ("is not of type 'string'" for a Profile object) says least of all.
    while error.context:
        fitting = [
            e
            for e in error.context
            if not (e.validator == "type" and list(e.absolute_path) == list(error.absolute_path))
        ]
        best = jsonschema.exceptions.best_match(fitting or error.context)
        if best is None or best is error:
            break
        error = best
    return error


def _path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(credential)"


def _message(error: jsonschema.ValidationError) -> str:
    text = " ".join(str(error.message).split())
    if len(text) > 200:
        text = text[:197] + "..."
    return text
