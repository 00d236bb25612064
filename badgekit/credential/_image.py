"""Badge artwork as ``Image`` objects: data URIs and URLs (not public API)."""

from __future__ import annotations

import base64
import re
from typing import TYPE_CHECKING, Any

from .. import _io
from ..errors import CredentialError
from ._fields import is_http_url
from .constants import TYPE_IMAGE

if TYPE_CHECKING:
    from .achievement import ImageRef

__all__ = ["MAX_IMAGE_BYTES", "data_uri", "image_object"]

#: Largest artwork embedded as a data URI (badge images are small; a credential stays small).
MAX_IMAGE_BYTES = 2 * 1024 * 1024
_SVG_START = re.compile(rb"^\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)*<svg[\s>]", re.DOTALL)


def data_uri(image: bytes, *, what: str = "image") -> str:
    """Encode PNG or SVG bytes as a ``data:`` URI (the type is sniffed from the bytes).

    :raises CredentialError: neither PNG nor SVG, or larger than :data:`MAX_IMAGE_BYTES`.
    """
    if len(image) > MAX_IMAGE_BYTES:
        msg = f"{what}: {len(image):,} bytes is over the {MAX_IMAGE_BYTES:,}-byte limit for artwork"
        raise CredentialError(msg)
    if image.startswith(b"\x89PNG\r\n\x1a\n"):
        mime = "image/png"
    elif _SVG_START.match(image.removeprefix(b"\xef\xbb\xbf")[:4096]):
        mime = "image/svg+xml"
    else:
        msg = f"{what}: not a PNG or SVG image"
        raise CredentialError(msg)
    return f"data:{mime};base64,{base64.b64encode(image).decode('ascii')}"


def image_object(
    source: bytes | str | ImageRef | None, caption: str | None, *, what: str = "image"
) -> dict[str, Any] | None:
    """An OB 3.0 ``Image`` (``{"id", "type": "Image", "caption"?}``, ob3-spec.md §2.1).

    :param source: artwork bytes, a URL or data URI, an :class:`ImageRef` (a local path is
        read and embedded), or ``None``.
    :returns: the Image, or ``None`` when there is no artwork.
    """
    if source is None:
        return None
    if isinstance(source, bytes | bytearray):
        uri = data_uri(bytes(source), what=what)
    elif isinstance(source, str):
        if not (is_http_url(source) or source.startswith("data:image/")):
            msg = f"{what}: {source!r} is not a web address or a data:image/ URI"
            raise CredentialError(msg)
        uri = source
    elif source.url:
        uri = source.url
    elif source.path:
        uri = data_uri(_io.read_bytes(source.path, limit=MAX_IMAGE_BYTES), what=str(source.path))
    else:
        return None
    image: dict[str, Any] = {"id": uri, "type": TYPE_IMAGE}
    if caption:
        image["caption"] = caption
    return image
