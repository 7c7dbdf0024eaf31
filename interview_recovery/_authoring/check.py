"""The rule checker: every problem in a rule pack, returned as data, down to a proof over all incidents.

``load_rules`` raises one error holding the problems that stop a pack loading; this module
reports those and, for a pack that loads, what only running every possible incident shows:
gaps, conflicts, and rules that can never decide.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .._engines.durable import refusal as durable_refusal
from .._model.models import Action
from .._notes.note import undraftable
from .._rules.packs import collect_rules
from .._rules.ruleset import Condition, DecisionRule, RuleSet, StepRule
from ..exceptions import RuleIssue
from .domain import Domain, IncidentClass, build_domain, describe_classes, evaluate_domain

__all__ = ["CheckReport", "Finding", "check_rules"]

Severity = Literal["error", "warning", "note"]

Code = Literal[
    "unreadable",
    "schema",
    "duplicate-key",
    "duplicate-id",
    "incomplete",
    "conflict",
    "unreachable",
    "shadowed",
    "sampled",
    "engine-limit",
    "undraftable",
]


@dataclass(frozen=True)
class Finding:
    """One problem the checker found: what, where, which rule, and an example incident.

    ``code`` is one of ``unreadable``, ``schema``, ``duplicate-key``, ``duplicate-id``
    (the file cannot be used as it is), ``incomplete``, ``conflict`` (errors over the domain),
    ``undraftable`` (an error: a rule gives a kind an action the note cannot draft for it),
    ``unreachable``, ``shadowed`` (warnings: a rule that never decides), ``engine-limit`` (a
    warning: durable_rules cannot take the pack, the Python engine must run it) and ``sampled``
    (a note: a rule tests free text, so the check there is by samples, not a proof).
    """

    code: Code
    severity: Severity
    path: str
    line: int | None
    column: int | None
    rule_id: str | None
    message: str
    example: Mapping[str, Any] | None = field(default=None, compare=False)
    incidents: tuple[Mapping[str, Any], ...] = field(default=(), compare=False)
    """For domain findings, an example incident of every class concerned (``example`` is the first)."""

    def __str__(self) -> str:
        text = str(RuleIssue(self.path, self.line, self.column, self.rule_id, f"{self.severity}: {self.message}"))
        if self.example is not None:
            text += f"\n    e.g. {json.dumps(dict(self.example))}"
        return text


@dataclass
class CheckReport:
    """What ``check_rules`` found for one rule pack, and how much of the domain it covered."""

    target: str
    ruleset: RuleSet | None
    findings: list[Finding]
    classes: int = 0
    """How many classes of incident were run through the engine."""
    refused: int = 0
    """How many combinations of field values the incident model refuses (not incidents at all)."""
    sampled: bool = False
    """True when some rule tests free text, so part of the check is by samples, not a proof."""

    @property
    def exit_code(self) -> int:
        """2 when input could not be read, 1 for any error or warning, else 0 (notes do not fail)."""
        if any(f.code == "unreadable" for f in self.findings):
            return 2
        return 1 if any(f.severity != "note" for f in self.findings) else 0

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data: the pack, the counts, the exit code and every finding."""
        rs = self.ruleset
        return {
            "target": self.target,
            "pack": {"name": rs.name, "version": rs.version, "base": rs.base or None} if rs else None,
            "classes": self.classes,
            "refused": self.refused,
            "sampled": self.sampled,
            "exit_code": self.exit_code,
            "summary": self.summary(),
            "findings": [
                {
                    "code": f.code,
                    "severity": f.severity,
                    "path": f.path,
                    "line": f.line,
                    "column": f.column,
                    "rule_id": f.rule_id,
                    "message": f.message,
                    "example": dict(f.example) if f.example is not None else None,
                    "incidents": [dict(i) for i in f.incidents],
                }
                for f in self.findings
            ],
        }

    def summary(self) -> str:
        """One line saying what was checked and what it proves."""
        if self.ruleset is None:
            count = len(self.findings)
            return (
                f"{self.target}: {count} problem{'s' if count != 1 else ''}; the rules could not be loaded, "
                "so nothing was run"
            )
        rs = self.ruleset
        on = f" (on {rs.base})" if rs.base else ""
        head = (
            f"{self.target}: pack {rs.name} {rs.version}{on}, {len(rs.rules)} rules and {len(rs.steps)} steps "
            f"over {self.classes} incident classes ({self.refused} more refused by the model)"
        )
        problems = [f for f in self.findings if f.severity != "note"]
        if problems:
            return f"{head}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"
        how = "checked by sampling free text" if self.sampled else "proved"
        return f"{head}: {how}: every incident gets exactly one decision, and every rule decides some incident"


