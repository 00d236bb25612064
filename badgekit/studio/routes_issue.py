"""Issuing routes: one badge to one person, a roster (upload, map, check), a batch with
progress, and a zip of the badges (not public API).

Issuing is :func:`badgekit.issue_batch` for one person (the same names, personalisation and
checks as a roster's row) and :func:`badgekit.run_batch` for a roster, with the workspace's
chosen key, a saved achievement and a saved design.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import uuid
from typing import TYPE_CHECKING, Any, Literal, cast

from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

import badgekit
from badgekit import _io
from badgekit.batch import ERRORS, FIELDS, MANIFEST, count_rows, open_roster
from badgekit.batch.plan import Planner
from badgekit.batch.roster import guess_field, read_header
from badgekit.credential.links import SiteLayout

from .http import ApiError, Body, json_body, read_uploads, words
from .limits import MAX_PNG_SIZE, MAX_ROSTER_BYTES, MAX_ROWS_SHOWN, MIN_PNG_SIZE
from .state import studio_of
from .zips import zip_folder

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path

    from starlette.requests import Request

    from .jobs import Job
    from .workspace import Workspace

__all__ = ["ROUTES"]

_EXAMPLE_ROSTER = (
    "email,name\nada@example.org,Ada Lovelace\ngrace@example.org,Grace Hopper\n"
    "alan@example.org,Alan Turing\n"
)


def _key(ws: Workspace) -> badgekit.KeyPair:
    found = ws.current_key()
    if found is None:
        raise ApiError(409, "there is no issuer key yet: create one on the Keys page", "no_key")
    return found[1]


def _achievement(ws: Workspace, name: str) -> badgekit.Achievement:
    path = ws.named("achievements", name, ".toml")
    if not path.is_file():
        raise ApiError(404, f"no saved achievement {path.stem!r}", "not_found")
    return badgekit.Achievement.load(path)


def _design(ws: Workspace, name: str) -> badgekit.DesignSpec:
    path = ws.named("designs", name, ".toml")
    if not path.is_file():
        raise ApiError(404, f"no saved design {path.stem!r}", "not_found")
    return badgekit.DesignSpec.load(path)


def _artwork(body: Body, ws: Workspace) -> tuple[badgekit.DesignSpec, Literal["png", "svg"], int]:
    spec = _design(ws, body.required("design", limit=200))
    fmt = cast("Literal['png', 'svg']", body.choice("format", ("png", "svg"), "png"))
    return spec, fmt, body.integer("size", spec.sizes[0], MIN_PNG_SIZE, MAX_PNG_SIZE)


def _issue_one(
    ws: Workspace, body: Body, key: badgekit.KeyPair, achievement: badgekit.Achievement
) -> dict[str, Any]:
    spec, fmt, size = _artwork(body, ws)
    row = {"recipient": body.required("recipient", limit=500)}
    for name in ("name", "evidence", "narrative"):
        value = body.text(name, limit=10_000)
        if value:
            row[name] = value
    out = ws.path("issued")
    result = next(
        badgekit.issue_batch(
            [row],
            achievement=achievement,
            key=key,
            out_dir=out,
            design=spec,
            fmt=fmt,
            size=size,
            suite=ws_suite(key),
            verify="all",
            base_url=body.text("base_url", limit=500),
        )
    )
    if result.outcome != "issued" or result.file is None:
        raise ApiError(422, result.error or "the badge was not issued", "not_issued")
    ws.remember_site(body.text("base_url", limit=500))
    path = out / result.file
    report = ws.verifier(recipient=row["recipient"]).verify(path)
    return {
        "file": ws.rel(path),
        "download": f"/api/files/{ws.rel(path)}",
        "credential_id": result.credential_id,
        "report": report.to_json(),
    }


def ws_suite(key: badgekit.KeyPair) -> str:
    """The embedded proof suite for the workspace key's type."""
    from badgekit.proofs.registry import embedded_suite_for_key

    return embedded_suite_for_key(key.kind)


async def issue(request: Request) -> Response:
    """POST /api/issue: one badge to one person.

    Body: ``{"achievement": NAME, "design": NAME, "recipient": EMAIL|DID|URL, "name": "...",
    "evidence": "URL", "narrative": "...", "format": "png"|"svg", "size": 600}`` (saved
    achievement and design names).  Answer: the file (under ``issued/``), its download
    address and its verification report (``verify --json``).
    """
    body = await json_body(request)
    ws = studio_of(request).workspace
    key = _key(ws)
    achievement = _achievement(ws, body.required("achievement", limit=200))
    return JSONResponse(await run_in_threadpool(_issue_one, ws, body, key, achievement))


