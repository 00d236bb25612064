"""``badgekit certificate``: a printable certificate (PDF or PNG) for one genuine badge
(not public API)."""

from __future__ import annotations

import click

import badgekit

from ._common import EXISTING_FILE, clean, load_key

__all__ = ["COMMANDS"]


@click.command()
@click.argument("badge", type=EXISTING_FILE)
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="The certificate to write: a .pdf (vector, to print) or a .png file.",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Page size (landscape).",
)
@click.option(
    "--name",
    help="The earner's name, when the badge carries only a hashed email.",
)
@click.option(
    "--verify-url",
    metavar="URL",
    help="Where the QR code leads, e.g. the issuer's verify page (default: the badge's "
    "https criteria page, else its https credential id).",
)
@click.option(
    "--online",
    is_flag=True,
    help="Allow network lookups while verifying: did:web, HTTPS keys, status lists.",
)
@click.option(
    "--key",
    "key_file",
    type=EXISTING_FILE,
    help="Your issuer key (public or private): confirms your own did:web or https badges "
    "before your site is published (offline, their key cannot be confirmed otherwise).",
)
@click.option(
    "--status-file",
    type=click.Path(exists=True),
    help="A status list file or directory to check revocation offline.",
)
def certificate(
    badge: str,
    out: str,
    paper: str,
    name: str | None,
    verify_url: str | None,
    online: bool,
    key_file: str | None,
    status_file: str | None,
) -> None:
    """Make a printable certificate for BADGE (a baked PNG/SVG, JSON or JWT file).

    The badge is verified first.  A certificate is made for a valid badge, and for an expired
    one with "Expired on <day>" printed on it; a revoked, suspended, not yet valid,
    unverified or NOT VALID badge is refused.

    Exit status 0 when the certificate was written; 1 when it was refused or could not be
    written (nothing is written then).
    """
    cert = badgekit.write_certificate(
        badge,
        out,
        paper=paper,
        name=name,
        verify_url=verify_url,
        online=online,
        status_file=status_file,
        issuer_key=load_key(key_file, None) if key_file else None,
    )
    for warning in cert.warnings:
        click.echo(f"warning: {clean(warning)}", err=True)
    if cert.expired:
        click.echo(f"note: the badge expired on {cert.expired}; the certificate says so", err=True)
    click.echo(
        f"wrote {out}: {clean(cert.badge)} for {clean(cert.earner)} "
        f"({paper.upper() if paper == 'a4' else 'Letter'}, QR code to {clean(cert.qr_url)})"
    )


COMMANDS = (certificate,)
