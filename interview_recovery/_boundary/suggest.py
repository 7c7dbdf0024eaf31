"""Did-you-mean: the one way every message suggests the name a misspelt one was probably meant to be."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean"]


def did_you_mean(word: str, choices: Iterable[str], *, n: int = 1, cutoff: float = 0.6) -> str:
    """The end of a message suggesting the closest choices to a misspelt word, or nothing.

    Args:
        word: the word as given.
        choices: the words it could have meant.
        n: how many suggestions at most.
        cutoff: how alike a choice must be, from 0 to 1 (``difflib``'s default, 0.6, unless given).

    Returns:
        ``"; did you mean 'x'?"`` (or ``'x', 'y'`` for several), or ``""`` when none is close.

    >>> did_you_mean("noticd", ["noticed", "apology"])
    "; did you mean 'noticed'?"
    >>> did_you_mean("xyz", ["noticed"])
    ''
    """
    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=cutoff)
    return f"; did you mean {', '.join(map(repr, close))}?" if close else ""
