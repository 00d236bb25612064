"""Roster reading: column mapping, header errors before any work, line numbers, JSON lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from badgekit.batch import count_rows, open_roster
from badgekit.errors import BatchError

if TYPE_CHECKING:
    from pathlib import Path


def _read(path: Path, **kw: object) -> list[tuple[int, dict[str, object], str | None]]:
    with open_roster(path, **kw) as roster:  # type: ignore[arg-type]
        return [(r.line, r.values, r.problem) for r in roster]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Email", "recipient"),
        (" E-Mail ", "recipient"),
        ("Email Address", "recipient"),
        ("DID", "recipient"),
        ("Full Name", "name"),
        ("Student Name", "name"),
        ("Student Email", "recipient"),
        ("Expires", "valid_until"),
        ("slot.title", "slot.title"),
    ],
)
def test_aliases(tmp_path: Path, header: str, field: str) -> None:
    cols = header if field == "recipient" else f"email,{header}"
    path = tmp_path / "r.csv"
    path.write_text(f"{cols}\nada@example.org{',x' if field != 'recipient' else ''}\n")
    [(line, values, problem)] = _read(path)
    assert line == 2
    assert problem is None
    assert field in values


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("emial,name", r"unknown column 'emial' \(did you mean 'email'\?\)"),
        ("name,narrative", "no recipient column"),
        ("email,name,name", "appears twice"),
        ("email,,name", "column 2 has no header"),
        ("email,did", "both give the recipient"),
        ("email,colour", "unknown column 'colour'"),
    ],
)
def test_header_mistakes(tmp_path: Path, header: str, message: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text(f"{header}\n")
    with pytest.raises(BatchError, match=message):
        open_roster(path)


def test_explicit_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Participant,Shown as\nada@example.org,Ada\n")
    rows = _read(path, columns={"recipient": "Participant", "name": "Shown as"})
    assert rows[0][1] == {"recipient": "ada@example.org", "name": "Ada"}
    with pytest.raises(BatchError, match="no column 'Nope'"):
        open_roster(path, columns={"recipient": "Participant", "narrative": "Nope"})
    with pytest.raises(BatchError, match="unknown field"):
        open_roster(path, columns={"colour": "Participant"})


def test_ignored_columns_are_read_but_not_used(tmp_path: Path) -> None:
    # A school's export has columns no badge needs ("Class"); a form says they are not used.
    path = tmp_path / "r.csv"
    path.write_text("Class,email,Shown as\n10B,ada@example.org,Ada\n")
    with pytest.raises(BatchError, match="unknown column 'Class'"):
        open_roster(path, columns={"name": "Shown as"})
    rows = _read(path, columns={"name": "Shown as"}, ignore=["Class"])
    assert rows == [(2, {"recipient": "ada@example.org", "name": "Ada"}, None)]
    # a mapped column wins over "ignore"; an ignored column must exist
    rows = _read(path, columns={"name": "Class"}, ignore=["Class", "Shown as"])
    assert rows[0][1] == {"recipient": "ada@example.org", "name": "10B"}
    with pytest.raises(BatchError, match="no column 'Room'"):
        open_roster(path, ignore=["Class", "Shown as", "Room"])
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text(
        '{"email": "ada@example.org", "Class": "10B"}\n{"Class": "9A", "email": "b@x.org"}\n'
    )
    rows = _read(jsonl, ignore=["Class"])
    assert [r[1] for r in rows] == [{"recipient": "ada@example.org"}, {"recipient": "b@x.org"}]


def test_line_numbers_survive_multiline_cells_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('email,narrative\na@example.org,"two\nlines"\n\nb@example.org,x\nc@x.org\n')
    rows = _read(path)
    assert [r[0] for r in rows] == [2, 5, 6]
    assert rows[0][1]["narrative"] == "two\nlines"
    assert rows[2][2] == "1 cells, the header has 2"
    assert count_rows(path) == 3


def test_jsonl_roster(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(
        '{"email": "a@example.org", "evidence": ["https://e.org/1"]}\n'
        "\n"
        "not json\n"
        '{"email": "b@example.org", "colour": "red"}\n'
        "[1]\n"
    )
    rows = _read(path)
    assert rows[0] == (1, {"recipient": "a@example.org", "evidence": ["https://e.org/1"]}, None)
    assert [(r[0], r[2] is not None) for r in rows[1:]] == [(3, True), (4, True), (5, True)]
    assert "colour" in (rows[2][2] or "")


def test_empty_and_wrong_kind(tmp_path: Path) -> None:
    (tmp_path / "e.csv").write_text("")
    with pytest.raises(BatchError, match="empty"):
        open_roster(tmp_path / "e.csv")
    (tmp_path / "r.xlsx").write_text("x")
    with pytest.raises(BatchError, match=r"\.csv or \.jsonl"):
        open_roster(tmp_path / "r.xlsx")


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolon_and_tab_separated_rosters(tmp_path: Path, sep: str) -> None:
    """What a spreadsheet saves as "CSV" where the comma is the decimal mark."""
    path = tmp_path / "r.csv"
    body = f"E-mail{sep}Name\r\nada@example.org{sep}Lovelace, Ada\r\nbob@example.org{sep}Bob\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode())
    rows = _read(path)
    assert rows == [
        (2, {"recipient": "ada@example.org", "name": "Lovelace, Ada"}, None),
        (3, {"recipient": "bob@example.org", "name": "Bob"}, None),
    ]
    assert count_rows(path) == 2


def test_utf16_roster_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("email,name\nada@example.org,Ada\n".encode("utf-16"))
    with pytest.raises(BatchError, match=r"UTF-16.*save it as CSV UTF-8"):
        open_roster(path)


def test_a_roster_without_header_line_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("ada@example.org,Ada\nbob@example.org,Bob\n")
    with pytest.raises(BatchError, match=r"first line is a row .*add a header line"):
        open_roster(path)


def test_jsonl_records_may_carry_keys_the_first_one_lacks(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(
        '{"email": "a@example.org"}\n'
        '{"email": "b@example.org", "valid_until": "2030-01-01", "Full Name": "B"}\n'
        '{"did": "did:example:c"}\n'
        '{"email": "d@example.org", "recipient": "did:example:d"}\n'
        '{"email": "e@example.org", "nmae": "E"}\n'
    )
    rows = _read(path)
    assert rows[1] == (
        2,
        {"recipient": "b@example.org", "valid_until": "2030-01-01", "name": "B"},
        None,
    )
    assert rows[2] == (3, {"recipient": "did:example:c"}, None)
    assert rows[3][2] == "two keys give the recipient"
    assert rows[4][2] == "this line: unknown column 'nmae' (did you mean 'name'?)"
