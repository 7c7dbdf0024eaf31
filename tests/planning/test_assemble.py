"""Plans assembled without validating again are the plans validation gives: equal, dumped and
read back alike, rendered alike, explained alike, on every path and for any interview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from interview_recovery import Plan, default_rules, load_rules, recommend
from interview_recovery._planning.recommend import fact, validate_incidents

from ..strategies import PATHS, finite_domain, interviews

floor = pytest.importorskip("benchmarks.floor", reason="the benchmarks folder sits beside the package in a checkout")


def _same_as_validated(plan: Plan) -> None:
    """The plan is field for field, dump for dump, what validating its own data gives."""
    validated = Plan.model_validate(plan.model_dump())
    assert plan == validated
    assert plan.model_dump() == validated.model_dump()
    assert plan.model_dump_json() == validated.model_dump_json()
    assert Plan.model_validate_json(plan.model_dump_json()) == plan
    assert str(plan) == str(validated)
    assert plan.model_fields_set == validated.model_fields_set
    assert [d.model_fields_set for d in plan.decisions] == [d.model_fields_set for d in validated.decisions]
    assert [s.model_fields_set for s in plan.steps] == [s.model_fields_set for s in validated.steps]
    assert [type(d.action) for d in plan.decisions] == [type(d.action) for d in validated.decisions]


@pytest.mark.parametrize(("engine", "precompute"), PATHS)
@settings(max_examples=60, deadline=None)
@given(interviews)
def test_any_plan_is_what_validation_gives_and_what_the_plan_floor_builds(
    engine: str, precompute: bool, incidents: list[dict[str, Any]]
) -> None:
    """On every path a plan equals its validated copy in every form; its JSON is the plan floor's, byte for byte."""
    plan = recommend(incidents, engine=engine, precompute=precompute)  # type: ignore[arg-type]
    _same_as_validated(plan)
    assert plan.model_dump_json() == floor.recommend_floor(incidents).model_dump_json()
    for index in range(len(plan.decisions)):
        assert str(plan.explain(index)) == str(Plan.model_validate(plan.model_dump()).explain(index))


@pytest.mark.parametrize(("engine", "precompute"), PATHS)
def test_every_case_of_the_finite_domain_is_what_validation_gives(engine: str, precompute: bool) -> None:
    """Each case of the finite domain, alone and all together, gives the validated floor's plan byte for byte."""
    cases = finite_domain()
    for incidents in [*([case] for case in cases), cases]:
        plan = recommend(incidents, engine=engine, precompute=precompute)  # type: ignore[arg-type]
        assert plan.model_dump_json() == floor.recommend_floor(incidents).model_dump_json()
    _same_as_validated(recommend(cases, engine=engine, precompute=precompute))  # type: ignore[arg-type]


def test_steps_without_items_are_shared_and_stay_immutable() -> None:
    """A step with no items is one object in every plan, and it cannot be changed."""
    first = recommend([{"kind": "strength", "description": "a"}])
    second = recommend([{"kind": "knowledge_gap", "description": "b"}])
    assert first.steps[0] is second.steps[0]
    with pytest.raises(Exception, match="frozen"):
        first.steps[0].title = "changed"  # type: ignore[misc]


TEMPLATES = """\
theme: templates
rules:
  - id: slip-all-fields
    title: Every field of a slip in the reason
    advice: A7
    kind: slip
    action: do_not_mention
    channel: none
    reason: "{kind}/{description}: noticed={noticed} in-person={apologised_in_person} later={realised_later} {{braces}}"
  - id: answer-presence
    title: A field that may be left out
    advice: A7
    kind: off_target_answer
    action: do_not_mention
    channel: none
    reason: "{description} / better={better_answer} / noticed={noticed}"
  - id: strength-plain
    title: No placeholder at all
    advice: A9
    kind: strength
    action: remind_strength
    channel: note
    reason: "The same words for every strength."
steps:
  - id: lessons
    title: Lessons
    advice: A3
    order: 1
    text: One line per slip or answer.
    private: true
    when_any:
      - kind: slip
        item: "{description} ({noticed}, {realised_later})"
      - kind: off_target_answer
        when:
          better_answer: {present: true}
        item: "{better_answer} instead of {description}"
"""


@pytest.mark.parametrize(("engine", "precompute"), PATHS)
def test_templates_render_as_str_format_renders_the_incident_fields(
    engine: str, precompute: bool, tmp_path: Path
) -> None:
    """Reasons and step items, whatever their placeholders, read as str.format_map of the incident's fields."""
    path = tmp_path / "templates.yaml"
    path.write_text(TEMPLATES, encoding="utf-8")
    rules = load_rules(path)
    incidents = [
        {"kind": "slip", "description": "Late", "noticed": "certain", "realised_later": True},
        {"kind": "slip", "description": "Mary", "noticed": "no", "apologised_in_person": True},
        {"kind": "off_target_answer", "description": "Budget", "noticed": "likely", "better_answer": "Monthly"},
        {"kind": "off_target_answer", "description": "Teams", "noticed": "certain"},
        {"kind": "strength", "description": "Portfolio"},
    ]
    plan = recommend(incidents, rules=rules, engine=engine, precompute=precompute)  # type: ignore[arg-type]

    class Given(dict[str, Any]):
        def __missing__(self, key: str) -> str:
            return "(not given)"

    facts = [fact(incident) for incident in validate_incidents(incidents)]
    reasons = [
        rules.rule(d.rule_id).reason.format_map(Given(f, kind=k))  # type: ignore[union-attr]
        for d, (k, f) in zip(plan.decisions, facts, strict=True)
    ]
    assert [d.reason for d in plan.decisions] == reasons
    assert reasons[0] == "slip/Late: noticed=certain in-person=False later=True {braces}"
    assert reasons[3] == "Teams / better=(not given) / noticed=certain"
    assert plan.steps[0].items == ("Late (certain, True)", "Mary (no, False)", "Monthly instead of Budget")
    _same_as_validated(plan)


def test_the_default_pack_fact_is_the_json_dump_of_the_given_fields() -> None:
    """fact() gives the kind and exactly the JSON-mode dump of the fields given, wording and id left out."""
    for case in finite_domain():
        (incident,) = validate_incidents([case])
        exclude = {"id", "kind", "apology", "question", "mention", "topic", "explanation"}
        assert fact(incident) == (incident.kind, incident.model_dump(mode="json", exclude=exclude, exclude_none=True))
    assert default_rules().name == "default"
