"""Achievements (badge classes) described in human-edited TOML, JSON or YAML files (not public API).

An achievement file says what the badge is (name, description, criteria, image, type, tags,
alignment), who issues it (the issuer profile) and how long an award stays valid.  It maps to
the OB 3.0 ``Achievement`` and issuer ``Profile`` classes (ob3-spec.md §2.1).  Loading checks
structure and types; whether the badge is *good* is :mod:`badgekit.credential.quality`'s job.
"""

from __future__ import annotations

import difflib
import json
import tomllib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import _io
from ..errors import AchievementError
from ._fields import Table, is_email, is_http_url, kind_of
from ._starter import STARTER
from .constants import ACHIEVEMENT_TYPES, EXT_PATTERN
from .validity import ValidityPolicy, parse_validity

__all__ = [
    "Achievement",
    "Alignment",
    "Criteria",
    "ImageRef",
    "IssuerProfile",
    "starter_file",
]

#: Achievement files are small; refuse anything bigger than this.
MAX_FILE_BYTES = 1024 * 1024
#: Namespace of the stable ``urn:uuid`` ids generated for achievements without an ``id``.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://purl.imsglobal.org/spec/ob/v3p0#badgekit")

_TOP = ("name", "description", "criteria", "image", "achievement_type", "tags", "alignment",
        "issuer", "valid_for", "id", "design")  # fmt: skip
_TOP_ALIASES = {"achievementType": "achievement_type", "tag": "tags", "alignments": "alignment"}
_ALIGN = ("target_name", "target_url", "target_framework", "target_code", "target_description",
          "target_type")  # fmt: skip
_ALIGN_ALIASES = {
    "targetName": "target_name",
    "targetUrl": "target_url",
    "targetFramework": "target_framework",
    "targetCode": "target_code",
    "targetDescription": "target_description",
    "targetType": "target_type",
}
_TARGET_TYPES = ("ceasn:Competency", "ceterms:Credential", "CFItem", "CFRubric",
                 "CFRubricCriterion", "CFRubricCriterionLevel", "CTDL")  # fmt: skip


@dataclass(frozen=True)
class Criteria:
    """How to earn the badge: a Markdown ``narrative`` and/or a web page ``url``."""

    narrative: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ImageRef:
    """An image: a ``url`` (web address or ``data:`` URI) or a local ``path``, and its alt text."""

    url: str | None = None
    path: Path | None = None
    caption: str | None = None


@dataclass(frozen=True)
class Alignment:
    """A link from the badge to a standard, competency or framework item."""

    target_name: str
    target_url: str
    target_framework: str | None = None
    target_code: str | None = None
    target_description: str | None = None
    target_type: str | None = None


@dataclass(frozen=True)
class IssuerProfile:
    """Who issues the badge.  ``id`` left out: the signing key's ``did:key`` is used."""

    id: str | None = None
    name: str | None = None
    url: str | None = None
    email: str | None = None
    image: ImageRef | None = None
    description: str | None = None


