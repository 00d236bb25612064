"""``badgekit revoke``: update and re-sign a status list credential (not public API)."""

from __future__ import annotations

from datetime import UTC, datetime

import click

import badgekit

from ._common import EXISTING_FILE, PASSPHRASE_HELP, echo_json, load_key

__all__ = ["COMMANDS"]


def _parse_now(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        msg = f"--now {value!r} is not an ISO 8601 date-time"
        raise click.BadParameter(msg) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@click.command()
@click.argument("badges", nargs=-1, type=EXISTING_FILE)
@click.option(
    "--list",
    "--status-list-file",
    "list_file",
    required=True,
    type=EXISTING_FILE,
    help="The BitstringStatusListCredential file to update (re-publish it afterwards).",
)
@click.option("--key", "key_file", required=True, type=EXISTING_FILE, help="The list issuer's key.")
@click.option("--passphrase-env", metavar="VAR", help=PASSPHRASE_HELP)
@click.option(
    "--index",
    "indexes",
    multiple=True,
    type=click.IntRange(min=0),
    help="A status list index to revoke (repeatable).",
)
@click.option(
    "--credential-id",
    "credential_ids",
    multiple=True,
    help="A credential id to revoke, found in --manifest (repeatable).",
)
@click.option("--manifest", type=EXISTING_FILE, help="Batch manifest (for --credential-id).")
@click.option("--unrevoke", is_flag=True, help="Clear the entries instead (undo a mistake).")
@click.option("--now", "now_text", metavar="ISO8601", help="Time of the change (default: now).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def revoke(
    badges: tuple[str, ...],
    list_file: str,
    key_file: str,
    passphrase_env: str | None,
    indexes: tuple[int, ...],
    credential_ids: tuple[str, ...],
    manifest: str | None,
    unrevoke: bool,
    now_text: str | None,
    as_json: bool,
) -> None:
    """Revoke badges: set their entries in a status list and re-sign it.

    Name the badges by their files (BADGES: PNG, SVG, JSON or JWS), by --index, or by
    --credential-id with the batch --manifest.  The list file is replaced atomically; publish
    it again at its URL (its "id") for verifiers to see the change.
    """
    key = load_key(key_file, passphrase_env)
    result = badgekit.revoke(
        list_file,
        key,
        indexes=indexes,
        badges=badges,
        credential_ids=credential_ids,
        manifest=manifest,
        unrevoke=unrevoke,
        now=_parse_now(now_text),
    )
    if as_json:
        echo_json(
            {
                "list": result.list_url,
                "file": list_file,
                "action": "unrevoked" if unrevoke else "revoked",
                "indexes": list(result.indexes),
                "total_revoked": result.total_set,
            }
        )
        return
    verb = "Unrevoked" if unrevoke else "Revoked"
    shown = ", ".join(str(i) for i in result.indexes)
    click.echo(f"{verb} {len(result.indexes)} entr{'y' if len(result.indexes) == 1 else 'ies'}")
    click.echo(f"  indexes: {shown}")
    click.echo(f"  list:    {list_file} ({result.total_set} revoked in all), re-signed")
    click.echo(f"  publish it again at {result.list_url}")


COMMANDS = (revoke,)
