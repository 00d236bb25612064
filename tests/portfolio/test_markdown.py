"""The criteria narrative (Markdown in OB 3.0) is shown formatted, and stays text."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from hypothesis import given
from hypothesis import strategies as st

from badgekit.portfolio._markdown import markdown

if TYPE_CHECKING:
    from pathlib import Path

    import badgekit

ALLOWED = {"div", "p", "ul", "ol", "li", "strong", "em", "code", "span"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def test_lists_emphasis_and_paragraphs() -> None:
    html = markdown(
        "To earn this badge:\n\n1. **Complete** the *six* exercises.\n2. Submit a program\n"
        "   of your own.\n\n- see [the page](https://example.org/c) and `run.py`\n## Note\n"
        "3. three"
    )
    assert html == (
        '<div class="md"><p dir="auto">To earn this badge:</p><ol dir="auto"><li><strong>'
        "Complete</strong> the <em>six</em> exercises.</li><li>Submit a program of your own."
        '</li></ol><ul dir="auto"><li>see the page (<span class="url">https://example.org/c'
        '</span>) and <code>run.py</code></li></ul><p dir="auto"><strong>Note</strong></p>'
        '<ol dir="auto" start="3"><li>three</li></ol></div>'
    )


def test_markup_in_markdown_is_text() -> None:
    html = markdown('**<script>alert(1)</script>** [x](javascript:go()) <img src=x onerror="y">')
    tags = _parse(html)
    assert set(tags.tags) <= ALLOWED
    assert "script" not in tags.tags
    assert "<script>alert(1)</script>" in "".join(tags.text)
    assert all((name, value) in {("class", "md"), ("class", "url"), ("dir", "auto")}
               for name, value in tags.attrs)  # fmt: skip


@given(st.text(alphabet=st.sampled_from("ab <>&\"'*_`[]()#-1.\n\t\u202e"), max_size=80))
def test_any_text_gives_only_the_allowed_tags(text: str) -> None:
    tags = _parse(markdown(text))
    assert set(tags.tags) <= ALLOWED
    assert {name for name, _ in tags.attrs} <= {"class", "start", "dir"}
    assert {value for name, value in tags.attrs if name == "dir"} <= {"auto"}
    # No character of the input is lost except the Markdown marks and white space.
    words = re.findall(r"[ab<>&\"']+", text)
    shown = "".join(tags.text)
    assert all(w in shown for w in words)


def test_unclosed_marks_take_linear_time() -> None:
    start = time.perf_counter()
    markdown("**a" * 20_000)
    markdown("_a " * 20_000 + "\n" + "[" * 20_000)
    assert time.perf_counter() - start < 5


def test_the_details_show_the_criteria_formatted(
    portfolio: badgekit.Portfolio, tmp_path: Path
) -> None:
    import badgekit as bk

    page = bk.write_badge_wall(portfolio, tmp_path / "site").index.read_text()
    # portfolio_support writes "Complete the Python Basics course and its final project."
    assert '<div class="md"><p dir="auto">Complete the Python Basics course' in page


def test_each_paragraph_takes_its_own_direction() -> None:
    # An Arabic paragraph reads right to left and the English one after it left to right:
    # each block has dir="auto" (the browser takes its first strong letter).
    arabic, hebrew = "\u0623\u062d\u0645\u062f **\u0641\u0627\u0632**", "\u05e9\u05dc\u05d5\u05dd"
    tags = _parse(markdown(f"{arabic}\n\nThen: 1st.\n\n- {hebrew}"))
    assert tags.tags == ["div", "p", "strong", "p", "ul", "li"]
    assert tags.attrs.count(("dir", "auto")) == 3  # p, p, ul: every block, never the inline parts