def check_rules(*paths: str | Path | RuleSet, base: RuleSet | str | Path | None = None) -> CheckReport:
    """Check rule files as one pack, returning every problem found instead of raising.

    First everything ``load_rules`` rejects (each with file, line, column, rule id and a
    did-you-mean); then, if the pack loads, every class of incident the model allows is run
    through the engine: an incident no rule decides (``incomplete``), rules of equal
    priority deciding differently (``conflict``), a rule no incident reaches
    (``unreachable``) and one always beaten by another (``shadowed``).

    Args:
        paths: rule files or pack folders, as for :func:`load_rules`; or one rule set
            already loaded, to run only the checks over the domain.
        base: the pack these rules build on, as for :func:`load_rules`.

    Returns:
        The report, with its ``findings`` and an ``exit_code`` of 0 (clean), 1 (findings) or 2 (unreadable).

    >>> from interview_recovery._rules.ruleset import rules_dir
    >>> report = check_rules(rules_dir() / "default")
    >>> report.findings, report.exit_code
    ([], 0)
    """
    if len(paths) == 1 and isinstance(paths[0], RuleSet):
        ruleset: RuleSet | None = paths[0]
        target = f"pack {paths[0].name}"
        issues: list[RuleIssue] = []
    else:
        files = tuple(p for p in paths if not isinstance(p, RuleSet))
        if len(files) != len(paths):
            raise TypeError("check_rules() takes rule files and pack folders, or a single rule set")
        target = " ".join(str(p) for p in files)
        ruleset, issues = collect_rules(*files, base=base)
    if ruleset is None:
        findings = [Finding(i.code, "error", i.path, i.line, i.column, i.rule_id, i.message) for i in issues]
        return CheckReport(target, None, findings)
    domain = build_domain(ruleset)
    report = CheckReport(
        target, ruleset, [], classes=len(domain.points), refused=len(domain.refused), sampled=bool(domain.sampled)
    )
    report.findings.extend(_undraftable(ruleset))
    refused = durable_refusal(ruleset)
    if refused is not None:
        report.findings.append(Finding("engine-limit", "warning", target, None, None, None, refused))
    report.findings.extend(_analyse(ruleset, domain, target))
    return report


