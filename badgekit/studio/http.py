"""Request and answer helpers shared by the studio's routes (not public API).

JSON bodies are bounded and must be objects; each field is read with its expected type, and
a wrong type is a 400 naming the field.  Uploads are bounded per file and per request, and
their kind is told from their bytes, never from the name or the browser's content type.
Library errors become JSON answers ``{"error": message, "code": code}`` in one place
(:func:`error_handlers`), in the words of the studio's forms rather than the command line's
(:func:`words`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

from ..bake import sniff
from ..errors import BadgekitError, TextFitError, WorkspaceError
from .limits import MAX_FILES_PER_REQUEST, MAX_JSON_BYTES

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine, Mapping

    from starlette.requests import Request
    from starlette.responses import Response

__all__ = [
    "ApiError",
    "Body",
    "Upload",
    "badge_kind",
    "error_handlers",
    "json_body",
    "read_uploads",
    "words",
]

#: The library's advice names the command line's options; a teacher in the studio sees the
#: form's own words instead (pinned against the library's messages in tests/studio).
_FORM_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        # verify
        (r"\(run with --online( to confirm)?\)", "(tick “Look things up online” under Options)"),
        (r"run with --online to check it", "tick “Look things up online” under Options"),
        # a roster's columns
        (r", or map it with --column FIELD=HEADER", ", or say what it holds under Columns"),
        (
            r"; name one 'recipient' or 'email', or use --column recipient=HEADER",
            ": under Columns, choose Recipient for the column of email addresses",
        ),
        (r"keep one, or map one with --column \S+=HEADER", "choose “not used” for one of them"),
        # sending by email
        (
            r"^--user needs a password: name the environment variable with --password-env$",
            "a user name needs its password: type it under Password",
        ),
        (
            r"^--user without --starttls or --ssl would send the password to (.+) in clear; "
            r"add --starttls \(port 587\) or --ssl \(port 465\)$",
            r"without STARTTLS or SSL/TLS the password would go to \1 in clear; choose "
            r"STARTTLS (port 587) or SSL/TLS (port 465) under Security",
        ),
        (r"try --ssl \(port 465\)", "try SSL/TLS (port 465) under Security"),
        (r"check --ssl/--starttls", "check the Security choice"),
        (r"; for a private CA give its certificate with --cafile", ""),
        (r"only with --starttls", "only with STARTTLS"),
        (r"^--from ", "From "),
        # publishing
        (
            r"\(give \[image\] path or a \[design\]\)",
            "(choose its Badge picture on the Achievement page)",
        ),
        (r", or issue the batch with --base-url", ""),
        (r" \(a batch has a status list when issued with --base-url or --status-list\)", ""),
    )
)


def words(text: str, paths: Mapping[str, str] | None = None) -> str:
    """``text`` (a library message) in the studio's words: the command line's options become
    the form's, and each path in ``paths`` (an absolute path on this computer) its name."""
    for path, name in sorted((paths or {}).items(), key=lambda kv: -len(kv[0])):
        text = text.replace(path, name)
    for pattern, replacement in _FORM_WORDS:
        text = pattern.sub(replacement, text)
    return text


def _workspace_paths(request: Request) -> dict[str, str]:
    studio = getattr(request.app.state, "studio", None)
    return {f"{studio.workspace.root}/": ""} if studio is not None else {}


class ApiError(Exception):
    """A request the studio refuses: an HTTP status, a message and a stable code."""

    def __init__(self, status: int, message: str, code: str = "bad_request") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code


def _error(status: int, message: str, code: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, "code": code, **extra}, status_code=status)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _error(exc.status, words(exc.message, _workspace_paths(request)), exc.code)


async def _library_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BadgekitError)
    extra: dict[str, Any] = {}
    if isinstance(exc, TextFitError) and exc.slot:
        extra["slot"] = exc.slot
    status = 400 if isinstance(exc, WorkspaceError) else 422
    return _error(status, words(str(exc), _workspace_paths(request)), exc.code, **extra)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
        exc.status_code, "http_error"
    )
    return _error(exc.status_code, str(exc.detail), code)


def error_handlers() -> dict[Any, Callable[[Request, Exception], Coroutine[Any, Any, Response]]]:
    """The exception handlers of the app: every refusal is JSON with a code."""
    return {ApiError: _api_error, BadgekitError: _library_error, HTTPException: _http_error}


