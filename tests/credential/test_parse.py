"""Parsing and summarising credentials of every supported version for display."""

from __future__ import annotations

import base64
import json

import pytest
from _credential_helpers import DID, NOW, load_fixture

from badgekit.credential import (
    Achievement,
    build_credential,
    detect_version,
    parse_credential,
    summarize,
)
from badgekit.credential.parse import AlignmentItem, EvidenceItem, ResultItem
from badgekit.errors import CredentialError


def _b64(data: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_versions() -> None:
    assert detect_version(load_fixture("ob3-vcdm2.json")) == "3.0-vcdm2"
    assert detect_version(load_fixture("ob3-vcdm1.1.json")) == "3.0-vcdm1.1"
    assert detect_version(load_fixture("ob2-assertion-embedded.json")) == "2.0"
    assert detect_version({"type": "Assertion", "badge": "https://x.example/b"}) == "2.0"
    assert detect_version({"@context": ["https://www.w3.org/ns/credentials/v2"]}) == "unknown"
    assert detect_version({}) == "unknown"


def test_parse_errors_have_line_and_column() -> None:
    with pytest.raises(CredentialError, match=r"not valid JSON: .* at line 2, column 5"):
        parse_credential('{"a": 1,\n    }')
    with pytest.raises(CredentialError, match="must be a JSON object, not list"):
        parse_credential("[1, 2]")
    with pytest.raises(CredentialError, match="not UTF-8"):
        parse_credential(b"\xff\xfe{")
    with pytest.raises(CredentialError, match="not base64url-encoded JSON"):
        parse_credential("eyJhbGciOiJFZERTQSJ9.bm90IGpzb24.c2ln")


def test_parse_accepts_bytes_mapping_and_jws() -> None:
    c = load_fixture("ob3-vcdm2.json")
    assert parse_credential(json.dumps(c).encode("utf-8-sig")) == c
    assert parse_credential(c) == c
    header = _b64({"alg": "EdDSA"})
    assert parse_credential(f"{header}.{_b64(c)}.c2ln") == c
    assert parse_credential(f"{header}.{_b64({'iss': 'x', 'vc': c})}.c2ln") == c


def test_summary_vcdm2() -> None:
    s = summarize(load_fixture("ob3-vcdm2.json"))
    assert s.version == "3.0-vcdm2"
    assert s.name == "Teamwork Badge"
    assert s.achievement_name == "Teamwork"
    assert s.achievement_type == "Competency"
    assert s.description == "The earner works well in a team of four on a term-long project."
    assert s.criteria_narrative == "Complete a group project and submit a peer review."
    assert s.criteria_url == "https://school.example/achievements/teamwork/criteria"
    assert s.image == "https://school.example/achievements/teamwork/image.png"
    assert s.image_caption == "Four hands stacked together"
    assert (s.issuer_id, s.issuer_name) == (
        "https://school.example/issuers/565049",
        "Example Community College",
    )
    assert s.recipient == "hashed email"
    assert (s.valid_from, s.valid_until) == ("2024-05-01T09:00:00Z", "2026-05-01T09:00:00Z")
    assert s.awarded_date == "2024-04-28T00:00:00Z"
    assert s.evidence == (
        EvidenceItem(id="https://school.example/portfolio/42", name="Project report"),
        EvidenceItem(narrative="Led the weekly stand-ups."),
    )
    assert s.alignment[0] == AlignmentItem(
        "Collaboration",
        "https://framework.example/skills/collaboration",
        "Example Skills Framework",
        "SK-7",
    )
    assert s.tags == ("teamwork", "soft skills")
    assert (
        json.loads(json.dumps(s.to_dict()))["evidence"][1]["narrative"]
        == "Led the weekly stand-ups."
    )


def test_summary_vcdm11() -> None:
    s = summarize(json.dumps(load_fixture("ob3-vcdm1.1.json")))
    assert s.version == "3.0-vcdm1.1"
    assert s.name == "Demo Badge"
    assert s.recipient == "did:example:ebfeb1f712ebc6f1c276e12ec21"
    assert (s.valid_from, s.valid_until) == ("2023-07-01T00:00:00Z", "2025-07-01T00:00:00Z")
    assert s.issuer_name == "Example University"
    assert s.image == "https://example.edu/achievements/demo.png"


def test_summary_ob2_embedded() -> None:
    s = summarize(load_fixture("ob2-assertion-embedded.json"))
    assert s.version == "2.0"
    assert s.name == "Robotics Level 1"
    assert s.achievement_id == "https://issuer.example/badges/robotics"
    assert (s.issuer_id, s.issuer_name, s.issuer_url) == (
        "https://issuer.example/issuer",
        "Robot Club",
        "https://issuer.example",
    )
    assert s.recipient == "hashed email"
    assert (s.valid_from, s.valid_until) == (
        "2019-03-04T12:00:00+00:00",
        "2029-03-04T12:00:00+00:00",
    )
    assert s.criteria_narrative == "Build a robot that follows a line for two metres."
    assert s.evidence == (EvidenceItem(id="https://issuer.example/evidence/1001"),)
    assert s.tags == ("robotics", "stem")
    assert s.alignment[0].target_name == "Engineering design"


def test_summary_ob2_urls() -> None:
    s = summarize(load_fixture("ob2-assertion-urls.json"))
    assert s.achievement_id == "https://issuer.example/badges/robotics"
    assert s.name is None
    assert s.issuer_id is None
    assert s.recipient == "learner@example.org"
    assert s.image == "https://issuer.example/assertions/1002/image.png"
    assert s.evidence[0].narrative == "Video of the robot."


def test_summary_language_maps_and_string_issuer() -> None:
    c = load_fixture("ob3-vcdm2.json")
    c["issuer"] = "https://school.example/issuers/565049"
    c["name"] = [
        {"@value": "Teamwork", "@language": "en"},
        {"@value": "Travail", "@language": "fr"},
    ]
    s = summarize(c)
    assert s.issuer_id == "https://school.example/issuers/565049"
    assert s.issuer_name is None
    assert s.name == "Teamwork"


def test_summary_of_a_built_credential(starter: Achievement) -> None:
    c = build_credential(
        starter, "did:web:ada.example", issuer_id=DID, now=NOW, evidence=["Did it."]
    )
    s = summarize(c)
    assert s.version == "3.0-vcdm2"
    assert s.recipient == "did:web:ada.example"
    assert s.issuer_name == "Example School"
    assert s.valid_until == "2028-03-14T15:09:26Z"
    assert s.alignment[0].target_code == "CS-1.2"


def test_summary_earner_narrative_and_results() -> None:
    c = load_fixture("ob3-vcdm2.json")
    subject = c["credentialSubject"]
    subject["narrative"] = "  I led the **stand-ups** and wrote the report.\n\n- peer review  "
    levels = [
        {"id": "urn:uuid:lvl-1", "type": ["RubricCriterionLevel"], "name": "Developing"},
        {"id": "urn:uuid:lvl-2", "type": ["RubricCriterionLevel"], "name": "Proficient"},
    ]
    subject["achievement"]["resultDescription"] = [
        {"id": "urn:uuid:grade", "type": ["ResultDescription"], "name": "Final grade"},
        {"id": "urn:uuid:rubric", "name": "Teamwork rubric", "rubricCriterionLevel": levels},
    ]
    subject["result"] = [
        {"type": ["Result"], "resultDescription": "urn:uuid:grade", "value": "A"},
        {
            "type": ["Result"],
            "resultDescription": "urn:uuid:rubric",
            "achievedLevel": "urn:uuid:lvl-2",
        },
        {"type": ["Result"], "resultDescription": "urn:uuid:unknown", "status": "Completed"},
        {"type": ["Result"], "resultDescription": "urn:uuid:grade"},  # says nothing: left out
        "not a result",
    ]
    s = summarize(c)
    assert s.narrative == "I led the **stand-ups** and wrote the report.\n\n- peer review"
    assert s.results == (
        ResultItem(name="Final grade", value="A", result_description="urn:uuid:grade"),
        ResultItem(
            name="Teamwork rubric",
            achieved_level="Proficient",
            result_description="urn:uuid:rubric",
        ),
        ResultItem(status="Completed", result_description="urn:uuid:unknown"),
    )
    data = json.loads(json.dumps(s.to_dict()))
    assert data["narrative"] == s.narrative
    assert data["results"][1] == {
        "name": "Teamwork rubric",
        "value": None,
        "status": None,
        "achieved_level": "Proficient",
        "result_description": "urn:uuid:rubric",
    }
    # A level the achievement does not name is shown by its id; a list subject works too.
    subject["result"] = {"achievedLevel": "urn:uuid:lvl-9"}
    c["credentialSubject"] = [subject]
    assert summarize(c).results == (ResultItem(achieved_level="urn:uuid:lvl-9"),)


def test_summary_without_narrative_or_results() -> None:
    s = summarize(load_fixture("ob3-vcdm2.json"))
    assert (s.narrative, s.results) == (None, ())
    assert s.to_dict()["results"] == []


def test_summary_ob2_assertion_narrative() -> None:
    a = load_fixture("ob2-assertion-embedded.json")
    a["narrative"] = "Built *Line Follower 3*."
    a["badge"]["narrative"] = "not the earner's"  # only the assertion's own narrative counts
    assert summarize(a).narrative == "Built *Line Follower 3*."
    assert summarize(load_fixture("ob2-assertion-embedded.json")).narrative is None


def test_summary_of_a_built_credential_with_narrative_and_result(starter: Achievement) -> None:
    c = build_credential(
        starter,
        "did:web:ada.example",
        issuer_id=DID,
        now=NOW,
        narrative="Ada explained recursion to the class.",
        result=[{"value": "92", "status": "Completed"}],
    )
    s = summarize(c)
    assert s.narrative == "Ada explained recursion to the class."
    assert s.results == (ResultItem(value="92", status="Completed"),)
