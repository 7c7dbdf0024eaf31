"""recommend_frame() on pandas: one row per incident of many interviews in, one row per decision out,
in the input's order and with its index, each interview planned as recommend() plans it."""

from __future__ import annotations

from typing import Any

import pandas
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from interview_recovery import load_rules, recommend, recommend_frame

from ..conftest import RULES
from ..strategies import interviews

COLUMNS = ["interview", "position", "action", "channel", "rule_id", "advice", "reason", "judgment_call", "audience"]


def _frame(batch: list[list[dict[str, Any]]], order: list[int] | None = None) -> pandas.DataFrame:
    """One row per incident with an interview column; rows interleaved by ``order`` when given."""
    rows = [{"interview": f"i{n}", **incident} for n, one in enumerate(batch) for incident in one]
    if order is not None:
        rows = [rows[i] for i in order]
    return pandas.DataFrame(rows)


def _expected(frame: pandas.DataFrame, rules: Any = None) -> pandas.DataFrame:
    """The decisions recommend() gives each interview, placed back at its rows."""
    records: dict[Any, dict[str, Any]] = {}
    for key in dict.fromkeys(frame["interview"]):
        rows = frame[frame["interview"] == key]
        incidents = [
            {k: v for k, v in row.items() if k != "interview" and not pandas.isna(v)}
            for row in rows.to_dict(orient="records")
        ]
        plan = recommend(incidents, rules=rules)
        for label, decision in zip(rows.index, plan.decisions, strict=True):
            records[label] = {
                "interview": key,
                "position": decision.index,
                "action": decision.action.value,
                "channel": decision.channel.value,
                "rule_id": decision.rule_id,
                "advice": decision.advice,
                "reason": decision.reason,
                "judgment_call": decision.judgment_call,
                "audience": decision.audience,
            }
    return pandas.DataFrame([records[label] for label in frame.index], index=frame.index, columns=COLUMNS)


