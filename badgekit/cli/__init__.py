"""The ``badgekit`` command line: a thin click shell over the :mod:`badgekit` facade.

This is the one place where errors become exit codes:

* 0: success (or every badge verified);
* 1: a :class:`~badgekit.errors.BadgekitError`, or a badge that did not verify;
* 2: a usage error (click's default).

No traceback ever reaches a user: an unexpected exception is reported in one line as an
internal error (set ``BADGEKIT_DEBUG=1`` to see the traceback).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from ..errors import BadgekitError

__all__ = ["main"]


class _Group(click.Group):
    """A click group that maps every badgekit error to exit code 1 with a one-line message."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BadgekitError as e:
            click.echo(f"error: {e}", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            # The reader went away (``badgekit verify x | head``): stop quietly, as cat does.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except Exception as e:
            if os.environ.get("BADGEKIT_DEBUG"):
                raise
            first = str(e).splitlines()[0] if str(e) else ""
            click.echo(
                f"internal error: {type(e).__name__}: {first} (please report this)", err=True
            )
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="badgekit", prog_name="badgekit")
def main() -> None:
    """badgekit: design, issue, bake and verify Open Badges 3.0 badges."""


#: One module per command group, each exposing ``COMMANDS``.
_COMMAND_MODULES = (
    "achievement",
    "bake",
    "batch",
    "certificate",
    "demo",
    "design",
    "endorse",
    "issue",
    "keys",
    "portfolio",
    "publish",
    "revoke",
    "send",
    "sign",
    "studio",
    "verify",
)


def _register() -> None:
    # The command modules import ``badgekit`` (the facade), so they are loaded after ``main``.
    for name in _COMMAND_MODULES:
        for command in importlib.import_module(f"{__name__}.{name}").COMMANDS:
            main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
