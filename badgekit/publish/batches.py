"""The status lists of batches, checked before they go on the site (not public API).

A batch issued with ``--base-url`` (or ``--status-list`` under the site's address) leaves its
signed list credential in ``status-list.json``; ``badgekit revoke`` updates that file.  Here it
is read back and refused unless it belongs on this site: the batch was made for this base URL,
the list's URL lies under it, its issuer is the site's issuer, and its proof verifies offline
with the site's key ([BSL] §"Validate Algorithm": a verifier rejects any other list anyway,
so a wrong one would make every badge of the batch unknown or invalid).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._io import read_bytes
from ..batch.manifest import STATUS_LIST, recorded_base_url
from ..errors import BadgekitError, PublishError
from ..proofs.api import default_verification_method, verify_proof
from ..status.publish import load_list_credential, read_list_credential

if TYPE_CHECKING:
    import os
    from collections.abc import Sequence

    from ..credential.links import SiteLayout
    from ..keys.keypair import KeyPair

__all__ = ["status_lists"]

#: A path segment a status list may have on the site (no ``..``, no hidden files).
_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*$")


def _site_path(url: Any, layout: SiteLayout, where: Path) -> str:
    prefix = layout.base + "/"
    if not isinstance(url, str) or not url.startswith(prefix):
        msg = (
            f"{where}: the status list is published at {url!r}, not on this site "
            f"({prefix}...); publish it there yourself, or issue the batch with --base-url"
        )
        raise PublishError(msg)
    relative = url[len(prefix) :]
    if not all(_SEGMENT.match(part) for part in relative.split("/")):
        msg = f"{where}: the status list URL {url} is not a plain path in the site"
        raise PublishError(msg)
    return relative


def _check(doc: dict[str, Any], where: Path, issuer: str, key: KeyPair) -> None:
    try:
        read_list_credential(doc)
    except BadgekitError as e:
        msg = f"{where}: {e}"
        raise PublishError(msg) from None
    named = doc.get("issuer")
    named = named.get("id") if isinstance(named, dict) else named
    if named != issuer:
        msg = f"{where}: the status list is issued by {named!r}, not by this site's {issuer}"
        raise PublishError(msg)
    result = verify_proof(doc)
    if not result.verified or result.verification_method != default_verification_method(
        issuer, key
    ):
        msg = f"{where}: the status list's proof does not verify with this key ({result.message})"
        raise PublishError(msg)


def status_lists(
    batches: Sequence[str | os.PathLike[str]], layout: SiteLayout, issuer: str, key: KeyPair
) -> dict[str, bytes]:
    """``path in the site -> file`` for the status list of each batch folder.

    :raises PublishError: a batch of another site, without a status list, whose list is not
        under the base URL, is issued by someone else or does not verify; or two batches whose
        different lists would share one address.
    """
    out: dict[str, bytes] = {}
    for batch in batches:
        folder = Path(batch)
        recorded = recorded_base_url(folder)
        if recorded is not None and recorded != layout.base:
            msg = f"{folder}: the batch was issued for {recorded}, not {layout.base}"
            raise PublishError(msg)
        file = folder / STATUS_LIST
        if not file.is_file():
            msg = (
                f"{folder}: no {STATUS_LIST} (a batch has a status list when issued with "
                "--base-url or --status-list)"
            )
            raise PublishError(msg)
        try:
            doc = load_list_credential(file)
        except BadgekitError as e:
            raise PublishError(str(e)) from None
        path = _site_path(doc.get("id"), layout, file)
        _check(doc, file, issuer, key)
        data = read_bytes(file)
        if path in out and out[path] != data:
            msg = f"{file}: another batch's status list is also published at {layout.url(path)}"
            raise PublishError(msg)
        out[path] = data
    return out
