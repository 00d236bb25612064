"""``badgekit bake``, ``unbake`` and ``inspect`` (not public API)."""

from __future__ import annotations

import dataclasses
import json
import os

import click

import badgekit

from .. import _io
from ._common import EXISTING_FILE, clean, echo_json

__all__ = ["COMMANDS"]


def _a(label: str) -> str:
    """``label`` with its article: "an Open Badges 3.0", "a CLR 2.0"."""
    return f"{'an' if label[:1] in 'AEIOU' else 'a'} {label}"


def _refuse_overwriting(out: str, source: str, what: str) -> None:
    """A usage error (exit 2) if ``out`` is the file ``source`` (which would be destroyed)."""
    try:
        same = os.path.samefile(out, source)
    except OSError:  # ``out`` does not exist yet
        same = False
    if same:
        msg = f"{out} is the {what}; writing there would destroy it (choose another --out)"
        raise click.BadParameter(msg, param_hint="'--out'")


@click.command()
@click.argument("image", type=EXISTING_FILE)
@click.argument("payload_file", type=EXISTING_FILE)
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to write the baked image (may be IMAGE itself).",
)
@click.option("--force", is_flag=True, help="Replace badge data the image already carries.")
def bake(image: str, payload_file: str, out: str, force: bool) -> None:
    """Bake a credential (JSON or compact JWS in PAYLOAD_FILE) into a PNG or SVG IMAGE.

    A CLR 2.0 ClrCredential goes in the CLR carrier, anything else in the Open Badges 3.0 one.
    """
    _refuse_overwriting(out, payload_file, "payload file")
    raw = _io.read_bytes(payload_file, limit=badgekit.MAX_PAYLOAD_BYTES)
    try:
        payload = raw.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        msg = f"{payload_file}: payload is not UTF-8 text"
        raise badgekit.errors.BakeError(msg) from None
    baked = badgekit.bake(_io.read_bytes(image), payload, replace=force)
    _io.write_atomic(out, baked)
    found = badgekit.unbake(baked)
    kind = found.kind
    if kind == "json":
        try:
            json.loads(payload)
        except ValueError as e:
            click.echo(f"warning: {payload_file} is not valid JSON ({e}); baked as is", err=True)
    elif kind != "jws":
        click.echo(
            f"warning: {payload_file} is neither credential JSON nor a compact JWS; baked as is",
            err=True,
        )
    size = len(payload.encode("utf-8"))
    click.echo(f"baked a {size:,}-byte {found.label} payload into {out}", err=True)


@click.command()
@click.argument("image", type=EXISTING_FILE)
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the payload to this file instead of printing it.",
)
def unbake(image: str, out: str | None) -> None:
    """Print the credential baked into a PNG or SVG IMAGE (followed by a newline; --out
    writes the payload exactly)."""
    if out:
        _refuse_overwriting(out, image, "badge image")
    found = badgekit.unbake(_io.read_bytes(image))
    for warning in found.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"found {_a(found.label)} {found.kind.upper()} payload in the "
        f"{found.format.upper()} {found.carrier.location}",
        err=True,
    )
    if found.hosted_url:
        click.echo(f"note: the assertion is hosted at {clean(found.hosted_url)}", err=True)
    if out:
        _io.write_atomic(out, found.payload.encode("utf-8"))
    else:
        click.echo(found.payload)


@click.command()
@click.argument("image", type=EXISTING_FILE)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON description instead of text.")
def inspect(image: str, as_json: bool) -> None:
    """Tell what IMAGE is and what badge data it carries."""
    info = badgekit.inspect(_io.read_bytes(image))
    if as_json:
        data = dataclasses.asdict(info)
        data["carriers"] = [{**dataclasses.asdict(c), "label": c.label} for c in info.carriers]
        echo_json({"file": image, **data, "hint": info.hint})
        return
    dims = f"{info.width:g} x {info.height:g}" if info.width and info.height else "unknown size"
    click.echo(f"{image}: {info.format.upper()} image, {dims}, {info.size:,} bytes")
    for key, value in info.details.items():
        click.echo(f"  {key}: {value}")
    if not info.carriers:
        click.echo(f"  carries no Open Badges data: {info.hint}")
    for c in info.carriers:
        hosted = f", hosted at {clean(c.hosted_url)}" if c.hosted_url else ""
        click.echo(
            f"  carries {c.label} {c.kind.upper()} ({c.size:,} bytes) in {c.location}{hosted}"
        )
    for warning in info.warnings:
        click.echo(f"  warning: {warning}")


COMMANDS = (bake, unbake, inspect)
