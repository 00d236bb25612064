"""``badgekit send`` through the CLI: against a real SMTP server on 127.0.0.1, one-line errors,
no password ever shown, and a real ``badgekit send`` process killed mid-run then rerun."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from badgekit.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deliver"))
from smtp_support import localhost_tls, make_batch, smtp_server

if TYPE_CHECKING:
    from click.testing import Result

SENDER = "PD Office <pd@example.org>"
PASSWORD = "correct horse battery staple"


def _run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["send", *args, "--from", SENDER], env=env)


@pytest.fixture(scope="module")
def _batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_batch(tmp_path_factory.mktemp("b"), 5, extra_rows=("did:example:carol,Carol",))


@pytest.fixture
def batch(_batch: Path, tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(_batch, tmp_path / "batch")
    return tmp_path / "batch"


def _journal(batch: Path) -> list[dict[str, object]]:
    path = batch / "sent.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_send_reports_what_was_sent_and_a_rerun_sends_nothing(batch: Path) -> None:
    with smtp_server() as server:
        result = _run(str(batch), "--smtp", server.smtp)
        assert result.exit_code == 0, result.output
        assert "sent 5 badges" in result.stderr
        assert "not sent (no email address): carol-" in result.stderr
        assert "issued to a DID or URL" in result.stderr
        assert f"journal: {batch / 'sent.jsonl'}" in result.stderr
        again = _run(str(batch), "--smtp", server.smtp)
        assert again.exit_code == 0
        assert "sent 0 badges" in again.stderr
        assert "5 sent before" in again.stderr
    assert len(server.accepted) == 5


def test_a_refused_recipient_is_listed_with_the_servers_words_and_exit_1(batch: Path) -> None:
    with smtp_server() as server:
        server.refuse["person3@example.org"] = "550 5.1.1 <person3@example.org>: User unknown"
        result = _run(str(batch), "--smtp", server.smtp, "-q")
    assert result.exit_code == 1
    assert "1 refused" in result.stderr
    assert "FAILED person-3-" in result.stderr
    assert "<person3@example.org>: 550 5.1.1 <person3@example.org>: User unknown" in result.stderr
    assert "run the same command again" in result.stderr
    assert "Traceback" not in result.output


def test_login_uses_the_environment_and_never_shows_the_password(batch: Path) -> None:
    with smtp_server(users={"pd": PASSWORD}) as server:
        args = (str(batch), "--smtp", server.smtp, "--user", "pd", "--password-env", "PD_SMTP")
        refused = _run(*args, env={"PD_SMTP": "wrong " + PASSWORD})
        assert refused.exit_code == 1
        assert refused.stderr.startswith(f"error: {server.smtp} refused the login of 'pd': 535")
        assert len(refused.stderr.splitlines()) == 1
        assert PASSWORD not in refused.output
        assert server.accepted == []
        unset = _run(*args, env={"PD_SMTP": ""})
        assert unset.exit_code == 1
        assert "environment variable PD_SMTP (from --password-env) is not set" in unset.stderr
        no_var = _run(str(batch), "--smtp", server.smtp, "--user", "pd")
        assert no_var.exit_code == 1
        assert "--user needs --password-env VAR" in no_var.stderr
        good = _run(*args, env={"PD_SMTP": PASSWORD})
        assert good.exit_code == 0, good.output
        assert PASSWORD not in good.output
    assert len(server.accepted) == 5


def test_a_template_with_an_unknown_field_sends_nothing(batch: Path, tmp_path: Path) -> None:
    message = tmp_path / "message.md"
    message.write_text("Dear {nmae},\n\nHere is {badge}.\n", encoding="utf-8")
    with smtp_server() as server:
        result = _run(str(batch), "--smtp", server.smtp, "--message", str(message))
        subject = _run(str(batch), "--smtp", server.smtp, "--subject", "{badge} for {recipient}")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {message}, line 1: unknown field {{nmae}} (did you mean {{name}}?); fields: "
        "{name}, {badge}, {issuer}, {verify_url}, {linkedin_url}\n"
    )
    assert subject.exit_code == 1
    assert "--subject: unknown field {recipient}" in subject.stderr
    assert server.accepted == []
    assert _journal(batch) == []


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["--smtp", "127.0.0.1:25", "--rate", "fast"], 1, "error: --rate 'fast'"),
        (["--smtp", "smtp.example.org:http"], 2, "expected HOST:PORT"),
        (["--smtp", "smtp.example.org:99999"], 2, "expected HOST:PORT"),
        ([], 2, "give --smtp HOST:PORT (or --dry-run"),
        (["--dry-run", "--smtp", "127.0.0.1:25"], 2, "--dry-run sends nothing"),
        (["--smtp", "smtp.example.org", "--user", "pd", "--password-env", "V"], 1, "in clear"),
    ],
)
def test_usage_mistakes(batch: Path, args: list[str], code: int, expected: str) -> None:
    result = _run(str(batch), *args, env={"V": "x"})
    assert result.exit_code == code
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_bad_sender_and_unreachable_server_are_one_line_errors(batch: Path) -> None:
    bad = CliRunner().invoke(main, ["send", str(batch), "--dry-run", "--from", "PD Office"])
    assert bad.exit_code == 1
    assert bad.stderr.startswith("error: --from 'PD Office': ")
    with smtp_server() as server:
        port = server.port
    down = _run(str(batch), "--smtp", f"127.0.0.1:{port}")
    assert down.exit_code == 1
    assert down.stderr.startswith(f"error: cannot talk to the SMTP server 127.0.0.1:{port} (")
    assert len(down.stderr.splitlines()) == 1


def test_tls_that_does_not_verify_is_a_one_line_error(batch: Path, tmp_path: Path) -> None:
    cert, key = localhost_tls(tmp_path)
    with smtp_server(tls=(cert, key), mode="starttls") as server:
        address = f"localhost:{server.port}"
        failed = _run(str(batch), "--smtp", address, "--starttls")
        trusted = _run(str(batch), "--smtp", address, "--starttls", "--cafile", cert)
    assert failed.exit_code == 1
    assert failed.stderr.startswith(f"error: TLS with {address}: the server's certificate did not")
    assert trusted.exit_code == 0, trusted.output
    assert len(server.accepted) == 5


def test_dry_run_writes_eml_files(batch: Path, tmp_path: Path) -> None:
    result = _run(str(batch), "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"wrote 5 messages to {batch / 'outbox'} (nothing sent)" in result.stderr
    assert len(list((batch / "outbox").glob("*.eml"))) == 5
    elsewhere = _run(str(batch), "--dry-run", "--outbox", str(tmp_path / "mail"))
    assert elsewhere.exit_code == 0
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 5


@pytest.mark.slow
def test_killed_mid_run_then_rerun_sends_each_of_300_exactly_once(tmp_path: Path) -> None:
    batch = make_batch(tmp_path, 300)
    kill_at = 121  # the DATA of the 121st message: 120 accepted and journaled before it
    proc: dict[str, subprocess.Popen[bytes]] = {}
    killed = threading.Event()

    def kill_the_sender(number: int) -> str | None:
        if number == kill_at and not killed.is_set():
            proc["p"].send_signal(signal.SIGKILL)
            proc["p"].wait()
            killed.set()
            return "451 4.3.0 the client went away"  # never answered 250: not accepted
        return None

    command = [sys.executable, "-m", "badgekit", "send", str(batch), "--from", SENDER, "-q"]
    with smtp_server() as server:
        server.refuse["person7@example.org"] = "550 5.1.1 <person7@example.org>: User unknown"
        server.rcpt_replies["person9@example.org"] = ["421 4.7.0 Try again later"]
        server.on_data = kill_the_sender
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        proc["p"] = subprocess.Popen([*command, "--smtp", server.smtp], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        proc["p"].communicate(timeout=300)
        assert killed.is_set()
        assert proc["p"].returncode == -signal.SIGKILL
        assert len(server.accepted) == kill_at - 1
        journal = _journal(batch)
        last = {e["credential_id"]: e for e in journal}
        assert Counter(e["status"] for e in last.values()) == {
            "accepted": kill_at - 1, "failed": 1, "sending": 1,
        }  # fmt: skip
        in_doubt = next(e for e in last.values() if e["status"] == "sending")

        server.refuse.clear()  # the unknown user has been created meanwhile
        rerun = subprocess.run([*command, "--smtp", server.smtp], env=env,
                               capture_output=True, timeout=300, check=False)  # fmt: skip
        assert rerun.returncode == 0, rerun.stderr.decode()
        assert b"sent 180 badges" in rerun.stderr
        assert b"120 sent before" in rerun.stderr

    per_recipient = Counter(a.to for a in server.accepted)
    assert len(per_recipient) == 300
    assert set(per_recipient.values()) == {1}
    resent = next(a for a in server.accepted if a.to == in_doubt["to"])
    assert resent.message_id == in_doubt["message_id"]
    # Every accepted message is the one its last journal line names.
    final = {e["to"]: e for e in _journal(batch)}
    assert all(final[a.to]["message_id"] == a.message_id for a in server.accepted)
    assert all(final[a.to]["status"] == "accepted" for a in server.accepted)
