"""Building OB 3.0 credentials: shape, recipients, dates, contexts, schema and safe mode."""

from __future__ import annotations

import base64
import dataclasses
import re
from datetime import UTC, date, datetime
from typing import Any

import pytest
from _credential_helpers import DID, NOW, with_proof
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from badgekit.credential import Achievement, build_credential, validate_schema
from badgekit.credential.achievement import Alignment, Criteria, ImageRef, IssuerProfile
from badgekit.credential.constants import (
    ACHIEVEMENT_TYPES,
    OB_CONTEXT,
    OB_EXTENSIONS_CONTEXT,
    OB_SCHEMA_URL,
    STATUS_LIST_2021_CONTEXT,
    VC_V1_CONTEXT,
    VC_V2_CONTEXT,
)
from badgekit.credential.identity import hash_identity
from badgekit.credential.validity import parse_validity
from badgekit.errors import CredentialError
from badgekit.jsonld.loader import default_loader
from badgekit.jsonld.safe import check_safe

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'


def _assert_valid(credential: dict[str, Any]) -> None:
    assert validate_schema(with_proof(credential)) == []
    check_safe(credential, default_loader())


def test_starter_credential_shape(starter: Achievement) -> None:
    c = build_credential(starter, "ada@example.org", issuer_id=DID, now=NOW, salt="pepper")
    assert c["@context"] == [VC_V2_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT]
    assert c["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert c["id"].startswith("urn:uuid:")
    assert c["name"] == "Python Basics"
    assert c["issuer"] == {
        "id": DID,
        "type": ["Profile"],
        "name": "Example School",
        "url": "https://example.org",
    }
    assert c["validFrom"] == "2026-03-14T15:09:26Z"
    assert c["validUntil"] == "2028-03-14T15:09:26Z"  # valid_for = "2 years"
    assert "awardedDate" not in c
    assert c["credentialSchema"] == [
        {"id": OB_SCHEMA_URL, "type": "1EdTechJsonSchemaValidator2019"}
    ]
    subject = c["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert "id" not in subject
    assert subject["identifier"] == [
        {
            "type": "IdentityObject",
            "hashed": True,
            "identityHash": hash_identity("ada@example.org", "pepper"),
            "identityType": "emailAddress",
            "salt": "pepper",
        }
    ]
    ach = subject["achievement"]
    assert ach["id"] == starter.resolved_id(DID)
    assert ach["type"] == ["Achievement"]
    assert ach["achievementType"] == "Badge"
    assert ach["criteria"] == {"narrative": starter.criteria.narrative}
    assert ach["tag"] == ["python", "programming", "beginner"]
    assert ach["alignment"][0]["type"] == ["Alignment"]
    assert "image" not in ach  # the starter names no artwork: it is given at issue time
    assert "proof" not in c
    _assert_valid(c)


def test_random_salt_and_id_differ(starter: Achievement) -> None:
    a = build_credential(starter, "ada@example.org", issuer_id=DID, now=NOW)
    b = build_credential(starter, "ada@example.org", issuer_id=DID, now=NOW)
    salt_a = a["credentialSubject"]["identifier"][0]["salt"]
    assert re.fullmatch(r"[0-9a-f]{32}", salt_a)
    assert salt_a != b["credentialSubject"]["identifier"][0]["salt"]
    assert a["id"] != b["id"]


@pytest.mark.parametrize(
    "recipient",
    ["did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "https://learner.example/me",
     "urn:uuid:7a3a7d2e-0b43-4f5e-9a55-0c2f3c1e2b11", "did:web:learner.example"],
)  # fmt: skip
def test_id_recipients(starter: Achievement, recipient: str) -> None:
    c = build_credential(starter, f"  {recipient} ", issuer_id=DID, now=NOW)
    assert c["credentialSubject"]["id"] == recipient
    assert "identifier" not in c["credentialSubject"]
    _assert_valid(c)


@pytest.mark.parametrize(
    "recipient", ["", "ada", "ada@", "@example.org", "did:", "did:x", "ftp://x.example", "a b@c.d"]
)
def test_bad_recipients(starter: Achievement, recipient: str) -> None:
    with pytest.raises(CredentialError, match="is not an email address, a DID"):
        build_credential(starter, recipient, issuer_id=DID, now=NOW)


def test_mailto_recipient_is_hashed(starter: Achievement) -> None:
    c = build_credential(starter, "mailto:Ada@Example.org", issuer_id=DID, now=NOW, salt="s")
    entry = c["credentialSubject"]["identifier"][0]
    assert entry["identityHash"] == hash_identity("ada@example.org", "s")


def test_every_option(starter: Achievement) -> None:
    c = build_credential(
        starter,
        "ada@example.org",
        issuer_id=DID,
        now=NOW,
        valid_from="2026-04-01",
        valid_until=datetime(2030, 1, 1, 12, 0, 0, 999, tzinfo=UTC),
        awarded_date=date(2026, 3, 1),
        evidence=[
            "https://portfolio.example/ada/1",
            "Ada presented her program to the class.",
            {"url": "https://portfolio.example/ada/2", "name": "Demo video", "genre": "video"},
        ],
        result=[{"value": "92", "status": "Completed", "achievedLevel": "urn:level:distinction"}],
        credential_status={"id": "https://status.example/list/1", "type": "1EdTechRevocationList"},
        image=PNG,
        image_caption="A snake",
        credential_id="https://school.example/credentials/1",
        name="Python Basics (2026)",
        narrative="Completed in record time.",
    )
    assert c["id"] == "https://school.example/credentials/1"
    assert c["name"] == "Python Basics (2026)"
    assert c["validFrom"] == "2026-04-01T00:00:00Z"
    assert c["validUntil"] == "2030-01-01T12:00:00Z"
    assert c["awardedDate"] == "2026-03-01T00:00:00Z"
    assert c["evidence"] == [
        {"type": ["Evidence"], "id": "https://portfolio.example/ada/1"},
        {"type": ["Evidence"], "narrative": "Ada presented her program to the class."},
        {
            "type": ["Evidence"],
            "id": "https://portfolio.example/ada/2",
            "name": "Demo video",
            "genre": "video",
        },
    ]
    subject = c["credentialSubject"]
    assert subject["result"] == [
        {
            "type": ["Result"],
            "value": "92",
            "status": "Completed",
            "achievedLevel": "urn:level:distinction",
        }
    ]
    assert subject["narrative"] == "Completed in record time."
    image = subject["achievement"]["image"]
    assert image["type"] == "Image"
    assert image["caption"] == "A snake"
    assert base64.b64decode(image["id"].removeprefix("data:image/png;base64,")) == PNG
    assert c["credentialStatus"]["type"] == "1EdTechRevocationList"
    _assert_valid(c)


def test_valid_until_counts_from_awarded_date(starter: Achievement) -> None:
    c = build_credential(
        starter, "did:web:a.example", issuer_id=DID, now=NOW, awarded_date="2025-01-31"
    )
    assert c["validUntil"] == "2027-01-31T00:00:00Z"


def test_svg_and_url_images(starter: Achievement) -> None:
    c = build_credential(starter, "did:web:a.example", issuer_id=DID, now=NOW, image=SVG)
    assert c["credentialSubject"]["achievement"]["image"]["id"].startswith(
        "data:image/svg+xml;base64,"
    )
    url = "https://school.example/badge.png"
    c = build_credential(starter, "did:web:a.example", issuer_id=DID, now=NOW, image=url)
    assert c["credentialSubject"]["achievement"]["image"]["id"] == url
    with pytest.raises(CredentialError, match="not a PNG or SVG"):
        build_credential(starter, "did:web:a.example", issuer_id=DID, now=NOW, image=b"GIF89a")
    with pytest.raises(CredentialError, match="not a web address"):
        build_credential(starter, "did:web:a.example", issuer_id=DID, now=NOW, image="art.png")


def test_image_path_from_achievement_file(starter: Achievement, tmp_path: Any) -> None:
    art = tmp_path / "art.png"
    art.write_bytes(PNG)
    a = dataclasses.replace(starter, image=ImageRef(path=art, caption="alt"))
    c = build_credential(a, "did:web:a.example", issuer_id=DID, now=NOW)
    assert c["credentialSubject"]["achievement"]["image"]["id"].startswith("data:image/png;base64,")
    assert c["credentialSubject"]["achievement"]["image"]["caption"] == "alt"


def test_status_list_2021_adds_its_context(starter: Achievement) -> None:
    status = {
        "id": "https://status.example/sl#5",
        "type": "StatusList2021Entry",
        "statusPurpose": "revocation",
        "statusListIndex": "5",
        "statusListCredential": "https://status.example/sl",
    }
    c = build_credential(
        starter, "did:web:a.example", issuer_id=DID, now=NOW, credential_status=status
    )
    assert c["@context"][-1] == STATUS_LIST_2021_CONTEXT
    _assert_valid(c)


@pytest.mark.parametrize("vcdm", ["2.0", "1.1"])
def test_bitstring_status_and_result_alignment(starter: Achievement, vcdm: Any) -> None:
    status = {
        "id": "https://status.example/bsl#7",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "7",
        "statusListCredential": "https://status.example/bsl",
    }
    result = [{"value": "A", "alignment": [{"targetName": "T", "targetUrl": "https://t.example"}]}]
    c = build_credential(
        starter,
        "a@b.co",
        issuer_id=DID,
        now=NOW,
        credential_status=status,
        result=result,
        vcdm=vcdm,
    )
    alignment = c["credentialSubject"]["result"][0]["alignment"]
    assert alignment == [
        {"type": ["Alignment"], "targetName": "T", "targetUrl": "https://t.example"}
    ]
    assert ("https://www.w3.org/ns/credentials/status/v1" in c["@context"]) == (vcdm == "1.1")
    _assert_valid(c)


def test_no_schema_entry_means_no_extensions(starter: Achievement) -> None:
    c = build_credential(
        starter, "did:web:a.example", issuer_id=DID, now=NOW, credential_schema=False
    )
    assert c["@context"] == [VC_V2_CONTEXT, OB_CONTEXT]
    assert "credentialSchema" not in c
    _assert_valid(c)


def test_vcdm_1_1(starter: Achievement) -> None:
    c = build_credential(starter, "ada@example.org", issuer_id=DID, now=NOW, vcdm="1.1")
    assert c["@context"][0] == VC_V1_CONTEXT
    assert c["issuanceDate"] == "2026-03-14T15:09:26Z"
    assert c["expirationDate"] == "2028-03-14T15:09:26Z"
    assert "validFrom" not in c
    _assert_valid(c)


def test_issuer_id_rules(starter: Achievement) -> None:
    with pytest.raises(CredentialError, match="no issuer id"):
        build_credential(starter, "a@b.co", now=NOW)
    fixed = dataclasses.replace(
        starter, issuer=dataclasses.replace(starter.issuer, id="https://s.example")
    )
    assert build_credential(fixed, "a@b.co", now=NOW)["issuer"]["id"] == "https://s.example"
    with pytest.raises(CredentialError, match="differs from the achievement file's issuer id"):
        build_credential(fixed, "a@b.co", issuer_id=DID, now=NOW)
    with pytest.raises(CredentialError, match="not an absolute URI"):
        build_credential(starter, "a@b.co", issuer_id="school", now=NOW)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"description": None}, "has no description"),
        ({"criteria": Criteria()}, "has no criteria"),
        ({"issuer": IssuerProfile()}, "has no issuer name"),
    ],
)
def test_incomplete_achievement_is_refused(
    starter: Achievement, change: dict[str, Any], expected: str
) -> None:
    with pytest.raises(CredentialError, match=expected):
        build_credential(dataclasses.replace(starter, **change), "a@b.co", issuer_id=DID, now=NOW)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"valid_until": "2020-01-01"}, "is not after"),
        ({"valid_from": "yesterday"}, "valid_from: 'yesterday' is not an ISO 8601"),
        ({"evidence": [""]}, r"evidence\[0\]: empty"),
        ({"evidence": [{"colour": "red"}]}, r"evidence\[0\]: unknown field 'colour'"),
        ({"evidence": [{"name": "x"}]}, r"evidence\[0\]: give a url or a narrative"),
        ({"evidence": [{"url": "not a url"}]}, r"evidence\[0\]: 'not a url' is not a URL"),
        ({"result": [{"status": "Done"}]}, r"result\[0\].status: 'Done' is not one of"),
        ({"result": [{"score": "1"}]}, r"result\[0\]: unknown field 'score'"),
        ({"credential_status": {"id": "https://s.example"}}, "needs an 'id'"),
        (
            {"credential_status": {"id": "https://s.example", "type": "MyStatus"}},
            "unsupported type 'MyStatus'",
        ),
        (
            {
                "credential_status": {
                    "id": "https://s.example",
                    "type": "1EdTechRevocationList",
                    "statusListIndex": "1",
                }
            },
            "1EdTechRevocationList does not define statusListIndex",
        ),
        ({"result": [{"alignment": [{"targetName": "T"}]}]}, r"result\[0\].alignment\[0\]: needs"),
    ],
)
def test_bad_options(starter: Achievement, kwargs: dict[str, Any], expected: str) -> None:
    with pytest.raises(CredentialError, match=expected):
        build_credential(starter, "a@b.co", issuer_id=DID, now=NOW, **kwargs)


