"""The Interview model: its interviewers, its incidents' interviewer fields, and errors at their field."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from interview_recovery import Interview, Noticed, recommend
from interview_recovery._io.incident_errors import error_lines

PEOPLE = [{"name": "Ms Bondarenko", "lead": True}, {"name": "Tom Hale"}]


def _error(data: dict[str, Any]) -> tuple[tuple[int | str, ...], str]:
    with pytest.raises(ValidationError) as caught:
        recommend(data)
    (error,) = caught.value.errors()
    return error["loc"], error["msg"]


@pytest.mark.parametrize(
    ("data", "loc", "message"),
    [
        # A misspelt name in a noticed mapping: at that key, with did-you-mean.
        (
            {
                "interviewers": PEOPLE,
                "incidents": [{"kind": "slip", "description": "x", "noticed": {"Tom Hal": "certain"}}],
            },
            ("incidents", 0, "noticed", "Tom Hal"),
            "is not one of the interviewers; did you mean 'Tom Hale'?",
        ),
        # asked_by names nobody on the panel.
        (
            {
                "interviewers": PEOPLE,
                "incidents": [
                    {"kind": "off_target_answer", "description": "x", "noticed": "certain", "asked_by": "Bob"}
                ],
            },
            ("incidents", 0, "asked_by"),
            "is not one of the interviewers (the interviewers: Ms Bondarenko, Tom Hale)",
        ),
        # present names someone not on the panel, by position.
        (
            {
                "interviewers": PEOPLE,
                "incidents": [{"kind": "strength", "description": "x", "present": ["Ms Bondarenk"]}],
            },
            ("incidents", 0, "present", 0),
            "is not one of the interviewers; did you mean 'Ms Bondarenko'?",
        ),
        # mention_to names someone not on the panel.
        (
            {
                "interviewers": PEOPLE,
                "incidents": [
                    {"kind": "omission", "description": "x", "category": "skill", "mention_to": ["Tim Hale"]}
                ],
            },
            ("incidents", 0, "mention_to", 0),
            "is not one of the interviewers; did you mean 'Tom Hale'?",
        ),
        # Two leads: the second is the error.
        (
            {"interviewers": [{"name": "A", "lead": True}, {"name": "B", "lead": True}], "incidents": []},
            ("interviewers", 1, "lead"),
            "is a second lead (interviewers[0] leads already): one interviewer at most leads",
        ),
        # present leaves out the one who asked.
        (
            {
                "interviewers": PEOPLE,
                "incidents": [
                    {
                        "kind": "off_target_answer",
                        "description": "x",
                        "noticed": "certain",
                        "asked_by": "Tom Hale",
                        "present": ["Ms Bondarenko"],
                    }
                ],
            },
            ("incidents", 0, "present"),
            "leaves out 'Tom Hale', who asked the question (asked_by): add them",
        ),
        # No interviewers at all.
        (
            {"interviewers": [], "incidents": []},
            ("interviewers",),
            'is empty: name at least one interviewer, e.g. [{"name": "Ms Bondarenko", "lead": true}]',
        ),
        # The same name twice.
        (
            {"interviewers": [{"name": "A"}, {"name": "A"}], "incidents": []},
            ("interviewers", 1, "name"),
            "names an interviewer twice: give each name once",
        ),
        # Nobody present.
        (
            {"interviewers": PEOPLE, "incidents": [{"kind": "strength", "description": "x", "present": []}]},
            ("incidents", 0, "present"),
            "is empty: name who was there, or leave it out for everyone",
        ),
        # Someone not present cannot have noticed.
        (
            {
                "interviewers": PEOPLE,
                "incidents": [
                    {
                        "kind": "slip",
                        "description": "x",
                        "noticed": {"Tom Hale": "certain"},
                        "present": ["Ms Bondarenko"],
                    }
                ],
            },
            ("incidents", 0, "noticed", "Tom Hale"),
            "says 'certain', but Tom Hale was not present: add them to 'present', or say 'no'",
        ),
    ],
)
def test_bad_interviews_are_refused_at_their_field(
    data: dict[str, Any], loc: tuple[int | str, ...], message: str
) -> None:
    """Each bad interview is one ValidationError at the field concerned, saying what to do."""
    assert (loc, message) == _error(data)


def test_a_bad_certainty_in_a_mapping_is_told_at_the_incident() -> None:
    """An unknown certainty for one interviewer is an error at incidents.N.noticed.NAME, not at an internal field."""
    loc, _ = _error(
        {"interviewers": PEOPLE, "incidents": [{"kind": "slip", "description": "x", "noticed": {"Tom Hale": "maybe"}}]}
    )
    assert loc == ("incidents", 0, "noticed", "Tom Hale")


def test_asked_by_on_a_kind_without_questions_is_not_a_field() -> None:
    """asked_by on a slip is the slip's own error: not a field of a slip."""
    loc, _ = _error(
        {
            "interviewers": PEOPLE,
            "incidents": [{"kind": "slip", "description": "x", "noticed": "no", "asked_by": "Tom Hale"}],
        }
    )
    assert loc == ("incidents", 0, "slip", "asked_by")


