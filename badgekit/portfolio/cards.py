"""The badge wall's cards and details dialogs (not public API).

Built with :mod:`._html`, so every value is escaped.  A genuine badge (see
:mod:`.entry`) shows its claims; anything else shows only its file name, its status and
badgekit's reason, with a neutral placeholder instead of its artwork.  Every element that
shows text from a credential (or a file name) has ``dir="auto"``, so an Arabic or Hebrew
name reads right to left without turning the page around.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..credential.links import linkedin_url
from ..errors import CredentialError
from ._html import Html, el, join
from ._markdown import markdown
from .entry import BadgeStatus, day_of

if TYPE_CHECKING:
    from .entry import PortfolioEntry

__all__ = ["ONLINE_HINT", "STATUS_LABEL", "card", "nice_day"]

#: Pill text per status: a symbol (hidden from screen readers) and a word, never colour alone.
STATUS_LABEL = {
    BadgeStatus.VALID: ("\u2713", "Valid"),
    BadgeStatus.EXPIRED: ("\u25d4", "Expired"),
    BadgeStatus.REVOKED: ("\u2715", "Revoked"),
    BadgeStatus.SUSPENDED: ("\u2016", "Suspended"),
    BadgeStatus.NOT_YET_VALID: ("\u25d4", "Not yet valid"),
    BadgeStatus.NOT_VALID: ("\u2715", "Not valid"),
    BadgeStatus.UNVERIFIED: ("?", "Not verified"),
}
#: Shown on an unverified card of an offline scan: nothing failed, it needs the network.
ONLINE_HINT = "Could not be checked offline: check online with --online."
#: The verifier's own "(run with --online ...)" advice, left out where the hint says it.
_ADVICE = re.compile(r"\s*\(run with --online[^)]*\)(?=\.?$)")
#: ``dir="auto"``: the text's own direction (first strong letter), for credential text.
_AUTO = {"dir": "auto"}
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_CHECK_NAMES = {
    "container": "File",
    "format": "Format",
    "schema": "Schema",
    "jsonld": "JSON-LD",
    "proof": "Signature",
    "issuer_binding": "Issuer key",
    "dates": "Dates",
    "status": "Revocation",
    "recipient": "Recipient",
}


def nice_day(value: str | None) -> str | None:
    """``"2025-05-22"`` (or a date-time) as ``"22 May 2025"``; other text unchanged."""
    day = day_of(value)
    if day and len(day) == 10 and day[4] == day[7] == "-" and day.replace("-", "").isdigit():
        year, month, dom = int(day[:4]), int(day[5:7]), int(day[8:])
        if 1 <= month <= 12:
            return f"{dom} {_MONTHS[month - 1]} {year}"
    return day


def slug_class(status: BadgeStatus) -> str:
    """The CSS class of a status (``not-yet-valid``)."""
    return status.value.replace(" ", "-")


def pill(status: BadgeStatus, tag: str = "p") -> Html:
    """The status pill."""
    symbol, word = STATUS_LABEL[status]
    attrs = {"class": f"pill {slug_class(status)}", "data-status": status.value}
    return el(tag, attrs, el("span", {"aria-hidden": "true"}, symbol), word)


def _art(entry: PortfolioEntry, image: str | None, alt: str) -> Html:
    if image is not None:
        return el("img", {"class": "art", "src": image, "alt": alt, "width": 128, "height": 128})
    if entry.trusted:
        letter = (entry.name or "?")[:1].upper()
    else:  # "?": could not be checked (yet); "!": checked, and it failed
        letter = "?" if entry.status is BadgeStatus.UNVERIFIED else "!"
    return el("div", {"class": "art ph", "aria-hidden": "true"}, letter)


def alt_text(entry: PortfolioEntry) -> str:
    """The image's alt text: the credential's image caption, else the badge name."""
    caption = (entry.badge or {}).get("image_caption")
    if isinstance(caption, str) and caption.strip():
        return caption.strip()
    return f"{entry.name} badge" if entry.name else f"badge image of {entry.file}"


def _needs_hint(entry: PortfolioEntry, online: bool) -> bool:
    return entry.status is BadgeStatus.UNVERIFIED and not online


def _hint() -> Html:
    """:data:`ONLINE_HINT`, with ``--online`` kept on one line."""
    text, option, end = ONLINE_HINT.rpartition("--online")[0], "--online", "."
    return el("p", {"class": "hint"}, text, el("span", {"class": "nowrap"}, option), end)


def _reason(entry: PortfolioEntry, online: bool) -> str | None:
    """badgekit's reason; without its "(run with --online)" when the hint follows."""
    reason = entry.reason
    return _ADVICE.sub("", reason) if reason and _needs_hint(entry, online) else reason