def test_naive_now_is_utc(starter: Achievement) -> None:
    c = build_credential(starter, "a@b.co", issuer_id=DID, now=datetime(2026, 1, 2, 3, 4, 5))
    assert c["validFrom"] == "2026-01-02T03:04:05Z"


# --- property test: whatever the achievement and recipient, the credential passes --- #

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() != "")
_url = st.builds(
    lambda host, path: f"https://{host}.example/{path}",
    st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True),
    st.from_regex(r"[a-z0-9/_-]{0,20}", fullmatch=True),
)
_alignment = st.builds(
    Alignment,
    target_name=_text,
    target_url=_url,
    target_framework=st.none() | _text,
    target_code=st.none() | _text,
    target_description=st.none() | _text,
)
_achievement = st.builds(
    Achievement,
    name=_text.map(str.strip),
    description=_text,
    criteria=st.builds(Criteria, narrative=_text, url=st.none() | _url),
    issuer=st.builds(
        IssuerProfile, name=_text, url=st.none() | _url, email=st.none() | st.emails()
    ),
    id=st.none() | _url,
    image=st.none() | st.builds(ImageRef, url=_url, caption=st.none() | _text),
    achievement_type=st.none() | st.sampled_from(ACHIEVEMENT_TYPES),
    tags=st.lists(_text, max_size=3).map(tuple),
    alignment=st.lists(_alignment, max_size=2).map(tuple),
    valid_for=st.none()
    | st.sampled_from(["2 years", "P18M", "90 days", "never"]).map(parse_validity),
)
_recipient = (
    st.emails()
    | _url
    | st.from_regex(r"did:(key|web|example):[A-Za-z0-9._-]{1,30}", fullmatch=True)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(achievement=_achievement, recipient=_recipient, evidence=st.lists(_url | _text, max_size=2))
def test_every_built_credential_passes_schema_and_safe_mode(
    achievement: Achievement, recipient: str, evidence: list[str]
) -> None:
    c = build_credential(achievement, recipient, issuer_id=DID, now=NOW, evidence=evidence)
    assert validate_schema(with_proof(c)) == []
    check_safe(c, default_loader())
    subject = c["credentialSubject"]
    assert ("id" in subject) != ("identifier" in subject)
