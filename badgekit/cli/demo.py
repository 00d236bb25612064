"""``badgekit demo``: the built-in end-to-end demonstration (not public API)."""

from __future__ import annotations

import json
from pathlib import Path

import click

import badgekit

from .. import _assets, _io

__all__ = ["COMMANDS"]

_SAMPLE_CREDENTIAL = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "urn:uuid:3c3a2f9e-2b1e-4d8a-9d4c-1f0e7a6b5c4d",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {
        "id": "https://example.edu/issuers/565049",
        "type": ["Profile"],
        "name": "Example University",
    },
    "validFrom": "2026-01-01T00:00:00Z",
    "name": "Sample badge",
    "credentialSubject": {
        "id": "did:example:learner",
        "type": ["AchievementSubject"],
        "achievement": {
            "id": "https://example.edu/achievements/sample",
            "type": ["Achievement"],
            "name": "Sample badge",
            "description": "A sample achievement used by the badgekit demo.",
            "criteria": {"narrative": "Run the badgekit demo."},
        },
    },
}


@click.command()
@click.option(
    "--out-dir",
    default="demo-out",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Directory for the demo's files.",
)
def demo(out_dir: str) -> None:
    """Run the built-in demo: bake a sample credential into PNG and SVG, then read it back."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(_SAMPLE_CREDENTIAL, indent=2)
    _io.write_atomic(out / "credential.json", payload.encode())
    for fmt in ("png", "svg"):
        image = _io.read_bytes(_assets.data_file(f"sample-badge.{fmt}"))
        target = out / f"badge.{fmt}"
        _io.write_atomic(target, badgekit.bake(image, payload, replace=True))
        found = badgekit.unbake(_io.read_bytes(target))
        same = "identical" if found.payload == payload else "DIFFERENT"
        click.echo(
            f"{target}: baked and unbaked an OB {found.version} {found.kind.upper()} payload "
            f"via {found.carrier.location} ({same})"
        )
        if found.payload != payload:
            raise SystemExit(1)
    click.echo(f"demo files are in {out}/")


COMMANDS = (demo,)