def card(entry: PortfolioEntry, number: int, image: str | None, *, online: bool = False) -> Html:
    """One grid item: image, name, issuer, date, status, and the details button + dialog.

    :param online: the scan could use the network (an unverified card then gets no hint to
        check online).
    """
    status = entry.status
    dialog_id = f"details-{number}"
    title_id = f"title-{number}"
    if entry.trusted:
        earned = nice_day(entry.earned)
        body = [
            el("h3", {"id": title_id, **_AUTO}, entry.name or "Untitled badge"),
            el("p", {"class": "issuer", **_AUTO}, entry.issuer or "Unknown issuer"),
            el("p", {"class": "date"}, "Earned ", el("time", {"datetime": entry.earned}, earned))
            if earned
            else None,
        ]
        label = entry.name or entry.file
    else:
        body = [
            el("h3", {"id": title_id, "class": "url", **_AUTO}, entry.file),
            el("p", {"class": "reason"}, _reason(entry, online)),
        ]
        if _needs_hint(entry, online):
            body.append(_hint())
        label = entry.file
    if entry.trusted and status is not BadgeStatus.VALID and entry.reason:
        body.append(el("p", {"class": "reason"}, entry.reason))
    button = el(
        "button",
        {"type": "button", "class": "more", "command": "show-modal", "commandfor": dialog_id},
        "Details",
        el("span", {"class": "vh"}, f" of {label}"),
    )
    dim = " dim" if entry.trusted and status is not BadgeStatus.VALID else ""
    return el(
        "li",
        {
            "class": f"card st-{slug_class(status)}{dim}",
            "id": f"badge-{number}",
            "data-status": status.value,
            "aria-labelledby": title_id,
        },
        _art(entry, image, alt_text(entry) if entry.trusted else ""),
        *body,
        pill(status),
        button,
        _dialog(entry, dialog_id, image, online=online),
    )


#: Genuine badges that may go on a LinkedIn profile (not ones their issuer withdrew).
_SHAREABLE = frozenset({BadgeStatus.VALID, BadgeStatus.EXPIRED})


def _share(entry: PortfolioEntry) -> Html | None:
    """An "Add to LinkedIn" link: LinkedIn's add-to-profile form for a certification, filled
    in with the badge's name, issuer, dates, id and page (a link away, never a request)."""
    if entry.status not in _SHAREABLE or entry.badge is None:
        return None
    try:
        url = linkedin_url(entry.badge)
    except CredentialError:
        return None
    link = el(
        "a",
        {"class": "linkedin", "href": url, "rel": "noopener noreferrer", "target": "_blank"},
        "Add to LinkedIn",
        el("span", {"class": "vh"}, " (opens linkedin.com in a new tab)"),
    )
    return el("p", {"class": "share"}, link)


def _fact(term: str, value: Any) -> Html | None:
    if value in (None, "", [], ()):
        return None
    return join([el("dt", None, term), el("dd", _AUTO, value)])


def _section(title: str, *content: Html | None) -> Html | None:
    if not any(content):
        return None
    return join([el("h3", None, title), *content])


def _evidence(items: list[dict[str, Any]]) -> Html | None:
    rows = []
    for e in items:
        parts = [
            el("strong", None, e["name"]) if e.get("name") else None,
            el("span", {"class": "prose"}, " \u2014 " + e["narrative"])
            if e.get("narrative")
            else None,
            el("span", None, " " + e["description"]) if e.get("description") else None,
            el("span", {"class": "url"}, " " + e["id"]) if e.get("id") else None,
        ]
        rows.append(el("li", _AUTO, *parts))
    return el("ul", {"class": "items"}, *rows) if rows else None


