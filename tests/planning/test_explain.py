"""plan.explain(): the deciding rule, why not the others, and the smallest changes, checked
against the engine over every combination of every incident's finite fields."""

from __future__ import annotations

import json
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from interview_recovery import Plan, default_rules, load_rules, recommend
from interview_recovery._model import models as _models
from interview_recovery._model.models import INCIDENT_CLASSES, INCIDENT_LIST, finite_values
from interview_recovery._planning.explain import decide
from interview_recovery._planning.recommend import fact

from ..conftest import DEFAULT_PACK, ROOT
from ..golden_files import check_golden
from ..packtools import write_pack


def _domain() -> list[dict[str, Any]]:
    """Every valid incident that differs in a finite field (enums and booleans), all kinds."""
    incidents = []
    for kind in INCIDENT_CLASSES:
        names = [n for n in _models.testable_fields(kind) if finite_values(kind, n) is not None]
        for values in product(*(finite_values(kind, n) or () for n in names)):
            candidate = {
                "kind": kind,
                "description": f"{kind} {dict(zip(names, values, strict=True))}",
                **dict(zip(names, values, strict=True)),
            }
            try:
                INCIDENT_LIST.validate_python([candidate])
            except ValidationError:
                continue  # e.g. a slip both realised later and apologised for in person
            incidents.append(candidate)
    return incidents


DOMAIN = _domain()


@pytest.fixture(scope="module")
def domain_plan() -> Plan:
    """The plan for the whole finite domain at once."""
    return recommend(DOMAIN)


def test_domain_covers_every_kind() -> None:
    """The enumeration holds every kind and every valid slip (4 noticed x 3 allowed flag pairs)."""
    kinds = [incident["kind"] for incident in DOMAIN]
    assert ({k: True for k in INCIDENT_CLASSES}, 12) == ({k: k in kinds for k in INCIDENT_CLASSES}, kinds.count("slip"))


def test_rule_data_decides_as_the_engine_does(domain_plan: Plan) -> None:
    """For every incident of the finite domain, the rule data picks the rule the engine picked."""
    rules = load_rules(DEFAULT_PACK)
    engine = [d.rule_id for d in domain_plan.decisions]
    by_data = [getattr(decide(rules, d.incident.kind, fact(d.incident)[1]), "id", None) for d in domain_plan.decisions]
    assert engine == by_data


def test_explanations_agree_with_the_engine(domain_plan: Plan) -> None:
    """For every incident: the deciding rule's conditions all hold, every other rule of its kind
    either fails at its first failing condition or is outranked, and each proposed change
    gives, through the engine, exactly the decision it claims."""
    changed_incidents: list[dict[str, Any]] = []
    claimed = []
    for index, decision in enumerate(domain_plan.decisions):
        explanation = domain_plan.explain(index)
        assert (decision.rule_id, True) == (
            explanation.decided_by.rule_id,
            all(c.held for c in explanation.decided_by.conditions),
        )
        for other in explanation.others:
            first_failed = next((c for c in other.conditions if not c.held), None)
            assert (first_failed, first_failed is None) == (other.first_failed, other.applies)
        for change in explanation.changes:
            changed = {**DOMAIN[index], **{f.field: f.proposed for f in change.fields}}
            changed_incidents.append(changed)
            claimed.append((change.action, change.rule_id))
    actual = [(d.action, d.rule_id) for d in recommend(changed_incidents).decisions]
    assert claimed == actual


