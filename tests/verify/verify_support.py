"""Builders for the verify tests: fixed keys, an achievement, signed credentials in every form,
hand-made OB 2.0 baked images, and a real HTTP server on 127.0.0.1.

Everything is built from the library's own lower layers (``build_credential``, ``sign``,
``bake``) or, for OB 2.0, byte by byte from the baking specification (ob3-spec.md §1.3), so
no test depends on a checked-in binary it could silently drift from.
"""

from __future__ import annotations

import base64
import json
import struct
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

import badgekit
from badgekit import Achievement, KeyPair
from badgekit.credential import build_credential
from badgekit.net import Fetcher

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
ISSUED = NOW - timedelta(days=30)
EXPIRES = NOW + timedelta(days=335)
RECIPIENT = "ada@example.org"

ED = KeyPair.from_seed(bytes(range(32)))
OTHER = KeyPair.from_seed(bytes(range(1, 33)))
P256 = KeyPair.generate("p256")
RSA = KeyPair.generate("rsa", rsa_bits=2048)

ED25519_2020_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1"

ACHIEVEMENT = Achievement.from_dict(
    {
        "name": "Python Basics",
        "description": "Writes, runs and explains small Python programs.",
        "criteria": {"narrative": "Wrote three programs and explained one to the class."},
        "issuer": {"name": "Example Academy", "url": "https://academy.example"},
    }
)


def unsigned(
    *,
    issuer: str = ED.did_key,
    recipient: str = RECIPIENT,
    valid_from: datetime = ISSUED,
    valid_until: datetime | None = EXPIRES,
    status: dict[str, Any] | None = None,
    vcdm: str = "2.0",
    salt: str | None = "s4lt",
) -> dict[str, Any]:
    """An unsigned OB 3.0 credential from the library's builder (fixed id and salt)."""
    return build_credential(
        ACHIEVEMENT,
        recipient,
        issuer_id=issuer,
        now=valid_from,
        valid_until=valid_until,
        credential_status=status,
        credential_id="urn:uuid:5b1c7c6e-3a4b-4d8e-9f00-00000000a001",
        salt=salt if "@" in recipient else None,
        vcdm=vcdm,  # type: ignore[arg-type]
    )


def signed(
    suite: str = "eddsa-rdfc-2022",
    key: KeyPair = ED,
    *,
    credential: dict[str, Any] | None = None,
    verification_method: str | None = None,
    **changes: Any,
) -> dict[str, Any] | str:
    """A signed credential (a dict) or, for ``jwt``, a compact JWS."""
    if credential is None and "issuer" not in changes and key.kind != "rsa":
        changes["issuer"] = key.did_key
    doc = credential if credential is not None else unsigned(**changes)
    if suite == "ed25519-2020" and ED25519_2020_CONTEXT not in doc["@context"]:
        doc = {**doc, "@context": [*doc["@context"], ED25519_2020_CONTEXT]}
    return badgekit.sign(doc, key, suite=suite, verification_method=verification_method, now=ISSUED)


def signed_dict(**kwargs: Any) -> dict[str, Any]:
    out = signed(**kwargs)
    assert isinstance(out, dict)
    return out


def payload_text(badge: dict[str, Any] | str) -> str:
    """What gets baked: compact JWS as is, a credential as JSON."""
    return badge if isinstance(badge, str) else json.dumps(badge)


def local_fetcher() -> Fetcher:
    """The only fetcher tests use: it may reach 127.0.0.1 over plain HTTP."""
    return Fetcher(allow_private=True, allow_http=True)


# --- OB 2.0 baked images, byte by byte (ob3-spec.md §1.3) --- #


def _chunk(ctype: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data))


def png_with_text(png: bytes, keyword: str, text: str, *, itxt: bool = True) -> bytes:
    """``png`` with one uncompressed iTXt (or tEXt) chunk inserted right after IHDR."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    (ihdr_len,) = struct.unpack(">I", png[8:12])
    cut = 8 + 12 + ihdr_len
    if itxt:
        data = keyword.encode("latin-1") + b"\x00\x00\x00\x00\x00" + text.encode("utf-8")
        chunk = _chunk(b"iTXt", data)
    else:
        chunk = _chunk(b"tEXt", keyword.encode("latin-1") + b"\x00" + text.encode("latin-1"))
    return png[:cut] + chunk + png[cut:]


def ob2_svg(*, body: str | None = None, verify: str | None = None) -> bytes:
    """A small SVG carrying ``<openbadges:assertion>`` (JSON in CDATA, or a ``verify`` attr)."""
    attr = f' verify="{verify}"' if verify is not None else ""
    inner = f"<![CDATA[{body}]]>" if body is not None else ""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org" '
        f'width="40" height="40"><openbadges:assertion{attr}>{inner}</openbadges:assertion>'
        '<rect width="40" height="40" fill="navy"/></svg>'
    ).encode()


def ob2_assertion(base: str, *, signed_by: str | None = None, **changes: Any) -> dict[str, Any]:
    """An OB 2.0 assertion hosted under ``base`` (hashed email ``RECIPIENT``, salt ``deadsea``)."""
    from badgekit.credential import hash_identity

    verification: dict[str, Any] = (
        {"type": "SignedBadge", "creator": signed_by} if signed_by else {"type": "HostedBadge"}
    )
    assertion: dict[str, Any] = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": f"{base}/assertions/1001",
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": "deadsea",
            "identity": hash_identity(RECIPIENT, "deadsea"),
        },
        "issuedOn": "2025-03-04T12:00:00+00:00",
        "expires": "2027-03-04T12:00:00+00:00",
        "badge": {
            "type": "BadgeClass",
            "id": f"{base}/badges/robotics",
            "name": "Robotics Level 1",
            "description": "Built and programmed a line-following robot.",
            "image": f"{base}/badges/robotics.png",
            "criteria": {"narrative": "Build a robot that follows a line for two metres."},
            "issuer": {
                "type": "Profile",
                "id": f"{base}/issuer",
                "name": "Robot Club",
                "url": base,
            },
        },
        "verification": verification,
    }
    assertion.update(changes)
    return assertion


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def rs256_jws(payload: dict[str, Any], key: KeyPair = RSA) -> str:
    """A compact RS256 JWS over ``payload`` (an OB 2.0 SignedBadge)."""
    head = _b64(json.dumps({"alg": "RS256"}).encode())
    body = _b64(json.dumps(payload).encode())
    return f"{head}.{body}.{_b64(key.sign(f'{head}.{body}'.encode()))}"
