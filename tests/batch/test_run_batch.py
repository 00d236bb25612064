"""run_batch: good, bad and duplicate rows, resume, status lists, settings, header errors."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from _batch_helpers import NOW, art_png, check_outputs, errors, good_rows, manifest, write_csv

import badgekit
from badgekit.batch import ArtworkSource, run_batch
from badgekit.errors import BatchError
from badgekit.status import revoke_in_file

if TYPE_CHECKING:
    from pathlib import Path


def _run(roster: Path, out: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair,
         **kw: object) -> badgekit.BatchSummary:  # fmt: skip
    return run_batch(
        roster,
        achievement=achievement,
        key=key,
        out_dir=out,
        artwork=ArtworkSource(image=art_png()),
        now=NOW,
        chunk_size=4,
        **kw,  # type: ignore[arg-type]
    )


def test_bad_and_duplicate_rows_reported_with_lines_good_rows_issued(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    roster = write_csv(
        tmp_path / "r.csv",
        "email,name,valid_until",
        [
            "ada@example.org,Ada,",  # line 2
            "not-an-email@,Broken,",  # line 3: invalid email
            ",Nobody,",  # line 4: missing recipient
            "bob@example.org,Bob,next tuesday",  # line 5: bad date
            "ADA@example.org,Ada again,",  # line 6: duplicate of line 2 (case-insensitive)
            "did:example:carol,Carol,2030-01-01",  # line 7
            "https://example.org/u/dan,Dan,",  # line 8
        ],
    )
    out = tmp_path / "out"
    summary = _run(roster, out, achievement, key)
    assert (summary.rows, summary.issued, summary.errors, summary.duplicates) == (7, 3, 3, 1)
    assert not summary.ok
    found = {e["line"]: e for e in errors(out)}
    assert set(found) == {3, 4, 5, 6}
    assert "invalid email" in found[3]["error"]
    assert "missing recipient" in found[4]["error"]
    assert "valid_until" in found[5]["error"]
    assert "ISO 8601" in found[5]["error"]
    assert found[6]["kind"] == "duplicate"
    assert "line 2" in found[6]["error"]
    check_outputs(out, expected=3)
    assert [e["line"] for e in manifest(out)] == [2, 7, 8]  # roster order
    saved = json.loads((out / "summary.json").read_text())
    assert saved["issued"] == 3
    assert saved["errors"] == 3


def test_rerun_skips_everything_and_reissues_missing_or_incomplete(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    roster = write_csv(tmp_path / "r.csv", "email,name", good_rows(10))
    out = tmp_path / "out"
    first = _run(roster, out, achievement, key)
    assert first.issued == 10
    before = manifest(out)
    again = _run(roster, out, achievement, key)
    assert (again.issued, again.skipped) == (0, 10)
    assert manifest(out) == before

    # a deleted file, and a manifest whose last line was cut short by a kill
    (out / before[3]["file"]).unlink()
    text = (out / "manifest.jsonl").read_text()
    (out / "manifest.jsonl").write_text(text[: len(text) - 20])
    (out / f".{before[0]['file']}.abc123.tmp").write_bytes(b"partial")
    third = _run(roster, out, achievement, key)
    assert (third.issued, third.skipped) == (2, 8)
    after = {e["row"]: e for e in manifest(out)}
    assert after[before[3]["row"]]["file"] == before[3]["file"]  # same name, not a second file
    assert after[before[9]["row"]]["credential_id"] == before[9]["credential_id"]
    check_outputs(out, expected=10)


def test_roster_grown_between_runs_issues_only_new_rows(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    out = tmp_path / "out"
    _run(write_csv(tmp_path / "r.csv", "email,name", good_rows(5)), out, achievement, key)
    grown = write_csv(tmp_path / "r.csv", "email,name", good_rows(8))
    summary = _run(grown, out, achievement, key, jobs=2)
    assert (summary.issued, summary.skipped) == (3, 5)
    check_outputs(out, expected=8)


def test_header_mistake_stops_before_any_work(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    roster = write_csv(tmp_path / "r.csv", "emial,name", ["ada@example.org,Ada"])
    out = tmp_path / "out"
    with pytest.raises(BatchError, match=r"unknown column 'emial' \(did you mean 'email'\?\)"):
        _run(roster, out, achievement, key)
    assert not out.exists()


def test_other_settings_in_same_directory_refused(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    roster = write_csv(tmp_path / "r.csv", "email", ["ada@example.org"])
    out = tmp_path / "out"
    _run(roster, out, achievement, key)
    other = badgekit.KeyPair.generate("ed25519")
    with pytest.raises(BatchError, match="another key"):
        _run(roster, out, achievement, other)


def test_status_list_allocation_revoke_and_verify(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    url = "https://example.org/status/3"
    out = tmp_path / "out"
    roster = write_csv(tmp_path / "r.csv", "email,name", good_rows(6))
    summary = _run(roster, out, achievement, key, status_list_url=url, jobs=2)
    assert summary.status_list_file is not None
    entries = manifest(out)
    indexes = [e["status_list_index"] for e in entries]
    assert len(set(indexes)) == 6
    assert all(e["status_list"] == url for e in entries)
    status_file = out / "status-list.json"
    check_outputs(out, expected=6, status_file=status_file)

    # a resumed run with more rows never reuses an index
    (out / entries[0]["file"]).unlink()
    grown = write_csv(tmp_path / "r.csv", "email,name", good_rows(8))
    _run(grown, out, achievement, key, status_list_url=url)
    new_indexes = [e["status_list_index"] for e in manifest(out)]
    assert len(set(new_indexes)) == 8
    assert indexes[0] not in new_indexes  # the re-issued row got a fresh index

    victim = manifest(out)[2]

    def signer(doc: dict[str, object]) -> dict[str, object]:
        signed = badgekit.sign(doc, key, now=NOW)
        assert isinstance(signed, dict)
        return signed

    revoke_in_file(status_file, [victim["status_list_index"]], sign=signer, now=NOW)
    verifier = badgekit.Verifier(now=NOW, status_file=status_file)
    revoked = verifier.verify(out / victim["file"])
    assert not revoked.verified
    assert revoked.verdict is badgekit.Verdict.REVOKED
    other = manifest(out)[3]
    assert verifier.verify(out / other["file"]).verdict is badgekit.Verdict.VALID


def test_svg_output_from_design_with_personalised_name(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    spec = badgekit.DesignSpec(template="certificate", values={"recipient": "{name}"})
    roster = write_csv(tmp_path / "r.csv", "email,name", ["a@example.org,Ada", "b@example.org,Bo"])
    out = tmp_path / "out"
    summary = run_batch(
        roster,
        achievement=achievement,
        key=key,
        out_dir=out,
        artwork=ArtworkSource(design=spec, fmt="svg"),
        now=NOW,
    )
    assert summary.issued == 2
    check_outputs(out, expected=2)
    texts = {e["name"]: (out / e["file"]).read_text() for e in manifest(out)}
    assert "Ada" in texts["Ada"]
    assert "Ada" not in texts["Bo"]


def test_slot_columns_need_a_design(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    roster = write_csv(tmp_path / "r.csv", "email,slot.title", ["a@example.org,Hi"])
    with pytest.raises(BatchError, match="no design"):
        _run(roster, tmp_path / "out", achievement, key)


def test_unknown_slot_column_is_a_design_error_before_work(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    roster = write_csv(tmp_path / "r.csv", "email,slot.nope", ["a@example.org,Hi"])
    spec = badgekit.DesignSpec(template="circle-seal", values={"title": "T"})
    with pytest.raises(BatchError, match="nope"):
        run_batch(
            roster,
            achievement=achievement,
            key=key,
            out_dir=tmp_path / "out",
            artwork=ArtworkSource(design=spec),
            now=NOW,
        )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (badgekit.bake(art_png(), "{}"), "already carries a baked badge"),
        (art_png()[:300], "cannot be baked: PNG is truncated"),
    ],
    ids=["baked", "truncated"],
)
def test_artwork_every_badge_would_fail_on_stops_before_work(
    tmp_path: Path,
    achievement: badgekit.Achievement,
    key: badgekit.KeyPair,
    image: bytes,
    message: str,
) -> None:
    """Not one error line per row: one error, nothing written."""
    roster = write_csv(tmp_path / "r.csv", "email", ["a@example.org", "b@example.org"])
    with pytest.raises(BatchError, match=message):
        run_batch(
            roster,
            achievement=achievement,
            key=key,
            out_dir=tmp_path / "out",
            artwork=ArtworkSource(image=image),
            now=NOW,
        )
    assert not (tmp_path / "out").exists()


def test_verify_batch_checks_every_file_against_manifest(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    from badgekit.batch import verify_batch

    out = tmp_path / "out"
    _run(write_csv(tmp_path / "r.csv", "email,name", good_rows(9)), out, achievement, key)
    assert verify_batch(out, jobs=2, now=NOW).ok
    assert verify_batch(out, now=NOW).files == 9
    entries = manifest(out)
    victim = out / entries[4]["file"]
    credential = json.loads(badgekit.unbake(victim.read_bytes()).payload)
    credential["validFrom"] = "2025-03-01T12:00:01Z"  # a re-baked, tampered credential
    victim.write_bytes(badgekit.bake(victim.read_bytes(), json.dumps(credential), replace=True))
    (out / entries[6]["file"]).unlink()
    check = verify_batch(out, jobs=2, now=NOW)
    assert not check.ok
    assert {name for name, _ in check.failures} == {entries[6]["file"], entries[4]["file"]}
    (out / "manifest.jsonl").unlink()  # without a manifest: every badge in the folder
    loose = verify_batch(out, now=NOW)
    assert loose.files == 8
    assert [name for name, _ in loose.failures] == [entries[4]["file"]]


def test_jwt_suite_and_a_suite_that_cannot_sign_stops_before_work(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    roster = write_csv(tmp_path / "r.csv", "email,name", good_rows(3))
    summary = _run(roster, tmp_path / "jwt", achievement, key, suite="jwt")
    assert summary.issued == 3
    check_outputs(tmp_path / "jwt", expected=3)
    payload = badgekit.unbake(
        (tmp_path / "jwt" / manifest(tmp_path / "jwt")[0]["file"]).read_bytes()
    )
    assert payload.payload.count(".") == 2  # a compact JWS
    with pytest.raises(BatchError, match="cannot sign with suite ed25519-2020"):
        _run(roster, tmp_path / "legacy", achievement, key, suite="ed25519-2020")
    assert not (tmp_path / "legacy").exists()


def test_unordered_manifest_has_every_row(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    roster = write_csv(tmp_path / "r.csv", "email,name", good_rows(12))
    summary = _run(roster, tmp_path / "out", achievement, key, jobs=2, ordered=False)
    assert summary.issued == 12
    check_outputs(tmp_path / "out", expected=12)
    assert sorted(e["line"] for e in manifest(tmp_path / "out")) == list(range(2, 14))


def test_undecodable_roster_line_is_a_bad_row(
    tmp_path: Path, achievement: badgekit.Achievement, key: badgekit.KeyPair
) -> None:
    roster = tmp_path / "r.csv"
    roster.write_bytes(
        b"\xef\xbb\xbfemail,name\r\na@example.org,A\r\nb@example.org,\xff\xfe\r\nc@example.org,C\r\n"
    )
    summary = _run(roster, tmp_path / "out", achievement, key)
    assert (summary.issued, summary.errors) == (2, 1)
    assert errors(tmp_path / "out") == [
        {
            "line": 3,
            "recipient": "",
            "kind": "error",
            "error": "not UTF-8 text (save the roster as CSV UTF-8)",
        }
    ]