def test_error_lines_name_the_interview_path() -> None:
    """At a terminal, an interview's errors read as paths from the interview, names quoted."""
    data = {
        "interviewers": [{"name": "A", "lead": True}, {"name": "B", "lead": True, "rol": "x"}],
        "incidents": [{"kind": "slip", "description": "x", "noticed": {"Tom Hal": "certain"}}],
    }
    with pytest.raises(ValidationError) as caught:
        recommend(data)
    assert error_lines(caught.value, data) == [
        "interviewers[1].rol: is not a field of an interviewer; did you mean 'role'?"
    ]


def test_no_lead_means_the_first_leads() -> None:
    """Without a lead, the first interviewer leads."""
    assert Interview.model_validate({"interviewers": [{"name": "A"}, {"name": "B"}]}).lead.name == "A"


def test_one_certainty_holds_for_everyone_present_and_no_one_absent() -> None:
    """A single noticed applies to everyone present; someone absent noticed nothing."""
    interview = Interview.model_validate(
        {
            "interviewers": PEOPLE,
            "incidents": [{"kind": "slip", "description": "x", "noticed": "certain", "present": ["Tom Hale"]}],
        }
    )
    assert [interview.view(0, name).noticed for name in interview.names] == [Noticed.NO, Noticed.CERTAIN]  # type: ignore[union-attr]


def test_a_name_left_out_of_a_mapping_is_unsure() -> None:
    """Someone present whom a noticed mapping leaves out is taken as unsure, so nothing is apologised to them."""
    interview = Interview.model_validate(
        {
            "interviewers": PEOPLE,
            "incidents": [{"kind": "slip", "description": "x", "noticed": {"Ms Bondarenko": "certain"}}],
        }
    )
    assert interview.view(0, "Tom Hale").noticed == Noticed.UNSURE  # type: ignore[union-attr]


def test_an_interview_s_incidents_are_held_to_the_same_checks_as_a_list() -> None:
    """A repeated id and too many incidents are refused as for a plain list, at the interview's incidents."""
    from interview_recovery import local_limits

    loc, message = _error(
        {
            "interviewers": PEOPLE,
            "incidents": [
                {"kind": "strength", "description": "x", "id": "a"},
                {"kind": "strength", "description": "y", "id": "a"},
            ],
        }
    )
    assert (loc, message) == (("incidents", 1, "id"), "repeats the id of incidents[0]: give each incident its own id")
    with local_limits(max_incidents=1):
        loc, message = _error({"interviewers": PEOPLE, "incidents": [{"kind": "strength", "description": "x"}] * 2})
    assert loc == ("incidents",)
    assert message.startswith("holds more than 1 incidents, the limit for one interview")
