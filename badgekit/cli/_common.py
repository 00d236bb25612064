"""Helpers shared by the command modules (not public API)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import unicodedata
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click

import badgekit
from badgekit import _io
from badgekit.errors import CredentialError, KeyMaterialError, PassphraseError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "EXISTING_FILE",
    "PASSPHRASE_HELP",
    "clean",
    "echo_json",
    "load_key",
    "parse_now",
    "passphrase_from_env",
    "read_text",
    "stoppable",
]

#: Parameter type of an input file that must exist (click makes a missing one usage error 2).
EXISTING_FILE = click.Path(exists=True, dir_okay=False, readable=True)


def echo_json(value: Any) -> None:
    """Print ``value`` as indented JSON on standard output."""
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


PASSPHRASE_HELP = (
    "Name of an environment variable holding the key's passphrase (never the passphrase)."
)


def passphrase_from_env(var: str | None) -> str | None:
    """The passphrase held in environment variable ``var`` (``None`` when no variable is named).

    :raises PassphraseError: the variable is not set or empty.
    """
    if var is None:
        return None
    value = os.environ.get(var)
    if not value:
        msg = f"environment variable {var} (from --passphrase-env) is not set or empty"
        raise PassphraseError(msg)
    return value


def load_key(
    path: str, passphrase_env: str | None, option: str = "--passphrase-env"
) -> badgekit.KeyPair:
    """Load a key file, naming the file (and how to pass a passphrase) in any error."""
    try:
        return badgekit.KeyPair.load(path, passphrase_from_env(passphrase_env))
    except PassphraseError as e:
        hint = "" if passphrase_env else f" (use {option} VAR, with the passphrase in $VAR)"
        msg = f"{path}: {e}{hint}"
        raise PassphraseError(msg) from None
    except KeyMaterialError as e:
        msg = f"{path}: {e}"
        raise KeyMaterialError(msg) from None


_BIDI = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def clean(text: str) -> str:
    """``text`` safe for a terminal: a badge is untrusted input, and a name holding a newline,
    an escape sequence or a bidi override could fake a verdict line or recolour the screen."""
    text = text.translate(_BIDI)
    return " ".join("".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text).split())


def parse_now(value: str | None) -> datetime | None:
    """Parse ``--now`` (ISO 8601; a value without a zone is UTC)."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        msg = f"--now {value!r} is not an ISO 8601 date-time"
        raise click.BadParameter(msg) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


class _Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, ``timeout``, a service manager) stops a long run as Ctrl-C does."""


@contextlib.contextmanager
def stoppable(kept: str) -> Iterator[None]:
    """Run a long, resumable job: Ctrl-C or SIGTERM stops it cleanly, says what is kept
    (``kept``: "the badges recorded in out/manifest.jsonl are kept; run the same command
    again to issue the rest") and exits 130 (interrupted) or 143 (terminated)."""

    def stop(signum: int, frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except KeyboardInterrupt as e:
        how, code = ("terminated", 143) if isinstance(e, _Terminated) else ("interrupted", 130)
        click.echo(f"{how}: {kept}", err=True)
        raise SystemExit(code) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def read_text(path: str, limit: int) -> str:
    """A UTF-8 text file of at most ``limit`` bytes, stripped (a BOM is dropped).

    :raises CredentialError: not UTF-8.
    :raises FileAccessError: cannot be read, or over the limit.
    """
    raw = _io.read_bytes(path, limit=limit)
    try:
        return raw.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        msg = f"{path}: not UTF-8 text"
        raise CredentialError(msg) from None
