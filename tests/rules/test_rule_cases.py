"""The rule cases beside the rule files, and the meta-checks every pack must pass.

Every shipped pack's cases run against that pack (with its base). The advice-coverage checks
hold for the default pack only: another pack may follow another school, citing its own advice.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest
import yaml

from interview_recovery import Case, RuleSet, default_rules, load_rules, recommend
from interview_recovery._authoring.cases import _check
from interview_recovery._rules.ruleset import ADVICE_IDS, CASES_SUFFIX

from ..conftest import RULES

PACKS = sorted(path.parent.name for path in RULES.glob("*/pack.yaml"))


@cache
def _pack(name: str) -> RuleSet:
    return load_rules(RULES / name)


def _own(name: str) -> set[str]:
    """The ids of the rules and steps a pack defines itself (not those it takes from its base)."""
    rules = _pack(name)
    return {rule.id for rule in (*rules.rules, *rules.steps) if rule.pack == rules.name}


def _disabled(name: str) -> set[str]:
    return set(yaml.safe_load((RULES / name / "pack.yaml").read_text(encoding="utf-8")).get("disable", []))


def _cases() -> list[Any]:
    params = []
    for path in sorted(RULES.glob(f"*/*{CASES_SUFFIX}")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            params.append(
                pytest.param(path.parent.name, case, id=f"{path.parent.name}/{path.stem}: {case['description']}")
            )
    return params


CASES = _cases()


@pytest.mark.parametrize(("pack", "case"), CASES)
def test_rule_case(pack: str, case: dict[str, Any]) -> None:
    """Each case's incidents get exactly the decision or steps the case states, under the case's own pack."""
    incidents = case["incidents"] if "incidents" in case else [case["incident"]]
    plan = recommend(incidents, rules=_pack(pack))
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
    if "ended_at" in case:
        # The schedule's expectations, checked as `interview-recovery rules test` checks them.
        assert _check(Case("", None, case), _pack(pack)) == []


def _case_values(key: str, pack: str = "default") -> set[str]:
    return {param.values[1][key] for param in CASES if key in param.values[1] and param.values[0] == pack}


def test_packs_are_found() -> None:
    """The shipped packs are the default advice, the elaborate school and the no-mistakes school."""
    assert PACKS == ["default", "elaborate", "no-mistakes"]


@pytest.mark.parametrize("pack", PACKS)
def test_every_decision_rule_has_a_positive_and_a_negative_case(pack: str) -> None:
    """Every decision rule a pack defines is shown deciding an incident, and shown not deciding a near miss."""
    ids = {rule.id for rule in _pack(pack).rules} & _own(pack)
    assert set() == ids - _case_values("rule", pack), "rules without a positive case"
    assert set() == ids - _case_values("not_rule", pack), "rules without a negative case"


@pytest.mark.parametrize("pack", PACKS)
def test_every_step_rule_has_cases(pack: str) -> None:
    """Every step a pack defines has a case where it appears; a step brought in by incidents also has one where it does
    not.

    A step marked ``always`` has no negative case: no interview can leave it out.
    """
    steps = [step for step in _pack(pack).steps if step.id in _own(pack)]
    assert set() == {s.id for s in steps} - _case_values("step", pack)
    assert set() == {s.id for s in steps if not s.always} - _case_values("not_step", pack)


@pytest.mark.parametrize("pack", PACKS)
def test_every_follow_up_rule_has_a_case(pack: str) -> None:
    """Every timing rule a pack defines is shown setting a follow-up's window."""
    rules = _pack(pack)
    own = {f.id for f in rules.follow_ups if f.pack == rules.name}
    assert set() == own - _case_values("follow_up", pack)


@pytest.mark.parametrize("pack", PACKS)
def test_every_disabled_rule_is_shown_gone(pack: str) -> None:
    """Every base rule a pack disables has a case there showing it no longer decides, or no longer appears."""
    assert set() == _disabled(pack) - _case_values("not_rule", pack) - _case_values("not_step", pack)


@pytest.mark.parametrize("pack", PACKS)
def test_every_case_names_rules_of_its_pack(pack: str) -> None:
    """Every rule a case names is in its pack, or disabled by it, so no case passes for a misspelt id."""
    rules = _pack(pack)
    ids = {rule.id for rule in (*rules.rules, *rules.steps)} | _disabled(pack)
    named = set().union(*(_case_values(key, pack) for key in ("rule", "not_rule", "step", "not_step")))
    assert set() == named - ids


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


@pytest.mark.parametrize("pack", PACKS)
def test_rule_ids_are_unique_and_well_formed(pack: str) -> None:
    """Rule ids are unique across the pack and read as kebab-case words."""
    rules = _pack(pack)
    ids = [rule.id for rule in (*rules.rules, *rules.steps)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule_id) for rule_id in ids)


@pytest.mark.parametrize("pack", PACKS)
def test_every_rule_file_has_its_case_file(pack: str) -> None:
    """Each rule file in a pack sits beside a case file of the same name."""
    folder = RULES / pack
    rule_files = {p.stem for p in folder.glob("*.yaml") if p.name != "pack.yaml" and not p.name.endswith(CASES_SUFFIX)}
    case_files = {p.name.removesuffix(CASES_SUFFIX) for p in folder.glob(f"*{CASES_SUFFIX}")}
    assert rule_files == case_files


@pytest.mark.parametrize("pack", PACKS)
def test_rule_files_are_plain_data(pack: str) -> None:
    """The shipped rule files load with YAML's safe loader: nothing in them is code."""
    for path in (RULES / pack).glob("*.yaml"):
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict)
