"""``badgekit sign`` and ``badgekit verify-proof`` (not public API)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

import badgekit

from .. import _io
from ..errors import CredentialError
from ._common import EXISTING_FILE, echo_json, load_key, read_text

__all__ = ["COMMANDS"]

_MAX_CREDENTIAL = 16 * 1024 * 1024
_CONTEXTS_HELP = "Directory of extra JSON-LD contexts (with a urls.json: URL -> file name)."


def _read_credential(path: str) -> dict[str, object]:
    try:
        value = json.loads(read_text(path, _MAX_CREDENTIAL))
    except ValueError as e:
        msg = f"{path}: not valid JSON ({e})"
        raise CredentialError(msg) from None
    if not isinstance(value, dict):
        msg = f"{path}: a credential must be a JSON object"
        raise CredentialError(msg)
    return value


@click.command()
@click.argument("credential", type=EXISTING_FILE)
@click.option("--key", "key_file", required=True, type=EXISTING_FILE, help="Private key file.")
@click.option("--passphrase-env", metavar="VAR", help="Environment variable with the passphrase.")
@click.option(
    "--suite",
    type=click.Choice(badgekit.proofs.SIGNING_SUITES),
    default=badgekit.proofs.DEFAULT_SUITE,
    show_default=True,
    help="Proof suite: a Data Integrity proof (ecdsa-rdfc-2019 for P-256/P-384 keys), "
    "or a VC-JWT (compact JWS).",
)
@click.option(
    "--alg", type=click.Choice(["RS256", "ES256", "ES384", "EdDSA"]), help="JWS alg (jwt)."
)
@click.option("--verification-method", metavar="ID", help="Key id (default: from the issuer).")
@click.option("--created", metavar="ISO8601", help="Proof creation time (default: now).")
@click.option("--contexts", type=click.Path(file_okay=False, exists=True), help=_CONTEXTS_HELP)
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False), help="Output file.")
def sign(
    credential: str,
    key_file: str,
    passphrase_env: str | None,
    suite: str,
    alg: str | None,
    verification_method: str | None,
    created: str | None,
    contexts: str | None,
    out: str,
) -> None:
    """Sign CREDENTIAL.json: append a proof (JSON out) or make a VC-JWT (--suite jwt)."""
    key = load_key(key_file, passphrase_env)
    result = badgekit.sign(
        _read_credential(credential),
        key,
        suite=suite,
        alg=alg,
        verification_method=verification_method,
        created=created,
        loader=badgekit.StaticLoader(contexts) if contexts else None,
    )
    if isinstance(result, str):
        text, vm = result, badgekit.proofs.decode_unverified(result).header.get("kid")
    else:
        text = json.dumps(result, indent=2, ensure_ascii=False)
        vm = result["proof"][-1]["verificationMethod"]
    _io.write_atomic(out, (text + "\n").encode("utf-8"))
    click.echo(f"signed with {suite} by {vm}: wrote {out}", err=True)


@click.command("verify-proof")
@click.argument("file", type=EXISTING_FILE)
@click.option("--online", is_flag=True, help="Allow fetching did:web / HTTPS key documents.")
@click.option("--contexts", type=click.Path(file_okay=False, exists=True), help=_CONTEXTS_HELP)
@click.option(
    "--suite", "suites", multiple=True, help="Accept only this suite (repeatable; default: all)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def verify_proof(
    file: str, online: bool, contexts: str | None, suites: tuple[str, ...], as_json: bool
) -> None:
    """Check the proof of a credential FILE (JSON with a proof, or a compact JWS).

    Exit code 0 if a proof verifies, 1 if not.
    """
    result = badgekit.verify_proof(
        read_text(file, _MAX_CREDENTIAL),
        resolver=badgekit.Resolver(online=online),
        now=datetime.now(UTC),
        allowed_suites=suites or None,
        loader=badgekit.StaticLoader(contexts) if contexts else None,
    )
    if as_json:
        echo_json(result.to_dict())
    elif result.verified:
        click.echo(f"verified: {result.suite} proof by {result.verification_method}")
    else:
        click.echo(f"NOT verified ({result.reason_code}): {result.message}")
    if not result.verified:
        click.get_current_context().exit(1)


COMMANDS = (sign, verify_proof)
