"""Builders for the portfolio tests: a folder of badges from different issuers and versions,
made with badgekit itself.

Every badge is built, signed and baked by the library (OB 2.0 is baked byte by byte from the
baking specification, as badgekit issues only OB 3.0).  Time is fixed: the portfolio is
checked at :data:`NOW`.
"""

from __future__ import annotations

import json
import struct
import zlib
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import badgekit
from badgekit import Achievement, KeyPair
from badgekit.credential import build_credential
from badgekit.portfolio import BadgeStatus
from badgekit.status import StatusList, build_list_credential, status_entry

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
ACADEMY = KeyPair.from_seed(bytes(range(32)))
SCHOOL = KeyPair.from_seed(bytes(range(1, 33)))
LIST_URL = "https://academy.example/status/1"
XSS_NAME = "<script>alert(1)</script>"
FORGED_NAME = "Forged Doctorate"
#: The First Aid earner's own story (Markdown) and graded result, and a narrative with markup.
FIRST_AID_NARRATIVE = (
    "Ada **treated** a sprained ankle at the school fair.\n\n- Recovery position\n- Bandaging"
)
XSS_NARRATIVE = '<img src=x onerror="alert(2)"> and *more*'
RESULT_ID = "urn:uuid:4c8f3a2e-0f6b-4d5e-9a1c-2b7d8e9f0a1b"
#: Bob's story in Arabic ("Bob won the school championship in 2025"): right-to-left text.
ARABIC_NARRATIVE = "فاز بوب ببطولة المدرسة في 2025."
#: What the forged and the unverified files claim of their earner: never shown.
FORGED_NARRATIVE = "Forged story of a doctorate"
LEGACY_NARRATIVE = "Legacy story of the earner"

#: Every badge file in the folder and the status the portfolio must give it.
EXPECTED: dict[str, BadgeStatus] = {
    "academy/python-basics.png": BadgeStatus.VALID,
    "academy/old-course.png": BadgeStatus.EXPIRED,
    "academy/revoked.png": BadgeStatus.REVOKED,
    "academy/tampered.png": BadgeStatus.NOT_VALID,
    "evil.svg": BadgeStatus.VALID,
    "legacy/ob2-hosted.png": BadgeStatus.UNVERIFIED,
    "photo.png": BadgeStatus.NOT_VALID,
    "school/eco-champion.svg": BadgeStatus.VALID,
    "school/first-aid.json": BadgeStatus.VALID,
    "school/leadership.jwt": BadgeStatus.VALID,
    "script-name.png": BadgeStatus.VALID,
    "to-bob.json": BadgeStatus.VALID,
}

#: An SVG badge whose artwork tries everything: scripts, handlers, foreign content, links.
EVIL_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'viewBox="0 0 200 200" width="200" height="200" onload="alert(\'onload\')">'
    b"<style>@import url(https://evil.example/x.css); circle { fill: #0a7; }</style>"
    b"<script>alert('script')</script>"
    b'<circle cx="100" cy="100" r="90" fill="#0a7" onclick="alert(\'click\')"/>'
    b'<foreignObject width="200" height="200"><div xmlns="http://www.w3.org/1999/xhtml">'
    b"<img src='https://evil.example/pixel.gif'/></div></foreignObject>"
    b'<image x="50" y="50" width="100" height="100" xlink:href="https://evil.example/a.png"/>'
    b'<a xlink:href="javascript:alert(\'link\')"><rect x="80" y="80" width="40" height="40" '
    b'fill="#fff"/></a>'
    b"</svg>"
)


def achievement(
    name: str, issuer: str, *, url: str = "https://academy.example", **extra: Any
) -> Achievement:
    """An achievement with description, criteria (text + URL), an alignment and tags."""
    return Achievement.from_dict(
        {
            "name": name,
            "description": f"Awarded for {name.lower()}.",
            "criteria": {
                "narrative": f"Complete the {name} course and its final project.",
                "url": f"{url}/criteria/{len(name)}",
            },
            "issuer": {"name": issuer, "url": url},
            "alignment": [
                {
                    "targetName": f"{name} competency",
                    "targetUrl": "https://framework.example/c/1",
                    "targetFramework": "Example Framework",
                    "targetCode": "EF-1",
                }
            ],
            "tags": ["course", issuer.split()[0].lower()],
            **extra,
        }
    )


