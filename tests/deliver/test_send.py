"""send_batch against a real SMTP server on 127.0.0.1: 421/450/550 answers, dropped
connections, reruns, interrupts, login, TLS, the rate, the dry run and bad input."""

from __future__ import annotations

import email
import email.policy
import json
import stat
from collections import Counter
from typing import TYPE_CHECKING, Any

import pytest
from smtp_support import NOW, SmtpServer, clock, make_batch, smtp_server

import badgekit
from badgekit.deliver import JOURNAL, SmtpSettings, send_batch
from badgekit.errors import DeliveryError, SmtpAuthError, SmtpError, TlsError

if TYPE_CHECKING:
    from pathlib import Path

SENDER = "PD Office <pd@example.org>"


def _send(out: Path, server: SmtpServer | None = None, **kw: Any) -> badgekit.SendSummary:
    tick, sleep, sleeps = clock()
    kw.setdefault("smtp", SmtpSettings(server.host, server.port) if server else None)
    summary = send_batch(out, sender=SENDER, now=lambda: NOW, sleep=sleep, clock=tick, **kw)
    kw.clear()
    _send.sleeps = sleeps  # type: ignore[attr-defined]
    return summary


def _journal(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / JOURNAL).read_text("utf-8").splitlines()]


def _manifest(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text("utf-8").splitlines()]


def _contacts(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "contacts.jsonl").read_text("utf-8").splitlines()]


def test_300_with_injected_failures_and_drops_then_a_rerun_sends_each_exactly_once(
    batch300: Path,
) -> None:
    with smtp_server() as server:
        server.rcpt_replies["person10@example.org"] = ["421 4.7.0 Try again later, closing"]
        server.rcpt_replies["person20@example.org"] = ["450 4.2.1 Mailbox busy"] * 2
        server.rcpt_replies["person40@example.org"] = ["452 4.2.2 Mailbox full"] * 99
        server.refuse["person30@example.org"] = "550 5.1.1 <person30@example.org>: User unknown"
        server.drop_at = {100, 200}  # the connection drops at these DATA commands, no answer
        first = _send(batch300, server)
        assert (first.total, first.sent, first.failed, first.deferred) == (300, 298, 1, 1)
        assert not first.ok
        assert {(p.to, p.outcome) for p in first.problems} == {
            ("person30@example.org", "failed"),
            ("person40@example.org", "deferred"),
        }
        failed = next(p for p in first.problems if p.outcome == "failed")
        assert failed.reply == "550 5.1.1 <person30@example.org>: User unknown"
        # Backoff: one wait for person10, two for person20, two for the drops, four for 40.
        assert sorted(_send.sleeps) == sorted([2.0, 2.0, 4.0, 2.0, 2.0, 2.0, 4.0, 8.0, 16.0])  # type: ignore[attr-defined]
        received = server.by_recipient()
        assert len(received) == 298
        assert all(len(messages) == 1 for messages in received.values())

        journal = _journal(batch300)
        final = {e["credential_id"]: e for e in journal}
        statuses = Counter(e["status"] for e in final.values())
        assert statuses == {"accepted": 298, "failed": 1, "deferred": 1}
        lost = [e for e in journal if e["status"] == "retrying" and "connection lost" in e["reply"]]
        assert len(lost) == 2
        assert any(e["reply"] == "421 4.7.0 Try again later, closing" for e in journal)
        for entry in final.values():
            if entry["status"] == "accepted":
                assert entry["reply"].startswith("250 2.0.0 Ok: queued as Q")
        # Each accepted message carries the Message-ID its journal lines name.
        ids = {e["to"]: e["message_id"] for e in final.values()}
        assert all(ids[to] == m[0].message_id for to, m in received.items())

        # The server is fixed; a rerun sends only what was not accepted.
        server.refuse.clear()
        server.rcpt_replies.clear()
        second = _send(batch300, server)
        assert (second.sent, second.already_sent, second.failed) == (2, 298, 0)
        assert second.ok
        received = server.by_recipient()
        assert len(received) == 300
        assert all(len(messages) == 1 for messages in received.values())
        # A message tried before goes again with the same Message-ID.
        assert received["person30@example.org"][0].message_id == ids["person30@example.org"]
        third = _send(batch300, server)
        assert (third.sent, third.already_sent) == (0, 300)
        assert len(server.accepted) == 300