def test_changes_are_the_smallest_and_all_of_them(domain_plan: Plan) -> None:
    """Each incident's proposed changes are exactly those of the smallest size that change its
    action, found by the engine over the whole domain: single changes when any exist, else pairs."""
    by_incident = {json.dumps({k: v for k, v in d.items() if k != "description"}, sort_keys=True): d for d in DOMAIN}
    engine_action = {key: decision.action for key, decision in zip(by_incident, domain_plan.decisions, strict=True)}
    for index, decision in enumerate(domain_plan.decisions):
        base = {k: v for k, v in DOMAIN[index].items() if k != "description"}
        relevant = {c.field for r in load_rules(DEFAULT_PACK).rules if r.kind == base["kind"] for c in r.conditions}
        expected: set[frozenset[tuple[str, Any]]] = set()
        for size in (1, 2):
            for other_key, action in engine_action.items():
                other = json.loads(other_key)
                diff = frozenset((k, v) for k, v in other.items() if base.get(k) != v)
                if (
                    other["kind"] == base["kind"]
                    and len(diff) == size
                    and {k for k, _ in diff} <= relevant
                    and action != decision.action
                ):
                    expected.add(diff)
            if expected:
                break
        actual = {frozenset((f.field, f.proposed) for f in c.fields) for c in domain_plan.explain(index).changes}
        assert expected == actual, DOMAIN[index]


def test_phone_buzz_would_be_apologised_for_if_certainly_noticed() -> None:
    """The phone buzz the interviewer may have missed would be apologised for if noticed were certain."""
    plan = recommend([{"kind": "slip", "description": "My phone buzzed", "noticed": "unsure"}])
    assert "it would be apologised for if noticed were 'certain'" in str(plan.explain(0))


def test_explanation_of_the_example_interview_matches_golden_file() -> None:
    """The plain-English explanations of the example interview are exactly the stored ones."""
    incidents = json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text())
    plan = recommend(incidents)
    check_golden("explain-bad-interview.txt", "\n".join(str(plan.explain(i)) for i in range(len(incidents))))


def test_incident_is_found_by_index_id_model_or_dict() -> None:
    """An incident is found by its index (also from the end), its id, the model itself, or the same dict."""
    incidents = [
        {"kind": "strength", "id": "portfolio", "description": "Portfolio"},
        {"kind": "slip", "id": "phone", "description": "My phone buzzed", "noticed": "unsure"},
    ]
    plan = recommend(incidents)
    found = [plan.explain(key).decision.index for key in (1, -1, "phone", plan.decisions[1].incident, incidents[1])]
    assert found == [1, 1, 1, 1, 1]


@pytest.mark.parametrize(
    ("key", "message"),
    [
        # An index past the end.
        (5, "the plan has 1 incident(s); there is no index 5"),
        # An id nobody gave.
        ("phon", "no incident with id 'phon' in the plan: the ids are 'portfolio'"),
        # An incident that is not in the plan.
        ({"kind": "strength", "description": "Other"}, "the incident 'Other' is not in the plan"),
    ],
)
def test_unknown_incident_is_a_lookup_error(key: Any, message: str) -> None:
    """Asking about an incident the plan does not hold raises LookupError saying what the plan has."""
    plan = recommend([{"kind": "strength", "id": "portfolio", "description": "Portfolio"}])
    with pytest.raises(LookupError) as caught:
        plan.explain(key)
    assert message == str(caught.value)


def test_plan_equality_ignores_the_kept_rule_set() -> None:
    """A plan read back from its JSON equals the plan it came from, though only one holds its rule set."""
    plan = recommend([{"kind": "strength", "description": "Portfolio"}])
    assert plan == Plan.model_validate_json(plan.model_dump_json())


def test_plan_rebuilt_from_json_explains_with_the_built_in_rules() -> None:
    """A plan read back from JSON, which no longer holds its rule set, is explained with the built-in pack."""
    plan = recommend(
        [{"kind": "slip", "description": "Spilt water", "noticed": "certain", "apologised_in_person": True}]
    )
    rebuilt = Plan.model_validate_json(plan.model_dump_json())
    assert str(plan.explain(0)) == str(rebuilt.explain(0))


STRICT = (
    "theme: strict\nrules:\n"
    "  - {id: never-mention-slips, title: Never mention slips, advice: A7, kind: slip, action: do_not_mention,\n"
    "     reason: Not mentioned.}\n"
)


