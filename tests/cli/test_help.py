"""Every command has help text (sqlite-utils ``test_docs.py`` style).

The commands are discovered from ``badgekit.cli.main`` (groups walked recursively), so this
keeps checking commands that are added later.
"""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from badgekit.cli import main


def _walk(
    group: click.Group, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = []
    for name, command in sorted(group.commands.items()):
        found.append(((*path, name), command))
        if isinstance(command, click.Group):
            found += _walk(command, (*path, name))
    return found


COMMANDS = _walk(main)


def test_the_core_commands_are_registered() -> None:
    names = {path for path, _ in COMMANDS}
    assert {("bake",), ("unbake",), ("inspect",), ("demo",)} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_command_has_help(path: tuple[str, ...], command: click.Command) -> None:
    assert (command.help or "").strip(), f"badgekit {' '.join(path)} has no help text"
    assert command.get_short_help_str().strip()
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")
    assert command.get_short_help_str()[:20] in " ".join(result.stdout.split())


def test_main_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in main.commands:
        assert name in result.stdout
