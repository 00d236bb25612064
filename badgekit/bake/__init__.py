"""Baking: put an Open Badges (or CLR 2.0) payload into a PNG or SVG image and get it back.

Bytes in, bytes out.  This layer moves an opaque string and knows nothing of credentials or
cryptography (ob3-spec.md §1): the caller says which standard's carrier to write.  The
format is sniffed from the bytes.  Formats are a small explicit registry, as segno's
``_VALID_SERIALIZERS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from . import png, svg
from ._types import (
    MAX_PAYLOAD_BYTES,
    Carrier,
    ImageInfo,
    PayloadKind,
    Standard,
    Unbaked,
    payload_kind,
)
from .sniff import sniff

if TYPE_CHECKING:
    from types import ModuleType

__all__ = [
    "FORMATS",
    "MAX_PAYLOAD_BYTES",
    "Carrier",
    "ImageInfo",
    "PayloadKind",
    "Standard",
    "Unbaked",
    "bake",
    "inspect",
    "payload_kind",
    "sniff",
    "unbake",
]

#: Format name -> carrier module with ``bake``, ``unbake`` and ``inspect``.
FORMATS: dict[Literal["png", "svg"], ModuleType] = {"png": png, "svg": svg}


def _module(image: bytes) -> ModuleType:
    return FORMATS[sniff(image)]


def bake(image: bytes, payload: str, *, replace: bool = False, standard: Standard = "ob") -> bytes:
    """Bake ``payload`` (credential JSON or a compact JWS) into a PNG or SVG image.

    PNG: one uncompressed ``iTXt`` chunk ``openbadgecredential`` right after IHDR; every other
    chunk is kept byte for byte.  SVG: ``<openbadges:credential>`` as the first child of the
    root, JSON in CDATA, a JWS in its ``verify`` attribute; the rest of the document is kept.
    A CLR 2.0 ``ClrCredential`` is baked the same way as ``iTXt clrcredential`` or
    ``<clr:credential>`` (namespace ``https://purl.imsglobal.org/clr/v2p0``).

    >>> baked = bake(png_bytes, credential_json)          # doctest: +SKIP
    >>> baked = bake(png_bytes, clr_json, standard="clr")  # doctest: +SKIP

    :param image: PNG or SVG bytes (sniffed, not guessed from a file name).
    :param payload: the text to carry.
    :param replace: overwrite existing badge data (of any standard) instead of refusing.
    :param standard: ``"ob"`` (Open Badges 3.0) or ``"clr"`` (CLR 2.0); this layer does not
        look inside the payload (:func:`badgekit.bake` chooses from the credential's type).
    :returns: the baked image bytes.
    :raises AlreadyBakedError: the image already carries badge data and ``replace`` is false.
    :raises UnsupportedFormatError: not a PNG or SVG.
    :raises CorruptImageError: the image is damaged.
    :raises UnsafeSvgError: the SVG has a DOCTYPE or entities.
    :raises PayloadTooLargeError: the payload is over :data:`MAX_PAYLOAD_BYTES`.
    :raises BakeError: the payload is empty, or has characters the format cannot hold.
    :raises ValueError: ``standard`` is neither ``"ob"`` nor ``"clr"``.
    """
    result: bytes = _module(image).bake(bytes(image), payload, replace=replace, standard=standard)
    return result


def unbake(image: bytes) -> Unbaked:
    """Extract the badge payload from a baked PNG or SVG.

    The first OB 3.0 carrier wins, then a CLR 2.0 one (``clrcredential``, ``<clr:credential>``);
    legacy OB 2.0 carriers (``openbadges`` iTXt/tEXt, SVG ``<openbadges:assertion>``) are read
    when there is neither.  An OB 2.0 SVG assertion with a hosted URL in ``verify`` and its
    JSON in the body gives the JSON, the URL in :attr:`Unbaked.hosted_url`.

    >>> unbake(baked).payload                             # doctest: +SKIP

    A second carrier of the same standard, or one of a lower preference, is not read but
    reported in :attr:`Unbaked.warnings`.

    :returns: the payload, exactly as baked, with its format, carrier, OB version and kind.
    :raises NotBakedError: the image carries no badge data (the message says why that may be).
    :raises CorruptImageError: the image is damaged.
    :raises UnsafeSvgError: the SVG has a DOCTYPE or entities.
    :raises PayloadTooLargeError: the payload, or compressed text inflated, is over the limit.
    :raises UnsupportedFormatError: not a PNG or SVG.
    """
    result: Unbaked = _module(image).unbake(bytes(image))
    return result


def inspect(image: bytes) -> ImageInfo:
    """Describe an image file: format, size, dimensions and every badge carrier in it.

    :returns: an :class:`ImageInfo`; its ``hint`` says why an image may carry nothing.
    :raises BakeError: as :func:`unbake`, except that an unbaked image is not an error.
    """
    result: ImageInfo = _module(image).inspect(bytes(image))
    return result
