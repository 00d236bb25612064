"""Talking to the issuer's SMTP server: connect, TLS, login, one message at a time, retries
(not public API).

Each message is one SMTP transaction (MAIL, RCPT, DATA; RFC 5321 §3.3) so that the server's
own answer to the data, ``250 2.0.0 Ok: queued as ...``, is kept in the journal.  Answers are
sorted by their first digit (RFC 5321 §4.2.1): ``2yz`` accepted, ``4yz`` try again later
(with backoff; ``421`` also closes the connection), ``5yz`` refused for good.  A dropped
connection is reopened and the message sent again.

TLS is verified against the system's trust store (:func:`ssl.create_default_context`), or a
CA file given for a private server.  The password is only ever handed to ``smtplib.login``:
it is not in any message, log line or ``repr``.
"""

from __future__ import annotations

import base64
import ipaddress
import smtplib
import ssl
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..errors import DeliveryError, SmtpAuthError, SmtpError, TlsError

if TYPE_CHECKING:
    from collections.abc import Callable

    from .rate import RateLimiter

__all__ = ["Attempt", "Delivered", "SmtpConnection", "SmtpSettings", "deliver"]

Security = Literal["none", "starttls", "ssl"]


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the issuer's SMTP server.

    :ivar security: ``"starttls"`` (upgrade, usually port 587), ``"ssl"`` (TLS from the first
        byte, usually 465) or ``"none"`` (a relay on the local network, port 25).
    :ivar password: never shown (not in ``repr``).
    :ivar cafile: a PEM file of CA certificates to trust instead of the system's.
    """

    host: str
    port: int
    security: Security = "none"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    cafile: str | None = None
    timeout: float = 60.0

    @property
    def address(self) -> str:
        """``host:port``."""
        return f"{self.host}:{self.port}"

    def check(self) -> None:
        """Refuse settings that would leak the password.

        :raises DeliveryError: a login without TLS to a server that is not on this machine,
            a login without a password, or a host that is no name (``a..b``).
        """
        try:
            self.host.encode("idna")  # what the socket does; a bad name was an internal error
        except UnicodeError:
            msg = f"--smtp {self.host!r}: not a host name (an empty or too long label)"
            raise DeliveryError(msg) from None
        if self.user is not None and not self.password:
            msg = "--user needs a password: name the environment variable with --password-env"
            raise DeliveryError(msg)
        if self.user is not None and self.security == "none" and not _loopback(self.host):
            msg = (
                f"--user without --starttls or --ssl would send the password to {self.host} "
                "in clear; add --starttls (port 587) or --ssl (port 465)"
            )
            raise DeliveryError(msg)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Attempt:
    """The result of one try: ``accepted``, ``failed`` (5xx) or ``retry`` (4xx, dropped)."""

    outcome: Literal["accepted", "failed", "retry"]
    reply: str
    #: The connection dropped (or could not be opened) rather than the server answering.
    dropped: bool = False


class _Unreachable(SmtpError):
    """The connection cannot be opened (refused, timed out, dropped during the greeting)."""


def _words(code: int, text: bytes | str) -> str:
    raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return " ".join(f"{code} {raw}".split())


class SmtpConnection:
    """One connection to the server, reopened when it drops.

    :raises SmtpError: (from :meth:`open`) cannot connect.
    :raises TlsError: TLS fails (certificate not verified, STARTTLS not offered).
    :raises SmtpAuthError: the login is refused.
    """

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None
        self._context: ssl.SSLContext | None = None

    def _tls(self) -> ssl.SSLContext:
        if self._context is None:
            try:
                self._context = ssl.create_default_context(cafile=self.settings.cafile)
            except (OSError, ssl.SSLError) as e:
                msg = f"--cafile {self.settings.cafile}: cannot load CA certificates ({e})"
                raise TlsError(msg) from None
        return self._context

    @property
    def is_open(self) -> bool:
        """Whether a connection is up (as far as this side knows)."""
        return self._smtp is not None

    def open(self) -> None:
        """Connect, upgrade to TLS and log in, as the settings say."""
        s = self.settings
        context = self._tls() if s.security != "none" else None
        smtp: smtplib.SMTP | None = None
        try:
            # Connecting in the constructor: it is what tells TLS the host name to verify.
            smtp = (
                smtplib.SMTP_SSL(s.host, s.port, context=context, timeout=s.timeout)
                if s.security == "ssl"
                else smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            )
            if s.security == "starttls":
                smtp.ehlo()
                if not smtp.has_extn("starttls"):
                    msg = f"{s.address} does not offer STARTTLS; try --ssl (port 465)"
                    raise TlsError(msg)
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.user is not None:
                self._login(smtp)
        except BaseException as e:
            if smtp is not None:
                _close(smtp)
            if isinstance(e, DeliveryError):
                raise
            if isinstance(e, ssl.SSLCertVerificationError):
                msg = (
                    f"TLS with {s.address}: the server's certificate did not verify "
                    f"({e.verify_message}); for a private CA give its certificate with --cafile"
                )
                raise TlsError(msg) from None
            if isinstance(e, ssl.SSLError):
                msg = f"TLS with {s.address} failed ({e.reason or e}); check --ssl/--starttls"
                raise TlsError(msg) from None
            if isinstance(e, smtplib.SMTPException | OSError):
                msg = f"cannot talk to the SMTP server {s.address} ({_reason(e)})"
                raise _Unreachable(msg) from None
            raise
        self._smtp = smtp

    def _login(self, smtp: smtplib.SMTP) -> None:
        s = self.settings
        assert s.user is not None
        assert s.password is not None
        try:
            if (s.user + s.password).isascii():
                smtp.login(s.user, s.password)
            else:
                _login_utf8(smtp, s.user, s.password)
        except smtplib.SMTPAuthenticationError as e:
            reply = _words(e.smtp_code, e.smtp_error)
            msg = f"{s.address} refused the login of {s.user!r}: {reply}"
            raise SmtpAuthError(msg) from None
        except smtplib.SMTPNotSupportedError:
            hint = "" if s.security != "none" else "; many servers offer it only with --starttls"
            msg = f"{s.address} offers no login (AUTH){hint}"
            raise SmtpAuthError(msg) from None
        except smtplib.SMTPException as e:
            msg = f"login to {s.address} as {s.user!r} failed ({_reason(e)})"
            raise SmtpAuthError(msg) from None

    def send(self, data: bytes, sender: str, recipient: str) -> Attempt:
        """One SMTP transaction; opens the connection first if needed.

        :raises SmtpError: the connection cannot be opened, or the server refused the sender
            for good (every message would fail).
        """
        if self._smtp is None:
            self.open()
        smtp = self._smtp
        assert smtp is not None
        try:
            smtp.ehlo_or_helo_if_needed()
            options = self._options(smtp, data, sender, recipient)
            if isinstance(options, Attempt):
                return options
            code, text = smtp.mail(sender, options)
            if code != 250:
                return self._refused(code, text, sender=sender)
            code, text = smtp.rcpt(recipient)
            if code not in (250, 251):
                return self._refused(code, text)
            code, text = smtp.data(data)
            if code != 250:
                return self._refused(code, text)
            return Attempt("accepted", _words(code, text))
        except smtplib.SMTPDataError as e:  # DATA itself refused (no 354)
            return self._refused(e.smtp_code, e.smtp_error)
        except (smtplib.SMTPServerDisconnected, OSError) as e:
            self.close(polite=False)
            return Attempt("retry", f"connection lost ({_reason(e)})", dropped=True)

    def _options(
        self, smtp: smtplib.SMTP, data: bytes, sender: str, recipient: str
    ) -> list[str] | Attempt:
        options: list[str] = []
        if smtp.does_esmtp and smtp.has_extn("size"):
            options.append(f"SIZE={len(data)}")
        if not (sender + recipient).isascii():
            if not smtp.has_extn("smtputf8"):
                return Attempt("failed", "the server does not take non-ASCII addresses (SMTPUTF8)")
            options += ["SMTPUTF8", "BODY=8BITMIME"]
        return options

    def _refused(self, code: int, text: bytes | str, *, sender: str | None = None) -> Attempt:
        reply = _words(code, text)
        if code == 421 or code < 400:  # closing, or nonsense: start again on a new connection
            self.close(polite=False)
            return Attempt("retry", reply, dropped=code < 400)
        try:
            self._smtp.rset() if self._smtp is not None else None
        except (smtplib.SMTPException, OSError):
            self.close(polite=False)
        if code >= 500 and sender is not None:
            msg = f"{self.settings.address} refused the sender {sender}: {reply}"
            raise SmtpError(msg)
        return Attempt("failed" if code >= 500 else "retry", reply)

    def close(self, *, polite: bool = True) -> None:
        """Say QUIT (when ``polite``) and close; never raises."""
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            _close(smtp, polite=polite)


def _login_utf8(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """AUTH PLAIN with UTF-8 credentials (RFC 4616 §2), which ``smtplib.login`` sends only as
    ASCII (a non-ASCII password was an internal UnicodeEncodeError).

    :raises smtplib.SMTPException: the server offers no PLAIN login.
    :raises smtplib.SMTPAuthenticationError: the login is refused.
    """
    smtp.ehlo_or_helo_if_needed()
    if "PLAIN" not in smtp.esmtp_features.get("auth", "").upper().split():
        msg = "no AUTH PLAIN offered, the only login for a non-ASCII user name or password"
        raise smtplib.SMTPException(msg)
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
    if code != 235:  # RFC 4954 §6: 235 2.7.0 Authentication successful
        raise smtplib.SMTPAuthenticationError(code, reply)


def _close(smtp: smtplib.SMTP, *, polite: bool = False) -> None:
    try:
        if polite:
            smtp.quit()
    except (smtplib.SMTPException, OSError):
        pass
    try:
        smtp.close()
    except OSError:
        pass


def _reason(e: BaseException) -> str:
    if isinstance(e, smtplib.SMTPResponseException):
        return _words(e.smtp_code, e.smtp_error)
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return str(e) or type(e).__name__


@dataclass(frozen=True)
class Delivered:
    """The end of one message: ``accepted``, ``failed`` (5xx) or ``deferred`` (4xx to the
    end), with the server's last words and the attempts made."""

    status: Literal["accepted", "failed", "deferred"]
    reply: str
    attempts: int


