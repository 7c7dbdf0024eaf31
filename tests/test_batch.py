"""recommend_many(): the same plans as recommend() on each interview, errors that name the
interview, and an optional progress bar."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from interview_recovery import recommend, recommend_many

from .strategies import PATHS, interviews

STRENGTH = {"kind": "strength", "description": "My portfolio"}
SLIP = {"kind": "slip", "description": "Late", "noticed": "no"}


@pytest.mark.parametrize(("engine", "precompute"), PATHS)
@settings(max_examples=40, deadline=None)
@given(st.lists(interviews, max_size=8))
def test_the_plans_are_those_of_recommend_on_each_interview(
    engine: str, precompute: bool, batch: list[list[dict[str, Any]]]
) -> None:
    """recommend_many gives, in order, exactly the plan recommend gives each interview."""
    expected = [recommend(incidents, engine="python", precompute=False) for incidents in batch]
    assert expected == recommend_many(batch, engine=engine, precompute=precompute)  # type: ignore[arg-type]


def test_a_batch_of_ten_thousand_interviews() -> None:
    """10,000 interviews of one to three incidents each get their own plans, in order."""
    batch = [[dict(STRENGTH, description=f"strength {n}")] + [SLIP] * (n % 3) for n in range(10_000)]
    plans = recommend_many(batch)
    assert len(plans) == 10_000
    assert [f"strength {n}" for n in range(10_000)] == [plan.decisions[0].incident.description for plan in plans]
    assert [1 + n % 3 for n in range(10_000)] == [len(plan.decisions) for plan in plans]


def test_an_invalid_incident_is_named_by_interview_incident_and_field() -> None:
    """An invalid incident raises ValidationError located at its interview, its index and its field."""
    with pytest.raises(ValidationError) as caught:
        recommend_many([[STRENGTH], [STRENGTH, {"kind": "slip", "description": "Late", "noticed": "maybe"}]])
    assert [error["loc"] for error in caught.value.errors()] == [(1, 1, "slip", "noticed")]


@pytest.mark.parametrize(
    ("batch", "message"),
    [
        # One interview given instead of a list of them.
        (
            [STRENGTH],
            "interview 0 is a dict, not a list of incidents: recommend_many() takes one list of incidents per "
            "interview",
        ),
        # A string in place of an interview.
        (
            [[STRENGTH], "slip"],
            "interview 1 is a str, not a list of incidents: recommend_many() takes one list of incidents per interview",
        ),
        # A dict in place of the list of interviews.
        (
            {"a": [STRENGTH]},
            "recommend_many() takes a list of interviews, each a list of incidents, not a dict; for one interview call "
            "recommend(incidents)",
        ),
        # Nothing at all.
        (
            None,
            "recommend_many() takes a list of interviews, each a list of incidents, not a NoneType; for one interview "
            "call recommend(incidents)",
        ),
    ],
)
def test_a_batch_that_is_not_a_list_of_lists_is_refused_by_index(batch: Any, message: str) -> None:
    """A batch or interview that is not a list raises TypeError naming which one."""
    with pytest.raises(TypeError) as caught:
        recommend_many(batch)
    assert message == str(caught.value)


def test_an_unknown_engine_is_refused_before_any_work() -> None:
    """An unknown engine raises ValueError, even for an empty batch."""
    with pytest.raises(ValueError) as caught:
        recommend_many([], engine="drools")  # type: ignore[arg-type]
    assert str(caught.value) == "engine must be one of 'durable', 'python' or None, not 'drools'"


def test_the_progress_bar_counts_the_interviews(capsys: pytest.CaptureFixture[str]) -> None:
    """progress=True draws a tqdm bar on standard error that reaches the number of interviews."""
    plans = recommend_many([[STRENGTH]] * 25, progress=True)
    assert len(plans) == 25
    err = capsys.readouterr().err
    assert "interviews: 100%" in err
    assert "25/25" in err


def test_no_progress_bar_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    """Without progress=True nothing is written to standard error."""
    recommend_many([[STRENGTH]] * 25)
    assert tuple(capsys.readouterr()) == ("", "")


def test_the_progress_bar_without_tqdm_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """progress=True without tqdm raises ImportError naming the extra to install; without it, no error."""
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    with pytest.raises(ImportError) as caught:
        recommend_many([[STRENGTH]], progress=True)
    assert (
        str(caught.value)
        == "progress=True needs tqdm: pip install 'interview-recovery[progress]' (or pip install tqdm)"
    )
    assert len(recommend_many([[STRENGTH]])) == 1
