"""Decision tables: which kinds are tabulated, what a case's key is, and when the engine is asked instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_recovery import default_rules, load_rules, recommend
from interview_recovery._engines import python
from interview_recovery._engines import table as decision_table
from interview_recovery._planning.recommend import fact, validate_incidents


def test_the_default_rules_tabulate_every_kind_by_its_finite_fields() -> None:
    """Every kind of the default pack is tabulated, keyed by its finite fields, one entry per valid case."""
    table = decision_table.build(default_rules(), python.evaluate)
    shape = {kind: (t.fields, t.presence, len(t.entries)) for kind, t in table.kinds.items()}
    assert shape == {
        # 4 x 2 x 2 combinations, less the 4 that are both realised later and apologised for in person.
        "slip": (("noticed", "apologised_in_person", "realised_later"), (), 12),
        # 2 causes x 4 noticed.
        "off_target_answer": (("cause", "noticed"), (), 8),
        "omission": (("category", "relevant"), (), 10),
        "strength": ((), (), 1),
        "distraction": (("serious_life_event", "affected_performance"), (), 4),
        "difficult_question": ((), (), 1),
        "knowledge_gap": ((), (), 1),
    }
    # reflect, forgive yourself, send the note, never apologise for the interview: the steps for every interview.
    assert frozenset({0, 3, 4, 7}) == table.always


RULES = """\
theme: t
rules:
  - {id: answered, title: t, advice: A3, kind: difficult_question, when: {better_answer: {present: true}},
     action: do_not_mention, channel: none, reason: r}
  - {id: unanswered, title: t, advice: A3, kind: difficult_question, when: {better_answer: {present: false}},
     action: do_not_mention, channel: none, reason: r}
  - {id: budget, title: t, advice: A3, kind: knowledge_gap, when: {description: The budget},
     action: add_to_note, channel: note, reason: r}
  - {id: strength, title: t, advice: A9, kind: strength, action: remind_strength, channel: note, reason: r}
"""


@pytest.fixture
def rules(tmp_path: Path) -> object:
    """Rules testing a field's presence (tabulated) and free text (not tabulated)."""
    path = tmp_path / "t.yaml"
    path.write_text(RULES)
    return load_rules(path)


def test_presence_tests_are_tabulated_and_free_text_tests_are_not(rules: object) -> None:
    """A kind whose rules test only whether a field is given is keyed by that; a kind whose rules
    test the text itself is left to the engine."""
    table = decision_table.build(rules, python.evaluate)  # type: ignore[arg-type]
    assert (lambda t: (t.fields, t.presence, len(t.entries)))(table.kinds["difficult_question"]) == (
        (),
        ("better_answer",),
        2,
    )
    assert "knowledge_gap" not in table.kinds


def test_incidents_the_table_lacks_go_to_the_engine(rules: object) -> None:
    """In one call, tabulated incidents are looked up and the others evaluated, each keeping its index."""
    incidents = validate_incidents(
        [
            {"kind": "knowledge_gap", "description": "The budget"},
            {"kind": "difficult_question", "description": "Why?", "better_answer": "Because."},
            {"kind": "knowledge_gap", "description": "The team"},
            {"kind": "strength", "description": "Portfolio"},
        ]
    )
    facts = [fact(i) for i in incidents]
    asked: list[list[str]] = []

    def engine(ruleset: object, some: list[object]) -> object:
        asked.append([f[1]["description"] for f in some])  # type: ignore[index]
        return python.evaluate(ruleset, some)  # type: ignore[arg-type]

    table = decision_table.build(rules, python.evaluate)  # type: ignore[arg-type]
    matches = table.evaluate(rules, facts, engine)  # type: ignore[arg-type]
    assert asked == [["The budget", "The team"]]
    assert matches.decisions == [[2], [0], [], [3]]


def test_a_kind_with_too_many_cases_is_left_to_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A kind whose cases outnumber the limit is not tabulated, and still planned the same."""
    monkeypatch.setattr(decision_table, "MAX_CASES_PER_KIND", 11)
    table = decision_table.build(default_rules(), python.evaluate)
    assert "slip" not in table.kinds and "omission" in table.kinds
    slip = {"kind": "slip", "description": "Late", "noticed": "certain"}
    assert recommend([slip], engine="python", precompute=False) == recommend([slip], engine="python")


def test_the_table_is_built_once_per_rule_set_and_engine() -> None:
    """Two calls with the same rule set and engine share one table."""
    recommend([], engine="python")
    first = decision_table._tables[(default_rules().key, "python")]
    recommend([], engine="python")
    assert first is decision_table._tables[(default_rules().key, "python")]
