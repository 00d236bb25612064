"""The proof-suite protocol and the structured verification result (not public API).

Verification follows digitalbazaar jsonld-signatures (conventions §2): a bad proof never
raises; it returns ``ProofResult(verified=False, reason_code=..., message=...)``.  Programming
errors (wrong argument types, an unknown suite name) still raise.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..jsonld.loader import StaticLoader
    from ..keys.keypair import KeyPair
    from ..keys.resolver import Resolver

__all__ = [
    "REASONS",
    "ProofResult",
    "ProofSuite",
    "format_datetime",
    "issuer_id",
    "parse_datetime",
]

#: Every ``reason_code`` a :class:`ProofResult` can carry.
REASONS = frozenset(
    {
        "ok",
        "no_proof",
        "malformed_proof",
        "unsupported_suite",
        "unknown_context",
        "unsafe_jsonld",
        "invalid_jsonld",
        "resolution_failed",
        "key_type_mismatch",
        "controller_mismatch",
        "bad_signature",
        "malformed_token",
        "unsupported_alg",
        "bad_header",
        "claims_mismatch",
        "expired",
        "not_yet_valid",
        "sd_base_proof",  # an ecdsa-sd-2023 base proof: the holder derives from it
    }
)


@dataclass(frozen=True)
class ProofResult:
    """The outcome of checking one proof (or one VC-JWT).

    :ivar verified: whether the proof is valid *and* its key is controlled by the issuer.
    :ivar suite: ``eddsa-rdfc-2022``, ``eddsa-2022``, ``ed25519-2020``, ``jwt`` or ``none``.
    :ivar verification_method: the verification method (or JWS ``kid``) used, if known.
    :ivar controller: the controller of the resolved key, if resolved.
    :ivar key_type: ``ed25519``, ``rsa`` or ``p256`` once a key was resolved.
    :ivar reason_code: ``ok`` or a code from :data:`REASONS` saying why not.
    :ivar message: a one-line human explanation.
    """

    verified: bool
    suite: str
    verification_method: str | None = None
    controller: str | None = None
    key_type: str | None = None
    reason_code: str = "ok"
    message: str = "proof verified"

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready dict."""
        return asdict(self)


class ProofSuite(Protocol):
    """An embedded (Data Integrity style) proof suite: signs and checks a JSON dict."""

    #: the registry name (``eddsa-rdfc-2022``...).
    name: str
    #: whether the suite may create new proofs (legacy names are verify-only).
    can_sign: bool

    def create_proof(
        self,
        document: dict[str, Any],
        key: KeyPair,
        *,
        verification_method: str,
        created: str | None,
        loader: StaticLoader,
    ) -> dict[str, Any]:
        """Return the proof object for ``document`` (which must not carry the new proof)."""
        ...

    def matches(self, proof: dict[str, Any]) -> bool:
        """Whether ``proof`` (a proof object) belongs to this suite."""
        ...

    def verify_proof(
        self,
        document: dict[str, Any],
        proof: dict[str, Any],
        *,
        resolver: Resolver,
        loader: StaticLoader,
    ) -> ProofResult:
        """Check ``proof`` over ``document`` (the document's ``proof`` is ignored)."""
        ...


def issuer_id(credential: dict[str, Any]) -> str | None:
    """The issuer id of a credential (``issuer`` as a string or ``issuer.id``)."""
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) and issuer else None


def parse_datetime(value: Any) -> datetime | None:
    """Parse an xsd:dateTime with a time zone (``Z`` or offset); ``None`` if it is not one."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def format_datetime(value: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` in UTC (seconds precision), as OB 3.0 DateTimeZ."""
    if value.tzinfo is None:
        msg = "datetime must be timezone-aware"
        raise ValueError(msg)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
