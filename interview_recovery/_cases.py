"""Rule test cases (the ``*_test.yaml`` files beside rule files): read them, and run them against a pack."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ._packs import load_rules, resolve_pack
from ._recommend import recommend
from ._rules import CASES_SUFFIX, PACK_FILE, RuleSet, _did_you_mean
from ._yaml import read_yaml
from .exceptions import IncidentFileError, IncompleteRulesError

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


def read_cases(path: Path) -> list[Case]:
    """The cases of one case file.

    Raises:
        IncidentFileError: the file cannot be read, or a case is malformed (named by file and line).
    """
    data, locations, issues = read_yaml(path)
    if data is None or issues:
        raise IncidentFileError("\n".join(str(issue) for issue in issues))
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise IncidentFileError(f"{path}: a case file holds a mapping with a list under 'cases'")
    cases = []
    for index, item in enumerate(data["cases"]):
        line = locations.get(("cases", index), (None, None))[0]
        where = f"{path}:{line}"
        if not isinstance(item, dict) or "description" not in item or ("incident" in item) == ("incidents" in item):
            raise IncidentFileError(f"{where}: a case needs a 'description' and either 'incident' or 'incidents'")
        for key in item:
            if key not in CASE_KEYS:
                raise IncidentFileError(f"{where}: unknown key {key!r} in a case{_did_you_mean(str(key), CASE_KEYS)}")
        cases.append(Case(str(path), line, item))
    return cases


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
    except (ValidationError, IncompleteRulesError) as exc:
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
    return problems


def run_cases(folder: str | Path, *, rules: RuleSet | None = None) -> list[CaseResult]:
    """Run a pack's own ``*_test.yaml`` cases against the pack.

    Args:
        folder: the pack folder holding the case files, or a shipped pack's name.
        rules: the rule set to run them against; the pack in ``folder`` if not given.

    Returns:
        One result per case, in file order.

    Raises:
        IncidentFileError: a case file cannot be read, or holds a malformed case.
        RuleFileError: the pack cannot be loaded.

    >>> from interview_recovery._rules import rules_dir
    >>> all(result.passed for result in run_cases(rules_dir() / "no-mistakes"))
    True
    """
    path = resolve_pack(folder)
    ruleset = rules if rules is not None else load_rules(path)
    files = sorted(path.glob(f"*{CASES_SUFFIX}"))
    if not files:
        raise IncidentFileError(f"{path}: holds no case files (*{CASES_SUFFIX})")
    return [CaseResult(case, tuple(_check(case, ruleset))) for file in files for case in read_cases(file)]
