"""Lint an achievement and score its quality as a badge, with advice a teacher understands.

A good badge says what it means (description), how to earn it and what evidence proves it
(criteria), shows a picture with alt text, links to standards (alignment), says when it
expires, and names its issuer (ob3-spec.md §2.1, §6).  ``error`` findings are exactly what
:func:`~badgekit.credential.build.build_credential` refuses; warnings and tips lower the score.
(not public API: the facade re-exports :func:`check_achievement`)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .achievement import Achievement

__all__ = ["EVIDENCE_WORDS", "Finding", "QualityReport", "Severity", "check_achievement"]

Severity = Literal["error", "warning", "tip"]

#: Words that show criteria ask for something observable (an action or a piece of evidence).
EVIDENCE_WORDS = (
    "submit", "upload", "demonstrate", "complete", "evidence", "show", "present", "build",
    "create", "write", "produce", "design", "pass", "score", "attend", "portfolio", "project",
    "assessment", "observed", "explain", "perform", "deliver", "publish", "record", "achieve",
)  # fmt: skip
_EVIDENCE_RE = re.compile(r"\b(" + "|".join(EVIDENCE_WORDS) + r")\w*", re.IGNORECASE)
#: Criteria shorter than this rarely say both what to do and how it is checked.
MIN_CRITERIA_CHARS = 80
MIN_DESCRIPTION_CHARS = 40
#: Score points per aspect (they add up to 100).
_POINTS = {
    "name": 5,
    "description": 10,
    "criteria": 25,
    "image": 10,
    "alignment": 15,
    "valid_for": 10,
    "tags": 5,
    "issuer": 15,
    "achievement_type": 5,
}
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_EPOCH_PLUS_WEEK = _EPOCH + timedelta(days=7)
#: The score of an achievement with errors never goes above this.
MAX_SCORE_WITH_ERRORS = 40


@dataclass(frozen=True)
class Finding:
    """One observation: how serious, which field, what is wrong, and what to do about it."""

    severity: Severity
    field: str
    message: str
    advice: str


@dataclass(frozen=True)
class QualityReport:
    """The quality score (0-100) and the findings, most serious first."""

    score: int
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True when there is no ``error`` finding (the badge can be issued)."""
        return not any(f.severity == "error" for f in self.findings)


def check_achievement(achievement: Achievement) -> QualityReport:
    """Lint an achievement and score it from 0 to 100.

    >>> report = check_achievement(Achievement.load("badge.toml"))   # doctest: +SKIP
    >>> report.score, [f.message for f in report.findings]            # doctest: +SKIP

    :returns: a :class:`QualityReport`; ``error`` findings block issuing.
    """
    findings: list[Finding] = []
    lost = 0.0
    for aspect, check in _CHECKS:
        got = check(achievement)
        findings.extend(got)
        worst = min((_RANK[f.severity] for f in got), default=3)
        # an error loses the aspect's points, a warning half, a tip a fifth
        lost += _POINTS[aspect] * {0: 1.0, 1: 0.5, 2: 0.2, 3: 0.0}[worst]
    score = max(0, min(100, round(100 - lost)))
    if any(f.severity == "error" for f in findings):
        score = min(score, MAX_SCORE_WITH_ERRORS)
    findings.sort(key=lambda f: _RANK[f.severity])
    return QualityReport(score=score, findings=tuple(findings))


_RANK = {"error": 0, "warning": 1, "tip": 2}


def _name(a: Achievement) -> list[Finding]:
    if len(a.name) < 4:
        return [
            Finding(
                "warning", "name", f"the name {a.name!r} is very short",
                "Use a name that says the skill, e.g. \"Python Basics\" rather than \"PB\".",
            )
        ]  # fmt: skip
    if len(a.name) > 80:
        return [
            Finding(
                "tip", "name", "the name is longer than 80 characters",
                "Keep the name short enough to read on a badge; put details in the description.",
            )
        ]  # fmt: skip
    return []


def _description(a: Achievement) -> list[Finding]:
    if not a.description:
        return [
            Finding(
                "error", "description", "the badge has no description",
                "Add description = \"...\": one or two sentences on what holding this badge "
                "says about the earner (what they know or can do).",
            )
        ]  # fmt: skip
    if len(a.description) < MIN_DESCRIPTION_CHARS:
        return [
            Finding(
                "warning", "description", "the description is very short",
                "Say what the earner knows or can do, so someone who has never met them "
                "understands the badge.",
            )
        ]  # fmt: skip
    return []


