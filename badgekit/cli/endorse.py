"""``badgekit endorse``: sign an endorsement of an achievement or a profile (not public API)."""

from __future__ import annotations

import json
from typing import Any

import click

import badgekit

from .. import _io
from ..errors import CredentialError
from ..proofs.registry import SIGNING_SUITES
from ._common import EXISTING_FILE, PASSPHRASE_HELP, load_key, parse_now, read_text

__all__ = ["COMMANDS", "read_endorsement"]

_MAX_ENDORSEMENT = 1024 * 1024


def read_endorsement(path: str) -> dict[str, Any] | str:
    """A signed endorsement file: EndorsementCredential JSON, or a compact JWS.

    :raises CredentialError: neither.
    """
    text = read_text(path, _MAX_ENDORSEMENT)
    if not text.startswith("{"):
        if text.count(".") != 2 or any(c.isspace() for c in text):
            msg = f"{path}: not an endorsement (neither credential JSON nor a compact JWS)"
            raise CredentialError(msg)
        return text
    try:
        value = json.loads(text)
    except ValueError as e:
        msg = f"{path}: not valid JSON ({e})"
        raise CredentialError(msg) from None
    if not isinstance(value, dict):
        msg = f"{path}: an endorsement must be a JSON object"
        raise CredentialError(msg)
    return value


def _subject(achievement_file: str | None, subject_id: str | None) -> str:
    if (achievement_file is None) == (subject_id is None):
        msg = "give what is endorsed: --achievement FILE or --subject ID (one of them)"
        raise click.UsageError(msg)
    if subject_id is not None:
        return subject_id
    assert achievement_file is not None
    achievement = badgekit.Achievement.load(achievement_file)
    if achievement.id:
        return achievement.id
    if achievement.issuer.id:  # the id badgekit derives for it (stable for issuer and name)
        return achievement.resolved_id(achievement.issuer.id)
    msg = (
        f"{achievement_file} has no id and no [issuer] id, so its badges' achievement id depends "
        "on the issuing key: give --subject ID (the achievement id in an issued badge)"
    )
    raise CredentialError(msg)


@click.command()
@click.option("--key", "key_file", required=True, type=EXISTING_FILE, help="Endorser's key.")
@click.option("--passphrase-env", metavar="VAR", help=PASSPHRASE_HELP)
@click.option("--name", "endorser_name", required=True, help="The endorser, as people see it.")
@click.option("--endorser-id", metavar="ID", help="Endorser's id (default: the key's did:key).")
@click.option("--endorser-url", metavar="URL", help="Endorser's web page.")
@click.option(
    "--achievement", "achievement_file", type=EXISTING_FILE, help="The achievement endorsed."
)
@click.option("--subject", "subject_id", metavar="ID", help="Or the id endorsed (a profile...).")
@click.option("--comment", help="The endorsement's words (Markdown).")
@click.option("--valid-until", metavar="ISO8601", help="When the endorsement lapses.")
@click.option(
    "--suite",
    type=click.Choice(SIGNING_SUITES),
    default="eddsa-rdfc-2022",
    show_default=True,
    help="Proof suite (jwt writes a compact JWS, for endorsementJwt).",
)
@click.option("--now", "now_text", metavar="ISO8601", help="Endorse as of this time.")
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False), help="Output file.")
def endorse(
    key_file: str,
    passphrase_env: str | None,
    endorser_name: str,
    endorser_id: str | None,
    endorser_url: str | None,
    achievement_file: str | None,
    subject_id: str | None,
    comment: str | None,
    valid_until: str | None,
    suite: str,
    now_text: str | None,
    out: str,
) -> None:
    """Sign an endorsement (OB 3.0 EndorsementCredential) of an achievement or a profile.

    Attach it to badges with ``badgekit issue --endorsement FILE``; ``badgekit verify`` then
    lists each endorsement (who endorses, and whether it verifies) beside the badge.
    """
    signed = badgekit.endorse(
        _subject(achievement_file, subject_id),
        load_key(key_file, passphrase_env),
        endorser_name=endorser_name,
        endorser_id=endorser_id,
        endorser_url=endorser_url,
        comment=comment,
        valid_until=valid_until,
        suite=suite,
        now=parse_now(now_text),
    )
    text = signed if isinstance(signed, str) else json.dumps(signed, indent=2, ensure_ascii=False)
    _io.write_atomic(out, (text + "\n").encode("utf-8"))
    click.echo(f"endorsement by {endorser_name} signed with {suite}: wrote {out}", err=True)


COMMANDS = (endorse,)
