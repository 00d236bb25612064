"""The studio's size limits, named in one place (not public API).

Every upload and request body is bounded: a body over :data:`MAX_REQUEST_BYTES` is refused
with 413 from its ``Content-Length`` before any byte is read (or as soon as a streamed body
passes it), and each file in a multipart upload is bounded by its kind's limit.
"""

from __future__ import annotations

from ..design.icons import MAX_ICON_BYTES
from ..portfolio.scan import MAX_BADGE_FILE_BYTES

__all__ = [
    "MAX_BADGE_FILE_BYTES",
    "MAX_FILES_PER_REQUEST",
    "MAX_ICON_BYTES",
    "MAX_JSON_BYTES",
    "MAX_KEY_BYTES",
    "MAX_PNG_SIZE",
    "MAX_REQUEST_BYTES",
    "MAX_ROSTER_BYTES",
    "MAX_ROWS_SHOWN",
    "MIN_PNG_SIZE",
]

#: Largest request body of any kind (a few badge files, or one roster).
MAX_REQUEST_BYTES = 24 * 1024 * 1024
#: Largest JSON request body (a design spec, an achievement, an issue request).
MAX_JSON_BYTES = 1024 * 1024
#: Files in one multipart request (verify, portfolio upload).
MAX_FILES_PER_REQUEST = 50
#: Largest roster file (CSV or JSON lines); a class or a school year, not a census.
MAX_ROSTER_BYTES = 8 * 1024 * 1024
#: Largest imported key file (a PEM, a JWK or a multibase secret).
MAX_KEY_BYTES = 64 * 1024
#: Rows of a roster shown with their problems before a batch runs.
MAX_ROWS_SHOWN = 500
#: PNG sizes (longer side, pixels) the design endpoint renders.
MIN_PNG_SIZE = 16
MAX_PNG_SIZE = 4096
