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

from .. import _io
from .verify import print_report

__all__ = ["COMMANDS"]


def _artwork() -> tuple[badgekit.ComposedBadge, dict[str, bytes]]:
    """The demo artwork, designed from a bundled template, as SVG and a 600 px PNG."""
    composed = badgekit.compose(
        "circle-seal",
        {
            "title": "Python Basics",
            "subtitle": "Foundations",
            "top": "Example School",
            "bottom": "Class of 2026",
        },
        palette="ocean",
        icon="code",
    )
    return composed, {"png": badgekit.render(composed.svg, size=600), "svg": composed.svg}


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
    composed, artwork = _artwork()
    for fmt, data in artwork.items():
        _io.write_atomic(out / f"artwork.{fmt}", data)
    sizes = ", ".join(f"{k} {v:g}" for k, v in composed.fitted.items())
    click.echo(f"2. designed the artwork from template circle-seal (fitted sizes: {sizes})")
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
