"""The ``container`` check: what a file holds, and the credential text inside it (not public
API).

A badge reaches ``verify`` as a baked PNG or SVG, credential JSON, a compact JWS, or an
in-memory dict.  This module turns any of them into the payload text (or dict) plus the
container check result, and says in plain words why nothing was found.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import _io
from ..bake import payload_kind, sniff, unbake
from ..errors import BadgekitError, UnsupportedFormatError
from .report import CheckResult, CheckStatus

__all__ = ["Source", "holds_badge", "load_source"]

_NOT_A_BADGE = "this file is not a badge: it is not a PNG or SVG image, credential JSON or a JWS"
_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Source:
    """A loaded badge: where it came from and what it carries.

    :ivar name: file name or a placeholder for in-memory input.
    :ivar check: the ``container`` check result.
    :ivar payload: the credential JSON text, compact JWS, hosted URL, or dict; ``None`` when
        the container check failed.
    :ivar kind: ``json``, ``jws``, ``url`` or ``dict``.
    :ivar image: the image bytes when the badge was baked (for display), else ``None``.
    """

    name: str
    check: CheckResult
    payload: str | dict[str, Any] | None = None
    kind: str | None = None
    image: bytes | None = None
    image_format: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _failed(name: str, code: str, message: str) -> Source:
    return Source(name, CheckResult("container", CheckStatus.FAILED, code, message))


def _text_source(name: str, data: bytes) -> Source:
    try:
        text = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        msg = "this file is not a badge: it is neither a PNG or SVG image nor text"
        return _failed(name, "unsupported_format", msg)
    if text.startswith("{"):
        msg = "the file is credential JSON (not baked into an image)"
        return Source(name, CheckResult("container", CheckStatus.PASSED, "json", msg), text, "json")
    if _JWS.fullmatch(text):
        msg = "the file is a compact JWS (a VC-JWT or signed assertion)"
        return Source(name, CheckResult("container", CheckStatus.PASSED, "jws", msg), text, "jws")
    return _failed(name, "unsupported_format", _NOT_A_BADGE)


def load_source(source: bytes | str | os.PathLike[str] | dict[str, Any]) -> Source:
    """Load a badge from a path, bytes, or a credential dict (never raises for bad input).

    :raises TypeError: an unsupported argument type.
    """
    if isinstance(source, dict):
        msg = "a credential given as a JSON object"
        check = CheckResult("container", CheckStatus.PASSED, "dict", msg)
        return Source("<credential>", check, source, "dict")
    if isinstance(source, str | os.PathLike):
        name = str(source)
        try:
            data = _io.read_bytes(Path(source))
        except BadgekitError as e:
            return _failed(name, e.code, str(e))
    elif isinstance(source, bytes | bytearray | memoryview):
        name, data = "<bytes>", bytes(source)
    else:
        msg = f"cannot verify a {type(source).__name__}; pass a path, bytes or a dict"
        raise TypeError(msg)
    try:
        fmt = sniff(data)
    except UnsupportedFormatError as e:
        if data.strip()[:1] in (b"{",) or _JWS.fullmatch(data.strip().decode("ascii", "replace")):
            return _text_source(name, data)
        if not data:
            return _failed(name, e.code, "the file is empty")
        return _failed(name, e.code, _NOT_A_BADGE)
    except BadgekitError as e:  # a PNG whose signature is cut short or damaged
        return _failed(name, e.code, str(e))
    try:
        found = unbake(data)
    except BadgekitError as e:
        return Source(
            name,
            CheckResult("container", CheckStatus.FAILED, e.code, str(e)),
            image=data,
            image_format=fmt,
        )
    kind = payload_kind(found.payload)
    thing = "assertion" if found.label == "Open Badges 2.0" else "credential"
    article = "an" if found.standard == "ob" else "a"
    what = f"{found.label} {thing}"
    what = f"a baked-in link to {article} {what}" if kind == "url" else f"a baked-in {what}"
    hosted = f", hosted at {found.hosted_url}" if found.hosted_url else ""
    msg = f"{fmt.upper()} image with {what} ({kind.upper()} in {found.carrier.location}{hosted})"
    details: dict[str, Any] = {
        "format": fmt,
        "carrier": found.carrier.location,
        # "3.0" or "2.0" (Open Badges), "clr2.0" (CLR 2.0): never mistaken for an OB version.
        "carrier_version": found.version if found.standard == "ob" else f"clr{found.version}",
    }
    if found.hosted_url:  # OB 2.0 hosted SVG: the assertion's URL next to its JSON
        details["hosted_url"] = found.hosted_url
    if found.warnings:
        details["warnings"] = list(found.warnings)
    status = CheckStatus.WARNING if found.warnings else CheckStatus.PASSED
    check = CheckResult("container", status, "baked", msg, details)
    return Source(name, check, found.payload, kind, data, fmt, found.warnings)


def holds_badge(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a file that carries a badge (a baked image, credential JSON or a
    JWS), good or bad: an output written there would destroy it."""
    if not Path(path).is_file():
        return False
    return load_source(path).check.status in (CheckStatus.PASSED, CheckStatus.WARNING)
