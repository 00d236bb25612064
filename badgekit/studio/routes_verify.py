"""Verify and portfolio routes: badge files in, the same verdicts and checks as ``badgekit
verify``; a folder of badges in, the badge wall and the CSV out (not public API)."""

from __future__ import annotations

import contextlib
import os
import re
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

import badgekit
from badgekit import _io
from badgekit.batch import STATE, STATUS_LIST, STATUS_STATE, SUMMARY
from badgekit.portfolio import find_badge_files
from badgekit.verify.describe import badge_lines, check_lines, nested_lines

from .http import ApiError, badge_kind, json_body, read_uploads, words
from .limits import MAX_BADGE_FILE_BYTES
from .state import studio_of
from .workspace import slug
from .zips import zip_folder

if TYPE_CHECKING:
    from pathlib import Path

    from starlette.requests import Request

    from .workspace import Workspace

__all__ = ["ROUTES", "shown"]

#: The policy of a badge wall page: sandboxed (an opaque origin: no cookies, no API), framed
#: only by the studio; the page's own meta policy (``default-src 'none'`` and hashes) applies.
WALL_POLICY = "sandbox allow-scripts; frame-ancestors 'self'"
_KIND_SUFFIX = {"png": ".png", "svg": ".svg", "json": ".json", "jws": ".jwt"}
#: A batch folder's own JSON files (``badgekit batch``'s bookkeeping), which are not badges.
_BATCH_FILES = (STATE, SUMMARY, STATUS_LIST, STATUS_STATE)
#: The verifier's "(run with --online ...)": the portfolio page has no online option.
_ONLINE_ADVICE = re.compile(r"\s*\(run with --online[^)]*\)")


def shown(report: badgekit.VerificationReport) -> dict[str, Any]:
    """What a person is shown of a report: the CLI's words (:mod:`badgekit.verify.describe`),
    with the page's options where the CLI names its own (:func:`~.http.words`)."""
    return {
        "source": report.source,
        "verdict": report.verdict.value,
        "headline": words(report.headline),
        "confirmed": report.confirmed,
        "lines": badge_lines(report, recipient_hint="by giving their email under Options"),
        "checks": [
            {"status": c.status, "mark": c.mark, "ids": c.ids, "message": words(c.message)}
            for c in check_lines(report.checks)
        ],
        "nested": [
            {
                "depth": n.depth,
                "title": n.title,
                "verdict": n.verdict,
                "what": n.what,
                "headline": words(n.headline),
            }
            for n in nested_lines(report)
        ],
    }


async def verify(request: Request) -> Response:
    """POST /api/verify: badge files (multipart field ``files``, several allowed) in, the
    ``badgekit verify --json`` report out: an object for one file, an array for several.

    Optional fields: ``recipient`` (an email or id the badge must be issued to), ``online``
    (``1``: allow the network lookups of ``--online``).  With ``?view=page`` each item is
    ``{"report": ..., "shown": {verdict, headline, lines, checks}}``, the words the CLI prints.
    """
    files, fields = await read_uploads(request, "files", limit=MAX_BADGE_FILE_BYTES)
    verifier = studio_of(request).workspace.verifier(
        online=fields.get("online") == "1", recipient=fields.get("recipient") or None
    )

    def run() -> list[badgekit.VerificationReport]:
        return [verifier.verify(f.data).replace(source=f.name) for f in files]

    reports = await run_in_threadpool(run)
    if request.query_params.get("view") == "page":
        items = [{"report": r.to_json(), "shown": shown(r)} for r in reports]
        return JSONResponse({"reports": items})
    out = [r.to_json() for r in reports]
    return JSONResponse(out[0] if len(out) == 1 else out)


def _not_badges(folder: Path) -> list[Path]:
    """The bookkeeping files of a batch folder, left out of its portfolio."""
    return [folder / name for name in _BATCH_FILES] if (folder / STATE).is_file() else []


def _count(folder: Path) -> int:
    try:
        found = find_badge_files(folder, exclude=_not_badges(folder))
        return sum(1 for _, skipped in found if skipped is None)
    except badgekit.BadgekitError:
        return 0


def _folders(ws: Workspace) -> list[dict[str, Any]]:
    out = []
    for parent in ("portfolio", "batches"):
        with contextlib.suppress(OSError):
            for folder in sorted(ws.path(parent).iterdir()):
                if folder.is_dir() and not folder.is_symlink():
                    out.append({"folder": ws.rel(folder), "files": _count(folder)})
    out.append({"folder": "issued", "files": _count(ws.path("issued"))})
    return [f for f in out if f["files"]]


async def folders(request: Request) -> Response:
    """GET /api/folders: the workspace folders that hold badge files (``portfolio/*``,
    ``batches/*``, ``issued``), with how many each holds."""
    ws = studio_of(request).workspace
    return JSONResponse({"folders": await run_in_threadpool(_folders, ws)})


