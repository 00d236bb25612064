"""Batch issuing: a roster in, a directory of signed, baked badges out; resumable and fast.

:func:`run_batch` drives a roster file end to end (manifest, resume, errors file, worker
processes, status list); :func:`issue_batch` is the iterator underneath, for apps and cluster
engines.  The facade (:mod:`badgekit`) re-exports the public names.
"""

from __future__ import annotations

from .api import issue_batch
from .artwork import ArtworkSource
from .check import BatchCheck, verify_batch
from .contacts import CONTACTS
from .manifest import ERRORS, MANIFEST, STATE, STATUS_LIST, STATUS_STATE, SUMMARY
from .results import BatchResult, BatchSummary
from .roster import FIELDS, Roster, count_rows, open_roster
from .runner import BatchProgress, run_batch

__all__ = [
    "CONTACTS",
    "ERRORS",
    "FIELDS",
    "MANIFEST",
    "STATE",
    "STATUS_LIST",
    "STATUS_STATE",
    "SUMMARY",
    "ArtworkSource",
    "BatchCheck",
    "BatchProgress",
    "BatchResult",
    "BatchSummary",
    "Roster",
    "count_rows",
    "issue_batch",
    "open_roster",
    "run_batch",
    "verify_batch",
]