def artwork(template: str, title: str, palette: str, *, svg: bool = False) -> bytes:
    """Badge artwork designed with badgekit (SVG, or rendered to PNG)."""
    composed = badgekit.compose(template, {"title": title}, palette=palette)
    return composed.svg if svg else badgekit.render(composed.svg, size=300)


def _chunk(ctype: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data))


def ob2_assertion(base: str = "https://legacy.example") -> dict[str, Any]:
    """An OB 2.0 hosted assertion whose id lives under ``base``."""
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": f"{base}/assertions/1001",
        "recipient": {"type": "email", "hashed": False, "identity": "ada@example.org"},
        "badge": {
            "type": "BadgeClass",
            "id": f"{base}/badges/1",
            "name": "Legacy Claimed Badge",
            "description": "An Open Badges 2.0 badge.",
            "criteria": {"narrative": "Attend the legacy course."},
            "issuer": {"type": "Issuer", "id": f"{base}/issuer", "name": "Legacy Org"},
        },
        "verification": {"type": "HostedBadge"},
        "issuedOn": "2020-01-01T00:00:00Z",
        "narrative": LEGACY_NARRATIVE,
    }


def ob2_baked_png(png: bytes, assertion: dict[str, Any] | None = None) -> bytes:
    """An OB 2.0 assertion baked as an ``openbadges`` iTXt chunk (ob3-spec.md §1.3)."""
    text = json.dumps(assertion or ob2_assertion()).encode()
    (ihdr_len,) = struct.unpack(">I", png[8:12])
    cut = 8 + 12 + ihdr_len
    return png[:cut] + _chunk(b"iTXt", b"openbadges\0\0\0\0\0" + text) + png[cut:]


def _issue(folder: Path, rel: str, *args: Any, **kwargs: Any) -> badgekit.IssuedBadge:
    # The folder's JSON/JWS copies model credentials that carry no artwork of their own.
    kwargs.setdefault("embed_artwork", False)
    issued = badgekit.issue_badge(*args, **kwargs)
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(issued.image)
    return issued


