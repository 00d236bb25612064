"""badgekit: design, issue, bake and verify Open Badges 3.0 credentials.

This module is the whole public API (the facade).  Everything else is an implementation
detail whose module docstring says so.

>>> import badgekit
>>> baked = badgekit.bake(png_bytes, credential_json)     # doctest: +SKIP
>>> badgekit.unbake(baked).payload == credential_json     # doctest: +SKIP
True
"""

from __future__ import annotations

from . import errors
from .bake import MAX_PAYLOAD_BYTES, Carrier, ImageInfo, Unbaked, bake, inspect, sniff, unbake
from .errors import BadgekitError
from .jsonld import StaticLoader
from .jsonld import StaticLoader
from .proofs import ProofResult, sign, verify_proof
from .status import StatusList, StatusResult, check_status

__version__ = "0.1.0"

__all__ = [
    "MAX_PAYLOAD_BYTES",
    "BadgekitError",
    "Carrier",
    "ImageInfo",
    "ProofResult",
    "StaticLoader",
    "StatusList",
    "StatusResult",
    "Unbaked",
    "__version__",
    "bake",
    "check_status",
    "errors",
    "inspect",
    "sign",
    "sniff",
    "unbake",
    "verify_proof",
]
