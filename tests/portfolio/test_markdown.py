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
        '<div class="md"><p>To earn this badge:</p><ol><li><strong>Complete</strong> the '
        "<em>six</em> exercises.</li><li>Submit a program of your own.</li></ol><ul><li>see "
        'the page (<span class="url">https://example.org/c</span>) and <code>run.py</code>'
        '</li></ul><p><strong>Note</strong></p><ol start="3"><li>three</li></ol></div>'
    )


def test_markup_in_markdown_is_text() -> None:
    html = markdown('**<script>alert(1)</script>** [x](javascript:go()) <img src=x onerror="y">')
    tags = _parse(html)
    assert set(tags.tags) <= ALLOWED
    assert "script" not in tags.tags
    assert "<script>alert(1)</script>" in "".join(tags.text)
    assert all(name == "class" for name, _ in tags.attrs)


@given(st.text(alphabet=st.sampled_from("ab <>&\"'*_`[]()#-1.\n\t\u202e"), max_size=80))
def test_any_text_gives_only_the_allowed_tags(text: str) -> None:
    tags = _parse(markdown(text))
    assert set(tags.tags) <= ALLOWED
    assert {name for name, _ in tags.attrs} <= {"class", "start"}
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
    assert '<div class="md"><p>Complete the Python Basics course' in page