def test_plan_made_with_other_rules_explains_with_them(tmp_path: Path) -> None:
    """A plan made with a custom rule file is explained by its rules, also once rebuilt from JSON
    while those very rules are loaded, and with them when they are passed again."""
    path = tmp_path / "strict.yaml"
    path.write_text(STRICT, encoding="utf-8")
    rules = load_rules(path)
    plan = recommend([{"kind": "slip", "description": "Spilt water", "noticed": "certain"}], rules=rules)
    rebuilt = Plan.model_validate_json(plan.model_dump_json())
    expected = ("custom", rules.key, "never-mention-slips", (), "never-mention-slips", "never-mention-slips")
    actual = (
        rebuilt.pack.name if rebuilt.pack else None,
        rebuilt.pack.fingerprint if rebuilt.pack else None,
        plan.explain(0).decided_by.rule_id,
        plan.explain(0).changes,
        rebuilt.explain(0).decided_by.rule_id,
        rebuilt.explain(0, rules=rules).decided_by.rule_id,
    )
    assert expected == actual


def test_plan_whose_rules_cannot_be_found_says_so(tmp_path: Path) -> None:
    """A plan read back from data whose rules are neither shipped nor loaded here asks for them, and
    refuses rules other than the very ones it was made with."""
    path = tmp_path / "strict.yaml"
    path.write_text(STRICT, encoding="utf-8")
    plan = recommend([{"kind": "slip", "description": "Spilt water", "noticed": "certain"}], rules=load_rules(path))
    assert plan.pack is not None
    data = plan.model_dump(mode="json")
    data["pack"]["fingerprint"] = "0123456789abcdef"
    rebuilt = Plan.model_validate(data)
    with pytest.raises(ValueError) as unknown:
        rebuilt.explain(0)
    with pytest.raises(ValueError) as other:
        rebuilt.explain(0, rules=load_rules(path))
    expected = (
        "this plan was made with rule pack 'custom' 0 (fingerprint 0123456789abcdef), which is neither shipped nor "
        "loaded here (the plan was read back from data): pass them, e.g. plan.explain(0, rules=load_rules(...))",
        f"this plan was made with rule pack 'custom' 0 (fingerprint 0123456789abcdef), not with the rules given "
        f"(rule pack 'custom' 0 (fingerprint {plan.pack.fingerprint})): pass those very rules, e.g. "
        "plan.explain(0, rules=load_rules(...))",
    )
    assert expected == (str(unknown.value), str(other.value))


def test_a_custom_pack_named_default_is_not_explained_by_the_built_in_one(tmp_path: Path) -> None:
    """A plan made with a custom pack that is also called 'default' is explained by that pack, found by
    its fingerprint, never by the shipped pack of the same name."""
    folder = tmp_path / "default"
    folder.mkdir()
    (folder / "pack.yaml").write_text("name: default\nversion: '1.0.0'\n", encoding="utf-8")
    (folder / "strict.yaml").write_text(STRICT, encoding="utf-8")
    rules = load_rules(folder)
    plan = recommend([{"kind": "slip", "description": "Spilt water", "noticed": "certain"}], rules=rules)
    rebuilt = Plan.model_validate_json(plan.model_dump_json())
    assert (rules.identity, "never-mention-slips") == (rebuilt.pack, rebuilt.explain(0).decided_by.rule_id)
    assert rebuilt.pack != default_rules().identity


OVERLAPPING = """\
theme: overlapping
rules:
  - {id: mention-every-slip, title: Mention every slip, advice: A12, kind: slip, action: apologise,
     channel: note, reason: Apologise.}
  - {id: keep-certain-slips-private, title: Keep certain slips private, advice: A7, kind: slip,
     when: {noticed: certain}, action: do_not_mention, channel: none, reason: Not mentioned., priority: 50}
  - {id: repeat-nothing, title: Repeat nothing, advice: A13, kind: slip, when: {apologised_in_person: true},
     action: do_not_repeat_apology, channel: none, reason: Not again., priority: 50}
"""


