"""A tiny HTML builder that escapes by default (not public API).

Every string becomes text unless it is :class:`Html`, which only this module and literal
markup written by badgekit produce.  So text from a credential can never become markup: a
badge named ``<script>`` is shown as those characters.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["Html", "el", "esc", "join"]

_VOID = frozenset({"img", "meta", "link", "br", "hr", "input"})

Child = "Html | str | int | None"


# Bidi overrides/isolates (text that reads differently from what it is) and control
# characters other than tab and newline (invalid in HTML): removed from every text.
_DROP = dict.fromkeys(
    [
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)


class Html(str):
    """Markup that is already safe (built by :func:`el`, or a literal written by badgekit)."""

    __slots__ = ()


def esc(value: object) -> Html:
    """``value`` as HTML text (``&``, ``<``, ``>``, and both quotes escaped; control
    characters and bidi overrides removed); :class:`Html` passes through unchanged."""
    if isinstance(value, Html):
        return value
    return Html(escape(str(value).translate(_DROP), quote=True))


def join(parts: Iterable[Html | str | int | None], sep: str = "") -> Html:
    """Concatenate escaped parts (``None`` is skipped)."""
    return Html(sep.join(esc(p) for p in parts if p is not None))


def el(
    tag: str,
    attrs: Mapping[str, str | int | bool | None] | None = None,
    *children: Html | str | int | None,
) -> Html:
    """An element: ``el("p", {"class": "x"}, "a < b")`` is ``<p class="x">a &lt; b</p>``.

    Attribute names come from badgekit's code, never from data; values are escaped.  ``None``
    and ``False`` leave an attribute out; ``True`` writes it bare.
    """
    rendered = []
    for name, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        rendered.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    head = f"<{tag}{''.join(rendered)}>"
    if tag in _VOID:
        return Html(head)
    return Html(f"{head}{join(children)}</{tag}>")
