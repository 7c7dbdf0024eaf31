"""The wording's text handling is linear in the input: the string methods that replaced its
quadratic regular expressions give exactly what those gave, and the worst inputs found for them
are handled (their time is bounded in ``benchmarks/wording.py``, not here)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_recovery import recommend
from interview_recovery._notes import wording

# The regular expressions the wording used, quadratic on long runs of what they strip.
OLD_TRAILING = re.compile(r"[\s.,;:!?\u2026\u2014\u2013-]+$")
OLD_SENTENCE_TRAILING = re.compile(r"[\s,;:\u2026\u2014\u2013-]+$|\.{2,}$")
OLD_WORD = re.compile(r"^[(\"'\u201c\u2018]*(.*?)[)\"'\u201d\u2019,]*$")

# Letters and every character the patterns treat specially, so that runs of them are common.
ALPHABET = "ab .,;:!?\u2026\u2014\u2013-()\"'\u201c\u2018\u201d\u2019\t\u00a0\n"
texts = st.text(alphabet=ALPHABET, max_size=30)


@given(texts)
def test_mid_sentence_strips_what_the_regular_expression_stripped(text: str) -> None:
    """mid_sentence gives, for any text, what the old trailing-punctuation expression gave."""
    collapsed = " ".join(text.split())
    assert wording.mid_sentence(text) == (OLD_TRAILING.sub("", collapsed) or collapsed)


@given(texts)
def test_whole_sentences_strips_what_the_regular_expression_stripped(text: str) -> None:
    """whole_sentences gives, for any text, what the old sentence-ending expression gave."""
    stripped = OLD_SENTENCE_TRAILING.sub("", " ".join(text.split()))
    expected = stripped if re.search(r"[.!?][)\"'\u201d\u2019]*$", stripped) else stripped + "."
    assert wording.whole_sentences(text) == expected


@given(st.text(alphabet=ALPHABET.replace(" ", "").replace("\t", "").replace("\n", "").replace("\u00a0", "")))
def test_a_bare_word_is_what_the_regular_expression_left(word: str) -> None:
    """A word's quotes, brackets and trailing commas go exactly as the old expression took them."""
    match = OLD_WORD.match(word)
    assert wording._bare(word) == (match.group(1) if match else word).lower()


WORST = [
    # 10,000 characters of ",-" after a letter, ending in one: every start in the run was tried.
    ("x" + ",-" * 4_999 + "x", None),
    # One long word of commas between two letters: the word pattern's lazy group tried each comma.
    ("a" + "," * 9_998 + "x", None),
    # Spaced full stops, each a sentence break.
    ("a" + " ." * 4_999 + "x", None),
    # A long run stripped to the word before it.
    ("A family emergency" + ",-" * 4_990, "a family emergency"),
]


@pytest.mark.parametrize(("text", "topic"), WORST, ids=lambda v: repr(v)[:12])
def test_the_worst_texts_found_are_worded_and_drafted(text: str, topic: str | None) -> None:
    """The worst inputs found for the old expressions give their wording (or none) and a note."""
    assert wording.explanation_topic(text) == topic
    plan = recommend([{"kind": "strength", "description": text}] * 40, engine="python")
    assert "Dear Marie," in str(plan.draft_note("Marie"))
