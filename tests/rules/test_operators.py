"""The operator table: each condition operator's whole meaning in one place, read by every part."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from interview_recovery import check_rules, load_rules, recommend
from interview_recovery._authoring.domain import build_domain
from interview_recovery._rules.operators import OPERATORS, Operator, Parsed, register, show
from interview_recovery._rules.schema import schema

from ..conftest import ROOT
from ..strategies import DURABLE

ENGINES = [
    pytest.param(
        engine,
        precompute,
        id=f"{engine}-{'table' if precompute else 'engine'}",
        marks=[] if engine == "python" or DURABLE else [pytest.mark.skip(reason="durable_rules does not import here")],
    )
    for engine in ("durable", "python")
    for precompute in (True, False)
]


class NoneOf(Operator):
    """``field: {none_of: [a, b]}``: the field is given and has none of these values."""

    name = "none_of"
    syntax = "none_of"
    hint = "{none_of: [values]}"
    absent = "does not hold"

    def parse(self, field: str, raw: Any) -> Parsed:
        if not isinstance(raw, list) or not raw:
            return f"'none_of' takes a list of values for {field!r}"
        return tuple(raw), tuple(raw)

    def holds(self, operand: Any, given: bool, actual: Any) -> bool:
        return given and actual not in operand

    def compile(self, field: str, operand: Any) -> dict[str, Any]:
        return {"$and": [{"$ex": {field: 1}}, *({"$neq": {field: one}} for one in operand)]}

    def describe(self, field: str, operand: Any) -> str:
        return f"{field} is none of {', '.join(show(v) for v in operand)}"

    def schema(self, value: dict[str, Any]) -> dict[str, Any]:
        items = {"type": "array", "items": value, "minItems": 1}
        return {
            "type": "object",
            "properties": {"none_of": items},
            "required": ["none_of"],
            "additionalProperties": False,
        }

    def samples(self, operand: Any) -> tuple[Any, ...]:
        return tuple(operand)


@pytest.fixture
def none_of() -> Iterator[Operator]:
    """The extra operator, in the table for one test only."""
    operator = register(NoneOf())
    yield operator
    del OPERATORS[operator.name]


PACK = """\
theme: answers
rules:
  - id: quote-a-real-answer
    title: A real better answer goes in the note
    advice: A8
    kind: difficult_question
    when: {better_answer: {none_of: ["n/a", "none"]}}
    action: add_to_note
    channel: note
    reason: Add '{better_answer}' to the note.
    priority: 10
  - id: keep-the-rest
    title: Any other difficult question
    advice: A3
    kind: difficult_question
    action: do_not_mention
    channel: none
    reason: Keep '{description}' for next time.
"""

INCIDENTS = [
    {"kind": "difficult_question", "description": "Why us?", "better_answer": "Your mission"},
    {"kind": "difficult_question", "description": "Why us?", "better_answer": "n/a"},
    {"kind": "difficult_question", "description": "Why us?"},
]


@pytest.mark.parametrize(("engine", "precompute"), ENGINES)
def test_an_operator_added_to_the_table_works_end_to_end(
    tmp_path: Path, none_of: Operator, engine: str, precompute: bool
) -> None:
    """An operator registered in the table alone is loaded, evaluated by either engine and path,
    explained, sampled by the domain, reported by the checker and written in the schema."""
    (tmp_path / "answers.yaml").write_text(PACK, encoding="utf-8")
    rules = load_rules(tmp_path / "answers.yaml")

    plan = recommend(INCIDENTS, rules=rules, engine=engine, precompute=precompute)  # type: ignore[arg-type]
    assert [d.rule_id for d in plan.decisions] == ["quote-a-real-answer", "keep-the-rest", "keep-the-rest"]
    assert "it needs better_answer is none of 'n/a', 'none', and it is 'n/a'" in str(plan.explain(1))

    domain = build_domain(rules)
    assert domain.sampled[("difficult_question", "better_answer")] == (None, "a sample text", "n/a", "none")
    (sampled,) = [f for f in check_rules(tmp_path / "answers.yaml").findings if f.code == "sampled"]
    assert sampled.rule_id == "quote-a-real-answer"

    jsonschema.validate(yaml.safe_load(PACK), schema("rules"))
    broken = yaml.safe_load(PACK.replace('{none_of: ["n/a", "none"]}', "{none_of: []}"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema("rules"))


def test_an_operator_whose_syntax_is_taken_is_refused() -> None:
    """Two operators cannot share a name or a rule-file syntax."""

    class Again(NoneOf):
        name = "again"
        syntax = "not"

    with pytest.raises(ValueError, match="operator 'again' clashes with 'neq'"):
        register(Again())
    assert "again" not in OPERATORS


# Each operator on a difficult question that leaves 'better_answer' out, and whether it holds.
ABSENT = [
    ('"Ask first"', False),  # eq
    ('["Ask first", "n/a"]', False),  # in
    ('{not: "n/a"}', False),  # neq: no answer is not an answer other than 'n/a'
    ("{present: true}", False),  # present
    ("{present: false}", True),  # present
]


@pytest.mark.parametrize(("condition", "holds"), ABSENT)
@pytest.mark.parametrize(("engine", "precompute"), ENGINES)
def test_each_operator_means_the_same_on_an_absent_field_in_every_engine(
    tmp_path: Path, condition: str, holds: bool, engine: str, precompute: bool
) -> None:
    """On a field the incident leaves out, value tests do not hold and only {present: false} does,
    in the operator table, in both engines and through the decision table."""
    rules_file = tmp_path / "r.yaml"
    rules_file.write_text(PACK.replace('{none_of: ["n/a", "none"]}', condition), encoding="utf-8")
    rules = load_rules(rules_file)
    (condition_,) = rules.rules[0].conditions
    assert holds is condition_.holds({"description": "Why us?"})
    plan = recommend(INCIDENTS[2:], rules=rules, engine=engine, precompute=precompute)  # type: ignore[arg-type]
    assert ("quote-a-real-answer" if holds else "keep-the-rest") == plan.decisions[0].rule_id


def test_the_table_covers_every_operator_and_its_absent_meaning() -> None:
    """The absent-field cases above name every operator of the table."""
    assert {"eq", "in", "neq", "present"} == set(OPERATORS)


def test_rule_authoring_documents_every_operator() -> None:
    """docs/rule-authoring.md has a row for each operator, stating what it means on an absent field."""
    text = (ROOT / "docs" / "rule-authoring.md").read_text(encoding="utf-8")
    section = text.split("## Conditions", 1)[1].split("\n## ", 1)[0]
    cells = [
        [cell.strip().strip("`").replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        for line in section.splitlines()
        if line.startswith("| ")
    ]
    documented = {row[0]: row[2] for row in cells[1:]}
    assert {operator.hint: operator.absent for operator in OPERATORS.values()} == documented


def test_null_is_refused_as_a_value_to_compare_with(tmp_path: Path) -> None:
    """A condition comparing a field with null fails at load, pointing to {present: false}."""
    from interview_recovery import RuleFileError

    rules_file = tmp_path / "r.yaml"
    rules_file.write_text(PACK.replace('{none_of: ["n/a", "none"]}', "null"), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rules(rules_file)
    assert [issue.message for issue in caught.value.issues] == [
        "'better_answer' cannot be compared with null: to test that an incident leaves it out, write {present: false}"
    ]
