"""One badge email: addresses, headers, the text and HTML parts and the badge (not public API).

The structure is the one mail clients expect for "a message with a picture in it and a file
attached" (RFC 2046 §5.1, RFC 2387)::

    multipart/mixed
    ├── multipart/alternative
    │   ├── text/plain            the message as plain text
    │   └── multipart/related
    │       ├── text/html         the message as HTML, showing <img src="cid:...">
    │       └── image/png         the badge, inline (Content-ID)
    └── image/png                 the badge, attached (the baked file, byte for byte)

An SVG badge is attached but not shown inline: most mail clients do not display SVG.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from typing import TYPE_CHECKING

from ..errors import DeliveryError
from .layout import html_document

if TYPE_CHECKING:
    from datetime import datetime

    from .template import RenderedMessage

__all__ = ["Badge", "address_problem", "build_message", "new_message_id", "parse_sender"]

_ATOM = r"[^@\s<>()\[\],;:\"\\]+"
_ADDRESS = re.compile(rf"^{_ATOM}@{_ATOM}\.{_ATOM}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: Longest address SMTP accepts in a path (RFC 5321 §4.5.3.1.3: 256 with the brackets).
MAX_ADDRESS = 254
_MIME = {"png": ("image", "png"), "svg": ("image", "svg+xml")}


def address_problem(address: str | None) -> str | None:
    """Why ``address`` cannot be sent to (``None`` when it is a usable address)."""
    if not address:
        return "no email address"
    if len(address) > MAX_ADDRESS:
        return f"the address is longer than {MAX_ADDRESS} characters"
    local = address.rpartition("@")[0]
    if (
        not _ADDRESS.match(address)
        or ".." in address
        or local.startswith(".")
        or local.endswith(".")
    ):
        return f"{address!r} is not a valid email address"
    return None


def parse_sender(text: str) -> tuple[str, str]:
    """``"PD Office <pd@example.org>"`` -> ``("PD Office", "pd@example.org")``.

    :raises DeliveryError: not a name and address (or a bare address).
    """
    found = getaddresses([text])
    name, address = found[0] if len(found) == 1 else ("", "")
    problem = address_problem(address) if address else "not one name and address"
    if problem is None and _CONTROL.search(name):
        problem = "the name contains a control character"
    if problem is not None:
        msg = f'--from {text!r}: {problem} (write it as "PD Office <pd@example.org>")'
        raise DeliveryError(msg)
    return " ".join(name.split()), address


def _mailbox(name: str | None, address: str) -> str:
    """A ``To``/``From`` header value: ``"Name" <address>``, or the bare address.

    The name is a quoted string (RFC 5322 §3.2.4) with control characters and line breaks
    made spaces: a roster name cannot add a header, and a comma or ``<`` in it stays part of
    the name.  Not :func:`email.utils.formataddr`: it refuses a non-ASCII address (RFC 6531),
    and its encoded-word names lose their quotes when written for SMTPUTF8.
    """
    shown = " ".join(_CONTROL.sub(" ", name or "").split())
    if not shown:
        return address
    quoted = shown.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{quoted}" <{address}>'


def new_message_id(sender_address: str) -> str:
    """A new globally unique Message-ID (RFC 5322 §3.6.4) in the sender's domain."""
    return make_msgid(domain=sender_address.rpartition("@")[2])


@dataclass(frozen=True)
class Badge:
    """The badge file to attach: its bytes, format (``png``/``svg``) and attachment name."""

    data: bytes
    fmt: str
    filename: str
    alt: str


def build_message(
    rendered: RenderedMessage,
    *,
    sender: tuple[str, str],
    to: tuple[str | None, str],
    badge: Badge,
    message_id: str,
    date: datetime,
) -> EmailMessage:
    """The email for one earner.

    :param sender: (name, address) of the sender.
    :param to: (name or ``None``, address) of the earner.
    """
    msg = EmailMessage()
    msg["From"] = _mailbox(*sender)
    msg["To"] = _mailbox(*to)
    msg["Subject"] = rendered.subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    msg.set_content(rendered.text)
    maintype, subtype = _MIME[badge.fmt]
    inline = badge.fmt == "png"
    cid = make_msgid(domain=sender[1].rpartition("@")[2]) if inline else None
    html = html_document(
        rendered.html,
        title=rendered.subject,
        image_cid=cid[1:-1] if cid else None,
        image_alt=badge.alt,
    )
    msg.add_alternative(html, subtype="html")
    if cid is not None:
        html_part = msg.get_body(("html",))
        assert isinstance(html_part, EmailMessage)
        html_part.add_related(
            badge.data, maintype, subtype, cid=cid, disposition="inline", filename=badge.filename
        )
    msg.add_attachment(badge.data, maintype, subtype, filename=badge.filename)
    return msg
