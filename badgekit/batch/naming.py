"""Names of a batch's outputs: safe, predictable and unique (not public API).

A badge file is ``<slug>-<digest>.<fmt>``: the slug comes from the recipient's name (or the
part of the address before ``@``), reduced to ``a-z0-9-``; the digest is a keyed hash of the
recipient's normalised identity, keyed with the batch id.  So the same row always gets the
same file (a resumed batch overwrites, never duplicates), two recipients never share one, and
the name does not let anyone test whether an email address is in the batch.  The credential id
is derived the same way (a UUID), so a re-issued row keeps its id.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
import uuid

__all__ = ["DIGEST_CHARS", "credential_id", "file_name", "row_digest", "slug"]

#: Hex characters of the digest in a file name (64 bits: no collision in any real batch).
DIGEST_CHARS = 16
_SLUG_MAX = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """``"Ada Lovelace-Byron"`` -> ``"ada-lovelace-byron"``; ASCII, at most 40 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:_SLUG_MAX].strip("-")
    return out or "badge"


def row_digest(batch_id: str, key: str) -> str:
    """The keyed digest (hex) of a recipient key within a batch."""
    mac = hmac.new(batch_id.encode("utf-8"), key.encode("utf-8"), hashlib.sha256)
    return mac.hexdigest()[:DIGEST_CHARS]


def file_name(batch_id: str, key: str, name: str | None, recipient: str, fmt: str) -> str:
    """The badge file name for one recipient (see the module docstring)."""
    base = name or recipient.removeprefix("mailto:").split("@")[0].rsplit(":", 1)[-1]
    return f"{slug(base)}-{row_digest(batch_id, key)}.{fmt}"


def credential_id(batch_id: str, key: str) -> str:
    """The credential id for one recipient in a batch: a stable ``urn:uuid``."""
    try:
        namespace = uuid.UUID(batch_id)
    except ValueError:
        namespace = uuid.uuid5(uuid.NAMESPACE_URL, batch_id)
    return f"urn:uuid:{uuid.uuid5(namespace, key)}"
