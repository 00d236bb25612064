"""Running the studio under uvicorn: bind, print the address, open the browser (not public
API)."""

from __future__ import annotations

import secrets
import threading
import webbrowser
from dataclasses import replace
from typing import TYPE_CHECKING

import uvicorn

from .app import create_app

if TYPE_CHECKING:
    from collections.abc import Callable

    from .config import StudioConfig

__all__ = ["prepare", "serve"]


def prepare(config: StudioConfig) -> tuple[StudioConfig, str]:
    """The config to run (an access token made up when the studio listens beyond loopback
    without one) and the address to open (with ``?token=`` when there is a token)."""
    if not config.loopback and config.token is None:
        config = replace(config, token=secrets.token_urlsafe(24))
    url = config.url + (f"?token={config.token}" if config.token else "")
    return config, url


def serve(
    config: StudioConfig, *, open_browser: bool = True, say: Callable[[str], None] = print
) -> None:
    """Start the studio and block until it is stopped (Ctrl-C).

    :param say: where the address and notes go (the CLI passes ``click.echo``).
    :raises WorkspaceError: the workspace cannot be created.
    """
    config, url = prepare(config)
    app = create_app(config)
    say(f"badgekit studio: {url}")
    say(f"workspace: {config.workspace.resolve()}")
    if not config.loopback:
        say("listening beyond this machine: every request needs the access token above")
    say("press Ctrl-C to stop")
    server = uvicorn.Server(
        uvicorn.Config(app, host=config.host, port=config.port, log_level="warning")
    )
    if open_browser:
        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    server.run()
