"""Property tests: ``verify(sign(c))`` holds for generated subjects and names, and flipping
any byte of the proof value breaks it (conventions §5.6)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from verify_support import ACHIEVEMENT, ED, ISSUED, NOW, ob2_assertion

import badgekit
from badgekit.credential import build_credential
from badgekit.keys.multibase import b58decode, b58encode

# Names that JSON-LD keeps as they are: any text without surrogates.
NAMES = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)
SUBJECTS = st.one_of(
    st.from_regex(r"did:example:[a-z0-9]{1,20}", fullmatch=True),
    st.from_regex(r"[a-z]{1,10}@[a-z]{1,10}\.(org|edu)", fullmatch=True),
)
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _signed(subject: str, name: str) -> dict[str, object]:
    doc = build_credential(ACHIEVEMENT, subject, issuer_id=ED.did_key, now=ISSUED, name=name)
    out = badgekit.sign(doc, ED, now=ISSUED)
    assert isinstance(out, dict)
    return out


@SLOW
@given(subject=SUBJECTS, name=NAMES)
def test_signed_credentials_verify(subject: str, name: str) -> None:
    badge = _signed(subject, name)
    report = badgekit.verify(badge, now=NOW, recipient=subject)
    assert report.verified, report.dumps()
    assert report.check("recipient").status == "passed"  # type: ignore[union-attr]
    assert report.credential is not None
    assert report.payload is not None
    assert report.payload["name"] == name  # exactly what was signed
    assert report.credential["name"] == name.strip()  # the display summary trims


@SLOW
@given(data=st.data())
def test_any_flipped_proof_byte_breaks_it(data: st.DataObject) -> None:
    badge = _signed("did:example:learner", "Python Basics")
    proof = badge["proof"][0]  # type: ignore[index]
    raw = bytearray(b58decode(proof["proofValue"][1:]))
    index = data.draw(st.integers(0, len(raw) - 1), label="byte")
    bit = data.draw(st.integers(0, 7), label="bit")
    raw[index] ^= 1 << bit
    proof["proofValue"] = "z" + b58encode(bytes(raw))
    report = badgekit.verify(badge, now=NOW)
    assert not report.verified
    assert report.verdict == "NOT VALID"
    assert report.check("proof").code == "bad_signature"  # type: ignore[union-attr]


@SLOW
@given(junk=st.binary(max_size=300))
def test_random_bytes_never_raise(junk: bytes) -> None:
    report = badgekit.verify(junk, now=NOW)
    assert not report.verified
    assert report.check("container") is not None


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(node: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out = [path]
    if isinstance(node, dict):
        out += [p for k, v in node.items() for p in _paths(v, (*path, k))]
    elif isinstance(node, list):
        out += [p for i, v in enumerate(node) for p in _paths(v, (*path, i))]
    return out


OB3 = _signed("did:example:learner", "Python Basics")
OB2 = ob2_assertion("https://club.example")
CASES = [(base, p) for base in (OB3, OB2) for p in _paths(base) if p]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=st.sampled_from(CASES), value=JSON)
def test_any_malformed_part_never_raises(
    case: tuple[dict[str, object], tuple[object, ...]], value: object
) -> None:
    import copy

    base, path = case
    doc = copy.deepcopy(base)
    node: object = doc
    for step in path[:-1]:
        node = node[step]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]
    report = badgekit.verify(doc, now=NOW, recipient="did:example:learner")
    assert report.verdict is not None
    assert all("\n" not in c.message for c in report.checks)
