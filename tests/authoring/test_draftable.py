"""rules check proves that the note can draft every action a pack gives a kind, and drafting never
fails with an internal error: on a pack that passed it drafts, on one that did not it says which rule."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest

from interview_recovery import Action, DecisionRule, check_rules, default_rules, recommend
from interview_recovery._model.models import INCIDENT_CLASSES
from interview_recovery.cli import run

INCIDENTS = {
    "slip": {"description": "A slip", "noticed": "certain"},
    "off_target_answer": {"description": "An answer", "noticed": "certain"},
    "omission": {"description": "A project", "category": "skill", "relevant": True},
    "strength": {"description": "The case study"},
    "distraction": {"description": "A family emergency", "serious_life_event": True},
    "knowledge_gap": {"description": "SQL"},
    "difficult_question": {"description": "Why leave"},
}


PAIRS = [(kind, action) for kind in INCIDENT_CLASSES for action in Action]


def _rule(kind: str, action: Action, rule_id: str) -> DecisionRule:
    return dataclasses.replace(
        default_rules().rules[0], id=rule_id, kind=kind, action=action, conditions=(), priority=0
    )


@pytest.fixture(scope="module")
def undraftable() -> dict[str, str]:
    """The check's undraftable findings, by rule id, for a pack with a rule for every kind and action."""
    base = default_rules()
    rules = tuple(_rule(kind, action, f"{kind}-{action.value}") for kind, action in PAIRS)
    report = check_rules(dataclasses.replace(base, rules=(*rules, *base.rules)))
    return {f.rule_id or "": f.message for f in report.findings if f.code == "undraftable"}


@pytest.mark.parametrize(("kind", "action"), PAIRS, ids=lambda x: str(x))
def test_the_note_drafts_every_action_the_check_passes_and_names_the_rule_otherwise(
    undraftable: dict[str, str], kind: str, action: Action
) -> None:
    """A rule giving a kind an action: the check reports it as undraftable exactly when drafting
    the note refuses it with a message naming the rule, and drafting succeeds otherwise."""
    base = default_rules()
    pack = dataclasses.replace(base, rules=(_rule(kind, action, "under-test"), *base.rules))
    found = [undraftable[rule_id] for rule_id in undraftable if rule_id == f"{kind}-{action.value}"]
    plan = recommend([{"kind": kind, **INCIDENTS[kind]}], rules=pack, engine="python", precompute=False)
    assert plan.decisions[0].rule_id == "under-test"
    if found:
        with pytest.raises(ValueError, match=r"incident 0: rule 'under-test' decided .*, but an? .* cannot be "):
            plan.draft_note("Marie")
        assert found[0].startswith(f"decides {action.value}, but a")
    else:
        assert "\n\nDear Marie,\n\n" in str(plan.draft_note("Marie"))
        message = plan.draft_distraction_message("Marie")
        assert (message is not None) == (action is Action.EXPLAIN_DISTRACTION)


def test_rules_check_names_the_file_line_and_rule_of_an_undraftable_action(tmp_path: Path) -> None:
    """rules check on a pack that apologises for a strength exits 1 with the rule's file, line and
    id, what the note cannot do, and the actions it can take instead."""
    (tmp_path / "pack.yaml").write_text('name: sorry\nversion: "1"\nbase: default\n', encoding="utf-8")
    rule = {
        "id": "sorry-strength",
        "title": "Sorry for a strength",
        "advice": "A3",
        "kind": "strength",
        "action": "apologise",
        "reason": "r",
        "priority": 1,
    }
    (tmp_path / "sorry.yaml").write_text(json.dumps({"theme": "sorry", "rules": [rule]}), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run(["rules", "check", str(tmp_path)], out, err) == 1
    assert (
        f"{tmp_path / 'sorry.yaml'}:1: rule 'sorry-strength': error: decides apologise, but a strength cannot "
        "be apologised for in the note: a strength has no 'apology' or 'realised_later'; give it one of the actions "
        "the note can take for a strength: do_not_repeat_apology, remind_strength, do_not_mention\n"
    ) in out.getvalue()
