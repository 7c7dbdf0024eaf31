"""recommend(): the decision the advice asks for in every scenario, and the plan's invariants."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from interview_recovery import Action, Channel, Plan, recommend

from ..strategies import interviews

D = "d"


@pytest.mark.parametrize(
    ("incident", "action", "channel", "advice"),
    [
        # slip, certainly noticed, not apologised for: apologise once in the note
        ({"kind": "slip", "noticed": "certain"}, "apologise", "note", "A12"),
        # slip realised later, certainly noticed: apologise in the note, mortified
        ({"kind": "slip", "noticed": "certain", "realised_later": True}, "apologise", "note", "A14"),
        # slip apologised for in person: never again
        ({"kind": "slip", "noticed": "certain", "apologised_in_person": True}, "do_not_repeat_apology", "none", "A13"),
        # slip apologised for in person, even if you think it went unnoticed: nothing more
        ({"kind": "slip", "noticed": "no", "apologised_in_person": True}, "do_not_repeat_apology", "none", "A13"),
        # slip only likely noticed: do not light it up
        ({"kind": "slip", "noticed": "likely"}, "do_not_mention", "none", "A7"),
        # slip maybe noticed
        ({"kind": "slip", "noticed": "unsure"}, "do_not_mention", "none", "A7"),
        # slip not noticed
        ({"kind": "slip", "noticed": "no"}, "do_not_mention", "none", "A7"),
        # slip realised later but only likely noticed
        ({"kind": "slip", "noticed": "likely", "realised_later": True}, "do_not_mention", "none", "A7"),
        # off-target answer certainly caught: admit the misunderstanding
        ({"kind": "off_target_answer", "noticed": "certain"}, "acknowledge_misunderstanding", "note", "A6"),
        # off-target answer certainly caught, with a better answer
        (
            {"kind": "off_target_answer", "noticed": "certain", "better_answer": "b"},
            "acknowledge_misunderstanding",
            "note",
            "A6",
        ),
        # off-target answer not certainly caught
        ({"kind": "off_target_answer", "noticed": "likely"}, "do_not_mention", "none", "A7"),
        ({"kind": "off_target_answer", "noticed": "unsure"}, "do_not_mention", "none", "A7"),
        ({"kind": "off_target_answer", "noticed": "no", "better_answer": "b"}, "do_not_mention", "none", "A7"),
        # forgotten relevant experience, education, connection: add to the note
        ({"kind": "omission", "category": "experience"}, "add_to_note", "note", "A8"),
        ({"kind": "omission", "category": "education"}, "add_to_note", "note", "A8"),
        ({"kind": "omission", "category": "connection"}, "add_to_note", "note", "A8"),
        # forgotten relevant skill or other: add, as a judgment call
        ({"kind": "omission", "category": "skill"}, "add_to_note", "note", "A8"),
        ({"kind": "omission", "category": "other"}, "add_to_note", "note", "A8"),
        # irrelevant omission: leave it out
        ({"kind": "omission", "category": "experience", "relevant": False}, "do_not_mention", "none", "A8"),
        # strength: remind them
        ({"kind": "strength"}, "remind_strength", "note", "A9"),
        # serious life event that affected the interview: explain by call or e-mail
        ({"kind": "distraction", "serious_life_event": True}, "explain_distraction", "call_or_email", "A10"),
        # serious life event that did not affect the interview
        (
            {"kind": "distraction", "serious_life_event": True, "affected_performance": False},
            "do_not_mention",
            "none",
            "A10",
        ),
        # minor distraction
        ({"kind": "distraction", "serious_life_event": False}, "do_not_mention", "none", "A10"),
        (
            {"kind": "distraction", "serious_life_event": False, "affected_performance": False},
            "do_not_mention",
            "none",
            "A10",
        ),
        # difficult question: a private lesson
        ({"kind": "difficult_question"}, "do_not_mention", "none", "A3"),
        ({"kind": "difficult_question", "better_answer": "b"}, "do_not_mention", "none", "A3"),
        # knowledge gap: a private lesson
        ({"kind": "knowledge_gap"}, "do_not_mention", "none", "A3"),
    ],
)
def test_decision_table(incident: dict[str, Any], action: str, channel: str, advice: str) -> None:
    """Each scenario of the advice gets its action, channel and advice statement."""
    decision = recommend([{**incident, "description": "what happened"}]).decisions[0]
    assert (Action(action), Channel(channel), advice) == (decision.action, decision.channel, decision.advice)


def test_reason_is_built_from_the_incident() -> None:
    """The reason is a sentence about this incident, quoting its description."""
    decision = recommend([{"kind": "slip", "description": "My phone buzzed", "noticed": "unsure"}]).decisions[0]
    assert decision.reason == "Not mentioned: you are not certain the interviewer noticed 'My phone buzzed'."


def test_judgment_calls_are_flagged_where_the_advice_leaves_them() -> None:
    """Apologies and forgotten items outside the article's list are judgment calls; the rest are not."""
    plan = recommend(
        [
            {"kind": "slip", "description": D, "noticed": "certain"},
            {"kind": "omission", "description": D, "category": "skill"},
            {"kind": "omission", "description": D, "category": "education"},
            {"kind": "slip", "description": D, "noticed": "no"},
        ]
    )
    assert [d.judgment_call for d in plan.decisions] == [True, True, False, False]


