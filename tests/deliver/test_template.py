"""The message template: fields checked (named, with a suggestion), values escaped, optional
lines, plain text and HTML, the default message."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from badgekit.deliver import FIELDS, MessageTemplate, default_template
from badgekit.errors import FileAccessError, MessageTemplateError

if TYPE_CHECKING:
    from pathlib import Path

VALUES: dict[str, str | None] = {
    "name": "Ada Lovelace",
    "badge": "Python Basics",
    "issuer": "PD Office",
    "verify_url": "https://pd.example.org/badges/verify.html",
    "linkedin_url": "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=x",
}


class _Parsed(HTMLParser):
    """The HTML's tags, links and text, read back by a real parser."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs)["href"] or "")

    def handle_data(self, data: str) -> None:
        self.text += data


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hello {nmae},", r"line 1: unknown field \{nmae\} \(did you mean \{name\}\?\)"),
        ("Hi\n\n{verify_lnk}", r"line 3: unknown field \{verify_lnk\} \(did you mean \{verify_url"),
        ("{recipient_email}", r"unknown field \{recipient_email\}; fields: \{name\}, \{badge\}"),
        ("Hello {name", r"a single \{ or \} \(write \{\{ or \}\} for a brace\)"),
        ("Hello {}", r"an empty field \{\}"),
        ("Hello {name!r}", r"\{name\} takes no format or conversion"),
        ("Hello {name:>10}", r"\{name\} takes no format or conversion"),
        ("[you]({name})", r"\{name\} cannot be a link address"),
        ("[check](https://x.org/?u={verify_url})", r"\{verify_url\} cannot be a link address"),
        ("![badge]({verify_url})", r"\{verify_url\} cannot go into an image"),
        (" \n\n\t", r"the message is empty"),  # it was sent: the badge with no word
    ],
)  # fmt: skip
def test_template_mistakes_are_one_line_errors_naming_the_field(source: str, expected: str) -> None:
    with pytest.raises(MessageTemplateError, match=expected) as caught:
        MessageTemplate(source, where="message.md")
    assert str(caught.value).startswith("message.md")
    assert "\n" not in str(caught.value)


def test_subject_fields_are_checked_too() -> None:
    with pytest.raises(MessageTemplateError, match=r"--subject.*\{badg\} \(did you mean \{badge\}"):
        MessageTemplate("Hi", subject="Your {badg}")
    with pytest.raises(MessageTemplateError, match=r"^--subject is empty"):
        MessageTemplate("Hi", subject=" ")


def test_every_field_is_filled_and_braces_can_be_written() -> None:
    body = "\n\n".join(f"{f}: {{{f}}}" for f in FIELDS) + "\n\nliteral {{braces}}"
    rendered = MessageTemplate(body, subject="{badge} from {issuer}").render(VALUES)
    assert rendered.subject == "Python Basics from PD Office"
    for field, value in VALUES.items():
        assert f"{field}: {value}" in rendered.text
    assert "literal {braces}" in rendered.text
    assert "literal {braces}" in _Parsed(rendered.html).text


def test_values_are_escaped_never_markdown_or_html() -> None:
    template = MessageTemplate("Hello **{name}**, from {issuer}.\n\n`{badge}`")
    hostile = {
        **VALUES,
        "name": "<script>alert(1)</script> *Ada* [x](https://evil.example)",
        "issuer": 'A & B "quoted" <i>',
        "badge": "</code><b>",
    }
    rendered = template.render(hostile)
    parsed = _Parsed(rendered.html)
    assert "script" not in parsed.tags
    assert "b" not in parsed.tags
    assert "i" not in parsed.tags
    assert parsed.links == []  # a name shaped like a link stays text
    assert "<script>alert(1)</script> *Ada* [x](https://evil.example)" in parsed.text
    assert 'A & B "quoted" <i>' in parsed.text
    assert "&lt;script&gt;" in rendered.html
    # The plain text shows the values as they are.
    assert "Hello <script>alert(1)</script> *Ada* [x](https://evil.example), from" in rendered.text


