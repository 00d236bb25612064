"""Validity policies: words and ISO 8601 durations, calendar arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from badgekit.credential.validity import Duration, parse_validity

LEAP = datetime(2024, 2, 29, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "iso", "until"),
    [
        ("2 years", "P2Y", datetime(2026, 2, 28, 8, 30, tzinfo=UTC)),
        ("1 year 6 months", "P1Y6M", datetime(2025, 8, 29, 8, 30, tzinfo=UTC)),
        ("18 Months", "P18M", datetime(2025, 8, 29, 8, 30, tzinfo=UTC)),
        ("90 days", "P90D", datetime(2024, 5, 29, 8, 30, tzinfo=UTC)),
        ("2 weeks", "P14D", datetime(2024, 3, 14, 8, 30, tzinfo=UTC)),
        ("expires 1 year after award", "P1Y", datetime(2025, 2, 28, 8, 30, tzinfo=UTC)),
        ("P2Y", "P2Y", datetime(2026, 2, 28, 8, 30, tzinfo=UTC)),
        ("p1y1m1d", "P1Y1M1D", datetime(2025, 3, 30, 8, 30, tzinfo=UTC)),
        ("PT12H", "PT12H", datetime(2024, 2, 29, 20, 30, tzinfo=UTC)),
    ],
)
def test_parse_and_apply(text: str, iso: str, until: datetime) -> None:
    policy = parse_validity(text)
    assert policy.duration is not None
    assert policy.duration.iso() == iso
    assert policy.valid_until(LEAP) == until


@pytest.mark.parametrize("text", ["never", "None", "does not expire"])
def test_never(text: str) -> None:
    policy = parse_validity(text)
    assert policy.duration is None
    assert policy.valid_until(LEAP) is None


@pytest.mark.parametrize("text", ["", "2", "two years", "3 fortnights", "P", "0 days", "P0D"])
def test_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        parse_validity(text)


@given(st.integers(0, 20), st.integers(0, 30), st.integers(0, 400), st.integers(0, 86400 * 3))
def test_iso_round_trip(years: int, months: int, days: int, seconds: int) -> None:
    d = Duration(years, months, days, seconds)
    if d.is_zero():
        assert d.iso() == "P0D"
        return
    assert parse_validity(d.iso()).duration == d
    assert d.add_to(LEAP) > LEAP