def deliver(
    connection: SmtpConnection,
    data: bytes,
    *,
    sender: str,
    recipient: str,
    limiter: RateLimiter,
    sleep: Callable[[float], None],
    on_retry: Callable[[int, str], None],
    max_attempts: int = 5,
    backoff: float = 2.0,
    max_backoff: float = 120.0,
) -> Delivered:
    """Send one message, retrying 4xx answers and dropped connections with exponential
    backoff (``backoff``, twice that, ... at most ``max_backoff`` seconds).

    :param on_retry: called with (attempt, reply) after each try that will be retried, before
        the wait (the journal records it).
    :raises SmtpError: the connection cannot be reopened after ``max_attempts`` tries, or the
        server refused the sender.
    """
    attempt = 0
    while True:
        attempt += 1
        limiter.wait()
        try:
            result = connection.send(data, sender, recipient)
        except _Unreachable as e:
            if attempt >= max_attempts:
                raise
            result = Attempt("retry", str(e), dropped=True)
        if result.outcome != "retry":
            return Delivered(result.outcome, result.reply, attempt)
        if attempt >= max_attempts:
            if result.dropped:  # the server is gone, not this message refused: stop the run
                msg = (
                    f"lost the connection to {connection.settings.address} and could not "
                    f"send again ({result.reply})"
                )
                raise SmtpError(msg)
            return Delivered("deferred", result.reply, attempt)
        on_retry(attempt, result.reply)
        sleep(min(max_backoff, backoff * 2 ** (attempt - 1)))