def test_url_fields_become_links_in_html_and_bracketed_urls_in_text() -> None:
    template = MessageTemplate(
        "Check it at {verify_url}\n\n[Add it to LinkedIn]({linkedin_url})\n\n"
        "[{verify_url}]({verify_url})"
    )
    rendered = template.render(VALUES)
    parsed = _Parsed(rendered.html)
    assert parsed.links == [VALUES["verify_url"], VALUES["linkedin_url"], VALUES["verify_url"]]
    assert "&amp;name=x" in rendered.html  # the & of the query escaped in the attribute
    assert f"Check it at {VALUES['verify_url']}\n" in rendered.text
    assert f"Add it to LinkedIn <{VALUES['linkedin_url']}>" in rendered.text
    assert f"\n{VALUES['verify_url']}\n" in rendered.text  # a link to itself: shown once


def test_a_line_using_a_field_without_a_value_is_left_out() -> None:
    template = MessageTemplate(
        "Hello {name},\n\nYou earned {badge}.\n\n- [Check it]({verify_url})\n- Keep the file.\n"
    )
    rendered = template.render({**VALUES, "name": None, "verify_url": ""})
    assert rendered.text == "You earned Python Basics.\n\n- Keep the file.\n"
    parsed = _Parsed(rendered.html)
    assert parsed.links == []
    assert "Hello" not in parsed.text
    assert "Check" not in parsed.text


def test_plain_text_keeps_lists_quotes_and_code_readable() -> None:
    source = "# Well done\n\n1. one\n2. two\n\n> a quote by {name}\n\n```\ncode {badge}\n```\n"
    text = MessageTemplate(source).render(VALUES).text
    assert text == (
        "Well done\n\n1. one\n2. two\n\n> a quote by Ada Lovelace\n\n    code Python Basics\n"
    )


def test_html_has_inline_styles_for_mail_clients() -> None:
    html = MessageTemplate("# Title\n\nText [link]({verify_url})\n\n- item").render(VALUES).html
    for tag in ("h1", "p", "a", "ul", "li"):
        assert re.search(rf"<{tag}\b[^>]*style=\"[^\"]+\"", html), tag


def test_default_message_reads_well_with_and_without_the_optional_parts() -> None:
    template = default_template()
    assert template.fields == frozenset(FIELDS)
    full = template.render(VALUES)
    assert full.subject == "Your Python Basics badge from PD Office"
    assert full.text.startswith("Hello Ada Lovelace,\n\nCongratulations! PD Office has awarded")
    assert "attached" in full.text
    links = _Parsed(full.html).links
    assert links == [VALUES["linkedin_url"], VALUES["verify_url"]]
    bare = template.render({**VALUES, "name": None, "verify_url": None})
    assert bare.text.startswith("Congratulations! PD Office has awarded you the Python Basics")
    assert "verify" not in bare.text
    assert "{" not in bare.text
    assert "None" not in bare.text
    assert _Parsed(bare.html).links == [VALUES["linkedin_url"]]


def test_load_reads_utf8_files_and_names_the_file_in_errors(tmp_path: Path) -> None:
    good = tmp_path / "message.md"
    good.write_text("Bonjour {name}, voilà **{badge}**", encoding="utf-8")
    assert "voilà Python Basics" in MessageTemplate.load(str(good)).render(VALUES).text
    bad = tmp_path / "latin1.md"
    bad.write_bytes("voilà {name}".encode("latin-1"))
    with pytest.raises(
        MessageTemplateError, match=r"latin1\.md: the message template is not UTF-8"
    ):
        MessageTemplate.load(str(bad))
    typo = tmp_path / "typo.md"
    typo.write_text("Hi\n{isuer}", encoding="utf-8")
    hint = r"typo\.md, line 2: unknown field \{isuer\} \(did you mean \{issuer\}\?\)"
    with pytest.raises(MessageTemplateError, match=hint):
        MessageTemplate.load(str(typo))
    with pytest.raises(FileAccessError, match="no such file"):
        MessageTemplate.load(str(tmp_path / "missing.md"))
