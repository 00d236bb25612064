"""Status list bitstrings: bit order, encoding, the [BSL] example, bounded decompression."""

from __future__ import annotations

import base64
import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from badgekit.errors import StatusListError
from badgekit.status import MIN_ENTRIES, StatusList

# [BSL] §"BitstringStatusListCredential", "Example BitstringStatusListCredential".
SPEC_ENCODED_LIST = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"


def _encode_raw(data: bytes, *, prefix: str = "u") -> str:
    return prefix + base64.urlsafe_b64encode(gzip.compress(data)).decode().rstrip("=")


def test_spec_example_decodes_to_an_empty_list_of_the_minimum_size() -> None:
    sl = StatusList.decode(SPEC_ENCODED_LIST)
    assert sl.length == MIN_ENTRIES == 131_072
    assert sl.to_bytes() == bytes(16 * 1024)
    assert sl.set_indexes() == []


def test_index_zero_is_the_most_significant_bit_of_the_first_byte() -> None:
    sl = StatusList()
    sl.set(0)
    assert sl.to_bytes()[:2] == b"\x80\x00"
    sl.set(9)  # second byte, second bit from the left
    assert sl.to_bytes()[:2] == b"\x80\x40"
    sl.set(7)
    assert sl.to_bytes()[0] == 0x81
    assert sl.set_indexes() == [0, 7, 9]


def test_hand_built_bitstring_is_read_msb_first() -> None:
    raw = bytes([0b0010_0000, 0b0000_0001]) + bytes(16 * 1024 - 2)
    sl = StatusList.decode(_encode_raw(raw))
    assert [i for i in range(16) if sl.get(i)] == [2, 15]


def test_multi_bit_entries_are_read_most_significant_bit_first() -> None:
    raw = bytes([0b00_10_11_01]) + bytes(32 * 1024 - 1)
    sl = StatusList.decode(_encode_raw(raw), status_size=2)
    assert sl.length == MIN_ENTRIES
    assert [sl.get(i) for i in range(4)] == [0, 2, 3, 1]
    sl.set(0, 3)
    assert sl.to_bytes()[0] == 0b11_10_11_01
    with pytest.raises(StatusListError, match="does not fit"):
        sl.set(1, 4)


def test_encoding_is_deterministic_and_multibase() -> None:
    a, b = StatusList(), StatusList()
    a.set(5)
    b.set(5)
    assert a.encode() == b.encode()
    assert a.encode().startswith("uH4sI")
    assert StatusList().encode(fmt="2021").startswith("H4sI")


@settings(max_examples=40, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=MIN_ENTRIES - 1), max_size=200))
def test_round_trip_random_revocations(indexes: set[int]) -> None:
    sl = StatusList()
    for i in indexes:
        sl.set(i)
    back = StatusList.decode(sl.encode())
    assert back == sl
    assert back.set_indexes() == sorted(indexes)


@settings(max_examples=20, deadline=None)
@given(
    st.integers(min_value=1, max_value=4),
    st.dictionaries(st.integers(min_value=0, max_value=MIN_ENTRIES - 1), st.integers(0, 15)),
)
def test_round_trip_multi_bit_values(size: int, values: dict[int, int]) -> None:
    sl = StatusList(status_size=size)
    expected = {}
    for index, value in values.items():
        sl.set(index, value % (1 << size))
        expected[index] = value % (1 << size)
    back = StatusList.decode(sl.encode(fmt="2021"), status_size=size, fmt="2021")
    assert {i: back.get(i) for i in expected} == expected


def test_status_list_2021_accepts_standard_base64_with_padding() -> None:
    sl = StatusList()
    sl.set(42)
    packed = gzip.compress(sl.to_bytes())
    text = base64.b64encode(packed).decode()
    assert StatusList.decode(text, fmt="2021").set_indexes() == [42]


def test_bitstring_without_prefix_but_plain_gzip_is_accepted() -> None:
    # Early [BSL] drafts and StatusList2021 issuers wrote no multibase prefix.
    assert StatusList.decode(SPEC_ENCODED_LIST[1:]).length == MIN_ENTRIES


def test_gzip_bomb_is_refused() -> None:
    bomb = _encode_raw(bytes(64 * 1024 * 1024))
    assert len(bomb) < 100_000
    with pytest.raises(StatusListError, match="expands to more than"):
        StatusList.decode(bomb)


def test_small_explicit_bound_is_enforced() -> None:
    with pytest.raises(StatusListError, match="1,000-byte limit"):
        StatusList.decode(SPEC_ENCODED_LIST, max_bytes=1000)


@pytest.mark.parametrize(
    ("encoded", "message"),
    [
        ("", "missing"),
        ("zH4sIAAA", "multibase base64url"),
        ("u!!!!", "not valid base64url"),
        ("u" + base64.urlsafe_b64encode(b"not gzip at all").decode(), "not GZIP"),
        (_encode_raw(bytes(16384))[:-12], "truncated|not valid GZIP"),
        ("u" + base64.urlsafe_b64encode(gzip.compress(b"\0") + b"junk").decode(), "after the end"),
        (_encode_raw(b""), "empty"),
    ],
)
def test_malformed_encoded_lists(encoded: str, message: str) -> None:
    with pytest.raises(StatusListError, match=message):
        StatusList.decode(encoded)


def test_index_out_of_range() -> None:
    sl = StatusList()
    with pytest.raises(StatusListError, match="out of range"):
        sl.get(MIN_ENTRIES)
    with pytest.raises(StatusListError, match="out of range"):
        sl.set(-1)


def test_lists_shorter_than_the_minimum_are_refused_unless_allowed() -> None:
    with pytest.raises(StatusListError, match="at least 131,072"):
        StatusList(1000)
    assert StatusList(8, allow_short=True).length == 8
