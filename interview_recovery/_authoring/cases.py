"""Rule test cases (the ``*_test.yaml`` files beside rule files): read them, and run them against a pack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._boundary.suggest import did_you_mean
from .._io.incident_errors import error_lines
from .._io.yamlfiles import Locations, locate, read_yaml
from .._model.models import Action
from .._planning.plan import Plan
from .._planning.recommend import recommend
from .._rules.packs import load_rules, resolve_pack
from .._rules.ruleset import CASES_SUFFIX, PACK_FILE, RuleSet
from ..exceptions import IncompleteRulesError, RuleFileError, RuleIssue

__all__ = ["Case", "CaseResult", "case_folders", "read_cases", "run_cases"]

CASE_KEYS = (
    "description",
    "incident",
    "incidents",
    "rule",
    "not_rule",
    "action",
    "judgment_call",
    "step",
    "not_step",
    "items",
    "ended_at",
    "decision_by",
    "follow_up",
    "number",
    "not_before",
    "due",
    "not_follow_up",
)


@dataclass(frozen=True)
class Case:
    """One case: the incidents of an interview, and what must (or must not) come of them."""

    path: str
    line: int | None
    data: dict[str, Any]

    @property
    def description(self) -> str:
        """What the case shows, in one sentence."""
        return str(self.data.get("description", ""))

    @property
    def incidents(self) -> list[Any]:
        """The interview's incidents (``incidents``, or the one ``incident``)."""
        return list(self.data["incidents"]) if "incidents" in self.data else [self.data.get("incident")]


@dataclass(frozen=True)
class CaseResult:
    """A case and what went wrong with it under a pack (nothing, when it passed)."""

    case: Case
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """True when the pack did all the case asks."""
        return not self.problems


DECISION_KEYS = ("rule", "not_rule", "action", "judgment_call")
"""What a case can expect of the decision about its one ``incident``."""
PLAN_KEYS = ("step", "not_step")
"""What a case can expect of the plan's steps, for ``incident`` or ``incidents`` alike."""
TIMING_KEYS = ("follow_up", "not_follow_up")
"""What a case can expect of the schedule, counted from its ``ended_at``: a follow-up (by its timing rule's
id, with its ``number``, ``not_before`` and ``due``), or none of a timing rule."""


def read_cases(path: Path) -> list[Case]:
    """The cases of one case file, each checked to be able to fail.

    Every case needs a ``description``, either ``incident`` (one mapping) or ``incidents``
    (a list of them), and at least one expectation. ``rule``, ``not_rule``, ``action`` and
    ``judgment_call`` are about the decision for one incident, so only go with ``incident``;
    ``step``, ``not_step`` and ``items`` (with ``step``) go with either.

    Raises:
        RuleFileError: the file cannot be read, or holds malformed cases; every problem, each
            named by file, line and column.
    """
    name = str(path)
    data, locations, issues = read_yaml(path)
    if data is None or issues:
        raise RuleFileError(issues)
    if not isinstance(data, dict) or set(data) != {"cases"} or not isinstance(data["cases"], list):
        raise RuleFileError([RuleIssue(name, 1, 1, None, "a case file holds a mapping with only a list under 'cases'")])
    cases = []
    problems: list[RuleIssue] = []
    for index, item in enumerate(data["cases"]):
        found = _case_problems(item, ("cases", index), locations, name)
        problems.extend(found)
        if not found:
            cases.append(Case(name, locations.get(("cases", index), (None, None))[0], item))
    if problems:
        raise RuleFileError(problems)
    return cases


