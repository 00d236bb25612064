"""One badge email: MIME structure, the badge attached byte for byte and shown inline, headers,
addresses; the journal and the rate limiter underneath sending."""

from __future__ import annotations

import email
import email.policy
import stat
import threading
from email.message import EmailMessage
from typing import TYPE_CHECKING

import pytest
from smtp_support import NOW, clock

from badgekit.deliver import MessageTemplate, parse_rate
from badgekit.deliver.journal import JOURNAL, Journal, JournalEntry, read_journal
from badgekit.deliver.message import (
    Badge,
    address_problem,
    build_message,
    new_message_id,
    parse_sender,
)
from badgekit.deliver.rate import RateLimiter
from badgekit.errors import DeliveryError

if TYPE_CHECKING:
    from pathlib import Path

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # opaque bytes: carried, never altered


def _message(fmt: str = "png") -> EmailMessage:
    rendered = MessageTemplate("Hello {name}").render({"name": "Zoë Ångström"})
    msg = build_message(
        rendered,
        sender=("PD Office", "pd@example.org"),
        to=("Zoë Ångström", "zoe@example.org"),
        badge=Badge(PNG, fmt, f"python-basics.{fmt}", alt="Python Basics badge"),
        message_id="<m1@example.org>",
        date=NOW,
    )
    # What the server gets, parsed back.
    parsed = email.message_from_bytes(msg.as_bytes(policy=email.policy.SMTP),
                                      policy=email.policy.default)  # fmt: skip
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_structure_text_html_inline_image_and_attachment() -> None:
    msg = _message()
    shape = [(p.get_content_type(), p.get_content_disposition()) for p in msg.walk()]
    assert shape == [
        ("multipart/mixed", None),
        ("multipart/alternative", None),
        ("text/plain", None),
        ("multipart/related", None),
        ("text/html", None),
        ("image/png", "inline"),
        ("image/png", "attachment"),
    ]
    parts = list(msg.walk())
    inline, attached = parts[5], parts[6]
    assert inline.get_payload(decode=True) == PNG
    assert attached.get_payload(decode=True) == PNG
    assert attached.get_filename() == "python-basics.png"
    cid = str(inline["Content-ID"]).strip("<>")
    html = msg.get_body(("html",))
    assert html is not None
    assert f'src="cid:{cid}"' in html.get_content()
    assert 'alt="Python Basics badge"' in html.get_content()


def test_headers_name_the_earner_and_the_sender() -> None:
    msg = _message()
    assert str(msg["From"]) == "PD Office <pd@example.org>"
    assert str(msg["To"]) == "Zoë Ångström <zoe@example.org>"
    assert msg["To"].addresses[0].addr_spec == "zoe@example.org"
    assert str(msg["Message-ID"]) == "<m1@example.org>"
    assert str(msg["Date"]) == "Fri, 01 May 2026 09:30:00 +0000"
    text = msg.get_body(("plain",))
    assert text is not None
    assert text.get_content().replace("\r\n", "\n") == "Hello Zoë Ångström\n"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Ada\r\nBcc: evil@example.net", "Ada Bcc: evil@example.net"),
        ("Lovelace, Ada <evil@example.net>", "Lovelace, Ada <evil@example.net>"),
        ('Zoë "Z" \\ Ångström, x@example.net', 'Zoë "Z" \\ Ångström, x@example.net'),
        ("\t\x00\n", ""),
    ],
)
@pytest.mark.parametrize("address", ["zoe@example.org", "zoë@exämple.org"])
def test_a_hostile_name_or_an_international_address_stays_one_recipient(
    name: str, shown: str, address: str
) -> None:
    # A hand-edited contacts.jsonl: a line break in a name crashed build_message, a non-ASCII
    # address (RFC 6531) too, and a name's quotes were lost when written for SMTPUTF8.
    sender = "pd@example.org" if address.isascii() else "pd@exämple.org"
    msg = build_message(
        MessageTemplate("Hello").render({}),
        sender=("Zoë's Office, PD", sender),
        to=(name, address),
        badge=Badge(PNG, "png", "python-basics.png", alt="Python Basics badge"),
        message_id="<m1@example.org>",
        date=NOW,
    )
    policy = email.policy.SMTP if address.isascii() else email.policy.SMTPUTF8  # as send does
    wire = msg.as_bytes(policy=policy)
    head = wire.split(b"\r\n\r\n")[0].decode("utf-8")
    assert "\nBcc" not in head
    parsed = email.message_from_string(wire.decode("utf-8"), policy=email.policy.default)
    [to] = parsed["To"].addresses
    assert (to.display_name, to.addr_spec) == (shown, address)
    [from_] = parsed["From"].addresses
    assert (from_.display_name, from_.addr_spec) == ("Zoë's Office, PD", sender)


