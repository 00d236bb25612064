"""``badgekit studio``: start the local web app (not public API).

The command only parses options and starts :func:`badgekit.studio.serve`; the app itself
lives in :mod:`badgekit.studio`.
"""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["COMMANDS"]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (beyond this machine a token is required).")  # fmt: skip
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True,
              help="Port to listen on.")  # fmt: skip
@click.option("--workspace", "workspace", type=click.Path(file_okay=False),
              default="badgekit-studio", show_default=True,
              help="The folder everything the studio writes goes under.")  # fmt: skip
@click.option("--token", metavar="T",
              help="Access token every request must carry (default: none on 127.0.0.1; "
                   "made up and printed beyond it).")  # fmt: skip
@click.option("--no-browser", is_flag=True, help="Do not open a browser.")
def studio(host: str, port: int, workspace: str, token: str | None, no_browser: bool) -> None:
    """Start badgekit studio: design, issue, send and verify badges in your browser.

    It runs on this machine (http://127.0.0.1:8765/ by default), prints its address and opens
    it in the browser.  Everything it writes goes under --workspace.  Stop it with Ctrl-C.
    """
    from badgekit.studio import StudioConfig, serve  # starlette and uvicorn only when used

    if token is not None and len(token) < 16:
        msg = "--token must be at least 16 characters"
        raise click.BadParameter(msg, param_hint="--token")
    config = StudioConfig(workspace=Path(workspace), host=host, port=port, token=token)
    serve(config, open_browser=not no_browser, say=click.echo)


COMMANDS = (studio,)
