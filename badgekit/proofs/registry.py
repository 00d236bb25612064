"""The proof-suite registry: an explicit dict of suite singletons (not public API).

As joserfc's ``JWSRegistry``: filled once here, looked up with an allow-list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import UnsupportedSuiteError
from .ecdsa_rdfc_2019 import ECDSA_RDFC_2019
from .ecdsa_sd_2023 import ECDSA_SD_2023, EcdsaSd2023Suite
from .ed25519_2020 import ED25519_2020
from .eddsa_rdfc_2022 import EDDSA_2022, EDDSA_RDFC_2022
from .vc_jwt import VC_JWT, VcJwtSuite

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._di import DataIntegritySuite

__all__ = [
    "DEFAULT_SUITE",
    "EMBEDDED",
    "SIGNING_SUITES",
    "SUITES",
    "embedded_suite_for",
    "embedded_suite_for_key",
    "get",
]

#: Every suite badgekit knows, by registry name.
SUITES: dict[str, DataIntegritySuite | EcdsaSd2023Suite | VcJwtSuite] = {
    EDDSA_RDFC_2022.name: EDDSA_RDFC_2022,
    EDDSA_2022.name: EDDSA_2022,
    ED25519_2020.name: ED25519_2020,
    ECDSA_RDFC_2019.name: ECDSA_RDFC_2019,
    ECDSA_SD_2023.name: ECDSA_SD_2023,
    VC_JWT.name: VC_JWT,
}
#: The embedded (Data Integrity style) suites, in the order a proof is matched against them.
EMBEDDED: tuple[DataIntegritySuite | EcdsaSd2023Suite, ...] = (
    EDDSA_RDFC_2022,
    EDDSA_2022,
    ED25519_2020,
    ECDSA_RDFC_2019,
    ECDSA_SD_2023,
)
#: Names accepted by ``sign(suite=...)``.
SIGNING_SUITES: tuple[str, ...] = tuple(n for n, s in SUITES.items() if s.can_sign)
DEFAULT_SUITE = EDDSA_RDFC_2022.name


def embedded_suite_for_key(kind: str) -> str:
    """The Data Integrity suite to sign with a ``kind`` key when none is named (status lists):
    ecdsa-rdfc-2019 for P-256/P-384, else the default, eddsa-rdfc-2022."""
    return ECDSA_RDFC_2019.name if ECDSA_RDFC_2019.hash_for(kind) else DEFAULT_SUITE


def get(
    name: str, *, allowed: Iterable[str] | None = None
) -> DataIntegritySuite | EcdsaSd2023Suite | VcJwtSuite:
    """The suite registered as ``name``, if ``allowed`` (default: every known suite) has it.

    :raises UnsupportedSuiteError: unknown or not allowed, listing the allowed names.
    """
    names = list(SUITES) if allowed is None else list(allowed)
    if name not in SUITES or name not in names:
        msg = f"proof suite {name!r} is not supported or not allowed (allowed: {', '.join(names)})"
        raise UnsupportedSuiteError(msg)
    return SUITES[name]


def embedded_suite_for(proof: Any) -> DataIntegritySuite | EcdsaSd2023Suite | None:
    """The embedded suite a proof object declares (by ``type``/``cryptosuite``), if known."""
    if not isinstance(proof, dict):
        return None
    for suite in EMBEDDED:
        if suite.matches(proof):
            return suite
    return None
