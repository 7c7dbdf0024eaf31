"""recommend_many(): the same plans as recommend() on each interview, errors that name the
interview, and an optional progress bar."""

from __future__ import annotations

import gc
import itertools
import sys
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from interview_recovery import Plan, iter_recommend, recommend, recommend_many

from ..strategies import PATHS, interviews

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


# --- iter_recommend: the same plans, one at a time -------------------------------------------


@pytest.mark.parametrize(("engine", "precompute"), PATHS)
@settings(max_examples=40, deadline=None)
@given(st.lists(interviews, max_size=8))
def test_iter_recommend_yields_the_plans_of_recommend_many_in_order(
    engine: str, precompute: bool, batch: list[list[dict[str, Any]]]
) -> None:
    """iter_recommend over a generator yields, in order, exactly the plans recommend_many returns."""
    expected = recommend_many(batch, engine="python", precompute=False)  # type: ignore[arg-type]
    streamed = iter_recommend((iter(interview) for interview in batch), engine=engine, precompute=precompute)  # type: ignore[arg-type]
    assert expected == list(streamed)


def test_iter_recommend_reads_an_interview_only_when_its_plan_is_asked_for() -> None:
    """Nothing is read on the call, and each next() reads exactly one more interview, even from an endless source."""
    read: list[int] = []

    def endless() -> Iterator[list[dict[str, Any]]]:
        for n in itertools.count():
            read.append(n)
            yield [dict(STRENGTH, description=f"strength {n}")]

    plans = iter_recommend(endless())
    assert read == []
    first, second = next(plans), next(plans)
    assert (read, first.decisions[0].incident.description, second.decisions[0].incident.description) == (
        [0, 1],
        "strength 0",
        "strength 1",
    )


def test_iter_recommend_keeps_no_plan_it_has_yielded() -> None:
    """Once a yielded plan is dropped by the caller nothing refers to it: memory stays that of one interview."""
    alive: list[weakref.ref[Plan]] = []
    for plan in iter_recommend([STRENGTH, SLIP] for _ in range(200)):
        alive.append(weakref.ref(plan))
    del plan
    gc.collect()
    assert [ref for ref in alive if ref() is not None] == []


def test_iter_recommend_names_a_bad_incident_by_interview_incident_and_field_after_the_plans_before_it() -> None:
    """The plans before a bad interview are yielded; then ValidationError is located as recommend_many locates it."""
    plans = iter_recommend(
        [[STRENGTH], [SLIP], [STRENGTH, {"kind": "slip", "description": "Late", "noticed": "maybe"}]]
    )
    assert [next(plans).decisions[0].action.value, next(plans).decisions[0].action.value] == [
        "remind_strength",
        "do_not_mention",
    ]
    with pytest.raises(ValidationError) as caught:
        next(plans)
    assert [(error["loc"], error["msg"]) for error in caught.value.errors()] == [
        ((2, 1, "slip", "noticed"), "Input should be 'certain', 'likely', 'unsure' or 'no'")
    ]


def test_iter_recommend_keeps_custom_error_messages() -> None:
    """A model's own check keeps its message and its location under the interview's index."""
    bad = {
        "kind": "slip",
        "description": "x",
        "noticed": "certain",
        "apologised_in_person": True,
        "realised_later": True,
    }
    with pytest.raises(ValidationError) as caught:
        list(iter_recommend([[STRENGTH], [bad]]))
    [error] = caught.value.errors()
    assert (error["loc"], error["msg"]) == (
        (1, 0, "slip", "realised_later"),
        "Value error, a slip realised only after the interview cannot also have been apologised for in person: "
        "set one of 'realised_later' and 'apologised_in_person' to false",
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        # One interview given in place of the stream of them.
        (
            [STRENGTH],
            "interview 0 is a dict, not a list of incidents: "
            "iter_recommend() takes one list of incidents per interview",
        ),
        # Nothing at all.
        (
            None,
            "iter_recommend() takes an iterable of interviews, each a list of incidents, not a NoneType; "
            "for one interview call recommend(incidents)",
        ),
    ],
)
def test_iter_recommend_refuses_what_is_not_a_stream_of_lists(source: Any, message: str) -> None:
    """A source or interview that is not a list of incidents raises TypeError naming which one."""
    with pytest.raises(TypeError) as caught:
        list(iter_recommend(source))
    assert message == str(caught.value)


def test_iter_recommend_refuses_an_unknown_engine_on_the_call() -> None:
    """An unknown engine raises ValueError when iter_recommend is called, before anything is read."""
    with pytest.raises(ValueError) as caught:
        iter_recommend(iter([]), engine="drools")  # type: ignore[arg-type]
    assert str(caught.value) == "engine must be one of 'durable', 'python' or None, not 'drools'"


def test_recommend_many_takes_any_iterable_of_iterables() -> None:
    """A generator of tuples and generators gives the same plans as the list of lists."""
    batch = [[STRENGTH], [SLIP, STRENGTH], []]
    assert recommend_many(batch) == recommend_many(tuple(interview) for interview in batch)
    assert recommend_many(batch) == recommend_many(iter(interview) for interview in batch)
