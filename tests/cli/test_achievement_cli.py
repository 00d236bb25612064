"""``badgekit achievement new | check``: output, files and exit codes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from click.testing import CliRunner

from badgekit.cli import main
from badgekit.credential import starter_file

if TYPE_CHECKING:
    from pathlib import Path


def test_new_prints_the_starter() -> None:
    result = CliRunner().invoke(main, ["achievement", "new"])
    assert result.exit_code == 0
    assert result.stdout == starter_file()


def test_new_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "badge.toml"
    runner = CliRunner()
    result = runner.invoke(main, ["achievement", "new", "--out", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == starter_file()
    assert result.stdout == ""
    out.write_text("mine", encoding="utf-8")
    result = runner.invoke(main, ["achievement", "new", "--out", str(out)])
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    result = runner.invoke(main, ["achievement", "new", "--out", str(out), "--force"])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == starter_file()


def test_starter_checks_clean(tmp_path: Path) -> None:
    out = tmp_path / "badge.toml"
    out.write_text(starter_file(), encoding="utf-8")
    result = CliRunner().invoke(main, ["achievement", "check", str(out)])
    assert result.exit_code == 0, result.output
    assert "quality score 100/100, ready to issue" in result.stdout


def test_check_reports_errors_and_exits_1(tmp_path: Path) -> None:
    bare = tmp_path / "bare.toml"
    bare.write_text('name = "Knots"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["achievement", "check", str(bare)])
    assert result.exit_code == 1
    assert "NOT ready to issue" in result.stdout
    assert "ERROR" in result.stdout
    assert "description" in result.stdout
    assert "->" in result.stdout


def test_check_warnings_only_exit_0(tmp_path: Path) -> None:
    text = starter_file().replace('valid_for = "2 years"', "")
    path = tmp_path / "w.toml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["achievement", "check", str(path), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert data["score"] < 100
    assert data["findings"][0] == {
        "severity": "warning",
        "field": "valid_for",
        "message": "the badge has no expiry policy",
        "advice": data["findings"][0]["advice"],
    }


def test_check_json_with_errors(tmp_path: Path) -> None:
    bare = tmp_path / "bare.json"
    bare.write_text('{"name": "Knots"}', encoding="utf-8")
    result = CliRunner().invoke(main, ["achievement", "check", str(bare), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert {f["field"] for f in data["findings"] if f["severity"] == "error"} == {
        "description", "criteria", "issuer.name"
    }  # fmt: skip


def test_malformed_file_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "X"\ndescripton = "typo"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["achievement", "check", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "did you mean 'description'?" in result.stderr
    assert "Traceback" not in result.output


def test_missing_file_is_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["achievement", "check", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2
