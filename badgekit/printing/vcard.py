"""vCard 4.0 (RFC 6350) for an earner: name, title, organisation, badge wall, valid badges
(not public API; :func:`make_vcard` and :func:`write_vcard` are re-exported by
:mod:`badgekit`).

Text values are escaped (§3.4: backslash, comma, semicolon, newline as ``\\n``), control
characters dropped, and every content line folded at 75 octets (§3.2) without splitting a
UTF-8 sequence, with CRLF line ends.  Nothing depends on the clock (no ``REV``), so the same
portfolio gives the same card.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..portfolio.cards import nice_day
from .badges import earner_for, valid_badges
from .output import check_target, output_format, write_output
from .target import check_url

if TYPE_CHECKING:
    import os

    from ..portfolio.entry import Portfolio

__all__ = ["escape_text", "fold_line", "make_vcard", "write_vcard"]

#: RFC 6350 §3.2: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break."
MAX_LINE_OCTETS = 75
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    """A TEXT value escaped as RFC 6350 §3.4 asks (``\\\\``, ``\\,``, ``\\;``, ``\\n``)."""
    clean = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    out = clean.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return out.replace("\n", "\\n")


def fold_line(line: str) -> str:
    """Fold one content line into CRLF-joined pieces of at most 75 octets (§3.2): every
    continuation starts with one space, and no UTF-8 character is cut in two."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > MAX_LINE_OCTETS:
            pieces.append("".join(current))
            current, size = [" "], 1
        current.append(ch)
        size += n
    pieces.append("".join(current))
    return "\r\n".join(pieces)


def _split_name(name: str) -> tuple[str, str]:
    """(family, given) for ``N``: the last word as the family name, as most address books
    guess; the full name is always in ``FN``, which is what they show."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return words[-1], " ".join(words[:-1])


def make_vcard(
    portfolio: Portfolio,
    *,
    name: str | None = None,
    job_title: str | None = None,
    org: str | None = None,
    wall_url: str | None = None,
) -> str:
    """The earner's vCard 4.0, listing the portfolio's valid badges in ``NOTE``.

    >>> text = badgekit.make_vcard(folio, name="Ada Lovelace",
    ...                            wall_url="https://ada.example/badges/")  # doctest: +SKIP

    :param name: the earner's name (default: the name the valid badges state, if they agree).
    :param job_title: ``TITLE``; :param org: ``ORG``; :param wall_url: ``URL``, where the
        earner published their badge wall.
    :raises EarnerNameError: no name given and the badges state none (or several).
    :raises LinkRequiredError: ``wall_url`` is not a web address.
    """
    badges = valid_badges(portfolio)
    full = earner_for(badges, name)
    family, given = _split_name(full)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "PRODID:-//badgekit//badgekit//EN",
        f"FN:{escape_text(full)}",
        f"N:{escape_text(family)};{escape_text(given)};;;",
    ]
    if job_title and job_title.strip():
        lines.append(f"TITLE:{escape_text(' '.join(job_title.split()))}")
    if org and org.strip():
        lines.append(f"ORG:{escape_text(' '.join(org.split()))}")
    if wall_url:
        lines.append(f"URL:{check_url(wall_url, '--wall-url')}")
    if badges:
        listed = [
            f"{e.name} ({e.issuer}, {nice_day(e.earned)})" if e.earned else f"{e.name} ({e.issuer})"
            for e in badges
        ]
        lines.append("NOTE:" + escape_text("Verified Open Badges:\n" + "\n".join(listed)))
    lines.append("END:VCARD")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def write_vcard(
    portfolio: Portfolio,
    out: str | os.PathLike[str],
    *,
    name: str | None = None,
    job_title: str | None = None,
    org: str | None = None,
    wall_url: str | None = None,
) -> str:
    """Write :func:`make_vcard`'s card to ``out`` (a ``.vcf`` file), atomically.

    :raises PrintError: ``out`` is not a ``.vcf`` file, or is a folder.
    """
    output_format(out, ("vcf",))
    check_target(out, ())
    text = make_vcard(portfolio, name=name, job_title=job_title, org=org, wall_url=wall_url)
    write_output(out, text.encode("utf-8"))
    return text
