"""``DataIntegrityProof`` with cryptosuite ``eddsa-rdfc-2022`` (not public API).

The only Linked Data proof OB 3.0 certification accepts (ob3-spec.md §3.2).  ``eddsa-2022``,
the earlier name of the same construction, is accepted for verification only.
"""

from __future__ import annotations

from ._di import DataIntegritySuite

__all__ = ["EDDSA_2022", "EDDSA_RDFC_2022"]

#: Sign and verify (the default suite).
EDDSA_RDFC_2022 = DataIntegritySuite(
    name="eddsa-rdfc-2022", proof_type="DataIntegrityProof", cryptosuite="eddsa-rdfc-2022"
)

#: The earlier name ([VAL] still accepts it): verify only.
EDDSA_2022 = DataIntegritySuite(
    name="eddsa-2022", proof_type="DataIntegrityProof", cryptosuite="eddsa-2022", can_sign=False
)
