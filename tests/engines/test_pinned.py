"""Cases the differential test reaches only when its generator happens to build them, pinned:
repeated values in a list condition, and the order of a step's items through the decision table."""

from __future__ import annotations

from typing import Any

import pytest

from interview_recovery import RuleSet, load_rules, recommend
from interview_recovery._engines.durable import compile_condition
from interview_recovery._rules.ruleset import Condition

from ..packtools import write_pack
from ..strategies import AVAILABLE_PATHS

# Every path: durable_rules and the Python engine, through the decision table and per call.
PATHS = [
    pytest.param(engine, precompute, id=f"{engine}-{'table' if precompute else 'call'}")
    for engine, precompute in AVAILABLE_PATHS
]

PACK = """
    name: pinned
    version: "1"
    base: default
"""

# Knowledge gaps are decided on their text, so the table leaves them to the engine; slips are
# tabulated. The step's entries bring in each slip twice (any slip, then a noticed one) and each gap once.
RULES = """
    theme: pinned
    rules:
      - id: the-budget-gap
        title: The budget gap
        advice: A3
        kind: knowledge_gap
        when: {description: The budget}
        action: do_not_mention
        reason: Not mentioned.
    steps:
      - id: lessons
        title: Lessons
        advice: A3
        order: 1
        text: One line each.
        when_any:
          - {kind: knowledge_gap, item: "gap '{description}'"}
          - {kind: slip, item: "slip '{description}'"}
          - {kind: slip, when: {noticed: certain}, item: "noticed '{description}'"}
      - id: repeated
        title: Repeated values
        advice: A3
        order: 2
        text: Once each.
        when_any:
          - {kind: slip, when: {noticed: [certain, certain, likely]}, item: "'{description}' once"}
          - {kind: omission, when: {relevant: [true, true]}, item: "'{description}' once"}
"""


@pytest.fixture(scope="module")
def pinned(tmp_path_factory: pytest.TempPathFactory) -> RuleSet:
    """The default pack with a step whose items come from a tabulated and an untabulated kind."""
    return load_rules(write_pack(tmp_path_factory.mktemp("pinned"), PACK, pinned=RULES))


def _items(
    rules: RuleSet, incidents: list[dict[str, Any]], engine: str, precompute: bool
) -> dict[str, tuple[str, ...]]:
    plan = recommend(incidents, rules=rules, engine=engine, precompute=precompute)  # type: ignore[arg-type]
    return {step.id: step.items for step in plan.steps if step.id in ("lessons", "repeated")}


def test_a_list_compiles_each_value_once_for_durable_rules() -> None:
    """durable_rules fires a rule once per branch of an $or that matches, so a repeated value is compiled once."""
    condition = Condition("noticed", "in", ("certain", "certain", "likely", "certain"))
    assert compile_condition(condition) == {"$or": [{"noticed": "certain"}, {"noticed": "likely"}]}


@pytest.mark.parametrize(("engine", "precompute"), PATHS)
def test_a_value_repeated_in_a_list_brings_a_steps_item_in_once(pinned: RuleSet, engine: str, precompute: bool) -> None:
    """A step entry testing `noticed: [certain, certain, likely]` or `relevant: [true, true]` lists each
    incident it matches once, by every engine and path."""
    incidents = [
        {"kind": "slip", "description": "Late", "noticed": "certain"},
        {"kind": "omission", "description": "My award", "category": "experience", "relevant": True},
        {"kind": "slip", "description": "Coffee", "noticed": "likely"},
        {"kind": "slip", "description": "Name", "noticed": "no"},
    ]
    assert _items(pinned, incidents, engine, precompute)["repeated"] == (
        "'Late' once",
        "'My award' once",
        "'Coffee' once",
    )


@pytest.mark.parametrize(("engine", "precompute"), PATHS)
def test_a_steps_items_follow_the_incidents_then_the_entries(pinned: RuleSet, engine: str, precompute: bool) -> None:
    """A step's items come in the incidents' order, and for one incident in the order of the step's
    entries, whether the incident was looked up in the table or evaluated by the engine."""
    incidents = [
        {"kind": "knowledge_gap", "description": "The roadmap"},
        {"kind": "slip", "description": "Late", "noticed": "certain"},
        {"kind": "knowledge_gap", "description": "The budget"},
        {"kind": "slip", "description": "Coffee", "noticed": "no"},
        {"kind": "slip", "description": "Name", "noticed": "certain"},
    ]
    assert _items(pinned, incidents, engine, precompute)["lessons"] == (
        "gap 'The roadmap'",
        "slip 'Late'",
        "noticed 'Late'",
        "gap 'The budget'",
        "slip 'Coffee'",
        "slip 'Name'",
        "noticed 'Name'",
    )


def test_the_table_serves_slips_and_leaves_gaps_to_the_engine(pinned: RuleSet) -> None:
    """The order test above mixes both paths of one call: slips from the table, gaps from the engine."""
    from interview_recovery._engines import python
    from interview_recovery._engines import table as decision_table

    table = decision_table.build(pinned, python.evaluate)
    assert ("slip" in table.kinds, "knowledge_gap" in table.kinds) == (True, False)
