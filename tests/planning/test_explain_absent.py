"""Explanations of an optional field the incident left out, which the shipped packs never test:
each condition says what it needs and that the field is not given."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_recovery import Plan, RuleSet, load_rules, recommend

from ..conftest import ROOT
from ..packtools import write_pack

CUSTOM_PACK = ROOT / "tests" / "packs" / "literal-and-presence"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    """The default pack, plus rules testing whether a better answer is given."""
    return load_rules(CUSTOM_PACK)


def _plan(rules: RuleSet, **better: str) -> Plan:
    return recommend(
        [{"kind": "off_target_answer", "description": "Budgets", "noticed": "certain", **better}], rules=rules
    )


def test_a_field_left_out_meets_present_false_and_is_shown_not_given(rules: RuleSet) -> None:
    """The deciding rule's {present: false} holds for a better answer left out, which is shown as not given."""
    explanation = _plan(rules).explain(0)
    checks = [(str(check), check.actual, check.held) for check in explanation.decided_by.conditions]
    assert checks == [
        ("cause is 'misunderstood': yes, it is 'misunderstood'", "misunderstood", True),
        ("noticed is 'certain': yes, it is 'certain'", "certain", True),
        ("better_answer is not given: yes, it is not given", None, True),
    ]


def test_a_rule_needing_the_field_left_out_says_so(rules: RuleSet) -> None:
    """The {present: true} rule does not apply, and says it needs the field given while it is not given."""
    others = {other.rule_id: str(other) for other in _plan(rules).explain(0).others}
    assert others["acknowledge-caught-misunderstanding"] == (
        "'acknowledge-caught-misunderstanding' (A6: it would be acknowledged in the note) does not apply: it needs "
        "better_answer is given, and it is not given"
    )


def test_a_field_given_is_shown_by_its_value(rules: RuleSet) -> None:
    """With the better answer given, the rules show its value where they showed 'not given'."""
    explanation = _plan(rules, better_answer="Monthly reviews").explain(0)
    others = {other.rule_id: str(other) for other in explanation.others}
    assert (
        explanation.decided_by.rule_id,
        str(explanation.decided_by.conditions[-1]),
        others["keep-caught-answer-without-better-one"],
    ) == (
        "acknowledge-caught-misunderstanding",
        "better_answer is given: yes, it is 'Monthly reviews'",
        "'keep-caught-answer-without-better-one' (A3: it would not be mentioned) does not apply: it needs "
        "better_answer is not given, and it is 'Monthly reviews'",
    )


NOT_NA = """
    theme: not-na
    rules:
      - id: quote-a-real-answer
        title: Quote a better answer that is not 'n/a'
        advice: A3
        kind: difficult_question
        when: {better_answer: {not: n/a}}
        action: do_not_mention
        reason: Keep '{better_answer}' for next time.
        priority: 10
"""


def test_not_does_not_hold_for_a_field_left_out(tmp_path: Path) -> None:
    """{not: 'n/a'} needs a value to differ: on a better answer left out it does not hold, and says it is not given."""
    rules = load_rules(write_pack(tmp_path, 'name: not-na\nversion: "1"\nbase: default\n', rules=NOT_NA))
    plan = recommend(
        [
            {"kind": "difficult_question", "description": "Why us?"},
            {"kind": "difficult_question", "description": "Why us?", "better_answer": "Growth"},
        ],
        rules=rules,
    )
    left_out = {other.rule_id: other for other in plan.explain(0).others}["quote-a-real-answer"]
    assert (str(left_out), left_out.applies) == (
        "'quote-a-real-answer' (A3: it would not be mentioned) does not apply: it needs better_answer is not 'n/a', "
        "and it is not given",
        False,
    )
    given = plan.explain(1).decided_by
    assert (
        given.rule_id,
        str(given.conditions[0]),
    ) == ("quote-a-real-answer", "better_answer is not 'n/a': yes, it is 'Growth'")