def test_each_message_carries_the_badge_file_exactly_and_names_the_earner(batch: Path) -> None:
    state = json.loads((batch / "batch.json").read_text("utf-8"))
    state["settings"]["base_url"] = "https://pd.example.org/badges"
    (batch / "batch.json").write_text(json.dumps(state), "utf-8")
    with smtp_server() as server:
        summary = _send(batch, server)
    assert summary.sent == 8
    by_id = {m["credential_id"]: m for m in _manifest(batch)}
    contacts = {c["email"]: c for c in _contacts(batch) if c["email"]}
    for accepted in server.accepted:
        msg = accepted.message
        contact = contacts[accepted.to]
        assert msg["To"].addresses[0].addr_spec == accepted.to
        assert msg["To"].addresses[0].display_name == contact["name"]
        assert str(msg["Subject"]) == "Your Python Basics badge from Example School"
        attachment = next(msg.iter_attachments())
        data = attachment.get_payload(decode=True)
        assert data == (batch / contact["file"]).read_bytes()
        credential = json.loads(badgekit.unbake(data).payload)
        assert credential["id"] == contact["credential_id"] in by_id
        text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert text.startswith(f"Hello {contact['name']},")
        html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
        assert 'href="https://pd.example.org/badges/verify.html"' in html
        assert "https://www.linkedin.com/profile/add?" in html


def test_a_batch_issued_with_a_base_url_links_its_verify_page(tmp_path: Path) -> None:
    out = make_batch(tmp_path, 2, base_url="https://pd.example.org/badges")
    summary = _send(out, dry_run=tmp_path / "outbox")
    assert summary.sent == 2
    for path in (tmp_path / "outbox").iterdir():
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
        assert 'href="https://pd.example.org/badges/verify.html"' in html
        assert "certUrl=https%3A%2F%2Fpd.example.org%2Fbadges%2Fverify.html" in html


def test_a_badge_without_an_address_is_skipped_and_said_so(batch: Path) -> None:
    lines = (batch / "contacts.jsonl").read_text("utf-8").splitlines(keepends=True)
    entries = [json.loads(line) for line in lines]
    entries[1]["email"] = "person1@@example.org"  # edited by hand
    kept = [json.dumps(e) + "\n" for i, e in enumerate(entries) if i != 2]  # person2: no line
    (batch / "contacts.jsonl").write_text("".join(kept), "utf-8")
    with smtp_server() as server:
        summary = _send(batch, server)
    assert (summary.sent, summary.bad_address, summary.no_address) == (6, 1, 2)
    assert [(p.to, p.reply) for p in summary.problems] == [
        ("person1@@example.org", "'person1@@example.org' is not a valid email address")
    ]
    reasons = sorted(r.reply or "" for r in summary.without_address)
    assert reasons == [
        "issued to a DID or URL, not an email address",
        "no contact recorded for it in contacts.jsonl",
    ]
    assert len(server.accepted) == 6
    assert {e["to"] for e in _journal(batch)} == {a.to for a in server.accepted}


def test_a_changed_badge_file_is_not_sent(batch: Path) -> None:
    target = _manifest(batch)[3]["file"]
    (batch / target).write_bytes((batch / target).read_bytes() + b"x")
    with smtp_server() as server:
        summary = _send(batch, server)
    assert summary.sent == 7
    assert [p.file for p in summary.problems] == [target]
    assert "changed since it was issued" in (summary.problems[0].reply or "")


def test_an_interrupted_message_is_sent_again_with_its_message_id(batch: Path) -> None:
    calls = {"n": 0}

    def interrupting_sleep(seconds: float) -> None:
        calls["n"] += 1
        raise KeyboardInterrupt  # Ctrl-C while waiting to retry

    with smtp_server() as server:
        server.rcpt_replies["person3@example.org"] = ["451 4.3.0 Busy"]
        with pytest.raises(KeyboardInterrupt):
            send_batch(batch, sender=SENDER, smtp=SmtpSettings(server.host, server.port),
                       sleep=interrupting_sleep)  # fmt: skip
        assert len(server.accepted) == 3
        tried = [e for e in _journal(batch) if e["to"] == "person3@example.org"]
        assert [e["status"] for e in tried] == ["sending", "retrying"]
        summary = _send(batch, server)
        assert (summary.sent, summary.already_sent) == (5, 3)
        received = server.by_recipient()
        assert all(len(m) == 1 for m in received.values())
        assert received["person3@example.org"][0].message_id == tried[0]["message_id"]


def test_a_message_whose_answer_was_lost_keeps_its_message_id(batch: Path) -> None:
    cred = _manifest(batch)[0]["credential_id"]
    line = {"credential_id": cred, "message_id": "<in-doubt@example.org>",
            "to": "person0@example.org", "status": "sending", "time": "2026-05-01T09:00:00Z",
            "attempt": 1, "reply": None}  # fmt: skip
    (batch / JOURNAL).write_text(json.dumps(line) + "\n", "utf-8")
    with smtp_server() as server:
        _send(batch, server)
    assert server.by_recipient()["person0@example.org"][0].message_id == "<in-doubt@example.org>"


