"""Arbitrary text through every output format: text, Markdown, JSON, HTML and the drafted messages
show it as the text it is, on the lines it belongs to, and never as markup or a control sequence."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_recovery import Plan, recommend
from interview_recovery._boundary.escape import one_line
from interview_recovery._views.render import html, markdown

from ..golden_files import check_golden
from ..strategies import characters

SENTINEL = "Q\ue000Q"
"""Text no template holds (a private-use character between letters, as text must say something):
where it shows, the user's text would."""

# Markdown's and HTML's own characters, weighted in, so the examples try them often.
MARKUP = st.sampled_from([*"\\`*_[]()<>&|~#+-=.!:/@;'\" \n\twW1", "www.", "://", "<script>", "&amp;", "](j:x)"])
hostile_text = (
    st.lists(MARKUP | characters, min_size=1, max_size=40).map("".join).filter(lambda s: any(c.isalnum() for c in s))
)
"""Text the incident model accepts, rich in markup."""

single_spaced = hostile_text.map(one_line).filter(bool)
"""The same, as it shows on one line (single spaces, none at either end)."""

# The extensions GitHub uses, with raw HTML let through: the escaping, not the renderer, must hold.
_EXTENSIONS = ["table", "strikethrough", "autolink"]


def _plan(text: str) -> Plan:
    """A plan in which every incident, and so every reason, step item and draft, carries ``text``."""
    return recommend(
        [
            {"kind": "slip", "description": text, "noticed": "certain", "realised_later": True},
            {"kind": "off_target_answer", "description": text, "noticed": "certain", "better_answer": text},
            {"kind": "omission", "description": text, "category": "education"},
            {"kind": "strength", "description": text},
            # Its step item is the description alone: text at the start of a Markdown list item.
            {"kind": "distraction", "description": text, "serious_life_event": True},
        ]
    )


def _markdown_html(plan: Plan) -> str:
    return cmarkgfm.markdown_to_html_with_extensions(
        markdown(plan), options=Options.CMARK_OPT_UNSAFE, extensions=_EXTENSIONS
    )


class _Reader(HTMLParser):
    """The tags of an HTML document in order (links apart), its text, and its links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._link: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._link = (dict(attrs).get("href") or "", [])
        else:
            self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], "".join(self._link[1])))
            self._link = None
        else:
            self.tags.append(f"/{tag}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._link is not None:
            self._link[1].append(data)


def _read(document: str) -> _Reader:
    reader = _Reader()
    reader.feed(document)
    reader.close()
    return reader


def _text_of(reader: _Reader) -> str:
    return "".join(reader.text)


_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
"""What may not appear in text output: every control character but the line feed."""


@settings(max_examples=60, deadline=None)
@given(hostile_text)
def test_arbitrary_text_keeps_every_format_in_shape(text: str) -> None:
    """With any text the model accepts in every incident, each format has the shape it has for a
    plain word: the same lines of text output and drafts, the same HTML elements, the same
    Markdown once rendered (an e-mail address aside, which GitHub links as 'mailto:'), no control
    character but line feeds, and JSON that reads back as the same plan."""
    plan, plain = _plan(text), _plan(SENTINEL)

    for render in (
        str,
        lambda p: str(p.draft_note("Marie")),
        lambda p: str(p.draft_distraction_message("Marie") or ""),
    ):
        shown, expected = render(plan), render(plain)
        assert (len(expected.splitlines()), None) == (len(shown.splitlines()), _REFUSED.search(shown))

    assert _read(html(plain)).tags == _read(html(plan)).tags
    for note in (plan.draft_note("Marie"), plan.draft_distraction_message("Marie")):
        # The note's view marks gaps and questioned wording, which vary with the text: it may
        # hold no element the text could have brought.
        assert set() == {"script", "img", "a", "iframe", "b", "em"} & set(_read(note._repr_html_()).tags)

    rendered = _read(_markdown_html(plan))
    assert _read(_markdown_html(plain)).tags == rendered.tags
    for href, shown in rendered.links:
        assert (href[:7], href[7:] == shown and "@" in shown) == ("mailto:", True), (href, shown)

    data = plan.model_dump_json(indent=2)
    assert (plan, None) == (Plan.model_validate_json(data), _REFUSED.search(data))
    assert plan.model_dump(mode="json") == json.loads(data)


@settings(max_examples=60, deadline=None)
@given(single_spaced)
def test_text_on_one_line_shows_exactly_as_written(text: str) -> None:
    """Text on one line shows exactly as written, where a plain word would, in the text output,
    the HTML and the rendered Markdown."""
    plan, plain = _plan(text), _plan(SENTINEL)
    assert str(plain).replace(SENTINEL, text) == str(plan)
    assert _text_of(_read(html(plain))).replace(SENTINEL, text) == _text_of(_read(html(plan)))
    assert _text_of(_read(_markdown_html(plain))).replace(SENTINEL, text) == _text_of(_read(_markdown_html(plan)))


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "![x](http://example.com/x.png)",
        "*emphasis* __strong__ ~~struck~~ `code`",
        "a | b || c",
        "&lt;not a tag&gt; &amp; &copy;",
        "www.example.com and https://example.com",
        "# heading",
        "1. not a list",
        "\\*not emphasis\\*",
    ],
)
def test_markup_in_a_description_renders_as_text(text: str) -> None:
    """Each kind of markup in a description renders, from Markdown and from HTML, as the text typed."""
    plan, plain = _plan(text), _plan(SENTINEL)
    assert _text_of(_read(_markdown_html(plain))).replace(SENTINEL, text) == _text_of(_read(_markdown_html(plan)))
    assert _read(_markdown_html(plain)).tags == _read(_markdown_html(plan)).tags
    assert _text_of(_read(html(plain))).replace(SENTINEL, text) == _text_of(_read(html(plan)))


def test_a_line_break_in_a_description_cannot_forge_a_line() -> None:
    """A description holding a line break and a plan line shows on one line in the text output and Markdown."""
    plan = recommend([{"kind": "strength", "description": "Fine\n  2. Forged line\n"}])
    assert str(plan).splitlines()[1] == "  1. Fine 2. Forged line"
    assert "| 1 | Fine 2. Forged line | remind_strength |" in markdown(plan)


def test_the_markdown_of_a_hostile_interview_matches_golden_file() -> None:
    """The Markdown of an interview full of markup reads as the escaped text a person would expect."""
    check_golden(
        "plan-hostile.md",
        markdown(
            recommend(
                [
                    {"kind": "strength", "description": "<b>Bold</b> *claims* about [my site](javascript:x)"},
                    {"kind": "slip", "description": "A | in the table", "noticed": "unsure"},
                    {"kind": "distraction", "description": "1. a list? www.example.com", "serious_life_event": True},
                ]
            )
        ),
    )
