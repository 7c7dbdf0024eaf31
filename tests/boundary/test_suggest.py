"""Did-you-mean: every message suggests the closest names the same way, and only names it could have meant."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_recovery._boundary.suggest import did_you_mean

NAMES = st.text(alphabet="abcdefghij_", min_size=1, max_size=12)


@pytest.mark.parametrize(
    ("word", "choices", "n", "expected"),
    [
        # a misspelt field gets the one closest name
        ("noticd", ["noticed", "apology", "realised_later"], 1, "; did you mean 'noticed'?"),
        # several close names, when asked for
        (
            "apologise-slip",
            ["apologise-slips", "apologise-slip-later", "keep-private"],
            2,
            "; did you mean 'apologise-slips', 'apologise-slip-later'?",
        ),
        # nothing close: nothing said
        ("zzz", ["noticed", "apology"], 1, ""),
        # no choices at all
        ("noticed", [], 1, ""),
    ],
)
def test_the_hint_names_the_closest_choices(word: str, choices: list[str], n: int, expected: str) -> None:
    """The hint names up to ``n`` close choices, closest first, or is empty."""
    assert expected == did_you_mean(word, choices, n=n)


@given(NAMES, st.lists(NAMES, max_size=8))
def test_a_hint_only_ever_names_given_choices(word: str, choices: list[str]) -> None:
    """Whatever the word, a hint names only choices it was given, and a choice given exactly is suggested."""
    hint = did_you_mean(word, choices, n=3)
    named = hint.removeprefix("; did you mean ").removesuffix("?").split(", ") if hint else []
    assert [name for name in named if name.strip("'") not in choices] == []
    assert (word in choices) <= (repr(word) in named)
