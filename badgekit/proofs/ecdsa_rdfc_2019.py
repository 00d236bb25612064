"""``DataIntegrityProof`` with cryptosuite ``ecdsa-rdfc-2019`` (not public API).

W3C vc-di-ecdsa §3.2 "ecdsa-rdfc-2019": the eddsa-rdfc-2022 construction (RDFC-1.0 of the
proof configuration and of the document, hashes joined config first) with ECDSA keys:
P-256 hashes with SHA-256 and P-384 with SHA-384, RDFC-1.0's own hash included (§3.2.4, §3
"canon-and-hash"); the signature is ECDSA over the hash data with the curve's hash, IEEE P1363
``r‖s`` (64 or 96 bytes, §3.2.6), deterministic (RFC 6979, which §3 recommends), and
``proofValue`` = ``"z"`` + base58btc.  Not accepted by OB 3.0 certification (ob3-spec.md §3.2
lists only eddsa-rdfc-2022), so badgekit signs with it only when asked.
"""

from __future__ import annotations

from ._di import DataIntegritySuite

__all__ = ["ECDSA_RDFC_2019"]

ECDSA_RDFC_2019 = DataIntegritySuite(
    name="ecdsa-rdfc-2019",
    proof_type="DataIntegrityProof",
    cryptosuite="ecdsa-rdfc-2019",
    key_hashes=(("p256", "sha256"), ("p384", "sha384")),
)