def test_overlapping_rules_are_tie_broken_as_the_engine_does(tmp_path: Path) -> None:
    """With rules that overlap, the rule data picks the engine's rule for every slip (lower
    priority first, then load order), and the outranked rules are reported as applying too."""
    path = tmp_path / "overlapping.yaml"
    path.write_text(OVERLAPPING, encoding="utf-8")
    rules = load_rules(path)
    slips = [incident for incident in DOMAIN if incident["kind"] == "slip"]
    plan = recommend(slips, rules=rules)
    engine = [d.rule_id for d in plan.decisions]
    by_data = [getattr(decide(rules, "slip", fact(d.incident)[1]), "id", None) for d in plan.decisions]
    certain_in_person = next(i for i, s in enumerate(slips) if s["noticed"] == "certain" and s["apologised_in_person"])
    outranked = [(o.rule_id, o.applies) for o in plan.explain(certain_in_person).others]
    expected = (engine, "keep-certain-slips-private", [("mention-every-slip", True), ("repeat-nothing", True)])
    assert expected == (by_data, plan.decisions[certain_in_person].rule_id, outranked)


def test_a_plan_read_without_its_pack_asks_for_the_rules() -> None:
    """A plan whose data does not say which rules made it cannot be explained without them, and says so."""
    plan = recommend([{"kind": "strength", "description": "Portfolio"}])
    data = plan.model_dump(mode="json")
    del data["pack"]
    with pytest.raises(ValueError) as caught:
        Plan.model_validate(data).explain(0)
    assert str(caught.value) == (
        "this plan does not say which rules made it (it was read from data without its 'pack'): "
        "pass them, e.g. plan.explain(0, rules=load_rules(...))"
    )
    assert Plan.model_validate(data).explain(0, rules=default_rules()).decided_by.rule_id == "remind-strength"


@pytest.mark.parametrize("index", [1, -1], ids=["positive", "negative"])
def test_any_integer_type_picks_the_incident_by_index(index: int) -> None:
    """explain() takes numpy's integers (as a DataFrame's index gives them) as it takes int."""
    import numpy

    plan = recommend([{"kind": "strength", "description": "A"}, {"kind": "strength", "description": "B"}])
    assert plan.explain(numpy.int64(index)).decision.incident.description == "B"


def test_a_rule_without_conditions_says_it_applies_to_every_incident_of_its_kind() -> None:
    """A rule with no condition is explained as applying to every incident of its kind, named in words."""
    explained = recommend([{"kind": "knowledge_gap", "description": "their pipeline"}]).explain(0)
    assert str(explained) == (
        "'their pipeline' (knowledge gap) is not mentioned.\n"
        "Why: rule 'learn-from-knowledge-gap' decided it (A3: Keep a gap in what you knew as a lesson for next "
        "time).\n"
        "It applies to every knowledge gap.\n"
        "No change to its yes/no or multiple-choice answers would change it.\n"
    )


THREE_FIELDS = """
    theme: slips
    rules:
      - id: apologise-only-when-three-fields-agree
        title: Apologise for a slip certainly noticed, not apologised for, and realised later
        advice: A14
        kind: slip
        when: {noticed: certain, apologised_in_person: false, realised_later: true}
        action: apologise
        channel: note
        reason: Apologise for '{description}'.
        priority: 10
      - id: keep-other-slips
        title: Keep any other slip quiet
        advice: A12
        kind: slip
        action: do_not_mention
        reason: Not mentioned.
        priority: 20
"""


APOLOGISED_ONLY = """
    theme: slips
    rules:
      - id: keep-slip-apologised-for
        title: Keep a slip apologised for in person quiet
        advice: A13
        kind: slip
        when: {apologised_in_person: true}
        action: do_not_mention
        reason: Not mentioned.
        priority: 10
      - id: apologise-any-other-slip
        title: Apologise for any other slip
        advice: A12
        kind: slip
        action: apologise
        channel: note
        reason: Apologise for '{description}'.
        priority: 20
"""


def test_a_decision_only_three_changed_fields_would_change_shows_no_change(tmp_path: Path) -> None:
    """Changes are searched up to two fields at once: a decision that only three would change has none to show."""
    rules = load_rules(write_pack(tmp_path / "three", 'name: three\nversion: "1"\n', slips=THREE_FIELDS))
    three = {"kind": "slip", "description": "Late", "noticed": "likely", "apologised_in_person": True}
    assert recommend([three], rules=rules).explain(0).changes == ()