def _results(entry: PortfolioEntry) -> Html | None:
    rows = [
        el("li", _AUTO, el("strong", None, what), ": ", outcome) for what, outcome in entry.results
    ]
    return el("ul", {"class": "items results"}, *rows) if rows else None


def _alignment(items: list[dict[str, Any]]) -> Html | None:
    rows = []
    for a in items:
        framework = " ".join(x for x in (a.get("target_framework"), a.get("target_code")) if x)
        parts = [
            el("strong", None, a.get("target_name") or "Alignment"),
            el("span", None, f" ({framework})") if framework else None,
            el("span", None, " \u2014 " + a["target_description"])
            if a.get("target_description")
            else None,
            el("span", {"class": "url"}, " " + a["target_url"]) if a.get("target_url") else None,
        ]
        rows.append(el("li", _AUTO, *parts))
    return el("ul", {"class": "items"}, *rows) if rows else None


def _checks(entry: PortfolioEntry) -> Html:
    rows = [
        el(
            "li",
            {"class": f"ck-{c.status.value}", "data-check": c.id},
            el("span", {"class": "ck"}, c.status.value),
            el(
                "span",
                None,
                el("span", {"class": "ck-name"}, _CHECK_NAMES.get(c.id, c.id)),
                ": ",
                c.message,
            ),
        )
        for c in entry.report.checks
    ]
    return el("ul", {"class": "checks"}, *rows)


def _details(entry: PortfolioEntry) -> list[Html | None]:
    b = entry.badge or {}
    facts = el(
        "dl",
        {"class": "facts"},
        _fact("Issuer", entry.issuer),
        _fact("Issuer ID", b.get("issuer_id") if b.get("issuer_id") != entry.issuer else None),
        _fact("Issuer website", b.get("issuer_url")),
        _fact("Earned", nice_day(entry.earned)),
        _fact("Expires", nice_day(entry.expires)),
        _fact("Recipient", b.get("recipient")),
        _fact("Type", b.get("achievement_type")),
        _fact("Open Badges", entry.report.version),
        _fact("File", entry.file),
    )
    criteria_url = b.get("criteria_url")
    return [
        facts,
        _share(entry),
        _section("Description", el("p", {"class": "prose", **_AUTO}, b["description"]))
        if b.get("description")
        else None,
        _section(
            "Criteria",
            markdown(b["criteria_narrative"]) if b.get("criteria_narrative") else None,
            el("p", None, "Criteria page: ", el("span", {"class": "url"}, criteria_url))
            if criteria_url
            else None,
        ),
        # The earner's own story and results: the criteria are the same for every earner.
        _section("How it was earned", markdown(entry.narrative) if entry.narrative else None),
        _section("Results", _results(entry)),
        _section("Evidence", _evidence(list(b.get("evidence") or []))),
        _section("Alignment", _alignment(list(b.get("alignment") or []))),
        _section(
            "Tags", el("ul", {"class": "tags"}, *(el("li", _AUTO, t) for t in b.get("tags") or []))
        )
        if b.get("tags")
        else None,
    ]


def _dialog(entry: PortfolioEntry, dialog_id: str, image: str | None, *, online: bool) -> Html:
    heading_id = f"{dialog_id}-heading"
    if entry.trusted:
        heading = entry.name or "Untitled badge"
        content = _details(entry)
    else:
        heading = entry.file
        content = [
            el(
                "p",
                None,
                "badgekit could not confirm who issued this file, so nothing it claims is "
                "shown. Reason: ",
                _reason(entry, online),
            ),
            _hint() if _needs_hint(entry, online) else None,
        ]
    close = el(
        "button",
        {
            "type": "button",
            "class": "close",
            "command": "close",
            "commandfor": dialog_id,
            "autofocus": True,
        },
        "Close",
        el("span", {"class": "vh"}, " details"),
    )
    head = el(
        "div",
        {"class": "dlg-head"},
        _art(entry, image, ""),
        el(
            "div",
            {"class": "dlg-title"},
            el("h2", {"id": heading_id, **_AUTO}, heading),
            pill(entry.status),
        ),
        close,
    )
    return el(
        "dialog",
        {"id": dialog_id, "aria-labelledby": heading_id},
        el(
            "div",
            {"class": "dlg"},
            head,
            *content,
            el("h3", None, "Verification checks"),
            _checks(entry),
        ),
    )
