"""The endorsing recipe: build an EndorsementCredential, sign it, check it (not public API;
re-exported by :mod:`badgekit`).

OB 3.0 §"EndorsementCredential".  The endorser signs with its own key, under its own id
(default: the key's did:key); the signed endorsement is checked before it is handed back, so
an endorsement that would not verify is never written.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .credential.endorsement import build_endorsement
from .errors import SigningError
from .proofs.api import sign
from .proofs.registry import DEFAULT_SUITE
from .verify.pipeline import Verifier

if TYPE_CHECKING:
    from .credential.build import DateLike
    from .keys.keypair import KeyPair

__all__ = ["endorse"]


def endorse(
    subject_id: str,
    key: KeyPair,
    *,
    endorser_name: str,
    endorser_id: str | None = None,
    comment: str | None = None,
    endorser_url: str | None = None,
    valid_until: DateLike | None = None,
    suite: str = DEFAULT_SUITE,
    now: datetime | None = None,
    verifier: Verifier | None = None,
) -> dict[str, Any] | str:
    """Endorse an achievement, a profile or a credential: a signed EndorsementCredential.

    >>> e = badgekit.endorse("https://example.org/badges/python", KeyPair.load("guild.pem"),
    ...                      endorser_name="Python Teachers' Guild",
    ...                      comment="Meets our standard for classroom Python.")  # doctest: +SKIP

    Attach it with ``build_credential(..., endorsements=[e])`` (or ``badgekit issue
    --endorsement``); ``verify`` then reports it beside the badge.

    :param subject_id: the id of what is endorsed (an achievement's or issuer's id).
    :param key: the endorser's private key.
    :param endorser_name: the endorser's name, as people should see it.
    :param endorser_id: the endorser's id (default: the key's did:key).
    :param comment: the endorsement's words (Markdown).
    :param suite: the proof suite (``jwt`` gives a compact JWS for ``endorsementJwt``).
    :param now: the moment of endorsing (default: now, UTC).
    :param verifier: for the check after signing (default: offline, at ``now``).
    :returns: the signed endorsement (a dict, or a compact JWS string).
    :raises CredentialError: a bad id, name or comment.
    :raises SigningError: the key cannot sign for the endorser, or the result does not verify.
    """
    when = now or datetime.now(UTC)
    if endorser_id is None:
        if key.kind == "rsa":
            msg = "an RSA key has no did:key: give the endorser's id (--endorser-id)"
            raise SigningError(msg)
        endorser_id = key.did_key
    credential = build_endorsement(
        subject_id,
        issuer_id=endorser_id,
        issuer_name=endorser_name,
        now=when,
        comment=comment,
        issuer_url=endorser_url,
        valid_until=valid_until,
    )
    signed = sign(credential, key, suite=suite, now=when)
    report = (verifier or Verifier(now=when)).verify(
        signed.encode() if isinstance(signed, str) else signed
    )
    proof = report.check("proof")
    if proof is None or proof.status.value not in ("passed", "skipped"):
        reason = proof.message if proof else "no proof"
        msg = f"the signed endorsement does not verify: {reason}"
        raise SigningError(msg)
    return signed
