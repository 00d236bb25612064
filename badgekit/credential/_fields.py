"""Typed reading of human-edited achievement data, with one-line errors (not public API).

Every error names the file, the field (dotted path) and the problem, e.g.
``badge.toml: field 'criteria.narrative': expected text, got a number``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

from ..errors import AchievementError

__all__ = ["Table", "is_absolute_uri", "is_email", "is_http_url", "kind_of"]

_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def kind_of(value: object) -> str:
    """A plain-words name of a value's type, for messages."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    if value is None:
        return "nothing (null)"
    return f"a {type(value).__name__}"


def is_http_url(value: str) -> bool:
    """True for an absolute ``http``/``https`` URL with a host."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def is_absolute_uri(value: str) -> bool:
    """True for an absolute URI (``https:``, ``did:``, ``urn:``, ``data:`` ...) without spaces."""
    return bool(_SCHEME.match(value)) and not any(c.isspace() for c in value) and len(value) > 4


def is_email(value: str) -> bool:
    """True for something shaped like an email address."""
    return bool(_EMAIL.match(value))


class Table:
    """A mapping being read, that knows its file and dotted path for error messages."""

    def __init__(self, data: Mapping[str, Any], *, source: str, path: str = "") -> None:
        self.data = data
        self.source = source
        self.path = path

    def where(self, key: str | None = None) -> str:
        """``'file: field 'a.b''`` for messages."""
        name = f"{self.path}.{key}" if self.path and key else (key or self.path)
        return f"{self.source}: field {name!r}" if name else self.source

    def reject(self, key: str | None, problem: str) -> NoReturn:
        """Raise an :class:`AchievementError` naming the file, ``key`` and ``problem``."""
        msg = f"{self.where(key)}: {problem}"
        raise AchievementError(msg) from None

    def check_keys(self, valid: tuple[str, ...], aliases: Mapping[str, str] | None = None) -> None:
        """Refuse keys that are not in ``valid`` (or ``aliases``), suggesting the closest one."""
        known = set(valid) | set(aliases or {})
        for key in self.data:
            if key not in known:
                close = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                where = f"{self.path}." if self.path else ""
                scope = f" in {self.path!r}" if self.path else ""
                msg = (
                    f"{self.source}: unknown field {where + str(key)!r}{hint}; "
                    f"valid fields{scope}: {', '.join(valid)}"
                )
                raise AchievementError(msg)

    def get(self, key: str, aliases: tuple[str, ...] = ()) -> Any:
        """The value of ``key`` or of its first alias present; refuses two spellings at once."""
        present = [k for k in (key, *aliases) if k in self.data]
        if len(present) > 1:
            self.reject(key, f"given twice (as {' and '.join(map(repr, present))}); keep one")
        return self.data[present[0]] if present else None

    def text(
        self, key: str, *, aliases: tuple[str, ...] = (), required: bool = False
    ) -> str | None:
        """A text field, stripped; blank text counts as absent."""
        value = self.get(key, aliases)
        if value is None:
            if required:
                self.reject(key, "is required")
            return None
        if not isinstance(value, str):
            self.reject(key, f"expected text, got {kind_of(value)}")
        stripped = value.strip()
        if not stripped and required:
            self.reject(key, "is empty")
        return stripped or None

    def url(self, key: str, *, aliases: tuple[str, ...] = (), any_uri: bool = False) -> str | None:
        """A text field holding an ``http(s)`` URL (or any absolute URI when ``any_uri``)."""
        value = self.text(key, aliases=aliases)
        if value is None:
            return None
        ok = is_absolute_uri(value) if any_uri else is_http_url(value)
        if not ok:
            want = "an absolute URI (https://..., did:..., urn:...)" if any_uri else "a web address"
            self.reject(key, f"{value!r} is not {want}")
        return value

    def text_list(self, key: str, *, aliases: tuple[str, ...] = ()) -> tuple[str, ...]:
        """A list of texts (a single text is accepted as a one-item list)."""
        value = self.get(key, aliases)
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            self.reject(key, f"expected a list of texts, got {kind_of(value)}")
        out: list[str] = []
        for i, item in enumerate(items):
            if not isinstance(item, str):
                self.reject(f"{key}[{i}]", f"expected text, got {kind_of(item)}")
            if item.strip():
                out.append(item.strip())
        return tuple(out)

    def table(self, key: str, *, aliases: tuple[str, ...] = ()) -> Table | None:
        """A nested table, or ``None`` if absent."""
        value = self.get(key, aliases)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.reject(key, f"expected a table, got {kind_of(value)}")
        return self.child(key, value)

    def tables(self, key: str, *, aliases: tuple[str, ...] = ()) -> list[Table]:
        """A list of tables (TOML ``[[key]]``); a single table is accepted too."""
        value = self.get(key, aliases)
        if value is None:
            return []
        items = [value] if isinstance(value, Mapping) else value
        if not isinstance(items, list | tuple):
            self.reject(key, f"expected a list of tables, got {kind_of(value)}")
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                self.reject(f"{key}[{i}]", f"expected a table, got {kind_of(item)}")
            out.append(self.child(f"{key}[{i}]", item))
        return out

    def child(self, key: str, value: Mapping[str, Any]) -> Table:
        """A :class:`Table` for a nested mapping."""
        return Table(value, source=self.source, path=f"{self.path}.{key}" if self.path else key)

    def resolve_path(self, value: str, base: Path | None) -> Path:
        """A file path relative to the achievement file's folder."""
        p = Path(value).expanduser()
        return p if p.is_absolute() or base is None else base / p
