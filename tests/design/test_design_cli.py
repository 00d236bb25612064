"""``badgekit design``, ``templates`` and ``icons`` through CliRunner, exit codes pinned."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from badgekit.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_design_svg(tmp_path: Path) -> None:
    out = tmp_path / "badge.svg"
    code, stdout, _ = run("design", "-t", "shield", "--title", "Leader", "--out", str(out))
    assert code == 0
    assert "title: fitted at" in stdout
    assert out.read_bytes().startswith(b"<?xml")


def test_design_png_several_sizes(tmp_path: Path) -> None:
    out = tmp_path / "badge.png"
    code, _, stderr = run(
        "design", "--template", "circle-seal", "--title", "Data", "--slot", "top=Oak School",
        "--icon", "atom", "--palette", "ocean", "--color", "accent=#ffcc00",
        "--size", "600", "--size", "64", "--out", str(out),
    )  # fmt: skip
    assert code == 0, stderr
    assert (tmp_path / "badge-600.png").is_file()
    assert (tmp_path / "badge-64.png").is_file()
    assert not out.exists()
    assert "warning:" in stderr
    assert "64x64" in stderr


def test_design_from_spec(tmp_path: Path) -> None:
    spec = tmp_path / "d.toml"
    spec.write_text('template = "diamond"\n[values]\ntitle = "Lab"\n')
    code, stdout, _ = run("design", "--spec", str(spec), "--out", str(tmp_path / "x.png"))
    assert code == 0
    assert "title: fitted at" in stdout
    assert (tmp_path / "x.png").read_bytes().startswith(b"\x89PNG")


def test_design_errors_are_exit_1(tmp_path: Path) -> None:
    out = str(tmp_path / "b.svg")
    code, _, stderr = run("design", "-t", "hexagon", "--title", "Word " * 40, "--out", out)
    assert code == 1
    assert stderr.startswith("error: slot 'title'")
    assert run("design", "-t", "nope", "--title", "X", "--out", out)[0] == 1
    assert run("design", "-t", "hexagon", "--title", "X", "--icon", "zzz", "--out", out)[0] == 1
    assert not Path(out).exists()


def test_design_usage_errors_are_exit_2(tmp_path: Path) -> None:
    out = str(tmp_path / "b.svg")
    assert run("design", "--title", "X", "--out", out)[0] == 2
    assert run("design", "-t", "shield", "--title", "X", "--out", str(tmp_path / "b.gif"))[0] == 2
    assert run("design", "-t", "shield", "--slot", "novalue", "--out", out)[0] == 2
    assert run("design", "-t", "shield", "--title", "X", "--size", "0", "--out", out)[0] == 2
    spec = tmp_path / "d.toml"
    spec.write_text('template = "diamond"\n')
    assert run("design", "--spec", str(spec), "-t", "shield", "--out", out)[0] == 2


def test_templates_json_lists_all() -> None:
    code, stdout, _ = run("templates", "--json")
    assert code == 0
    doc = json.loads(stdout)
    assert len(doc["templates"]) >= 12
    assert len(doc["palettes"]) >= 10
    seal = next(t for t in doc["templates"] if t["name"] == "circle-seal")
    assert seal["slots"]["top"] == "arc"
    assert seal["required"] == ["title"]


def test_templates_text() -> None:
    code, stdout, _ = run("templates")
    assert code == 0
    assert "circle-seal" in stdout
    assert "title* (text)" in stdout


def test_templates_preview(tmp_path: Path) -> None:
    out = tmp_path / "sheet.png"
    code, _, _ = run("templates", "preview", "--out", str(out), "--width", "400")
    assert code == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    assert run("templates", "preview", "--out", str(tmp_path / "s.jpg"))[0] == 2


def test_icons() -> None:
    code, stdout, _ = run("icons", "trophy")
    assert code == 0
    assert stdout.startswith("trophy")
    code, stdout, _ = run("icons", "music", "--json")
    assert code == 0
    assert any(i["name"] == "music" for i in json.loads(stdout))
    assert run("icons", "zzzz-nothing")[0] == 1
    assert len(run("icons")[1].splitlines()) >= 150
