"""The message template: Markdown with ``{field}`` placeholders -> plain text and HTML (not
public API).

Fields (:data:`FIELDS`): ``{name}`` the earner's name, ``{badge}`` the achievement's name,
``{issuer}`` the issuer's name, ``{verify_url}`` where to learn about and check the badge,
``{linkedin_url}`` LinkedIn's "Add to profile" link.  ``{{`` and ``}}`` are literal braces.

A line that uses a field with no value for an earner (no ``{name}`` in the roster, no
``{verify_url}`` for the batch) is left out of that earner's message, so an optional sentence
goes on a line of its own and the message reads well without it.

Values never become Markdown or HTML: the template is parsed with placeholders standing in
for the fields, and the values are put into the parsed text afterwards, so the HTML renderer
escapes them and an earner called ``*Ada* <b>`` is shown as written.  Only the URL fields may
be a link's address (``[text]({linkedin_url})``); a URL field in running text becomes a link.
"""

from __future__ import annotations

import difflib
import re
import secrets
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .._assets import data_file
from ..errors import MessageTemplateError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

__all__ = [
    "DEFAULT_SUBJECT",
    "FIELDS",
    "URL_FIELDS",
    "MessageTemplate",
    "RenderedMessage",
    "default_template",
]

FIELDS = ("name", "badge", "issuer", "verify_url", "linkedin_url")
URL_FIELDS = frozenset({"verify_url", "linkedin_url"})
DEFAULT_SUBJECT = "Your {badge} badge from {issuer}"
#: Longest template accepted (a message, not a book).
MAX_TEMPLATE_CHARS = 100_000

# Inline CSS per tag: mail clients drop <style> blocks or rewrite them; inline styles survive.
_FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"
_TEXT = f"{_FONT};font-size:16px;line-height:1.55;color:#1f2933"
_STYLES = {
    "p": f"margin:0 0 16px;{_TEXT}",
    "h1": f"margin:0 0 16px;{_FONT};font-size:24px;line-height:1.3;color:#102a43",
    "h2": f"margin:24px 0 12px;{_FONT};font-size:20px;line-height:1.3;color:#102a43",
    "h3": f"margin:20px 0 8px;{_FONT};font-size:17px;line-height:1.3;color:#102a43",
    "ul": "margin:0 0 16px;padding-left:24px",
    "ol": "margin:0 0 16px;padding-left:24px",
    "li": f"margin:0 0 8px;{_TEXT}",
    "a": "color:#1d4ed8;text-decoration:underline",
    "code": "font-family:Menlo,Consolas,monospace;font-size:14px;background:#f1f5f9;"
    "padding:1px 4px;border-radius:3px",
    "pre": "margin:0 0 16px;padding:12px;background:#f1f5f9;border-radius:6px;"
    "overflow:auto;font-size:14px",
    "blockquote": "margin:0 0 16px;padding:0 0 0 14px;border-left:3px solid #cbd5e1;color:#475569",
    "hr": "border:0;border-top:1px solid #e2e8f0;margin:24px 0",
}


@dataclass(frozen=True)
class RenderedMessage:
    """One earner's message: subject, plain text and the HTML body (a fragment)."""

    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class _Field:
    name: str


_Segment = str | _Field


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(name, FIELDS, n=1, cutoff=0.5)
    return f" (did you mean {{{close[0]}}}?)" if close else ""


def _parse_line(line: str, where: str) -> list[_Segment]:
    try:
        parts = list(string.Formatter().parse(line))
    except ValueError:
        msg = f"{where}: a single {{ or }} (write {{{{ or }}}} for a brace)"
        raise MessageTemplateError(msg) from None
    out: list[_Segment] = []
    known = ", ".join(f"{{{f}}}" for f in FIELDS)
    for literal, field, spec, conversion in parts:
        if literal:
            out.append(literal)
        if field is None:
            continue
        if not field.strip():
            msg = f"{where}: an empty field {{}}; fields: {known}"
            raise MessageTemplateError(msg)
        if field not in FIELDS:
            msg = f"{where}: unknown field {{{field}}}{_suggest(field)}; fields: {known}"
            raise MessageTemplateError(msg)
        if spec or conversion:
            msg = f"{where}: {{{field}}} takes no format or conversion (write just {{{field}}})"
            raise MessageTemplateError(msg)
        out.append(_Field(field))
    return out


