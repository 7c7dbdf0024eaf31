"""One validation of an interview: the incident count, each incident, unique ids, and the limits it
is held to; and every way into the library refusing the same interviews with the same error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pandas
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from interview_recovery import (
    Debrief,
    Limits,
    get_limits,
    iter_recommend,
    local_limits,
    recommend,
    recommend_frame,
    recommend_many,
)
from interview_recovery._model.models import INCIDENT_LIST
from interview_recovery._model.validation import relocated, validate_interview

from ..strategies import interviews

dd = pytest.importorskip("dask.dataframe", reason="the dask extra is installed by the dev group")

STRENGTH = {"kind": "strength", "description": "My portfolio"}
GAP = {"kind": "knowledge_gap", "description": "Their product"}
"""An incident the debrief asks nothing about."""
TWICE = [{**STRENGTH, "id": "x"}, {"kind": "knowledge_gap", "description": "Their product", "id": "x"}]
"""An interview whose second incident repeats the first one's id."""

Errors = list[tuple[str, tuple[Any, ...], str]]


def _errors(call: Callable[[], Any]) -> Errors:
    """The type, location and message of each error the call raises."""
    with pytest.raises(ValidationError) as caught:
        call()
    return [(error["type"], error["loc"], error["msg"]) for error in caught.value.errors(include_url=False)]


# --- the validation itself ------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(interviews)
def test_a_valid_interview_comes_back_as_its_models_in_order(incidents: list[dict[str, Any]]) -> None:
    """Valid incidents with distinct ids within the limit come back as the models pydantic makes of them, in order."""
    assert INCIDENT_LIST.validate_python(incidents) == validate_interview(incidents, Limits(max_incidents=12))


@settings(max_examples=60, deadline=None)
@given(interviews.filter(bool), st.data())
def test_an_interview_over_its_limit_is_refused_whatever_it_holds(incidents: list[dict[str, Any]], data: Any) -> None:
    """An interview one incident over the limit given is refused at the interview, the count named."""
    limit = data.draw(st.integers(1, len(incidents)))
    [(kind, loc, message)] = _errors(lambda: validate_interview(incidents * 2, Limits(max_incidents=limit)))
    assert (kind, loc) == ("too_many_incidents", ())
    assert message.startswith(f"holds more than {limit:,} incidents, the limit for one interview: split it")


@settings(max_examples=60, deadline=None)
@given(interviews.filter(bool), st.data())
def test_a_repeated_id_is_refused_at_the_second_incident(incidents: list[dict[str, Any]], data: Any) -> None:
    """Giving one more incident an earlier incident's id is refused at that incident's id, naming the first."""
    first = data.draw(st.integers(0, len(incidents) - 1))
    given_id = incidents[first].get("id") or "shared"
    incidents = [*incidents[:first], {**incidents[first], "id": given_id}, *incidents[first + 1 :]]
    again = {**STRENGTH, "id": given_id}
    [(kind, loc, message)] = _errors(lambda: validate_interview([*incidents, again]))
    assert (kind, loc, message) == (
        "duplicate_id",
        (len(incidents), "id"),
        f"repeats the id of incidents[{first}]: give each incident its own id",
    )


def test_the_limits_given_hold_for_text_too_and_only_during_the_call() -> None:
    """Limits passed in bound each text field as well, and the limits in force are unchanged afterwards."""
    [(kind, loc, message)] = _errors(
        lambda: validate_interview([{**STRENGTH, "description": "y" * 11}], Limits(max_text_length=10))
    )
    assert (kind, loc) == ("value_error", (0, "strength", "description"))
    assert message.startswith("Value error, is 11 characters long; the limit is 10")
    assert Limits() == get_limits()


def test_without_limits_those_in_force_hold() -> None:
    """Without limits passed, the limits of the enclosing local_limits() bound the interview."""
    with local_limits(max_incidents=1):
        [(kind, _, _)] = _errors(lambda: validate_interview([STRENGTH, STRENGTH]))
    assert kind == "too_many_incidents"


def test_an_endless_interview_is_read_one_incident_past_the_limit() -> None:
    """A generator that never ends is refused after reading one incident more than the limit."""
    read = 0

    def endless() -> Iterator[dict[str, Any]]:
        nonlocal read
        while True:
            read += 1
            yield STRENGTH

    _errors(lambda: validate_interview(endless(), Limits(max_incidents=5)))
    assert read == 6


@pytest.mark.parametrize(
    "value",
    [
        STRENGTH,  # one incident, not a list of them
        "strength",  # a string iterates as characters
        7,  # not iterable at all
    ],
)
def test_what_is_not_a_list_of_incidents_is_a_type_error(value: Any) -> None:
    """A single incident, a string or a non-iterable is refused with TypeError saying to wrap it in a list."""
    with pytest.raises(TypeError) as caught:
        validate_interview(value)
    assert str(caught.value).endswith(f"not a single {type(value).__name__}: wrap it in a list")


