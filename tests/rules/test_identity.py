"""A rule set's identity covers everything that decides: a copy that changes anything has its own
fingerprint, its own cache entries and its own explanations, and never changes another rule set's
answers."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_recovery import Action, Plan, RuleSet, default_rules, recommend

from ..strategies import PATHS

SLIP = [{"kind": "slip", "description": "I called them by the wrong name", "noticed": "certain"}]


def _silenced(base: RuleSet) -> RuleSet:
    """The default rules with the apology for a noticed slip turned into silence."""
    index = next(k for k, rule in enumerate(base.rules) if rule.id == "apologise-noticed-slip")
    changed = dataclasses.replace(base.rules[index], action=Action.DO_NOT_MENTION)
    return dataclasses.replace(base, rules=(*base.rules[:index], changed, *base.rules[index + 1 :]))


@pytest.mark.parametrize(
    "change",
    [
        # One rule's action.
        lambda base: {"rules": _silenced(base).rules},
        # The rules in another order (ties are broken by load order).
        lambda base: {"rules": base.rules[::-1]},
        # A step fewer.
        lambda base: {"steps": base.steps[1:]},
        # The pack's name, version, description, base and declared advice.
        lambda base: {"name": "other"},
        lambda base: {"version": "9"},
        lambda base: {"description": "another"},
        lambda base: {"base": "default 1.0.0"},
        lambda base: {"advice": (("C1", "Say less."),)},
    ],
)
def test_a_copy_that_changes_anything_has_its_own_fingerprint(change: Any) -> None:
    """dataclasses.replace on a rule set with anything that decides changed gives a new fingerprint."""
    base = default_rules()
    copy = dataclasses.replace(base, **change(base))
    assert copy.key != base.key
    assert copy.identity.fingerprint != base.identity.fingerprint


def test_an_unchanged_copy_keeps_the_fingerprint() -> None:
    """A copy with the same content, wherever it came from, is the same rule set."""
    base = default_rules()
    assert dataclasses.replace(base, origin=None).key == base.key


@pytest.mark.parametrize(("engine", "precompute"), PATHS)
@pytest.mark.parametrize("copy_first", [True, False])
def test_a_changed_copy_never_changes_the_original_s_answers(engine: str, precompute: bool, copy_first: bool) -> None:
    """Whichever is planned first, the changed copy stays silent about the noticed slip and the
    built-in rules still apologise, under every engine and path."""
    copy = _silenced(default_rules())
    order = [copy, None] if copy_first else [None, copy]
    found = {
        rules is None: recommend(SLIP, rules=rules, engine=engine, precompute=precompute)  # type: ignore[arg-type]
        .decisions[0]
        .action
        for rules in order
    }
    assert found == {True: Action.APOLOGISE, False: Action.DO_NOT_MENTION}


def test_explain_on_a_plan_read_back_finds_its_own_rules_beside_a_changed_copy() -> None:
    """A plan of the built-in rules, read back from JSON while a changed copy is alive, is explained
    by the built-in rules; the copy's plan by the copy's."""
    copy = _silenced(default_rules())
    for rules, rule_id in ((None, "apologise-noticed-slip"), (copy, "apologise-noticed-slip")):
        plan = recommend(SLIP, rules=rules)
        again = Plan.model_validate_json(plan.model_dump_json())
        explanation = again.explain(0)
        assert explanation.decided_by.rule_id == rule_id
        assert str(explanation) == str(plan.explain(0))
    assert "apologised for in the note" in str(recommend(SLIP).explain(0))
    assert "apologised for in the note" not in str(recommend(SLIP, rules=copy).explain(0))


@settings(max_examples=30, deadline=None)
@given(dropped=st.sets(st.integers(0, 14), max_size=3))
def test_fingerprints_differ_exactly_when_the_rules_do(dropped: set[int]) -> None:
    """Dropping any rules changes the fingerprint; dropping none keeps it."""
    base = default_rules()
    kept = tuple(rule for k, rule in enumerate(base.rules) if k not in dropped)
    assert (dataclasses.replace(base, rules=kept).key == base.key) == (not dropped)
