"""A panel plan explained to one interviewer: the rule set it is explained with, and the reason as
that person saw the incident, rendered as the plan renders reasons."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interview_recovery import Plan, RuleSet, load_rules, recommend

from ..packtools import write_pack

PANEL: dict[str, Any] = {
    "interviewers": [{"name": "Dr Okoye", "lead": True}, {"name": "Mr Eriksen"}],
    "incidents": [
        {
            "kind": "slip",
            "description": "called Mr Eriksen Lance",
            "noticed": {"Mr Eriksen": "certain", "Dr Okoye": "no"},
        },
        {"kind": "strength", "description": "the lab tour", "present": ["Mr Eriksen"]},
        {
            "kind": "off_target_answer",
            "description": "the budget question",
            "asked_by": "Mr Eriksen",
            "noticed": "certain",
        },
        {"kind": "knowledge_gap", "description": "their pipeline products"},
    ],
}

SHOWN = """
    theme: shown
    rules:
      - id: apologise-showing-every-field
        title: Apologise, showing an enum and a boolean as the reason renders them
        advice: A12
        kind: slip
        when: {noticed: certain}
        action: apologise
        channel: note
        reason: "'{description}': noticed {noticed}, apologised {apologised_in_person}."
        judgment_call: true
        priority: 10
      - id: keep-answer-showing-every-field
        title: Keep an answer quiet, showing an optional field as the reason renders it
        advice: A3
        kind: off_target_answer
        when: {noticed: certain}
        action: do_not_mention
        reason: "'{description}': cause {cause}, better answer {better_answer}."
        priority: 10
"""


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> RuleSet:
    """The default pack, plus a rule whose reason shows an enum, a boolean and an optional field."""
    folder = tmp_path_factory.mktemp("shown")
    return load_rules(write_pack(folder, 'name: shown\nversion: "1"\nbase: default\n', rules=SHOWN))


def _read_back(plan: Plan, *, keep_pack: bool) -> Plan:
    data = json.loads(plan.model_dump_json())
    if not keep_pack:
        del data["pack"]
    return Plan.model_validate(data)


def test_the_reason_as_one_interviewer_saw_it_is_rendered_as_the_plan_renders_reasons(shown: RuleSet) -> None:
    """An enum shows its value, a boolean as True or False and an optional field left out as '(not given)',
    in the per-interviewer explanation exactly as in the plan's own decision."""
    plan = recommend(PANEL, rules=shown)
    expected = {
        0: "'called Mr Eriksen Lance': noticed certain, apologised False.",
        2: "'the budget question': cause misunderstood, better answer (not given).",
    }
    for index, reason in expected.items():
        assert plan.decisions[index].reason == reason
        assert plan.explain(index, interviewer="Mr Eriksen").decision.reason == reason
    answered = {**PANEL["incidents"][2], "better_answer": "Monthly reviews"}
    plan = recommend({**PANEL, "incidents": [answered]}, rules=shown)
    assert plan.explain(0, interviewer="Mr Eriksen").decision.reason == (
        "'the budget question': cause misunderstood, better answer Monthly reviews."
    )


@pytest.mark.parametrize(("index", "name"), [(0, "Mr Eriksen"), (0, "Dr Okoye"), (1, "Dr Okoye")])
def test_a_plan_read_back_with_its_pack_explains_to_each_interviewer_without_the_rules(index: int, name: str) -> None:
    """A panel plan read back from JSON names its pack, so each interviewer's explanation finds the rules
    itself, whether or not the incident concerns that person."""
    plan = recommend(PANEL)
    again = _read_back(plan, keep_pack=True)
    assert str(again.explain(index, interviewer=name)) == str(plan.explain(index, interviewer=name))


@pytest.mark.parametrize(("index", "name"), [(0, "Mr Eriksen"), (0, "Dr Okoye"), (1, "Dr Okoye")])
def test_a_plan_read_back_without_its_pack_explains_to_each_interviewer_with_the_rules_given(
    index: int, name: str
) -> None:
    """Without the pack in its data, a panel plan explains to each interviewer with the rules passed, and
    asks for them when they are not."""
    plan = recommend(PANEL)
    again = _read_back(plan, keep_pack=False)
    from interview_recovery import default_rules

    assert str(again.explain(index, interviewer=name, rules=default_rules())) == str(
        plan.explain(index, interviewer=name)
    )
    with pytest.raises(ValueError, match="this plan does not say which rules made it"):
        again.explain(index, interviewer=name)


def test_an_incident_that_does_not_concern_an_interviewer_says_who_carries_it() -> None:
    """Explained to someone it does not concern, an incident says why, and whose note carries it."""
    plan = recommend(PANEL)
    assert plan.explain(1, interviewer="Dr Okoye").audience == (
        "It is not in the note to Dr Okoye: Dr Okoye was not there (present: Mr Eriksen) (B1). "
        "The note to Mr Eriksen carries it."
    )