def test_a_field_the_rules_never_test_is_never_proposed(tmp_path: Path) -> None:
    """Only fields some rule tests are changed: realised_later, untested here, is not proposed even where
    changing it too would get past the model's refusal of apologising in person for a slip realised later."""
    rules = load_rules(write_pack(tmp_path / "one", 'name: one\nversion: "1"\n', slips=APOLOGISED_ONLY))
    later = {"kind": "slip", "description": "Late", "noticed": "certain", "realised_later": True}
    assert recommend([later], rules=rules).explain(0).changes == ()


def test_a_bool_is_not_taken_for_an_incidents_index() -> None:
    """explain(True) is refused with TypeError saying what explain() takes, not read as incident 1."""
    plan = recommend(
        [{"kind": "knowledge_gap", "description": "Pricing"}, {"kind": "knowledge_gap", "description": "Roadmap"}]
    )
    with pytest.raises(TypeError) as caught:
        plan.explain(True)
    assert str(caught.value) == "explain() takes an incident, its id or its index, not a bool"


def test_rules_without_the_deciding_rule_are_refused_naming_it(tmp_path: Path) -> None:
    """A plan read back without its pack and explained with rules lacking the rule that decided it raises
    ValueError naming the rule and the pack, and saying what to pass."""
    plan = recommend([{"kind": "slip", "description": "Late", "noticed": "certain"}])
    data = json.loads(plan.model_dump_json())
    del data["pack"]
    other = load_rules(write_pack(tmp_path / "other", 'name: other\nversion: "1"\n', slips=APOLOGISED_ONLY))
    with pytest.raises(ValueError) as caught:
        Plan.model_validate(data).explain(0, rules=other)
    assert str(caught.value) == (
        "rule 'apologise-noticed-slip', which decided this incident, is not in pack 'other': pass the rule set the "
        "plan was made with, e.g. plan.explain(0, rules=load_rules(...))"
    )


@pytest.mark.parametrize(("position", "found"), [(-2, "Pricing"), (-1, "Roadmap"), (0, "Pricing"), (1, "Roadmap")])
def test_an_index_is_taken_as_a_sequence_takes_it(position: int, found: str) -> None:
    """explain() takes any index a list of the plan's incidents takes, negative ones counting from the end."""
    plan = recommend(
        [{"kind": "knowledge_gap", "description": "Pricing"}, {"kind": "knowledge_gap", "description": "Roadmap"}]
    )
    assert plan.explain(position).decision.incident.description == found


@pytest.mark.parametrize("position", [-3, 2])
def test_an_index_past_either_end_is_refused_saying_how_many_there_are(position: int) -> None:
    """An index one past either end raises LookupError saying how many incidents the plan has."""
    plan = recommend(
        [{"kind": "knowledge_gap", "description": "Pricing"}, {"kind": "knowledge_gap", "description": "Roadmap"}]
    )
    with pytest.raises(LookupError) as caught:
        plan.explain(position)
    assert str(caught.value) == f"the plan has 2 incident(s); there is no index {position}"


SWAPPED = """
    theme: questions
    rules:
      - id: learn-from-knowledge-gap
        title: A rule named as the default pack's rule for gaps, about difficult questions
        advice: A3
        kind: difficult_question
        action: do_not_mention
        reason: Not mentioned.
"""


