"""Design routes: templates, icons, the preview (SVG and PNG), uploads, saved designs."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from studio_support import DESIGN, TestClient

import badgekit

SVG_NS = "{http://www.w3.org/2000/svg}"
SMALL_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect/></svg>'


def test_templates_lists_every_bundled_template_and_palette(client: TestClient) -> None:
    data = client.get("/api/templates").json()
    names = {t["name"] for t in data["templates"]}
    assert names == {t.name for t in badgekit.list_templates()}
    seal = next(t for t in data["templates"] if t["name"] == "circle-seal")
    title = next(s for s in seal["slots"] if s["name"] == "title")
    assert title == {"name": "title", "kind": "text", "required": True, "sample": title["sample"]}
    assert {p["name"] for p in data["palettes"]} == {p.name for p in badgekit.list_palettes()}


def test_template_preview_and_unknown_template(client: TestClient) -> None:
    r = client.get("/api/templates/shield/preview.svg")
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/svg+xml"
    ET.fromstring(r.content)
    assert client.get("/api/templates/nope/preview.svg").status_code == 404


def test_icon_search_and_icon_image(client: TestClient) -> None:
    found = client.get("/api/icons", params={"q": "science"}).json()["icons"]
    assert found
    assert all(isinstance(i["name"], str) for i in found)
    r = client.get(f"/api/icons/{found[0]['name']}.svg")
    assert r.status_code == 200
    assert ET.fromstring(r.content).tag == f"{SVG_NS}svg"
    assert client.get("/api/icons/not-an-icon-at-all.svg").status_code == 404
    assert len(client.get("/api/icons").json()["icons"]) <= 60


def test_design_svg_is_the_librarys_composition(client: TestClient) -> None:
    r = client.post("/api/design", json={**DESIGN, "format": "svg"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/svg+xml"
    expected = badgekit.compose("circle-seal", DESIGN["values"], palette="ocean", icon="code")
    assert r.content == expected.svg
    assert json.loads(r.headers["x-badgekit-fitted"])["title"] == round(expected.fitted["title"], 1)


@pytest.mark.parametrize("size", [16, 300, 1200])
def test_design_png_at_any_size(client: TestClient, size: int) -> None:
    r = client.post("/api/design", json={**DESIGN, "format": "png", "size": size})
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(r.content)).size == (size, size)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({**DESIGN, "values": "Python"}, "design_error"),
        ({**DESIGN, "values": {"title": 5}}, "design_error"),
        ({**DESIGN, "size": "600"}, "wrong_type"),
        ({**DESIGN, "size": 10_000}, "out_of_range"),
        ({**DESIGN, "format": "gif"}, "bad_choice"),
        ({**DESIGN, "template": "../../etc/passwd"}, "unknown_template"),
        ({**DESIGN, "template": 3}, "unknown_template"),
        ({**DESIGN, "fonts": {"title": "/etc/fonts/x.ttf"}}, "wrong_type"),
        ({**DESIGN, "icon": "../../../etc/passwd.svg"}, "workspace_error"),
        ({**DESIGN, "icon": "/etc/passwd"}, "workspace_error"),
        ({**DESIGN, "palette": "no-such-palette"}, "design_error"),
        ({**DESIGN, "colors": {"primary": "red; drop"}}, "design_error"),
        ({**DESIGN, "surprise": 1}, "unknown_field"),
    ],
)
def test_design_refuses_bad_input(client: TestClient, body: dict[str, object], code: str) -> None:
    r = client.post("/api/design", json=body)
    assert r.status_code in (400, 422), r.text
    assert r.json()["code"] == code


def test_design_refuses_what_is_not_a_json_object(client: TestClient) -> None:
    assert client.post("/api/design", json=["circle-seal"]).status_code == 400
    r = client.post(
        "/api/design", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400
    assert r.json()["code"] == "bad_json"
    r = client.post("/api/design", content=b"template=x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_a_text_that_does_not_fit_names_its_slot(client: TestClient) -> None:
    long = "Advanced Interdisciplinary Computational Thinking " * 4
    r = client.post("/api/design", json={**DESIGN, "values": {"title": long}})
    assert r.status_code == 422
    assert r.json()["slot"] == "title"
    assert r.json()["code"] == "text_fit_error"
    assert "does not fit" in r.json()["error"]


HOSTILE_SVGS = [
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>',
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    b'<image xlink:href="https://evil.example/x.png" width="9" height="9"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div>x</div></foreignObject></svg>',
]


@pytest.mark.parametrize("svg", HOSTILE_SVGS)
def test_a_hostile_svg_icon_is_refused_and_not_saved(
    client: TestClient, workspace: Path, svg: bytes
) -> None:
    r = client.post("/api/uploads/icon", files={"file": ("logo.svg", svg, "image/svg+xml")})
    assert r.status_code == 422, r.text
    assert r.json()["code"] in ("icon_error", "unsafe_svg")
    assert not list((workspace / "uploads" / "icons").iterdir())


def test_an_uploaded_icon_is_used_in_the_design(client: TestClient, sample_png: bytes) -> None:
    icon = SMALL_SVG.replace(b"<rect/>", b'<circle cx="5" cy="5" r="4"/>')
    r = client.post("/api/uploads/icon", files={"file": ("logo.svg", icon, "text/plain")})
    assert r.status_code == 200, r.text
    path = r.json()["icon"]
    assert path.startswith("uploads/icons/")
    assert path.endswith(".svg")
    r = client.post("/api/design", json={**DESIGN, "icon": path})
    assert r.status_code == 200, r.text
    assert b"data:image/svg+xml" in r.content or b"<circle" in r.content
    r = client.post("/api/uploads/icon", files={"file": ("logo.png", sample_png, "image/png")})
    assert r.status_code == 200
    assert r.json()["icon"].endswith(".png")


def test_upload_limits_and_kinds(client: TestClient) -> None:
    big = b"<svg" + b" " * (3 * 2**20) + b"/>"
    r = client.post("/api/uploads/icon", files={"file": ("big.svg", big, "image/svg+xml")})
    assert r.status_code == 413
    r = client.post(
        "/api/uploads/icon", files={"file": ("x.png", b"\xff\xd8\xff jpeg", "image/png")}
    )
    assert r.status_code == 422
    r = client.post("/api/uploads/icon", files={"other": ("a.svg", b"<svg/>", "image/svg+xml")})
    assert r.status_code == 400
    assert r.json()["code"] == "missing_file"


def test_saved_design_is_a_design_toml_the_cli_reads(client: TestClient, workspace: Path) -> None:
    icon = SMALL_SVG.replace(b"<rect/>", b'<rect width="8" height="8"/>')
    uploaded = client.post("/api/uploads/icon", files={"file": ("l.svg", icon, "image/svg+xml")})
    spec = {**DESIGN, "icon": uploaded.json()["icon"], "colors": {"accent": "#f0c419"}}
    r = client.post("/api/designs", json={"name": "Python Basics!", "spec": spec})
    assert r.status_code == 200
    assert r.json() == {
        "name": "python-basics",
        "file": "designs/python-basics.toml",
    }
    loaded = badgekit.DesignSpec.load(workspace / "designs" / "python-basics.toml")
    assert loaded.values == DESIGN["values"]
    assert loaded.colors == {"accent": "#f0c419"}
    assert Path(loaded.icon or "").is_file()
    assert client.get("/api/designs").json() == {"designs": ["python-basics"]}
    back = client.get("/api/designs/python-basics").json()["spec"]
    assert back["icon"] == spec["icon"]
    assert back["template"] == "circle-seal"
    assert client.get("/api/designs/nope").status_code == 404


def test_a_design_that_does_not_compose_is_not_saved(client: TestClient, workspace: Path) -> None:
    spec = {**DESIGN, "values": {"title": "x" * 400}}
    r = client.post("/api/designs", json={"name": "bad", "spec": spec})
    assert r.status_code == 422
    assert not (workspace / "designs" / "bad.toml").exists()
    assert client.post("/api/designs", json={"spec": DESIGN}).status_code == 400
