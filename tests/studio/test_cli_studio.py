"""``badgekit studio``: options reach the studio; a short token is a usage error."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from click.testing import CliRunner

import badgekit.studio
from badgekit.cli import main

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_options_reach_serve(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    def fake_serve(config: badgekit.studio.StudioConfig, **kw: Any) -> None:
        seen.update(config=config, **kw)

    monkeypatch.setattr(badgekit.studio, "serve", fake_serve)
    args = ["studio", "--workspace", str(tmp_path / "ws"), "--port", "9001", "--no-browser"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    config = seen["config"]
    assert config.host == "127.0.0.1"
    assert config.port == 9001
    assert config.token is None
    assert config.workspace == tmp_path / "ws"
    assert seen["open_browser"] is False


def test_a_short_token_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["studio", "--token", "short"])
    assert result.exit_code == 2
    assert "at least 16" in result.output


def test_help() -> None:
    result = CliRunner().invoke(main, ["studio", "--help"])
    assert result.exit_code == 0
    assert "--workspace" in result.output
    assert "--no-browser" in result.output