@dataclass(frozen=True)
class Achievement:
    """One badge class, as read from an achievement file.

    ``description`` and ``criteria`` may be missing here (the quality check reports them);
    :func:`~badgekit.credential.build.build_credential` refuses an incomplete achievement.
    """

    name: str
    description: str | None = None
    criteria: Criteria = Criteria()
    issuer: IssuerProfile = IssuerProfile()
    id: str | None = None
    image: ImageRef | None = None
    achievement_type: str | None = None
    tags: tuple[str, ...] = ()
    alignment: tuple[Alignment, ...] = ()
    valid_for: ValidityPolicy | None = None
    #: A design spec for the artwork: a path (relative to the file) or an inline table.
    design: Path | Mapping[str, Any] | None = field(default=None, hash=False)
    #: The file this achievement was read from (for messages).
    source: Path | None = field(default=None, compare=False)

    def resolved_id(self, issuer_id: str) -> str:
        """The achievement id: ``id`` if set, else a ``urn:uuid`` stable for issuer and name."""
        if self.id:
            return self.id
        return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, issuer_id + chr(10) + self.name)}"

    @classmethod
    def load(cls, path: str | Path) -> Achievement:
        """Read an achievement file (``.toml``, ``.json``, ``.yaml`` or ``.yml``).

        >>> a = Achievement.load("python-basics.toml")          # doctest: +SKIP

        :raises AchievementError: the file is malformed, or a field is unknown or of the wrong type.
        :raises FileAccessError: the file cannot be read.
        """
        p = Path(path)
        raw = _io.read_bytes(p, limit=MAX_FILE_BYTES)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            msg = f"{p}: not UTF-8 text"
            raise AchievementError(msg) from None
        data = _parse(text, p)
        return cls.from_dict(data, source=p, base_dir=p.parent)

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        *,
        source: str | Path | None = None,
        base_dir: Path | None = None,
    ) -> Achievement:
        """Build an achievement from parsed file data.

        :param data: the file's top-level table.
        :param source: the file name used in messages (default ``"achievement"``).
        :param base_dir: folder against which relative image and design paths are resolved.
        :raises AchievementError: a field is unknown, missing or of the wrong type.
        """
        label = str(source) if source is not None else "achievement"
        if not isinstance(data, Mapping):
            msg = f"{label}: expected a table of fields at the top level, got {kind_of(data)}"
            raise AchievementError(msg)
        t = Table(data, source=label)
        t.check_keys(_TOP, _TOP_ALIASES)
        return cls(
            name=_required_name(t),
            description=t.text("description"),
            criteria=_criteria(t),
            issuer=_issuer(t, base_dir),
            id=t.url("id", any_uri=True),
            image=_image(t, "image", base_dir),
            achievement_type=_achievement_type(t),
            tags=t.text_list("tags", aliases=("tag",)),
            alignment=tuple(_alignment(a) for a in t.tables("alignment", aliases=("alignments",))),
            valid_for=_validity(t),
            design=_design(t, base_dir),
            source=Path(source) if source is not None else None,
        )


def starter_file() -> str:
    """A commented TOML achievement file that works as it is with any signing key."""
    return STARTER


def _parse(text: str, path: Path) -> Any:
    suffix = path.suffix.lower()
    if suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            msg = f"{path}: not valid TOML: {e}"
            raise AchievementError(msg) from None
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            msg = f"{path}: not valid JSON: {e.msg} (at line {e.lineno}, column {e.colno})"
            raise AchievementError(msg) from None
    if suffix in (".yaml", ".yml"):
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f" (at line {mark.line + 1}, column {mark.column + 1})" if mark else ""
            problem = getattr(e, "problem", None) or str(e).splitlines()[0]
            msg = f"{path}: not valid YAML: {problem}{where}"
            raise AchievementError(msg) from None
    msg = f"{path}: unknown achievement file type {suffix or '(none)'!r}; use .toml, .json or .yaml"
    raise AchievementError(msg)


def _required_name(t: Table) -> str:
    name = t.text("name", required=True)
    assert name is not None
    return name


def _criteria(t: Table) -> Criteria:
    value = t.get("criteria")
    if value is None:
        return Criteria()
    if isinstance(value, str):
        return Criteria(narrative=value.strip() or None)
    c = t.table("criteria")
    assert c is not None
    c.check_keys(("narrative", "url"), {"id": "url"})
    return Criteria(narrative=c.text("narrative"), url=c.url("url", aliases=("id",)))