def _case_problems(item: Any, loc: tuple[Any, ...], locations: Locations, name: str) -> list[RuleIssue]:
    problems: list[RuleIssue] = []

    def problem(message: str, key: Any = None, *, on_key: bool = False) -> None:
        line, column = locate(locations, (*loc, key) if key is not None else loc, key=on_key)
        problems.append(RuleIssue(name, line, column, None, message))

    if not isinstance(item, dict):
        problem("a case is a mapping with a 'description', the 'incident' or 'incidents', and what must come of them")
        return problems
    for key in item:
        if key not in CASE_KEYS:
            problem(f"unknown key {key!r} in a case{did_you_mean(str(key), CASE_KEYS)}", key, on_key=True)
    if not isinstance(item.get("description"), str) or not item["description"].strip():
        problem("a case needs a 'description': one sentence saying what it shows", "description")
    if ("incident" in item) == ("incidents" in item):
        problem("a case needs either 'incident' (one incident) or 'incidents' (a list of them), not both or neither")
    elif "incident" in item and not isinstance(item["incident"], dict):
        problem("'incident' is one incident, a mapping with its 'kind' and fields", "incident")
    elif "incidents" in item and not isinstance(item["incidents"], list):
        problem("'incidents' is a list of incidents, each a mapping with its 'kind' and fields", "incidents")
    if "incidents" in item:
        for key in DECISION_KEYS:
            if key in item:
                problem(
                    f"{key!r} is about the decision for one incident, so it needs 'incident', not 'incidents'; "
                    "with 'incidents', a case can expect 'step', 'not_step' and 'items'",
                    key,
                    on_key=True,
                )
    for key in ("rule", "not_rule", "step", "not_step"):
        if key in item and not isinstance(item[key], str):
            problem(f"{key!r} names one rule by its id", key)
    if "action" in item and item["action"] not in {action.value for action in Action}:
        actions = [action.value for action in Action]
        hint = did_you_mean(item["action"], actions) if isinstance(item["action"], str) else ""
        problem(f"'action' must be one of {', '.join(actions)}, not {item['action']!r}{hint}", "action")
    if "judgment_call" in item and not isinstance(item["judgment_call"], bool):
        problem("'judgment_call' is true or false", "judgment_call")
    if "items" in item:
        if "step" not in item:
            problem("'items' are the lines of a step: name the step with 'step'", "items", on_key=True)
        if not isinstance(item["items"], list) or not all(isinstance(one, str) for one in item["items"]):
            problem("'items' is a list of the step's lines, as text", "items")
    _timing_problems(item, problem)
    if not any(key in item for key in (*DECISION_KEYS, *PLAN_KEYS, *TIMING_KEYS)):
        problem(
            "the case expects nothing, so it could never fail: add 'rule', 'not_rule', 'action' or "
            "'judgment_call' (for an 'incident'), 'step' or 'not_step', or 'follow_up' or 'not_follow_up' "
            "(with 'ended_at')"
        )
    return problems


def _timing_problems(item: dict[str, Any], problem: Any) -> None:
    for key in TIMING_KEYS:
        if key in item and not isinstance(item[key], str):
            problem(f"{key!r} names one timing rule by its id", key)
    if any(key in item for key in TIMING_KEYS) and "ended_at" not in item:
        problem("a case about the schedule needs 'ended_at', when the interview ended, e.g. '2026-12-03T16:30'")
    for key in ("number", "not_before", "due"):
        if key in item and "follow_up" not in item:
            problem(f"{key!r} is about one follow-up: name its timing rule with 'follow_up'", key, on_key=True)
    if "number" in item and (not isinstance(item["number"], int) or isinstance(item["number"], bool)):
        problem("'number' is which follow-up of the rule: 1, or 2 for the second check-in", "number")
    for key in ("ended_at", "not_before", "due"):
        if key in item and _moment(item[key]) is None:
            problem(f"{key!r} must be a date and time as 'YYYY-MM-DDTHH:MM', with its offset if it has one", key)
    if "decision_by" in item and _day(item["decision_by"]) is None:
        problem("'decision_by' must be a date as 'YYYY-MM-DD'", "decision_by")


def _moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) and "T" in value else None
    except ValueError:
        return None


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _unknown_ids(cases: list[Case], rules: RuleSet) -> list[RuleIssue]:
    # 'rule' or 'step' naming what the pack lacks is a typo the run would only show as a
    # failure. ('not_rule: gone-rule' is allowed: it shows a disabled rule stays gone.)
    known = {"rule": [r.id for r in rules.rules], "step": [s.id for s in rules.steps]}
    known["follow_up"] = [f.id for f in rules.follow_ups]
    problems = []
    for case in cases:
        for key, ids in known.items():
            value = case.data.get(key)
            if value is not None and value not in ids:
                problems.append(
                    RuleIssue(
                        case.path,
                        case.line,
                        None,
                        None,
                        f"{key!r} names {value!r}, which is no {key.replace('_', '-')} of pack "
                        f"{rules.name!r}{did_you_mean(value, ids)}",
                    )
                )
    return problems


def case_folders(folder: Path) -> list[Path]:
    """A pack folder, then the folder of its base, and so on: where the cases that exercise it live."""
    folders: list[Path] = []
    while folder.resolve() not in [f.resolve() for f in folders]:
        folders.append(folder)
        data, _, issues = read_yaml(folder / PACK_FILE) if (folder / PACK_FILE).is_file() else (None, {}, [])
        base = data.get("base") if isinstance(data, dict) and not issues else None
        if not isinstance(base, str):
            break
        folder = resolve_pack(base, relative_to=folder)
    return folders