def test_an_svg_badge_is_attached_but_not_shown_inline() -> None:
    msg = _message("svg")
    types = [p.get_content_type() for p in msg.walk()]
    assert types == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html",
                     "image/svg+xml"]  # fmt: skip
    html = msg.get_body(("html",))
    assert html is not None
    assert "<img" not in html.get_content()


def test_message_ids_are_unique_and_in_the_sender_domain() -> None:
    ids = {new_message_id("pd@example.org") for _ in range(200)}
    assert len(ids) == 200
    assert all(i.startswith("<") and i.endswith("@example.org>") for i in ids)


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("ada@example.org", None),
        ("ada.lovelace+pd@mail.example.org", None),
        (None, "no email address"),
        ("", "no email address"),
        ("ada@", "not a valid email address"),
        ("ada@example", "not a valid email address"),
        ("ada lovelace@example.org", "not a valid email address"),
        ("ada@@example.org", "not a valid email address"),
        ("ada..x@example.org", "not a valid email address"),
        ("<ada@example.org>", "not a valid email address"),
        ("ada@example.org\r\nBcc: all@example.org", "not a valid email address"),
        ("a" * 250 + "@example.org", "longer than 254"),
    ],
)
def test_address_problems(address: str | None, problem: str | None) -> None:
    found = address_problem(address)
    assert found == problem if problem is None else problem in (found or "")


def test_sender_is_a_name_and_address() -> None:
    assert parse_sender("PD Office <pd@example.org>") == ("PD Office", "pd@example.org")
    assert parse_sender("pd@example.org") == ("", "pd@example.org")
    assert parse_sender('"Office, PD" <pd@example.org>') == ("Office, PD", "pd@example.org")
    for bad in ("PD Office", "a@example.org, b@example.org", "PD <pd@>", ""):
        with pytest.raises(DeliveryError, match=r"^--from .*PD Office <pd@example.org>"):
            parse_sender(bad)


# --- the journal --- #


def _entry(cred: str, status: str, message_id: str = "<m@x>") -> JournalEntry:
    return JournalEntry(cred, message_id, "a@example.org", status, "2026-05-01T09:30:00Z")  # type: ignore[arg-type]


def test_journal_last_entry_wins_and_a_torn_line_is_cut_off(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.record(_entry("c1", "sending"))
    journal.record(_entry("c1", "accepted"))
    journal.record(_entry("c2", "sending", "<m2@x>"))
    journal.close()
    assert stat.S_IMODE((tmp_path / JOURNAL).stat().st_mode) == 0o600
    with (tmp_path / JOURNAL).open("ab") as fh:
        fh.write(b'{"credential_id":"c2","message_id":"<m2@x>","to":"a@exa')  # killed mid-write
    again = Journal(tmp_path)
    assert again.accepted("c1")
    assert not again.accepted("c2")
    assert again.message_id("c2") == "<m2@x>"
    again.record(_entry("c2", "accepted", "<m2@x>"))
    again.close()
    last = read_journal(tmp_path / JOURNAL)
    assert {k: v.status for k, v in last.items()} == {"c1": "accepted", "c2": "accepted"}
    lines = (tmp_path / JOURNAL).read_bytes().splitlines()
    assert len(lines) == 4  # the torn line is gone, not glued to the next one


def test_one_sender_per_batch_at_a_time(tmp_path: Path) -> None:
    first = Journal(tmp_path)
    try:
        with pytest.raises(DeliveryError, match="another badgekit send is running"):
            Journal(tmp_path)
    finally:
        first.close()
    Journal(tmp_path).close()  # free again


def test_journal_lock_is_held_across_threads(tmp_path: Path) -> None:
    first = Journal(tmp_path)
    errors: list[Exception] = []

    def other() -> None:
        try:
            Journal(tmp_path).close()
        except DeliveryError as e:
            errors.append(e)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    first.close()
    assert len(errors) == 1


# --- the rate --- #


@pytest.mark.parametrize(
    ("text", "per_minute"),
    [("30/min", 30.0), ("30", 30.0), ("2/s", 120.0), ("120/h", 2.0), ("1.5 / minute", 1.5)],
)
def test_parse_rate(text: str, per_minute: float) -> None:
    assert parse_rate(text) == pytest.approx(per_minute)


@pytest.mark.parametrize("text", ["", "0/min", "fast", "-3/min", "30/day"])
def test_parse_rate_refuses_nonsense(text: str) -> None:
    with pytest.raises(DeliveryError, match=r"--rate .*e\.g\. 30/min"):
        parse_rate(text)


def test_rate_limiter_spaces_messages() -> None:
    tick, sleep, sleeps = clock()
    limiter = RateLimiter(30, clock=tick, sleep=sleep)
    for _ in range(4):
        limiter.wait()
    assert sleeps == [2.0, 2.0, 2.0]
    unlimited = RateLimiter(None, clock=tick, sleep=sleep)
    for _ in range(4):
        unlimited.wait()
    assert len(sleeps) == 3
