"""The studio's workspace: the one folder everything it writes goes under (not public API).

Layout (created on first use)::

    designs/NAME.toml          saved designs (DesignSpec files)
    achievements/NAME.toml     saved achievements (badge classes)
    keys/NAME.pem              issuer keys, mode 0600, in a 0700 folder; never served
    uploads/icons/             icons and logos, after the design layer's safety pass
    issued/                    badges issued one at a time
    rosters/                   uploaded rosters
    batches/ID/                one folder per batch run (badges, manifest, errors, zip)
    portfolio/NAME/            folders of badges to scan
    walls/NAME/                the badge wall and CSV written from a portfolio folder
    outbox/ID/                 a batch's emails written as .eml files (a dry run of sending)
    site/, site.zip            the issuer's published site (``badgekit publish``)
    studio.json                settings (the chosen key's file name)

Every path that comes from the browser goes through :meth:`Workspace.path`, which resolves it
(symbolic links included) and refuses anything that lands outside the workspace.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import _io
from ..errors import BadgekitError, WorkspaceError
from ..keys import KeyPair, Resolver
from ..proofs.registry import embedded_suite_for_key
from ..verify import Verifier

__all__ = ["FOLDERS", "KEY_KINDS", "KeyInfo", "Workspace", "slug"]

FOLDERS = (
    "designs",
    "achievements",
    "keys",
    "uploads/icons",
    "issued",
    "rosters",
    "batches",
    "portfolio",
    "walls",
    "outbox",
)
#: Key types the studio creates: the ones that sign embedded Data Integrity proofs.
KEY_KINDS = {"ed25519": "Ed25519 (recommended)", "p256": "P-256", "p384": "P-384"}
#: Folders whose files are never sent to the browser.
PRIVATE = ("keys", "studio.json")
_SETTINGS = "studio.json"
_SLUG = re.compile(r"[^a-z0-9]+")
MAX_NAME = 60


def slug(text: str, default: str = "untitled") -> str:
    """A safe file stem from a name: ``"Python Basics!"`` -> ``python-basics``."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _SLUG.sub("-", flat).strip("-")[:MAX_NAME].strip("-") or default


@dataclass(frozen=True)
class KeyInfo:
    """The public facts of a workspace key (the private key never leaves the workspace)."""

    name: str
    kind: str
    label: str
    did_key: str
    fingerprint: str
    suite: str
    current: bool

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "name": self.name,
            "kind": self.kind,
            "label": self.label,
            "did_key": self.did_key,
            "fingerprint": self.fingerprint,
            "suite": self.suite,
            "current": self.current,
        }


