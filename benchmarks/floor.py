"""The floors: the default pack's decisions written by hand as if/else, two ways.

``recommend_floor`` does all the work recommend() does except evaluating rules: it validates
the incidents with the same models, renders the same reasons from the same rule texts and
builds the same Plan, so the time between it and recommend() is the cost of the rule engine
and nothing else.

``decide_floor`` is the least any answer can cost: it validates the incidents with the same
models and decides each one's action by if/else on the model's attributes, and builds no
plan at all. The time between it and recommend() is everything the library adds to
validation: the rule lookup and assembling the plan.

tests/test_benchmarks.py holds both to recommend() over the whole finite domain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from interview_recovery import Action, Decision, Plan, Step, default_rules
from interview_recovery._model.models import INCIDENT_LIST, Incident

_RULES = default_rules()
_PACK = _RULES.identity
_DECISION = {rule.id: rule for rule in _RULES.rules}
_STEP = {step.id: step for step in _RULES.steps}
_KNOWN = ("experience", "education", "connection")
# One lesson per kind, and for an off-target answer one per cause.
_LESSON = {
    (m.kind, next((c.value for c in m.conditions if c.field == "cause"), None)): m.item
    for m in _STEP["list-lessons"].when_any
}


def _decide(kind: str, f: Mapping[str, Any]) -> str:
    if kind == "slip":
        if f["apologised_in_person"]:
            return "do-not-repeat-apology"
        if f["noticed"] == "certain":
            return "apologise-slip-realised-later" if f["realised_later"] else "apologise-noticed-slip"
        return "keep-unnoticed-slip-private"
    if kind == "off_target_answer":
        if f["cause"] == "fumbled":
            return "learn-from-fumbled-answer"
        return "acknowledge-caught-misunderstanding" if f["noticed"] == "certain" else "keep-uncaught-answer-private"
    if kind == "omission":
        if not f["relevant"]:
            return "leave-out-irrelevant-omission"
        return "add-forgotten-item" if f["category"] in _KNOWN else "add-other-forgotten-item"
    if kind == "strength":
        return "remind-strength"
    if kind == "distraction":
        if not f["serious_life_event"]:
            return "keep-minor-distraction-private"
        return "explain-serious-distraction" if f["affected_performance"] else "keep-harmless-distraction-private"
    if kind == "difficult_question":
        return "learn-from-difficult-question"
    return "learn-from-knowledge-gap"


def _action(incident: Incident) -> Action:
    # The same decisions as _decide(), read from the model's attributes rather than a dump.
    kind = incident.kind
    if kind == "slip":
        if incident.apologised_in_person:
            return Action.DO_NOT_REPEAT_APOLOGY
        return Action.APOLOGISE if incident.noticed == "certain" else Action.DO_NOT_MENTION
    if kind == "off_target_answer":
        if incident.cause == "fumbled" or incident.noticed != "certain":
            return Action.DO_NOT_MENTION
        return Action.ACKNOWLEDGE_MISUNDERSTANDING
    if kind == "omission":
        return Action.ADD_TO_NOTE if incident.relevant else Action.DO_NOT_MENTION
    if kind == "strength":
        return Action.REMIND_STRENGTH
    if kind == "distraction":
        if incident.serious_life_event and incident.affected_performance:
            return Action.EXPLAIN_DISTRACTION
        return Action.DO_NOT_MENTION
    return Action.DO_NOT_MENTION


def decide_floor(incidents: Sequence[Incident | Mapping[str, Any]]) -> list[Action]:
    """The default pack's action for each incident: validation and if/else, no plan."""
    return [_action(incident) for incident in INCIDENT_LIST.validate_python(list(incidents))]


def _step(step_id: str, items: Sequence[str] = ()) -> Step:
    rule = _STEP[step_id]
    return Step(
        id=rule.id, advice=rule.advice, title=rule.title, text=rule.text, items=tuple(items), private=rule.private
    )


def recommend_floor(incidents: Sequence[Incident | Mapping[str, Any]]) -> Plan:
    """The default pack's plan, decided by hand-written if/else instead of a rule engine."""
    parsed = INCIDENT_LIST.validate_python(list(incidents))
    decisions = []
    mistakes = brief = False
    lessons: list[str] = []
    explain: list[str] = []
    for index, incident in enumerate(parsed):
        kind = incident.kind
        fields = incident.model_dump(mode="json", exclude={"id", "kind"}, exclude_none=True)
        values = {**fields, "kind": kind}
        rule = _DECISION[_decide(kind, fields)]
        decisions.append(
            Decision(
                index=index,
                incident=incident,
                action=rule.action,
                channel=rule.channel,
                rule_id=rule.id,
                advice=rule.advice,
                reason=rule.reason.format_map(values),
                judgment_call=rule.judgment_call,
                pack=rule.pack,
            )
        )
        if kind == "strength":
            continue
        mistakes = True
        if (kind != "distraction" or not fields["serious_life_event"]) and fields.get("relevant", True):
            lesson = _LESSON[(kind, fields.get("cause"))]
            lessons.append(lesson.format_map(values))  # type: ignore[union-attr]
        if kind == "distraction" and fields["serious_life_event"] and fields["affected_performance"]:
            explain.append(fields["description"])
        admitted = fields.get("cause", "misunderstood") == "misunderstood"
        if fields.get("noticed") == "certain" and not fields.get("apologised_in_person", False) and admitted:
            brief = True
    steps = [_step("reflect-on-what-went-well")]
    if mistakes:
        steps.append(_step("identify-what-went-wrong"))
    if lessons:
        steps.append(_step("list-lessons", lessons))
    steps.append(_step("forgive-yourself"))
    steps.append(_step("send-thank-you-note"))
    if brief:
        steps.append(_step("keep-mistakes-brief"))
    if explain:
        steps.append(_step("explain-distraction-separately", explain))
    steps.append(_step("never-apologise-for-interview"))
    return Plan(decisions=tuple(decisions), steps=tuple(steps), pack=_PACK)