def test_progress_is_reported_and_a_stop_in_between_loses_nothing(batch: Path) -> None:
    seen: list[tuple[int, int]] = []

    def progress(p: badgekit.deliver.SendProgress) -> None:
        seen.append((p.done, p.sent))
        if p.done == 4:
            raise KeyboardInterrupt

    with smtp_server() as server:
        with pytest.raises(KeyboardInterrupt):
            _send(batch, server, progress=progress)
        assert seen == [(1, 1), (2, 2), (3, 3), (4, 4)]
        _send(batch, server)
        assert sorted(Counter(a.to for a in server.accepted).values()) == [1] * 8


def test_the_rate_spaces_the_messages(batch: Path) -> None:
    with smtp_server() as server:
        summary = _send(batch, server, rate=20.0)
    assert summary.sent == 8
    assert _send.sleeps == [3.0] * 7  # type: ignore[attr-defined]


def test_login_accepted_and_refused_without_showing_the_password(batch: Path) -> None:
    password = "correct horse battery staple"
    with smtp_server(users={"pd": password}) as server:
        wrong = SmtpSettings(server.host, server.port, user="pd", password="Tr0ub4dor&3")
        with pytest.raises(SmtpAuthError, match=r"refused the login of 'pd': 535") as caught:
            _send(batch, smtp=wrong)
        assert "Tr0ub4dor" not in str(caught.value)
        assert "Tr0ub4dor" not in repr(wrong)
        assert server.accepted == []
        assert _journal(batch) == []
        good = SmtpSettings(server.host, server.port, user="pd", password=password)
        assert _send(batch, smtp=good).sent == 8
        assert set(server.logins) == {"pd"}


def test_a_non_ascii_password_logs_in(batch: Path) -> None:
    # smtplib.login encodes credentials as ASCII: "pässwörd" was an internal UnicodeEncodeError.
    password = "pässwörd Geheimnis"
    with smtp_server(users={"zoë": password}) as server:
        wrong = SmtpSettings(server.host, server.port, user="zoë", password="wröng")
        with pytest.raises(SmtpAuthError, match=r"refused the login of 'zoë': 535") as caught:
            _send(batch, smtp=wrong)
        assert "wröng" not in str(caught.value)
        good = SmtpSettings(server.host, server.port, user="zoë", password=password)
        assert _send(batch, smtp=good).sent == 8
        assert server.logins == ["zoë", "zoë"]


@pytest.mark.parametrize("host", ["smtp..example.org", "a" * 64 + ".example.org"])
def test_a_host_that_is_no_name_is_refused_before_connecting(batch: Path, host: str) -> None:
    with pytest.raises(DeliveryError, match=r"^--smtp '.*': not a host name"):
        _send(batch, smtp=SmtpSettings(host, 25))
    assert not (batch / JOURNAL).exists()


def test_a_login_in_clear_to_another_machine_is_refused_before_connecting() -> None:
    settings = SmtpSettings("smtp.example.org", 25, user="pd", password="x")
    with pytest.raises(DeliveryError, match="in clear; add --starttls"):
        settings.check()
    with pytest.raises(DeliveryError, match="--password-env"):
        SmtpSettings("localhost", 25, user="pd").check()
    SmtpSettings("smtp.example.org", 587, "starttls", user="pd", password="x").check()


@pytest.mark.parametrize("mode", ["starttls", "ssl"])
def test_tls_is_verified(batch: Path, tls_files: tuple[str, str], mode: str) -> None:
    cert = tls_files[0]
    with smtp_server(tls=tls_files, mode=mode) as server:
        trusted = SmtpSettings("localhost", server.port, mode, cafile=cert)  # type: ignore[arg-type]
        assert _send(batch, smtp=trusted).sent == 8
        untrusted = SmtpSettings("localhost", server.port, mode)  # type: ignore[arg-type]
        with pytest.raises(TlsError, match=r"certificate did not verify .*--cafile"):
            _send(batch, smtp=untrusted)
        wrong_name = SmtpSettings("127.0.0.1", server.port, mode, cafile=cert)  # type: ignore[arg-type]
        with pytest.raises(TlsError, match="did not verify"):
            _send(batch, smtp=wrong_name)
    assert len(server.accepted) == 8


def test_starttls_that_is_not_offered_is_an_error(batch: Path) -> None:
    with smtp_server() as server, pytest.raises(TlsError, match="does not offer STARTTLS"):
        _send(batch, smtp=SmtpSettings(server.host, server.port, "starttls"))


