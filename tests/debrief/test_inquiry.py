"""The debrief's choice of questions under a pack whose rules test free text by literal and by
presence, which the shipped packs never do: what a class's key is, and which field is asked next."""

from __future__ import annotations

from typing import Any

import pytest

from interview_recovery import Debrief, RuleSet, load_rules
from interview_recovery._debrief.inquiry import KindSpace, space_for

from ..conftest import ROOT

CUSTOM_PACK = ROOT / "tests" / "packs" / "literal-and-presence"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    """The default pack, plus rules testing a better answer's presence and a slip's exact description."""
    return load_rules(CUSTOM_PACK)


@pytest.fixture(scope="module")
def answers(rules: RuleSet) -> KindSpace:
    """The classes of off-target answers under the custom pack."""
    return space_for(rules)["off_target_answer"]


def _winner(rules: RuleSet, space: KindSpace, given: dict[str, Any]) -> list[str | None]:
    return [None if r is None else rules.rules[r].id for r in space.winners(space.candidates(given))]


def test_a_presence_tested_field_is_keyed_by_which_tests_it_meets(answers: KindSpace) -> None:
    """A better answer left out meets {present: false} only, any given text meets {present: true} only."""
    expected = (("cause", "noticed", "better_answer"), (False, True), (True, False), (True, False))
    assert expected == (
        answers.fields,
        answers.key("better_answer", None),
        answers.key("better_answer", "Monthly reviews"),
        answers.key("better_answer", "a sample text"),
    )


@pytest.mark.parametrize(
    ("given", "next_field", "winners"),
    [
        # A misunderstanding, nothing else known yet: whether it was noticed comes first.
        ({"cause": "misunderstood"}, "noticed", None),
        # Not caught: settled whatever the better answer, which is never asked.
        ({"cause": "misunderstood", "noticed": "likely"}, None, ["keep-uncaught-answer-private"]),
        # Caught: the better answer decides between admitting it and keeping it as a lesson.
        (
            {"cause": "misunderstood", "noticed": "certain"},
            "better_answer",
            ["acknowledge-caught-misunderstanding", "keep-caught-answer-without-better-one"],
        ),
        (
            {"cause": "misunderstood", "noticed": "certain", "better_answer": None},
            None,
            ["keep-caught-answer-without-better-one"],
        ),
        (
            {"cause": "misunderstood", "noticed": "certain", "better_answer": "Monthly reviews"},
            None,
            ["acknowledge-caught-misunderstanding"],
        ),
        # The better answer known first: whether it was noticed is still asked.
        (
            {"cause": "misunderstood", "better_answer": "Monthly reviews"},
            "noticed",
            ["acknowledge-caught-misunderstanding", "keep-uncaught-answer-private"],
        ),
        (
            {"cause": "misunderstood", "better_answer": None},
            "noticed",
            ["keep-uncaught-answer-private", "keep-caught-answer-without-better-one"],
        ),
    ],
)
def test_the_next_question_is_the_field_that_can_still_change_the_decision(
    rules: RuleSet, answers: KindSpace, given: dict[str, Any], next_field: str | None, winners: list[str] | None
) -> None:
    """Given some answers, the next field asked is one whose answer can still change the decision,
    and none once every class still allowed is decided alike."""
    candidates = answers.candidates(given)
    assert next_field == answers.next_field(candidates, frozenset(given))
    assert (next_field is None) == answers.settled(candidates)
    if winners is not None:
        assert winners == _winner(rules, answers, given)


def test_both_fields_matter_before_anything_is_answered(answers: KindSpace) -> None:
    """For a misunderstanding, changing either field alone changes some class's decision, so both are worth asking."""
    everything = answers.candidates({"cause": "misunderstood"})
    assert (
        answers.askable(everything),
        answers.matters(everything, "noticed"),
        answers.matters(everything, "better_answer"),
    ) == (["noticed", "better_answer"], True, True)


def test_a_literal_is_keyed_by_whether_the_text_is_that_literal(rules: RuleSet) -> None:
    """A slip's description is keyed by whether it is 'Arrived late', the literal a rule tests."""
    slips = space_for(rules)["slip"]
    assert (
        slips.key("description", "Arrived late"),
        slips.key("description", "Arrived late "),
        slips.key("description", "Spilt coffee"),
    ) == ((True,), (False,), (False,))


def test_a_better_answer_given_in_the_debrief_is_admitted_in_the_note(rules: RuleSet) -> None:
    """Answering the better-answer question with text decides the caught misunderstanding by the
    presence rule, and the incident carries the text."""
    debrief = Debrief(rules)
    debrief.add("off_target_answer", "My answer about budgets")
    asked = []
    while (question := debrief.next_question()) is not None:
        asked.append(question.field)
        if question.field == "cause":
            debrief.answer(question, "misunderstood")
        elif question.field == "noticed":
            debrief.answer(question, "certain")
        elif question.field == "better_answer":
            debrief.answer(question, "Monthly reviews")
        else:
            debrief.skip(question)  # the note's wording, and who was on the panel
    decision = debrief.plan().decisions[0]
    assert (
        [field for field in asked if field != "cause"][:3],
        decision.rule_id,
        decision.incident.better_answer,  # type: ignore[union-attr]
    ) == (["noticed", "better_answer", "question"], "acknowledge-caught-misunderstanding", "Monthly reviews")


def test_an_uncaught_answer_is_never_asked_for_a_better_answer(rules: RuleSet) -> None:
    """An off-target answer the interviewer did not catch is settled at once: the better answer is not asked."""
    debrief = Debrief(rules)
    debrief.add("off_target_answer", "My answer about budgets")
    question = debrief.next_question()
    if question is not None and question.field == "cause":
        debrief.answer(question, "misunderstood")
        question = debrief.next_question()
    debrief.answer(question, "no")  # type: ignore[arg-type]
    assert (debrief.next_question(), debrief.plan().decisions[0].rule_id) == (None, "keep-uncaught-answer-private")