async def example_roster(request: Request) -> Response:
    """GET /api/rosters/example.csv: a three-row roster to start from."""
    headers = {"content-disposition": 'attachment; filename="example-roster.csv"'}
    return Response(_EXAMPLE_ROSTER, media_type="text/csv; charset=utf-8", headers=headers)


def _text_file(data: bytes) -> str:
    if b"\x00" in data[:4096] or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ApiError(
            415, "the roster must be CSV or JSON lines text (UTF-8)", "unsupported_media"
        )
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return ".jsonl" if head == b"{" else ".csv"


async def upload_roster(request: Request) -> Response:
    """POST /api/rosters: upload a roster (multipart field ``file``; CSV or JSON lines).

    Answer: ``{"roster": "rosters/<id>.csv", "headers": [...], "guesses": {header: field},
    "fields": [...]}``; map each header to a field, then ``POST /api/rosters/check``.
    """
    files, _ = await read_uploads(request, "file", limit=MAX_ROSTER_BYTES, max_files=1)
    data = files[0].data
    suffix = _text_file(data)
    ws = studio_of(request).workspace
    target = ws.path(hashlib.sha256(data).hexdigest()[:20] + suffix, under="rosters")
    _io.write_atomic(target, data)
    headers = await run_in_threadpool(read_header, target)
    return JSONResponse(
        {
            "roster": ws.rel(target),
            "name": files[0].name,
            "headers": headers,
            "guesses": {h: guess_field(h) for h in headers},
            "fields": list(FIELDS),
            "rows": await run_in_threadpool(count_rows, target),
        }
    )


def _columns(body: Body, headers: list[str]) -> tuple[dict[str, str], list[str]]:
    """``{"columns": {header: field}}`` from the form -> ``field -> header`` for the library,
    and the headers mapped to ``""`` (the form's "not used"); a header mapped to its own guess
    is left to the library's own mapping."""
    chosen = body.strings("columns")
    out: dict[str, str] = {}
    unused: list[str] = []
    for header, name in chosen.items():
        if header not in headers:
            raise ApiError(400, f"the roster has no column {header!r}", "unknown_column")
        if not name:
            unused.append(header)
        elif name != guess_field(header):
            out[name] = header
    return out, unused


def _check_rows(path: Path, columns: tuple[dict[str, str], list[str]]) -> dict[str, Any]:
    try:
        roster = open_roster(path, columns[0], ignore=columns[1])
    except badgekit.errors.BatchError as e:
        problem = words(str(e), {str(path): "the class list"})
        return {"ok": False, "error": problem, "rows": [], "bad": 0, "total": 0}
    planner = Planner("studio-check")
    rows: list[dict[str, Any]] = []
    bad = total = 0
    with roster:
        for raw in roster:
            total += 1
            planned = planner.plan(raw.line, raw.values, raw.problem)
            error = getattr(planned, "error", None)
            bad += error is not None
            if len(rows) < MAX_ROWS_SHOWN:
                rows.append(
                    {
                        "line": raw.line,
                        "recipient": str(raw.values.get("recipient", "")),
                        "name": str(raw.values.get("name", "") or ""),
                        "error": error,
                    }
                )
    return {"ok": bad == 0, "error": None, "rows": rows, "bad": bad, "total": total}


async def check_roster(request: Request) -> Response:
    """POST /api/rosters/check: the header mapped and every row checked, as ``badgekit batch``
    would before issuing (the same messages).  Body: ``{"roster": PATH, "columns": {header:
    field}}`` (``""``: the column is not used).  Answer: ``{"ok", "error", "rows": [{"line",
    "recipient", "name", "error"}], "bad", "total"}``.
    """
    body = await json_body(request)
    ws = studio_of(request).workspace
    path = ws.within(body.required("roster", limit=300), "rosters")
    if not path.is_file():
        raise ApiError(404, "no such roster (upload it again)", "not_found")
    headers = await run_in_threadpool(read_header, path)
    return JSONResponse(await run_in_threadpool(_check_rows, path, _columns(body, headers)))