def test_whole_bad_interview() -> None:
    """The example interview gets the decisions and steps the advice asks for, in order."""
    plan = recommend(
        [
            {"kind": "slip", "description": "Called her Mary", "noticed": "certain", "realised_later": True},
            {"kind": "slip", "description": "Spilled water", "noticed": "certain", "apologised_in_person": True},
            {"kind": "slip", "description": "My phone buzzed", "noticed": "unsure"},
            {"kind": "off_target_answer", "description": "The budget answer", "noticed": "certain"},
            {"kind": "omission", "description": "My certificate", "category": "education"},
            {"kind": "strength", "description": "My portfolio"},
            {"kind": "distraction", "description": "A family emergency", "serious_life_event": True},
        ]
    )
    assert [d.action for d in plan.decisions] == [
        "apologise",
        "do_not_repeat_apology",
        "do_not_mention",
        "acknowledge_misunderstanding",
        "add_to_note",
        "remind_strength",
        "explain_distraction",
    ]
    assert [s.id for s in plan.steps] == [
        "reflect-on-what-went-well",
        "identify-what-went-wrong",
        "list-lessons",
        "forgive-yourself",
        "send-thank-you-note",
        "keep-mistakes-brief",
        "explain-distraction-separately",
        "never-apologise-for-interview",
    ]
    lessons = next(s for s in plan.steps if s.id == "list-lessons").items
    assert len(lessons) == 5  # one per mistake: the three slips, the answer, the certificate


def test_no_incidents_still_gives_the_standing_steps() -> None:
    """With nothing recorded, the plan still says reflect, forgive yourself, send the note, and never apologise
    for it all."""
    plan = recommend([])
    assert plan.decisions == ()
    assert [s.id for s in plan.steps] == [
        "reflect-on-what-went-well",
        "forgive-yourself",
        "send-thank-you-note",
        "never-apologise-for-interview",
    ]


def test_plan_round_trips_through_plain_data_and_json() -> None:
    """A plan dumps to plain data and JSON, and validates back to an equal plan."""
    plan = recommend(
        [
            {
                "kind": "off_target_answer",
                "description": "Budget",
                "noticed": "certain",
                "better_answer": "Monthly",
                "id": "b",
            },
            {"kind": "distraction", "description": "Emergency", "serious_life_event": True},
        ]
    )
    assert plan == Plan.model_validate(plan.model_dump())
    assert plan == Plan.model_validate_json(plan.model_dump_json())
    assert plan.model_dump(mode="json")["decisions"][0]["action"] == "acknowledge_misunderstanding"


@settings(max_examples=150, deadline=None)
@given(interviews)
def test_one_decision_per_incident_in_input_order(incidents: list[dict[str, Any]]) -> None:
    """Every incident gets exactly one decision, in input order, about that very incident."""
    plan = recommend(incidents)
    assert list(range(len(incidents))) == [d.index for d in plan.decisions]
    assert [i["description"] for i in incidents] == [d.incident.description for d in plan.decisions]


@settings(max_examples=150, deadline=None)
@given(interviews)
def test_central_rule(incidents: list[dict[str, Any]]) -> None:
    """An apology is given exactly for slips certainly noticed and not apologised for in person."""
    plan = recommend(incidents)
    for incident, decision in zip(incidents, plan.decisions, strict=True):
        expected = (
            incident["kind"] == "slip"
            and incident["noticed"] == "certain"
            and not incident.get("apologised_in_person", False)
        )
        assert expected == (decision.action == Action.APOLOGISE)


@settings(max_examples=150, deadline=None)
@given(interviews)
def test_only_certainly_caught_mistakes_reach_the_employer(incidents: list[dict[str, Any]]) -> None:
    """Nothing about a slip or answer goes to the employer unless the interviewer certainly noticed it."""
    plan = recommend(incidents)
    for incident, decision in zip(incidents, plan.decisions, strict=True):
        if incident.get("noticed") not in (None, "certain"):
            assert decision.channel == Channel.NONE


@settings(max_examples=100, deadline=None)
@given(interviews)
def test_steps_are_ordered_and_always_include_the_note_and_the_guard(incidents: list[dict[str, Any]]) -> None:
    """Reflection comes first, forgiving yourself and the thank-you note are always there, and no step repeats."""
    ids = [s.id for s in recommend(incidents).steps]
    assert ids[0] == "reflect-on-what-went-well"
    assert {"send-thank-you-note", "never-apologise-for-interview"} <= set(ids)
    assert len(ids) == len(set(ids))
    assert "forgive-yourself" in ids
