"""Helpers shared by the command modules (not public API)."""

from __future__ import annotations

import json
from typing import Any

import click

__all__ = ["EXISTING_FILE", "echo_json"]

#: Parameter type of an input file that must exist (click makes a missing one usage error 2).
EXISTING_FILE = click.Path(exists=True, dir_okay=False, readable=True)


def echo_json(value: Any) -> None:
    """Print ``value`` as indented JSON on standard output."""
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))