def test_relocated_errors_keep_their_type_message_and_context() -> None:
    """Moved under another location, pydantic's errors and the library's own keep type, message and input."""
    own = _caught(lambda: validate_interview(TWICE))
    pydantics = _caught(lambda: validate_interview([{**STRENGTH, "description": " "}]))
    for exc in (own, pydantics):
        moved = ValidationError.from_exception_data("t", relocated(exc, lambda error: ("there", *error["loc"])))
        assert [(e["type"], ("there", *e["loc"]), e["msg"], e["input"]) for e in exc.errors()] == [
            (e["type"], e["loc"], e["msg"], e["input"]) for e in moved.errors()
        ]


def _caught(call: Callable[[], Any]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


# --- every way in ----------------------------------------------------------------------------


def _frame(incidents: list[dict[str, Any]]) -> pandas.DataFrame:
    """Interview "a" with one incident, then interview "b" with the incidents given."""
    return pandas.DataFrame([{"interview": "a", **STRENGTH}] + [{"interview": "b", **one} for one in incidents])


def _dask(incidents: list[dict[str, Any]]) -> Any:
    """The same frame as two Dask partitions, computed in this thread (tests/scale/test_dask.py uses a cluster)."""
    return recommend_frame(dd.from_pandas(_frame(incidents), npartitions=2)).compute(scheduler="synchronous")


def _debrief(incidents: list[dict[str, Any]]) -> Debrief:
    debrief = Debrief()
    for incident in incidents:
        debrief.add(incident["kind"], incident["description"])
    return debrief


# Each way in, given one interview, and where it locates an error about the whole interview.
PATHS: list[Any] = [
    pytest.param(recommend, (), id="recommend"),
    # The interview is the batch's second.
    pytest.param(lambda incidents: recommend_many([[STRENGTH], incidents]), (1,), id="recommend_many"),
    pytest.param(lambda incidents: list(iter_recommend([[STRENGTH], incidents])), (1,), id="iter_recommend"),
    # The interview is named by its value in the interview column.
    pytest.param(lambda incidents: recommend_frame(_frame(incidents)), ("b",), id="frame-pandas"),
    pytest.param(_dask, ("b",), id="frame-dask"),
]


@pytest.mark.parametrize(("call", "where"), PATHS)
def test_every_path_refuses_an_interview_over_the_limit_as_recommend_does(call: Any, where: tuple[Any, ...]) -> None:
    """Three incidents under max_incidents=2 raise recommend()'s error, located at the interview."""
    with local_limits(max_incidents=2):
        [(kind, _, message)] = _errors(lambda: recommend([STRENGTH] * 3))
        assert [(kind, where, message)] == _errors(lambda: call([STRENGTH] * 3))


@pytest.mark.parametrize(("call", "where"), PATHS)
def test_every_path_refuses_a_repeated_id_as_recommend_does(call: Any, where: tuple[Any, ...]) -> None:
    """An interview repeating an id raises recommend()'s error, located at the interview, the incident and its id."""
    [(kind, loc, message)] = _errors(lambda: recommend(TWICE))
    assert [(kind, (*where, *loc), message)] == _errors(lambda: call(TWICE))


@pytest.mark.parametrize(("call", "where"), PATHS)
def test_every_path_applies_the_limit_per_interview(call: Any, where: tuple[Any, ...]) -> None:
    """Interviews each within max_incidents are planned, however many incidents they hold together."""
    with local_limits(max_incidents=2):
        call([STRENGTH, STRENGTH])


def test_the_debrief_refuses_an_incident_over_the_limit_as_recommend_does() -> None:
    """Adding a third incident under max_incidents=2 raises recommend()'s error, and the debrief keeps two."""
    with local_limits(max_incidents=2):
        expected = _errors(lambda: recommend([GAP] * 3))
        debrief = _debrief([GAP] * 2)
        assert expected == _errors(lambda: debrief.add("knowledge_gap", "One more"))
    assert [incident.description for incident in debrief.incidents] == [GAP["description"]] * 2


def test_the_debrief_plans_through_the_same_validation() -> None:
    """A debrief holding more incidents than a limit lowered since is refused by plan() as recommend() refuses them."""
    debrief = _debrief([GAP] * 3)
    with local_limits(max_incidents=2):
        assert _errors(lambda: recommend([GAP] * 3)) == _errors(debrief.plan)


def test_dask_holds_each_interview_to_the_limits_in_force_when_the_work_is_described() -> None:
    """A Dask frame described under max_incidents=2 refuses an interview of three when computed outside that block."""
    with local_limits(max_incidents=2):
        expected = _errors(lambda: recommend([STRENGTH] * 3))
        lazy = recommend_frame(dd.from_pandas(_frame([STRENGTH] * 3), npartitions=2))
    [(kind, _, message)] = expected
    assert [(kind, ("b",), message)] == _errors(lambda: lazy.compute(scheduler="synchronous"))
