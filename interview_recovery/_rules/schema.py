"""JSON Schemas generated from the models, so editors can complete and check incidents and rule files."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import Field

from .._model.interview import PANEL_FIELDS, Interview, Seen
from .._model.models import INCIDENT_CLASSES, INCIDENT_LIST, finite_values, testable_fields
from .operators import OPERATORS
from .ruleset import _CLOCK, _RawCheckIn, _RawDecision, _RawFile, _RawMoveOn, _RawPack, _RawPrompt, _RawStep

__all__ = ["SCHEMAS", "schema", "schema_text"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: tuple[str, ...] = ("incidents", "interview", "pack", "rules")
"""The schemas there are: a list of incidents, an interview, a pack's ``pack.yaml``, and a rule file."""

_NAMES = {
    "_RawDecision": "DecisionRule",
    "_RawStep": "StepRule",
    "_RawMatch": "StepMatch",
    "_PromptTiming": "PromptTiming",
    "_CheckInTiming": "CheckInTiming",
    "_MoveOnTiming": "MoveOnTiming",
}


class _PromptTiming(_RawPrompt):
    """When the thank-you note (or the call or e-mail about a distraction) goes: clock hours after the interview."""

    kind: Literal["thank_you", "distraction"]


class _CheckInTiming(_RawCheckIn):
    """When to check in if nothing is heard: business days after the decision date, or after the interview."""

    kind: Literal["check_in"]


class _MoveOnTiming(_RawMoveOn):
    """When to move on: business days after the last check-in."""

    kind: Literal["move_on"]


class _RuleFileSchema(_RawFile):
    # The loader reads rules one by one to report each rule's problems with its id; the
    # schema describes them fully, for completion in an editor.
    rules: list[_RawDecision] = Field(default_factory=list)
    steps: list[_RawStep] = Field(default_factory=list)
    follow_ups: list[Annotated[_PromptTiming | _CheckInTiming | _MoveOnTiming, Field(discriminator="kind")]] = Field(
        default_factory=list
    )


def _condition(kind: str, name: str) -> dict[str, Any]:
    values = finite_values(kind, name)
    one: dict[str, Any] = {"enum": list(values)} if values is not None else {"type": "string"}
    return {"anyOf": [operator.schema(one) for operator in OPERATORS.values()]}


def _when_by_kind() -> list[dict[str, Any]]:
    return [
        {
            "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
            "then": {
                "properties": {
                    "when": {
                        "type": "object",
                        "properties": {name: _condition(kind, name) for name in testable_fields(kind)},
                        "additionalProperties": False,
                    }
                }
            },
        }
        for kind in INCIDENT_CLASSES
    ]


def _rules_schema() -> dict[str, Any]:
    text = json.dumps(_RuleFileSchema.model_json_schema())
    for old, new in _NAMES.items():
        text = text.replace(f'"#/$defs/{old}"', f'"#/$defs/{new}"').replace(f'"{old}"', f'"{new}"')
    data: dict[str, Any] = json.loads(text)
    data["title"] = "interview-recovery rule file"
    kinds = {"enum": list(INCIDENT_CLASSES)}
    for name in ("DecisionRule", "StepMatch"):
        definition = data["$defs"][name]
        definition["properties"]["kind"] = {
            **kinds,
            "title": "Kind",
            "description": "The kind of incident the rule is about.",
        }
        definition["allOf"] = _when_by_kind()
    timing = ("PromptTiming", "CheckInTiming", "MoveOnTiming")
    for name in ("DecisionRule", "StepRule", *timing):
        data["$defs"][name]["properties"]["advice"] = {
            "type": "string",
            "pattern": "^[A-Z]+[0-9]+$",
            "title": "Advice",
            "description": "The advice statement the rule encodes: A1-A15, B3-B5, or one its pack declares.",
        }
    for name in timing:
        for prop, value in data["$defs"][name]["properties"].items():
            if prop in ("evening_from", "next_morning_from", "next_morning_by", "send_from", "send_by"):
                for option in [value, *value.get("anyOf", ())]:
                    if option.get("type") == "string":
                        option["pattern"] = _CLOCK.pattern
    return data


def _interview_schema() -> dict[str, Any]:
    # The form an interview is written in: each incident's interviewer fields inline, where the
    # model keeps them apart (``seen``).
    data: dict[str, Any] = Interview.model_json_schema()
    data["title"] = "interview-recovery interview"
    del data["properties"]["seen"]
    defs = data["$defs"]
    defs.pop("Seen", None)
    seen = Seen.model_json_schema()["properties"]
    names = {"type": "string", "description": "An interviewer's name, as in 'interviewers'."}
    for kind, cls in INCIDENT_CLASSES.items():
        props = defs[cls.__name__]["properties"]
        for field, kinds in PANEL_FIELDS.items():
            if kind in kinds:
                one = names if field == "asked_by" else {"type": "array", "items": names}
                props[field] = {"description": seen[field]["description"], **one}
        if "noticed" in props:
            certainty = props["noticed"]
            props["noticed"] = {
                "anyOf": [certainty, {"type": "object", "additionalProperties": certainty}],
                "description": "How sure you are that the interviewer noticed: one answer for everyone present, "
                "or one per interviewer by name.",
            }
    return data


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name``: ``incidents``, ``interview``, ``pack`` or ``rules``.

    Raises:
        ValueError: there is no schema of that name.

    >>> schema("rules")["$defs"]["DecisionRule"]["properties"]["kind"]["enum"][0]
    'slip'
    """
    if name == "incidents":
        data = INCIDENT_LIST.json_schema()
        data["title"] = "interview-recovery incidents"
    elif name == "interview":
        data = _interview_schema()
    elif name == "pack":
        data = _RawPack.model_json_schema()
        data["title"] = "interview-recovery pack.yaml"
    elif name == "rules":
        data = _rules_schema()
    else:
        raise ValueError(f"no schema {name!r}: choose one of {', '.join(SCHEMAS)}")
    return {"$schema": DIALECT, **data}


def schema_text(name: str) -> str:
    """The schema as the text committed under ``rules/schemas/``: indented JSON and a final newline."""
    return json.dumps(schema(name), indent=2, ensure_ascii=False) + "\n"
