"""1EdTech revocation lists (``1EdTechRevocationList``, 1EdTech VCRL 1.0; not public API).

ob3-spec.md §4 step 4, as [VAL] ``RevocationListProbe`` reads it: GET ``credentialStatus.id``
with ``Accept: application/json`` and read ``revokedCredential[]``; the credential is revoked
if an entry's ``id`` equals the credential ``id`` and ``revoked`` is true or absent.  A failed
fetch is a warning, not an error.  These lists are plain JSON, not signed credentials.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .result import StatusResult
from .sources import SourceMiss

if TYPE_CHECKING:
    from .entries import RevocationListEntry
    from .sources import StatusSource

__all__ = ["ACCEPT", "check_revocation_list"]

#: The Accept header [VAL] sends.
ACCEPT = "application/json"
_PURPOSE = "revocation"


def _unknown(code: str, message: str, source: str) -> StatusResult:
    return StatusResult("unknown", _PURPOSE, message, source, code, "warning")


def check_revocation_list(
    entry: RevocationListEntry, credential: dict[str, Any], source: StatusSource
) -> StatusResult:
    """Look the credential up in the 1EdTech revocation list ``entry`` points to."""
    cred_id = credential.get("id")
    if not isinstance(cred_id, str):
        msg = "the credential has no id, so the 1EdTech revocation list cannot be consulted"
        return _unknown("malformed", msg, "none")
    try:
        doc, label = source.lookup(entry.url, accept=ACCEPT)
    except SourceMiss as miss:
        where = "offline" if miss.code == "offline" else entry.url
        return _unknown(miss.code, miss.message, where)
    listed = doc.get("revokedCredential") if isinstance(doc, dict) else None
    if not isinstance(listed, list):
        msg = f"the revocation list {entry.url} has no revokedCredential array"
        return _unknown("malformed", msg, label)
    for item in listed:
        if not isinstance(item, dict) or item.get("id") != cred_id:
            continue
        if item.get("revoked", True) is True:
            reason = item.get("revocationReason")
            why = f": {reason}" if isinstance(reason, str) and reason else ""
            msg = f"revoked by the issuer's revocation list {entry.url}{why}"
            return StatusResult("revoked", _PURPOSE, msg, label, "revoked", "error")
    msg = f"not on the issuer's revocation list {entry.url}"
    return StatusResult("valid", _PURPOSE, msg, label, "ok", "ok")
