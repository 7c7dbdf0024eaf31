"""pandas at the edges: a DataFrame of incidents in, a DataFrame of decisions out."""

from __future__ import annotations

import sys
from typing import Any

import pandas
import pytest
from pydantic import ValidationError

from interview_recovery import recommend, recommend_many
from interview_recovery._io.frame import COLUMNS


def test_dataframe_rows_are_incidents_and_empty_cells_are_not_given() -> None:
    """Each row is one incident; an empty cell means the field was not given, so its default applies."""
    frame = pandas.DataFrame(
        [
            {
                "kind": "slip",
                "description": "Called her Mary",
                "noticed": "certain",
                "realised_later": True,
                "apologised_in_person": None,
            },
            {
                "kind": "slip",
                "description": "Spilt water",
                "noticed": "certain",
                "realised_later": None,
                "apologised_in_person": True,
            },
            {"kind": "omission", "description": "My certificate", "category": "education"},
            {"kind": "strength", "description": "My portfolio"},
        ]
    )
    plan = recommend(frame)
    expected = ["apologise-slip-realised-later", "do-not-repeat-apology", "add-forgotten-item", "remind-strength"]
    assert expected == [d.rule_id for d in plan.decisions]


def test_dataframe_errors_name_the_row_and_field() -> None:
    """A bad cell raises the usual ValidationError, naming the row's index and the field."""
    frame = pandas.DataFrame(
        [{"kind": "strength", "description": "Fine"}, {"kind": "slip", "description": "Oops", "noticed": "sure"}]
    )
    with pytest.raises(ValidationError) as caught:
        recommend(frame)
    assert [e["loc"] for e in caught.value.errors()] == [(1, "slip", "noticed")]


def test_dataframe_with_nullable_columns() -> None:
    """pandas' own missing marker (pd.NA in a nullable boolean column) also means "not given"."""
    frame = pandas.DataFrame(
        {
            "kind": ["distraction", "distraction"],
            "description": ["A family emergency", "A house move"],
            "serious_life_event": pandas.array([True, True], dtype="boolean"),
            "affected_performance": pandas.array([pandas.NA, False], dtype="boolean"),
        }
    )
    assert [d.action.value for d in recommend(frame).decisions] == ["explain_distraction", "do_not_mention"]


def test_to_dataframe_has_one_row_per_decision() -> None:
    """The plan's DataFrame has the documented columns and one row per incident, in order."""
    plan = recommend(
        [
            {"kind": "slip", "id": "phone", "description": "My phone buzzed", "noticed": "unsure"},
            {"kind": "omission", "description": "I speak Spanish", "category": "skill"},
        ]
    )
    frame = plan.to_dataframe()
    expected = (
        list(COLUMNS),
        [[0, "phone", "slip", "do_not_mention", False], [1, None, "omission", "add_to_note", True]],
    )
    assert expected == (list(frame.columns), frame[["index", "id", "kind", "action", "judgment_call"]].values.tolist())


def test_to_dataframe_without_pandas_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_dataframe() raises ImportError saying how to install it."""
    plan = recommend([])
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(ImportError) as caught:
        plan.to_dataframe()
    assert (
        str(caught.value)
        == "plan.to_dataframe() needs pandas; install it with: pip install 'interview-recovery[pandas]'"
    )


def test_recommend_many_takes_a_dataframe_with_an_interview_column() -> None:
    """A DataFrame of incidents with an interview column gives one plan per interview, in the
    order each first appears, each equal to recommend() on that interview's rows."""
    frame = pandas.DataFrame(
        [
            {"interview": "acme", "kind": "strength", "description": "My portfolio", "noticed": None},
            {"interview": "globex", "kind": "slip", "description": "Late", "noticed": "no"},
            {"interview": "acme", "kind": "slip", "description": "Wrong name", "noticed": "certain"},
        ]
    )
    plans = recommend_many(frame)
    assert [
        recommend(
            [
                {"kind": "strength", "description": "My portfolio"},
                {"kind": "slip", "description": "Wrong name", "noticed": "certain"},
            ]
        ),
        recommend([{"kind": "slip", "description": "Late", "noticed": "no"}]),
    ] == plans


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        # the interview column is missing
        (pandas.DataFrame([{"kind": "strength", "description": "d"}]), "has no 'interview' column"),
        # a row does not say which interview it belongs to
        (
            pandas.DataFrame([{"interview": None, "kind": "strength", "description": "d"}]),
            "a row has no value in the 'interview' column",
        ),
    ],
)
def test_recommend_many_refuses_a_dataframe_it_cannot_group(frame: Any, message: str) -> None:
    """A DataFrame that cannot be grouped into interviews is refused with a ValueError saying why."""
    with pytest.raises(ValueError, match=message):
        recommend_many(frame)


def test_recommend_many_groups_by_the_named_column() -> None:
    """interview_column names the grouping column."""
    frame = pandas.DataFrame(
        [{"who": 1, "kind": "strength", "description": "d"}, {"who": 2, "kind": "knowledge_gap", "description": "e"}]
    )
    assert [p.decisions[0].action for p in recommend_many(frame, interview_column="who")] == [
        "remind_strength",
        "do_not_mention",
    ]
