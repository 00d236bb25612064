"""Value types shared by the PNG and SVG carriers (not public API; re-exported by ``badgekit``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ..errors import BakeError, PayloadTooLargeError

__all__ = [
    "MAX_PAYLOAD_BYTES",
    "NOT_BAKED_HINTS",
    "Carrier",
    "ImageInfo",
    "PayloadKind",
    "Standard",
    "Unbaked",
    "check_payload",
    "check_standard",
    "payload_kind",
]

#: Largest payload badgekit bakes or unbakes, in UTF-8 bytes.  A credential with its badge
#: artwork inlined as a data URI is a few hundred kB; 8 MiB leaves room and bounds memory.
MAX_PAYLOAD_BYTES = 8 * 1024 * 1024

#: Why an image may carry nothing, told with every "not baked" answer.
NOT_BAKED_HINTS = {
    "png": (
        "screenshots, format conversions, image editors, chat apps and iOS Photos strip "
        "baked data; ask the issuer for the original file"
    ),
    "svg": (
        "conversions to other formats, editors and optimisers such as Inkscape or SVGO "
        "strip baked data; ask the issuer for the original file"
    ),
}

PayloadKind = Literal["json", "jws", "url", "text"]

#: The standard a carrier belongs to: ``"ob"`` (Open Badges 3.0, and the OB 2.0 carriers read
#: for legacy badges) or ``"clr"`` (1EdTech CLR 2.0, baked the OB 3.0 way under its own PNG
#: keyword and SVG namespace, ob3-spec.md §1.1-1.2).
Standard = Literal["ob", "clr"]

# RFC 7515 §7.1 compact serialization: three base64url segments (payload may be empty).
_JWS_RE = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+")


def payload_kind(payload: str) -> PayloadKind:
    """Classify a payload: credential JSON, compact JWS, hosted-assertion URL, or other text."""
    text = payload.strip()
    if text.startswith("{"):
        return "json"
    if _JWS_RE.fullmatch(text):
        return "jws"
    if text.startswith(("https://", "http://")):
        return "url"
    return "text"


def check_payload(payload: str) -> bytes:
    """Validate a payload to bake and return its UTF-8 bytes.

    :raises TypeError: ``payload`` is not a ``str``.
    :raises BakeError: the payload is empty (or only whitespace), or not encodable.
    :raises PayloadTooLargeError: over :data:`MAX_PAYLOAD_BYTES`.
    """
    if not isinstance(payload, str):
        msg = f"payload must be str, not {type(payload).__name__}"
        raise TypeError(msg)
    if not payload.strip():
        msg = "payload is empty; nothing to bake"
        raise BakeError(msg)
    try:
        raw = payload.encode("utf-8")
    except UnicodeEncodeError:
        msg = "payload contains unpaired surrogates and cannot be encoded as UTF-8"
        raise BakeError(msg) from None
    if len(raw) > MAX_PAYLOAD_BYTES:
        msg = f"payload is {len(raw):,} bytes, over the {MAX_PAYLOAD_BYTES:,}-byte limit"
        raise PayloadTooLargeError(msg)
    return raw


def check_standard(standard: str) -> Standard:
    """Validate the ``standard`` argument of ``bake``.

    :raises ValueError: neither ``"ob"`` nor ``"clr"``.
    """
    if standard == "ob":
        return "ob"
    if standard == "clr":
        return "clr"
    msg = f"standard must be 'ob' (Open Badges 3.0) or 'clr' (CLR 2.0), not {standard!r}"
    raise ValueError(msg)


@dataclass(frozen=True)
class Carrier:
    """One place in an image that carries (or may carry) badge data.

    :ivar version: version of the carrier's standard: Open Badges ``"3.0"`` or ``"2.0"`` (the
        OB 2.0 baking spec, which also carries 1.x hosted URLs), or CLR ``"2.0"``; read it
        with :attr:`standard` (or use :attr:`label`).
    :ivar location: where it sits, e.g. ``"iTXt openbadgecredential"`` or
        ``"<openbadges:credential> CDATA"``.
    :ivar kind: what the payload looks like (:data:`PayloadKind`).
    :ivar size: payload length in UTF-8 bytes.
    :ivar standard: ``"ob"`` (Open Badges) or ``"clr"`` (CLR 2.0).
    :ivar hosted_url: the hosted assertion URL an SVG element's ``verify`` attribute names when
        its body holds the assertion JSON (OB 2.0 hosted badges); else ``None``.
    """

    version: Literal["3.0", "2.0"]
    location: str
    kind: PayloadKind
    size: int
    standard: Standard = "ob"
    hosted_url: str | None = None

    @property
    def label(self) -> str:
        """``"Open Badges 3.0"``, ``"Open Badges 2.0"`` or ``"CLR 2.0"``."""
        return f"{'CLR' if self.standard == 'clr' else 'Open Badges'} {self.version}"


@dataclass(frozen=True)
class Unbaked:
    """The payload found in a baked image, and where it was found.

    :ivar payload: the credential JSON text, compact JWS, or hosted URL.
    :ivar format: ``"png"`` or ``"svg"``.
    :ivar carrier: the carrier it was read from.
    :ivar warnings: oddities worth telling (e.g. a second credential that was ignored).
    """

    payload: str
    format: Literal["png", "svg"]
    carrier: Carrier
    warnings: tuple[str, ...] = ()

    @property
    def version(self) -> str:
        """Version of the carrier's standard (``"3.0"`` or ``"2.0"``; see :attr:`standard`)."""
        return self.carrier.version

    @property
    def standard(self) -> Standard:
        """``"ob"`` (Open Badges) or ``"clr"`` (CLR 2.0)."""
        return self.carrier.standard

    @property
    def label(self) -> str:
        """``"Open Badges 3.0"``, ``"Open Badges 2.0"`` or ``"CLR 2.0"``."""
        return self.carrier.label

    @property
    def hosted_url(self) -> str | None:
        """The hosted assertion URL kept next to baked assertion JSON, if any."""
        return self.carrier.hosted_url

    @property
    def kind(self) -> PayloadKind:
        """What the payload is: ``json``, ``jws``, ``url`` or ``text``."""
        return self.carrier.kind


@dataclass(frozen=True)
class ImageInfo:
    """What an image file is and what it carries (``badgekit inspect``)."""

    format: Literal["png", "svg"]
    size: int
    width: float | None
    height: float | None
    carriers: tuple[Carrier, ...] = ()
    warnings: tuple[str, ...] = ()
    details: dict[str, str] = field(default_factory=dict)

    @property
    def hint(self) -> str | None:
        """Why an image that carries nothing may have lost its badge data (else ``None``)."""
        return None if self.carriers else NOT_BAKED_HINTS[self.format]