@dataclass(frozen=True)
class Body:
    """A parsed JSON object whose fields are read with their types."""

    data: dict[str, Any]

    def text(self, key: str, *, required: bool = False, limit: int = 20_000) -> str | None:
        """A string field (``None`` when absent or empty and not required)."""
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                raise ApiError(400, f"{key!r} is required", "missing_field")
            return None
        if not isinstance(value, str):
            raise ApiError(400, f"{key!r} must be a string", "wrong_type")
        if len(value) > limit:
            raise ApiError(400, f"{key!r} is longer than {limit:,} characters", "too_long")
        return value

    def required(self, key: str, *, limit: int = 20_000) -> str:
        """A string field that must be there."""
        value = self.text(key, required=True, limit=limit)
        assert value is not None
        return value

    def integer(self, key: str, default: int, low: int, high: int) -> int:
        """A whole number in ``[low, high]``."""
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ApiError(400, f"{key!r} must be a whole number", "wrong_type")
        if not low <= value <= high:
            raise ApiError(400, f"{key!r} must be between {low} and {high}", "out_of_range")
        return value

    def strings(self, key: str) -> dict[str, str]:
        """An object of string values (absent: empty)."""
        value = self.data.get(key) or {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise ApiError(400, f"{key!r} must be an object of strings", "wrong_type")
        return dict(value)

    def mapping(self, key: str) -> dict[str, Any]:
        """A JSON object field (absent: empty)."""
        value = self.data.get(key) or {}
        if not isinstance(value, dict):
            raise ApiError(400, f"{key!r} must be an object", "wrong_type")
        return dict(value)

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        """One of ``choices``."""
        value = self.data.get(key, default)
        if value not in choices:
            raise ApiError(400, f"{key!r} must be one of {', '.join(choices)}", "bad_choice")
        return str(value)


async def json_body(request: Request, limit: int = MAX_JSON_BYTES) -> Body:
    """The request's JSON object, at most ``limit`` bytes.

    :raises ApiError: not JSON, too large, or not an object.
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise ApiError(415, "send JSON (Content-Type: application/json)", "unsupported_media")
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit:
            raise ApiError(413, f"the JSON body is larger than {limit:,} bytes", "too_large")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "the body is not valid JSON", "bad_json") from None
    if not isinstance(data, dict):
        raise ApiError(400, "the body must be a JSON object", "wrong_type")
    return Body(data)


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its name as the browser gave it (for display only) and its bytes."""

    name: str
    data: bytes


async def read_uploads(
    request: Request, field: str, *, limit: int, max_files: int = MAX_FILES_PER_REQUEST
) -> tuple[list[Upload], dict[str, str]]:
    """The files of ``field`` in a multipart request, and its text fields.

    :param limit: the largest file accepted (413 naming it otherwise).
    :raises ApiError: not multipart, no file, too many files, or a file over ``limit``.
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "multipart/form-data":
        raise ApiError(415, "send the files as multipart/form-data", "unsupported_media")
    form = await request.form(max_files=max_files, max_fields=50, max_part_size=MAX_JSON_BYTES)
    files: list[Upload] = []
    fields: dict[str, str] = {}
    try:
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                if key != field:
                    continue
                data = await value.read(limit + 1)
                name = _display_name(value.filename or "upload")
                if len(data) > limit:
                    msg = f"{name} is larger than the {limit // 2**20} MiB the studio accepts"
                    raise ApiError(413, msg, "too_large")
                files.append(Upload(name, data))
            else:
                fields[key] = value
    finally:
        await form.close()
    if not files:
        raise ApiError(400, f"no file was sent in {field!r}", "missing_file")
    return files, fields


def _display_name(name: str) -> str:
    """The last part of a browser-given file name, for messages and download names only."""
    base = re.split(r"[\\/]", name)[-1]
    clean = "".join(ch for ch in base if ch.isprintable())[:120]
    return clean or "upload"


_JWS = re.compile(rb"^\s*[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\s*$")


def badge_kind(data: bytes) -> str:
    """``png``, ``svg``, ``json`` or ``jws`` from a badge file's bytes.

    :raises ApiError: 415 for anything else (a JPEG, a ZIP, an executable).
    """
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "json"
    if _JWS.match(data[:65536]) and len(data) <= 65536:
        return "jws"
    try:
        return sniff(data)
    except BadgekitError:
        pass
    except TypeError:
        pass
    msg = "not a badge file: the studio reads PNG, SVG, JSON and JWS (VC-JWT) files"
    raise ApiError(415, msg, "unsupported_media")
