"""A small, safe Markdown subset for the badge wall (not public API).

Open Badges 3.0 gives a criteria narrative as Markdown (ob3-spec.md §2, Criteria), so the
wall shows it formatted instead of with its ``**`` and ``1.`` marks: paragraphs, bulleted and
numbered lists, headings (as bold lines), ``**bold**``, ``*italic*``, ```code``` and
``[text](address)`` (the text, then the address as plain text: the page has no links).
There is no raw HTML: every piece of text goes through :func:`._html.el`, so ``<b>`` in a
narrative is shown as those characters.  Anything else is shown as written.  Each paragraph
and list has ``dir="auto"``: an Arabic or Hebrew paragraph reads right to left, and an
English one next to it left to right.
"""

from __future__ import annotations

import re

from ._html import Html, el, join

__all__ = ["inline", "markdown"]

# Spans are bounded (``{0,300}``), so a long line of unclosed marks stays linear in time.
_INLINE = re.compile(
    r"\*\*(?P<b1>\S(?:.{0,300}?\S)?)\*\*"
    r"|__(?P<b2>\S(?:.{0,300}?\S)?)__"
    r"|\*(?P<i1>\S(?:.{0,300}?\S)?)\*"
    r"|(?<!\w)_(?P<i2>\S(?:.{0,300}?\S)?)_(?!\w)"
    r"|`(?P<code>[^`]{1,300})`"
    r"|\[(?P<text>[^\]]{1,300})\]\((?P<url>[^)\s]{1,2000})\)"
)
_ITEM = re.compile(r"\s{0,3}(?:[-*+]|(?P<n>\d{1,9})[.)])\s+(?P<rest>.*)")
_HEADING = re.compile(r"\s{0,3}#{1,6}\s+(?P<rest>.*?)(?:\s+#+)?\s*$")
#: Each block takes its direction from its first strong letter (Unicode bidi, HTML ``dir``).
_AUTO = {"dir": "auto"}


def inline(text: str) -> Html:
    """One line of Markdown text: emphasis, code and links; everything else as text."""
    parts: list[Html | str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        parts.append(text[pos : m.start()])
        bold, italic = m["b1"] or m["b2"], m["i1"] or m["i2"]
        if bold:
            parts.append(el("strong", None, inline(bold)))
        elif italic:
            parts.append(el("em", None, inline(italic)))
        elif m["code"]:
            parts.append(el("code", None, m["code"]))
        else:
            url = el("span", {"class": "url"}, m["url"])
            parts.append(join([inline(m["text"]), " (", url, ")"]))
        pos = m.end()
    parts.append(text[pos:])
    return join(parts)


def markdown(text: str) -> Html:
    """Markdown text as a ``<div class="md">`` of paragraphs and lists."""
    blocks: list[Html] = []
    para: list[str] = []
    items: list[str] = []
    start: int | None = None  # the first number of a numbered list; None for bullets

    def end_paragraph() -> None:
        if para:
            blocks.append(el("p", _AUTO, inline(" ".join(para))))
            para.clear()

    def end_list() -> None:
        nonlocal start
        if items:
            lis = [el("li", None, inline(i)) for i in items]
            if start is None:
                blocks.append(el("ul", _AUTO, *lis))
            else:
                blocks.append(
                    el("ol", {"dir": "auto", "start": start if start != 1 else None}, *lis)
                )
            items.clear()
        start = None

    for line in text.splitlines():
        stripped = line.strip()
        item, heading = _ITEM.fullmatch(line), _HEADING.fullmatch(line)
        if not stripped:
            end_paragraph()
            end_list()
        elif item:
            end_paragraph()
            number = int(item["n"]) if item["n"] else None
            if items and (number is None) != (start is None):
                end_list()
            if not items:
                start = number
            items.append(item["rest"])
        elif heading:
            end_paragraph()
            end_list()
            blocks.append(el("p", _AUTO, el("strong", None, inline(heading["rest"]))))
        elif items:
            items[-1] += " " + stripped  # a continuation line of the last item
        else:
            para.append(stripped)
    end_paragraph()
    end_list()
    return el("div", {"class": "md"}, *blocks)
