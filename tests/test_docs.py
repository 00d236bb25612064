"""Keep README.md honest (sqlite-utils ``test_docs.py`` style)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from badgekit.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_documented_in_the_readme(name: str) -> None:
    assert re.search(rf"badgekit {re.escape(name)}\b", README), f"README never shows {name}"


def test_the_readme_set_up_commands_are_the_ones_ci_runs() -> None:
    assert "./run demo" in README
    assert "./run test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^\./run test$", ci, re.M)