def _check(case: Case, rules: RuleSet) -> list[str]:
    try:
        plan = recommend(case.incidents, rules=rules)
    except ValidationError as exc:
        return [f"the incidents are not valid: {line}" for line in error_lines(exc, case.incidents)]
    except IncompleteRulesError as exc:
        return [f"the incidents were not decided: {exc}"]
    problems = []
    expect = case.data
    if "incident" in expect:
        decision = plan.decisions[0]
        if "rule" in expect and expect["rule"] != decision.rule_id:
            problems.append(f"decided by rule '{decision.rule_id}', not '{expect['rule']}'")
        if "not_rule" in expect and expect["not_rule"] == decision.rule_id:
            problems.append(f"decided by rule '{decision.rule_id}', which the case rules out")
        if "action" in expect and expect["action"] != decision.action.value:
            problems.append(f"the action is {decision.action.value}, not {expect['action']}")
        if "judgment_call" in expect and expect["judgment_call"] != decision.judgment_call:
            problems.append(
                f"judgment_call is {str(decision.judgment_call).lower()}, not {str(expect['judgment_call']).lower()}"
            )
    steps = {step.id: step for step in plan.steps}
    if "step" in expect:
        if expect["step"] not in steps:
            problems.append(f"step '{expect['step']}' is not in the plan")
        elif "items" in expect and tuple(expect["items"]) != steps[expect["step"]].items:
            problems.append(f"step '{expect['step']}' lists {list(steps[expect['step']].items)}, not {expect['items']}")
    if "not_step" in expect and expect["not_step"] in steps:
        problems.append(f"step '{expect['not_step']}' is in the plan")
    if "ended_at" in expect:
        problems.extend(_check_timing(expect, plan, rules))
    return problems


def _check_timing(expect: dict[str, Any], plan: Plan, rules: RuleSet) -> list[str]:
    ended_at = _moment(expect["ended_at"])
    if ended_at is None:  # read_cases refuses such a case
        return ["'ended_at' is not a date and time"]
    try:
        schedule = plan.schedule(ended_at, decision_by=_day(expect.get("decision_by")), rules=rules)
    except ValueError as exc:
        return [f"no schedule: {exc}"]
    found = {(f.rule_id, f.number): f for f in schedule.follow_ups}
    problems = []
    if "follow_up" in expect:
        key = (expect["follow_up"], expect.get("number", 1))
        follow_up = found.get(key)
        if follow_up is None:
            problems.append(f"follow-up '{key[0]}' number {key[1]} is not in the schedule")
        else:
            for name in ("not_before", "due"):
                if name in expect and _moment(expect[name]) != getattr(follow_up, name):
                    got = getattr(follow_up, name).isoformat(timespec="minutes")
                    problems.append(f"{name} is {got}, not {expect[name]}")
    if "not_follow_up" in expect and any(rule_id == expect["not_follow_up"] for rule_id, _ in found):
        problems.append(f"follow-up '{expect['not_follow_up']}' is in the schedule")
    return problems


def run_cases(folder: str | Path, *, rules: RuleSet | None = None) -> list[CaseResult]:
    """Run a pack's own ``*_test.yaml`` cases against the pack.

    Args:
        folder: the pack folder holding the case files, or a shipped pack's name.
        rules: the rule set to run them against; the pack in ``folder`` if not given.

    Returns:
        One result per case, in file order.

    Raises:
        RuleFileError: the pack cannot be loaded, it has no case files, or a case file cannot
            be read, holds a malformed case or one that names a rule the pack lacks.

    >>> from interview_recovery._rules.ruleset import rules_dir
    >>> all(result.passed for result in run_cases(rules_dir() / "no-mistakes"))
    True
    """
    path = resolve_pack(folder)
    ruleset = rules if rules is not None else load_rules(path)
    files = sorted(path.glob(f"*{CASES_SUFFIX}"))
    if not files:
        raise RuleFileError([RuleIssue(str(path), None, None, None, f"holds no case files (*{CASES_SUFFIX})")])
    cases = [case for file in files for case in read_cases(file)]
    unknown = _unknown_ids(cases, ruleset)
    if unknown:
        raise RuleFileError(unknown)
    return [CaseResult(case, tuple(_check(case, ruleset))) for case in cases]
