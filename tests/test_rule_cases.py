"""The rule cases beside the rule files, and the meta-checks every pack must pass."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from interview_recovery import default_rules, recommend
from interview_recovery._rules import ADVICE_IDS, CASES_SUFFIX

from .conftest import DEFAULT_PACK, RULES


def _cases() -> list[Any]:
    params = []
    for path in sorted(RULES.glob(f"*/*{CASES_SUFFIX}")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            params.append(pytest.param(path.parent.name, case, id=f"{path.parent.name}/{path.stem}: {case['description']}"))
    return params


CASES = _cases()


@pytest.mark.parametrize(("pack", "case"), CASES)
def test_rule_case(pack: str, case: dict[str, Any]) -> None:
    """Each case's incidents get exactly the decision or steps the case states."""
    assert pack == "default"
    incidents = case["incidents"] if "incidents" in case else [case["incident"]]
    plan = recommend(incidents)
    if "incident" in case:
        decision = plan.decisions[0]
        if "rule" in case:
            assert case["rule"] == decision.rule_id
        if "not_rule" in case:
            assert case["not_rule"] != decision.rule_id
        if "action" in case:
            assert case["action"] == decision.action
        if "judgment_call" in case:
            assert case["judgment_call"] == decision.judgment_call
    steps = {step.id: step for step in plan.steps}
    if "step" in case:
        assert case["step"] in steps
        if "items" in case:
            assert tuple(case["items"]) == steps[case["step"]].items
    if "not_step" in case:
        assert case["not_step"] not in steps


def _case_values(key: str) -> set[str]:
    return {param.values[1][key] for param in CASES if key in param.values[1]}


def test_every_decision_rule_has_a_positive_and_a_negative_case() -> None:
    """Every decision rule is shown deciding an incident, and shown not deciding a near miss."""
    ids = {rule.id for rule in default_rules().rules}
    assert set() == ids - _case_values("rule"), "rules without a positive case"
    assert set() == ids - _case_values("not_rule"), "rules without a negative case"


def test_every_step_rule_has_cases() -> None:
    """Every step has a case where it appears; a step brought in by incidents also has one where it does not.

    A step marked ``always`` has no negative case: no interview can leave it out.
    """
    steps = default_rules().steps
    assert set() == {s.id for s in steps} - _case_values("step")
    assert set() == {s.id for s in steps if not s.always} - _case_values("not_step")


def test_every_advice_statement_is_encoded_by_a_rule() -> None:
    """Each advice statement A1-A15 is cited by at least one rule or step of the default pack."""
    rules = default_rules()
    cited = {rule.advice for rule in (*rules.rules, *rules.steps)}
    assert set(ADVICE_IDS) == cited


def test_every_advice_statement_is_tested() -> None:
    """Each advice statement A1-A15 is cited by a rule that has a positive case."""
    rules = default_rules()
    tested = _case_values("rule") | _case_values("step")
    cited = {rule.advice for rule in (*rules.rules, *rules.steps) if rule.id in tested}
    assert set(ADVICE_IDS) == cited


def test_rule_ids_are_unique_and_well_formed() -> None:
    """Rule ids are unique across the pack and read as kebab-case words."""
    rules = default_rules()
    ids = [rule.id for rule in (*rules.rules, *rules.steps)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule_id) for rule_id in ids)


def test_every_rule_file_has_its_case_file() -> None:
    """Each rule file in the default pack sits beside a case file of the same name."""
    rule_files = {p.stem for p in DEFAULT_PACK.glob("*.yaml") if p.name != "pack.yaml" and not p.name.endswith(CASES_SUFFIX)}
    case_files = {p.name.removesuffix(CASES_SUFFIX) for p in DEFAULT_PACK.glob(f"*{CASES_SUFFIX}")}
    assert rule_files == case_files


def test_rule_files_are_plain_data() -> None:
    """The shipped rule files load with YAML's safe loader: nothing in them is code."""
    for path in DEFAULT_PACK.glob("*.yaml"):
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict)
