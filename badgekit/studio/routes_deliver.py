"""Sending a batch's badges by email and publishing the issuer's site (not public API).

Sending is :func:`badgekit.send_batch` on a batch folder (its ``contacts.jsonl``), through the
teacher's SMTP server; the password is used for that one request and never stored.  A dry
run writes each message as an ``.eml`` file under ``outbox/`` instead.  Publishing is
:func:`badgekit.publish_site`: the saved achievements, the workspace key and the batches'
status lists, written to ``site/`` and offered as a zip to upload to the web address.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

import badgekit
from badgekit.batch import STATE
from badgekit.batch.manifest import recorded_base_url

from .http import ApiError, Body, json_body, words
from .routes_issue import _job, _key
from .state import studio_of
from .zips import zip_folder

if TYPE_CHECKING:
    from pathlib import Path

    from starlette.requests import Request

    from .workspace import Workspace

__all__ = ["ROUTES"]

_SECURITY = ("starttls", "ssl", "none")


def _smtp(body: Body) -> badgekit.SmtpSettings:
    return badgekit.SmtpSettings(
        host=body.required("host", limit=253),
        port=body.integer("port", 587, 1, 65535),
        security=body.choice("security", _SECURITY, "starttls"),  # type: ignore[arg-type]
        user=body.text("user", limit=320),
        password=body.text("password", limit=1000),
    )


def _summary(s: badgekit.SendSummary) -> dict[str, Any]:
    problems = [
        {"to": p.to, "file": p.file, "outcome": p.outcome, "reply": p.reply} for p in s.problems
    ]
    word = "written" if s.dry_run else "sent"
    message = f"{s.sent} of {s.total} {word}"
    if s.already_sent:
        message += f", {s.already_sent} already sent before"
    if s.failed or s.deferred or s.bad_address:
        message += f", {s.failed + s.deferred + s.bad_address} need a look"
    if s.no_address:
        message += f", {s.no_address} without an email address"
    return {
        "message": message + ".",
        "total": s.total,
        "sent": s.sent,
        "already_sent": s.already_sent,
        "failed": s.failed,
        "deferred": s.deferred,
        "bad_address": s.bad_address,
        "no_address": s.no_address,
        "dry_run": s.dry_run,
        "problems": problems,
    }


async def send(request: Request) -> Response:
    """POST /api/batch/{id}/send: email each earner of a finished batch their badge.

    Body: ``{"sender": "PD Office <pd@example.org>", "host": "smtp.example.org", "port": 587,
    "security": "starttls"|"ssl"|"none", "user": "...", "password": "...", "dry_run": true}``.
    With ``dry_run`` no server is needed: each message is written as an ``.eml`` file under
    ``outbox/<batch id>/`` to look at first.  Answer: the counts and a one-line message.
    """
    body = await json_body(request)
    job = _job(request)
    if job.state != "done":
        raise ApiError(409, "the batch has not finished", "not_finished")
    ws = studio_of(request).workspace
    dry = body.data.get("dry_run", False)
    if not isinstance(dry, bool):
        raise ApiError(400, "'dry_run' must be true or false", "wrong_type")
    sender = body.required("sender", limit=400)
    outbox = ws.path(job.id, under="outbox") if dry else None
    smtp = None if dry else _smtp(body)

    def run() -> badgekit.SendSummary:
        return badgekit.send_batch(job.out_dir, sender=sender, smtp=smtp, dry_run=outbox)

    out = _summary(await run_in_threadpool(run))
    if outbox is not None:
        out["outbox"] = ws.rel(outbox)
    return JSONResponse(out)


def _batches(ws: Workspace, base_url: str) -> tuple[list[Path], list[str]]:
    """The batches issued for the site at ``base_url`` (their revocation lists go on it), and a
    note for each one issued without that address (publishing them there would fail)."""
    found: list[Path] = []
    with contextlib.suppress(OSError):
        found = sorted(p for p in ws.path("batches").iterdir() if (p / STATE).is_file())
    mine, notes = [], []
    for folder in found:
        try:
            recorded = recorded_base_url(folder)
        except badgekit.BadgekitError:
            recorded = None
        if recorded is not None and recorded.rstrip("/") == base_url.rstrip("/"):
            mine.append(folder)
        else:
            where = f"for {recorded}" if recorded else "without your badge website's address"
            notes.append(f"{ws.rel(folder)} was issued {where}: its badges are not on this site")
    return mine, notes


def _publish(ws: Workspace, base_url: str, key: badgekit.KeyPair) -> dict[str, Any]:
    names = ws.listing("achievements", ".toml")
    if not names:
        raise ApiError(409, "save an achievement first: the site has a page for each", "empty")
    achievements = [badgekit.Achievement.load(ws.named("achievements", n, ".toml")) for n in names]
    batches, skipped = _batches(ws, base_url)
    site = badgekit.publish_site(
        achievements, key, base_url=base_url, out=ws.path("site"), batches=batches
    )
    _zip_site(site.out)
    return {
        "message": f"{len(site.files)} files written for {site.base_url}.",
        "base_url": site.base_url,
        "issuer_id": site.issuer_id,
        "files": list(site.files),
        "notes": [words(n, {f"{ws.root}/": ""}) for n in (*site.notes, *skipped)],
        "zip": "/api/site.zip",
    }


def _zip_site(folder: Path) -> Path:
    return zip_folder(folder, folder.parent / "site.zip")


async def publish(request: Request) -> Response:
    """POST /api/publish: write the issuer's static site (profile, achievement pages,
    did:web document, JWK Set, status lists, a page on checking a badge) into ``site/``.

    Body: ``{"base_url": "https://example.org/badges"}``: where the site will be served.
    Answer: the files, the notes for the publisher and the zip's address
    (``GET /api/site.zip``) to upload.
    """
    body = await json_body(request)
    ws = studio_of(request).workspace
    key = _key(ws)
    base_url = body.required("base_url", limit=500)
    published = await run_in_threadpool(_publish, ws, base_url, key)
    ws.remember_site(base_url)
    return JSONResponse(published)


async def site_zip(request: Request) -> Response:
    """GET /api/site.zip: the published site, zipped, to upload to its web address."""
    path = studio_of(request).workspace.path("site.zip")
    if not path.is_file():
        raise ApiError(404, "publish the site first", "not_found")
    return FileResponse(path, media_type="application/zip", filename="site.zip")


ROUTES = [
    Route("/api/batch/{id}/send", send, methods=["POST"]),
    Route("/api/publish", publish, methods=["POST"]),
    Route("/api/site.zip", site_zip),
]
