"""A real SMTP server on 127.0.0.1 (aiosmtpd) and a batch to send, for the sending tests.

The server records every message it accepts and answers as a test scripts it: a list of
replies for a recipient (``421`` then accepted, ``550`` for good), a dropped connection at the
DATA of some message, a hook run at each DATA (the kill test), a login, STARTTLS or TLS.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import ssl
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

import badgekit
from badgekit.batch import ArtworkSource, run_batch
from badgekit.credential import starter_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "keys"))
from keyserver import localhost_tls

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "NOW",
    "Accepted",
    "SmtpServer",
    "clock",
    "localhost_tls",
    "make_batch",
    "smtp_server",
]

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
SEED = bytes(range(32))


@dataclass(frozen=True)
class Accepted:
    """A message the server answered 250 to."""

    sender: str
    to: str
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


@dataclass
class SmtpServer:
    """The running server's address and what happened to it."""

    host: str = "127.0.0.1"
    port: int = 0
    accepted: list[Accepted] = field(default_factory=list)
    #: address -> replies to give its RCPT, in order; once used up, the address is accepted.
    rcpt_replies: dict[str, list[str]] = field(default_factory=dict)
    #: addresses always refused with this reply.
    refuse: dict[str, str] = field(default_factory=dict)
    #: drop the connection (no reply) at these DATA numbers (1 = the first DATA received).
    drop_at: set[int] = field(default_factory=set)
    #: called with the DATA number before it is answered; may return a reply to give instead.
    on_data: Callable[[int], str | None] | None = None
    #: the reply to every MAIL FROM, instead of accepting it.
    refuse_sender: str | None = None
    #: user -> password accepted by AUTH.
    users: dict[str, str] = field(default_factory=dict)
    datas: int = 0
    connections: int = 0
    logins: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def smtp(self) -> str:
        return f"{self.host}:{self.port}"

    def by_recipient(self) -> dict[str, list[Accepted]]:
        out: dict[str, list[Accepted]] = {}
        for message in self.accepted:
            out.setdefault(message.to, []).append(message)
        return out


class _Handler:
    def __init__(self, state: SmtpServer) -> None:
        self.state = state

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        session.host_name = hostname
        return responses

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.state.refuse_sender is not None:
            return self.state.refuse_sender
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        st = self.state
        with st.lock:
            if address in st.refuse:
                return st.refuse[address]
            queued = st.rcpt_replies.get(address)
            if queued:
                return queued.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        st = self.state
        with st.lock:
            st.datas += 1
            number = st.datas
        if st.on_data is not None:
            reply = await asyncio.get_running_loop().run_in_executor(None, st.on_data, number)
            if reply is not None:
                return reply
        if number in st.drop_at:
            assert server.transport is not None
            server.transport.abort()
            return "421 dropped"
        data = envelope.original_content or b""
        with st.lock:
            for to in envelope.rcpt_tos:
                st.accepted.append(Accepted(str(envelope.mail_from), to, data))
            queued = len(st.accepted)
        return f"250 2.0.0 Ok: queued as Q{queued}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_server(
    *,
    tls: tuple[str, str] | None = None,
    mode: str = "none",
    users: dict[str, str] | None = None,
) -> Iterator[SmtpServer]:
    """Run an SMTP server on 127.0.0.1 while the block runs.

    :param tls: (certificate, key) files, for ``mode`` ``"starttls"`` or ``"ssl"``.
    """
    state = SmtpServer(port=_free_port(), users=dict(users or {}))
    context = None
    if tls is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*tls)

    def authenticator(
        server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        if isinstance(data, LoginPassword):
            user, password = data.login.decode(), data.password.decode()
            state.logins.append(user)
            if state.users.get(user) == password:
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    kwargs: dict[str, Any] = {}
    if users is not None:
        kwargs.update(authenticator=authenticator, auth_require_tls=mode != "none")
    if mode == "starttls":
        kwargs["tls_context"] = context
    controller = Controller(
        _Handler(state),
        hostname="127.0.0.1",
        port=state.port,
        ssl_context=context if mode == "ssl" else None,
        server_hostname="localhost",
        **kwargs,
    )
    controller.start()
    try:
        yield state
    finally:
        controller.stop()


def make_batch(
    directory: Path, n: int, *, extra_rows: tuple[str, ...] = (), base_url: str | None = None
) -> Path:
    """A batch of ``n`` badges to ``person<i>@example.org`` (plus ``extra_rows``) in
    ``directory/out``; returns the batch directory."""
    achievement = directory / "achievement.toml"
    achievement.write_text(starter_file(), encoding="utf-8")
    rows = ["email,name", *(f"person{i}@example.org,Person {i}" for i in range(n)), *extra_rows]
    roster = directory / "roster.csv"
    roster.write_text("\n".join(rows) + "\n", encoding="utf-8")
    art = badgekit.render(badgekit.compose("circle-seal", {"title": "Test"}).svg, size=96)
    out = directory / "out"
    run_batch(
        roster,
        achievement=badgekit.Achievement.load(achievement),
        key=badgekit.KeyPair.from_seed(SEED),
        out_dir=out,
        artwork=ArtworkSource(image=art),
        now=NOW,
        base_url=base_url,
    )
    return out


def clock() -> tuple[Callable[[], float], Callable[[float], None], list[float]]:
    """A fake monotonic clock, a sleep that advances it, and the list of sleeps."""
    state = {"t": 0.0}
    sleeps: list[float] = []

    def tick() -> float:
        return state["t"]

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        state["t"] += seconds

    return tick, sleep, sleeps
