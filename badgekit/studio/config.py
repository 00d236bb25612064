"""How a studio runs: where, on which address, with which access token (not public API)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "DEFAULT_WORKSPACE", "StudioConfig", "is_loopback"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_WORKSPACE = Path("badgekit-studio")
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_ANY = frozenset({"0.0.0.0", "::", ""})


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (``127.0.0.0/8``, ``::1``, ``localhost``)."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The host part of a ``Host`` header: ``127.0.0.1:8765`` -> ``127.0.0.1``, ``[::1]:80``
    -> ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


@dataclass(frozen=True)
class StudioConfig:
    """The settings of one studio.

    :ivar workspace: the folder everything is written under.
    :ivar host: the address to bind (loopback by default).
    :ivar token: the access token every request must carry; required beyond loopback.
    """

    workspace: Path = DEFAULT_WORKSPACE
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None

    @property
    def loopback(self) -> bool:
        """Whether the studio listens on this machine only."""
        return is_loopback(self.host)

    @property
    def url(self) -> str:
        """The address to open in a browser (``localhost`` for a wildcard bind)."""
        host = "127.0.0.1" if self.host in _ANY else self.host
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.port}/"

    def host_allowed(self, header: str) -> bool:
        """Whether a request's ``Host`` names this studio: loopback names or the bound host.

        This refuses DNS rebinding (a web page on ``evil.example`` whose name was made to
        point at 127.0.0.1 sends ``Host: evil.example``).  Bound to every interface
        (``0.0.0.0``), any name is accepted: the access token guards that case.
        """
        if self.host in _ANY:
            return True
        name = host_name(header)
        return name in _LOOPBACK_NAMES or name == self.host.strip("[]").lower()