async def upload_portfolio(request: Request) -> Response:
    """POST /api/portfolio/upload: badge files (multipart ``files``) into ``portfolio/NAME/``
    (field ``folder``).  Files that are not badges (by their bytes) are refused with 415."""
    files, fields = await read_uploads(request, "files", limit=MAX_BADGE_FILE_BYTES)
    kinds = [badge_kind(f.data) for f in files]
    ws = studio_of(request).workspace
    folder = ws.path(slug(fields.get("folder", ""), "my-badges"), under="portfolio")
    folder.mkdir(exist_ok=True)
    for upload, kind in zip(files, kinds, strict=True):
        stem = slug(os.path.splitext(upload.name)[0], "badge")
        _io.write_atomic(folder / (stem + _KIND_SUFFIX[kind]), upload.data)
    return JSONResponse({"folder": ws.rel(folder), "saved": len(files)})


def _scan(ws: Workspace, source: Path, title: str, hide_invalid: bool) -> dict[str, Any]:
    name = slug(ws.rel(source))
    walls = ws.path(name, under="walls")
    folio = badgekit.scan_portfolio(source, exclude=_not_badges(source), verifier=ws.verifier())
    wall = badgekit.write_badge_wall(folio, walls, title=title, hide_invalid=hide_invalid)
    badgekit.write_portfolio_csv(folio, walls / "badges.csv")
    entries = [
        {
            "file": e.file,
            "status": e.status.value,
            "name": e.name,
            "issuer": e.issuer,
            "earned": e.earned,
            "reason": _ONLINE_ADVICE.sub("", e.reason) if e.reason else e.reason,
        }
        for e in folio.entries
    ]
    return {
        "summary": folio.summary() if folio.entries else "no badge files in this folder",
        "entries": entries,
        "shown": wall.shown,
        "wall": f"/wall/{name}/",
        "csv": f"/api/portfolio/{name}/badges.csv",
        "zip": f"/api/portfolio/{name}/wall.zip",
    }


async def scan(request: Request) -> Response:
    """POST /api/portfolio/scan: verify every badge in a workspace folder, write its badge
    wall and CSV.  Body: ``{"folder": "portfolio/ada", "title": "...", "hide_invalid": false}``.
    Answer: the summary, one entry per file (name and issuer only when genuine), and the
    addresses of the wall, the CSV and the wall's zip."""
    body = await json_body(request)
    ws = studio_of(request).workspace
    source = ws.path(body.required("folder", limit=300))
    if not source.is_dir():
        raise ApiError(404, "no such folder in the workspace", "not_found")
    title = body.text("title", limit=200) or "My badges"
    hide = body.data.get("hide_invalid", False)
    if not isinstance(hide, bool):
        raise ApiError(400, "'hide_invalid' must be true or false", "wrong_type")
    return JSONResponse(await run_in_threadpool(_scan, ws, source, title, hide))


def _wall_dir(request: Request) -> Path:
    ws = studio_of(request).workspace
    folder = ws.path(slug(request.path_params["name"]), under="walls")
    if not (folder / "index.html").is_file():
        raise ApiError(404, "no badge wall by that name (scan the folder first)", "not_found")
    return folder


async def wall_page(request: Request) -> Response:
    """GET /wall/{name}/: the badge wall, sandboxed (see :data:`WALL_POLICY`)."""
    folder = _wall_dir(request)
    html = _io.read_bytes(folder / "index.html", limit=256 * 2**20)
    headers = {"content-security-policy": WALL_POLICY, "x-frame-options": "SAMEORIGIN"}
    return HTMLResponse(html, headers=headers)


async def wall_csv(request: Request) -> Response:
    """GET /api/portfolio/{name}/badges.csv: the portfolio spreadsheet."""
    folder = _wall_dir(request)
    return FileResponse(folder / "badges.csv", media_type="text/csv", filename="badges.csv")


def _wall_zip(folder: Path) -> Path:
    return zip_folder(folder, folder.parent / f"{folder.name}.zip", prefix=f"{folder.name}/")


async def wall_zip(request: Request) -> Response:
    """GET /api/portfolio/{name}/wall.zip: the wall, its snippets and the CSV, zipped."""
    folder = _wall_dir(request)
    path = await run_in_threadpool(_wall_zip, folder)
    return FileResponse(path, media_type="application/zip", filename=f"{folder.name}-wall.zip")


ROUTES = [
    Route("/api/verify", verify, methods=["POST"]),
    Route("/api/folders", folders),
    Route("/api/portfolio/upload", upload_portfolio, methods=["POST"]),
    Route("/api/portfolio/scan", scan, methods=["POST"]),
    Route("/api/portfolio/{name}/badges.csv", wall_csv),
    Route("/api/portfolio/{name}/wall.zip", wall_zip),
    Route("/wall/{name}/", wall_page),
]
