"""The issuer's site in a real browser (Debian's headless Chromium over the DevTools pipe, as
the badge wall's browser test): each page loads under its own Content-Security-Policy with no
console error, draws its pictures, takes its style, and fits a phone's width.  Screenshots
are kept as test artifacts (``test-artifacts/`` with ``BADGEKIT_ARTIFACTS``).  Skipped with
the reason when ``/usr/bin/chromium`` is missing, except under CI."""

from __future__ import annotations

import base64
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from publish_support import publish, write_achievement

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "portfolio"))
from portfolio_cdp import CHROMIUM, Browser

REPO = Path(__file__).resolve().parents[2]
PAGES = ("index.html", "achievements/python-basics.html", "verify.html")
SIZES = {"desktop": (1280, 900, False), "phone": (390, 844, True)}


def _artifact(name: str, png: bytes, tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(png)
    target = os.environ.get("BADGEKIT_ARTIFACTS")
    if target:
        folder = REPO / "test-artifacts" if target.lower() in ("1", "true", "yes") else Path(target)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(png)


def _problems(events: list[dict[str, Any]]) -> list[str]:
    found = []
    for e in events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.exceptionThrown":
            found.append(f"exception: {params.get('exceptionDetails')}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            found.append(f"log {params['entry']['level']}: {params['entry'].get('text')}")
    return found


def test_site_pages_in_headless_chromium(tmp_path: Path) -> None:
    if not CHROMIUM.is_file():
        if os.environ.get("CI"):
            pytest.fail("the site browser test cannot run in CI: /usr/bin/chromium is missing")
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    publish(tmp_path, write_achievement(tmp_path), write_achievement(tmp_path, "Data Analysis"))
    site = tmp_path / "site"
    with Browser(tmp_path / "profile") as browser:
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(f"{domain}.enable")
        for label, (width, height, mobile) in SIZES.items():
            browser.call(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
            )
            for name in PAGES:
                browser.call("Page.navigate", {"url": (site / name).as_uri()})
                browser.wait_for("Page.loadEventFired")
                where = f"{name} at {width}px"
                # The hashed style applied (the nav bar is a flex row, the text is not tiny).
                nav = "getComputedStyle(document.querySelector('.site-nav .wrap')).display"
                assert browser.evaluate(nav) == "flex", where
                size = "parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"
                assert browser.evaluate(size) >= 15, where
                assert browser.evaluate(
                    "[...document.images].every(i => i.complete && i.naturalWidth > 0)"
                ), where
                # Nothing wider than the screen (a phone would zoom the page out to fit).
                root = "document.documentElement"
                assert browser.evaluate(f"{root}.scrollWidth <= {root}.clientWidth"), where
                assert browser.evaluate("innerWidth") == width, where
                shot = browser.call(
                    "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
                )
                stem = name.replace("/", "-").removesuffix(".html")
                _artifact(f"site-{stem}-{label}.png", base64.b64decode(shot["data"]), tmp_path)
            if mobile:  # two badges side by side on a phone, as on the badge wall
                browser.call("Page.navigate", {"url": (site / "index.html").as_uri()})
                browser.wait_for("Page.loadEventFired")
                columns = "getComputedStyle(document.querySelector('.grid')).gridTemplateColumns"
                assert len(browser.evaluate(columns).split(" ")) == 2
        events = browser.events
    assert _problems(events) == []
    requests = [
        e["params"]["request"]["url"]
        for e in events
        if e.get("method") == "Network.requestWillBeSent"
    ]
    assert requests
    assert all(url.startswith("file:") for url in requests), requests