def test_an_unreachable_server_or_a_refused_sender_stops_with_one_line(batch: Path) -> None:
    with smtp_server() as server:
        port = server.port
    with pytest.raises(SmtpError, match=rf"cannot talk to the SMTP server 127.0.0.1:{port} \("):
        _send(batch, smtp=SmtpSettings("127.0.0.1", port))
    with smtp_server() as server:
        server.refuse_sender = "553 5.7.1 <pd@example.org>: Sender address rejected"
        with pytest.raises(SmtpError, match=r"refused the sender pd@example\.org: 553 5\.7\.1"):
            _send(batch, server)


def test_dry_run_writes_eml_files_and_sends_nothing(batch: Path, tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    summary = _send(batch, dry_run=outbox)
    assert (summary.sent, summary.no_address, summary.dry_run) == (8, 1, True)
    assert not (batch / JOURNAL).exists()
    files = sorted(outbox.iterdir())
    assert len(files) == 8
    assert stat.S_IMODE(outbox.stat().st_mode) == 0o700
    for path in files:
        assert path.suffix == ".eml"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert str(msg["From"]) == SENDER
        assert msg["Message-ID"]
        assert next(msg.iter_attachments()).get_filename() == "python-basics.png"  # type: ignore[attr-defined]
    names = {p.stem for p in files}
    assert names == {m["file"].rsplit(".", 1)[0] for m in _manifest(batch)[:8]}


def test_bad_batch_directory_or_arguments(batch: Path, tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match=r"no manifest\.jsonl here"):
        _send(tmp_path, dry_run=tmp_path / "o")
    (batch / "contacts.jsonl").unlink()
    with pytest.raises(DeliveryError, match=r"no contacts\.jsonl"):
        _send(batch, dry_run=tmp_path / "o")
    with pytest.raises(DeliveryError, match="not both"):
        send_batch(batch, sender=SENDER)
    with pytest.raises(DeliveryError, match="--from 'nobody'"):
        send_batch(batch, sender="nobody", dry_run=tmp_path / "o")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"file": "/etc/hostname"}, r"line 2: '/etc/hostname' is not a badge file of this batch"),
        ({"file": "../outside.png"}, r"line 2: '\.\./outside\.png' is not a badge file"),
        ({"file": 7}, r"line 2: 7 is not a badge file"),
        ({"sha256": None}, r"line 2: no credential id or SHA-256"),
        ({"credential_id": ""}, r"line 2: no credential id or SHA-256"),
        ({"status": "revoked"}, r"line 2: not the line of an issued badge"),
        (None, r"line 2: not the line of an issued badge; run the same badgekit batch command"),
    ],
)
def test_a_manifest_line_edited_by_hand_stops_before_anything_is_sent(
    batch: Path, tmp_path: Path, edit: dict[str, Any] | None, expected: str
) -> None:
    # It was skipped in silence, or its "file" attached anything readable (a path outside).
    (tmp_path / "outside.png").write_bytes((batch / _manifest(batch)[0]["file"]).read_bytes())
    entries = _manifest(batch)
    lines = [json.dumps(e) for e in entries]
    lines[1] = '{"broken' if edit is None else json.dumps({**entries[1], **edit})
    (batch / "manifest.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    with smtp_server() as server, pytest.raises(DeliveryError, match=expected):
        _send(batch, server)
    with pytest.raises(DeliveryError, match=expected):
        _send(batch, dry_run=tmp_path / "outbox")
    assert server.accepted == []
    assert not (tmp_path / "outbox").exists()


def test_a_message_id_edited_into_the_journal_never_reaches_a_header(
    batch: Path, tmp_path: Path
) -> None:
    # The journal's Message-ID is reused on a rerun: one with a line break was an internal
    # error (ValueError from the email package) instead of being ignored like a torn line.
    first = _manifest(batch)[0]["credential_id"]
    bad = {
        "credential_id": first,
        "message_id": "<x@example.org>\r\nBcc: evil@example.net",
        "to": "person0@example.org",
        "status": "sending",
        "time": "2026-05-01T09:30:00Z",
    }
    (batch / JOURNAL).write_text(json.dumps(bad) + "\n", "utf-8")
    summary = _send(batch, dry_run=tmp_path / "outbox")
    assert (summary.sent, summary.problems) == (8, ())
    with smtp_server() as server:
        assert _send(batch, server).sent == 8
    for data in [a.data for a in server.accepted] + [
        p.read_bytes() for p in (tmp_path / "outbox").iterdir()
    ]:
        head = data.split(b"\r\n\r\n")[0]
        assert b"Bcc" not in head
        assert b"<x@example.org>" not in head
