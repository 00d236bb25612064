"""``badgekit issue``: award one badge (not public API)."""

from __future__ import annotations

from pathlib import Path

import click

import badgekit
from badgekit.issue import achievement_design, design_artwork

from .. import _io
from ..errors import UnsupportedFormatError
from ._common import EXISTING_FILE, PASSPHRASE_HELP, load_key, parse_now
from .endorse import read_endorsement
from .verify import print_report

__all__ = ["COMMANDS"]


@click.command()
@click.option(
    "--achievement",
    "achievement_file",
    required=True,
    type=EXISTING_FILE,
    help="The achievement (badge class) file: TOML, JSON or YAML.",
)
@click.option(
    "--key", "key_file", required=True, type=EXISTING_FILE, help="The issuer's private key file."
)
@click.option("--passphrase-env", metavar="VAR", help=PASSPHRASE_HELP)
@click.option(
    "--recipient",
    required=True,
    metavar="EMAIL|DID|URL",
    help="Who earned the badge (an email is stored hashed).",
)
@click.option("--image", "image_file", type=EXISTING_FILE, help="The badge artwork, PNG or SVG.")
@click.option(
    "--design",
    "design_file",
    type=EXISTING_FILE,
    help="Draw the artwork from this design spec (default: the achievement's [design]).",
)
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to write the baked badge (.png or .svg, as the artwork).",
)
@click.option(
    "--suite",
    default=badgekit.proofs.DEFAULT_SUITE,
    show_default=True,
    type=click.Choice(badgekit.proofs.SIGNING_SUITES),
    help="Proof format (ecdsa-rdfc-2019 for P-256/P-384 keys).",
)
@click.option(
    "--alg",
    type=click.Choice(["EdDSA", "ES256", "ES384", "RS256"]),
    help="JWS algorithm for --suite jwt (default: the key's).",
)
@click.option(
    "--evidence",
    multiple=True,
    metavar="URL|TEXT",
    help="Evidence: a URL or a narrative (repeatable).",
)
@click.option("--narrative", help="How this recipient met the criteria.")
@click.option(
    "--endorsement",
    "endorsement_files",
    multiple=True,
    type=EXISTING_FILE,
    help="A signed endorsement of the achievement (badgekit endorse; repeatable).",
)
@click.option(
    "--valid-until", metavar="ISO8601", help="Expiry (default: from the achievement's valid_for)."
)
@click.option("--now", "now_text", metavar="ISO8601", help="Issue as of this time (default: now).")
@click.option(
    "--base-url",
    metavar="URL",
    help="The issuer's site (badgekit publish): achievement id and criteria are its pages "
    "there, and the issuer its did:web unless the achievement names an [issuer] id.",
)
@click.option("--force", is_flag=True, help="Replace badge data the artwork already carries.")
@click.option(
    "--embed-artwork/--no-embed-artwork",
    default=True,
    show_default=True,
    help="Put the artwork (with the [image] caption) in the credential when the achievement "
    "names no image.",
)
def issue(
    achievement_file: str,
    key_file: str,
    passphrase_env: str | None,
    recipient: str,
    image_file: str | None,
    design_file: str | None,
    out: str,
    suite: str,
    alg: str | None,
    evidence: tuple[str, ...],
    narrative: str | None,
    endorsement_files: tuple[str, ...],
    valid_until: str | None,
    now_text: str | None,
    base_url: str | None,
    force: bool,
    embed_artwork: bool,
) -> None:
    """Issue one badge: build the credential, sign it, bake it into the artwork, verify it.

    The artwork is --image, else drawn from --design, else from the achievement's [design].
    """
    achievement = badgekit.Achievement.load(achievement_file)
    image = _artwork(achievement, image_file, design_file, out)
    issued = badgekit.issue_badge(
        achievement,
        load_key(key_file, passphrase_env),
        recipient,
        image,
        now=parse_now(now_text),
        suite=suite,
        alg=alg,
        evidence=evidence,
        narrative=narrative,
        endorsements=[read_endorsement(f) for f in endorsement_files],
        valid_until=valid_until,
        replace=force,
        embed_artwork=embed_artwork,
        base_url=base_url,
    )
    _io.write_atomic(out, issued.image)
    report = issued.report.replace(source=out)
    print_report(report)
    click.echo(f"issued {out} ({len(issued.image):,} bytes)", err=True)


def _artwork(
    achievement: badgekit.Achievement, image_file: str | None, design_file: str | None, out: str
) -> bytes:
    if image_file and design_file:
        msg = "give either --image or --design, not both"
        raise click.UsageError(msg)
    suffix = Path(out).suffix.lower()
    if image_file:
        image = _io.read_bytes(image_file)
        fmt = badgekit.sniff(image)
        if suffix != f".{fmt}":
            # The artwork's content decides the format: a file problem (exit 1), not usage.
            msg = f"the artwork is {fmt.upper()}, so --out must end in .{fmt} (got {out})"
            raise UnsupportedFormatError(msg)
        return image
    if suffix not in (".png", ".svg"):
        msg = f"--out must end in .png or .svg (got {out})"
        raise UnsupportedFormatError(msg)
    spec = badgekit.DesignSpec.load(design_file) if design_file else achievement_design(achievement)
    if spec is None:
        msg = "no artwork: pass --image or --design, or add a [design] to the achievement file"
        raise click.UsageError(msg)
    return design_artwork(spec, "png" if suffix == ".png" else "svg")


COMMANDS = (issue,)
