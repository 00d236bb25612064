"""``badgekit batch``: exit codes, errors file, header mistakes, and resume after SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import badgekit
from badgekit.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "batch"))
from _batch_helpers import (
    NOW_TEXT,
    check_outputs,
    errors,
    good_rows,
    manifest,
    write_csv,
    write_issuer,
)


def _args(tmp: Path, roster: Path, out: Path, *extra: str) -> list[str]:
    achievement, key, art = tmp / "achievement.toml", tmp / "issuer.pem", tmp / "art.png"
    return [
        "batch",
        "--achievement", str(achievement),
        "--key", str(key),
        "--recipients", str(roster),
        "--out-dir", str(out),
        "--image", str(art),
        "--now", NOW_TEXT,
        *extra,
    ]  # fmt: skip


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    write_issuer(tmp_path)
    return tmp_path


def test_all_good_exit_0(tmp: Path) -> None:
    roster = write_csv(tmp / "r.csv", "email,name", good_rows(5))
    result = CliRunner().invoke(main, _args(tmp, roster, tmp / "out", "--jobs", "1"))
    assert result.exit_code == 0, result.output
    assert "issued 5 badges" in result.output
    assert "batch: 5/5 rows (5 issued" in result.output  # plain progress lines off a terminal
    check_outputs(tmp / "out", expected=5)


def test_bad_rows_exit_1_good_rows_issued(tmp: Path) -> None:
    roster = write_csv(
        tmp / "r.csv", "email,name", [*good_rows(3), "oops@,X", "person1@example.org,Y"]
    )
    result = CliRunner().invoke(main, _args(tmp, roster, tmp / "out", "-j", "1"))
    assert result.exit_code == 1
    assert "1 bad rows, 1 duplicates" in result.output
    assert [e["line"] for e in errors(tmp / "out")] == [5, 6]
    check_outputs(tmp / "out", expected=3)


def test_header_mistake_exit_1_before_any_work(tmp: Path) -> None:
    roster = write_csv(tmp / "r.csv", "e-mial,name", good_rows(3))
    result = CliRunner().invoke(main, _args(tmp, roster, tmp / "out"))
    assert result.exit_code == 1
    assert "unknown column 'e-mial'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp / "out").exists()


def test_column_option_maps_a_header(tmp: Path) -> None:
    roster = write_csv(tmp / "r.csv", "Who,name", good_rows(2))
    args = _args(tmp, roster, tmp / "out", "--column", "recipient=Who", "-j", "1")
    assert CliRunner().invoke(main, args).exit_code == 0
    assert CliRunner().invoke(main, [*args, "--column", "oops"]).exit_code == 2


def test_usage_errors_exit_2(tmp: Path) -> None:
    roster = write_csv(tmp / "r.csv", "email", ["a@example.org"])
    both = _args(tmp, roster, tmp / "out", "--design", str(tmp / "achievement.toml"))
    assert CliRunner().invoke(main, both).exit_code == 2
    assert CliRunner().invoke(main, [*_args(tmp, roster, tmp / "o"), "--jobs", "0"]).exit_code == 2
    svg = CliRunner().invoke(main, [*_args(tmp, roster, tmp / "o"), "--format", "svg"])
    assert svg.exit_code == 2


def test_status_list_written_and_revoke_by_credential_id(tmp: Path) -> None:
    roster = write_csv(tmp / "r.csv", "email,name", good_rows(4))
    out = tmp / "out"
    url = "https://example.org/status/9"
    result = CliRunner().invoke(main, _args(tmp, roster, out, "--status-list", url, "-j", "1"))
    assert result.exit_code == 0, result.output
    status_file = out / "status-list.json"
    assert json.loads(status_file.read_text())["id"] == url
    check_outputs(out, expected=4, status_file=status_file)
    victim = manifest(out)[1]
    revoke = CliRunner().invoke(
        main,
        ["revoke", "--status-list-file", str(status_file), "--key", str(tmp / "issuer.pem"),
         "--credential-id", victim["credential_id"], "--manifest", str(out / "manifest.jsonl"),
         "--now", NOW_TEXT],
    )  # fmt: skip
    assert revoke.exit_code == 0, revoke.output
    assert str(victim["status_list_index"]) in revoke.output
    verify = CliRunner().invoke(
        main,
        ["verify", "--now", NOW_TEXT, "--status-file", str(status_file), str(out / victim["file"])],
    )
    assert verify.exit_code == 1
    assert "REVOKED" in verify.output


def _processes_using(out: Path) -> list[int]:
    """PIDs whose command line names ``out`` (Linux /proc; empty elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if str(out).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _manifest_lines(out: Path) -> int:
    path = out / "manifest.jsonl"
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_resume_after_sigkill(tmp: Path) -> None:
    """A real ``python -m badgekit batch`` killed mid-batch, then run again."""
    rows = [*good_rows(150), "broken@,Bad", "person7@example.org,Dup"]
    roster = write_csv(tmp / "r.csv", "email,name", rows)
    out = tmp / "out"
    extra = ("-j", "2", "--chunk-size", "4", "--verify-all", "--status-list", "https://ex.org/s/1")
    args = [sys.executable, "-m", "badgekit", *_args(tmp, roster, out, *extra)]
    env = {**os.environ, "PYTHONPATH": str(Path(badgekit.__file__).parent.parent)}
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _manifest_lines(out) < 12 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the batch finished before it could be killed"
    proc.send_signal(signal.SIGKILL)  # the main process only: its workers must notice
    proc.wait()
    deadline = time.monotonic() + 10
    while _processes_using(out) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _processes_using(out), "orphaned workers outlived the killed batch"
    done_before = _manifest_lines(out)
    assert 12 <= done_before < 150

    rerun = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 1  # the bad and duplicate rows are still reported
    assert "already done" in rerun.stderr
    check_outputs(out, expected=150, status_file=out / "status-list.json")
    indexes = [e["status_list_index"] for e in manifest(out)]
    assert len(set(indexes)) == 150
    assert [e["line"] for e in errors(out)] == [152, 153]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["issued"] + summary["skipped"] == 150
    assert summary["skipped"] >= done_before - 4  # at most the chunk being written is redone


def test_sigterm_stops_like_ctrl_c_and_says_how_to_resume(tmp: Path) -> None:
    """``kill PID`` (a service manager, ``timeout``): the batch stops cleanly, exit 143, no
    temporary file left, workers gone, and a rerun finishes the rest."""
    roster = write_csv(tmp / "r.csv", "email,name", good_rows(150))
    out = tmp / "out"
    args = [
        sys.executable,
        "-m",
        "badgekit",
        *_args(tmp, roster, out, "-j", "2", "--chunk-size", "4"),
    ]
    env = {**os.environ, "PYTHONPATH": str(Path(badgekit.__file__).parent.parent)}
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while _manifest_lines(out) < 12 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the batch finished before it could be stopped"
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143, stderr
    assert "terminated: the badges recorded in" in stderr
    assert "run the same command again" in stderr
    assert "Traceback" not in stderr
    assert not _processes_using(out)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert 12 <= _manifest_lines(out) < 150

    rerun = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    check_outputs(out, expected=150)


def test_verify_batch_command(tmp: Path) -> None:
    roster = write_csv(tmp / "r.csv", "email,name", good_rows(3))
    out = tmp / "out"
    assert CliRunner().invoke(main, _args(tmp, roster, out, "-j", "1")).exit_code == 0
    ok = CliRunner().invoke(main, ["verify-batch", str(out), "--now", NOW_TEXT, "-j", "1"])
    assert ok.exit_code == 0, ok.output
    assert "3 of 3 badges verified" in ok.output
    (out / manifest(out)[0]["file"]).write_bytes(b"\x89PNG\r\n\x1a\nbroken")
    bad = CliRunner().invoke(main, ["verify-batch", str(out), "--now", NOW_TEXT, "-j", "1"])
    assert bad.exit_code == 1
    assert f"FAIL {manifest(out)[0]['file']}" in bad.output


def test_passphrase_from_environment(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    badgekit.KeyPair.from_seed(bytes(range(32))).save(tmp / "issuer.pem", passphrase="s3cret")
    roster = write_csv(tmp / "r.csv", "email", ["a@example.org"])
    missing = CliRunner().invoke(main, _args(tmp, roster, tmp / "out", "-j", "1"))
    assert missing.exit_code == 1
    assert "--passphrase-env" in missing.output
    monkeypatch.setenv("BADGE_PW", "s3cret")
    args = _args(tmp, roster, tmp / "out", "-j", "1", "--passphrase-env", "BADGE_PW")
    assert CliRunner().invoke(main, args).exit_code == 0


def test_artwork_from_the_achievements_design(tmp: Path) -> None:
    roster = write_csv(tmp / "r.csv", "email,name", good_rows(2))
    base = _args(tmp, roster, tmp / "out", "-j", "1")
    no_image = base[: base.index("--image")] + base[base.index("--image") + 2 :]
    assert CliRunner().invoke(main, no_image).exit_code == 2  # no artwork at all
    achievement = tmp / "achievement.toml"
    achievement.write_text(
        achievement.read_text() + '\n[design]\ntemplate = "hexagon"\nsizes = [120]\n'
        '[design.values]\ntitle = "Batch"\n'
    )
    result = CliRunner().invoke(main, no_image)
    assert result.exit_code == 0, result.output
    check_outputs(tmp / "out", expected=2)
