"""The public API is exactly what ``__all__`` says, sorted (as httpx tests its own)."""

from __future__ import annotations

import interview_recovery


def test_all_is_sorted() -> None:
    """``__all__`` is kept sorted, so additions are easy to review."""
    assert sorted(interview_recovery.__all__) == interview_recovery.__all__


def test_all_is_complete() -> None:
    """Every public name the package exposes is in ``__all__``, and every name there exists."""
    public = {name for name in vars(interview_recovery) if not name.startswith("_")}
    modules = {"cli", "exceptions"}
    dunders = {"__version__"}
    assert set(interview_recovery.__all__) == (public - modules) | dunders
