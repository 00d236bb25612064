"""Quality check: findings and a score that moves the right way."""

from __future__ import annotations

import dataclasses

import pytest

from badgekit.credential import Achievement, check_achievement
from badgekit.credential.achievement import Criteria, ImageRef, IssuerProfile
from badgekit.credential.build import check_complete
from badgekit.credential.validity import parse_validity
from badgekit.errors import CredentialError


def _fields(a: Achievement) -> set[str]:
    return {f.field for f in check_achievement(a).findings}


def test_starter_is_perfect(starter: Achievement) -> None:
    report = check_achievement(starter)
    assert report.ok
    assert report.findings == ()
    assert report.score == 100


def test_bare_achievement_has_errors_with_advice() -> None:
    report = check_achievement(Achievement(name="Knots"))
    assert not report.ok
    assert report.score <= 40
    errors = {f.field for f in report.findings if f.severity == "error"}
    assert errors == {"description", "criteria", "issuer.name"}
    assert [f.severity for f in report.findings] == sorted(
        (f.severity for f in report.findings), key=["error", "warning", "tip"].index
    )
    for f in report.findings:
        assert f.advice.strip()
        assert f.message.strip()


def test_errors_match_what_building_refuses(starter: Achievement) -> None:
    for change in ({"description": None}, {"criteria": Criteria()}, {"issuer": IssuerProfile()}):
        a = dataclasses.replace(starter, **change)  # type: ignore[arg-type]
        assert not check_achievement(a).ok
        with pytest.raises(CredentialError):
            check_complete(a)
    check_complete(starter)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"alignment": ()}, "alignment"),
        ({"valid_for": None}, "valid_for"),
        ({"image": None}, "image"),
        ({"image": ImageRef(url="https://x.example/i.png")}, "image.caption"),
        ({"tags": ()}, "tags"),
        ({"achievement_type": None}, "achievement_type"),
        ({"name": "PB"}, "name"),
        ({"description": "Python."}, "description"),
        (
            {"criteria": Criteria(narrative="Be good at Python and know lots about it.")},
            "criteria.narrative",
        ),
        ({"criteria": Criteria(url="https://x.example/criteria")}, "criteria.narrative"),
        ({"valid_for": parse_validity("2 days")}, "valid_for"),
    ],
)
def test_each_gap_lowers_the_score(
    starter: Achievement, change: dict[str, object], field: str
) -> None:
    worse = dataclasses.replace(starter, **change)  # type: ignore[arg-type]
    assert field in _fields(worse)
    assert check_achievement(worse).score < check_achievement(starter).score
    assert check_achievement(worse).ok


def test_adding_alignment_raises_the_score(starter: Achievement) -> None:
    without = dataclasses.replace(starter, alignment=())
    assert check_achievement(without).score < check_achievement(starter).score


def test_evidence_words_are_recognised(starter: Achievement) -> None:
    vague = dataclasses.replace(starter, criteria=Criteria(narrative="Be good at Python. " * 6))
    concrete = dataclasses.replace(
        starter, criteria=Criteria(narrative="Submit a portfolio with three programs. " * 3)
    )
    assert "criteria.narrative" in _fields(vague)
    assert "criteria.narrative" not in _fields(concrete)


def test_never_expiring_is_a_valid_policy(starter: Achievement) -> None:
    forever = dataclasses.replace(starter, valid_for=parse_validity("never"))
    assert "valid_for" not in _fields(forever)