def _image(t: Table, key: str, base_dir: Path | None) -> ImageRef | None:
    value = t.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return _image_source(t, key, value.strip(), None, base_dir)
    it = t.table(key)
    assert it is not None
    it.check_keys(("url", "path", "caption"), {"id": "url", "file": "path", "alt": "caption"})
    url, path = it.text("url", aliases=("id",)), it.text("path", aliases=("file",))
    caption = it.text("caption", aliases=("alt",))
    if url and path:
        it.reject(None, "give either 'url' or 'path', not both")
    if url and not (is_http_url(url) or url.startswith("data:image/")):
        it.reject("url", f"{url!r} is not a web address or a data:image/ URI")
    if path:
        return ImageRef(path=it.resolve_path(path, base_dir), caption=caption)
    return ImageRef(url=url, caption=caption)


def _image_source(
    t: Table, key: str, value: str, caption: str | None, base_dir: Path | None
) -> ImageRef | None:
    if not value:
        return None
    if is_http_url(value) or value.startswith("data:image/"):
        return ImageRef(url=value, caption=caption)
    if "://" in value:
        t.reject(key, f"{value!r} is not a web address (http/https) or a file path")
    return ImageRef(path=t.resolve_path(value, base_dir), caption=caption)


def _issuer(t: Table, base_dir: Path | None) -> IssuerProfile:
    it = t.table("issuer")
    if it is None:
        return IssuerProfile()
    it.check_keys(("id", "name", "url", "email", "image", "description"))
    email = it.text("email")
    if email and not is_email(email):
        it.reject("email", f"{email!r} is not an email address")
    return IssuerProfile(
        id=it.url("id", any_uri=True),
        name=it.text("name"),
        url=it.url("url"),
        email=email,
        image=_image(it, "image", base_dir),
        description=it.text("description"),
    )


def _achievement_type(t: Table) -> str | None:
    value = t.text("achievement_type", aliases=("achievementType",))
    if value is None or value in ACHIEVEMENT_TYPES or EXT_PATTERN.match(value):
        return value
    folded = {v.lower(): v for v in ACHIEVEMENT_TYPES}
    close = folded.get(value.lower().replace(" ", "")) or next(
        iter(difflib.get_close_matches(value, ACHIEVEMENT_TYPES, n=1)), None
    )
    hint = f" (did you mean {close!r}?)" if close else ""
    choices = ", ".join(ACHIEVEMENT_TYPES)
    msg = f"unknown type {value!r}{hint}; use one of {choices}, or 'ext:YourType'"
    t.reject("achievement_type", msg)


def _alignment(a: Table) -> Alignment:
    a.check_keys(_ALIGN, _ALIGN_ALIASES)

    def text(key: str, required: bool = False) -> str | None:
        camel = next(k for k, v in _ALIGN_ALIASES.items() if v == key)
        return a.text(key, aliases=(camel,), required=required)

    target_type = text("target_type")
    if target_type and target_type not in _TARGET_TYPES and not EXT_PATTERN.match(target_type):
        msg = f"{target_type!r} is not one of {', '.join(_TARGET_TYPES)} nor 'ext:...'"
        a.reject("target_type", msg)
    target_url = a.url("target_url", aliases=("targetUrl",))
    if target_url is None:
        a.reject("target_url", "is required (the web page of the standard or competency)")
    return Alignment(
        target_name=text("target_name", required=True) or "",
        target_url=target_url,
        target_framework=text("target_framework"),
        target_code=text("target_code"),
        target_description=text("target_description"),
        target_type=target_type,
    )


def _validity(t: Table) -> ValidityPolicy | None:
    value = t.get("valid_for")
    if value is None:
        return None
    if not isinstance(value, str):
        t.reject("valid_for", f'expected text such as "2 years", got {kind_of(value)}')
    try:
        return parse_validity(value)
    except ValueError as e:
        t.reject("valid_for", str(e))


def _design(t: Table, base_dir: Path | None) -> Path | Mapping[str, Any] | None:
    value = t.get("design")
    if value is None:
        return None
    if isinstance(value, str):
        return t.resolve_path(value.strip(), base_dir) if value.strip() else None
    if isinstance(value, Mapping):
        return dict(value)
    t.reject("design", f"expected a file path or a table, got {kind_of(value)}")
