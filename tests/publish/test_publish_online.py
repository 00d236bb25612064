"""A batch issued with ``--base-url``, its site served by a local HTTPS server on
``localhost`` (did:web forbids IP addresses), verified ``online`` against that site and
nothing else: the did:web document, the status list and the achievement page."""

from __future__ import annotations

import json
import ssl
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from publish_support import KEY, NOW, art_png, write_achievement

import badgekit
from badgekit.credential.links import SiteLayout
from badgekit.net import Fetcher
from badgekit.verify import CheckStatus, Verdict

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "keys"))
from keyserver import DocServer, localhost_tls, send_bytes, serve

if TYPE_CHECKING:
    from collections.abc import Iterator

_TYPES = {".json": "application/json", ".html": "text/html; charset=utf-8", ".png": "image/png"}


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    return localhost_tls(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def host(tls: tuple[str, str]) -> Iterator[DocServer]:
    """An HTTPS static host for ``https://localhost:<port>``; it serves only its routes."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*tls)
    yield from serve(context, "localhost")


def _upload(site: Path, host: DocServer, layout: SiteLayout) -> None:
    """Serve the site folder at the base URL's path, as any static host would (and its
    JWK Set at the host root, as ``publish`` says it must be)."""
    host.routes.clear()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        route = send_bytes(path.read_bytes(), 200, _TYPES.get(path.suffix, "text/plain"))
        host.routes[f"/{layout.path}/{relative}"] = route
    host.routes["/.well-known/jwks.json"] = host.routes[f"/{layout.path}/.well-known/jwks.json"]


def _issue_and_publish(tmp: Path, base: str) -> tuple[Path, Path, list[Path]]:
    achievement = badgekit.Achievement.load(write_achievement(tmp))
    roster = tmp / "roster.csv"
    roster.write_text("email,name\nada@example.org,Ada\nbob@example.org,Bob\n", "utf-8")
    out = tmp / "out"
    artwork = badgekit.ArtworkSource(image=art_png())
    badgekit.run_batch(roster, achievement=achievement, key=KEY, out_dir=out, artwork=artwork,
                       now=NOW, base_url=base)  # fmt: skip
    site = tmp / "site"
    badgekit.publish_site([achievement], KEY, base_url=base, out=site, batches=[out], now=NOW)
    return out, site, sorted(out.glob("*.png"))


def test_a_batch_verifies_online_against_its_published_site(
    tmp_path: Path, host: DocServer, tls: tuple[str, str]
) -> None:
    base = f"{host.base}/badges"
    assert base.startswith("https://localhost:")
    layout = SiteLayout(base)
    out, site, badges = _issue_and_publish(tmp_path, base)
    assert json.loads((out / "batch.json").read_text())["base_url"] == base
    _upload(site, host, layout)
    fetcher = Fetcher(timeout=5.0, allow_private=True, cafile=tls[0])  # https only
    verifier = badgekit.Verifier(online=True, fetcher=fetcher, now=NOW)

    for badge in badges:
        report = verifier.verify(badge)
        assert report.verdict is Verdict.VALID, [(c.id, c.message) for c in report.checks]
        for check in ("proof", "issuer_binding", "status"):
            found = report.check(check)
            assert found is not None
            assert found.status is CheckStatus.PASSED, (check, found)
        assert report.credential is not None
        assert report.credential["issuer_id"] == layout.did_web
        assert report.credential["issuer_id"] == f"did:web:localhost%3A{host.port}:badges"
    # Everything came from the site: its DID document and its status list, nothing else.
    asked = {path for path, _ in host.requests}
    assert asked <= set(host.routes)
    assert "/badges/did.json" in asked
    (status_path,) = [p for p in asked if p.startswith("/badges/status/")]

    # The achievement page is where the badges say it is: the criteria page and the JSON.
    credential = json.loads(badgekit.unbake(badges[0].read_bytes()).payload)
    achievement = credential["credentialSubject"]["achievement"]
    page = fetcher.fetch_bytes(achievement["criteria"]["id"], accept="text/html")
    assert b'<h1 dir="auto">Python Basics</h1>' in page
    assert b"How to earn this badge" in page
    published = fetcher.fetch_json(achievement["id"])
    assert published["id"] == achievement["id"]
    assert published["criteria"]["id"] == achievement["criteria"]["id"]
    assert fetcher.fetch_bytes(published["image"]["id"]).startswith(b"\x89PNG")

    # Revoke one badge, publish again: online, that badge is REVOKED, the other still VALID.
    badgekit.revoke(out / "status-list.json", KEY, badges=[badges[0]], now=NOW)
    badgekit.publish_site(
        [badgekit.Achievement.load(tmp_path / "python-basics.toml")],
        KEY,
        base_url=base,
        out=site,
        batches=[out],
        now=NOW,
    )
    _upload(site, host, layout)
    fresh = badgekit.Verifier(online=True, fetcher=fetcher, now=NOW)
    assert fresh.verify(badges[0]).verdict is Verdict.REVOKED
    assert fresh.verify(badges[1]).verdict is Verdict.VALID
    assert status_path in host.routes


def test_without_the_did_document_the_badge_does_not_verify_online(
    tmp_path: Path, host: DocServer, tls: tuple[str, str]
) -> None:
    base = f"{host.base}/badges"
    layout = SiteLayout(base)
    _, site, badges = _issue_and_publish(tmp_path, base)
    _upload(site, host, layout)
    del host.routes["/badges/did.json"]
    fetcher = Fetcher(timeout=5.0, allow_private=True, cafile=tls[0])
    report = badgekit.Verifier(online=True, fetcher=fetcher, now=NOW).verify(badges[0])
    assert report.verdict is not Verdict.VALID
    assert "/badges/did.json" in [path for path, _ in host.requests]
