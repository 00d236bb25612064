"""``badgekit keys generate | show | did-web | import`` (not public API).

Passphrases come only from environment variables named with ``--passphrase-env`` (never a
command-line argument, which other users can see in the process list).  Private material is
never printed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

import badgekit

from .. import _io
from ..errors import FileAccessError, KeyMaterialError, PassphraseError
from ..keys.did import did_web_document, did_web_to_url
from ._common import EXISTING_FILE, PASSPHRASE_HELP, echo_json, load_key, passphrase_from_env

__all__ = ["COMMANDS"]

_MAX_SOURCE = 1024 * 1024


def _write_key(key: badgekit.KeyPair, out: str, passphrase_env: str | None, force: bool) -> None:
    if Path(out).exists() and not force:
        msg = f"{out} already exists; use --force to overwrite it"
        raise FileAccessError(msg)
    key.save(out, passphrase_from_env(passphrase_env))
    state = "encrypted with the passphrase" if passphrase_env else "NOT encrypted"
    click.echo(f"wrote {key.kind} private key to {out} (PKCS#8 PEM, mode 0600, {state})", err=True)


def _public_info(key: badgekit.KeyPair) -> dict[str, Any]:
    """The public identifiers of a key (RSA keys have no Multikey or did:key form)."""
    multikey = key.kind != "rsa"
    return {
        "type": key.kind,
        "private": key.has_private,
        "alg": key.jws_alg,
        "didKey": key.did_key if multikey else None,
        "verificationMethod": key.did_key_vm if multikey else None,
        "publicKeyMultibase": key.public_multibase if multikey else None,
        "didJwk": key.did_jwk,
        "publicKeyJwk": key.public_jwk,
        "fingerprint": key.fingerprint,
    }


def _echo_info(info: dict[str, Any]) -> None:
    labels = {
        "type": "type",
        "alg": "JWS alg",
        "didKey": "did:key",
        "verificationMethod": "verification method",
        "publicKeyMultibase": "publicKeyMultibase",
        "didJwk": "did:jwk",
        "publicKeyJwk": "public JWK",
        "fingerprint": "fingerprint (RFC 7638)",
    }
    for field, label in labels.items():
        value = info[field]
        if value is None:
            continue
        text = json.dumps(value, separators=(",", ":")) if isinstance(value, dict) else value
        click.echo(f"{label + ':':<24}{text}")


@click.group()
def keys() -> None:
    """Create, inspect and import signing keys; build did:web documents."""


@keys.command()
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False), help="Key file.")
@click.option(
    "--type",
    "kind",
    type=click.Choice(["ed25519", "rsa", "p256", "p384"]),
    default="ed25519",
    show_default=True,
    help="Key type (RSA is 3072 bits; use it for VC-JWT RS256; P-256/P-384 sign ecdsa-rdfc-2019).",
)
@click.option("--passphrase-env", metavar="VAR", help=PASSPHRASE_HELP)
@click.option("--force", is_flag=True, help="Overwrite an existing key file.")
def generate(out: str, kind: str, passphrase_env: str | None, force: bool) -> None:
    """Generate a key, write it as a PKCS#8 PEM file (mode 0600) and print its public ids."""
    if Path(out).exists() and not force:
        msg = f"{out} already exists; use --force to overwrite it"
        raise FileAccessError(msg)
    passphrase_from_env(passphrase_env)  # fail before the (slow, for RSA) generation
    key = badgekit.KeyPair.generate(kind)  # type: ignore[arg-type]
    _write_key(key, out, passphrase_env, force)
    _echo_info(_public_info(key))


@keys.command()
@click.argument("keyfile", type=EXISTING_FILE)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--passphrase-env", metavar="VAR", help=PASSPHRASE_HELP)
def show(keyfile: str, as_json: bool, passphrase_env: str | None) -> None:
    """Print the public side of KEYFILE: did:key, verification method, Multikey, JWK."""
    info = _public_info(load_key(keyfile, passphrase_env))
    if as_json:
        echo_json(info)
    else:
        _echo_info(info)


@keys.command("did-web")
@click.argument("keyfile", type=EXISTING_FILE)
@click.option(
    "--domain",
    required=True,
    metavar="DOMAIN[:PORT][/PATH]",
    help="Where the DID lives, e.g. example.org or example.org/issuers/1.",
)
@click.option(
    "--out", "-o", type=click.Path(dir_okay=False), help="Write did.json here (default: print)."
)
@click.option("--passphrase-env", metavar="VAR", help=PASSPHRASE_HELP)
def did_web(keyfile: str, domain: str, out: str | None, passphrase_env: str | None) -> None:
    """Build the did:web DID document (did.json) for KEYFILE and say where to publish it."""
    key = load_key(keyfile, passphrase_env)
    did, document = did_web_document(key, domain)
    text = json.dumps(document, indent=2) + "\n"
    if out:
        _io.write_atomic(out, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    url = did_web_to_url(did)
    where = f"wrote {out}; serve it" if out else "serve this document"
    click.echo(
        f"{where} at {url} (Content-Type application/did+json or application/json)", err=True
    )
    click.echo(f"issuer id:           {did}", err=True)
    click.echo(f"verification method: {document['assertionMethod'][0]}", err=True)


@keys.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False), help="Key file.")
@click.option("--passphrase-env", metavar="VAR", help="Encrypt the written key: " + PASSPHRASE_HELP)
@click.option(
    "--source-passphrase-env",
    metavar="VAR",
    help="Decrypt an encrypted PEM SOURCE: VAR names"
    " an environment variable holding its passphrase.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing key file.")
def import_(
    source: str,
    out: str,
    passphrase_env: str | None,
    source_passphrase_env: str | None,
    force: bool,
) -> None:
    """Import a private key from SOURCE ('-' for stdin): PEM, JWK or secretKeyMultibase."""
    if source == "-":
        with click.open_file("-", "rb") as stdin:
            data: bytes = stdin.read(_MAX_SOURCE + 1)
        if len(data) > _MAX_SOURCE:
            msg = f"standard input is over the {_MAX_SOURCE:,}-byte limit for a key"
            raise KeyMaterialError(msg)
        try:
            key = badgekit.KeyPair.parse(data, passphrase_from_env(source_passphrase_env))
        except PassphraseError as e:
            msg = f"standard input: {e}"
            raise PassphraseError(msg) from None
        except KeyMaterialError as e:
            msg = f"standard input: {e}"
            raise KeyMaterialError(msg) from None
    else:
        key = load_key(source, source_passphrase_env, "--source-passphrase-env")
    if not key.has_private:
        msg = f"{source} holds only a public key; import needs a private key"
        raise KeyMaterialError(msg)
    _write_key(key, out, passphrase_env, force)
    _echo_info(_public_info(key))


COMMANDS = (keys,)
