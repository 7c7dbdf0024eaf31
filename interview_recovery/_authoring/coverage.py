"""Rule coverage: which rules, step entries and conditions a set of incidents exercises, and which it never does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._engines import evaluate, fact
from .._io.incident_errors import error_lines
from .._io.inputs import BadInput, read_incidents
from .._planning.recommend import assemble, validate_incidents
from .._rules.packs import load_rules, resolve_pack
from .._rules.ruleset import CASES_SUFFIX, RuleSet
from ..exceptions import IncidentFileError
from .cases import case_folders, read_cases

__all__ = ["Coverage", "rule_coverage"]


@dataclass
class Coverage:
    """How often each rule decided and each condition held, over a set of interviews."""

    ruleset: RuleSet
    interviews: int = 0
    incidents: int = 0
    decided: dict[str, int] = field(default_factory=dict)
    """Rule id -> how many incidents it decided."""
    matched: dict[str, int] = field(default_factory=dict)
    """Rule id -> how many incidents it matched (deciding or beaten by another rule)."""
    entries: dict[tuple[str, int], int] = field(default_factory=dict)
    """(step id, 1-based ``when_any`` entry) -> how many incidents brought the step in through it."""
    conditions: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    """(rule id, condition in words) -> (times it held, times it failed) over incidents of the rule's kind."""

    def never(self) -> list[str]:
        """Everything never exercised, one line each: rules that never decided, step entries
        never used, and conditions never seen both holding and failing."""
        lines = []
        for rule in self.ruleset.rules:
            if not self.decided[rule.id]:
                beaten = " (it matched, but another rule always won)" if self.matched[rule.id] else ""
                lines.append(f"rule '{rule.id}' never decided an incident{beaten}")
        for (step_id, entry), count in self.entries.items():
            if not count:
                lines.append(f"step '{step_id}': 'when_any' entry {entry} never brought the step in")
        for (rule_id, condition), (held, failed) in self.conditions.items():
            if not held or not failed:
                lines.append(f"rule '{rule_id}': condition '{condition}' never {'held' if not held else 'failed'}")
        return lines

    @property
    def complete(self) -> bool:
        """True when every rule decided, every step entry fired and every condition went both ways."""
        return not self.never()

    def text(self) -> str:
        """The report as text: the counts, then what was never exercised."""
        rules = len(self.ruleset.rules)
        decided = sum(1 for count in self.decided.values() if count)
        conditions = len(self.conditions)
        both = sum(1 for held, failed in self.conditions.values() if held and failed)
        entries = len(self.entries)
        used = sum(1 for count in self.entries.values() if count)
        lines = [
            f"pack {self.ruleset.name} {self.ruleset.version}: {self.incidents} incidents in {self.interviews} "
            "interviews",
            f"rules that decided: {decided} of {rules}",
            f"step entries used: {used} of {entries}",
            f"conditions seen both holding and failing: {both} of {conditions}",
        ]
        missing = self.never()
        lines.append("never exercised:" if missing else "everything was exercised")
        lines.extend(f"  {line}" for line in missing)
        return "\n".join(lines) + "\n"


def _read_incident_file(path: Path) -> list[Any]:
    try:
        data = read_incidents(path)
    except BadInput as exc:
        raise IncidentFileError("\n".join(f"{path}: {line}" for line in exc.lines)) from None
    if isinstance(data, dict):
        raise IncidentFileError(f"{path}: holds an interview; coverage reads lists of incidents")
    return data


def _interviews(paths: Sequence[Path] | None, rules_folder: Path | None) -> list[tuple[str, list[Any]]]:
    interviews: list[tuple[str, list[Any]]] = []
    if paths is None:
        if rules_folder is None:
            raise IncidentFileError("no incident files given, and the rule set has no folder with *_test.yaml cases")
        # The pack's own cases, then its base's: a pack is exercised by the cases of what it builds on too.
        for folder in case_folders(rules_folder):
            for path in sorted(folder.glob(f"*{CASES_SUFFIX}")):
                interviews.extend((f"{case.path}:{case.line}", case.incidents) for case in read_cases(path))
        return interviews
    for path in paths:
        if path.is_dir():
            files = sorted(p for pattern in ("*.json", "*.yaml", "*.yml") for p in path.rglob(pattern))
            if not files:
                raise IncidentFileError(f"{path}: holds no incident files (*.json, *.yaml, *.yml)")
        elif path.exists():
            files = [path]  # a file, or something reading refuses by name (a FIFO, a device)
        else:
            raise IncidentFileError(f"{path}: no such file or folder")
        interviews.extend((str(one), _read_incident_file(one)) for one in files)
    return interviews


def rule_coverage(paths: Sequence[str | Path] | None = None, *, rules: RuleSet | str | Path = "default") -> Coverage:
    """Run interviews through a rule pack and count what each rule and condition did.

    Args:
        paths: incident files (a JSON or YAML list of incidents each) or folders of them;
            ``None`` for the ``*_test.yaml`` cases of the pack and of the packs it builds on.
        rules: the rule set, or a pack folder (or shipped pack name) to load.

    Returns:
        The coverage; ``never()`` lists what was never exercised.

    Raises:
        IncidentFileError: a file cannot be read or holds an invalid incident (named by file and index).
        RuleFileError: the pack cannot be loaded.

    >>> from interview_recovery._rules.ruleset import rules_dir
    >>> rule_coverage(rules=rules_dir() / "default").complete
    True
    """
    folder: Path | None = None
    if isinstance(rules, RuleSet):
        ruleset = rules
    else:
        folder = resolve_pack(rules)
        ruleset = load_rules(folder)
    coverage = Coverage(ruleset)
    coverage.decided = {rule.id: 0 for rule in ruleset.rules}
    coverage.matched = {rule.id: 0 for rule in ruleset.rules}
    coverage.entries = {(step.id, n + 1): 0 for step in ruleset.steps for n in range(len(step.when_any))}
    coverage.conditions = {(rule.id, c.describe()): (0, 0) for rule in ruleset.rules for c in rule.conditions}

    for name, raw in _interviews([Path(p) for p in paths] if paths is not None else None, folder):
        try:
            incidents = validate_incidents(raw)
        except ValidationError as exc:
            raise IncidentFileError("\n".join(f"{name}: {line}" for line in error_lines(exc, raw))) from None
        facts = [fact(incident) for incident in incidents]
        matches = evaluate(ruleset, facts, engine=None, precompute=False)
        plan = assemble(ruleset, incidents, facts, matches)
        coverage.interviews += 1
        coverage.incidents += len(incidents)
        for decision in plan.decisions:
            coverage.decided[decision.rule_id] += 1
        for fired in matches.decisions:
            for k in fired:
                coverage.matched[ruleset.rules[k].id] += 1
        for step_index, entry, _ in matches.step_items:
            coverage.entries[(ruleset.steps[step_index].id, entry + 1)] += 1
        for kind, fields in facts:
            for rule in ruleset.rules:
                if rule.kind != kind:
                    continue
                for condition in rule.conditions:
                    key = (rule.id, condition.describe())
                    held, failed = coverage.conditions[key]
                    coverage.conditions[key] = (held + 1, failed) if condition.holds(fields) else (held, failed + 1)
    return coverage
