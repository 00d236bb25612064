"""``badgekit design``, ``templates`` and ``icons`` (not public API)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

import badgekit

from .. import _io
from ._common import EXISTING_FILE, echo_json

__all__ = ["COMMANDS"]


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            msg = f"expected NAME=VALUE, got {item!r}"
            raise click.BadParameter(msg, param_hint=option)
        out[key.strip()] = value
    return out


def _targets(out: str, sizes: tuple[int, ...]) -> list[tuple[int, Path]]:
    """One PNG path per size: ``badge.png`` for one size, ``badge-600.png``... for several."""
    path = Path(out)
    if len(sizes) == 1:
        return [(sizes[0], path)]
    return [(s, path.with_name(f"{path.stem}-{s}{path.suffix}")) for s in sizes]


def _spec_from_options(
    template: str | None, spec: str | None, title: str | None, subtitle: str | None,
    slots: tuple[str, ...], icon: str | None, palette: str | None, colors: tuple[str, ...],
    fonts: tuple[str, ...], sizes: tuple[int, ...], alt: str | None,
) -> badgekit.DesignSpec:  # fmt: skip
    if spec:
        if template or title or subtitle or slots or icon or palette or colors or fonts:
            msg = "--spec cannot be combined with --template or slot, icon, colour, font options"
            raise click.UsageError(msg)
        loaded = badgekit.DesignSpec.load(spec)
        return dataclasses.replace(loaded, sizes=sizes) if sizes else loaded
    if not template:
        msg = "give --template NAME (see `badgekit templates`) or --spec FILE"
        raise click.UsageError(msg)
    values = _pairs(slots, "--slot")
    if title is not None:
        values["title"] = title
    if subtitle is not None:
        values["subtitle"] = subtitle
    return badgekit.DesignSpec(
        template=template,
        values=values,
        palette=palette,
        colors=_pairs(colors, "--color"),
        icon=icon,
        fonts=_pairs(fonts, "--font"),
        sizes=sizes or (600,),
        alt=alt,
    )


@click.command()
@click.option("--template", "-t", metavar="NAME", help="Template name or a template .toml file.")
@click.option("--spec", type=EXISTING_FILE, help="A design spec TOML file (instead of options).")
@click.option("--title", help="Text of the title slot.")
@click.option("--subtitle", help="Text of the subtitle slot.")
@click.option("--slot", "slots", multiple=True, metavar="NAME=TEXT", help="Text of any slot.")
@click.option("--icon", metavar="NAME|FILE", help="Bundled icon name, or an SVG/PNG file.")
@click.option("--palette", "-p", metavar="NAME", help="Palette name (see `badgekit templates`).")
@click.option(
    "--color", "colors", multiple=True, metavar="ROLE=#HEX", help="Override one colour role."
)
@click.option(
    "--font", "fonts", multiple=True, metavar="SLOT=FONT", help="Font family or .ttf/.otf file."
)
@click.option(
    "--size",
    "sizes",
    multiple=True,
    type=click.IntRange(1, 8192),
    help="PNG size in pixels (repeat for several files).",
)
@click.option("--alt", help="Alt text for screen readers (default: built from the texts).")
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="Output file: .svg, or .png (badge-600.png... for several sizes).",
)
def design(
    template: str | None, spec: str | None, title: str | None, subtitle: str | None,
    slots: tuple[str, ...], icon: str | None, palette: str | None, colors: tuple[str, ...],
    fonts: tuple[str, ...], sizes: tuple[int, ...], alt: str | None, out: str,
) -> None:  # fmt: skip
    """Compose a badge from a template and write it as SVG or PNG."""
    suffix = Path(out).suffix.lower()
    if suffix not in (".svg", ".png"):
        msg = "--out must end in .svg or .png"
        raise click.BadParameter(msg, param_hint="--out")
    chosen = _spec_from_options(
        template, spec, title, subtitle, slots, icon, palette, colors, fonts, sizes, alt
    )
    badge = chosen.compose()
    for name, size in badge.fitted.items():
        click.echo(f"{name}: fitted at {size:g}")
    for warning in badge.warnings:
        click.echo(f"warning: {warning}", err=True)
    if suffix == ".svg":
        _io.write_atomic(out, badge.svg)
        click.echo(f"wrote {out}", err=True)
        return
    pngs = badgekit.render_sizes(badge.svg, chosen.sizes)
    for size, path in _targets(out, chosen.sizes):
        png = pngs[size]
        for warning in badgekit.issuing_warnings(png):
            click.echo(f"warning: {path}: {warning}", err=True)
        _io.write_atomic(path, png)
        click.echo(f"wrote {path} ({size} px, {len(png):,} bytes)", err=True)


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
def templates(ctx: click.Context, as_json: bool) -> None:
    """List the bundled templates with their slots (and the palettes)."""
    if ctx.invoked_subcommand is not None:
        return
    infos = badgekit.list_templates()
    if as_json:
        echo_json(
            {
                "templates": [dataclasses.asdict(t) for t in infos],
                "palettes": {p.name: dict(p.colors) for p in badgekit.list_palettes()},
            }
        )
        return
    for t in infos:
        slots = ", ".join(
            f"{n}{'*' if n in t.required else ''} ({kind})" for n, kind in t.slots.items()
        )
        click.echo(f"{t.name:16} {t.label}: {t.description}")
        click.echo(f"{'':16} slots: {slots}")
    click.echo("\n(* required)  palettes: " + ", ".join(p.name for p in badgekit.list_palettes()))


@templates.command()
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="Contact sheet file (.png or .svg).",
)
@click.option("--palette", "-p", metavar="NAME", help="Draw every template in this palette.")
@click.option("--width", type=click.IntRange(100, 8192), default=1200, show_default=True)
def preview(out: str, palette: str | None, width: int) -> None:
    """Draw a contact sheet of every template with its sample texts."""
    suffix = Path(out).suffix.lower()
    if suffix not in (".svg", ".png"):
        msg = "--out must end in .svg or .png"
        raise click.BadParameter(msg, param_hint="--out")
    sheet = badgekit.contact_sheet(palette=palette)
    data = sheet if suffix == ".svg" else badgekit.render(sheet, size=width)
    _io.write_atomic(out, data)
    click.echo(f"wrote {out} ({len(badgekit.list_templates())} templates)", err=True)


@click.command()
@click.argument("word", required=False, default="")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def icons(word: str, as_json: bool) -> None:
    """List the bundled icons, or those matching WORD (name, theme or keyword)."""
    found = badgekit.search_icons(word)
    if as_json:
        echo_json([dataclasses.asdict(i) for i in found])
        return
    if not found:
        click.echo(f"no icon matches {word!r}", err=True)
        raise click.exceptions.Exit(1)
    for info in found:
        click.echo(f"{info.name:26} {info.theme:12} {', '.join(info.tags[:6])}")


COMMANDS = (design, templates, icons)
