"""Turn expert advice on recovering from a bad job interview into a plan."""

from ._batch import recommend_many
from ._cases import CaseResult, run_cases
from ._check import CheckReport, Finding, check_rules
from ._coverage import Coverage, rule_coverage
from ._diff import RuleDiff, diff_rules
from ._explain import Explanation
from ._models import (
    Action,
    Channel,
    Decision,
    DifficultQuestion,
    Distraction,
    Incident,
    KnowledgeGap,
    Noticed,
    OffTargetAnswer,
    Omission,
    OmissionCategory,
    Slip,
    Step,
    Strength,
)
from ._note import load_phrasings
from ._packs import default_rules, load_rules
from ._plan import Plan
from ._recommend import recommend
from ._rules import RuleSet
from .exceptions import (
    EngineError,
    IncidentFileError,
    IncompleteRulesError,
    InterviewRecoveryError,
    RuleFileError,
    RuleIssue,
)

__all__ = [
    "Action",
    "CaseResult",
    "Channel",
    "CheckReport",
    "Coverage",
    "Decision",
    "DifficultQuestion",
    "Distraction",
    "EngineError",
    "Explanation",
    "Finding",
    "Incident",
    "IncidentFileError",
    "IncompleteRulesError",
    "InterviewRecoveryError",
    "KnowledgeGap",
    "Noticed",
    "OffTargetAnswer",
    "Omission",
    "OmissionCategory",
    "Plan",
    "RuleDiff",
    "RuleFileError",
    "RuleIssue",
    "RuleSet",
    "Slip",
    "Step",
    "Strength",
    "check_rules",
    "default_rules",
    "diff_rules",
    "load_phrasings",
    "load_rules",
    "recommend",
    "recommend_many",
    "rule_coverage",
    "run_cases",
]