class MessageTemplate:
    """A checked message template (body in Markdown, subject in plain text).

    >>> t = MessageTemplate("Hello {name},\\n\\nYou earned **{badge}**.")
    >>> t.render({"name": "Ada", "badge": "Python Basics"}).text
    'Hello Ada,\\n\\nYou earned Python Basics.\\n'

    :param source: the Markdown body.
    :param subject: the subject line (fields allowed; every field it uses should have a value).
    :param where: the template's name in error messages (its file name).
    :raises MessageTemplateError: an empty message or subject, an unknown field (named, with
        a suggestion), a lone brace, a field where it cannot go (a non-URL field as a link
        address, a field in an image).
    """

    def __init__(self, source: str, *, subject: str = DEFAULT_SUBJECT, where: str = "message"):
        if len(source) > MAX_TEMPLATE_CHARS:
            msg = f"{where}: longer than {MAX_TEMPLATE_CHARS:,} characters"
            raise MessageTemplateError(msg)
        if not source.strip():
            msg = f"{where}: the message is empty"
            raise MessageTemplateError(msg)
        if not subject.strip():
            msg = "--subject is empty: give the subject line"
            raise MessageTemplateError(msg)
        self.where = where
        self._lines = [
            _parse_line(line, f"{where}, line {number}")
            for number, line in enumerate(source.splitlines(), 1)
        ]
        self._subject = _parse_line(" ".join(subject.split()), "--subject")
        self._md = MarkdownIt("commonmark", {"html": False})
        self._check_placement()

    @classmethod
    def load(cls, path: str, *, subject: str = DEFAULT_SUBJECT) -> MessageTemplate:
        """Read a template file (UTF-8 Markdown).

        :raises FileAccessError: the file cannot be read.
        :raises MessageTemplateError: see the class.
        """
        from .._io import read_bytes

        try:
            text = read_bytes(path, limit=MAX_TEMPLATE_CHARS * 4).decode("utf-8-sig")
        except UnicodeDecodeError:
            msg = f"{path}: the message template is not UTF-8 text"
            raise MessageTemplateError(msg) from None
        return cls(text, subject=subject, where=str(path))

    @property
    def fields(self) -> frozenset[str]:
        """The fields the template (body and subject) uses."""
        used = [s for line in [*self._lines, self._subject] for s in line]
        return frozenset(s.name for s in used if isinstance(s, _Field))

    def render(self, values: Mapping[str, str | None]) -> RenderedMessage:
        """One earner's message; a body line using a field without a value is left out."""
        tokens, marks = self._tokens(values)
        _fill(tokens, marks, values)
        subject = "".join(
            s if isinstance(s, str) else (values.get(s.name) or "") for s in self._subject
        )
        html = self._md.renderer.render(_styled(tokens), self._md.options, {})
        return RenderedMessage(" ".join(subject.split()), _plain(tokens), html)

    # -- internals --

    def _tokens(self, values: Mapping[str, str | None]) -> tuple[list[Token], dict[str, str]]:
        """Parse the kept lines with a random placeholder for each field."""
        nonce = secrets.token_hex(6)
        marks = {f"bkf{nonce}x{i}x": name for i, name in enumerate(FIELDS)}
        mark_of = {name: mark for mark, name in marks.items()}
        lines = []
        for segments in self._lines:
            names = [s.name for s in segments if isinstance(s, _Field)]
            if any(not values.get(n) for n in names):
                continue
            lines.append("".join(s if isinstance(s, str) else mark_of[s.name] for s in segments))
        return self._md.parse("\n".join(lines) + "\n"), marks

    def _check_placement(self) -> None:
        tokens, marks = self._tokens(dict.fromkeys(FIELDS, "x"))
        pattern = re.compile("|".join(marks))
        for token in _walk(tokens):
            for attr, raw in (token.attrs or {}).items():
                value = str(raw)
                found = [marks[m] for m in pattern.findall(value)]
                if not found:
                    continue
                whole = token.type == "link_open" and attr == "href" and value in marks
                if token.type == "image":
                    msg = f"{self.where}: {{{found[0]}}} cannot go into an image"
                    raise MessageTemplateError(msg)
                if not whole or found[0] not in URL_FIELDS:
                    urls = " or ".join(f"{{{f}}}" for f in sorted(URL_FIELDS))
                    msg = (
                        f"{self.where}: {{{found[0]}}} cannot be a link address; a link's "
                        f"address is {urls} alone, e.g. [Add it to LinkedIn]({{linkedin_url}})"
                    )
                    raise MessageTemplateError(msg)