@settings(max_examples=40, deadline=None)
@given(st.lists(interviews.filter(bool), min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_each_interview_is_planned_as_recommend_plans_it_whatever_the_row_order(
    batch: list[list[dict[str, Any]]], rng: Any
) -> None:
    """With interviews' rows interleaved at random, every row gets its own interview's decision, in input order."""
    count = sum(map(len, batch))
    order = list(range(count))
    rng.shuffle(order)
    frame = _frame(batch, order)
    pandas.testing.assert_frame_equal(_expected(frame), recommend_frame(frame))


def test_the_result_keeps_the_index_and_the_interview_values() -> None:
    """The result has the input's index and interview values (of their own type), and the documented columns."""
    frame = pandas.DataFrame(
        {
            "who": [7, 3, 7],
            "kind": ["strength", "knowledge_gap", "omission"],
            "description": ["My portfolio", "Their product", "My MBA"],
            "category": [None, None, "education"],
        },
        index=["x", "y", "z"],
    )
    result = recommend_frame(frame, interview_column="who")
    assert (list(result.columns), list(result.index), result["interview"].tolist()) == (
        COLUMNS,
        ["x", "y", "z"],
        [7, 3, 7],
    )
    assert result[["position", "action", "judgment_call"]].to_dict(orient="list") == {
        "position": [0, 0, 1],
        "action": ["remind_strength", "do_not_mention", "add_to_note"],
        "judgment_call": [False, False, False],
    }


def test_the_interview_may_be_the_index() -> None:
    """An index named like the interview column groups the rows as the column would."""
    frame = _frame([[{"kind": "strength", "description": "a"}], [{"kind": "knowledge_gap", "description": "b"}]])
    by_index = recommend_frame(frame.set_index("interview"))
    assert by_index.reset_index(drop=True).equals(recommend_frame(frame))


def test_a_custom_pack_decides() -> None:
    """rules= plans with that pack, as recommend() does."""
    pack = load_rules(RULES / "no-mistakes")
    frame = _frame(
        [[{"kind": "slip", "description": "Late", "noticed": "certain"}, {"kind": "strength", "description": "a"}]]
    )
    pandas.testing.assert_frame_equal(_expected(frame, pack), recommend_frame(frame, rules=pack))


def test_an_empty_frame_gives_an_empty_result_with_the_columns() -> None:
    """No rows in, no rows out, with the documented columns."""
    result = recommend_frame(pandas.DataFrame({"interview": [], "kind": [], "description": []}))
    assert (list(result.columns), len(result)) == (COLUMNS, 0)


def test_an_invalid_incident_is_located_by_its_row_label_and_field() -> None:
    """ValidationError names the row's index label and the field."""
    frame = pandas.DataFrame(
        {
            "interview": ["a", "b", "b"],
            "kind": ["strength", "slip", "slip"],
            "description": ["x", "y", "z"],
            "noticed": [None, "certain", "maybe"],
        },
        index=[10, 20, 30],
    )
    with pytest.raises(ValidationError) as caught:
        recommend_frame(frame)
    assert [(error["loc"], error["type"]) for error in caught.value.errors()] == [((30, "slip", "noticed"), "enum")]


@pytest.mark.parametrize(
    ("frame", "error", "message"),
    [
        # The interview column is missing.
        (
            pandas.DataFrame({"kind": ["strength"], "description": ["d"]}),
            ValueError,
            "the DataFrame has no 'interview' column to group incidents into interviews (its columns: kind, "
            "description); name it with interview_column=",
        ),
        # A row does not say which interview it belongs to.
        (
            pandas.DataFrame({"interview": ["a", None], "kind": ["strength"] * 2, "description": ["d"] * 2}),
            ValueError,
            "row 1 has no value in the 'interview' column: say which interview each incident belongs to",
        ),
        # Not a DataFrame at all.
        (
            [{"kind": "strength", "description": "d"}],
            TypeError,
            "recommend_frame() takes a pandas or Dask DataFrame with one row per incident, not a list; "
            "for lists of incidents call recommend() or recommend_many()",
        ),
    ],
)
def test_what_cannot_be_planned_is_refused_saying_why(frame: Any, error: type[Exception], message: str) -> None:
    """A frame that cannot be grouped into interviews, or no frame at all, is refused with the reason."""
    with pytest.raises(error) as caught:
        recommend_frame(frame)
    assert message == str(caught.value)


PANEL_ROWS = [
    {"interview": "panel", "kind": "slip", "description": "Called her Katrina", "realised_later": True,
     "noticed": {"Ms Bondarenko": "certain", "Tom Hale": "unsure"}},
    {"interview": "solo", "kind": "strength", "description": "My portfolio"},
    {"interview": "panel", "kind": "off_target_answer", "description": "Rota question", "noticed": "certain",
     "asked_by": "Tom Hale"},
    {"interview": "panel", "kind": "strength", "description": "SQL exercise", "present": ["Ms Bondarenko"]},
]  # fmt: skip
"""Two interviews interleaved: one with two interviewers, whose rows say who noticed, asked or was there."""

PANEL = [{"name": "Ms Bondarenko", "role": "Head of Analytics", "lead": True}, {"name": "Tom Hale"}]


def test_an_interview_named_in_interviewers_is_planned_as_recommend_plans_the_interview() -> None:
    """The panel's rows get recommend()'s decisions for the interview, with each decision's audience;
    the other interview is planned as a list of incidents, with no audience."""
    frame = pandas.DataFrame(PANEL_ROWS)
    result = recommend_frame(frame, interviewers={"panel": PANEL})
    rows = [{k: v for k, v in row.items() if k != "interview"} for row in PANEL_ROWS]
    panel = recommend({"interviewers": PANEL, "incidents": [rows[0], rows[2], rows[3]]})
    solo = recommend([rows[1]])
    decisions = [panel.decisions[0], solo.decisions[0], panel.decisions[1], panel.decisions[2]]
    expected = [(d.rule_id, d.audience) for d in decisions]
    assert expected == list(zip(result["rule_id"], result["audience"], strict=True))
    audiences = [("Ms Bondarenko",), (), ("Tom Hale",), ("Ms Bondarenko",)]
    assert audiences == result["audience"].tolist()


def test_the_interviewers_may_carry_the_interviews_position_and_company() -> None:
    """A mapping with interviewers, position and company plans the panel as that interview."""
    frame = pandas.DataFrame([row for row in PANEL_ROWS if row["interview"] == "panel"])
    given = {"interviewers": PANEL, "position": "Senior Data Analyst", "company": "Northwind Logistics"}
    result = recommend_frame(frame, interviewers={"panel": given})
    audiences = [("Ms Bondarenko",), ("Tom Hale",), ("Ms Bondarenko",)]
    assert audiences == result["audience"].tolist()


@pytest.mark.parametrize(
    ("interviewers", "rows", "loc", "message"),
    [
        # A row names someone who did not interview you: at the row's label and field, with did-you-mean.
        (
            {"panel": PANEL},
            [{**PANEL_ROWS[2], "asked_by": "Tom Hall"}],
            (0, "asked_by"),
            "is not one of the interviewers; did you mean 'Tom Hale'?",
        ),
        # Two leads: under the interview's value, at the second lead.
        (
            {"panel": [{"name": "A", "lead": True}, {"name": "B", "lead": True}]},
            [PANEL_ROWS[3] | {"present": ["A"]}],
            ("panel", "interviewers", 1, "lead"),
            "is a second lead (interviewers[0] leads already): one interviewer at most leads",
        ),
        # A panel field in an interview interviewers does not name: the incident's own error.
        ({}, [PANEL_ROWS[2]], (0, "off_target_answer", "asked_by"), "Extra inputs are not permitted"),
    ],
    ids=["unknown-name", "two-leads", "not-a-panel"],
)
def test_a_bad_panel_is_refused_at_its_row_or_its_interview(
    interviewers: dict[str, Any], rows: list[dict[str, Any]], loc: tuple[Any, ...], message: str
) -> None:
    """A bad name or a second lead is a ValidationError located by the row's label or the interview's value."""
    with pytest.raises(ValidationError) as caught:
        recommend_frame(pandas.DataFrame(rows), interviewers=interviewers)
    found = [(error["loc"], error["msg"]) for error in caught.value.errors()]
    assert (loc, message) in found, found