def _criteria(a: Achievement) -> list[Finding]:
    narrative, url = a.criteria.narrative, a.criteria.url
    if not narrative and not url:
        return [
            Finding(
                "error", "criteria", "the badge does not say how to earn it",
                "Add a [criteria] section with narrative = \"...\" listing what a learner must do "
                "and what evidence they hand in (or url = a page that says so).",
            )
        ]  # fmt: skip
    out: list[Finding] = []
    if narrative and not _EVIDENCE_RE.search(narrative):
        out.append(
            Finding(
                "warning", "criteria.narrative", "the criteria do not say what evidence is needed",
                "Say what the learner must do and hand in, with action words: \"submit a "
                "project that ...\", \"demonstrate ...\", \"complete the 5 exercises\".",
            )
        )  # fmt: skip
    if narrative and len(narrative) < MIN_CRITERIA_CHARS and not url:
        out.append(
            Finding(
                "warning", "criteria.narrative", "the criteria are very short",
                "Spell out the steps (a numbered list works well) and how each one is checked, "
                "so learners and employers know what the badge stands for.",
            )
        )  # fmt: skip
    if not narrative:
        out.append(
            Finding(
                "tip", "criteria.narrative", "the criteria are only a link",
                "Add a short narrative too: links break, and the narrative travels inside "
                "every badge.",
            )
        )  # fmt: skip
    return out


def _image(a: Achievement) -> list[Finding]:
    if a.image is None:
        return [
            Finding(
                "warning", "image", "no image section, so the picture has no alt text",
                "Add [image] with caption = \"...\" describing the picture for people who use "
                "screen readers (the artwork itself can be given when you issue).",
            )
        ]  # fmt: skip
    if not a.image.caption:
        return [
            Finding(
                "warning", "image.caption", "the image has no alt text",
                "Add caption = \"...\" under [image], describing what the badge picture shows.",
            )
        ]  # fmt: skip
    return []


def _alignment(a: Achievement) -> list[Finding]:
    if not a.alignment:
        return [
            Finding(
                "warning", "alignment", "the badge is not linked to any standard or framework",
                "Add an [[alignment]] block with target_name and target_url of the curriculum "
                "goal or competency it covers; employers and schools use these links.",
            )
        ]  # fmt: skip
    missing = [x.target_name for x in a.alignment if not x.target_framework]
    if missing:
        return [
            Finding(
                "tip", "alignment", f"alignment {missing[0]!r} does not name its framework",
                "Add target_framework = \"...\" (the curriculum or framework's name).",
            )
        ]  # fmt: skip
    return []


def _valid_for(a: Achievement) -> list[Finding]:
    if a.valid_for is None:
        return [
            Finding(
                "warning", "valid_for", "the badge has no expiry policy",
                "Decide how long an award stays valid, e.g. valid_for = \"2 years\" for a skill "
                "that needs refreshing, or valid_for = \"never\" if it never expires.",
            )
        ]  # fmt: skip
    if a.valid_for.duration is not None and a.valid_for.duration.add_to(_EPOCH) < _EPOCH_PLUS_WEEK:
        return [
            Finding(
                "warning", "valid_for", f"awards expire after only {a.valid_for.text!r}",
                "Check this is intended: earners will see the badge as expired very soon.",
            )
        ]  # fmt: skip
    return []


def _tags(a: Achievement) -> list[Finding]:
    if a.tags:
        return []
    return [
        Finding(
            "tip", "tags", "the badge has no tags",
            "Add tags = [\"...\", \"...\"] with a few keywords that help people find the badge.",
        )
    ]  # fmt: skip


def _issuer(a: Achievement) -> list[Finding]:
    out: list[Finding] = []
    if not a.issuer.name:
        out.append(
            Finding(
                "error", "issuer.name", "the issuer has no name",
                "Add an [issuer] section with name = \"...\": wallets and verifiers show who "
                "awarded the badge.",
            )
        )  # fmt: skip
    if not a.issuer.url:
        out.append(
            Finding(
                "warning", "issuer.url", "the issuer has no web address",
                "Add url = \"https://...\" under [issuer] so people can find out who you are.",
            )
        )  # fmt: skip
    return out


def _achievement_type(a: Achievement) -> list[Finding]:
    if a.achievement_type:
        return []
    return [
        Finding(
            "tip", "achievement_type", "the kind of credential is not set",
            "Add achievement_type = \"Badge\" (or Certificate, MicroCredential, Course, ...).",
        )
    ]  # fmt: skip


_CHECKS = (
    ("name", _name),
    ("description", _description),
    ("criteria", _criteria),
    ("image", _image),
    ("alignment", _alignment),
    ("valid_for", _valid_for),
    ("tags", _tags),
    ("issuer", _issuer),
    ("achievement_type", _achievement_type),
)