async def start_batch(request: Request) -> Response:
    """POST /api/batch: issue a badge to every good row of an uploaded roster, in the background.

    Body: ``{"roster": PATH, "columns": {header: field}, "achievement": NAME, "design": NAME,
    "format": "png"|"svg", "base_url": "https://..."}`` (``base_url``, optional: the
    address of the site ``POST /api/publish`` writes).  Answer 202: ``{"id", "total",
    "status": URL, "events": URL}``.
    """
    body = await json_body(request)
    ws = studio_of(request).workspace
    studio = studio_of(request)
    key = _key(ws)
    achievement = _achievement(ws, body.required("achievement", limit=200))
    spec, fmt, size = _artwork(body, ws)
    roster = ws.within(body.required("roster", limit=300), "rosters")
    if not roster.is_file():
        raise ApiError(404, "no such roster (upload it again)", "not_found")
    columns, unused = _columns(body, await run_in_threadpool(read_header, roster))
    total = await run_in_threadpool(count_rows, roster)
    job_id = uuid.uuid4().hex[:16]
    job = studio.jobs.new(ws.path(job_id, under="batches"), total, job_id)
    artwork = badgekit.ArtworkSource(design=spec, fmt=fmt, size=size)
    base_url = body.text("base_url", limit=500)  # the site publish_site will write

    def work(job: Job) -> badgekit.BatchSummary:
        return badgekit.run_batch(
            roster,
            achievement=achievement,
            key=key,
            out_dir=job.out_dir,
            artwork=artwork,
            suite=ws_suite(key),
            columns=columns,
            ignore_columns=unused,
            jobs=1,
            chunk_size=max(1, min(64, total // 50)),  # a bar that moves for a class of 20
            progress=job.progress,
            base_url=base_url,
        )

    if base_url:
        SiteLayout(base_url)  # a bad address is refused here, before it is remembered
    studio.jobs.start(job, work)
    ws.remember_site(base_url)
    urls = {"status": f"/api/batch/{job.id}", "events": f"/api/batch/{job.id}/events"}
    return JSONResponse({"id": job.id, "total": total, **urls}, status_code=202)


def _job(request: Request) -> Job:
    job = studio_of(request).jobs.get(request.path_params["id"])
    if job is None:
        raise ApiError(404, "no such batch (the studio was restarted?)", "not_found")
    return job


def _results(job: Job) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name, kind in ((MANIFEST, "issued"), (ERRORS, "error")):
        with contextlib.suppress(badgekit.BadgekitError):
            for text in _io.read_bytes(job.out_dir / name, limit=64 * 2**20).splitlines():
                entry = json.loads(text)
                out.append(
                    {
                        "line": entry.get("line"),
                        "recipient": entry.get("recipient"),
                        "name": entry.get("name"),
                        "outcome": entry.get("kind", kind),
                        "file": entry.get("file"),
                        "error": entry.get("error"),
                    }
                )
    return sorted(out, key=lambda r: r["line"] or 0)[:MAX_ROWS_SHOWN]


async def batch_status(request: Request) -> Response:
    """GET /api/batch/{id}: the batch's progress (``percent``, counts), and once it is done
    its summary, each row's outcome (with the problem of a bad row) and the zip's address."""
    job = _job(request)
    out = job.snapshot()
    if out.get("error"):
        root = studio_of(request).workspace.root
        out["error"] = words(str(out["error"]), {f"{root}/": ""})
    if job.state == "done":
        out["results"] = await run_in_threadpool(_results, job)
        out["zip"] = f"/api/batch/{job.id}/badges.zip"
    return JSONResponse(out)


async def batch_events(request: Request) -> Response:
    """GET /api/batch/{id}/events: the progress as server-sent events (``data:`` the same
    JSON as ``GET /api/batch/{id}``, without the rows), until the batch ends."""
    job = _job(request)

    async def stream() -> AsyncIterator[str]:
        version = -1
        while True:
            version = await asyncio.to_thread(job.wait, version, 10.0)
            snapshot = job.snapshot()
            yield f"data: {json.dumps(snapshot)}\n\n"
            if job.finished:
                return
            if await request.is_disconnected():
                return

    headers = {"cache-control": "no-store", "x-accel-buffering": "no"}
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)


def _zip(job: Job) -> Path:
    target = job.out_dir.parent / f"{job.id}.zip"
    if target.is_file():
        return target

    def keep(path: Path) -> bool:  # the earners' addresses stay on this computer
        return (
            path.parent == job.out_dir
            and not path.name.startswith(".")
            and (path.name != "contacts.jsonl")
        )

    return zip_folder(job.out_dir, target, prefix=f"badges-{job.id}/", keep=keep)


async def batch_zip(request: Request) -> Response:
    """GET /api/batch/{id}/badges.zip: the badges, manifest, errors and summary in a zip."""
    job = _job(request)
    if job.state != "done":
        raise ApiError(409, "the batch has not finished", "not_finished")
    path = await run_in_threadpool(_zip, job)
    return FileResponse(path, media_type="application/zip", filename=f"badges-{job.id}.zip")


ROUTES = [
    Route("/api/issue", issue, methods=["POST"]),
    Route("/api/rosters/example.csv", example_roster),
    Route("/api/rosters", upload_roster, methods=["POST"]),
    Route("/api/rosters/check", check_roster, methods=["POST"]),
    Route("/api/batch", start_batch, methods=["POST"]),
    Route("/api/batch/{id}", batch_status),
    Route("/api/batch/{id}/events", batch_events),
    Route("/api/batch/{id}/badges.zip", batch_zip),
]
