"""The studio end to end in Debian's headless Chromium, driven over the DevTools pipe
(tests/portfolio/portfolio_cdp.py), against a studio served by uvicorn on 127.0.0.1.

A person's three jobs: design a badge by typing (the preview follows each change), issue a
roster of 20 with the progress bar reaching 100 %, and verify a tampered file (NOT VALID).
Every page loads with no script error under the studio's CSP.  Screenshots (1280 px and
390 px) are kept in ``tests/artifacts/studio/`` (gitignored).  Without /usr/bin/chromium the
test is skipped with the reason, and under CI it fails (``./run test`` installs chromium).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import badgekit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "portfolio"))
from portfolio_cdp import CHROMIUM, LOOPBACK_FLAGS, Browser

if TYPE_CHECKING:
    from studio_support import LiveStudio

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "studio"
PAGES = ("/", "/design", "/achievement", "/issue", "/verify", "/portfolio", "/keys", "/api/docs")


def _ensure_chromium() -> None:
    if CHROMIUM.is_file():
        return
    if os.environ.get("CI") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, timeout=600)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"], check=False, env=env, timeout=900
        )
    if not CHROMIUM.is_file():
        reason = "Debian's chromium is not at /usr/bin/chromium (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"the studio browser test cannot run in CI: {reason}")
        pytest.skip(reason)


class Page:
    """The browser on one studio, with the helpers a person's actions need."""

    def __init__(self, browser: Browser, studio: LiveStudio) -> None:
        self.b = browser
        self.studio = studio

    def size(self, width: int) -> None:
        self.b.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500},
        )

    def open(self, path: str) -> None:
        self.b.call("Page.navigate", {"url": self.studio.url + path})
        self.b.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        return self.b.evaluate(expression)

    def until(self, expression: str, timeout: float = 60.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.05)
        pytest.fail(f"timed out waiting for {expression}")

    def focus(self, selector: str) -> None:
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")

    def type(self, text: str) -> None:
        for ch in text:  # one key at a time, as a person types
            self.b.call("Input.dispatchKeyEvent", {"type": "keyDown", "key": ch, "text": ch})
            self.b.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": ch})

    def clear(self, selector: str) -> None:
        self.focus(selector)
        self.js(f"document.querySelector({json.dumps(selector)}).select()")
        self.b.key("Backspace", 8)

    def upload(self, selector: str, *files: Path) -> None:
        root = self.b.call("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = self.b.call("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        self.b.call("DOM.setFileInputFiles", {"nodeId": node, "files": [str(f) for f in files]})

    def shot(self, name: str) -> Path:
        time.sleep(0.3)  # let transitions (the progress bar's width) finish
        options = {"format": "png", "captureBeyondViewport": True}
        data = self.b.call("Page.captureScreenshot", options)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        path.write_bytes(base64.b64decode(data["data"]))
        return path

    def problems(self) -> list[str]:
        found = []
        for e in self.b.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"exception: {params.get('exceptionDetails')}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                found.append(f"console.error: {params.get('args')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                text = params["entry"].get("text", "")
                if "status of 422" not in text:  # a text that does not fit, on purpose
                    found.append(f"log: {text}")
        return found


@pytest.fixture
def page(live_studio: LiveStudio, tmp_path: Path) -> Any:
    _ensure_chromium()
    with Browser(tmp_path / "profile", flags=LOOPBACK_FLAGS) as browser:
        for domain in ("Page", "Runtime", "Log", "DOM"):
            browser.call(f"{domain}.enable")
        p = Page(browser, live_studio)
        p.size(1280)
        yield p
        assert p.problems() == []


def _seed(studio: LiveStudio, tmp_path: Path) -> None:
    """A key, a design and an achievement, as the earlier pages would have saved them."""
    from studio_support import client_for, seed

    with client_for(studio.workspace) as client:
        seed(client)


def test_every_page_loads_at_desktop_and_phone_width(page: Page, tmp_path: Path) -> None:
    _seed(page.studio, tmp_path)
    for width, label in ((1280, "desktop"), (390, "phone")):
        page.size(width)
        for path in PAGES:
            page.open(path)
            page.until("document.readyState === 'complete'")
            time.sleep(0.4)
            # Nothing wider than the screen at phone width (no sideways scrolling).
            overflow = page.js("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} is {overflow}px too wide at {width}px"
            page.shot(f"{(path.strip('/') or 'home').replace('/', '-')}-{label}")


def test_design_a_badge_by_typing(page: Page) -> None:
    page.open("/design")
    page.until("document.documentElement.dataset.preview === 'ready'")
    page.js("document.querySelector('input[name=template][value=hexagon]').click()")
    page.until("document.querySelector('#slot-title') && true")
    page.clear("#slot-title")
    before = page.js("Number(document.documentElement.dataset.previewSeq || 0)")
    page.type("Data Science")
    page.until(f"Number(document.documentElement.dataset.previewSeq) > {before}")
    page.until("document.documentElement.dataset.preview === 'ready'")
    assert page.js("document.querySelector('#slot-title').value") == "Data Science"
    ms = int(page.js("document.documentElement.dataset.previewMs"))
    assert ms < 1000, f"a preview took {ms} ms"
    src = page.js("document.querySelector('#preview').src")
    assert src.startswith("blob:")
    # The preview is the library's composition of what was typed.
    values = page.js(
        "Object.fromEntries([...document.querySelectorAll('#slots input')]"
        ".filter(i => i.value.trim()).map(i => [i.dataset.slot, i.value]))"
    )
    assert values["title"] == "Data Science"
    shown = int(page.js("document.documentElement.dataset.previewBytes"))
    assert shown == len(badgekit.compose("hexagon", values).svg)
    # A title too long for its slot says so on the slot.
    page.type(" and Computational Thinking for Everyone in the Whole School District")
    page.until("document.querySelector('#slot-title-error').textContent.length > 0")
    assert page.js("document.querySelector('#slot-title').getAttribute('aria-invalid')") == "true"
    assert "does not fit" in page.js("document.querySelector('#slot-title-error').textContent")
    page.shot("design-too-long")
    page.clear("#slot-title")
    page.type("Data Science")
    page.until("document.documentElement.dataset.preview === 'ready'")
    page.focus("#design-name")
    page.type("data-science")
    page.js("document.querySelector('#save-form button[type=submit]').click()")
    page.until("document.querySelector('#save-status').textContent.startsWith('Saved')")
    saved = badgekit.DesignSpec.load(page.studio.workspace / "designs" / "data-science.toml")
    assert saved.template == "hexagon"
    assert saved.values["title"] == "Data Science"
    page.shot("design-typed")


def test_issue_a_roster_of_20_with_the_progress_bar(page: Page, tmp_path: Path) -> None:
    _seed(page.studio, tmp_path)
    roster = tmp_path / "class.csv"
    rows = "".join(f"s{i}@example.org,Student {i}\n" for i in range(20))
    roster.write_text("email,name\n" + rows)
    page.open("/issue")
    page.until("document.querySelector('#i-achievement').options.length > 0")
    page.upload("#roster-file", roster)
    page.until("!document.querySelector('#rows').hidden")
    page.until("document.querySelectorAll('#rows-body tr').length === 20")
    ready = page.js("document.querySelector('#roster-status').textContent")
    assert "All 20 rows are ready" in ready
    seen: set[int] = set()
    page.js("document.querySelector('#run-batch').click()")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        value = page.js("document.querySelector('#progress').getAttribute('aria-valuenow')")
        seen.add(int(value))
        if page.js("document.documentElement.dataset.batch === 'done'"):
            break
        time.sleep(0.02)
    assert page.js("document.querySelector('#progress').getAttribute('aria-valuenow')") == "100"
    assert page.js("document.querySelector('#progress-text').textContent").startswith("100 %")
    assert max(seen) == 100
    zip_url = page.js("document.querySelector('#zip-link').getAttribute('href')")
    assert zip_url.endswith("/badges.zip")
    issued = page.js("[...document.querySelectorAll('#rows-body td.okc')].length")
    assert issued == 20
    # issuing the same class twice takes choosing the list again
    assert page.js("document.querySelector('#run-batch').disabled") is True
    page.shot("issue-roster-done")
    page.size(390)
    page.shot("issue-roster-done-phone")


def test_verify_a_tampered_file_says_not_valid(page: Page, tmp_path: Path) -> None:
    key = badgekit.KeyPair.generate()
    achievement = badgekit.Achievement.from_dict(
        {"name": "Teamwork", "description": "Works well in a team of learners.",
         "criteria": {"narrative": "Complete the group project."}, "issuer": {"name": "School"}}
    )  # fmt: skip
    art = badgekit.render(badgekit.compose("shield", {"title": "Teamwork"}).svg, size=200)
    good = badgekit.issue_badge(achievement, key, "ada@example.org", art).image
    forged = json.loads(badgekit.unbake(good).payload)
    forged["credentialSubject"]["achievement"]["name"] = "Nobel Prize"
    (tmp_path / "good.png").write_bytes(good)
    (tmp_path / "tampered.png").write_bytes(badgekit.bake(art, json.dumps(forged), replace=True))
    page.open("/verify")
    page.upload("#verify-files", tmp_path / "good.png", tmp_path / "tampered.png")
    page.until("document.querySelectorAll('#reports .report').length === 2")
    verdicts = page.js(
        "[...document.querySelectorAll('#reports .report')].map(r => r.dataset.verdict)"
    )
    assert verdicts == ["VALID", "NOT VALID"]
    text = page.js("document.querySelectorAll('#reports .report')[1].innerText")
    assert "NOT VALID" in text
    assert "tampered.png" in text
    report = badgekit.verify(tmp_path / "tampered.png")
    assert report.headline in text  # the CLI's words
    page.shot("verify-tampered")
    page.size(390)
    page.shot("verify-tampered-phone")


def _choose(page: Page, selector: str, file: Path) -> None:
    """Choose ``file`` in a file input as a person does: click it, pick in the dialog."""
    page.b.call("Page.setInterceptFileChooserDialog", {"enabled": True})
    try:
        page.js(f"document.querySelector({json.dumps(selector)}).scrollIntoView()")
        box = page.js(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
            ".getBoundingClientRect(); return [r.x + 10, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            page.b.call(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1},
            )
        opened = page.b.wait_for("Page.fileChooserOpened", 10)
        node = opened["params"]["backendNodeId"]
        page.b.call("DOM.setFileInputFiles", {"backendNodeId": node, "files": [str(file)]})
    finally:
        page.b.call("Page.setInterceptFileChooserDialog", {"enabled": False})


def test_a_class_list_fixed_and_chosen_again_is_read_again(page: Page, tmp_path: Path) -> None:
    # A school export with a column no badge needs, and a typo: the teacher fixes the typo
    # in the spreadsheet and chooses the same file again.  That "Class" column used to block
    # the whole list, and choosing the same file again did nothing (no "change" event), so
    # the old rows stayed on screen and were issued.
    _seed(page.studio, tmp_path)
    roster = tmp_path / "class.csv"
    roster.write_text(
        "Student Name,Email Address,Class\nAda,ada@example.org,10B\nGrace,grace@example,10B\n"
    )
    page.open("/issue")
    page.until("document.querySelector('#i-achievement').options.length > 0")
    _choose(page, "#roster-file", roster)
    page.until("document.querySelectorAll('#rows-body tr').length === 2")
    text = page.js("document.querySelector('#roster-status').textContent")
    assert text.startswith("1 row(s) have a problem")
    assert "Not used: “Class”" in text
    assert page.js("document.querySelector('#map-2').selectedOptions[0].textContent") == "not used"
    roster.write_text(roster.read_text().replace("grace@example,", "grace@example.org,"))
    _choose(page, "#roster-file", roster)
    page.until("document.querySelector('#roster-status').textContent.startsWith('All 2 rows')")
    names = page.js(
        "[...document.querySelectorAll('#rows-body tr')].map(r => r.cells[2].textContent)"
    )
    assert names == ["Ada", "Grace"]
    page.js("document.querySelector('#run-batch').click()")
    page.until("document.documentElement.dataset.batch === 'done'")
    assert page.js("document.querySelector('#progress-text').textContent").startswith("100 %")
    assert len(page.js("[...document.querySelectorAll('#rows-body td.okc')]")) == 2
    page.js("document.querySelector('#send-box summary').click()")
    assert (
        page.js("document.querySelector('#send-btn').textContent") == "Write the emails to look at"
    )
    page.js("document.querySelector('#s-dry').click()")  # a real sending now
    assert page.js("document.querySelector('#send-btn').textContent") == "Send the emails"
    page.shot("issue-school-export")


def test_creating_the_first_key_at_phone_width(page: Page) -> None:
    # The answer to "Create the key" was "Created issuer: did:key:z6Mk…" in one unbreakable
    # line, 250 px wider than a phone's screen.
    page.size(390)
    page.open("/keys")
    page.until("document.querySelector('#k-type').options.length > 0")
    page.js("document.querySelector('#key-form button').click()")
    page.until("document.querySelector('#key-status').textContent.startsWith('Created')")
    status = page.js("document.querySelector('#key-status').textContent")
    assert status == "Created the key issuer: it signs your badges."
    time.sleep(0.3)
    assert page.js("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.shot("keys-created-phone")
