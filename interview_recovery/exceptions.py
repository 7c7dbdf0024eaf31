"""The library's exceptions, factored out so every module can raise them without import loops.

The exception hierarchy:

* InterviewRecoveryError
  * RuleFileError(ValueError)          bad rule, case or phrasings data; ``.issues``, each with a code and a location
  * IncompleteRulesError(ValueError)   the rules decided nothing for an incident
  * IncidentFileError(ValueError)      an incident file that cannot be used
  * EngineError(RuntimeError)          the rule engine failed; chained from its cause

Invalid incidents are not in this hierarchy: they raise pydantic's ``ValidationError``,
which names the incident's index and field, as pydantic users expect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._boundary.escape import visible

__all__ = [
    "EngineError",
    "IncidentFileError",
    "IncompleteRulesError",
    "InterviewRecoveryError",
    "IssueCode",
    "RuleFileError",
    "RuleIssue",
]

IssueCode = Literal["unreadable", "schema", "duplicate-key", "duplicate-id"]
"""What kind of problem a ``RuleIssue`` is: a file that cannot be read as YAML at all, data
that does not fit the rule model (or the pack's), a key repeated in one mapping, or a rule
id used twice."""


class InterviewRecoveryError(Exception):
    """The base of every error this library raises on purpose."""


@dataclass(frozen=True)
class RuleIssue:
    """One problem found in rule data: what kind (``code``), where, which rule, and what to do.

    ``line`` and ``column`` are 1-based; either may be ``None`` when the problem has no
    single place (a rule file that cannot be read at all, say). Group and filter issues by
    ``code``; the message is for people.
    """

    path: str
    line: int | None
    column: int | None
    rule_id: str | None
    message: str
    code: IssueCode = "schema"

    @property
    def location(self) -> tuple[str, int | None, int | None]:
        """The problem's place, as ``(path, line, column)``."""
        return self.path, self.line, self.column

    def __str__(self) -> str:
        where = visible(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        rule = f" rule '{visible(self.rule_id)}':" if self.rule_id else ""
        return f"{where}:{rule} {visible(self.message)}"


class RuleFileError(InterviewRecoveryError, ValueError):
    """Rule files that cannot be used; ``issues`` holds every problem found, not just the first."""

    def __init__(self, issues: list[RuleIssue] | tuple[RuleIssue, ...]) -> None:
        self.issues: tuple[RuleIssue, ...] = tuple(issues)
        count = len(self.issues)
        head = f"{count} problem{'s' if count != 1 else ''} in the rule files:"
        super().__init__("\n".join([head, *(str(issue) for issue in self.issues)]))


class IncompleteRulesError(InterviewRecoveryError, ValueError):
    """The rules gave no decision for an incident: the rule pack has a gap."""


class IncidentFileError(InterviewRecoveryError, ValueError):
    """An incident file that cannot be read, or holds an invalid incident; the message names the file."""


class EngineError(InterviewRecoveryError, RuntimeError):
    """The rule engine failed while evaluating; the cause is chained as ``__cause__``."""
