"""Achievement routes: the live quality check, the criteria preview and saved achievement
files (not public API).

The browser sends the achievement in the shape of its file (``name``, ``description``,
``[criteria]``, ``[issuer]``, ``[[alignment]]``...); the library reads it
(:meth:`badgekit.Achievement.from_dict`) and checks it (:func:`badgekit.check_achievement`),
and a saved achievement is the TOML file ``badgekit issue --achievement`` reads.
"""

from __future__ import annotations

import tomllib
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

__all__ = ["ROUTES", "clean_tree"]


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
        finding = {"severity": "error", "field": "", "message": doc["error"], "advice": ""}
        return JSONResponse({"ok": False, "score": 0, "findings": [finding], "criteria_html": html})
    report = badgekit.check_achievement(achievement)
    findings = [
        {"severity": f.severity, "field": f.field, "message": f.message, "advice": f.advice}
        for f in report.findings
    ]
    out = {"ok": report.ok, "score": report.score, "findings": findings, "criteria_html": html}
    return JSONResponse(out)


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
        raise ApiError(422, doc["error"], "achievement_error")
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
