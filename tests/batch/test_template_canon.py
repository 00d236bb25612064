"""The per-shape canonicalization used by batches equals the reference, for any values."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from badgekit.credential import build_credential
from badgekit.jsonld import StaticLoader, canonize
from badgekit.jsonld.template import TemplateCanonizer
from badgekit.status import status_entry

if TYPE_CHECKING:
    import badgekit

LOADER = StaticLoader()
CANON = TemplateCanonizer(LOADER)
NOW = datetime(2025, 1, 1, tzinfo=UTC)
TEXT = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() == s and s)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    recipient=st.sampled_from(["a@example.org", "did:example:xyz", "https://example.org/u/1"]),
    narrative=st.none() | TEXT,
    evidence=st.lists(
        st.sampled_from(["https://e.org/1", 'a narrative "quoted" \\ ok']) | TEXT, max_size=2
    ),
    index=st.none() | st.integers(0, 10_000),
)
def test_template_equals_reference(
    achievement: badgekit.Achievement,
    recipient: str,
    narrative: str | None,
    evidence: list[str],
    index: int | None,
) -> None:
    credential = build_credential(
        achievement,
        recipient,
        issuer_id="did:example:issuer",
        now=NOW,
        narrative=narrative,
        evidence=evidence,
        credential_status=status_entry("https://ex.org/s/1", index) if index is not None else None,
    )
    assert CANON.canonize(credential) == canonize(credential, LOADER)


def test_template_is_used_for_a_repeated_shape(achievement: badgekit.Achievement) -> None:
    canon = TemplateCanonizer(LOADER)
    docs = [
        build_credential(achievement, f"p{i}@example.org", issuer_id="did:example:i", now=NOW)
        for i in range(5)
    ]
    assert [canon.canonize(d) for d in docs] == [canonize(d, LOADER) for d in docs]
    assert (canon.hits, canon.misses) == (5, 0)
    odd = {**docs[0], "id": "urn:bad id"}  # an IRI N-Quads cannot hold as is: reference path
    try:
        canon.canonize(odd)
    except Exception:
        pass
    assert canon.misses == 1