class Workspace:
    """One workspace folder.  :meth:`ensure` creates it and its layout."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).expanduser().resolve()

    def ensure(self) -> Workspace:
        """Create the folder layout (keys/ with mode 0700).

        :raises FileAccessError: the folder cannot be created.
        """
        try:
            for name in FOLDERS:
                (self.root / name).mkdir(parents=True, exist_ok=True)
            os.chmod(self.root / "keys", 0o700)
        except OSError as e:
            msg = f"{self.root}: cannot create the workspace ({e.strerror or e})"
            raise WorkspaceError(msg) from None
        return self

    # --- paths --- #

    def path(self, rel: str, *, under: str = "", public: bool = True) -> Path:
        """Resolve ``rel`` (a path from the browser) inside the workspace, or inside ``under``.

        :param public: refuse private files (keys, settings), for anything sent to the browser.
        :raises WorkspaceError: empty, absolute, or resolving outside (``..``, a symbolic link).
        """
        if not isinstance(rel, str) or not rel.strip() or "\x00" in rel:
            msg = "a file name is required"
            raise WorkspaceError(msg)
        if rel.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", rel):
            msg = f"{rel!r}: give a path inside the workspace, not an absolute one"
            raise WorkspaceError(msg)
        base = (self.root / under).resolve() if under else self.root
        target = (base / rel).resolve()
        if not target.is_relative_to(base):
            msg = f"{rel!r} is outside the {under or 'workspace'} folder"
            raise WorkspaceError(msg)
        inside = target.relative_to(self.root).parts
        if public and inside and inside[0] in PRIVATE:
            msg = f"{rel!r}: keys and settings are never sent to the browser"
            raise WorkspaceError(msg)
        return target

    def within(self, rel: str, folder: str) -> Path:
        """Resolve ``rel`` (relative to the workspace, as the studio hands paths out) and
        require it to be inside ``folder`` (``rosters/ab12.csv`` within ``rosters``).

        :raises WorkspaceError: anywhere else.
        """
        path = self.path(rel)
        if not path.is_relative_to(self.path(folder)):
            msg = f"{rel!r} is not in the workspace's {folder} folder"
            raise WorkspaceError(msg)
        return path

    def rel(self, path: Path) -> str:
        """``path`` relative to the workspace, with forward slashes."""
        return path.resolve().relative_to(self.root).as_posix()

    def named(self, folder: str, name: str, suffix: str) -> Path:
        """The file of a saved thing by its name (``designs``, ``"python-basics"``, ``.toml``)."""
        return self.path(slug(name) + suffix, under=folder)

    def listing(self, folder: str, suffix: str) -> list[str]:
        """Stems of the files in a workspace folder, sorted."""
        try:
            entries = sorted((self.root / folder).iterdir())
        except OSError:
            return []
        return [p.stem for p in entries if p.is_file() and p.suffix == suffix]

    # --- settings --- #

    def _settings(self) -> dict[str, Any]:
        try:
            value = json.loads(_io.read_bytes(self.root / _SETTINGS, limit=64 * 1024))
        except (BadgekitError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    def _save_settings(self, settings: dict[str, Any]) -> None:
        data = json.dumps(settings, indent=2).encode() + b"\n"
        _io.write_atomic(self.root / _SETTINGS, data, mode=0o600)

    @property
    def site_url(self) -> str | None:
        """The badge website address last used to issue or publish (remembered for the forms)."""
        value = self._settings().get("site_url")
        return value if isinstance(value, str) and value else None

    def remember_site(self, url: str | None) -> None:
        """Remember ``url`` (once issuing or publishing with it worked) as :attr:`site_url`."""
        if url and url != self.site_url:
            self._save_settings({**self._settings(), "site_url": url})

    # --- keys --- #

    def _key_file(self, name: str) -> Path:
        return self.path(slug(name) + ".pem", under="keys", public=False)

    def keys(self) -> list[KeyInfo]:
        """Every key in ``keys/`` (public facts only); unreadable files are left out."""
        current = self._settings().get("key")
        names = self.listing("keys", ".pem")
        if current not in names and names:
            current = names[0]
        out = []
        for name in names:
            try:
                key = KeyPair.load(self._key_file(name))
            except BadgekitError:
                continue
            out.append(_info(name, key, name == current))
        return out

    def public_keys(self) -> tuple[KeyPair, ...]:
        """The public halves of every key here: this teacher's own keys, which the studio's
        verifier trusts for the teacher's did:web/https badges before the site is online."""
        out = []
        for name in self.listing("keys", ".pem"):
            try:
                out.append(KeyPair.load(self._key_file(name)).public())
            except BadgekitError:
                continue
        return tuple(out)

    def verifier(self, *, online: bool = False, recipient: str | None = None) -> Verifier:
        """A :class:`~badgekit.Verifier` that also knows this workspace's own keys."""
        keys = Resolver(online=online, fragment_keys=not online, trusted=self.public_keys())
        return Verifier(online=online, recipient=recipient, resolver=keys)

    def current_key(self) -> tuple[str, KeyPair] | None:
        """The chosen issuer key (the first one when none was chosen), or ``None``."""
        chosen = next((k for k in self.keys() if k.current), None)
        if chosen is None:
            return None
        return chosen.name, KeyPair.load(self._key_file(chosen.name))

    def create_key(self, name: str, kind: str) -> KeyInfo:
        """Generate a key, save it (mode 0600) and choose it.

        :raises WorkspaceError: an unknown type, or a key of that name already exists.
        """
        if kind not in KEY_KINDS:
            msg = f"key type {kind!r} is not one of {', '.join(KEY_KINDS)}"
            raise WorkspaceError(msg)
        key = KeyPair.generate(kind)  # type: ignore[arg-type]  # checked just above
        return self._store(name, key)

    def import_key(self, name: str, data: bytes) -> KeyInfo:
        """Store a private key from a PEM, JWK or multibase file, and choose it.

        :raises KeyMaterialError: not a private key the studio can use.
        :raises WorkspaceError: a key of that name already exists.
        """
        key = KeyPair.parse(data)
        if not key.has_private:
            msg = "that file holds a public key; the studio needs the private key to sign"
            raise WorkspaceError(msg)
        if key.kind not in KEY_KINDS:
            msg = f"a {key.label} key signs only VC-JWT; use Ed25519, P-256 or P-384"
            raise WorkspaceError(msg)
        return self._store(name, key)

    def _store(self, name: str, key: KeyPair) -> KeyInfo:
        path = self._key_file(name)
        if path.exists():
            msg = f"a key named {path.stem!r} already exists; choose another name"
            raise WorkspaceError(msg)
        key.save(path)
        self.choose_key(path.stem)
        return _info(path.stem, key, True)

    def choose_key(self, name: str) -> None:
        """Make ``name`` the issuer key.

        :raises WorkspaceError: no such key.
        """
        if not self._key_file(name).is_file():
            msg = f"no key named {slug(name)!r} in the workspace"
            raise WorkspaceError(msg)
        self._save_settings({**self._settings(), "key": slug(name)})


def _info(name: str, key: KeyPair, current: bool) -> KeyInfo:
    return KeyInfo(
        name=name,
        kind=key.kind,
        label=key.label,
        did_key=key.did_key,
        fingerprint=key.fingerprint,
        suite=embedded_suite_for_key(key.kind),
        current=current,
    )
