"""Achievement routes: the live quality check, the criteria preview and saved achievement
files (not public API).

The browser sends the achievement in the shape of its file (``name``, ``description``,
``[criteria]``, ``[issuer]``, ``[[alignment]]``...); the library reads it
(:meth:`badgekit.Achievement.from_dict`) and checks it (:func:`badgekit.check_achievement`),
and a saved achievement is the TOML file ``badgekit issue --achievement`` reads.
"""

from __future__ import annotations

import posixpath
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import badgekit
from badgekit import _io
from badgekit.credential import starter_file
from badgekit.portfolio._markdown import markdown

from .http import ApiError, json_body
from .state import studio_of

if TYPE_CHECKING:
    from starlette.requests import Request

    from .workspace import Workspace

__all__ = ["ROUTES", "clean_tree", "form_finding"]

#: The form's label of each field of the file, for the library's messages that name a field.
_LABELS = {
    "name": "Name",
    "description": "Description",
    "achievement_type": "Kind of credential",
    "tags": "Tags",
    "criteria": "Criteria",
    "criteria.narrative": "Criteria",
    "valid_for": "Badges expire",
    "image": "Alt text of the picture",
    "image.caption": "Alt text of the picture",
    "design": "Badge picture",
    "issuer": "Issuer",
    "issuer.name": "Issuer name",
    "issuer.url": "Issuer web address",
    "issuer.email": "Issuer email",
    "target_name": "Standard or skill",
    "target_url": "Its web address",
    "target_framework": "Framework",
    "target_code": "Code",
}
_FIELD_ERROR = re.compile(r"^achievement: field '([^']+)': (.*)$", re.DOTALL)
_ALIGNMENT = re.compile(r"^alignment\[(\d+)\]\.(\w+)$")
#: The quality check's advice tells how to edit the file (``[criteria]``, ``tags = [...]``);
#: on the page it names the form's fields instead.
_FILE_SYNTAX = re.compile(r'= "|\[')
_FORM_ADVICE = {
    "description": "Fill in the Description: one or two sentences on what holding this badge "
    "says about the earner (what they know or can do).",
    "criteria": "Fill in the Criteria: what a learner must do, and under Evidence what they "
    "hand in.",
    "image": "Fill in the Alt text of the picture, describing it for people who use screen "
    "readers.",
    "alignment": "Under Standards, give the standard or skill it covers and its web address; "
    "employers and schools use these links.",
    "alignment-tip": "Fill in its Framework (the curriculum or framework's name).",
    "valid_for": "Choose when badges expire.",
    "tags": "Type a few keywords under Tags, separated by commas, that help people find it.",
    "issuer.name": "Fill in the Issuer name: wallets and verifiers show who awarded the badge.",
    "issuer.url": "Fill in the Issuer web address so people can find out who you are.",
    "achievement_type": "Choose the Kind of credential.",
}
_FORM_MESSAGE = {
    "image": "the picture has no alt text",
}


def form_finding(severity: str, field: str, message: str, advice: str) -> dict[str, str]:
    """A quality finding in the form's words: its advice names the form's fields, not the
    file's syntax (the same finding, the same field)."""
    key = f"{field}-tip" if field == "alignment" and severity == "tip" else field
    key = "image" if key == "image.caption" else key
    if _FILE_SYNTAX.search(advice) and key in _FORM_ADVICE:
        advice = _FORM_ADVICE[key]
        message = _FORM_MESSAGE.get(key, message)
    message = re.sub(r"^alignment '", "the standard '", message)
    return {"severity": severity, "field": field, "message": message, "advice": advice}


def _form_error(message: str) -> dict[str, str]:
    """``achievement: field 'issuer.url': ... is not a web address`` -> the form's label and
    the problem (``Issuer web address: ...``), with the field for the page to mark."""
    found = _FIELD_ERROR.match(message)
    if found is None:
        return form_finding("error", "", message.removeprefix("achievement: "), "")
    field, problem = found.groups()
    row = _ALIGNMENT.match(field)
    if row is not None:
        label = f"Standard {int(row[1]) + 1}: {_LABELS.get(row[2], row[2])}"
    else:
        label = _LABELS.get(field) or _LABELS.get(re.sub(r"\[\d+\]$", "", field), field)
    text = f"{label} {problem}" if problem.startswith("is ") else f"{label}: {problem}"
    return form_finding("error", field, text, "")