def _without_pack(plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(plan.model_dump_json())
    del data["pack"]
    return data


def test_rules_whose_deciding_rule_is_about_another_kind_are_refused_saying_so(tmp_path: Path) -> None:
    """Rules holding the deciding rule's id for another kind of incident are refused, naming both kinds."""
    plan = recommend([{"kind": "knowledge_gap", "description": "Pricing"}])
    swapped = load_rules(write_pack(tmp_path / "swapped", 'name: swapped\nversion: "1"\n', questions=SWAPPED))
    with pytest.raises(ValueError) as caught:
        Plan.model_validate(_without_pack(plan)).explain(0, rules=swapped)
    assert str(caught.value) == (
        "rule 'learn-from-knowledge-gap' of pack 'swapped' is about a difficult question, not a knowledge gap: pass "
        "the rule set the plan was made with"
    )


@pytest.mark.parametrize(
    ("edit", "decides"),
    [
        # Another rule of the same kind, which does not apply.
        ({"rule_id": "do-not-repeat-apology"}, "rule 'apologise-noticed-slip' decides apologise"),
        # The deciding rule, with another action (and its channel).
        ({"action": "do_not_mention", "channel": "none"}, "rule 'apologise-noticed-slip' decides apologise"),
    ],
)
def test_a_plan_edited_after_it_was_made_is_refused_saying_what_the_rules_decide(
    edit: dict[str, str], decides: str
) -> None:
    """A plan whose decision was changed by hand is not explained as if the rules made it: the error says
    what the plan says and what the rules decide."""
    data = _without_pack(recommend([{"kind": "slip", "description": "Late", "noticed": "certain"}]))
    data["decisions"][0].update(edit)
    said = f"rule {data['decisions'][0]['rule_id']!r} decided {data['decisions'][0]['action']}"
    with pytest.raises(ValueError) as caught:
        Plan.model_validate(data).explain(0, rules=default_rules())
    assert str(caught.value) == (
        f"the plan says {said} for this incident, but by rule pack 'default' {default_rules().version} (fingerprint "
        f"{default_rules().key}) {decides}: the plan was changed after it was made, or made with other rules"
    )


def test_rules_that_decide_nothing_for_the_incident_are_refused_saying_so(tmp_path: Path) -> None:
    """Rules holding the deciding rule but deciding nothing for the incident say that no rule decides it."""
    plan = recommend([{"kind": "slip", "description": "Late", "noticed": "certain"}])
    narrow = load_rules(write_pack(tmp_path / "narrow", 'name: narrow\nversion: "1"\n', slips=NARROW))
    with pytest.raises(ValueError) as caught:
        Plan.model_validate(_without_pack(plan)).explain(0, rules=narrow)
    assert str(caught.value).endswith(
        "no rule decides it: the plan was changed after it was made, or made with other rules"
    )
    assert str(caught.value).startswith(
        "the plan says rule 'apologise-noticed-slip' decided apologise for this incident"
    )


NARROW = """
    theme: slips
    rules:
      - id: apologise-noticed-slip
        title: Apologise only for a slip nobody noticed
        advice: A12
        kind: slip
        when: {noticed: "no"}
        action: apologise
        channel: note
        reason: Apologise for '{description}'.
"""


@pytest.mark.parametrize(
    ("ids", "known"),
    [((None, None), "no incident has an id; use its index"), (("a", "b"), "the ids are 'a', 'b'")],
)
def test_an_unknown_id_is_refused_naming_the_ids_there_are(ids: tuple[str | None, str | None], known: str) -> None:
    """explain() of an id no incident has raises LookupError listing the ids, or saying there are none."""
    incidents = [
        {"kind": "knowledge_gap", "description": d, **({"id": i} if i else {})}
        for d, i in zip(("Pricing", "Roadmap"), ids, strict=True)
    ]
    with pytest.raises(LookupError) as caught:
        recommend(incidents).explain("c")
    assert str(caught.value) == f"no incident with id 'c' in the plan: {known}"


def test_what_is_neither_an_index_an_id_nor_an_incident_of_the_plan_is_refused_naming_it() -> None:
    """An incident not in the plan is named by its description; anything else, by itself."""
    plan = recommend([{"kind": "knowledge_gap", "description": "Pricing"}])
    for given, named in (({"kind": "knowledge_gap", "description": "Roadmap"}, "'Roadmap'"), (1.5, "1.5")):
        with pytest.raises(LookupError) as caught:
            plan.explain(given)
        assert str(caught.value) == f"the incident {named} is not in the plan"
