"""contacts.jsonl: where each issued badge is to be sent, owner-only, resumed like the manifest."""

from __future__ import annotations

import json
import stat
from typing import TYPE_CHECKING, Any

from _batch_helpers import NOW, art_png, good_rows, manifest, write_csv

import badgekit
from badgekit.batch import CONTACTS, ArtworkSource, run_batch

if TYPE_CHECKING:
    from pathlib import Path


def _run(roster: Path, out: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
         ) -> badgekit.BatchSummary:  # fmt: skip
    return run_batch(
        roster,
        achievement=achievement,
        key=key,
        out_dir=out,
        artwork=ArtworkSource(image=art_png()),
        now=NOW,
        chunk_size=3,
    )


def _contacts(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / CONTACTS).read_text("utf-8").splitlines()]


def test_one_owner_only_line_per_issued_badge_with_its_address_and_name(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    roster = write_csv(
        tmp_path / "r.csv",
        "email,name",
        [
            "Ada@Example.org,Ada Lovelace",
            "mailto:bob@example.org,",
            "did:example:carol,Carol",
            "not-an-email@,Broken",  # a bad row: not issued, no contact
        ],
    )
    out = tmp_path / "out"
    _run(roster, out, achievement, key)
    assert stat.S_IMODE((out / CONTACTS).stat().st_mode) == 0o600
    contacts = _contacts(out)
    by_id = {m["credential_id"]: m for m in manifest(out)}
    assert len(contacts) == len(by_id) == 3
    for entry in contacts:
        assert set(entry) == {"row", "credential_id", "file", "email", "name"}
        row = by_id[entry["credential_id"]]
        assert (entry["row"], entry["file"]) == (row["row"], row["file"])
    assert [(c["email"], c["name"]) for c in contacts] == [
        ("Ada@Example.org", "Ada Lovelace"),  # as written (the local part may be case-sensitive)
        ("bob@example.org", None),
        (None, "Carol"),  # a DID: nowhere to send it
    ]
    # The credential itself carries only the salted hash of the address.
    for entry in contacts:
        if entry["email"]:
            payload = badgekit.unbake((out / entry["file"]).read_bytes()).payload
            assert entry["email"].lower() not in payload.lower()


def test_resume_drops_contacts_the_manifest_does_not_count_and_never_duplicates(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    roster = write_csv(tmp_path / "r.csv", "email,name", good_rows(7))
    out = tmp_path / "out"
    _run(roster, out, achievement, key)
    full = _contacts(out)
    # A kill after a chunk's contacts but before its manifest lines, one line cut short, and
    # a file made readable by others by hand.
    lines = (out / "manifest.jsonl").read_text("utf-8").splitlines(keepends=True)
    (out / "manifest.jsonl").write_text("".join(lines[:4]), "utf-8")
    with (out / CONTACTS).open("a", encoding="utf-8") as fh:
        fh.write('{"row":"00')
    (out / CONTACTS).chmod(0o644)
    summary = _run(roster, out, achievement, key)
    assert (summary.issued, summary.skipped) == (3, 4)
    again = _contacts(out)
    assert len(again) == 7
    assert sorted(again, key=lambda c: c["row"]) == sorted(full, key=lambda c: c["row"])
    assert stat.S_IMODE((out / CONTACTS).stat().st_mode) == 0o600
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_the_manifest_is_private_too(tmp_path: Path) -> None:
    # It names the recipients (in plain text, beside their badge files): mode 0600 as contacts.
    from badgekit.batch.manifest import manifest_writer

    writer = manifest_writer(tmp_path)
    writer.close()
    assert (tmp_path / "manifest.jsonl").stat().st_mode & 0o777 == 0o600