def build_folder(folder: Path) -> Path:
    """Write the badge folder and return the status list file (which revokes one badge)."""
    issued_at = NOW - timedelta(days=20)
    academy_png = artwork("shield", "Python", "royal")
    _issue(
        folder,
        "academy/python-basics.png",
        achievement("Python Basics", "Example Academy"),
        ACADEMY,
        "ada@example.org",
        academy_png,
        now=issued_at,
        evidence=[{"name": "Final project", "narrative": "A weather station in Python."}],
    )
    _issue(
        folder,
        "academy/old-course.png",
        achievement("Spreadsheet Skills", "Example Academy"),
        ACADEMY,
        "ada@example.org",
        artwork("hexagon", "Sheets", "copper"),
        now=NOW - timedelta(days=400),
        valid_until=NOW - timedelta(days=35),
    )
    _issue(
        folder,
        "academy/revoked.png",
        achievement("Chemistry Lab Safety", "Example Academy"),
        ACADEMY,
        "ada@example.org",
        artwork("octagon", "Lab", "crimson"),
        now=issued_at,
        credential_status=status_entry(LIST_URL, 7),
    )
    genuine = _issue(
        folder,
        "academy/tampered-source.png",
        achievement("Data Basics", "Example Academy"),
        ACADEMY,
        "ada@example.org",
        academy_png,
        now=issued_at,
    )
    (folder / "academy/tampered-source.png").unlink()
    forged = json.loads(json.dumps(genuine.credential))
    forged["credentialSubject"]["achievement"]["name"] = FORGED_NAME
    forged["credentialSubject"]["narrative"] = FORGED_NARRATIVE
    (folder / "academy/tampered.png").write_bytes(badgekit.bake(academy_png, json.dumps(forged)))

    school = "Green Valley School"
    _issue(
        folder,
        "school/eco-champion.svg",
        achievement("Eco Champion", school, url="https://school.example"),
        SCHOOL,
        "ada@example.org",
        artwork("rosette", "Eco", "forest", svg=True),
        now=issued_at,
        suite="jwt",
    )
    leadership = _issue(
        folder,
        "school/leadership.png",
        achievement("Student Leadership", school, url="https://school.example"),
        SCHOOL,
        "ada@example.org",
        artwork("star-medal", "Lead", "gold"),
        now=NOW - timedelta(days=5),
        suite="jwt",
    )
    (folder / "school/leadership.png").unlink()
    (folder / "school/leadership.jwt").write_text(leadership.payload)
    first_aid = build_credential(
        achievement("First Aid", school, url="https://school.example"),
        "ada@example.org",
        issuer_id=SCHOOL.did_key,
        now=NOW - timedelta(days=60),
        valid_until=NOW + timedelta(days=300),
        image=artwork("circle-seal", "Aid", "teal"),
        image_caption="A teal seal with a white cross",
        narrative=FIRST_AID_NARRATIVE,
        result=[{"resultDescription": RESULT_ID, "value": "A", "status": "Completed"}],
    )
    # The achievement names the result (badgekit's achievement files have no resultDescription).
    first_aid["credentialSubject"]["achievement"]["resultDescription"] = [
        {
            "id": RESULT_ID,
            "type": ["ResultDescription"],
            "name": "Practical assessment",
            "resultType": "LetterGrade",
        }
    ]
    signed = badgekit.sign(first_aid, SCHOOL, now=NOW - timedelta(days=60))
    (folder / "school/first-aid.json").write_text(json.dumps(signed, indent=2))
    to_bob = build_credential(
        achievement("Chess Club", school, url="https://school.example"),
        "bob@example.org",
        issuer_id=SCHOOL.did_key,
        now=NOW - timedelta(days=3),
        narrative=ARABIC_NARRATIVE,
    )
    (folder / "to-bob.json").write_text(json.dumps(badgekit.sign(to_bob, SCHOOL, now=NOW)))

    _issue(
        folder,
        "evil.svg",
        achievement("Harmless Looking Badge", "Evil & Co", url="https://evil.example"),
        SCHOOL,
        "ada@example.org",
        EVIL_SVG,
        now=issued_at,
    )
    _issue(
        folder,
        "script-name.png",
        achievement(XSS_NAME, 'Quote " & <b>Issuer</b>', url="https://school.example"),
        SCHOOL,
        "ada@example.org",
        artwork("pennant", "XSS", "violet"),
        now=issued_at,
        narrative=XSS_NARRATIVE,
    )
    (folder / "legacy").mkdir()
    (folder / "legacy/ob2-hosted.png").write_bytes(
        ob2_baked_png(artwork("diamond", "Old", "slate"))
    )
    (folder / "photo.png").write_bytes(artwork("rounded-square", "Photo", "sky"))
    # Never scanned: hidden files and folders, and files that are not badges.
    (folder / ".hidden").mkdir()
    (folder / ".hidden/secret.png").write_bytes(academy_png)
    (folder / ".draft.json").write_text("{}")
    (folder / "notes.txt").write_text("my badges")

    bits = StatusList()
    bits.set(7)
    status_doc = build_list_credential(
        bits, list_url=LIST_URL, issuer=ACADEMY.did_key, valid_from=NOW - timedelta(days=1)
    )
    status_file = folder.parent / "status.json"
    signed_list = badgekit.sign(status_doc, ACADEMY, now=NOW - timedelta(days=1))
    status_file.write_text(json.dumps(signed_list))
    return status_file
