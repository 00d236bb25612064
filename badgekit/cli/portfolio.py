"""``badgekit portfolio``: verify a folder of badges, then write a spreadsheet, a badge wall
and snippets (not public API)."""

from __future__ import annotations

from pathlib import Path

import click

import badgekit
from badgekit.printing.output import check_target, output_format

from ._common import clean, parse_now

__all__ = ["COMMANDS"]

_COLOUR = {
    "valid": "green",
    "expired": "yellow",
    "not yet valid": "yellow",
    "suspended": "yellow",
    "unverified": "yellow",
}


def _check_outputs(csv_path: str | None, vcard_path: str | None, card_path: str | None) -> None:
    """Refuse a wrong output before any is written (so a refusal leaves no file): a badge
    there (a scan leaves outputs out, so it would be lost unseen), a folder, a wrong suffix."""
    for path, kinds in ((csv_path, None), (vcard_path, ("vcf",)), (card_path, ("pdf", "png"))):
        if path is None:
            continue
        if kinds is not None:
            output_format(path, kinds)
        check_target(path, ())


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False),
    help="Write a spreadsheet (CSV): one row a badge, with its status.",
)
@click.option(
    "--html",
    "html_dir",
    type=click.Path(file_okay=False),
    help="Write a static badge wall (index.html) and snippets/ to this folder.",
)
@click.option("--title", default="My badges", show_default=True, help="The badge wall's title.")
@click.option(
    "--hide-invalid",
    is_flag=True,
    help="Leave badges that are not valid now out of the wall (default: mark them).",
)
@click.option(
    "--online",
    is_flag=True,
    help="Allow network lookups: did:web, HTTPS keys, status lists, OB 2.0 hosts.",
)
@click.option(
    "--recipient", metavar="EMAIL|ID", help="Also check that every badge was issued to this person."
)
@click.option(
    "--now", "now_text", metavar="ISO8601", help="Check dates as of this time (default: now)."
)
@click.option(
    "--status-file",
    type=click.Path(exists=True),
    help="A status list file or directory to check revocation offline.",
)
@click.option(
    "--vcard",
    "vcard_path",
    type=click.Path(dir_okay=False),
    help="Write your contact card (vCard 4.0, .vcf) listing your valid badges.",
)
@click.option(
    "--card",
    "card_path",
    type=click.Path(dir_okay=False),
    help="Write a business card (85 x 55 mm, .pdf or .png) with your valid badges and a QR "
    "code to --wall-url.",
)
@click.option("--name", help="Your name on --vcard/--card (default: the one your badges state).")
@click.option("--job-title", help="Your job title on --vcard/--card.")
@click.option("--org", help="Your organisation on --vcard/--card.")
@click.option(
    "--wall-url", metavar="URL", help="Where you published your badge wall (--card's QR code)."
)
def portfolio(
    directory: str,
    csv_path: str | None,
    html_dir: str | None,
    title: str,
    hide_invalid: bool,
    online: bool,
    recipient: str | None,
    now_text: str | None,
    status_file: str | None,
    vcard_path: str | None,
    card_path: str | None,
    name: str | None,
    job_title: str | None,
    org: str | None,
    wall_url: str | None,
) -> None:
    """Verify every badge in DIRECTORY (recursively: PNG, SVG, JSON, JWT/JWS files).

    Prints one line per file and a summary, and writes a spreadsheet (--csv) and a badge wall
    with embeddable snippets (--html).  Only what verified is shown; for any other file only
    its name and the reason.

    Exit status 0 when the folder was checked, even if some badges are not valid (the
    summary and the CSV say which); 1 when the folder or an output cannot be read or written.
    """
    if card_path and not wall_url:
        msg = "--card needs --wall-url: the QR code leads to your published badge wall"
        raise click.UsageError(msg)
    root = Path(directory).resolve()
    if html_dir and Path(html_dir).resolve() in (root, *root.parents):
        msg = f"--html {html_dir}: the badge wall cannot hold the folder it shows; give another"
        raise click.UsageError(msg)
    _check_outputs(csv_path, vcard_path, card_path)
    exclude = [p for p in (csv_path, html_dir, vcard_path, card_path) if p]
    folio = badgekit.scan_portfolio(
        directory,
        now=parse_now(now_text),
        online=online,
        recipient=recipient,
        status_file=status_file,
        exclude=exclude,
    )
    for entry in folio.entries:
        status = entry.status.value
        word = click.style(f"{status.upper():<13}", fg=_COLOUR.get(status, "red"), bold=True)
        # Badge text and file names are untrusted: no escapes, newlines or bidi overrides.
        what = f"{entry.name} ({entry.issuer})" if entry.trusted else entry.reason
        extra = f": {entry.reason}" if entry.trusted and entry.reason else ""
        click.echo(f"{word} {clean(entry.file)}  {clean(f'{what}{extra}')}")
    for skipped in folio.skipped:
        click.echo(f"skipped {clean(skipped.file)}: {clean(skipped.reason)}", err=True)
    click.echo(folio.summary() if folio.entries else f"no badge files found in {directory}")
    # The card and vCard first: a missing name or no valid badge stops before any file.
    me = {"name": name, "job_title": job_title, "org": org}
    if card_path and wall_url:
        card = badgekit.write_business_card(folio, card_path, wall_url=wall_url, **me)
        more = f" (+{card.more} more)" if card.more else ""
        click.echo(f"wrote {card_path}: {len(card.badges)} valid badges shown{more}")
    if vcard_path:
        badgekit.write_vcard(folio, vcard_path, wall_url=wall_url, **me)
        click.echo(f"wrote {vcard_path}")
    if csv_path:
        badgekit.write_portfolio_csv(folio, csv_path)
        click.echo(f"wrote {csv_path}")
    if html_dir:
        wall = badgekit.write_badge_wall(folio, html_dir, title=title, hide_invalid=hide_invalid)
        snippets = Path(html_dir) / "snippets"
        click.echo(f"wrote {wall.index} ({wall.shown} shown)")
        click.echo(f"wrote {len(wall.snippets)} embeddable snippets in {snippets}")


COMMANDS = (portfolio,)
