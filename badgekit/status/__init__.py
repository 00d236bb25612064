"""Credential status: check revocation and suspension, and publish status lists.

Reading: ``1EdTechRevocationList``, ``BitstringStatusListEntry`` and ``StatusList2021Entry``
(ob3-spec.md §2.1, §4 step 4), from a local status file or, only when asked, the network.
Writing: ``BitstringStatusListEntry`` entries, the ``BitstringStatusListCredential`` to publish,
and revoking by re-signing it.  Fetching, proof checking and signing are injected, so this
layer sits below ``verify`` and imports neither ``proofs`` nor ``keys``.  The names apps need
are re-exported by :mod:`badgekit`; the rest is for the verify pipeline and the CLI.
"""

from __future__ import annotations

from .allocate import IndexAllocator, index_of_credential, indexes_from_manifest
from .bitstring import MAX_BITSTRING_BYTES, MIN_ENTRIES, StatusList
from .check import StatusChecker, check_entries, check_status
from .publish import (
    Signer,
    build_list_credential,
    ensure_list_credential,
    load_list_credential,
    read_list_credential,
    revoke,
    revoke_in_file,
    status_entry,
    update_list_credential,
)
from .result import JsonFetcher, ProofOutcome, ProofVerifier, StatusResult
from .sources import (
    OFFLINE_MESSAGE,
    FileSource,
    StatusSource,
    load_status_file,
    make_source,
)

__all__ = [
    "MAX_BITSTRING_BYTES",
    "MIN_ENTRIES",
    "OFFLINE_MESSAGE",
    "FileSource",
    "IndexAllocator",
    "JsonFetcher",
    "ProofOutcome",
    "ProofVerifier",
    "Signer",
    "StatusChecker",
    "StatusList",
    "StatusResult",
    "StatusSource",
    "build_list_credential",
    "check_entries",
    "check_status",
    "ensure_list_credential",
    "index_of_credential",
    "indexes_from_manifest",
    "load_list_credential",
    "load_status_file",
    "make_source",
    "read_list_credential",
    "revoke",
    "revoke_in_file",
    "status_entry",
    "update_list_credential",
]
