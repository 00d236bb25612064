"""``badgekit publish``: write the issuer's static site (not public API)."""

from __future__ import annotations

import click

import badgekit
from badgekit.credential.links import SiteLayout

from ._common import EXISTING_FILE, PASSPHRASE_HELP, load_key, parse_now

__all__ = ["COMMANDS"]


@click.command()
@click.option(
    "--achievement",
    "achievement_files",
    required=True,
    multiple=True,
    type=EXISTING_FILE,
    help="An achievement file; each gets a page (repeatable).",
)
@click.option("--key", "key_file", required=True, type=EXISTING_FILE,
              help="The issuer's key file (only its public key is published).")  # fmt: skip
@click.option("--passphrase-env", metavar="VAR", help=PASSPHRASE_HELP)
@click.option("--base-url", required=True, metavar="URL",
              help="The https:// address the site folder is served at.")  # fmt: skip
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="The site folder: new, empty, or one badgekit wrote before.")  # fmt: skip
@click.option("--batch", "batch_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False),
              help="A batch folder whose status list to publish (repeatable).")  # fmt: skip
@click.option("--now", "now_text", metavar="ISO8601", help="The publishing date shown.")
def publish(
    achievement_files: tuple[str, ...],
    key_file: str,
    passphrase_env: str | None,
    base_url: str,
    out: str,
    batch_dirs: tuple[str, ...],
    now_text: str | None,
) -> None:
    """Write the issuer's static site for any static host.

    The site holds the issuer's profile and page, a page per achievement (at the address its
    badges name when issued with the same --base-url), the did:web document, the JWK Set,
    the batches' status lists and verify.html on checking a badge.  Run it again after
    revoking to publish the updated lists.
    """
    achievements = [badgekit.Achievement.load(f) for f in achievement_files]
    site = badgekit.publish_site(
        achievements,
        load_key(key_file, passphrase_env),
        base_url=base_url,
        out=out,
        batches=batch_dirs,
        now=parse_now(now_text),
    )
    layout = SiteLayout(site.base_url)
    click.echo(f"published {len(site.files)} files to {out} for {layout.home}", err=True)
    click.echo(f"  issuer:      {site.issuer_id}", err=True)
    click.echo(f"  home page:   {layout.home}", err=True)
    click.echo(f"  verify page: {layout.verify_page}", err=True)
    click.echo(f"  upload {out} so that its index.html is {layout.url('index.html')}", err=True)
    for kept in site.kept:
        click.echo(f"  kept {kept} (not written by badgekit)", err=True)
    for note in site.notes:
        click.echo(f"  note: {note}", err=True)


COMMANDS = (publish,)