def _walk(tokens: Sequence[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _fill(tokens: list[Token], marks: dict[str, str], values: Mapping[str, str | None]) -> None:
    """Put the values in place of the placeholders (as text: the renderer escapes it)."""
    pattern = re.compile("(" + "|".join(marks) + ")")

    def sub(text: str) -> str:
        return pattern.sub(lambda m: values.get(marks[m.group()]) or "", text)

    for token in tokens:
        if token.type in ("fence", "code_block"):
            token.content = sub(token.content)
        if not token.children:
            continue
        children: list[Token] = []
        in_link = 0
        for child in token.children:
            if child.type == "link_open":
                in_link += 1
                href = str(child.attrs.get("href", ""))
                child.attrSet("href", sub(href))
            elif child.type == "link_close":
                in_link -= 1
            if child.type == "text" and pattern.search(child.content):
                children.extend(_split_text(child.content, pattern, marks, values, in_link > 0))
                continue
            if child.type == "code_inline":
                child.content = sub(child.content)
            children.append(child)
        token.children = children


def _split_text(
    text: str,
    pattern: re.Pattern[str],
    marks: dict[str, str],
    values: Mapping[str, str | None],
    in_link: bool,
) -> list[Token]:
    """A text token with placeholders -> text tokens, and a link for a URL field outside one."""
    out: list[Token] = []
    for i, piece in enumerate(pattern.split(text)):
        if i % 2 == 0:
            if piece:
                out.append(_text(piece))
            continue
        name, value = marks[piece], values.get(marks[piece]) or ""
        if name in URL_FIELDS and not in_link:
            out.append(Token("link_open", "a", 1, attrs={"href": value}))
            out.append(_text(value))
            out.append(Token("link_close", "a", -1))
        else:
            out.append(_text(value))
    return out


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _styled(tokens: list[Token]) -> list[Token]:
    for token in _walk(tokens):
        style = _STYLES.get(token.tag)
        if style and token.nesting >= 0 and token.type != "text":
            token.attrSet("style", style)
    return tokens


def _plain(tokens: Sequence[Token]) -> str:
    """The parsed template as plain text: Markdown marks dropped, links as ``text <url>``."""
    blocks: list[str] = []
    lists: list[list[int]] = []  # per open list: [next number] (or [-1] for bullets)
    quote = 0
    pending: str | None = None
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start", 1)) if kind == "ordered_list_open" else -1
            lists.append([start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            counter = lists[-1]
            indent = "   " * (len(lists) - 1)
            pending = f"{indent}- " if counter[0] < 0 else f"{indent}{counter[0]}. "
            if counter[0] >= 0:
                counter[0] += 1
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind in ("inline", "fence", "code_block", "hr"):
            if kind == "inline":
                text = _inline_text(token.children or [])
            elif kind == "hr":
                text = "----"
            else:
                text = "\n".join("    " + line for line in token.content.rstrip("\n").split("\n"))
            if pending is not None:
                text, pending = pending + text.replace("\n", "\n   "), None
            if quote:
                text = "\n".join("> " * quote + line for line in text.split("\n"))
            blocks.append(text)
    return "\n\n".join(_tight(blocks)) + "\n"


def _tight(blocks: list[str]) -> list[str]:
    # Items of one list go on consecutive lines: join each run of list items with one newline.
    out: list[str] = []
    item = re.compile(r"^\s*(?:- |\d+\. )")
    for block in blocks:
        if out and item.match(block) and item.match(out[-1].split("\n")[-1]):
            out[-1] += "\n" + block
        else:
            out.append(block)
    return out


def _inline_text(children: Sequence[Token]) -> str:
    parts: list[str] = []
    hrefs: list[tuple[str, int]] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "link_open":
            hrefs.append((str(child.attrs.get("href", "")), len(parts)))
        elif child.type == "link_close" and hrefs:
            href, start = hrefs.pop()
            label = "".join(parts[start:])
            if href and href != label:
                parts.append(f" <{href}>")
    return "".join(parts)


def default_template(subject: str = DEFAULT_SUBJECT) -> MessageTemplate:
    """The message that ships with badgekit (``badgekit/_data/message.md``)."""
    source = data_file("message.md").read_text(encoding="utf-8")
    return MessageTemplate(source, subject=subject, where="the default message")
