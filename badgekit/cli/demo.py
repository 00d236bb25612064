"""``badgekit demo``: the built-in end-to-end demonstration (not public API).

Design → sign → bake → verify, with a fresh throwaway key, then show that a tampered copy is
caught.  Everything goes to ``--out-dir``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click

import badgekit
from badgekit.credential import starter_file

from .. import _assets, _io
from .verify import print_report

__all__ = ["COMMANDS"]


def _artwork(out: Path) -> dict[str, bytes]:
    """The demo artwork as PNG and SVG (designed from a template when design is available)."""
    return {fmt: _io.read_bytes(_assets.data_file(f"sample-badge.{fmt}")) for fmt in ("png", "svg")}


@click.command()
@click.option(
    "--out-dir",
    default="demo-out",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Directory for the demo's files.",
)
def demo(out_dir: str) -> None:
    """Run the built-in demo: design, sign, bake and verify a badge, then catch a forgery."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC).replace(microsecond=0)
    key = badgekit.KeyPair.generate()
    key.save(out / "issuer-key.pem")
    _io.write_atomic(out / "achievement.toml", starter_file().encode())
    achievement = badgekit.Achievement.load(out / "achievement.toml")
    click.echo(f"1. issuer key {key.did_key} written to {out / 'issuer-key.pem'} (mode 0600)")
    artwork = _artwork(out)
    click.echo(
        f"2. artwork: {', '.join(f'{k.upper()} {len(v):,} bytes' for k, v in artwork.items())}"
    )
    for fmt, image in artwork.items():
        issued = badgekit.issue_badge(achievement, key, "ada@example.org", image, now=now)
        target = out / f"badge.{fmt}"
        _io.write_atomic(target, issued.image)
        click.echo(f"3. signed (eddsa-rdfc-2022) and baked into {target}; verifying it:")
        print_report(badgekit.verify(target, now=now, recipient="ada@example.org"))
    forged = json.loads(badgekit.unbake(_io.read_bytes(out / "badge.png")).payload)
    forged["credentialSubject"]["achievement"]["name"] = "Nobel Prize"
    tampered = badgekit.bake(artwork["png"], json.dumps(forged))
    _io.write_atomic(out / "tampered.png", tampered)
    click.echo(f"4. a copy with the badge name changed, {out / 'tampered.png'}:")
    report = badgekit.verify(out / "tampered.png", now=now)
    print_report(report)
    if report.verified:
        raise SystemExit(1)
    click.echo(f"demo files are in {out}/ (try: badgekit verify {out}/badge.png)")


COMMANDS = (demo,)
