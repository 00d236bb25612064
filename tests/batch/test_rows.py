"""Row checks and file naming."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from badgekit.batch.naming import credential_id, file_name, row_digest, slug
from badgekit.batch.rows import RowSpec, check_row, recipient_key


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"recipient": ""}, "missing recipient"),
        ({}, "missing recipient"),
        ({"recipient": "ada@"}, "invalid email address 'ada@'"),
        ({"recipient": "ada at example"}, "not an email address, a DID"),
        ({"recipient": "a@example.org", "valid_from": "2025-13-01"}, "valid_from '2025-13-01'"),
        ({"recipient": "a@example.org", "awarded_date": "yesterday"}, "awarded_date"),
        ({"recipient": "a@example.org", "name": ["x"]}, "name must be text"),
        ({"recipient": "a@example.org", "name": "Ada\nLovelace"}, "control character (U+000A)"),
        ({"recipient": "a@example.org", "name": "Ada\tL"}, "name contains a control character"),
        ({"recipient": "a@example.org", "name": "Ada\x00"}, "(U+0000)"),
        ({"recipient": "a@example.org", "slot.title": "A\x85B"}, "slot.title contains a control"),
    ],
)
def test_bad_rows(values: dict[str, object], problem: str) -> None:
    result = check_row(7, values)
    assert isinstance(result, str)
    assert problem in result


def test_good_row() -> None:
    spec = check_row(
        3,
        {
            "recipient": " Ada@Example.org ",
            "name": "Ada",
            "evidence": "https://e.org/1 | https://e.org/2",
            "valid_until": "2030-01-01",
            "slot.title": "Hi",
        },
    )
    assert isinstance(spec, RowSpec)
    assert spec.key == "email:ada@example.org"
    assert spec.evidence == ("https://e.org/1", "https://e.org/2")
    assert spec.slots == (("title", "Hi"),)
    assert spec.fields["valid_until"] == "2030-01-01"


def test_recipient_key() -> None:
    assert recipient_key("mailto:ADA@example.org") == "email:ada@example.org"
    assert recipient_key("did:example:ABC") == "did:example:ABC"


def test_names_are_stable_unique_and_keyed() -> None:
    a = file_name("batch-1", "email:ada@example.org", "Ada Lovelace", "ada@example.org", "png")
    assert re.fullmatch(r"ada-lovelace-[0-9a-f]{16}\.png", a)
    assert a == file_name("batch-1", "email:ada@example.org", "Ada Lovelace", "x", "png")
    assert a != file_name("batch-2", "email:ada@example.org", "Ada Lovelace", "x", "png")
    assert file_name("b", "email:x@y.org", None, "x@y.org", "svg").startswith("x-")
    assert file_name("b", "did:key:z6Mk", None, "did:key:z6Mk", "svg").startswith("z6mk-")
    assert row_digest("b", "k1") != row_digest("b", "k2")
    cid = credential_id("0b7e5ad2-9f63-4a55-9d0e-3c1c7e0a8e11", "email:ada@example.org")
    assert cid.startswith("urn:uuid:")
    assert cid == credential_id("0b7e5ad2-9f63-4a55-9d0e-3c1c7e0a8e11", "email:ada@example.org")


@given(st.text())
def test_slug_is_always_safe(text: str) -> None:
    out = slug(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", out)
    assert len(out) <= 40


def test_smaller_png_keeps_pixels_and_chunks() -> None:
    import io

    from PIL import Image

    import badgekit
    from badgekit.batch.artwork import smaller_png

    png = badgekit.render(badgekit.compose("circle-seal", {"title": "Pixels"}).svg, size=200)
    small = smaller_png(png)
    assert len(small) < len(png)
    a, b = Image.open(io.BytesIO(png)), Image.open(io.BytesIO(small))
    assert a.tobytes() == b.tobytes()
    assert a.info == b.info  # the Title/Description text chunks are kept
    assert smaller_png(b"not a png") == b"not a png"
    assert smaller_png(png[:-30]) == png[:-30]  # truncated: left alone


def test_a_narrative_may_have_line_breaks_and_a_name_may_have_any_script() -> None:
    spec = check_row(
        2, {"recipient": "a@example.org", "name": "Zoë 李 محمد", "narrative": "a\n\tb"}
    )
    assert isinstance(spec, RowSpec)
    assert spec.narrative == "a\n\tb"
    assert spec.name == "Zoë 李 محمد"