def test_rules_that_decide_nothing_for_an_interviewers_view_are_refused_saying_so(tmp_path: Path) -> None:
    """Explaining with rules that have the deciding rule but decide nothing for the incident as one
    interviewer saw it raises ValueError naming the incident and the interviewer."""
    plan = _read_back(recommend(PANEL), keep_pack=False)
    rule = plan.decisions[0].rule_id
    narrow = f"""
        theme: narrow
        rules:
          - id: {rule}
            title: Decide only a slip noticed by nobody
            advice: A12
            kind: slip
            when: {{noticed: "no"}}
            action: do_not_mention
            reason: Not mentioned.
    """
    rules = load_rules(write_pack(tmp_path, 'name: narrow\nversion: "1"\n', slips=narrow))
    with pytest.raises(ValueError) as caught:
        plan.explain(0, interviewer="Mr Eriksen", rules=rules)
    assert str(caught.value) == "the rules decide nothing for incident 0 as Mr Eriksen saw it"


@pytest.mark.parametrize(("name", "noticed"), [("Mr Eriksen", "certain"), ("Dr Okoye", "no")])
def test_each_interviewer_is_shown_the_decision_their_own_view_gets(shown: RuleSet, name: str, noticed: str) -> None:
    """Explained to one interviewer, the decision is the one a plan of the incident as that person saw it
    gets: its rule, action, channel, advice, reason, judgment call and pack, not the panel decision's."""
    plan = recommend(PANEL, rules=shown)
    alone = recommend([{**PANEL["incidents"][0], "noticed": noticed}], rules=shown).decisions[0]
    fields = ("rule_id", "action", "channel", "advice", "reason", "judgment_call", "pack")
    mine = plan.explain(0, interviewer=name).decision
    assert {f: getattr(mine, f) for f in fields} == {f: getattr(alone, f) for f in fields}
    assert (alone.pack, alone.judgment_call) == (("shown", True) if noticed == "certain" else ("default", False))


def test_what_stays_private_is_explained_to_each_interviewer_as_private() -> None:
    """An incident everyone saw that stays private (a gap in knowledge) is in no note, and says so to each
    interviewer, naming them and without a view of what they noticed, since it has no such field."""
    plan = recommend(PANEL)
    for name in ("Dr Okoye", "Mr Eriksen"):
        explained = plan.explain(3, interviewer=name)
        why = f"It is not in the note to {name}. It stays private."
        assert (explained.interviewer, explained.audience) == (name, why)


def test_an_incident_carried_to_two_others_names_both() -> None:
    """Explained to the one interviewer who did not see it, a strength two others saw names both notes."""
    plan = recommend(
        {
            "interviewers": [{"name": "Dr Okoye", "lead": True}, {"name": "Mr Eriksen"}, {"name": "Ms Raman"}],
            "incidents": [{"kind": "strength", "description": "the lab tour", "present": ["Dr Okoye", "Ms Raman"]}],
        }
    )
    assert plan.explain(0, interviewer="Mr Eriksen").audience == (
        "It is not in the note to Mr Eriksen: Mr Eriksen was not there (present: Dr Okoye, Ms Raman) (B1). "
        "The note to Dr Okoye and Ms Raman carries it."
    )


def test_a_condition_that_fails_and_a_change_of_two_fields_read_as_sentences() -> None:
    """A rule's first failed condition reads "..., no, it is ..."; a change needing two fields joins them with "and"."""
    plan = recommend([{"kind": "slip", "description": "Late", "noticed": "likely", "apologised_in_person": True}])
    explained = plan.explain(0)
    failed = {other.rule_id: other.first_failed for other in explained.others}["apologise-noticed-slip"]
    assert str(failed) == "noticed is 'certain': no, it is 'likely'"
    fumbled = recommend([{"kind": "off_target_answer", "description": "x", "noticed": "likely", "cause": "fumbled"}])
    changes = {str(change): change for change in fumbled.explain(0).changes}
    both = changes["would be acknowledged in the note if cause were 'misunderstood' and noticed were 'certain'"]
    assert [(f.field, f.current, f.proposed) for f in both.fields] == [
        ("cause", "fumbled", "misunderstood"),
        ("noticed", "likely", "certain"),
    ]


def test_the_explanation_to_one_interviewer_says_whose_view_it_is() -> None:
    """The first line of an explanation to one interviewer says it is the incident as that person saw it."""
    plan = recommend(PANEL)
    assert str(plan.explain(0, interviewer="Mr Eriksen")).splitlines()[0] == (
        "'called Mr Eriksen Lance' (slip) is apologised for in the note, as Mr Eriksen saw it."
    )
    assert str(plan.explain(0)).splitlines()[0] == "'called Mr Eriksen Lance' (slip) is apologised for in the note."