def clean_tree(value: Any) -> Any:
    """``value`` without empty strings, ``None`` and empty lists or tables (TOML has no null,
    and an empty field in a form means "not given")."""
    if isinstance(value, dict):
        out = {k: clean_tree(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        items = [clean_tree(v) for v in value]
        return [v for v in items if v not in (None, "", [], {})]
    if isinstance(value, str):
        return value.strip()
    return value


def _read(data: dict[str, Any]) -> tuple[badgekit.Achievement | None, dict[str, Any]]:
    doc = clean_tree(data)
    try:
        return badgekit.Achievement.from_dict(doc, source="achievement"), doc
    except badgekit.errors.AchievementError as e:
        return None, {"error": str(e)}


async def check(request: Request) -> Response:
    """POST /api/achievement/check: ``{"data": {...}}`` (the file's fields) in, the quality
    check out: ``{"ok", "score", "findings": [{"severity", "field", "message", "advice"}],
    "criteria_html"}`` (the criteria's Markdown, rendered as the badge wall renders it)."""
    body = await json_body(request)
    achievement, doc = _read(body.mapping("data"))
    criteria = body.mapping("data").get("criteria") or {}
    narrative = criteria.get("narrative") if isinstance(criteria, dict) else None
    html = str(markdown(narrative)) if isinstance(narrative, str) and narrative.strip() else ""
    if achievement is None:
        finding = _form_error(doc["error"])
        return JSONResponse({"ok": False, "score": 0, "findings": [finding], "criteria_html": html})
    report = badgekit.check_achievement(achievement)
    findings = [form_finding(f.severity, f.field, f.message, f.advice) for f in report.findings]
    out = {"ok": report.ok, "score": report.score, "findings": findings, "criteria_html": html}
    return JSONResponse(out)


def _confine(ws: Workspace, achievement: badgekit.Achievement) -> None:
    """The files a saved achievement names (its design, its pictures) are read when the site
    is published: like every path from the browser they must be in the workspace (and not
    its keys).

    :raises WorkspaceError: one is elsewhere.
    """
    image, logo = achievement.image, achievement.issuer.image
    for named in (
        achievement.design if isinstance(achievement.design, Path) else None,
        image.path if image else None,
        logo.path if logo else None,
    ):
        if named is not None:
            ws.path(posixpath.join("achievements", named.as_posix()))


async def list_achievements(request: Request) -> Response:
    """GET /api/achievements: the saved achievements' names."""
    ws = studio_of(request).workspace
    return JSONResponse({"achievements": ws.listing("achievements", ".toml")})


async def starter(request: Request) -> Response:
    """GET /api/achievements/example: the commented starter of ``badgekit achievement new``,
    as the form's fields."""
    return JSONResponse({"name": "example", "data": tomllib.loads(starter_file())})


async def get_achievement(request: Request) -> Response:
    """GET /api/achievements/{name}: a saved achievement's fields."""
    ws = studio_of(request).workspace
    path = ws.named("achievements", request.path_params["name"], ".toml")
    if not path.is_file():
        raise ApiError(404, f"no saved achievement {path.stem!r}", "not_found")
    try:
        data = tomllib.loads(_io.read_bytes(path, limit=2**20).decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ApiError(422, f"{path.name} is not valid TOML ({e})", "bad_file") from None
    return JSONResponse({"name": path.stem, "data": data})


async def save(request: Request) -> Response:
    """POST /api/achievements: save ``{"name": "...", "data": {...}}`` as
    ``achievements/NAME.toml`` once the library reads it (a misspelt or mistyped field is a
    422 naming it)."""
    body = await json_body(request)
    ws = studio_of(request).workspace
    achievement, doc = _read(body.mapping("data"))
    if achievement is None:
        raise ApiError(422, _form_error(doc["error"])["message"], "achievement_error")
    _confine(ws, achievement)
    target = ws.named("achievements", body.text("name", limit=200) or achievement.name, ".toml")
    try:
        text = tomli_w.dumps(doc)
    except TypeError as e:
        raise ApiError(400, f"cannot be written as TOML: {e}", "wrong_type") from None
    _io.write_atomic(target, text.encode("utf-8"))
    return JSONResponse({"name": target.stem, "file": ws.rel(target)})


ROUTES = [
    Route("/api/achievement/check", check, methods=["POST"]),
    Route("/api/achievements", list_achievements),
    Route("/api/achievements", save, methods=["POST"]),
    Route("/api/achievements/example", starter),
    Route("/api/achievements/{name}", get_achievement),
]