def _analyse(ruleset: RuleSet, domain: Domain, target: str) -> list[Finding]:
    matches = evaluate_domain(ruleset, domain)
    findings: list[Finding] = []
    matched: dict[int, list[IncidentClass]] = {k: [] for k in range(len(ruleset.rules))}
    won: dict[int, list[IncidentClass]] = {k: [] for k in range(len(ruleset.rules))}
    beaten_by: dict[int, int] = {}
    undecided: dict[str, list[IncidentClass]] = {}
    conflicts: dict[tuple[int, int], list[IncidentClass]] = {}

    for point, fired in zip(domain.points, matches.decisions, strict=True):
        best = ruleset.winner(fired)
        if best is None:
            undecided.setdefault(point.kind, []).append(point)
            continue
        won[best].append(point)
        top = ruleset.rules[best]
        for k in fired:
            matched[k].append(point)
            if k != best:
                beaten_by.setdefault(k, best)
                other = ruleset.rules[k]
                if other.priority == top.priority and (other.action, other.channel) != (top.action, top.channel):
                    conflicts.setdefault((best, k), []).append(point)

    for kind, points in undecided.items():
        count = len(points)
        classes = "; ".join(describe_classes(points))
        findings.append(
            Finding(
                "incomplete",
                "error",
                target,
                None,
                None,
                None,
                f"no rule decides {count} class{'es' if count != 1 else ''} of {kind} incident: {classes}; add a rule "
                f"for {'them' if count != 1 else 'it'}",
                points[0].incident(),
                tuple(p.incident() for p in points),
            )
        )
    for (a, b), points in conflicts.items():
        first, second = ruleset.rules[a], ruleset.rules[b]
        path, line = second.path, second.line
        findings.append(
            Finding(
                "conflict",
                "error",
                path,
                line,
                None,
                second.id,
                f"decides {second.action.value}/{second.channel.value} where rule '{first.id}' ({first.source}) "
                "decides "
                f"{first.action.value}/{first.channel.value}, at the same priority {first.priority}, for "
                f"{'; '.join(describe_classes(points))}: "
                "narrow one rule's 'when', or give the one that should win a lower 'priority'",
                points[0].incident(),
                tuple(p.incident() for p in points),
            )
        )
    for k, rule in enumerate(ruleset.rules):
        path, line = rule.path, rule.line
        if not matched[k]:
            refused = next((p for p, _ in domain.refused if rule.matches(p.kind, dict(p.fields))), None)
            why = " (the only incidents it describes are ones the model refuses)" if refused else ""
            findings.append(
                Finding(
                    "unreachable",
                    "warning",
                    path,
                    line,
                    None,
                    rule.id,
                    f"no possible incident matches its conditions{why}: "
                    f"{', '.join(c.describe() for c in rule.conditions) or 'none'}; fix or remove them",
                    refused.incident() if refused else None,
                )
            )
        elif not won[k] and not any(k in pair for pair in conflicts):
            beater = ruleset.rules[beaten_by[k]]
            findings.append(
                Finding(
                    "shadowed",
                    "warning",
                    path,
                    line,
                    None,
                    rule.id,
                    f"matches {len(matched[k])} incident class{'es' if len(matched[k]) != 1 else ''} but never "
                    f"decides: rule '{beater.id}' ({beater.source}) always wins first; remove it, or give it a lower "
                    "'priority'",
                    matched[k][0].incident(),
                    tuple(p.incident() for p in matched[k]),
                )
            )

    fired_matches = {(s, m) for s, m, _ in matches.step_items}
    for s, step in enumerate(ruleset.steps):
        for m, match in enumerate(step.when_any):
            if (s, m) not in fired_matches:
                path, line = step.path, step.line
                findings.append(
                    Finding(
                        "unreachable",
                        "warning",
                        path,
                        line,
                        None,
                        step.id,
                        f"'when_any' entry {m + 1} ({match.kind}: "
                        f"{', '.join(c.describe() for c in match.conditions) or 'any'}) matches no possible incident; "
                        "fix or remove it",
                    )
                )

    sampled_fields = {name for (_, name) in domain.sampled}
    tests: list[tuple[DecisionRule | StepRule, str | None, list[Condition]]] = [
        *((r, r.kind, list(r.conditions)) for r in ruleset.rules),
        *((s, None, [c for m in s.when_any for c in m.conditions]) for s in ruleset.steps),
    ]
    for tester, rule_kind, conditions in tests:
        tested = sorted({c.field for c in conditions} & sampled_fields)
        if tested:
            rule_id, path, line = tester.id, tester.path, tester.line
            samples = "; ".join(
                f"{name}: {_few(values)}"
                for (k, name), values in domain.sampled.items()
                if name in tested and (rule_kind is None or k == rule_kind)
            )
            findings.append(
                Finding(
                    "sampled",
                    "note",
                    path,
                    line,
                    None,
                    rule_id,
                    f"tests free text ({', '.join(tested)}), which has no finite set of values: checked by sampling "
                    f"({samples}), not proved",
                )
            )
    return findings


def _few(values: Sequence[Any], shown: int = 10) -> str:
    """Sample values as a finding lists them: the first few, then how many more."""
    said = ", ".join("(not given)" if v is None else repr(v) for v in values[:shown])
    return f"{said} and {len(values) - shown:,} more" if len(values) > shown else said


def _undraftable(ruleset: RuleSet) -> list[Finding]:
    """Every rule that gives its kind an action the note cannot draft for it."""
    findings = []
    for rule in ruleset.rules:
        why = undraftable(rule.kind, rule.action)
        if why is not None:
            can = ", ".join(action.value for action in Action if undraftable(rule.kind, action) is None)
            findings.append(
                Finding(
                    "undraftable",
                    "error",
                    rule.path,
                    rule.line,
                    None,
                    rule.id,
                    f"decides {rule.action.value}, but {why}; give it one of the actions the note can take for "
                    f"a {rule.kind.replace('_', ' ')}: {can}",
                )
            )
    return findings
