"""The JSON Schemas: generated from the models, committed up to date, and used by every shipped rule file."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import yaml

from interview_recovery._rules.schema import SCHEMAS, schema, schema_text

from ..conftest import ROOT, RULES

SCHEMA_DIR = ROOT / "rules" / "schemas"
RULE_FILES = sorted(
    p for p in RULES.glob("*/*.yaml") if (p.parent / "pack.yaml").is_file() and not p.name.endswith("_test.yaml")
)


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", SCHEMAS)
def test_committed_schema_is_up_to_date(name: str) -> None:
    """rules/schemas/<name>.schema.json is exactly what the models generate (regenerate with `interview-recovery schema
    <name>`)."""
    assert schema_text(name) == (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SCHEMAS)
def test_schemas_are_valid_json_schema(name: str) -> None:
    """Each generated schema is itself a valid draft 2020-12 schema."""
    jsonschema.Draft202012Validator.check_schema(schema(name))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_rule_file_names_its_schema_and_validates(path: Any) -> None:
    """Each shipped rule file starts with the comment an editor's YAML language server reads, and its data fits that
    schema."""
    name = "pack" if path.name == "pack.yaml" else "rules"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert f"# yaml-language-server: $schema=../schemas/{name}.schema.json" == first
    assert [e.message for e in _validator(name).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))] == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("noticed: certain", "noticd: certain"),  # a misspelt field in 'when'
        ("noticed: certain", "noticed: sure"),  # a value the field does not have
        ("kind: slip", "kind: slips"),  # an unknown kind
        ("channel: note", "chanel: note"),  # a misspelt key of the rule
    ],
)
def test_the_rules_schema_catches_what_the_loader_catches(old: str, new: str) -> None:
    """The editor's schema rejects the same mistakes the loader reports."""
    data = yaml.safe_load((RULES / "default" / "slips.yaml").read_text(encoding="utf-8").replace(old, new, 1))
    assert list(_validator("rules").iter_errors(data)) != []


def test_the_example_incidents_fit_the_incidents_schema() -> None:
    """The example interview in docs/examples validates against the incidents schema."""
    data = json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text(encoding="utf-8"))
    assert [e.message for e in _validator("incidents").iter_errors(data)] == []


def test_an_unknown_schema_name_is_refused() -> None:
    """Asking for a schema that does not exist names the ones that do."""
    with pytest.raises(ValueError, match="no schema 'rule': choose one of incidents, interview, pack, rules"):
        schema("rule")


@pytest.mark.parametrize("example", ["panel-interview.json", "two-interviewers.json"])
def test_the_interview_schema_accepts_the_example_interviews(example: str) -> None:
    """The example interviews, with inline noticed mappings, present, asked_by and mention_to, fit the schema."""
    data = json.loads((ROOT / "docs" / "examples" / example).read_text(encoding="utf-8"))
    assert [e.message for e in _validator("interview").iter_errors(data)] == []


def test_the_interview_schema_rejects_a_certainty_it_does_not_know() -> None:
    """A per-interviewer certainty that is not one of the answers fails the schema, as it fails the model."""
    data = {
        "interviewers": [{"name": "A"}],
        "incidents": [{"kind": "slip", "description": "x", "noticed": {"A": "sure"}}],
    }
    assert list(_validator("interview").iter_errors(data))
