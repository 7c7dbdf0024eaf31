"""The semantic diff of two rule packs: which incidents they decide differently, not which lines differ."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .._rules.packs import load_rules
from .._rules.ruleset import RuleSet
from .domain import IncidentClass, build_domain, describe_classes, evaluate_domain

__all__ = ["Difference", "Outcome", "RuleDiff", "diff_rules"]


@dataclass(frozen=True)
class Outcome:
    """What a pack decides for one class of incident, and which rule decided it."""

    action: str
    channel: str
    judgment_call: bool
    rule_id: str
    pack: str

    def decision(self) -> tuple[str, str, bool]:
        """The part a user sees: the action, the channel, and whether it is a judgment call."""
        return self.action, self.channel, self.judgment_call

    def __str__(self) -> str:
        call = ", a judgment call" if self.judgment_call else ""
        return f"{self.action} ({self.channel}{call}) by {self.pack}:{self.rule_id}"


UNDECIDED = "(no decision)"


@dataclass(frozen=True)
class Difference:
    """One class of incident that the two packs decide differently (``None``: not decided at all)."""

    point: IncidentClass
    before: Outcome | None
    after: Outcome | None


@dataclass
class RuleDiff:
    """The classes of incident whose decision differs between rule set ``a`` and rule set ``b``."""

    a: RuleSet
    b: RuleSet
    changes: list[Difference]
    classes: int

    def rows(self) -> list[tuple[str, str, str]]:
        """The changes merged into readable classes: (incidents, decision in a, decision in b)."""
        groups: dict[tuple[str, str, str], list[IncidentClass]] = {}
        for change in self.changes:
            key = (change.point.kind, str(change.before or UNDECIDED), str(change.after or UNDECIDED))
            groups.setdefault(key, []).append(change.point)
        return [
            (label, before, after)
            for (_, before, after), points in groups.items()
            for label in describe_classes(points)
        ]

    def table(self) -> str:
        """The diff as a plain-text table a reviewer reads, with a closing count."""
        head = (
            f"{self.a.name} {self.a.version} -> {self.b.name} {self.b.version}: {len(self.changes)} of "
            f"{self.classes} incident classes decided differently"
        )
        rows = self.rows()
        if not rows:
            return head + "\n"
        header = ("incidents", self.a.name, self.b.name)
        widths = [max(len(row[i]) for row in (header, *rows)) for i in range(2)]
        lines = [head, ""]
        for row in (header, *rows):
            lines.append(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}".rstrip())
        return "\n".join(lines) + "\n"


def _outcome(ruleset: RuleSet, fired: list[int]) -> Outcome | None:
    best = ruleset.winner(fired)
    if best is None:
        return None
    rule = ruleset.rules[best]
    return Outcome(rule.action.value, rule.channel.value, rule.judgment_call, rule.id, rule.pack)


def diff_rules(a: RuleSet | str | Path, b: RuleSet | str | Path) -> RuleDiff:
    """Compare two rule packs over every class of incident, by the decision a user sees.

    A class counts as changed when its action, channel or judgment call differ (or only one
    pack decides it); the same decision reached by a differently named rule is no change.

    Args:
        a: the rule set before (or a pack folder to load).
        b: the rule set after (or a pack folder to load).

    Returns:
        The diff, with ``changes`` per class of incident, ``rows()`` merged and ``table()`` as text.

    Raises:
        RuleFileError: a pack folder given cannot be loaded.

    >>> from interview_recovery._rules.ruleset import rules_dir
    >>> diff = diff_rules(rules_dir() / "default", rules_dir() / "no-mistakes")
    >>> sorted({change.point.kind for change in diff.changes})
    ['off_target_answer', 'slip']
    """
    first = a if isinstance(a, RuleSet) else load_rules(a)
    second = b if isinstance(b, RuleSet) else load_rules(b)
    domain = build_domain(first, second)
    before = evaluate_domain(first, domain)
    after = evaluate_domain(second, domain)
    changes = []
    for index, point in enumerate(domain.points):
        one, two = _outcome(first, before.decisions[index]), _outcome(second, after.decisions[index])
        if (one.decision() if one else None) != (two.decision() if two else None):
            changes.append(Difference(point, one, two))
    return RuleDiff(first, second, changes, len(domain.points))
